"""Governance's rules: who may do what with organisations, bodies, meetings, minutes, the networks,
proposals, the conference, the election and the G7 reports.

Each permission is `user.has_perm("governance.<verb>_<model>", obj)`, composed from predicates
over the facts of the moment (governance/authority.py): the memberships the user holds today or
held on the meeting's day, the deputies' mandates, the object's own state. Django answers True for
an active superuser before any rule is asked: that is the administrator's one rule.

Read as the governance text:
- An organisation's information manager acts for it (join requests, proposals, registrations,
  the ballot, the consultation) and may name a deputy for a period to answer the consultation,
  cast the ballot or register for the conference.
- A body's records stay with the body: its meetings are read by those who were members when the
  meeting was held and by its members today; the sitting steering group reads every earlier
  steering group's records; the officers (chair, vice chair, secretary, leader) of the meeting's
  day or of today run the meeting and its minutes, so the 2026 chair can still publish the
  December minutes in January. Published minutes are read by the whole network.
- The nominating committee of the year before the term enters its proposal; that year's steering
  group chair records the election.
- G7 reads the reports the sitting steering group produces.
"""
from __future__ import annotations

import datetime as dt

import rules

from .authority import Facts, facts, today
from .models import Body, Delegation, Membership, Organisation


# --- Organisations --------------------------------------------------------------------------------
@rules.predicate
def is_information_manager_of(user, organisation: Organisation | None) -> bool:
    if organisation is None:
        return False
    return organisation.pk in facts(user).info_manager_of(today())


@rules.predicate
def is_an_information_manager(user) -> bool:
    return bool(facts(user).info_manager_of(today()))


def _deputy(scope: str):
    @rules.predicate(name=f"is_deputy_to_{scope}")
    def predicate(user, organisation: Organisation | None) -> bool:
        return organisation is not None and organisation.pk in facts(user).deputy_for(today(), scope)

    return predicate


is_deputy_to_answer_consultation = _deputy("answer_consultation")
is_deputy_to_cast_ballot = _deputy("cast_ballot")
is_deputy_to_register_conference = _deputy("register_conference")


# --- Bodies ---------------------------------------------------------------------------------------
@rules.predicate
def is_member_of_body(user, body: Body | None) -> bool:
    return body is not None and facts(user).in_body(body.pk, today())


@rules.predicate
def is_officer_of_body(user, body: Body | None) -> bool:
    return body is not None and facts(user).in_body(body.pk, today(), positions=Membership.OFFICER_POSITIONS)


@rules.predicate
def sits_in_steering_group(user) -> bool:
    """A member of the steering group sitting today (the group of this calendar year)."""
    day = today()
    return facts(user).sits(day, Body.Kind.STEERING_GROUP, year=day.year)


@rules.predicate
def chairs_sitting_steering_group(user) -> bool:
    day = today()
    return facts(user).sits(day, Body.Kind.STEERING_GROUP, year=day.year, positions=[Membership.Position.CHAIR])


@rules.predicate
def sits_in_g7(user) -> bool:
    return facts(user).sits(today(), Body.Kind.G7)


@rules.predicate
def sits_in_directors_group(user) -> bool:
    return facts(user).sits(today(), Body.Kind.DIRECTORS_GROUP)


@rules.predicate
def is_in_network(user) -> bool:
    """In the communicators' or information managers' network, or the steering group, today."""
    f, day = facts(user), today()
    return any(f.sits(day, kind) for kind in NETWORK_KINDS)


NETWORK_KINDS = (Body.Kind.COMMUNICATORS_NETWORK, Body.Kind.INFO_MANAGERS_NETWORK, Body.Kind.STEERING_GROUP)


# --- Meetings and minutes: the body's records ------------------------------------------------------
def _meeting_seats(f: Facts, meeting, positions=None) -> bool:
    """Held a seat in one of the meeting's bodies on the meeting's day, or holds one today."""
    day, now = meeting.date, today()
    for seat in f.seats_in(meeting.body_ids):
        if positions and seat.position not in positions:
            continue
        if seat.on(day) or seat.on(now):
            return True
    return False


@rules.predicate
def attends_meeting(user, meeting) -> bool:
    return meeting is not None and _meeting_seats(facts(user), meeting)


@rules.predicate
def runs_meeting(user, meeting) -> bool:
    return meeting is not None and _meeting_seats(facts(user), meeting, Membership.OFFICER_POSITIONS)


