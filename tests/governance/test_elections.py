"""The autumn meeting's election of next year's steering group: the nominating committee's
proposal, the ballot and its tally (ties flagged, never resolved silently), the decision and its
MUST rules, the report to the county directors' group, and the term change on 1 January."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from governance.bodies.models import Body, Membership
from governance.elections import services
from governance.elections.models import Ballot, Election, ElectionDecision
from governance.elections.selectors import tally
from governance.networks.dashboard import panels
from governance.notifications.models import Notification
from governance.people.models import User
from tests.clock import at
from tests.governance.factories import (
    BodyFactory,
    MembershipFactory,
    UserFactory,
    info_manager,
    org,
    standing,
)

pytestmark = pytest.mark.django_db

CODES = ["AB", "C", "D", "E", "F", "G", "H", "K", "M"]
SIX = ["AB", "C", "D", "E", "F", "G"]


@pytest.fixture(autouse=True)
def _english():
    """Services' messages are checked in their English source text."""
    with translation.override("en"):
        yield


@pytest.fixture
def e(today):
    """Term year Y = next year; this year's steering group (chair F, member M) and nominating
    committee (K); a director; an admin; the election for Y."""
    year = today.year + 1
    ims = {c: info_manager(c, username=f"im-{c.lower()}") for c in CODES}
    jan1, dec31 = dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
    old_group = BodyFactory(kind=Body.Kind.STEERING_GROUP, name="Styrgruppen", year=today.year)
    MembershipFactory(body=old_group, user=ims["F"], position=Membership.Position.CHAIR, start=jan1, end=dec31)
    MembershipFactory(body=old_group, user=ims["M"], start=jan1, end=dec31)
    committee = BodyFactory(kind=Body.Kind.NOMINATING_COMMITTEE, name="Valberedningen", year=today.year)
    MembershipFactory(body=committee, user=ims["K"], position=Membership.Position.CHAIR, start=jan1, end=dec31)
    director = UserFactory(organisation=org("T"), username="lansrad")
    MembershipFactory(body=standing(Body.Kind.DIRECTORS_GROUP), user=director)
    admin = UserFactory(organisation=org("IT"), username="root", is_superuser=True, is_staff=True)
    election = services.election_create(year=year, actor=admin, meeting_date=today)
    return SimpleNamespace(year=year, ims=ims, old_group=old_group, chair=ims["F"], committee=ims["K"],
                           director=director, admin=admin, election=election, today=today)


def people(e, codes):
    return [e.ims[c] for c in codes]


def fresh(user) -> User:
    """A new instance, so no permission cache survives a sync."""
    return User.objects.get(pk=user.pk)


def decide(e, *, codes=SIX, chair="F", method=ElectionDecision.Method.AMENDED, on=None, notes="", members=None):
    return services.election_decide(
        election=e.election, method=method, decided_on=on or e.today, actor=e.chair,
        members=members if members is not None else people(e, codes), chair=e.ims[chair] if chair else None,
        committee=people(e, ["H", "K"]), committee_chair=e.ims["H"], notes=notes,
    )


# --- Roles ------------------------------------------------------------------------------------------
def test_roles_come_from_memberships(e):
    assert fresh(e.committee).has_perm("governance.enter_nomination", e.election)
    assert fresh(e.chair).has_perm("governance.record_election", e.election)
    assert not fresh(e.ims["M"]).has_perm("governance.record_election", e.election)
    assert not fresh(e.ims["M"]).has_perm("governance.enter_nomination", e.election)


# --- The nominating committee's proposal -----------------------------------------------------------
def test_nomination(e):
    election = services.nomination_set(election=e.election, members=people(e, SIX), chair=e.ims["F"], version=1,
                                       actor=e.committee)
    assert set(election.nominees.all()) == set(people(e, SIX)) and election.nominated_chair == e.ims["F"]
    with pytest.raises(ValidationError, match="Someone else saved this nominating committee's proposal"):
        services.nomination_set(election=e.election, members=people(e, SIX), chair=e.ims["C"], version=1,
                                actor=e.committee)


def test_nomination_only_by_the_committee(e):
    with pytest.raises(PermissionDenied):
        services.nomination_set(election=e.election, members=people(e, SIX), chair=e.ims["F"], version=1,
                                actor=e.ims["M"])


