"""The G7 report: quarterly on the first working day after the quarter, archived as a page and a PDF
with a chart, e-mailed to G7's members with the PDF attached — once, however often it runs."""
from __future__ import annotations

import datetime as dt
import re
import zlib
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from governance.bodies.models import Body
from governance.notifications import kinds
from governance.notifications.models import Notification
from governance.reports import services as reports
from governance.reports.models import G7Report
from governance.reports.pdf import latin1
from governance.texts import render_tree
from tests.governance.factories import MembershipFactory, UserFactory, org, standing

pytestmark = pytest.mark.django_db


@pytest.fixture
def g7_members():
    return [MembershipFactory(body=standing(Body.Kind.G7), user=UserFactory()).user for _ in range(3)]


@pytest.fixture
def budget():
    from fees.models import Budget, BudgetLine, Outcome

    b = Budget.objects.create(year=2026, system_owner=org("AB"))
    staff = BudgetLine.objects.create(budget=b, category=BudgetLine.Category.STAFF, amount=Decimal("600000"),
                                      forecast=Decimal("650000"))
    travel = BudgetLine.objects.create(budget=b, category=BudgetLine.Category.TRAVEL, amount=Decimal("80000"))
    Outcome.objects.create(line=staff, quarter=1, amount=Decimal("140000"))
    Outcome.objects.create(line=travel, quarter=1, amount=Decimal("12000"))
    Outcome.objects.create(line=travel, quarter=2, amount=Decimal("30000"))  # after Q1: not in a Q1 report
    return b


def pdf_text(data: bytes) -> str:
    """The PDF's page content, inflated: drawing operators and the (Latin-1) text."""
    out = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        raw = match.group(1)
        try:
            out.append(zlib.decompress(raw).decode("latin-1"))
        except zlib.error:
            out.append(raw.decode("latin-1"))
    return "\n".join(out)


# --- Periods and the schedule ---------------------------------------------------------------------------
def test_periods_are_quarters_by_default():
    assert reports.previous_period(dt.date(2026, 4, 1)) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert reports.previous_period(dt.date(2027, 1, 4)) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert reports.period_of(dt.date(2026, 8, 15)) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))


def test_the_first_working_day_skips_weekends_and_swedish_holidays():
    assert reports.first_working_day(dt.date(2027, 1, 1)) == dt.date(2027, 1, 4)  # New Year's Day is a Friday
    assert reports.first_working_day(dt.date(2024, 4, 1)) == dt.date(2024, 4, 2)  # Easter Monday 2024
    assert reports.first_working_day(dt.date(2026, 7, 1)) == dt.date(2026, 7, 1)


def test_the_schedule_produces_last_quarters_report_on_the_first_working_day_only(g7_members):
    assert reports.g7_report_scheduled(today=dt.date(2027, 1, 1)) is None  # holiday: not yet
    report = reports.g7_report_scheduled(today=dt.date(2027, 1, 4))
    assert (report.period_start, report.period_end, report.scheduled) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31), True)
    assert reports.g7_report_scheduled(today=dt.date(2027, 3, 1)) is None  # too late to catch up


def test_a_rerun_for_the_same_quarter_produces_and_sends_nothing_twice(g7_members, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = reports.g7_report_scheduled(today=dt.date(2026, 4, 1))
    with django_capture_on_commit_callbacks(execute=True):
        again = reports.g7_report_scheduled(today=dt.date(2026, 4, 2))  # beat ran again the next day
        reports.g7_report_send(report_id=first.pk)  # and a duplicate delivery of the send task
    assert again.pk == first.pk and G7Report.objects.count() == 1
    assert len(mail.outbox) == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in g7_members)
    assert Notification.objects.filter(kind=kinds.G7_REPORT).count() == 3
    first.refresh_from_db()
    assert first.sent_at is not None


def test_the_email_has_the_pdf_attached(g7_members, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        reports.g7_report_scheduled(today=dt.date(2026, 4, 1))
    name, content, mimetype = mail.outbox[0].attachments[0]
    assert name.endswith(".pdf") and mimetype == "application/pdf" and content.startswith(b"%PDF")


# --- Content and PDF ------------------------------------------------------------------------------
def test_the_content_is_a_snapshot_with_budget_outcome_and_forecast(budget):
    report, _ = reports.g7_report_create(start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 31), actor=None)
    section = next(s for s in render_tree(report.content)["sections"] if s["key"] == "budget")  # texts written out
    series = {s["name"]: s["values"] for s in section["chart"]["series"]}
    assert len(section["chart"]["categories"]) == 2
    assert list(series.values()) == [[600000.0, 80000.0], [140000.0, 12000.0], [650000.0, 80000.0]]
    keys = [s["key"] for s in report.content["sections"]]
    assert "plan_decisions" in keys and "elections" in keys and "meetings" in keys
    # A snapshot: later outcomes do not change the archived report.
    from fees.models import Outcome

    Outcome.objects.filter(quarter=1).update(amount=Decimal("1"))
    report.refresh_from_db()
    assert next(s for s in report.content["sections"] if s["key"] == "budget")["tables"][0]["rows"][0][2] == 140000.0


