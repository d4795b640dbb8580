"""The communicators' network: join requests, approval through membership_create, member lists,
the mailing-list export, and agency isolation."""
from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from governance.bodies.models import Body, Membership
from governance.networks import services
from governance.networks.models import JoinRequest
from governance.notifications.models import Notification
from tests.governance.factories import MembershipFactory, UserFactory, info_manager, org, standing

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Services' messages are checked in their English source text."""
    with translation.override("en"):
        yield


def assert_same_queries(client, url, add_rows, django_assert_num_queries, *, rows: int = 49):
    """The page costs the same number of queries at 1 row and at 1 + `rows` rows."""
    assert client.get(url).status_code == 200  # warm-up: session, content types
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    add_rows(rows)
    with django_assert_num_queries(len(one)):
        response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.fixture
def dalarna():
    manager = info_manager("W", username="im-w")
    other = info_manager("AB", username="im-ab")
    return manager, other


def communicator(code="W", **kwargs):
    return UserFactory(organisation=org(code), **kwargs)


def test_request_and_approve_creates_membership_and_notifies(dalarna):
    manager, _ = dalarna
    person = communicator()
    join_request = services.join_request_create(user=person, actor=person, message="Hej")
    assert join_request.status == JoinRequest.Status.PENDING
    assert Notification.objects.filter(recipient=manager, kind="network_join").exists()

    services.join_request_approve(join_request=join_request, actor=manager)
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.APPROVED
    membership = join_request.membership
    assert membership.body.kind == Body.Kind.COMMUNICATORS_NETWORK
    assert membership.user == person and membership.end is None
    assert join_request.history.first().history_user == manager
    assert Notification.objects.filter(recipient=person, kind="network_join", occasion="approved").exists()


def test_requesting_twice_is_refused(dalarna):
    person = communicator()
    services.join_request_create(user=person, actor=person)
    with pytest.raises(ValidationError, match="already asked to join"):
        services.join_request_create(user=person, actor=person)


def test_a_member_cannot_ask_again(dalarna):
    person = communicator()
    MembershipFactory(body=standing(Body.Kind.COMMUNICATORS_NETWORK), user=person)
    with pytest.raises(ValidationError, match="already a member"):
        services.join_request_create(user=person, actor=person)


def test_another_organisations_manager_cannot_answer(dalarna):
    _, other = dalarna
    person = communicator()
    join_request = services.join_request_create(user=person, actor=person)
    with pytest.raises(PermissionDenied):
        services.join_request_approve(join_request=join_request, actor=other)
    with pytest.raises(PermissionDenied):
        services.join_request_decline(join_request=join_request, reason="Nej", actor=other)


def test_decline_needs_a_reason(dalarna):
    manager, _ = dalarna
    person = communicator()
    join_request = services.join_request_create(user=person, actor=person)
    with pytest.raises(ValidationError, match="Give a reason for declining"):
        services.join_request_decline(join_request=join_request, reason="  ", actor=manager)
    services.join_request_decline(join_request=join_request, reason="Inte anställd här", actor=manager)
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.DECLINED
    assert not Membership.objects.filter(user=person).exists()
    with pytest.raises(ValidationError, match="already been answered"):
        services.join_request_approve(join_request=join_request, actor=manager)


def test_views_approve_decline_and_isolation(client, dalarna):
    manager, other = dalarna
    person = communicator()
    client.force_login(person)
    assert client.post(reverse("governance:network_join"), {"message": ""}).status_code == 302
    join_request = JoinRequest.objects.get(user=person)

    approve = reverse("governance:join_request_approve", args=[join_request.pk])
    decline = reverse("governance:join_request_decline", args=[join_request.pk])
    client.force_login(other)
    assert client.get(reverse("governance:network_organisation", args=["W"])).status_code == 403
    assert client.post(approve).status_code == 403
    client.force_login(manager)
    assert client.get(approve).status_code == 405
    page = client.get(reverse("governance:network_organisation", args=["W"]))
    assert page.status_code == 200 and str(person) in page.content.decode()
    response = client.post(decline, {"reason": ""})
    assert response.status_code == 200  # the form again, with the error
    assert "reason" in response.context["decline_form"].errors
    assert client.post(approve).status_code == 302
    assert Membership.objects.filter(user=person, body__kind=Body.Kind.COMMUNICATORS_NETWORK).exists()


