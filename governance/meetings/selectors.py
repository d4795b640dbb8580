"""Reads for meetings and minutes. Which meetings a user sees is `governance.view_meeting`
(governance/meetings/rules.py); the lists here use the same rule as a queryset filter."""
from __future__ import annotations

import datetime as dt
from functools import reduce
from operator import or_

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils import timezone

from governance.authority import facts
from governance.authority import today as facts_day
from governance.bodies.models import Body, Membership
from governance.bodies.rules import managed_body_ids
from governance.bodies.selectors import members_of
from governance.meetings.models import Attendance, Meeting, MeetingAttachment, Minutes
from governance.meetings.rules import run_meetings, visible_meetings
from governance.people.models import User


def _joint_bodies() -> Prefetch:
    return Prefetch("joint_bodies", queryset=Body.objects.order_by("kind", "-year", "name"))


def _meetings() -> QuerySet[Meeting]:
    return Meeting.objects.with_minutes_state().select_related("body").prefetch_related(_joint_bodies())


def prefetch_joint_bodies(*meeting_lists: list[Meeting]) -> None:
    """Load the joint bodies of several already fetched lists of meetings in one query (for
    querysets of this module evaluated with `.prefetch_related(None)`)."""
    meetings = [m for rows in meeting_lists for m in rows]
    if meetings:
        prefetch_related_objects(meetings, _joint_bodies())


def visible_body_ids(user: User) -> list[int]:
    """The bodies whose meetings `user` sees some of (for the list's filter): those they sit in or
    sat in, and every steering group for the sitting steering group (administrators: every body)."""
    if not user.is_authenticated:
        return []
    if user.is_superuser:
        return list(Body.objects.values_list("pk", flat=True))
    ids = {s.body_id for s in facts(user).seats}
    if user.has_perm("governance.view_forwarded_proposals"):  # sits in the steering group today
        ids |= set(Body.objects.filter(kind=Body.Kind.STEERING_GROUP, year__lte=facts_day().year)
                   .values_list("pk", flat=True))
    return sorted(ids)


def managed_bodies(user: User) -> QuerySet[Body]:
    """The bodies whose meetings `user` may plan today (officers today; administrators: all)."""
    return Body.objects.filter(pk__in=managed_body_ids(user)).order_by("kind", "-year", "name")


def visible_and_managed_body_ids(user: User, *, on: dt.date | None = None) -> tuple[list[int], list[int]]:
    """(visible_body_ids(user), the ids of managed_bodies(user))."""
    if not user.is_authenticated:
        return [], []
    return visible_body_ids(user), managed_body_ids(user)


def meetings_for_user(user: User, *, body_ids: list[int] | None = None,
                      visible: list[int] | None = None) -> QuerySet[Meeting]:
    """Exactly the meetings `governance.view_meeting` lets `user` open (optionally narrowed to
    `body_ids`), oldest first. `visible` is accepted for callers that have the body ids already."""
    qs = visible_meetings(user, _meetings())
    if body_ids is not None:
        qs = qs.for_bodies(body_ids)
    return qs.order_by("start", "pk")


def upcoming_meetings(user: User, *, now: dt.datetime | None = None, body_ids=None,
                      visible: list[int] | None = None) -> QuerySet[Meeting]:
    return meetings_for_user(user, body_ids=body_ids).upcoming(now).order_by("start", "pk")


def past_meetings(user: User, *, now: dt.datetime | None = None, body_ids=None,
                  visible: list[int] | None = None) -> QuerySet[Meeting]:
    return meetings_for_user(user, body_ids=body_ids).past(now).order_by("-start", "-pk")


def meeting_detail(pk: int) -> Meeting:
    """One meeting with what its page shows; raises Meeting.DoesNotExist."""
    return (
        _meetings()
        .prefetch_related(
            Prefetch("agenda_items", queryset=_agenda()),
            Prefetch("attachments", queryset=MeetingAttachment.objects.select_related("uploaded_by").order_by(
                "uploaded_at", "pk")),
        )
        .get(pk=pk)
    )


