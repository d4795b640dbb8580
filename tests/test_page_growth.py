"""The benchmark pages whose rows are organisations, notifications or memberships run the same
queries with one more row and with fifty more (the other pages' growth tests sit with their apps;
tests/test_page_budgets.py lists where). Counted as in the budget test: the page's own statements."""
from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from annualplan.models import ConsultationAnswer, Plan, UnitActionPlan
from governance.authority import today
from governance.bodies.models import Body, Membership
from governance.notifications.models import Notification
from governance.people.models import Organisation, User
from governance.reports.models import G7Report
from tests.governance.factories import MembershipFactory, UserFactory, standing
from tests.test_page_budgets import page_queries


def _organisations(n: int) -> None:
    """n more county boards, each with an information manager (a candidate on the ballot), an
    answer to next year's consultation and an action plan for this year."""
    year = today().year
    consulted = Plan.objects.filter(year=year + 1).first()
    evaluated = Plan.objects.filter(year=year).first()
    network = standing(Body.Kind.INFO_MANAGERS_NETWORK)
    for i in range(n):
        code = uuid.uuid4().hex[:8]
        organisation = Organisation.objects.create(
            code=code, name=f"Länsstyrelsen {code}", short_name=code, kind=Organisation.Kind.COUNTY_BOARD,
            sort_order=500 + Organisation.objects.count())
        manager = UserFactory(organisation=organisation)
        MembershipFactory(body=network, user=manager, organisation=organisation)
        if consulted is not None:
            ConsultationAnswer.objects.create(plan=consulted, organisation=organisation, answered_by=manager,
                                              position=ConsultationAnswer.Position.values[0],
                                              comments=f"Svar {i}", answered_at=timezone.now())
        UnitActionPlan.objects.create(organisation=organisation, year=year, plan=evaluated, summary=f"Plan {i}")


def _notifications(username: str):
    def add(n: int) -> None:
        user = User.objects.get(username=username)
        Notification.objects.bulk_create(
            Notification(kind="test", recipient=user, subject=f"Notis {i}", dedupe_key=uuid.uuid4().hex)
            for i in range(n))
    return add


def _memberships(n: int) -> None:
    group = Body.objects.filter(kind=Body.Kind.WORKING_GROUP).first() or Body.objects.create(
        kind=Body.Kind.WORKING_GROUP, name="Arbetsgrupp för mätning")
    for _ in range(n):
        MembershipFactory(body=group, start=dt.date(2024, 1, 1), position=Membership.Position.MEMBER)


def _g7_rows(n: int) -> None:
    """A longer report: its content is stored with it, so n more decisions cost no query."""
    report = G7Report.objects.order_by("-period_end", "-pk").first()
    content = dict(report.content)
    content.setdefault("sections", [])
    content["sections"] = [*content["sections"], {"key": f"extra-{n}", "title": "Beslut", "tables": [
        {"caption": "Beslut", "headers": ["Beslut"], "rows": [[f"Beslut {i}"] for i in range(n)]}]}]
    report.content = content
    report.save(update_fields=["content"])


def _news(n: int) -> None:
    """More news to the network, each newer than the last (the list shows the newest first)."""
    from governance.news.models import NewsItem

    author = User.objects.get(username="chair")
    start = timezone.now() + dt.timedelta(minutes=NewsItem.objects.count())
    NewsItem.objects.bulk_create(
        NewsItem(title=f"Nyhet {NewsItem.objects.count() + i}", text="Text", audience=NewsItem.Audience.NETWORK,
                 author=author, published_at=start + dt.timedelta(seconds=i)) for i in range(n))


def _newest_news() -> str:
    from governance.news.models import NewsItem

    return NewsItem.objects.order_by("-published_at").first().title


SHOWN = {  # what the page shows of the last row added
    "ballot": lambda: User.objects.filter(organisation=Organisation.objects.order_by("-pk").first()).get().last_name,
    "consultation": lambda: Organisation.objects.order_by("-pk").first().short_name,
    "evaluation": lambda: Organisation.objects.order_by("-pk").first().short_name,
    "notifications": lambda: "Notis 48",
    "admin-memberships": lambda: f"{Membership.objects.count()} medlemskap",  # the paginator's total
    "g7report": lambda: "Beslut 48",
    "news": lambda: _newest_news(),
}
PAGES = [
    ("ballot", "infochef", lambda: reverse("governance:election_ballot", kwargs={"year": today().year + 1}),
     _organisations),
    ("consultation", "chair", lambda: reverse("annualplan:consultation_status", kwargs={"year": today().year + 1}),
     _organisations),
    ("evaluation", "chair", lambda: reverse("annualplan:evaluation", kwargs={"year": today().year}),
     _organisations),
    ("notifications", "chair", lambda: reverse("governance:notification_list"), _notifications("chair")),
    ("admin-memberships", "admin", lambda: "/admin/governance/membership/", _memberships),
    ("news", "communicator", lambda: reverse("governance:news_list"), _news),
    ("g7report", "g7", lambda: reverse("governance:g7_report_detail", kwargs={
        "pk": G7Report.objects.order_by("-period_end", "-pk").first().pk}), _g7_rows),
]


@pytest.mark.parametrize(("page", "role", "url", "add"), PAGES, ids=[p[0] for p in PAGES])
def test_the_page_runs_the_same_queries_at_1_and_50_more_rows(demo, db, login, page, role, url, add):
    client = login(role)
    path = url()
    client.get(path)  # warm-up
    add(1)
    one = page_queries(client, path)
    add(49)
    fifty = page_queries(client, path)
    assert len(fifty) == len(one), "\n".join(fifty)
    assert SHOWN[page]() in client.get(path).content.decode(), "the page does not show the rows added"
