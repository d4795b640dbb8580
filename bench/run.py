#!/usr/bin/env python
"""Load benchmark: the portal's heavy pages against a minimal logged-in view (the ceiling), on
PostgreSQL with `seed_demo --scale N` data, served by gunicorn on loopback.

    make bench                                   # = .venv/bin/python bench/run.py
    .venv/bin/python bench/run.py --requests 400 --concurrency 4 --reseed

Steps: create the database (default postgres://postgres@127.0.0.1:5432/samordna_bench) if missing,
migrate, seed the scale-N demo data unless already there, start gunicorn with bench/settings.py
(production settings over plain HTTP, plus /bench/ceiling/), log the demo accounts in, then for each
page a warm-up and a fixed number of requests from a fixed number of client threads (loopback
only; it stops by itself). Prints requests/s, p50 and p95 per page and each page's throughput as a
ratio to the ceiling (the aim: 0.4 or better). Results also go to bench/results-last.json.

bench/locustfile.py runs the same pages under locust for an interactive look."""
from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
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
    ("admin: membership list", "admin", "'/admin/governance/membership/'"),
]
# Short names for bench/inprocess.py --page (same order as PAGES).
SHORT_NAMES = ["ceiling", "layout", "start", "plan", "fee", "meetings", "backlog", "ballot", "consultation",
               "invoices", "evaluation", "g7report", "notifications", "admin-memberships"]
