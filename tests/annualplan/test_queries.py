"""The plan page and the other list pages keep the same number of queries at 5 and 100 activities."""
import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from annualplan.models import FollowUp, Plan
from governance.permissions import sync_all
from tests.governance.factories import UserFactory, org

from .factories import ActivityFactory, AssignmentFactory, PlanFactory, steering_group_of

PLAN_PAGE_QUERIES = 24
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
    sync_all(on=today)
    url = reverse("annualplan:plan_detail", kwargs={"year": plan.year})
    with django_assert_num_queries(PLAN_PAGE_QUERIES):
        response = viewer.get(url)
    assert response.status_code == 200
    assert response.content.count(b'href="/verksamhetsplan/aktiviteter/') == n


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
