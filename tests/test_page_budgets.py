"""Every page of the load benchmark (bench/run.py PAGES) stays within its query budget, counted on
the demo data as the benchmark's role sees it. The budget is the page's own statements: the
session's save (in Redis in production, in the database here) and the transaction statements
around it are not the page's and are left out. Each page's growth (the same count at 1 and 50
rows) is pinned next to the page's other tests; see ROWS_TESTED_IN."""
from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse  # noqa: F401  (used by the URL expressions)

from bench.run import PAGES, SHORT_NAMES
from fees.models import FeeProposal  # noqa: F401
from governance.authority import today  # noqa: F401
from governance.reports.models import G7Report  # noqa: F401

# At most 12 for every page but the start page: its ten kinds of panel come from four apps, and a
# panel shown reads its own rows (the chair sees nine); what only counts is counted in one statement
# (governance.counts.count_each), the roles come from the request's facts. It was 34 before; 17, then
# 19 since every user with work in the plan or a proposal on its way sees it there (issue 15: a
# communicator's page showed only notifications), 20 with one's actions from the minutes
# (issue 16), and 21 with the policies one is asked to confirm as read (one statement: the policies
# to be read whose current version one has not confirmed), 22 with the news one reads (one statement:
# pinned, one's own, then the network's), 23 with the archivist's appointment (one statement, shared
# with the rule through the request's memo), 22 since the archivist's and the web roles' appointments
# are read in one statement (governance.authority.appointments). Lower a budget when you lower a page.
BUDGETS = {
    "start": 22,
    "plan": 12,
    "fee": 12,
    "meetings": 12,
    "backlog": 12,
    "ballot": 12,
    "consultation": 12,
    "invoices": 12,
    "evaluation": 12,
    "g7report": 12,
    "notifications": 12,
    "search": 12,
    "news": 12,
    "admin-memberships": 12,
}
# Where each page's "same count at 1 and at 50 rows" test lives.
ROWS_TESTED_IN = {
    "start": "tests/governance/test_start_page_queries.py",
    "plan": "tests/annualplan/test_queries.py",
    "fee": "tests/fees/test_imports_and_queries.py",
    "meetings": "tests/governance/test_meetings.py",
    "backlog": "tests/webadmin/test_requests.py",
    "ballot": "tests/test_page_growth.py",
    "consultation": "tests/test_page_growth.py",
    "invoices": "tests/fees/test_imports_and_queries.py",
    "evaluation": "tests/test_page_growth.py",
    "g7report": "tests/test_page_growth.py",
    "notifications": "tests/test_page_growth.py",
    "search": "tests/governance/test_search.py",
    "news": "tests/test_page_growth.py",
    "admin-memberships": "tests/test_page_growth.py",
}
NOT_THE_PAGES = re.compile(r'^(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT)|"django_session"')
CASES = [(short, role, expr) for short, (_label, role, expr) in zip(SHORT_NAMES, PAGES, strict=True)
         if short in BUDGETS]


def page_queries(client, path: str) -> list[str]:
    """The SQL of one request of `path`, without the session's save and the transaction statements."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return [q["sql"] for q in ctx.captured_queries if not NOT_THE_PAGES.search(q["sql"])]


def test_every_benchmark_page_has_a_budget_and_a_growth_test():
    pages = set(SHORT_NAMES) - {"ceiling", "layout"}
    assert set(BUDGETS) == pages == set(ROWS_TESTED_IN)
    assert all(budget <= 12 for page, budget in BUDGETS.items() if page != "start")


@pytest.mark.parametrize(("page", "role", "expr"), CASES, ids=[c[0] for c in CASES])
def test_the_page_stays_within_its_query_budget(demo, db, login, page, role, expr):
    client = login(role)
    path = eval(expr)
    client.get(path)  # warm-up: content types, the session's first save
    queries = page_queries(client, path)
    assert len(queries) <= BUDGETS[page], "\n".join([f"{page}: {len(queries)} > {BUDGETS[page]}", *queries])
