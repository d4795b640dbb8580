"""The plan page and the other list pages keep the same number of queries at 5 and 100 activities."""
import datetime as dt
from decimal import Decimal

import pytest
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import translation

from annualplan.models import FollowUp, Plan
from tests.clock import at
from tests.governance.factories import UserFactory, org
from tests.webadmin.factories import RoleAssignmentFactory
from webadmin.models import Role

from .factories import ActivityFactory, AssignmentFactory, PlanFactory, steering_group_of

# Was 24 before the plan page read its rows in one query and asked guardian once (12); the web
# management roles and the staff compensation per organisation cost two more, whatever their number.
PLAN_PAGE_QUERIES = 14
FOLLOW_UP_PAGE_QUERIES = 13


def _plan_with(n: int, today) -> Plan:
    plan = PlanFactory(year=today.year, status=Plan.Status.FOLLOW_UP)
    chair = UserFactory(organisation=org("F"))
    for i in range(n):
        activity = ActivityFactory(plan=plan, budget=Decimal(1000 + i), responsible_person=chair)
        AssignmentFactory(activity=activity, organisation=org("W"))
        AssignmentFactory(activity=activity, organisation=org("C"))
        FollowUp.objects.create(activity=activity, quarter=1, status="ongoing", spent_to_date=Decimal("10"),
                                forecast=Decimal("1000"), recorded_by=chair,
                                recorded_at=dt.datetime(today.year, 3, 31, tzinfo=dt.UTC))
    return plan


@pytest.fixture
def viewer(db, client, today):
    members = steering_group_of(today.year)
    client.force_login(members[1])
    return client


@pytest.mark.parametrize("n", [5, 100])
def test_the_plan_page_has_the_same_number_of_queries(viewer, today, django_assert_num_queries, n):
    plan = _plan_with(n, today)
    at(today)
    url = reverse("annualplan:plan_detail", kwargs={"year": plan.year})
    with django_assert_num_queries(PLAN_PAGE_QUERIES):
        response = viewer.get(url)
    assert response.status_code == 200
    assert response.content.count(b'href="/verksamhetsplan/aktiviteter/') == n


@pytest.mark.parametrize("n", [1, 50])
def test_the_plan_page_has_the_same_number_of_queries_at_1_and_50_role_assignments(
        viewer, today, django_assert_num_queries, n):
    """The web management roles section and the staff per organisation read the assignments once:
    one week each, the personal roles in turn, held by people of three organisations."""
    plan = _plan_with(5, today)
    codes = list(Role.PERSONAL)
    for i in range(n):
        start = dt.date(today.year, 1, 1) + dt.timedelta(days=7 * i)
        RoleAssignmentFactory(role=Role.objects.get(code=codes[i % len(codes)]),
                              user=UserFactory(organisation=org(("C", "E", "M")[i % 3]), last_name=f"Rollhavare{i}"),
                              start=start, end=start + dt.timedelta(days=6), share=Decimal("0.5"),
                              salary_cost=Decimal("600000"))
    at(today)
    url = reverse("annualplan:plan_detail", kwargs={"year": plan.year})
    with django_assert_num_queries(PLAN_PAGE_QUERIES):
        response = viewer.get(url)
    assert response.status_code == 200
    assert response.content.decode().count(" Rollhavare") == n  # one row per assignment


@pytest.mark.parametrize("n", [5, 100])
def test_the_follow_up_page_has_the_same_number_of_queries(viewer, today, django_assert_num_queries, n):
    plan = _plan_with(n, today)
    url = reverse("annualplan:follow_up", kwargs={"year": plan.year})
    with django_assert_num_queries(FOLLOW_UP_PAGE_QUERIES):
        assert viewer.get(url).status_code == 200


@pytest.mark.parametrize("n", [5, 100])
def test_the_print_page_and_exports_do_not_grow(viewer, today, django_assert_max_num_queries, n):
    plan = _plan_with(n, today)
    for name in ("plan_print", "plan_pdf", "plan_xlsx"):
        with django_assert_max_num_queries(16):
            assert viewer.get(reverse(f"annualplan:{name}", kwargs={"year": plan.year})).status_code == 200


def test_the_plan_page_rows_escape_round_and_total(viewer, today):
    """The activity rows are built in the view (not a template loop): values are escaped, kronor are
    rounded half up and grouped like `floatformat:"0g"`, and a row without a follow-up shows a dash
    and its budget as the forecast."""
    plan = PlanFactory(year=today.year, status=Plan.Status.FOLLOW_UP)
    person = UserFactory(organisation=org("F"), first_name="<i>Ada</i>", last_name="Lund")
    followed = ActivityFactory(plan=plan, title="<b>Sök</b> & hitta", budget=Decimal("1234567.50"),
                               responsible_person=person)
    staff = AssignmentFactory(activity=followed, organisation=org("W")).compensation
    FollowUp.objects.create(activity=followed, quarter=2, status="ongoing", spent_to_date=Decimal("10"),
                            forecast=Decimal("2000.50"), recorded_by=person,
                            recorded_at=dt.datetime(today.year, 6, 30, tzinfo=dt.UTC))
    ActivityFactory(plan=plan, title="Utan uppföljning", budget=Decimal("500"))
    html = viewer.get(reverse("annualplan:plan_detail", kwargs={"year": plan.year})).content.decode()
    assert "&lt;b&gt;Sök&lt;/b&gt; &amp; hitta" in html and "<b>Sök" not in html
    assert "&lt;i&gt;Ada&lt;/i&gt; Lund" in html
    assert f'href="/verksamhetsplan/aktiviteter/{followed.pk}/"' in html
    assert '<td class="num">1,234,568</td>' in html  # budget, rounded half up
    with translation.override("en"):
        staff_shown = floatformat(staff, "0g")
    assert f'<td class="num">{staff_shown}</td>' in html  # staff compensation, as the filter shows it
    assert "<td>Q2: Ongoing</td>" in html and '<td class="num">2,001</td>' in html
    assert "<td>–</td>" in html  # no follow-up: the budget is the forecast
    assert f'<td class="num">1,235,068</td><td class="num">{staff_shown}</td><td></td><td class="num">2,501</td>' in html
