"""Exports: the XLSX has SUM formulas and their computed values; the PDF survives non-latin-1 text."""
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from annualplan import exports
from annualplan.models import Plan
from annualplan.selectors import plan_activities

from .factories import ActivityFactory, AssignmentFactory, PlanFactory


@pytest.fixture
def plan(db):
    plan = PlanFactory(year=2035, title="Verksamhetsplan 2035 – förslag “utkast” … €")
    for budget in ("100000.50", "250000", "1234567.25"):
        a = ActivityFactory(plan=plan, budget=Decimal(budget), title=f"Aktivitet – {budget}")
        AssignmentFactory(activity=a, salary_cost=Decimal("600000"), share=Decimal("0.5"))
    return plan


def test_xlsx_has_sum_formulas_and_the_computed_totals(plan):
    data = exports.plan_xlsx(plan, list(plan_activities(plan)))
    formulas = load_workbook(io.BytesIO(data)).active
    values = load_workbook(io.BytesIO(data), data_only=True).active
    total_row = formulas.max_row
    assert formulas[f"D{total_row}"].value == f"=SUM(D2:D{total_row - 1})"
    assert formulas[f"E{total_row}"].value == f"=SUM(E2:E{total_row - 1})"
    assert Decimal(str(values[f"D{total_row}"].value)) == Decimal("1584567.75")
    assert Decimal(str(values[f"E{total_row}"].value)) == Decimal("1182780.00")  # 3 × 394 260
    # The cached total equals the sum of the rows, as LibreOffice will compute it.
    rows = [Decimal(str(values[f"D{r}"].value)) for r in range(2, total_row)]
    assert sum(rows) == Decimal(str(values[f"D{total_row}"].value))
    assert load_workbook(io.BytesIO(data)).calculation.fullCalcOnLoad


def test_xlsx_of_an_empty_plan_still_opens(db):
    plan = PlanFactory(year=2036)
    data = exports.plan_xlsx(plan, [])
    ws = load_workbook(io.BytesIO(data), data_only=True).active
    assert ws.max_row == 2


def test_pdf_maps_characters_outside_latin1(plan):
    assert exports.latin1("2026–2027 “plan” … € – åäö") == '2026-2027 "plan" ... EUR - åäö'
    data = exports.plan_pdf(plan, list(plan_activities(plan)), {"budget": Decimal("1"), "staff": Decimal("2")})
    assert data.startswith(b"%PDF")


def test_the_download_views(plan, client, today):
    from tests.governance.factories import UserFactory

    client.force_login(UserFactory())
    pdf = client.get(reverse("annualplan:plan_pdf", kwargs={"year": plan.year}))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    xlsx = client.get(reverse("annualplan:plan_xlsx", kwargs={"year": plan.year}))
    assert "spreadsheetml" in xlsx["Content-Type"]
    assert load_workbook(io.BytesIO(xlsx.content)).active.max_row == 5
    page = client.get(reverse("annualplan:plan_print", kwargs={"year": plan.year}))
    assert page.status_code == 200 and b"<h1>" in page.content


def test_anonymous_cannot_download(plan, client):
    assert client.get(reverse("annualplan:plan_xlsx", kwargs={"year": plan.year})).status_code == 302
    assert Plan.objects.filter(year=2035).exists()
