#!/usr/bin/env python
"""Load benchmark: the portal's heavy pages against a minimal logged-in view (the ceiling), on
PostgreSQL with `seed_demo --scale N` data, served by gunicorn on loopback.

    make bench                                   # = .venv/bin/python bench/run.py
    .venv/bin/python bench/run.py --scale 10        # one scale only (no growth column)
    .venv/bin/python bench/run.py --requests 400 --concurrency 4 --reseed

Steps: create the database (default postgres://postgres@127.0.0.1:5432/samordna_bench) if missing,
migrate, seed the scale-N demo data unless already there, start one gunicorn per scale with
bench/settings.py (production settings over plain HTTP, plus /bench/ceiling/), log the demo accounts
in, warm every worker, then for each page, at each scale in turn (page A at 10, A at 40, B at 10, …),
a warm-up and a fixed number of requests from a fixed number of client threads (loopback only; it
stops by itself). Measuring a page's scales back to back keeps a machine whose speed drifts during
the run from showing up as growth. Prints requests/s, p50 and p95 per page and each page's throughput as a
ratio to the ceiling, at scale 10 and at scale 40 (each scale in its own database, seeded once), and
each page's growth from the one to the other (its ratio at 10 over its ratio at 40). The aim: every
page 0.3 of the ceiling or better, the median page 0.4, growth at most 1.25×, no errors. Results
also go to bench/results-last.json.

bench/locustfile.py runs the same pages under locust for an interactive look."""
from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.client import free_port, log_in, measure, request  # noqa: E402
from bench.database import analyze, database_for, ensure_database  # noqa: E402

PY = sys.executable
SETTINGS = "bench.settings"

# (label, role, how to find the URL: a Django expression evaluated in a shell)
PAGES = [
    ("ceiling (minimal logged-in view)", "chair", "'/bench/ceiling/'"),
    ("layout only (base.html, empty page)", "chair", "'/bench/layout/'"),
    ("start page (Min sida)", "chair", "reverse('governance:home')"),
    ("operating plan page", "chair", "reverse('annualplan:plan_detail', kwargs={'year': today().year})"),
    ("fee allocation (fee proposal)", "chair",
     "reverse('fees:proposal_detail', kwargs={'pk': FeeProposal.objects.order_by('-budget__year', '-number')"
     ".first().pk})"),
    ("meeting list", "chair", "reverse('governance:meeting_list')"),
    ("feature backlog", "weblead", "reverse('webadmin:request_list')"),
    ("ballot page", "infochef", "reverse('governance:election_ballot', kwargs={'year': today().year + 1})"),
    ("consultation status", "chair", "reverse('annualplan:consultation_status', kwargs={'year': today().year + 1})"),
    ("invoice list", "chair", "reverse('fees:invoice_list')"),
    ("evaluation of the 22 organisations", "chair", "reverse('annualplan:evaluation', kwargs={'year': today().year})"),
    ("G7 report page", "g7", "reverse('governance:g7_report_detail', kwargs={'pk': G7Report.objects.order_by("
     "'-period_end', '-pk').first().pk})"),
    ("notification list", "chair", "reverse('governance:notification_list')"),
    ("search across the portal", "chair", "reverse('governance:search') + '?q=styrgrupp'"),
    ("news list", "communicator", "reverse('governance:news_list')"),
    ("admin: membership list", "admin", "'/admin/governance/membership/'"),
]
# Short names for bench/inprocess.py --page (same order as PAGES).
SHORT_NAMES = ["ceiling", "layout", "start", "plan", "fee", "meetings", "backlog", "ballot", "consultation",
               "invoices", "evaluation", "g7report", "notifications", "search",
               "news", "admin-memberships"]
