#!/usr/bin/env python
"""Where a page's time goes, in one process: the benchmark's pages requested through Django's test
client (the whole middleware stack, no HTTP server) on the benchmark database, one at a time.

    .venv/bin/python bench/inprocess.py                      # every page: CPU ms, wall ms, queries
    .venv/bin/python bench/inprocess.py --page start --profile 30   # cProfile of one page, top 30
    .venv/bin/python bench/inprocess.py --page start --pyinstrument  # pyinstrument's call tree
    .venv/bin/python bench/inprocess.py --page start --queries       # the page's SQL

Run `make bench` once first (it creates and seeds the database). CPU time is this process's own
(Python: views, ORM, templates); wall time adds the database and Redis round trips. Both are the
median (CPU also the minimum) of --repeat requests after a warm-up, so other work on the machine moves them much less than
it moves the load benchmark's requests per second."""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# (short name, role, URL expression): the pages of bench/run.py, under their short names.
sys.path.insert(0, str(ROOT / "bench"))
from run import PAGES as RUN_PAGES  # noqa: E402
from run import SHORT_NAMES  # noqa: E402

PAGES = [(short, role, expr) for short, (_label, role, expr) in zip(SHORT_NAMES, RUN_PAGES, strict=True)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/samordna_bench"))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5"))
    parser.add_argument("--page", action="append", help="short name (default: all): "
                        + ", ".join(p[0] for p in PAGES))
    parser.add_argument("--role", help="log in as this demo account instead of the page's own")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--profile", type=int, metavar="N", help="print cProfile's top N functions per page")
    parser.add_argument("--pyinstrument", action="store_true", help="print pyinstrument's call tree per page")
    parser.add_argument("--queries", action="store_true", help="print each page's SQL statements")
    args = parser.parse_args()

    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["DATABASE_URL"] = args.database_url
    if args.redis_url:
        os.environ["REDIS_URL"] = args.redis_url
    import django

    django.setup()
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse  # noqa: F401  (used by the URL expressions)

    from fees.models import FeeProposal  # noqa: F401
    from governance.authority import today  # noqa: F401
    from governance.people.models import User
    from governance.reports.models import G7Report  # noqa: F401

    chosen = [p for p in PAGES if not args.page or p[0] in args.page]
    print(f"{'page':<10} {'CPU ms':>8} {'min':>6} {'wall ms':>8} {'queries':>8} {'KiB':>6}")
    for name, role, expr in chosen:
        client = Client(HTTP_ACCEPT_LANGUAGE="sv", HTTP_HOST="127.0.0.1")
        client.force_login(User.objects.get(username=args.role or role))
        path = eval(expr)
        for _ in range(3):
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        n_queries = len(queries)
        if args.queries:
            for q in queries.captured_queries:
                print(f"   {q['time']:>6} {q['sql'][:400]}")
        cpu, wall = [], []
        for _ in range(args.repeat):
            c0, w0 = time.process_time(), time.perf_counter()
            client.get(path)
            cpu.append(time.process_time() - c0)
            wall.append(time.perf_counter() - w0)
            reset_queries()
        print(f"{name:<10} {statistics.median(cpu) * 1000:8.1f} {min(cpu) * 1000:6.1f} {statistics.median(wall) * 1000:8.1f} "
              f"{n_queries:8d} {len(response.content) / 1024:6.0f}", flush=True)
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(10):
                client.get(path)
            profiler.disable()
            pstats.Stats(profiler).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(args.profile)
        if args.pyinstrument:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0002)
            with profiler:
                for _ in range(20):
                    client.get(path)
            print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
