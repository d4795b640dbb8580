"""Proposals for joint communication initiatives: draft → submitted → forwarded / returned."""
from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from governance.bodies.models import Body
from governance.networks import services
from governance.networks.models import Proposal
from governance.notifications.models import Notification
from tests.governance.factories import BodyFactory, MembershipFactory, UserFactory, info_manager, org
from tests.governance.test_networks import assert_same_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Services' messages are checked in their English source text."""
    with translation.override("en"):
        yield


@pytest.fixture
def people(today):
    manager = info_manager("W", username="im-w")
    other = info_manager("AB", username="im-ab")
    author = UserFactory(organisation=org("W"), username="kom-w")
    steering = BodyFactory(kind=Body.Kind.STEERING_GROUP, name="Styrgruppen", year=today.year)
    member = UserFactory(organisation=org("M"), username="sg-member")
    MembershipFactory(body=steering, user=member, start=dt.date(today.year, 1, 1), end=dt.date(today.year, 12, 31))
    return {"manager": manager, "other": other, "author": author, "member": member}


def write(author, title="Gemensam bildbank"):
    return services.proposal_create(author=author, actor=author, title=title, description="Beskrivning",
                                    expected_benefit="Nytta")


def test_importable_for_the_annual_plan():
    from governance.networks.models import Proposal as P

    assert P is Proposal


def test_the_whole_flow_forward(people):
    author, manager = people["author"], people["manager"]
    proposal = write(author)
    assert proposal.status == Proposal.Status.DRAFT and proposal.organisation == org("W")
    services.proposal_submit(proposal=proposal, actor=author)
    assert Notification.objects.filter(recipient=manager, kind="proposal").exists()
    proposal = services.proposal_forward(proposal=proposal, comment="Bra, in i planen", actor=manager)
    assert proposal.status == Proposal.Status.FORWARDED
    assert proposal.handled_by == manager and proposal.handler_comment == "Bra, in i planen"
    assert Notification.objects.filter(recipient=author, kind="proposal").exists()
    assert proposal.history.first().history_user == manager


def test_return_needs_a_reason_and_can_be_resubmitted(people):
    author, manager = people["author"], people["manager"]
    proposal = services.proposal_submit(proposal=write(author), actor=author)
    with pytest.raises(ValidationError, match="Give a reason for returning"):
        services.proposal_return(proposal=proposal, reason="", actor=manager)
    proposal = services.proposal_return(proposal=proposal, reason="Utveckla nyttan", actor=manager)
    assert proposal.status == Proposal.Status.RETURNED
    proposal = services.proposal_update(proposal=proposal, title="Bildbank 2.0", description="Ny",
                                        expected_benefit="Större nytta", version=proposal.version, actor=author)
    proposal = services.proposal_submit(proposal=proposal, actor=author)
    assert proposal.status == Proposal.Status.SUBMITTED


def test_only_submitted_proposals_are_handled(people):
    author, manager = people["author"], people["manager"]
    proposal = services.proposal_submit(proposal=write(author), actor=author)
    services.proposal_forward(proposal=proposal, comment="", actor=manager)
    with pytest.raises(ValidationError, match="only submitted proposals can be forwarded or returned"):
        services.proposal_return(proposal=proposal, reason="Ångrar mig", actor=manager)


def test_other_organisations_manager_cannot_act(people, client):
    author, other = people["author"], people["other"]
    proposal = services.proposal_submit(proposal=write(author), actor=author)
    with pytest.raises(PermissionDenied):
        services.proposal_forward(proposal=proposal, comment="", actor=other)
    with pytest.raises(PermissionDenied):
        services.proposal_return(proposal=proposal, reason="Nej", actor=other)
    client.force_login(other)
    assert client.get(proposal.get_absolute_url()).status_code == 403
    assert client.post(reverse("governance:proposal_forward", args=[proposal.pk])).status_code == 403
    assert client.post(reverse("governance:proposal_return", args=[proposal.pk]), {"reason": "x"}).status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED


def test_only_the_author_edits_and_a_stale_version_is_refused(people, client):
    author, manager = people["author"], people["manager"]
    proposal = write(author)
    with pytest.raises(PermissionDenied):
        services.proposal_update(proposal=proposal, title="x", description="y", expected_benefit="z",
                                 version=proposal.version, actor=manager)
    services.proposal_update(proposal=proposal, title="Första", description="y", expected_benefit="z",
                             version=1, actor=author)
    with pytest.raises(ValidationError, match="Someone else saved this proposal"):
        services.proposal_update(proposal=proposal, title="Andra", description="y", expected_benefit="z",
                                 version=1, actor=author)
    client.force_login(author)
    response = client.post(reverse("governance:proposal_edit", args=[proposal.pk]),
                           {"title": "Min text", "description": "d", "expected_benefit": "b", "version": 1})
    assert response.status_code == 200
    assert "Min text" in response.content.decode()  # the user's input is kept
    assert response.context["form"].non_field_errors()


def test_views_post_only_and_flow(people, client):
    author, manager = people["author"], people["manager"]
    client.force_login(author)
    response = client.post(reverse("governance:proposal_create"),
                           {"title": "Podd", "description": "Om uppdragen", "expected_benefit": "Kännedom"})
    proposal = Proposal.objects.get(title="Podd")
    assert response.status_code == 302
    submit = reverse("governance:proposal_submit", args=[proposal.pk])
    assert client.get(submit).status_code == 405
    assert client.post(submit).status_code == 302
    client.force_login(manager)
    forward = reverse("governance:proposal_forward", args=[proposal.pk])
    assert client.get(forward).status_code == 405
    response = client.post(reverse("governance:proposal_return", args=[proposal.pk]), {"reason": ""})
    assert response.status_code == 200 and response.context["return_form"].errors
    assert client.post(forward, {"comment": "Ja"}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.FORWARDED


def test_forwarded_list_is_for_the_steering_group(people, client):
    author, manager, member = people["author"], people["manager"], people["member"]
    proposal = services.proposal_submit(proposal=write(author), actor=author)
    services.proposal_forward(proposal=proposal, comment="", actor=manager)
    url = reverse("governance:proposal_forwarded")
    client.force_login(author)
    assert client.get(url).status_code == 403
    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 200 and proposal.title in response.content.decode()
    assert client.get(proposal.get_absolute_url()).status_code == 200


def _add_proposals(author, status):
    def add(n):
        for i in range(n):
            Proposal.objects.create(author=author, organisation=author.organisation, title=f"Förslag {i}",
                                    description="d", expected_benefit="b", status=status,
                                    handled_by=UserFactory())

    return add


def test_forwarded_list_query_count(people, client, django_assert_num_queries):
    _add_proposals(people["author"], Proposal.Status.FORWARDED)(1)
    client.force_login(people["member"])
    assert_same_queries(client, reverse("governance:proposal_forwarded"),
                        _add_proposals(people["author"], Proposal.Status.FORWARDED), django_assert_num_queries)


def test_proposal_list_query_count(people, client, django_assert_num_queries):
    _add_proposals(people["author"], Proposal.Status.SUBMITTED)(1)
    client.force_login(people["manager"])
    response = assert_same_queries(client, reverse("governance:proposal_list"),
                                   _add_proposals(people["author"], Proposal.Status.SUBMITTED),
                                   django_assert_num_queries)
    assert response.content.decode().count("Förslag ") >= 50
