"""Reminders of upcoming meetings and of minutes not yet published. Each runs daily from beat, is idempotent (a notification's occasion is unique) and catches up a missed day."""
from __future__ import annotations

import datetime as dt
import logging

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from governance.bodies.models import Body, Membership
from governance.notifications import kinds
from governance.notifications.reminders import due_offset, send_reminder
from governance.texts import Text
from governance.texts import date as text_date

log = logging.getLogger("samordna.reminders")


MINUTES_DUE_AFTER_DAYS = 3


# Adjusters who have not answered this many days after the draft was sent to them are reminded once.
ADJUSTMENT_REMINDER_AFTER_DAYS = 3


# An action from the minutes is reminded this many days before it is due, and the day after it was due.
ACTION_DUE_SOON_DAYS = 3


# Past meetings older than this are no longer chased (bounds the scan).
MINUTES_LOOKBACK_DAYS = 60


def meeting_reminders(*, today: dt.date) -> int:
    """Remind each body's members of its meetings, `Body.reminder_days` days before (7 and 1 by
    default). For a joint meeting each body's own setting applies to its own members; a person in
    two of the bodies gets one reminder per offset."""
    from governance.bodies.selectors import members_of
    from governance.meetings.models import Meeting

    offsets_by_body = {b.pk: b.reminder_offsets for b in Body.objects.only("pk", "reminder_days")}
    horizon = max((max(o) for o in offsets_by_body.values() if o), default=0)
    if not horizon:
        return 0
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(dt.datetime.combine(today, dt.time.min), tz)
    end = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=horizon + 1), dt.time.min), tz)
    meetings = (
        Meeting.objects.filter(start__gte=start, start__lt=end, cancelled_at__isnull=True)
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
            # Stored untranslated, written in each reader's language (governance.texts).
            subject = (
                Text(_("Today: %(title)s"), title=meeting.title)
                if days_left == 0
                else Text(ngettext_lazy("Reminder: %(title)s in %(days)d day", "Reminder: %(title)s in %(days)d days",
                                        "days"), title=meeting.title, days=days_left)
            )
            body_text = Text(_("%(body)s meets on %(when)s, %(place)s."), body=str(body),
                             when=text_date(meeting.start, "j F Y H:i"), place=meeting.place or meeting.online_link)
            for membership in members_of(body, on=meeting.date):
                created += send_reminder(
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
    from governance.bodies.selectors import members_of
    from governance.meetings.models import Meeting

    tz = timezone.get_current_timezone()
    due_before = timezone.make_aware(
        dt.datetime.combine(today - dt.timedelta(days=MINUTES_DUE_AFTER_DAYS - 1), dt.time.min), tz
    )
    since = due_before - dt.timedelta(days=MINUTES_LOOKBACK_DAYS)
    meetings = (
        Meeting.objects.with_minutes_state()
        .filter(end__lt=due_before, end__gte=since, minutes_published=False, cancelled_at__isnull=True)
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
        subject = Text(_("Minutes not published: %(meeting)s"), meeting=str(meeting))
        body_text = Text(_(
            "The minutes of %(meeting)s are not published yet, %(days)d days after the meeting. "
            "Publish them in the portal."
        ), meeting=str(meeting), days=(today - meeting.date).days)
        for membership in officers:
            created += send_reminder(
                kind=kinds.MINUTES_OVERDUE,
                recipient=membership.user,
                subject=subject,
                body=body_text,
                url=meeting.get_absolute_url(),
                target=meeting,
                occasion="minutes-overdue",
            )
    return created


def minutes_adjustment(*, today: dt.date) -> int:
    """Drafts sent for adjustment `ADJUSTMENT_REMINDER_AFTER_DAYS` days ago or more: remind each
    adjuster who has not answered on the version sent, once per version."""
    from governance.meetings.models import Minutes
    from governance.meetings.services import adjusters_waiting

    tz = timezone.get_current_timezone()
    sent_before = timezone.make_aware(
        dt.datetime.combine(today - dt.timedelta(days=ADJUSTMENT_REMINDER_AFTER_DAYS - 1), dt.time.min), tz)
    drafts = (Minutes.objects.filter(status=Minutes.Status.DRAFT, sent_for_adjustment_at__lt=sent_before)
              .select_related("meeting").order_by("pk"))
    created = 0
    for draft in drafts:
        answered = set(draft.adjustments.filter(minutes_version=draft.version).values_list("adjuster_id", flat=True))
        for adjuster in adjusters_waiting(draft):
            if adjuster.pk in answered:
                continue
            created += send_reminder(
                kind=kinds.MINUTES_ADJUSTMENT, recipient=adjuster, target=draft,
                occasion=f"adjust-reminder-v{draft.version}",
                url=reverse("governance:meeting_minutes", args=[draft.meeting_id]),
                subject=Text(_("Reminder: minutes to adjust: %(meeting)s"), meeting=str(draft.meeting)),
                body=Text(_("The minutes of %(meeting)s were sent to you for adjustment on %(date)s. Approve them, "
                            "or propose a change."), meeting=str(draft.meeting),
                          date=text_date(timezone.localdate(draft.sent_for_adjustment_at))),
            )
    return created


def action_items(*, today: dt.date) -> int:
    """Open actions from the minutes: the owner is reminded `ACTION_DUE_SOON_DAYS` days before the
    due date, and once more when it has passed; each once (the occasion is unique)."""
    from governance.meetings.models import ActionItem

    created = 0
    soon = today + dt.timedelta(days=ACTION_DUE_SOON_DAYS)
    items = (ActionItem.objects.filter(status=ActionItem.Status.OPEN, due__lte=soon,
                                       due__gte=today - dt.timedelta(days=MINUTES_LOOKBACK_DAYS))
             .select_related("meeting", "owner").order_by("due", "pk"))
    for item in items:
        overdue = item.due < today
        created += send_reminder(
            kind=kinds.ACTION_ITEM, recipient=item.owner, target=item, url=item.get_absolute_url(),
            occasion="overdue" if overdue else "due-soon",
            subject=Text(_("Action overdue: %(title)s") if overdue else _("Action due soon: %(title)s"),
                         title=item.title),
            body=Text(_("From %(meeting)s, due %(date)s. Mark it done in the portal when it is."),
                      meeting=str(item.meeting), date=text_date(item.due)),
        )
    return created
