"""From the plan to its budget, fee and invoices, and the budget explained against the plan (issue
15: nothing led from the plan to its budget, and the activities' 4.46 M and the fee budget's
5.23 M were never explained against each other)."""
from __future__ import annotations

import pytest
from django.urls import reverse

from annualplan.models import Plan
from fees import integrations
from fees.models import Budget
from governance.authority import today
from governance.money import format_kronor, format_signed_kronor

pytestmark = pytest.mark.usefixtures("demo", "db")


def test_the_plan_page_leads_to_the_years_budget_fee_and_invoices(login):
    year = today().year
    html = login("chair").get(reverse("annualplan:plan_detail", kwargs={"year": year})).content.decode()
    assert reverse("fees:budget_detail", kwargs={"year": year}) in html
    assert f'{reverse("fees:invoice_list")}?year={year}' in html
    # Who may not read budgets is not offered the links.
    html = login("communicator").get(reverse("annualplan:plan_detail", kwargs={"year": year})).content.decode()
    assert reverse("fees:budget_detail", kwargs={"year": year}) not in html


def test_the_budget_page_sets_the_plan_beside_the_budget(login):
    year = today().year
    costs = integrations.plan_costs(year)
    html = login("chair").get(reverse("fees:budget_detail", kwargs={"year": year})).content.decode()
    assert f"The operating plan {year} and this budget" in html
    assert format_kronor(costs.activities, 2) in html and format_kronor(costs.web_roles, 2) in html
    assert format_kronor(costs.activity_staff, 2) in html
    assert Plan.objects.get(year=year).get_absolute_url() in html
    budget = Budget.objects.get(year=year)
    lines = list(budget.lines.all())
    other = sum(line.amount for line in lines if line.category != "staff")
    assert format_signed_kronor(other - costs.activities) in html


def test_a_year_without_a_budget_says_so_and_offers_to_draw_it_up(login):
    year = today().year + 5
    response = login("chair").get(reverse("fees:budget_detail", kwargs={"year": year}))
    html = response.content.decode()
    assert response.status_code == 200 and f"The budget for {year} has not been drawn up yet" in html
    assert reverse("fees:budget_create") in html
    assert login("communicator").get(reverse("fees:budget_detail", kwargs={"year": year})).status_code == 403
