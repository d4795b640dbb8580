"""The benchmark's pages under locust, for an interactive look (bench/run.py is the bounded,
recorded run). Start the server as bench/run.py does (gunicorn with DJANGO_SETTINGS_MODULE=
bench.settings on the scale-10 database), then, loopback only:

    .venv/bin/locust -f bench/locustfile.py --host http://127.0.0.1:8000 --headless -u 4 -r 4 -t 60s

Each simulated user logs in as `chair` (the backlog as `weblead`) and requests the pages in turn.
The URLs of the plan and fee proposal are taken from the start of the run (BENCH_PLAN_YEAR,
BENCH_PROPOSAL_ID to override)."""
from __future__ import annotations

import datetime as dt
import os
import re

from locust import HttpUser, between, task

PLAN_YEAR = int(os.environ.get("BENCH_PLAN_YEAR", dt.date.today().year))
PROPOSAL_ID = os.environ.get("BENCH_PROPOSAL_ID", "")


def _log_in(client, username: str):
    page = client.get("/konto/logga-in/", name="login page")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    client.post("/konto/logga-in/", {"username": username, "password": "demo", "csrfmiddlewaretoken": token},
                headers={"Referer": f"{client.base_url}/konto/logga-in/"}, name="login", allow_redirects=False)


class Chair(HttpUser):
    wait_time = between(0, 0)

    def on_start(self):
        _log_in(self.client, "chair")
        self.proposal = PROPOSAL_ID
        if not self.proposal:
            html = self.client.get(f"/avgifter/budget/{PLAN_YEAR + 1}/", name="budget (setup)").text
            m = re.search(r'/avgifter/forslag/(\d+)/', html)
            self.proposal = m.group(1) if m else ""

    @task
    def ceiling(self):
        self.client.get("/bench/ceiling/", name="ceiling")

    @task
    def start_page(self):
        self.client.get("/", name="start page")

    @task
    def plan(self):
        self.client.get(f"/verksamhetsplan/{PLAN_YEAR}/", name="plan page")

    @task
    def fee_allocation(self):
        if self.proposal:
            self.client.get(f"/avgifter/forslag/{self.proposal}/", name="fee allocation")

    @task
    def meetings(self):
        self.client.get("/moten/", name="meeting list")


class WebLead(HttpUser):
    wait_time = between(0, 0)
    weight = 1

    def on_start(self):
        _log_in(self.client, "weblead")

    @task
    def backlog(self):
        self.client.get("/webb/onskemal/", name="feature backlog")