def _agenda():
    from governance.meetings.models import AgendaItem

    return AgendaItem.objects.select_related("presenter").order_by("order", "pk")


def meeting_members(meeting: Meeting) -> list[Membership]:
    """Who is expected at `meeting`: the members of each of its bodies on the meeting's day, one
    row per person (their first membership in body order)."""
    seen: set[int] = set()
    rows: list[Membership] = []
    day = meeting.date
    for body in meeting.bodies:
        for membership in members_of(body, on=day):
            if membership.user_id not in seen:
                seen.add(membership.user_id)
                rows.append(membership)
    return rows


def attendance_of(meeting: Meeting) -> dict[int, str]:
    """{user id: status} for the meeting."""
    return dict(Attendance.objects.filter(meeting=meeting).values_list("user_id", "status"))


def attendance_rows(meeting: Meeting) -> QuerySet[Attendance]:
    return (
        Attendance.objects.filter(meeting=meeting)
        .select_related("user", "user__organisation")
        .order_by("user__last_name", "user__first_name")
    )


# --- Minutes ---------------------------------------------------------------------------------------
def minutes_versions(meeting: Meeting) -> QuerySet[Minutes]:
    """Every version of the meeting's minutes, newest first (drafts included: filter for the viewer)."""
    return (
        Minutes.objects.filter(meeting=meeting)
        .select_related("created_by", "published_by", "previous")
        .order_by("-number")
    )


def current_minutes(meeting: Meeting) -> Minutes | None:
    """The latest published version, or None."""
    return minutes_versions(meeting).filter(status=Minutes.Status.PUBLISHED).first()


def draft_minutes(meeting: Meeting) -> Minutes | None:
    return minutes_versions(meeting).filter(status=Minutes.Status.DRAFT).first()


def published_minutes() -> QuerySet[Minutes]:
    """The current published version of every meeting's minutes, newest meeting first. Visible
    to every logged-in user."""
    return (
        Minutes.objects.filter(status=Minutes.Status.PUBLISHED)
        .exclude(correction__status=Minutes.Status.PUBLISHED)
        .select_related("meeting", "meeting__body")
        .order_by("-meeting__start", "-pk")
    )


def minutes_to_publish(user: User, *, now: dt.datetime | None = None,
                       managed: list[int] | None = None) -> QuerySet[Meeting]:
    """Past meetings of the bodies `user` runs that have no published minutes yet (`managed`: the
    ids of managed_bodies(user), unused: who runs a meeting is `governance.manage_meeting`)."""
    return run_meetings(user, _meetings()).past(now).filter(minutes_published=False).order_by("-start", "-pk")


# --- Calendar --------------------------------------------------------------------------------------
def calendar_user(token: str) -> User | None:
    """The active user whose calendar feed `token` opens; None for an unknown or revoked token."""
    if not token or len(token) < 20:
        return None
    return User.objects.filter(calendar_token=token, is_active=True).first()


def calendar_meetings(user: User, *, since: dt.datetime | None = None) -> QuerySet[Meeting]:
    """Meetings of every body `user` belonged to on the meeting's day (their memberships' dates,
    in Europe/Stockholm), from `since` (default: a year ago) on."""
    since = since or timezone.now() - dt.timedelta(days=366)
    conditions = []
    for body_id, start, end in Membership.objects.filter(user=user).values_list("body_id", "start", "end"):
        in_body = Q(body_id=body_id) | Q(joint_bodies__id=body_id)
        during = Q(start__date__gte=start) & (Q(start__date__lte=end) if end else Q())
        conditions.append(in_body & during)
    if not conditions:
        return Meeting.objects.none()
    ids = Meeting.objects.filter(reduce(or_, conditions), end__gte=since).values("pk")
    return (
        Meeting.objects.filter(pk__in=ids)
        .select_related("body")
        .prefetch_related(Prefetch("agenda_items", queryset=_agenda()))
        .order_by("start", "pk")
    )
