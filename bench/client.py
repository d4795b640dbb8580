"""The load benchmark's HTTP client (bench/run.py): plain http.client on loopback, a log-in through
the portal's form, and a fixed number of requests from a fixed number of threads."""
from __future__ import annotations

import http.client
import re
import socket
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from urllib.parse import urlencode


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
