"""Writes for the autumn meeting's election of next year's steering group and chair.

MUST (DOMAIN.md): exactly six members, the chair is one of them, each is an information manager
in the network (an active membership on the decision date), one term = the calendar year after
the decision. Ties in a ballot are flagged for the meeting, never resolved silently."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance import concurrency
from governance.audit import audited_save
from governance.authority import require, today
from governance.bodies.models import Body, Membership
from governance.bodies.selectors import chair_of, members_of, standing_body, steering_group
from governance.bodies.services import membership_create
from governance.elections.models import STEERING_GROUP_SIZE, Ballot, Election, ElectionDecision
from governance.elections.records import register_election_decision
from governance.elections.selectors import tally
from governance.notifications import kinds
from governance.notifications.services import notification_send
from governance.people.models import Organisation, User
from governance.people.rules import ballot_organisations, mandate_for
from governance.texts import Text


def _names(people) -> str:
    return ", ".join(str(p) for p in people)


def _information_manager_memberships(people: Sequence[User], day: dt.date) -> dict[int, Membership]:
    return {
        m.user_id: m
        for m in Membership.objects.active_on(day)
        .filter(body__kind=Body.Kind.INFO_MANAGERS_NETWORK, user__in=[p.pk for p in people])
        .select_related("organisation")
    }


def check_steering_group(members: Sequence[User], chair: User | None, day: dt.date, *,
                         term: int | None = None) -> dict[int, Membership]:
    """The MUST rules for a steering group (a proposal or a decision). Returns each member's
    information-manager membership on `day`, keyed by user id. With `term`, each must also still be
    an information manager when the term begins (1 January): a role that ends before it is refused."""
    unique = list({m.pk: m for m in members}.values())
    if len(unique) != STEERING_GROUP_SIZE:
        raise ValidationError(
            _("The steering group has exactly six members; %(count)s were chosen.") % {"count": len(unique)},
            code="six",
        )
    if chair is None or chair.pk not in {m.pk for m in unique}:
        raise ValidationError(_("The chair must be one of the six members."), code="chair")
    managers = _information_manager_memberships(unique, day)
    outside = [m for m in unique if m.pk not in managers]
    if outside:
        raise ValidationError(
            _("Only information managers in the network can be elected; on %(date)s %(names)s is not.")
            % {"date": date_format(day), "names": _names(outside)},
            code="not_information_manager",
        )
    if term is not None:
        start = dt.date(term, 1, 1)
        at_start = _information_manager_memberships(unique, start) if start > day else managers
        leaving = [m for m in unique if m.pk not in at_start]
        if leaving:
            raise ValidationError(
                _("The term begins on %(date)s, and %(names)s is no longer an information manager then: "
                  "only someone whose role covers the term can be elected.")
                % {"date": date_format(start), "names": _names(leaving)},
                code="term",
            )
    return managers


def ending_during_term(members: Sequence[User], term: int) -> list[User]:
    """Those of `members` whose information-manager role is set to end during the term (a warning:
    the steering group will need a replacement)."""
    start, end = dt.date(term, 1, 1), dt.date(term, 12, 31)
    roles = _information_manager_memberships(members, start)
    return [m for m in members if m.pk in roles and roles[m.pk].end is not None and roles[m.pk].end < end]


def _term_check(election: Election, decided_on: dt.date) -> None:
    ElectionDecision(election=election, decided_on=decided_on).clean()


def _steering_chair(election: Election) -> User | None:
    chair = chair_of(steering_group(election.year - 1))
    return chair.user if chair else None


# --- The election and the nominating committee's proposal ---------------------------------------------
@transaction.atomic
def election_create(*, year: int, actor: User | None, meeting_date: dt.date | None = None) -> Election:
    """Open the election of the steering group for term `year` (admin or the steering group chair)."""
    if actor is not None and not actor.has_perm("governance.open_election"):
        raise PermissionDenied(_("Only the steering group's chair or an administrator can open an election."))
    if Election.objects.filter(year=year).exists():
        raise ValidationError(_("An election of the steering group for %(year)s already exists.") % {"year": year})
    election = Election(year=year, meeting_date=meeting_date)
    audited_save(election, actor=actor, reason="election opened")
    return election


@transaction.atomic
def nomination_set(
    *, election: Election, members: Sequence[User], chair: User | None, version: int, actor: User,
    on: dt.date | None = None,
) -> Election:
    """The nominating committee enters (or changes) its proposal: six information managers, one
    of them chair."""
    require(actor, "governance.enter_nomination", election, message=_("Only the nominating committee can enter its proposal."))
    election = concurrency.locked(election)
    if election.status == Election.Status.DECIDED:
        raise ValidationError(_("The election has been decided; the proposal can no longer change."))
    if election.status == Election.Status.BALLOT_CLOSED:
        raise ValidationError(_("The ballot is closed: the meeting decides on the proposal the organisations "
                                "voted on, and it can no longer change."), code="frozen")
    concurrency.check_version(election, version, _("nominating committee's proposal"))
    check_steering_group(members, chair, on or today(), term=election.year)
    election.nominated_chair = chair
    election.nomination_entered_by = actor
    election.nomination_entered_at = timezone.now()
    election.version += 1
    audited_save(election, actor=actor, reason="nominating committee's proposal")
    election.nominees.set(members)
    if election.status == Election.Status.BALLOT:
        _tell_the_voters(election)
    return election


def _tell_the_voters(election: Election) -> None:
    """The proposal changed while the ballot is open: whoever cast a ballot is told, and may change it
    until the ballot closes."""
    url = election.get_absolute_url()
    for ballot in Ballot.objects.filter(election=election).select_related("cast_by", "organisation"):
        if ballot.cast_by is None:
            continue
        # Stored untranslated, written in the reader's language (governance.texts).
        subject = Text(gettext_lazy("The nominating committee changed its proposal for %(year)s"), year=election.year)
        body = Text(gettext_lazy("The ballot is still open. Look at the new proposal and change the ballot of "
                                 "%(org)s if you want to, before the ballot closes."),
                    org=ballot.organisation.short_name)
        notification_send(kind=kinds.ELECTION_PROPOSAL_CHANGED, recipient=ballot.cast_by, subject=subject,
                          body=body, url=url, target=election, occasion=f"proposal-{election.version}")


# --- The ballot -----------------------------------------------------------------------------------
def _record(election: Election, actor: User) -> Election:
    require(actor, "governance.record_election", election, message=_("Only the steering group's chair or an administrator runs the election."))
    return Election.objects.select_for_update().get(pk=election.pk)


@transaction.atomic
def ballot_open(*, election: Election, actor: User) -> Election:
    election = _record(election, actor)
    Election.WORKFLOW.check(election, Election.Status.BALLOT, ValidationError(
        _("The ballot can only be opened once, before the election is decided.")))
    Election.WORKFLOW.move(election, Election.Status.BALLOT)
    election.version += 1
    audited_save(election, actor=actor, reason="ballot opened")
    return election


@transaction.atomic
def ballot_close(*, election: Election, actor: User) -> Election:
    election = _record(election, actor)
    Election.WORKFLOW.check(election, Election.Status.BALLOT_CLOSED, ValidationError(_("The ballot is not open.")))
    Election.WORKFLOW.move(election, Election.Status.BALLOT_CLOSED)
    election.version += 1
    audited_save(election, actor=actor, reason="ballot closed")
    return election


@transaction.atomic
def ballot_cast(
    *, election: Election, candidates: Sequence[User], chair_vote: User | None, actor: User,
    organisation: Organisation | None = None, on: dt.date | None = None,
) -> Ballot:
    """The organisation's information manager, or the deputy they named to cast it, casts (or
    changes) its one ballot: up to six candidates and one for chair. Changeable until the ballot
    closes. A deputy's ballot records the mandate it was cast on."""
    day = on or today()
    allowed = ballot_organisations(actor)
    if organisation is None:
        organisation = next(iter(allowed), None)
    if organisation is None or organisation.pk not in {o.pk for o in allowed}:
        raise PermissionDenied(_("Only an organisation's information manager, or their deputy, casts its ballot."))
    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.status == Election.Status.BALLOT_CLOSED or election.status == Election.Status.DECIDED:
        raise ValidationError(_("The ballot has closed; ballots can no longer be cast or changed."))
    if election.status != Election.Status.BALLOT:
        raise ValidationError(_("The ballot is not open."))
    unique = list({c.pk: c for c in candidates}.values())
    if not unique:
        raise ValidationError(_("Vote for at least one candidate."))
    if len(unique) > STEERING_GROUP_SIZE:
        raise ValidationError(
            _("A ballot has at most six candidates; you chose %(count)s.") % {"count": len(unique)}
        )
    if chair_vote is None:
        raise ValidationError(_("Vote for a chair."))
    people = unique + ([chair_vote] if chair_vote.pk not in {c.pk for c in unique} else [])
    managers = _information_manager_memberships(people, day)
    outside = [p for p in people if p.pk not in managers]
    if outside:
        raise ValidationError(
            _("Only information managers in the network can be elected; %(names)s is not.")
            % {"names": _names(outside)}
        )
    ballot = Ballot.objects.filter(election=election, organisation=organisation).first() or Ballot(
        election=election, organisation=organisation
    )
    ballot.chair_vote = chair_vote
    ballot.cast_by = actor
    ballot.mandate = mandate_for(actor, organisation, "cast_ballot")
    audited_save(ballot, actor=actor, reason="ballot cast")
    ballot.candidates.set(unique)
    return ballot


