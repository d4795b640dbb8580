"""What the fees app reads: staff costs per organisation and in total, exact Decimal."""
from decimal import Decimal

import pytest

from annualplan.selectors import plan_for_year, quarter_of, staff_cost_total, staff_costs_by_organisation

from .factories import ActivityFactory, AssignmentFactory, PlanFactory, org


@pytest.mark.django_db
def test_staff_costs_by_organisation_and_total():
    plan = PlanFactory(year=2033)
    a1, a2 = ActivityFactory(plan=plan), ActivityFactory(plan=plan)
    AssignmentFactory(activity=a1, organisation=org("F"), salary_cost=Decimal("600000"), share=Decimal("0.5"))
    AssignmentFactory(activity=a2, organisation=org("F"), salary_cost=Decimal("500000"), share=Decimal("0.1"),
                      social_fee_rate=Decimal("0.3"))
    AssignmentFactory(activity=a2, organisation=org("W"), salary_cost=Decimal("512345.67"), share=Decimal("0.333"))
    other = ActivityFactory(plan=PlanFactory(year=2034))
    AssignmentFactory(activity=other, organisation=org("F"))

    costs = staff_costs_by_organisation(2033)
    assert costs == {org("F").pk: Decimal("394260.00") + Decimal("65000.00"), org("W").pk: Decimal("224217.12")}
    assert all(isinstance(v, Decimal) for v in costs.values())
    assert staff_cost_total(2033) == sum(costs.values())
    assert staff_cost_total(2099) == Decimal("0")
    assert staff_costs_by_organisation(2099) == {}
    assert plan_for_year(2033) == plan and plan_for_year(2099) is None


def test_quarters():
    import datetime as dt

    assert [quarter_of(dt.date(2026, m, 1)) for m in (1, 3, 4, 6, 7, 9, 10, 12)] == [1, 1, 2, 2, 3, 3, 4, 4]
