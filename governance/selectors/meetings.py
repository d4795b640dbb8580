"""Reads for meetings and minutes. Visibility follows the bodies: guardian `view_body` /
`manage_body` on any of a meeting's bodies (see governance.permissions.can_view_meeting)."""
from __future__ import annotations

import datetime as dt
from functools import reduce
from operator import or_

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils import timezone
from guardian.shortcuts import get_objects_for_user

from governance.models import Attendance, Body, Meeting, MeetingAttachment, Membership, Minutes, User

from .core import members_of
from .roles import roles_of


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
    """The bodies whose meetings `user` sees: those they are a member (or an officer) of today."""
    if not user.is_authenticated:
        return []
    if user.is_superuser:
        return list(Body.objects.values_list("pk", flat=True))
    return list(
        get_objects_for_user(
            user, ["governance.view_body", "governance.manage_body"], Body, any_perm=True,
            accept_global_perms=False, with_superuser=False,
        ).values_list("pk", flat=True)
    )


def managed_bodies(user: User) -> QuerySet[Body]:
    """The bodies whose meetings and minutes `user` runs (officers; admin: all)."""
    if user.is_superuser:
        return Body.objects.order_by("kind", "-year", "name")
    return get_objects_for_user(
        user, "governance.manage_body", Body, accept_global_perms=False, with_superuser=False
    ).order_by("kind", "-year", "name")


def visible_and_managed_body_ids(user: User, *, on: dt.date | None = None) -> tuple[list[int], list[int]]:
    """(visible_body_ids(user), managed body ids) — the same answers as those two selectors, from
    the user's role context (one object-permission query, shared within a request's role scope)."""
    if not user.is_authenticated:
        return [], []
    if user.is_superuser:
        ids = list(Body.objects.values_list("pk", flat=True))
        return ids, ids
    roles = roles_of(user, on)
    return roles.body_ids_with("view_body", "manage_body"), roles.body_ids_with("manage_body")


def meetings_for_user(user: User, *, body_ids: list[int] | None = None,
                      visible: list[int] | None = None) -> QuerySet[Meeting]:
    """Every meeting of the bodies `user` sees (optionally narrowed to `body_ids`), oldest first.
    `visible`: the user's visible_body_ids when the caller has them already."""
    ids = visible_body_ids(user) if visible is None else list(visible)
    if body_ids is not None:
        wanted = set(body_ids)
        ids = [i for i in ids if i in wanted]
    return _meetings().for_bodies(ids).order_by("start", "pk")


def upcoming_meetings(user: User, *, now: dt.datetime | None = None, body_ids=None,
                      visible: list[int] | None = None) -> QuerySet[Meeting]:
    return meetings_for_user(user, body_ids=body_ids, visible=visible).upcoming(now).order_by("start", "pk")


def past_meetings(user: User, *, now: dt.datetime | None = None, body_ids=None,
                  visible: list[int] | None = None) -> QuerySet[Meeting]:
    return meetings_for_user(user, body_ids=body_ids, visible=visible).past(now).order_by("-start", "-pk")


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
    from governance.models import AgendaItem

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
    ids of managed_bodies(user) when the caller has them already)."""
    ids = list(managed_bodies(user).values_list("pk", flat=True)) if managed is None else list(managed)
    return (
        _meetings().for_bodies(ids).past(now).filter(minutes_published=False).order_by("-start", "-pk")
    )


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