@rules.predicate
def keeps_steering_records(user, meeting) -> bool:
    """The sitting steering group reads the records of the steering groups before it."""
    year = today().year
    return (
        meeting is not None
        and any(b.kind == Body.Kind.STEERING_GROUP and (b.year or 0) <= year for b in meeting.bodies)
        and sits_in_steering_group(user)
    )


@rules.predicate
def minutes_published(user, minutes) -> bool:
    return minutes is not None and minutes.is_published


@rules.predicate
def runs_minutes_meeting(user, minutes) -> bool:
    return minutes is not None and runs_meeting(user, minutes.meeting)


# --- Proposals --------------------------------------------------------------------------------------
@rules.predicate
def is_author(user, proposal) -> bool:
    return proposal is not None and proposal.author_id == user.pk


@rules.predicate
def proposal_editable(user, proposal) -> bool:
    return proposal is not None and proposal.editable


@rules.predicate
def proposal_submitted(user, proposal) -> bool:
    from .models import Proposal

    return proposal is not None and proposal.status != Proposal.Status.DRAFT


@rules.predicate
def proposal_forwarded(user, proposal) -> bool:
    from .models import Proposal

    return proposal is not None and proposal.status == Proposal.Status.FORWARDED


@rules.predicate
def manages_proposal_organisation(user, proposal) -> bool:
    return proposal is not None and is_information_manager_of(user, proposal.organisation)


# --- The election ------------------------------------------------------------------------------------
@rules.predicate
def on_nominating_committee_for(user, election) -> bool:
    """A member today of the nominating committee of the year before the term."""
    return election is not None and facts(user).sits(
        today(), Body.Kind.NOMINATING_COMMITTEE, year=election.year - 1)


@rules.predicate
def chairs_steering_group_before(user, election) -> bool:
    """Today the chair of the steering group of the year before the term."""
    return election is not None and facts(user).sits(
        today(), Body.Kind.STEERING_GROUP, year=election.year - 1, positions=[Membership.Position.CHAIR])


# --- Permissions ----------------------------------------------------------------------------------
rules.add_perm("governance.manage_organisation", is_information_manager_of)
rules.add_perm("governance.delegate_organisation", is_information_manager_of)
rules.add_perm("governance.answer_consultation", is_information_manager_of | is_deputy_to_answer_consultation)
rules.add_perm("governance.cast_ballot", is_information_manager_of | is_deputy_to_cast_ballot)
rules.add_perm("governance.register_conference", is_information_manager_of | is_deputy_to_register_conference)
rules.add_perm("governance.export_mailing_list", is_an_information_manager)

rules.add_perm("governance.view_body", is_member_of_body)
rules.add_perm("governance.manage_body", is_officer_of_body)

rules.add_perm("governance.view_meeting", attends_meeting | keeps_steering_records)
rules.add_perm("governance.manage_meeting", runs_meeting)
rules.add_perm("governance.view_minutes", minutes_published | runs_minutes_meeting)
rules.add_perm("governance.manage_minutes", runs_minutes_meeting)

rules.add_perm("governance.view_forwarded_proposals", sits_in_steering_group)
rules.add_perm("governance.edit_proposal", is_author & proposal_editable)
rules.add_perm("governance.handle_proposal", proposal_submitted & manages_proposal_organisation)
rules.add_perm(
    "governance.view_proposal",
    is_author | (proposal_submitted & manages_proposal_organisation) | (proposal_forwarded & sits_in_steering_group),
)

rules.add_perm("governance.open_election", chairs_sitting_steering_group)
rules.add_perm("governance.enter_nomination", on_nominating_committee_for)
rules.add_perm("governance.record_election", chairs_steering_group_before)

rules.add_perm("governance.produce_g7_report", sits_in_steering_group)
rules.add_perm("governance.view_g7_reports", sits_in_g7 | sits_in_steering_group)