@pytest.mark.parametrize(
    ("codes", "chair", "message"),
    [
        (SIX[:5], "F", "exactly six members; 5 were chosen"),
        (SIX + ["H"], "F", "exactly six members; 7 were chosen"),
        (SIX, "K", "The chair must be one of the six members"),
    ],
)
def test_nomination_must_rules(e, codes, chair, message):
    with pytest.raises(ValidationError, match=message):
        services.nomination_set(election=e.election, members=people(e, codes), chair=e.ims[chair], version=1,
                                actor=e.committee)


def test_nomination_only_information_managers(e):
    outsider = UserFactory(organisation=org("W"), first_name="Utan", last_name="Uppdrag")
    with pytest.raises(ValidationError, match="Only information managers in the network can be elected.*Utan Uppdrag"):
        services.nomination_set(election=e.election, members=people(e, SIX[:5]) + [outsider], chair=e.ims["F"],
                                version=1, actor=e.committee)


# --- The decision ----------------------------------------------------------------------------------
def test_adopting_the_proposal_creates_the_bodies_and_tells_the_directors(
    e, django_capture_on_commit_callbacks, mailoutbox
):
    services.nomination_set(election=e.election, members=people(e, SIX), chair=e.ims["F"], version=1,
                            actor=e.committee)
    with django_capture_on_commit_callbacks(execute=True):
        decision = decide(e, method=ElectionDecision.Method.ADOPTED, chair=None, members=[])
    group = decision.steering_group
    assert (group.kind, group.year) == (Body.Kind.STEERING_GROUP, e.year)
    memberships = list(group.memberships.all())
    assert len(memberships) == 6
    assert {m.user for m in memberships} == set(people(e, SIX))
    assert all((m.start, m.end) == (dt.date(e.year, 1, 1), dt.date(e.year, 12, 31)) for m in memberships)
    assert [m.user for m in memberships if m.position == Membership.Position.CHAIR] == [e.ims["F"]]
    committee = decision.nominating_committee
    assert (committee.kind, committee.year) == (Body.Kind.NOMINATING_COMMITTEE, e.year)
    assert {m.user for m in committee.memberships.all()} == set(people(e, ["H", "K"]))
    e.election.refresh_from_db()
    assert e.election.status == Election.Status.DECIDED
    assert decision.history.first().history_user == e.chair
    notification = Notification.objects.get(recipient=e.director, kind="election_decided")
    assert notification.url == reverse("governance:election_decision", args=[e.year])
    assert [m.to for m in mailoutbox] == [[e.director.email]]
    with pytest.raises(ValidationError, match="already been decided"):
        decide(e)


def test_adopting_needs_a_proposal(e):
    with pytest.raises(ValidationError, match="has not entered a proposal"):
        decide(e, method=ElectionDecision.Method.ADOPTED)


def test_decision_exactly_six(e):
    with pytest.raises(ValidationError, match="exactly six members; 5 were chosen"):
        decide(e, codes=SIX[:5])
    assert not Body.objects.filter(kind=Body.Kind.STEERING_GROUP, year=e.year).exists()


def test_decision_chair_is_one_of_the_six(e):
    with pytest.raises(ValidationError, match="The chair must be one of the six members"):
        decide(e, chair="M")


def test_decision_all_six_are_information_managers_on_the_decision_date(e):
    left = Membership.objects.get(user=e.ims["G"], body__kind=Body.Kind.INFO_MANAGERS_NETWORK)
    left.end = e.today - dt.timedelta(days=1)
    left.save()
    with pytest.raises(ValidationError, match=f"Only information managers in the network can be elected.*{e.ims['G']}"):
        decide(e)


def test_decision_term_is_the_next_calendar_year(e):
    with pytest.raises(ValidationError, match=f"a decision made in {e.year} elects the steering group for {e.year + 1}"):
        decide(e, on=dt.date(e.year, 1, 15))


def test_only_the_steering_group_chair_records(e):
    with pytest.raises(PermissionDenied):
        services.election_decide(election=e.election, method="amended", decided_on=e.today, actor=e.ims["M"],
                                 members=people(e, SIX), chair=e.ims["F"], committee=[e.ims["K"]])