# --- The decision ----------------------------------------------------------------------------------
def _follow_tally(election: Election, members: Sequence[User], chair: User, notes: str) -> None:
    """A decision by ballot follows the tally; where the tally is tied the meeting's explicit
    choice (and a note of how it settled the tie) is required."""
    if election.status != Election.Status.BALLOT_CLOSED:
        raise ValidationError(_("Close the ballot before recording its result."))
    result = tally(election)
    chosen = {m.pk for m in members}
    if result.needs_meeting and not notes.strip():
        raise ValidationError(
            _("The ballot did not decide everything (a tie or an open place): record in the notes how the "
              "meeting settled it.")
        )
    missing = [u for u in result.clear if u.pk not in chosen]
    if missing:
        raise ValidationError(
            _("The ballot elected %(names)s; the decision must include them.") % {"names": _names(missing)}
        )
    if result.members_tie:
        extra = [m for m in members if m.pk not in {u.pk for u in result.clear}]
        wrong = [m for m in extra if m.pk not in {u.pk for u in result.tied}]
        if wrong:
            raise ValidationError(
                _("The remaining places go to candidates tied at the sixth place (%(tied)s), not to %(names)s.")
                % {"tied": _names(result.tied), "names": _names(wrong)}
            )
    if result.chair_tie:
        if chair.pk not in {u.pk for u in result.chair_tied}:
            raise ValidationError(
                _("The chair must be one of those tied for chair: %(names)s.") % {"names": _names(result.chair_tied)}
            )
    elif result.chair_winner is not None and result.chair_winner.pk in chosen and chair.pk != result.chair_winner.pk:
        raise ValidationError(
            _("The ballot elected %(name)s chair; the decision must follow it.") % {"name": result.chair_winner}
        )


