from __future__ import annotations

import datetime as dt

import rules

from governance.authority import Facts, facts, today
from governance.bodies.models import Body, Membership
from governance.bodies.rules import is_member_of_body, sits_in_steering_group


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


rules.add_perm("governance.view_meeting", attends_meeting | keeps_steering_records)


rules.add_perm("governance.manage_meeting", runs_meeting)

# The topic backlog: any member of the body today proposes a topic (the object is the body).
rules.add_perm("governance.propose_agendatopic", is_member_of_body)


@rules.predicate
def adjusts_minutes(user, minutes) -> bool:
    """One of the meeting's adjusters (justerare): reads the draft and answers on it."""
    return minutes is not None and user.is_authenticated and minutes.meeting.adjusters.filter(pk=user.pk).exists()


rules.add_perm("governance.view_minutes", minutes_published | runs_minutes_meeting | adjusts_minutes)


rules.add_perm("governance.adjust_minutes", adjusts_minutes)


rules.add_perm("governance.manage_minutes", runs_minutes_meeting)


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

    from governance.meetings.models import Meeting

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