# --- The ballot --------------------------------------------------------------------------------------
def cast(e, voter, codes, chair):
    return services.ballot_cast(election=e.election, candidates=people(e, codes), chair_vote=e.ims[chair],
                                actor=e.ims[voter])


def test_one_ballot_per_organisation_changeable_until_closed(e):
    with pytest.raises(ValidationError, match="The ballot is not open"):
        cast(e, "AB", SIX, "F")
    services.ballot_open(election=e.election, actor=e.chair)
    cast(e, "AB", SIX, "F")
    cast(e, "AB", ["C", "D"], "C")  # changed
    ballots = Ballot.objects.filter(election=e.election)
    assert ballots.count() == 1
    assert set(ballots.get().candidates.all()) == set(people(e, ["C", "D"])) and ballots.get().chair_vote == e.ims["C"]
    with pytest.raises(ValidationError, match="at most six candidates; you chose 7"):
        cast(e, "AB", SIX + ["H"], "F")
    services.ballot_close(election=e.election, actor=e.chair)
    with pytest.raises(ValidationError, match="The ballot has closed"):
        cast(e, "AB", SIX, "F")


def test_only_information_managers_cast_ballots(e):
    services.ballot_open(election=e.election, actor=e.chair)
    with pytest.raises(PermissionDenied):
        services.ballot_cast(election=e.election, candidates=people(e, SIX), chair_vote=e.ims["F"], actor=e.admin)
    outsider = UserFactory(organisation=org("W"))
    with pytest.raises(ValidationError, match="Only information managers"):
        services.ballot_cast(election=e.election, candidates=[outsider], chair_vote=e.ims["F"], actor=e.ims["C"])


def test_clear_tally_and_the_decision_follows_it(e):
    services.ballot_open(election=e.election, actor=e.chair)
    cast(e, "AB", SIX, "F")
    cast(e, "C", SIX, "F")
    cast(e, "D", ["AB", "C", "D", "E", "F", "H"], "AB")
    services.ballot_close(election=e.election, actor=e.chair)
    result = tally(e.election)
    assert set(result.clear) == set(people(e, SIX)) and not result.needs_meeting
    assert result.chair_winner == e.ims["F"] and result.ballots_cast == 3
    with pytest.raises(ValidationError, match="elected .* chair; the decision must follow it"):
        decide(e, method="ballot", chair="AB")
    with pytest.raises(ValidationError, match="The ballot elected .*; the decision must include them"):
        decide(e, method="ballot", codes=["AB", "C", "D", "E", "F", "H"])
    decision = decide(e, method="ballot")
    assert decision.chair == e.ims["F"]


def test_a_tie_at_the_sixth_place_is_flagged_for_the_meeting(e):
    services.ballot_open(election=e.election, actor=e.chair)
    cast(e, "AB", ["AB", "C", "D", "E", "F", "G"], "F")
    cast(e, "C", ["AB", "C", "D", "E", "F", "H"], "F")
    with pytest.raises(ValidationError, match="Close the ballot"):
        decide(e, method="ballot", codes=["AB", "C", "D", "E", "F", "G"], notes="Lottning")
    services.ballot_close(election=e.election, actor=e.chair)
    result = tally(e.election)
    assert result.members_tie and result.needs_meeting
    assert set(result.tied) == {e.ims["G"], e.ims["H"]} and result.seats_to_settle == 1
    assert result.elected == []  # never resolved silently
    with pytest.raises(ValidationError, match="record in the notes how the meeting settled it"):
        decide(e, method="ballot", codes=["AB", "C", "D", "E", "F", "G"])
    with pytest.raises(ValidationError, match="remaining places go to candidates tied at the sixth place"):
        decide(e, method="ballot", codes=["AB", "C", "D", "E", "F", "K"], notes="Lottning")
    decision = decide(e, method="ballot", codes=["AB", "C", "D", "E", "F", "H"], notes="Lottning mellan G och H")
    assert e.ims["H"] in decision.members.all()