def test_the_pdf_parses_and_draws_the_chart(budget):
    report, _ = reports.g7_report_create(start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 31), actor=None)
    data = report.pdf.open("rb").read()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    text = pdf_text(data)
    assert len(re.findall(r" re f\b| re\s+f\b", text)) >= 6  # the bars: 2 categories x 3 series, filled
    chart = next(s for s in render_tree(report.content)["sections"] if s["key"] == "budget")["chart"]
    assert latin1(chart["title"]) in text.replace("\\(", "(").replace("\\)", ")")


def test_latin1_maps_dashes_and_quotes():
    assert latin1("Q1 – “G7” … Läns") == 'Q1 - "G7" ... Läns'
    assert latin1("Ω") == "?"


# --- Pages ---------------------------------------------------------------------------------------------------
def test_the_steering_group_produces_a_report_on_demand_for_any_period(client, today):
    steering = UserFactory()
    group = Body.objects.create(kind=Body.Kind.STEERING_GROUP, name="Styrgruppen", year=today.year)
    MembershipFactory(body=group, user=steering, start=dt.date(today.year, 1, 1), end=dt.date(today.year, 12, 31))
    client.force_login(steering)
    assert client.get(reverse("governance:g7_report_create")).status_code == 200
    response = client.post(reverse("governance:g7_report_create"), {"start": "2025-05-01", "end": "2025-06-15"})
    report = G7Report.objects.get()
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()
    assert (report.period_start, report.period_end, report.scheduled) == (dt.date(2025, 5, 1), dt.date(2025, 6, 15), False)
    assert report.generated_by == steering and report.sent_at is None  # not sent unless asked
    page = client.get(report.get_absolute_url())
    assert page.status_code == 200 and "2025-05-01" in page.content.decode()
    pdf = client.get(reverse("governance:g7_report_pdf", args=[report.pk]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_a_period_that_ends_before_it_starts_is_refused_with_a_message(client):
    admin = UserFactory(is_superuser=True)
    client.force_login(admin)
    response = client.post(reverse("governance:g7_report_create"), {"start": "2026-06-01", "end": "2026-01-01"})
    assert response.status_code == 200
    assert "The period must end on or after its first day." in response.content.decode() or \
        "Perioden måste sluta" in response.content.decode()
    assert not G7Report.objects.exists()


def test_the_report_page_shows_the_chart_as_svg_with_a_table(client, budget, g7_members):
    report, _ = reports.g7_report_create(start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 31), actor=None)
    client.force_login(g7_members[0])
    page = client.get(report.get_absolute_url()).content.decode()
    assert "<svg" in page and page.count("<rect") >= 6 and "<caption>" in page
    assert "style=" not in page.split("<main", 1)[-1]  # CSP: no inline styles


def test_only_g7_the_steering_group_and_admins_see_the_reports(client, g7_members):
    report, _ = reports.g7_report_create(start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 31), actor=None)
    client.force_login(UserFactory())
    assert client.get(reverse("governance:g7_report_list")).status_code == 403
    assert client.get(report.get_absolute_url()).status_code == 403
    assert client.get(reverse("governance:g7_report_create")).status_code == 403
    client.force_login(g7_members[0])
    assert client.get(reverse("governance:g7_report_list")).status_code == 200
    assert client.get(reverse("governance:g7_report_create")).status_code == 403  # G7 reads, does not produce


def test_producing_on_demand_is_refused_in_the_service_for_others():
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        reports.g7_report_create(start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 31), actor=UserFactory())


@pytest.mark.parametrize("rows", [1, 50])
def test_the_archive_list_runs_the_same_queries_at_1_and_50_reports(client, rows, django_assert_num_queries):
    admin = UserFactory(is_superuser=True)
    G7Report.objects.bulk_create([
        G7Report(period_start=dt.date(2000 + i, 1, 1), period_end=dt.date(2000 + i, 3, 31), scheduled=True,
                 generated_by=admin, content={}) for i in range(rows)
    ])
    client.force_login(admin)
    client.get(reverse("governance:g7_report_list"))  # warm-up (session, content types)
    with django_assert_num_queries(7) as ctx:
        response = client.get(reverse("governance:g7_report_list"))
    assert response.status_code == 200 and response.content.decode().count("<tr>") == rows + 1, len(ctx.captured_queries)
