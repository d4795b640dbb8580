"""Pages built from the data cache (governance/datacache.py) show a change the moment it is
committed, and a right the moment it is lost. These tests commit (transactional), so the cache
really stores: each page is requested until it is served from the cache, then the data changes."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from fees import selectors as fee_selectors
from fees import services as fee_services
from governance.models import Body, Membership
from governance.services import membership_create, membership_end
from governance.services.meetings import meeting_create
from tests.fees.factories import budget_with_total
from tests.governance.factories import UserFactory, info_manager, org
from tests.webadmin.factories import FeatureRequestFactory
from webadmin import services as web_services
from webadmin.models import FeatureRequest

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True),
              pytest.mark.usefixtures("empty_cache")]


def served_from_cache(client, url, django_assert_max_num_queries, *, at_most: int) -> str:
    """Request `url` until the cache serves it (the first request learns what the page reads, the
    second stores it), then once more with few queries; the page's HTML."""
    for _ in range(2):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(at_most):
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_meeting_list_shows_a_new_meeting_at_once(client, django_assert_max_num_queries):
    user = UserFactory(organisation=org("F"))
    group = Body.objects.create(kind=Body.Kind.WORKING_GROUP, name="Arbetsgruppen för klarspråk")
    membership_create(body=group, user=user, start=dt.date(2020, 1, 1), actor=None,
                      position=Membership.Position.CHAIR)
    client.force_login(user)
    url = reverse("governance:meeting_list")
    page = served_from_cache(client, url, django_assert_max_num_queries, at_most=6)
    assert "Klarspråksverkstad" not in page
    start = timezone.now() + dt.timedelta(days=3)
    meeting_create(body=group, title="Klarspråksverkstad", start=start, end=start + dt.timedelta(hours=2),
                   place="Jönköping", actor=user)
    assert "Klarspråksverkstad" in client.get(url).content.decode()


def test_the_fee_proposal_shows_an_edit_at_once_and_a_lost_right_at_once(client, django_assert_max_num_queries):
    manager = info_manager("W")
    budget = budget_with_total(2031, 2_200_000)
    proposal = fee_services.proposal_create(budget=budget, actor=manager)
    client.force_login(manager)
    url = reverse("fees:proposal_detail", args=[proposal.pk])
    page = served_from_cache(client, url, django_assert_max_num_queries, at_most=7)
    assert "2\xa0200\xa0000" in page or "2 200 000" in page

    proposal.refresh_from_db()
    fee_services.proposal_update(
        proposal=proposal, actor=manager, version=proposal.version, method=proposal.method,
        adjustment=Decimal("110000"), motivation="Ny licens för webbplattformen", weight_label="",
        entries=[(e.organisation, e.weight, e.fixed_amount) for e in fee_selectors.key_entries(proposal)],
    )
    page = client.get(url).content.decode()
    assert "Ny licens för webbplattformen" in page
    assert "2\xa0310\xa0000" in page or "2 310 000" in page

    # The information manager leaves the network: the right to see the budget goes with it.
    membership_end(membership=Membership.objects.get(user=manager), end=dt.date(2020, 1, 2), actor=None)
    assert client.get(url).status_code == 403


def test_the_backlog_shows_a_new_support_at_once(client, django_assert_max_num_queries):
    request = FeatureRequestFactory(status=FeatureRequest.Status.ACCEPTED, rank=1, value=3, effort=2,
                                    title="Bättre sök på webbplatsen")
    user = UserFactory(organisation=org("M"))
    client.force_login(user)
    url = reverse("webadmin:request_list")
    page = served_from_cache(client, url, django_assert_max_num_queries, at_most=7)

    def row(html):
        return html.split("Bättre sök på webbplatsen")[1].split("</tr>")[0]

    assert "text-bg-success" not in row(page)
    web_services.feature_request_support(request=request, actor=user)
    assert "text-bg-success" in row(client.get(url).content.decode())  # the organisation's support


def test_a_cached_form_carries_the_requests_own_csrf_token(client, django_assert_max_num_queries):
    """The feature owner's backlog has a reorder form per row; from the cache it still posts."""
    from tests.webadmin.factories import assign
    from webadmin.models import Role

    for rank in (1, 2):
        FeatureRequestFactory(status=FeatureRequest.Status.ACCEPTED, rank=rank, value=3, effort=2)
    owner = UserFactory(organisation=org("M"))
    assign(Role.Code.FEATURE_OWNER, owner, year=timezone.localdate().year)
    client.force_login(owner)
    client.handler.enforce_csrf_checks = True
    url = reverse("webadmin:request_list")
    page = served_from_cache(client, url, django_assert_max_num_queries, at_most=8)
    token = page.split('name="csrfmiddlewaretoken" value="')[2].split('"')[0]
    first = FeatureRequest.objects.get(rank=1)
    response = client.post(reverse("webadmin:request_move", args=[first.pk]),
                           {"direction": "down", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.rank == 2


def test_the_plan_page_shows_a_new_activity_and_a_new_web_role_at_once(client, django_assert_max_num_queries):
    from tests.annualplan.factories import ActivityFactory, PlanFactory
    from tests.webadmin.factories import RoleAssignmentFactory

    plan = PlanFactory(year=2031)
    ActivityFactory(plan=plan, title="Klarspråksutbildning")
    viewer = UserFactory(organisation=org("W"))
    client.force_login(viewer)
    url = reverse("annualplan:plan_detail", args=[2031])
    page = served_from_cache(client, url, django_assert_max_num_queries, at_most=7)
    assert "Klarspråksutbildning" in page and "Kriskommunikationsövning" not in page

    ActivityFactory(plan=plan, title="Kriskommunikationsövning")
    assert "Kriskommunikationsövning" in client.get(url).content.decode()

    # Another app's table: a web role assigned for the year is paid through the plan at once.
    holder = UserFactory(organisation=org("C"), first_name="Sofia", last_name="Webbledare")
    RoleAssignmentFactory(user=holder, start=dt.date(2031, 1, 1), end=dt.date(2031, 12, 31),
                          share=Decimal("0.5"), salary_cost=Decimal("600000"))
    assert "Sofia Webbledare" in client.get(url).content.decode()