def test_a_tie_for_chair_is_flagged(e):
    services.ballot_open(election=e.election, actor=e.chair)
    cast(e, "AB", SIX, "F")
    cast(e, "C", SIX, "AB")
    services.ballot_close(election=e.election, actor=e.chair)
    result = tally(e.election)
    assert result.chair_tie and result.chair_winner is None and result.needs_meeting
    with pytest.raises(ValidationError, match="The chair must be one of those tied for chair"):
        decide(e, method="ballot", chair="C", notes="Omröstning")
    assert decide(e, method="ballot", chair="AB", notes="Mötet valde AB").chair == e.ims["AB"]


# --- The term change ---------------------------------------------------------------------------------
def test_on_january_first_the_new_group_gets_its_rights_and_the_old_loses_them(e):
    new_member, old_member = e.ims["C"], e.ims["M"]
    decision = decide(e, chair="AB")
    new_group, old_group = decision.steering_group, e.old_group
    at(e.today)
    assert fresh(old_member).has_perm("governance.view_body", old_group)
    assert not fresh(new_member).has_perm("governance.view_body", new_group)

    at(dt.date(e.year, 1, 1))
    chair = fresh(e.ims["AB"])
    assert chair.has_perm("governance.manage_body", new_group) and chair.has_perm("governance.view_body", new_group)
    assert fresh(new_member).has_perm("governance.view_body", new_group)
    assert not fresh(new_member).has_perm("governance.manage_body", new_group)
    assert not fresh(old_member).has_perm("governance.view_body", old_group)
    assert not fresh(e.chair).has_perm("governance.manage_body", old_group)


# --- Views -------------------------------------------------------------------------------------------
def test_views(e, client):
    anyone = UserFactory(organisation=org("W"))
    decision_url = reverse("governance:election_decision", args=[e.year])
    client.force_login(anyone)
    assert client.get(reverse("governance:election_detail", args=[e.year])).status_code == 200
    assert client.get(decision_url).status_code == 404
    assert client.get(reverse("governance:election_ballot", args=[e.year])).status_code == 403
    assert client.get(reverse("governance:election_decide", args=[e.year])).status_code == 403

    client.force_login(e.chair)
    open_url = reverse("governance:election_ballot_open", args=[e.year])
    assert client.get(open_url).status_code == 405
    assert client.post(open_url).status_code == 302

    client.force_login(e.ims["C"])
    ballot_url = reverse("governance:election_ballot", args=[e.year])
    assert client.post(ballot_url, {"candidates": [u.pk for u in people(e, SIX)], "chair_vote": e.ims["F"].pk}
                       ).status_code == 302
    response = client.post(ballot_url, {"candidates": [u.pk for u in people(e, SIX + ["H"])],
                                        "chair_vote": e.ims["F"].pk})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    client.force_login(e.admin)
    assert client.get(ballot_url).status_code == 403  # admin represents no organisation

    client.force_login(e.chair)
    assert client.post(reverse("governance:election_ballot_close", args=[e.year]), {"confirmed": "1"}).status_code == 302
    decide_url = reverse("governance:election_decide", args=[e.year])
    response = client.post(decide_url, {
        "method": "amended", "decided_on": e.today.isoformat(), "members": [u.pk for u in people(e, SIX[:5])],
        "chair": e.ims["F"].pk, "committee": [e.ims["K"].pk],
    })
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    response = client.post(decide_url, {
        "method": "amended", "decided_on": e.today.isoformat(), "members": [u.pk for u in people(e, SIX)],
        "chair": e.ims["F"].pk, "committee": [e.ims["K"].pk],
    })
    assert response.status_code == 302 and response["Location"] == decision_url

    client.force_login(anyone)
    response = client.get(decision_url)
    assert response.status_code == 200 and str(e.ims["F"]) in response.content.decode()


def test_dashboard_panels(e):
    services.ballot_open(election=e.election, actor=e.chair)
    titles = [str(p.title) for p in panels(fresh(e.ims["C"]), e.today)]
    assert any(str(e.year) in t for t in titles)
    assert panels(UserFactory(organisation=org("W")), e.today) == []