# --- Lists: one filter per model, the same rule as its detail page ----------------------------------
def managed_organisations(user):
    """The organisations `user` is information manager of today (every one for an administrator)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    qs = Organisation.objects.order_by("sort_order", "code")
    if user.is_superuser:
        return qs
    return qs.filter(pk__in=facts(user).info_manager_of(today()))


def acting_for(user, scope: str | None = None):
    """The organisations `user` acts for today, as the rules count it: those they are information
    manager of, and, for a delegable right (`scope`: answer_consultation, cast_ballot,
    register_conference), those they are deputy for. Never every organisation for an administrator:
    the administrator acts for none."""
    if not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    f, day = facts(user), today()
    ids = set(f.info_manager_of(day))
    if scope in Delegation.SCOPES:
        ids |= f.deputy_for(day, scope)
    return Organisation.objects.filter(pk__in=ids).order_by("sort_order", "code")


def organisations_for(user, perm: str):
    """The organisations on which `user` holds `perm` (information manager or deputy; every one for
    an administrator)."""
    if user.is_authenticated and user.is_active and user.is_superuser:
        return Organisation.objects.order_by("sort_order", "code")
    return acting_for(user, perm.rpartition(".")[2])


def ballot_organisations(user) -> list[Organisation]:
    """The organisations whose ballot `user` casts today: their own as information manager and those
    they are deputy for. Never the administrator's: a ballot is an organisation's."""
    return list(acting_for(user, "cast_ballot"))


def mandate_for(user, organisation: Organisation, scope: str):
    """The deputy's mandate under which `user` acts for `organisation` today (None when they act as
    its information manager, or hold none)."""
    from .models import Delegation

    f, day = facts(user), today()
    if organisation.pk in f.info_manager_of(day):
        return None
    pk = next((m.pk for m in f.mandates if m.scope == scope and m.organisation_id == organisation.pk
               and m.on(day)), None)
    return Delegation.objects.filter(pk=pk).first() if pk else None


def visible_meetings(user, meetings):
    """`meetings` narrowed to exactly those `governance.view_meeting` allows `user`."""
    if not user.is_authenticated or not user.is_active:
        return meetings.none()
    if user.is_superuser:
        return meetings
    return meetings.filter(_meetings_q(user))


def run_meetings(user, meetings):
    """`meetings` narrowed to exactly those `governance.manage_meeting` allows `user`."""
    if not user.is_authenticated or not user.is_active:
        return meetings.none()
    if user.is_superuser:
        return meetings
    return meetings.filter(_meetings_q(user, positions=Membership.OFFICER_POSITIONS, records=False))


def _meetings_q(user, positions=None, records: bool = True):
    """The meetings of the bodies the user sits in today, of the bodies they sat in on the meeting's
    day, and (records) the earlier steering groups' for the sitting steering group. No join: a
    meeting's joint bodies are a subquery, so the filter neither repeats rows nor needs DISTINCT."""
    from django.db.models import Q

    from .models import Meeting

    joint = Meeting.joint_bodies.through.objects
    f, now = facts(user), today()
    seats = [s for s in f.seats if not positions or s.position in positions]

    def held_by(**body) -> Q:
        return Q(**{f"body__{k}" if k != "id__in" else "body_id__in": v for k, v in body.items()}) | Q(
            pk__in=joint.filter(**{f"body__{k}" if k != "id__in" else "body_id__in": v for k, v in body.items()})
            .values("meeting_id"))

    q = Q(pk__in=[])
    sitting = sorted({s.body_id for s in seats if s.on(now)})
    if sitting:
        q |= held_by(id__in=sitting)
    # The sitting steering group reads every earlier steering group's meetings: a seat it covers
    # needs no clause of its own (a long-serving member's history does not lengthen the query).
    all_records = records and sits_in_steering_group(user)
    for seat in seats:
        covered = seat.body_id in sitting or (
            all_records and seat.kind == Body.Kind.STEERING_GROUP and (seat.year or now.year) <= now.year)
        if not seat.on(now) and not covered:
            q |= held_by(id__in=[seat.body_id]) & _meeting_day_within(seat.start, seat.end)
    if all_records:
        q |= held_by(kind=Body.Kind.STEERING_GROUP, year__lte=now.year)
    return q


def _meeting_day_within(start: dt.date, end: dt.date | None):
    """Meetings whose day in Europe/Stockholm lies in [start, end]."""
    from django.db.models import Q
    from django.utils import timezone

    tz = timezone.get_current_timezone()
    q = Q(start__gte=dt.datetime.combine(start, dt.time.min, tzinfo=tz))
    if end is not None:
        q &= Q(start__lt=dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz))
    return q


def managed_body_ids(user) -> list[int]:
    """Bodies whose meetings `user` may create today (officers today; administrators: every body)."""
    if user.is_superuser:
        return list(Body.objects.values_list("pk", flat=True))
    day = today()
    return sorted({s.body_id for s in facts(user).seats_on(day, positions=Membership.OFFICER_POSITIONS)})


def member_body_ids(user) -> list[int]:
    """Bodies `user` sits in today (administrators: every body)."""
    if user.is_superuser:
        return list(Body.objects.values_list("pk", flat=True))
    return sorted({s.body_id for s in facts(user).seats_on(today())})