CEILING_AGAIN = "ceiling, measured again last"
RESOLVE = """
import json
from django.urls import reverse, NoReverseMatch
from governance.selectors import today
from governance.models import G7Report
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
from governance.models import User, Meeting
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


def ensure_database(db_url: str, reseed: bool) -> bool:
    """Create the PostgreSQL database if missing (or drop and recreate it); True when created."""
    import psycopg2

    parsed = urlparse(db_url)
    name = parsed.path.lstrip("/")
    admin = urlunparse(parsed._replace(path="/postgres"))
    conn = psycopg2.connect(admin)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            if reseed:
                cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cur.fetchone():
                return False
            cur.execute(f'CREATE DATABASE "{name}"')
            return True
    finally:
        conn.close()


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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port: int, method: str, path: str, cookies: dict[str, str], body: str | None = None,
            headers: dict | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        hdrs = {"Host": f"127.0.0.1:{port}", "Accept-Language": "sv", **(headers or {})}
        if cookies:
            hdrs["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        conn.request(method, path, body=body, headers=hdrs)
        resp = conn.getresponse()
        data = resp.read()
        for header in resp.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(header)
            for key, morsel in jar.items():
                cookies[key] = morsel.value
        return resp.status, resp.headers, data
    finally:
        conn.close()


def log_in(port: int, username: str) -> dict[str, str]:
    cookies: dict[str, str] = {}
    status, _, html = request(port, "GET", "/konto/logga-in/", cookies)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if status != 200 or not token:
        sys.exit(f"the login page answered {status}")
    body = urlencode({"username": username, "password": "demo", "csrfmiddlewaretoken": token.group(1).decode()})
    status, headers, _ = request(port, "POST", "/konto/logga-in/", cookies, body,
                                 {"Content-Type": "application/x-www-form-urlencoded",
                                  "Referer": f"http://127.0.0.1:{port}/konto/logga-in/"})
    if status != 302 or "sessionid" not in cookies:
        sys.exit(f"{username} could not log in ({status})")
    return {"sessionid": cookies["sessionid"]}


def measure(port: int, path: str, cookies: dict[str, str], n: int, concurrency: int, warmup: int) -> dict:
    errors = []
    lock = threading.Lock()

    def one(_):
        t0 = time.perf_counter()
        status, _, _ = request(port, "GET", path, dict(cookies))
        elapsed = time.perf_counter() - t0
        if status != 200:
            with lock:
                errors.append(status)
        return elapsed

    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(one, range(warmup)))
        t0 = time.perf_counter()
        latencies = list(pool.map(one, range(n)))
        wall = time.perf_counter() - t0
    latencies.sort()
    return {
        "requests": n,
        "errors": len(errors),
        "error_statuses": sorted(set(errors)),
        "rps": n / wall,
        "p50_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[max(0, int(round(0.95 * n)) - 1)] * 1000,
    }


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


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/samordna_bench"))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", default_redis()),
                        help="sessions and cache in Redis, as in production (default: redis://127.0.0.1:6379/5 "
                             "when it answers, else database sessions; '' for none)")
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--reseed", action="store_true", help="drop and recreate the database first")
    parser.add_argument("--requests", type=int, default=300, help="measured requests per page")
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=4, help="client threads")
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1, help="gunicorn workers")
    args = parser.parse_args()

    if not args.database_url.startswith(("postgres://", "postgresql://")):
        sys.exit("the benchmark runs on PostgreSQL: give --database-url postgres://…")
    env = env_for(args.database_url, args.redis_url)
    created = ensure_database(args.database_url, args.reseed)
    run([PY, "manage.py", "migrate", "--noinput", "-v", "0"], env, "migrate")
    info = django_shell(env, RESOLVE, json.dumps([(label, expr) for label, _, expr in PAGES]))
    if created or args.reseed or (info["counts"]["users"] or 0) < 90 * args.scale:
        t0 = time.perf_counter()
        run([PY, "manage.py", "seed_demo", "--force", "--scale", str(args.scale)], env,
            f"seed_demo --scale {args.scale} (a few minutes)", capture=True)
        print(f"   seeded in {time.perf_counter() - t0:.0f} s")
        info = django_shell(env, RESOLVE, json.dumps([(label, expr) for label, _, expr in PAGES]))
    print("== data:", ", ".join(f"{k} {v}" for k, v in info["counts"].items()))

    port = free_port()
    log = ROOT / "artifacts" / "bench-gunicorn.log"
    log.parent.mkdir(exist_ok=True)
    cmd = [str(Path(PY).with_name("gunicorn")), "config.wsgi", "--bind", f"127.0.0.1:{port}",
           "--workers", str(args.workers), "--access-logfile", "-", "--error-logfile", "-", "--log-level", "warning"]
    print(f"== gunicorn on 127.0.0.1:{port}, {args.workers} workers (log: {log.relative_to(ROOT)})")
    with open(log, "w") as fh:
        server = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True)
    results = {}
    load_before = load_average()
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if request(port, "GET", "/healthz/", {})[0] == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"gunicorn did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.25)
        sessions = {role: log_in(port, role) for role in sorted({r for _, r, _ in PAGES})}
        # Every worker process does its first-time work (imports, templates, caches) before any
        # measurement, so it is not charged to the page that happens to be measured first.
        print(f"== warm-up: every page {args.warmup * args.workers} times")
        for label, role, _ in PAGES:
            if info["urls"].get(label):
                measure(port, info["urls"][label], sessions[role], args.warmup * args.workers, args.concurrency, 0)
        print(f"== {args.requests} requests per page, {args.concurrency} client threads, "
              f"{args.warmup} warm-up requests")
        # The ceiling is measured first and again last; its mean is the reference, so a machine
        # that speeds up or slows down during the run does not favour the pages measured first.
        ceiling_label, ceiling_role, _ = PAGES[0]
        for label, role, _ in [*PAGES, (CEILING_AGAIN, ceiling_role, None)]:
            path = info["urls"].get(ceiling_label if label == CEILING_AGAIN else label)
            if not path:
                results[label] = {"missing": True}
                print(f"   {label:<34} not measured (the page does not exist yet)")
                continue
            results[label] = {"path": path, "role": role,
                              **measure(port, path, sessions[role], args.requests, args.concurrency, args.warmup)}
            r = results[label]
            print(f"   {label:<34} {r['rps']:7.1f} req/s  p50 {r['p50_ms']:6.1f} ms  p95 {r['p95_ms']:6.1f} ms"
                  + (f"  ERRORS {r['errors']} {r['error_statuses']}" if r["errors"] else ""), flush=True)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)

    load_after = load_average()
    first, last = results[PAGES[0][0]]["rps"], results[CEILING_AGAIN]["rps"]
    ceiling = (first + last) / 2
    layout = results.get(PAGES[1][0], {}).get("rps")
    lines = [
        f"Machine: {machine()}",
        f"Data: seed_demo --scale {args.scale} on PostgreSQL: "
        + ", ".join(f"{k} {v}" for k, v in info["counts"].items()),
        f"Server: gunicorn, {args.workers} sync workers, bench/settings.py (production settings over HTTP), "
        f"sessions in {'Redis' if args.redis_url else 'the database'}",
        f"Load: {args.requests} requests per page after {args.warmup} warm-up, {args.concurrency} client threads "
        f"on the same machine; load average before {load_before}, after {load_after}",
        f"Ceiling: the mean of the first and the last measurement ({first:.1f} and {last:.1f} req/s)",
        "",
        "| page | URL | req/s | p50 ms | p95 ms | ratio to ceiling | ratio to layout only |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    failing = []
    references = (PAGES[0][0], PAGES[1][0], CEILING_AGAIN)
    for label in [*(p[0] for p in PAGES), CEILING_AGAIN]:
        r = results[label]
        if r.get("missing"):
            lines.append(f"| {label} | – | – | – | – | not measured: the page does not exist yet | – |")
            continue
        ratio = r["rps"] / ceiling
        layout_ratio = r["rps"] / layout if layout else float("nan")
        mark = "" if ratio >= 0.4 or label in references else " (below 0.4)"
        if mark or r["errors"]:
            failing.append(label)
        lines.append(f"| {label} | `{r['path']}` | {r['rps']:.1f} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | "
                     f"{ratio:.2f}{mark}{' ERRORS' if r['errors'] else ''} | {layout_ratio:.2f} |")
    report = "\n".join(lines)
    print()
    print(report)
    (ROOT / "bench" / "results-last.json").write_text(json.dumps(
        {"when": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "machine": machine(), "args": vars(args),
         "counts": info["counts"], "results": results, "markdown": report}, indent=1, ensure_ascii=False))
    if failing:
        print(f"\nBelow the aim (0.4 of the ceiling) or with errors: {', '.join(failing)}")


if __name__ == "__main__":
    main()