def test_opening_next_years_election(e, client):
    """The steering group's chair (or admin) opens the election; the year is always next year."""
    Election.objects.all().delete()
    url = reverse("governance:election_create")
    client.force_login(e.ims["M"])
    assert client.post(url).status_code == 403
    client.force_login(e.chair)
    assert client.get(url).status_code == 405
    response = client.post(url)
    election = Election.objects.get()
    assert election.year == e.year and response["Location"] == election.get_absolute_url()
    assert fresh(e.committee).has_perm("governance.enter_nomination", election)  # synced at once
    assert client.post(url).status_code == 302
    assert Election.objects.count() == 1
    with translation.override("en"), pytest.raises(ValidationError, match="already exists"):
        services.election_create(year=e.year, actor=e.admin)


# --- A secret ballot, a frozen proposal, a term covered (the workflows issue) --------------------------
def test_the_ballot_is_secret_until_it_closes(e, client):
    services.ballot_open(election=e.election, actor=e.chair)
    cast(e, "AB", ["AB", "C", "D", "E", "F", "G"], "F")
    cast(e, "C", ["AB", "C", "D", "E", "F", "H"], "C")
    url = reverse("governance:election_detail", args=[e.year])
    client.force_login(e.chair)  # a voter, and here a candidate: runs the election, never sees the count
    response = client.get(url)
    assert response.context["tally"] is None
    voted = {o.code: cast_ for o, cast_ in response.context["voted"]}
    assert voted["AB"] and voted["C"] and not voted["D"] and len(voted) == 22
    page = response.content.decode()
    assert "Vilka som har röstat" in page and "Omröstningen är hemlig tills den stängs" in page
    services.ballot_close(election=e.election, actor=e.chair)
    response = client.get(url)
    assert response.context["tally"] is not None and response.context["voted"] is None


def test_a_proposal_changed_while_the_ballot_is_open_tells_the_voters(e, client):
    services.nomination_set(election=e.election, members=people(e, SIX), chair=e.ims["F"], version=1,
                            actor=e.committee)
    services.ballot_open(election=e.election, actor=e.chair)
    cast(e, "AB", SIX, "F")
    client.force_login(e.committee)
    page = client.get(reverse("governance:election_nomination", args=[e.year])).content.decode()
    assert "1 röstsedel är avgiven. Om ni ändrar förslaget får de organisationer som har röstat veta det" in page
    election = Election.objects.get(pk=e.election.pk)
    services.nomination_set(election=election, members=people(e, ["AB", "C", "D", "E", "F", "H"]), chair=e.ims["F"],
                            version=election.version, actor=e.committee)
    told = Notification.objects.filter(kind="election_proposal_changed")
    assert [n.recipient for n in told] == [e.ims["AB"]]
    assert "ändrade sitt förslag" in told.get().subject  # stored in Swedish


def test_the_proposal_is_frozen_once_the_ballot_closes(e):
    services.ballot_open(election=e.election, actor=e.chair)
    services.ballot_close(election=e.election, actor=e.chair)
    election = Election.objects.get(pk=e.election.pk)
    with pytest.raises(ValidationError, match="The ballot is closed: the meeting decides on the proposal"):
        services.nomination_set(election=election, members=people(e, SIX), chair=e.ims["F"],
                                version=election.version, actor=e.committee)


def _role_ends(e, code, end):
    Membership.objects.filter(user=e.ims[code], body__kind=Body.Kind.INFO_MANAGERS_NETWORK).update(end=end)


def test_an_information_manager_whose_role_ends_before_the_term_is_not_elected(e):
    _role_ends(e, "G", dt.date(e.today.year, 12, 31))
    with pytest.raises(ValidationError, match="The term begins on .* no longer an information manager then"):
        services.nomination_set(election=e.election, members=people(e, SIX), chair=e.ims["F"], version=1,
                                actor=e.committee)
    with pytest.raises(ValidationError, match="no longer an information manager then"):
        decide(e)


def test_a_role_that_ends_during_the_term_is_a_warning_on_the_election(e, client):
    _role_ends(e, "G", dt.date(e.year, 6, 30))
    services.nomination_set(election=e.election, members=people(e, SIX), chair=e.ims["F"], version=1,
                            actor=e.committee)
    client.force_login(e.chair)
    response = client.get(reverse("governance:election_detail", args=[e.year]))
    assert response.context["leaving"] == [e.ims["G"]]
    assert "styrgruppen behöver en ersättare under mandatperioden" in response.content.decode()
