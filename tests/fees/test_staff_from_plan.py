"""The budget's staff line from the plan includes the web management roles: the plan's staff
compensation is its activities' resource assignments and its web roles."""
import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from fees import services
from tests.annualplan.factories import ActivityFactory, AssignmentFactory, PlanFactory
from tests.governance.factories import UserFactory, org
from tests.webadmin.factories import role
from webadmin import services as web_services
from webadmin.models import Role

from .factories import AdminFactory, budget_with_total

pytestmark = pytest.mark.django_db

YEAR = 2037  # not a leap year


@pytest.fixture
def plan_with_a_web_role():
    plan = PlanFactory(year=YEAR)
    AssignmentFactory(activity=ActivityFactory(plan=plan), organisation=org("F"))  # 394 260.00
    lead = UserFactory(organisation=org("C"))
    # Half time from 1 July: 600 000 × 0.5 × 184/365 × 1.3142 = 198 750.25
    return web_services.role_assign(role=role(Role.Code.WEB_LEAD), user=lead, start=dt.date(YEAR, 7, 1),
                                    share=Decimal("0.50"), salary_cost=Decimal("600000"),
                                    social_fee_rate=Decimal("0.3142"), decided_on=dt.date(YEAR, 6, 1), actor=None)


def test_refreshing_the_staff_line_includes_the_web_roles(plan_with_a_web_role):
    admin = AdminFactory()
    budget = budget_with_total(YEAR, 1000)
    line = services.budget_refresh_staff_costs(budget=budget, actor=admin)
    assert line.from_plan and line.amount == Decimal("394260.00") + Decimal("198750.25")
    # The role ends earlier: the next refresh follows.
    web_services.role_assignment_end(assignment=plan_with_a_web_role, end=dt.date(YEAR, 9, 30), actor=None)
    line = services.budget_refresh_staff_costs(budget=budget, actor=admin)
    assert line.amount == Decimal("394260.00") + Decimal("99375.12")  # 92 of 365 days


def test_a_new_budget_takes_the_web_roles_and_shows_them_per_organisation(plan_with_a_web_role, client):
    admin = AdminFactory()
    budget = services.budget_create(year=YEAR, actor=admin)
    assert budget.lines.get(from_plan=True).amount == Decimal("593010.25")
    client.force_login(admin)
    html = client.get(reverse("fees:budget_detail", args=[YEAR])).content.decode()
    assert f'<tr><th scope="row">{org("C")}</th><td class="num">198,750.25 kr</td></tr>' in html
    assert f'<tr><th scope="row">{org("F")}</th><td class="num">394,260.00 kr</td></tr>' in html
