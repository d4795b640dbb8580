"""Periodic scans: what is due is derived from the database each time the scan runs, never from a
task waiting in Redis. Each reminder goes through notification_send with a unique key
(kind, target, recipient, occasion), so running a scan twice — or on two days in a row, or after a
missed day — sends every reminder at most once. Each scan returns how many notifications it created.

Scans over governance's data live here; annualplan, fees and webadmin have their own in their
tasks.py (governance imports none of them)."""
from __future__ import annotations

import datetime as dt
import logging

from django.db.models import Prefetch
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from . import notifications as kinds
from .models import Body, Membership

log = logging.getLogger("samordna.reminders")

MINUTES_DUE_AFTER_DAYS = 3
# Past meetings older than this are no longer chased (bounds the scan).
MINUTES_LOOKBACK_DAYS = 60
CONFERENCE_REMINDER_DAYS = (7, 1)


def _send(**kwargs) -> bool:
    from .services import notification_send

    # Reminders are written in Swedish, the portal's language; the portal shows them as stored.
    with override("sv"):
        subject = str(kwargs.pop("subject"))
        body = str(kwargs.pop("body", ""))
    _notification, created = notification_send(subject=subject, body=body, **kwargs)
    return created


def due_offset(days_left: int, offsets: list[int]) -> int | None:
    """The reminder that is due `days_left` days before a meeting: the smallest configured offset
    that has been reached. A missed day (beat down) is caught up the next day; an offset already
    sent is deduplicated by its occasion."""
    reached = [d for d in offsets if days_left <= d]
    return min(reached) if reached else None


def meeting_reminders(*, today: dt.date) -> int:
    """Remind each body's members of its meetings, `Body.reminder_days` days before (7 and 1 by
    default). For a joint meeting each body's own setting applies to its own members; a person in
    two of the bodies gets one reminder per offset."""
    from .models import Meeting
    from .selectors import members_of

    offsets_by_body = {b.pk: b.reminder_offsets for b in Body.objects.only("pk", "reminder_days")}
    horizon = max((max(o) for o in offsets_by_body.values() if o), default=0)
    if not horizon:
        return 0
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(dt.datetime.combine(today, dt.time.min), tz)
    end = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=horizon + 1), dt.time.min), tz)
    meetings = (
        Meeting.objects.filter(start__gte=start, start__lt=end)
        .select_related("body")
        .prefetch_related(Prefetch("joint_bodies", queryset=Body.objects.order_by("pk")))
        .order_by("start", "pk")
    )
    created = 0
    for meeting in meetings:
        days_left = (meeting.date - today).days
        for body in meeting.bodies:
            offset = due_offset(days_left, offsets_by_body.get(body.pk, []))
            if offset is None:
                continue
            with override("sv"):
                when = formats.date_format(timezone.localtime(meeting.start), "j F Y H:i")
            for membership in members_of(body, on=meeting.date):
                with override("sv"):
                    subject = (
                        _("Today: %(title)s") % {"title": meeting.title}
                        if days_left == 0
                        else ngettext(
                            "Reminder: %(title)s in %(days)d day", "Reminder: %(title)s in %(days)d days", days_left
                        )
                        % {"title": meeting.title, "days": days_left}
                    )
                    body_text = _("%(body)s meets on %(when)s, %(place)s.") % {
                        "body": body,
                        "when": when,
                        "place": meeting.place or meeting.online_link,
                    }
                created += _send(
                    kind=kinds.MEETING_REMINDER,
                    recipient=membership.user,
                    subject=subject,
                    body=body_text,
                    url=meeting.get_absolute_url(),
                    target=meeting,
                    occasion=f"before-{offset}d",
                )
    return created


def minutes_overdue(*, today: dt.date) -> int:
    """Meetings that ended `MINUTES_DUE_AFTER_DAYS` days ago or more without published minutes:
    tell the body's chair and secretary (else its other officers) once."""
    from .models import Meeting
    from .selectors import members_of

    tz = timezone.get_current_timezone()
    due_before = timezone.make_aware(
        dt.datetime.combine(today - dt.timedelta(days=MINUTES_DUE_AFTER_DAYS - 1), dt.time.min), tz
    )
    since = due_before - dt.timedelta(days=MINUTES_LOOKBACK_DAYS)
    meetings = (
        Meeting.objects.with_minutes_state()
        .filter(end__lt=due_before, end__gte=since, minutes_published=False)
        .select_related("body")
        .order_by("start", "pk")
    )
    created = 0
    for meeting in meetings:
        officers = list(
            members_of(meeting.body, on=today).filter(
                position__in=[Membership.Position.CHAIR, Membership.Position.SECRETARY]
            )
        ) or list(members_of(meeting.body, on=today).filter(position__in=Membership.OFFICER_POSITIONS))
        for membership in officers:
            with override("sv"):
                subject = _("Minutes not published: %(meeting)s") % {"meeting": meeting}
                body_text = _(
                    "The minutes of %(meeting)s are not published yet, %(days)d days after the meeting. "
                    "Publish them in the portal."
                ) % {"meeting": meeting, "days": (today - meeting.date).days}
            created += _send(
                kind=kinds.MINUTES_OVERDUE,
                recipient=membership.user,
                subject=subject,
                body=body_text,
                url=meeting.get_absolute_url(),
                target=meeting,
                occasion="minutes-overdue",
            )
    return created


def conference_registration_deadlines(*, today: dt.date) -> int:
    """Before a conference's registration deadline, remind the information managers of the
    organisations that have registered nobody yet."""
    from .models import Conference
    from .selectors import information_managers

    horizon = max(CONFERENCE_REMINDER_DAYS)
    conferences = Conference.objects.filter(
        registration_deadline__gte=today, registration_deadline__lte=today + dt.timedelta(days=horizon)
    ).order_by("registration_deadline", "pk")
    created = 0
    for conference in conferences:
        days_left = (conference.registration_deadline - today).days
        offset = due_offset(days_left, list(CONFERENCE_REMINDER_DAYS))
        registered = set(conference.registrations.values_list("organisation_id", flat=True))
        with override("sv"):
            deadline = formats.date_format(conference.registration_deadline, "j F Y")
        for membership in information_managers(on=today):
            if membership.organisation_id in registered:
                continue
            with override("sv"):
                subject = _("Register for %(conference)s by %(deadline)s") % {
                    "conference": conference,
                    "deadline": deadline,
                }
                body_text = _("%(org)s has not registered anyone for %(conference)s yet. The deadline is %(deadline)s.") % {
                    "org": membership.organisation,
                    "conference": conference,
                    "deadline": deadline,
                }
            created += _send(
                kind=kinds.CONFERENCE_DEADLINE,
                recipient=membership.user,
                subject=subject,
                body=body_text,
                url=conference.get_absolute_url() if hasattr(conference, "get_absolute_url") else "",
                target=conference,
                occasion=f"registration-{offset}d",
            )
    return created