CEILING_AGAIN = "ceiling, measured again last"
RESOLVE = """
import json
from django.urls import reverse, NoReverseMatch
from governance.authority import today
from governance.reports.models import G7Report
try:
    from fees.models import FeeProposal
except Exception:
    FeeProposal = None
out = {}
for label, expr in json.loads(INPUT):
    try:
        out[label] = eval(expr)
    except Exception as exc:
        out[label] = None
        print("cannot resolve", label, type(exc).__name__, exc, file=__import__("sys").stderr)
from governance.meetings.models import Meeting; from governance.people.models import User
counts = {"users": User.objects.count(), "meetings": Meeting.objects.count()}
for label, q in [("plans", "annualplan.models.Plan"), ("activities", "annualplan.models.Activity"),
                 ("invoices", "fees.models.Invoice"), ("feature requests", "webadmin.models.FeatureRequest")]:
    try:
        mod, cls = q.rsplit(".", 1)
        counts[label] = getattr(__import__(mod, fromlist=[cls]), cls).objects.count()
    except Exception:
        counts[label] = None
print("RESULT" + json.dumps({"urls": out, "counts": counts}))
"""


def env_for(db_url: str, redis_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG",)}
    env.update(DJANGO_SETTINGS_MODULE=SETTINGS, DATABASE_URL=db_url, PYTHONPATH=str(ROOT))
    if redis_url:
        env["REDIS_URL"] = redis_url
    else:
        env.pop("REDIS_URL", None)
    return env


def run(cmd, env, what, capture=False):
    print(f"== {what}", flush=True)
    result = subprocess.run(cmd, cwd=ROOT, env=env, text=True, capture_output=capture)
    if result.returncode:
        if capture:
            print(result.stdout[-4000:], result.stderr[-4000:])
        sys.exit(f"{what} failed ({result.returncode})")
    return result


def django_shell(env, code: str, stdin_input: str) -> dict:
    program = f"INPUT = {stdin_input!r}\n" + code
    result = subprocess.run([PY, "manage.py", "shell", "-c", program], cwd=ROOT, env=env, text=True,
                            capture_output=True)
    if result.stderr.strip():
        print(result.stderr.strip()[-2000:], file=sys.stderr)
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith("RESULT")), None)
    if result.returncode or line is None:
        sys.exit(f"resolving the URLs failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return json.loads(line[len("RESULT"):])


def default_redis() -> str:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return "redis://127.0.0.1:6379/5"
    except OSError:
        return ""


def load_average() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(next(ln for ln in Path("/proc/meminfo").read_text().splitlines()
                      if ln.startswith("MemTotal")).split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    return f"{cpu}, {os.cpu_count()} CPUs{mem}, {platform.system()} {platform.release()}, Python {platform.python_version()}"


AIM_EACH, AIM_MEDIAN, AIM_GROWTH = 0.3, 0.4, 1.25


def start_scale(args, scale: int, db_url: str) -> dict:
    """Seed (when needed), start gunicorn on the scale's database, log the roles in and warm every
    worker on every page. The server keeps running until `stop_scale`."""
    env = env_for(db_url, args.redis_url)
    created = ensure_database(db_url, args.reseed)
    run([PY, "manage.py", "migrate", "--noinput", "-v", "0"], env, f"migrate ({urlparse(db_url).path[1:]})")
    info = django_shell(env, RESOLVE, json.dumps([(label, expr) for label, _, expr in PAGES]))
    if created or args.reseed or (info["counts"]["users"] or 0) < 90 * scale:
        t0 = time.perf_counter()
        run([PY, "manage.py", "seed_demo", "--force", "--scale", str(scale)], env,
            f"seed_demo --scale {scale} (a few minutes)", capture=True)
        print(f"   seeded in {time.perf_counter() - t0:.0f} s")
        analyze(db_url)
        info = django_shell(env, RESOLVE, json.dumps([(label, expr) for label, _, expr in PAGES]))
    print(f"== scale {scale}:", ", ".join(f"{k} {v}" for k, v in info["counts"].items()))

    port = free_port()
    log = ROOT / "artifacts" / f"bench-gunicorn-s{scale}.log"
    log.parent.mkdir(exist_ok=True)
    cmd = [str(Path(PY).with_name("gunicorn")), "config.wsgi", "--bind", f"127.0.0.1:{port}",
           "--workers", str(args.workers), "--access-logfile", "-", "--error-logfile", "-", "--log-level", "warning"]
    print(f"== scale {scale}: gunicorn on 127.0.0.1:{port}, {args.workers} workers (log: {log.relative_to(ROOT)})")
    with open(log, "w") as fh:
        server = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True)
    live = {"scale": scale, "counts": info["counts"], "urls": info["urls"], "server": server, "port": port}
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if request(port, "GET", "/healthz/live/", {})[0] == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"gunicorn did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.25)
        live["sessions"] = {role: log_in(port, role) for role in sorted({r for _, r, _ in PAGES})}
        # Every worker process does its first-time work (imports, templates, caches) before any
        # measurement, so it is not charged to the page that happens to be measured first.
        print(f"== scale {scale}: warm-up, every page {args.warmup * args.workers} times")
        for label, role, _ in PAGES:
            if info["urls"].get(label):
                measure(port, info["urls"][label], live["sessions"][role], args.warmup * args.workers,
                        args.concurrency, 0)
    except BaseException:
        stop_scale(live)
        raise
    return live


def stop_scale(live: dict) -> None:
    server = live["server"]
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def measure_scales(args, lives: list[dict]) -> list[dict]:
    """Every page at every scale, the scales one after the other for each page (page A at 10, A at
    40, B at 10, …): a machine whose speed drifts during the run (another VM on the host, the CPU's
    clock) moves both measurements of a page alike, so the growth compares like with like."""
    print(f"== {args.requests} requests per page and scale, {args.concurrency} client threads, "
          f"{args.warmup} warm-up requests")
    runs = [{"scale": live["scale"], "counts": live["counts"], "results": {}, "load_before": load_average()}
            for live in lives]
    # The ceiling is measured first and again last; its mean is the reference, so a machine
    # that speeds up or slows down during the run does not favour the pages measured first.
    ceiling_label, ceiling_role, _ = PAGES[0]
    for label, role, _ in [*PAGES, (CEILING_AGAIN, ceiling_role, None)]:
        for live, run_ in zip(lives, runs, strict=True):
            path = live["urls"].get(ceiling_label if label == CEILING_AGAIN else label)
            if not path:
                run_["results"][label] = {"missing": True}
                print(f"   {label:<34} @{live['scale']:<3} not measured (the page does not exist yet)")
                continue
            r = {"path": path, "role": role, **measure(live["port"], path, live["sessions"][role], args.requests,
                                                       args.concurrency, args.warmup)}
            run_["results"][label] = r
            print(f"   {label:<34} @{live['scale']:<3} {r['rps']:7.1f} req/s  p50 {r['p50_ms']:6.1f} ms  "
                  f"p95 {r['p95_ms']:6.1f} ms" + (f"  ERRORS {r['errors']} {r['error_statuses']}" if r["errors"] else ""),
                  flush=True)
    for run_ in runs:
        results = run_["results"]
        first, last = results[PAGES[0][0]]["rps"], results[CEILING_AGAIN]["rps"]
        run_.update(ceiling=(first + last) / 2, ceiling_first=first, ceiling_last=last, load_after=load_average())
        for r in results.values():
            if not r.get("missing"):
                r["ratio"] = r["rps"] / run_["ceiling"]
    return runs


def report(args, runs: list[dict]) -> tuple[str, list[str]]:
    """The Markdown table of every scale, the growth from the first scale to the last, and what
    misses the aim (each page 0.3 of the ceiling, the median page 0.4, growth at most 1.25, no errors)."""
    first, last = runs[0], runs[-1]
    lines = [f"Machine: {machine()}"]
    for run_ in runs:
        lines.append(f"Data at scale {run_['scale']} (seed_demo --scale {run_['scale']}, PostgreSQL): "
                     + ", ".join(f"{k} {v}" for k, v in run_["counts"].items()))
    lines += [
        f"Server: gunicorn, {args.workers} sync workers, bench/settings.py (production settings over HTTP), "
        f"sessions in {'Redis' if args.redis_url else 'the database'}",
        f"Load: {args.requests} requests per page after {args.warmup} warm-up, {args.concurrency} client threads "
        f"on the same machine, each page's scales one after the other; load average {first['load_before']} "
        f"before, {last['load_after']} after",
        "Ceiling: the mean of its first and last measurement in the same run ("
        + "; ".join(f"scale {r['scale']}: {r['ceiling_first']:.1f} and {r['ceiling_last']:.1f} req/s" for r in runs)
        + ")",
        "",
    ]
    scales = [r["scale"] for r in runs]
    growth_col = len(runs) > 1
    head = ["page", "URL"] + [f"req/s @{s}" for s in scales] + [f"p50 ms @{s}" for s in scales] \
        + [f"ratio @{s}" for s in scales] + ([f"growth {scales[0]}→{scales[-1]}"] if growth_col else [])
    lines += ["| " + " | ".join(head) + " |", "|" + "---|" * 2 + "---:|" * (len(head) - 2)]
    failing: list[str] = []
    references = (PAGES[0][0], PAGES[1][0], CEILING_AGAIN)
    measured = []
    for label in [*(p[0] for p in PAGES), CEILING_AGAIN]:
        rows = [r["results"].get(label, {"missing": True}) for r in runs]
        if any(r.get("missing") for r in rows):
            lines.append(f"| {label} | – | " + " | ".join("–" for _ in head[2:]) + " |")
            failing.append(f"{label} (not measured)")
            continue
        ratios = [r["ratio"] for r in rows]
        # Growth: how much of its ratio to the ceiling the page loses from the first scale to the last.
        growth = ratios[0] / ratios[-1] if ratios[-1] else float("inf")
        cells = [label, f"`{rows[0]['path']}`"] + [f"{r['rps']:.1f}" for r in rows] \
            + [f"{r['p50_ms']:.1f}" for r in rows]
        for r in rows:
            mark = "" if label in references or r["ratio"] >= AIM_EACH else f" (below {AIM_EACH})"
            cells.append(f"{r['ratio']:.2f}{mark}{' ERRORS' if r['errors'] else ''}")
        if growth_col:
            cells.append(f"{growth:.2f}×" + ("" if label in references or growth <= AIM_GROWTH
                                             else f" (above {AIM_GROWTH})"))
        lines.append("| " + " | ".join(cells) + " |")
        if label in references:
            continue
        measured.append(ratios)
        if any(r["errors"] for r in rows):
            failing.append(f"{label} (errors)")
        if min(ratios) < AIM_EACH:
            failing.append(f"{label} (ratio {min(ratios):.2f})")
        if growth_col and growth > AIM_GROWTH:
            failing.append(f"{label} (growth {growth:.2f}×)")
    for i, scale in enumerate(scales):
        median = statistics.median(r[i] for r in measured) if measured else 0.0
        lines.append("")
        lines.append(f"Median page at scale {scale}: {median:.2f} of the ceiling (aim {AIM_MEDIAN}).")
        if median < AIM_MEDIAN:
            failing.append(f"median at scale {scale} ({median:.2f})")
    return "\n".join(lines), failing


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/samordna_bench"))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", default_redis()),
                        help="sessions and cache in Redis, as in production (default: redis://127.0.0.1:6379/5 "
                             "when it answers, else database sessions; '' for none)")
    parser.add_argument("--scale", type=int, action="append",
                        help="data scale; give it twice for the growth between them (default: 10 and 40)")
    parser.add_argument("--reseed", action="store_true", help="drop and recreate the database first")
    parser.add_argument("--requests", type=int, default=300, help="measured requests per page")
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=4, help="client threads")
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1, help="gunicorn workers")
    args = parser.parse_args()
    scales = args.scale or [10, 40]

    if not args.database_url.startswith(("postgres://", "postgresql://")):
        sys.exit("the benchmark runs on PostgreSQL: give --database-url postgres://…")
    lives = []
    try:
        for scale in scales:
            lives.append(start_scale(args, scale, database_for(args.database_url, scale, scales[0])))
        runs = measure_scales(args, lives)
    finally:
        for live in lives:
            stop_scale(live)
    markdown, failing = report(args, runs)
    print()
    print(markdown)
    (ROOT / "bench" / "results-last.json").write_text(json.dumps(
        {"when": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "machine": machine(), "args": vars(args),
         "runs": runs, "markdown": markdown, "below_the_aim": failing}, indent=1, ensure_ascii=False))
    if failing:
        print(f"\nBelow the aim (each page {AIM_EACH} of the ceiling, the median {AIM_MEDIAN}, growth at most "
              f"{AIM_GROWTH}×, no errors): {', '.join(failing)}")


if __name__ == "__main__":
    main()