def test_everyone_sees_the_network_but_not_the_organisation_pages(client, dalarna):
    person = communicator()
    client.force_login(person)
    assert client.get(reverse("governance:network")).status_code == 200
    assert client.get(reverse("governance:network_organisation", args=["W"])).status_code == 403
    assert client.get(reverse("governance:network_export")).status_code == 403


def test_csv_export_for_the_servicedesk(client, dalarna):
    manager, _ = dalarna
    person = communicator(first_name="Åsa", last_name="Öberg", email="asa@lst.example")
    MembershipFactory(body=standing(Body.Kind.COMMUNICATORS_NETWORK), user=person)
    client.force_login(manager)
    response = client.get(reverse("governance:network_export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "Åsa Öberg;asa@lst.example;Länsstyrelsen i Dalarnas län" in text


def _add_members(code):
    network = standing(Body.Kind.COMMUNICATORS_NETWORK)

    def add(n):
        for _ in range(n):
            MembershipFactory(body=network, user=communicator(code))
            JoinRequest.objects.create(user=communicator(code), organisation=org(code))

    return add


def test_organisation_page_query_count(client, dalarna, django_assert_num_queries):
    manager, _ = dalarna
    _add_members("W")(1)
    client.force_login(manager)
    response = assert_same_queries(client, reverse("governance:network_organisation", args=["W"]), _add_members("W"),
                                   django_assert_num_queries)
    assert response.content.decode().count("governance/natverk/ansokningar") == 0  # sanity: urls are Swedish
    assert "/natverk/ansokningar/" in response.content.decode()


def test_network_list_query_count(client, dalarna, django_assert_num_queries):
    _add_members("C")(1)
    client.force_login(communicator())
    assert_same_queries(client, reverse("governance:network"), _add_members("C"), django_assert_num_queries)


def test_start_page_panels_query_count(client, dalarna, django_assert_num_queries):
    """The information manager's panels count requests and proposals: no per-row queries."""
    from governance.networks.models import Proposal

    manager, _ = dalarna

    def add(n):
        for _ in range(n):
            person = communicator()
            JoinRequest.objects.create(user=person, organisation=person.organisation)
            Proposal.objects.create(author=person, organisation=person.organisation, title="T", description="D",
                                    expected_benefit="B", status=Proposal.Status.SUBMITTED)

    add(1)
    client.force_login(manager)
    response = assert_same_queries(client, reverse("governance:home"), add, django_assert_num_queries)
    assert "/natverk/informatorer/W/" in response.content.decode()


# --- With the demo data (keep these last: the module-scoped demo stays loaded until the end) -------
def test_demo_start_pages(demo, db, login):
    from governance.authority import today

    year = today().year + 1
    page = login("infochef").get(reverse("governance:home")).content.decode()
    assert reverse("governance:network_organisation", args=["W"]) in page  # pending requests
    assert reverse("governance:proposal_list") in page  # proposals to handle
    assert reverse("governance:election_ballot", args=[year]) in page  # the ballot to cast
    assert "/konferens/" in page  # registration open
    page = login("chair").get(reverse("governance:home")).content.decode()
    assert reverse("governance:proposal_forwarded") in page
    page = login("communicator").get(reverse("governance:home")).content.decode()
    assert reverse("governance:election_ballot", args=[year]) not in page


def test_demo_data_is_idempotent(demo, db):
    import os

    from django.core.management import call_command

    from governance.bodies.models import Membership
    from governance.elections.models import Ballot, Election, ElectionDecision
    from governance.networks.models import Conference, ConferenceRegistration, Proposal
    from governance.people.models import Delegation

    models = [JoinRequest, Proposal, Conference, ConferenceRegistration, Election, ElectionDecision, Ballot,
              Delegation, Membership]
    before = {m.__name__: m.objects.count() for m in models}
    assert JoinRequest.objects.filter(organisation__code="W", status="pending").count() >= 2
    assert set(Proposal.objects.filter(author__username="communicator").values_list("status", flat=True)) == {
        "draft", "submitted", "forwarded", "returned"}
    with open(os.devnull, "w") as devnull:
        call_command("seed_demo", force=True, verbosity=0, stdout=devnull)
    assert {m.__name__: m.objects.count() for m in models} == before