def _new_body(kind: str, name: str, year: int) -> Body:
    body, _created = Body.objects.get_or_create(kind=kind, year=year, defaults={"name": name})
    if body.memberships.exists():
        raise ValidationError(
            _("%(body)s already has members; the decision cannot create it again.") % {"body": body}
        )
    return body


@transaction.atomic
def election_decide(
    *,
    election: Election,
    method: str,
    decided_on: dt.date,
    actor: User,
    members: Sequence[User] = (),
    chair: User | None = None,
    committee: Sequence[User] = (),
    committee_chair: User | None = None,
    notes: str = "",
) -> ElectionDecision:
    """Record the autumn meeting's decision: the steering group for term `election.year` (six
    information managers, one of them chair) and the nominating committee for the same year.
    Creates both bodies with their memberships and tells the county directors' group."""
    election = _record(election, actor)
    if election.status == Election.Status.DECIDED or ElectionDecision.objects.filter(election=election).exists():
        raise ValidationError(_("The election has already been decided."))
    if method == ElectionDecision.Method.ADOPTED:
        if not election.has_nomination:
            raise ValidationError(_("The nominating committee has not entered a proposal to adopt."))
        members = list(election.nominees.all())
        chair = election.nominated_chair
    elif method not in (ElectionDecision.Method.AMENDED, ElectionDecision.Method.BALLOT):
        raise ValidationError(_("Choose how the meeting decided."))
    _term_check(election, decided_on)
    managers = check_steering_group(members, chair, decided_on, term=election.year)
    if method == ElectionDecision.Method.BALLOT:
        _follow_tally(election, members, chair, notes)
    committee = list({c.pk: c for c in committee}.values())
    if not committee:
        raise ValidationError(_("Appoint at least one member of the nominating committee for %(year)s.")
                              % {"year": election.year})
    if committee_chair is not None and committee_chair.pk not in {c.pk for c in committee}:
        raise ValidationError(_("The nominating committee's convener must be one of its members."))

    year = election.year
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    group = _new_body(Body.Kind.STEERING_GROUP, "Styrgruppen", year)
    ordered = sorted(members, key=lambda u: (u.pk != chair.pk, managers[u.pk].organisation.sort_order))
    for person in ordered:
        membership_create(
            body=group, user=person, start=start, end=end, actor=actor, organisation=managers[person.pk].organisation,
            position=Membership.Position.CHAIR if person.pk == chair.pk else Membership.Position.MEMBER,
        )
    nominating = _new_body(Body.Kind.NOMINATING_COMMITTEE, "Valberedningen", year)
    for person in committee:
        membership_create(
            body=nominating, user=person, start=start, end=end, actor=actor,
            position=(Membership.Position.CHAIR if committee_chair and person.pk == committee_chair.pk
                      else Membership.Position.MEMBER),
        )
    decision = ElectionDecision(
        election=election, method=method, decided_on=decided_on, chair=chair, steering_group=group,
        nominating_committee=nominating, notes=notes.strip(), recorded_by=actor,
    )
    audited_save(decision, actor=actor, reason="autumn meeting's decision")
    decision.members.set(ordered)
    Election.WORKFLOW.move(election, Election.Status.DECIDED)
    election.version += 1
    audited_save(election, actor=actor, reason="election decided")
    register_election_decision(decision, actor=actor)
    _tell_directors(decision, ordered)
    return decision


def _tell_directors(decision: ElectionDecision, members: Sequence[User]) -> None:
    """The choice of steering group and chair is reported to the county directors' group."""
    year = decision.election.year
    subject = Text(gettext_lazy("The steering group for %(year)s has been elected"), year=year)
    body = Text(
        gettext_lazy("The information managers' network decided on %(date)s. Chair: %(chair)s. Members: %(members)s."),
        date=decision.decided_on, chair=f"{decision.chair} ({decision.chair.organisation})", members=_names(members),
    )
    directors = standing_body(Body.Kind.DIRECTORS_GROUP)
    for membership in members_of(directors):
        notification_send(
            kind=kinds.ELECTION_DECIDED,
            recipient=membership.user,
            subject=subject,
            body=body,
            url=decision.get_absolute_url(),
            target=decision,
            occasion="decided",
        )
