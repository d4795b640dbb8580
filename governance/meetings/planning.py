"""Writes for a body's meeting planning: meeting series, cancelling a meeting, the standing agenda
items and the topic backlog (models in governance/meetings/series.py). Each write checks the right,
runs in one transaction and is audited."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.audit import audited_delete, audited_save
from governance.authority import refuse, today
from governance.bodies.models import Body
from governance.concurrency import locked
from governance.notifications import kinds
from governance.notifications.services import notification_send
from governance.texts import Text
from governance.texts import date as text_date

from .models import AgendaItem, Meeting
from .series import AgendaTemplateItem, AgendaTopic, MeetingSeries
from .services import AgendaEntry, check_agenda_fits, meeting_create


def _officer(actor, body: Body) -> None:
    if actor is not None and not actor.has_perm("governance.manage_body", body):
        raise refuse(actor, "governance.manage_body", body,
                     _("Only the officers of %(body)s plan its meetings.") % {"body": body})


def template_entries(body: Body) -> list[AgendaEntry]:
    return [AgendaEntry(title=i.title, duration_minutes=i.duration_minutes, order=i.order)
            for i in body.agenda_template.order_by("order", "pk")]


@transaction.atomic
def agenda_template_set(*, body: Body, entries: Sequence[AgendaEntry], actor) -> list[AgendaTemplateItem]:
    """Replace the body's standing agenda items."""
    _officer(actor, body)
    for item in body.agenda_template.all():
        audited_delete(item, actor=actor, reason="standing agenda item replaced")
    saved = []
    for order, entry in enumerate(entries, start=1):
        saved.append(audited_save(AgendaTemplateItem(body=body, order=order, title=entry.title.strip(),
                                                     duration_minutes=entry.duration_minutes),
                                  actor=actor, reason="standing agenda item set"))
    return saved


@transaction.atomic
def series_create(*, body: Body, actor, title: str, frequency: str, interval: int, weekday: int, ordinal: int,
                  first_date: dt.date, last_date: dt.date, start_time: dt.time, duration_minutes: int,
                  place: str = "", online_link: str = "") -> tuple[MeetingSeries, list[Meeting]]:
    """The series and its meetings from today on, each with the body's standing agenda items."""
    _officer(actor, body)
    series = MeetingSeries(body=body, title=title.strip(), frequency=frequency, interval=interval, weekday=weekday,
                           ordinal=ordinal, first_date=first_date, last_date=last_date, start_time=start_time,
                           duration_minutes=duration_minutes, place=place.strip(), online_link=online_link.strip(),
                           created_by=actor)
    series.full_clean()
    days = [d for d in series.dates() if d >= today()]
    if not days:
        raise ValidationError({"first_date": _("The rule gives no day from today to %(date)s.")
                               % {"date": date_format(last_date)}})
    audited_save(series, actor=actor, reason="meeting series created", clean=False)
    agenda = template_entries(body)
    tz = timezone.get_current_timezone()
    meetings = []
    for day in days:
        start = timezone.make_aware(dt.datetime.combine(day, start_time), tz)
        meeting = meeting_create(body=body, title=series.title, start=start,
                                 end=start + dt.timedelta(minutes=duration_minutes), actor=actor,
                                 place=series.place, online_link=series.online_link, agenda=agenda)
        meeting.series, meeting.series_date = series, day
        audited_save(meeting, actor=actor, reason="meeting of a series", clean=False)
        meetings.append(meeting)
    return series, meetings


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, reason: str, actor) -> Meeting:
    """Cancel a coming meeting: it stays (in the lists and the calendar feed) marked as cancelled,
    and the members of its bodies are told."""
    if actor is not None and not actor.has_perm("governance.manage_meeting", meeting):
        raise PermissionDenied(_("You may not run this body's meetings."))
    meeting = locked(meeting)
    if meeting.cancelled_at:
        raise ValidationError(_("The meeting is already cancelled."))
    if meeting.end < timezone.now():
        raise ValidationError(_("The meeting has been held: it cannot be cancelled."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the meeting is cancelled.")})
    meeting.cancelled_at, meeting.cancel_reason = timezone.now(), reason.strip()
    meeting.version += 1
    audited_save(meeting, actor=actor, reason="meeting cancelled", clean=False)
    from governance.bodies.selectors import members_of

    day = today()
    for body in meeting.bodies:
        for membership in members_of(body, on=day).select_related("user"):
            notification_send(
                kind=kinds.MEETING_REMINDER, recipient=membership.user, target=meeting, occasion="cancelled",
                subject=Text(gettext_lazy("Cancelled: %(title)s on %(date)s"), title=meeting.title,
                             date=text_date(meeting.date)),
                body=meeting.cancel_reason, url=meeting.get_absolute_url())
    return meeting


# --- The topic backlog -------------------------------------------------------------------------------
@transaction.atomic
def topic_add(*, body: Body, title: str, description: str, actor) -> AgendaTopic:
    if not actor.has_perm("governance.propose_agendatopic", body):
        raise refuse(actor, "governance.propose_agendatopic", body,
                     _("Only the members of %(body)s propose topics for its agenda.") % {"body": body})
    topic = AgendaTopic(body=body, title=title.strip(), description=description.strip(), proposed_by=actor)
    return audited_save(topic, actor=actor, reason="topic proposed")


@transaction.atomic
def topic_schedule(*, topic: AgendaTopic, meeting: Meeting, duration_minutes: int, actor) -> AgendaItem:
    """Move the topic into the agenda of one of the body's coming meetings (the agenda must still fit)."""
    _officer(actor, topic.body)
    topic = locked(topic)
    AgendaTopic.WORKFLOW.check(topic, AgendaTopic.Status.SCHEDULED, ValidationError(
        _("The topic is no longer waiting for an agenda.")))
    meeting = locked(meeting)
    if topic.body_id not in meeting.body_ids or meeting.cancelled_at or meeting.start < timezone.now():
        raise ValidationError({"meeting": _("Choose a coming meeting of %(body)s.") % {"body": topic.body}})
    items = list(meeting.agenda_items.order_by("order", "pk"))
    entries = [AgendaEntry(title=i.title, duration_minutes=i.duration_minutes) for i in items]
    check_agenda_fits(start=meeting.start, end=meeting.end,
                      agenda=[*entries, AgendaEntry(title=topic.title, duration_minutes=duration_minutes)])
    item = AgendaItem(meeting=meeting, order=len(items) + 1, title=topic.title[:250], duration_minutes=duration_minutes)
    item.full_clean()
    item.save()
    AgendaTopic.WORKFLOW.move(topic, AgendaTopic.Status.SCHEDULED)
    topic.meeting = meeting
    audited_save(topic, actor=actor, reason=f"topic put on the agenda of {meeting.pk}", clean=False)
    meeting.version += 1  # the agenda changed: calendars see a new sequence
    audited_save(meeting, actor=actor, reason="topic put on the agenda", clean=False)
    return item


@transaction.atomic
def topic_withdraw(*, topic: AgendaTopic, actor) -> AgendaTopic:
    if topic.proposed_by_id != actor.pk and not actor.has_perm("governance.manage_body", topic.body):
        raise refuse(actor, "governance.manage_body", topic.body,
                     _("Only the one who proposed the topic or the body's officers withdraw it."))
    topic = locked(topic)
    AgendaTopic.WORKFLOW.check(topic, AgendaTopic.Status.WITHDRAWN, ValidationError(
        _("The topic is no longer waiting for an agenda.")))
    AgendaTopic.WORKFLOW.move(topic, AgendaTopic.Status.WITHDRAWN)
    return audited_save(topic, actor=actor, reason="topic withdrawn", clean=False)


def series_label(series: MeetingSeries) -> str:
    """ "The first Tuesday of every month" in the reader's words."""
    weekday = series.get_weekday_display().lower()
    if series.frequency == MeetingSeries.Frequency.MONTHLY:
        if series.interval == 1:
            return _("the %(which)s %(weekday)s of every month") % {"which": series.get_ordinal_display(),
                                                                   "weekday": weekday}
        return _("the %(which)s %(weekday)s of every %(n)s months") % {
            "which": series.get_ordinal_display(), "weekday": weekday, "n": series.interval}
    if series.interval == 1:
        return _("every %(weekday)s") % {"weekday": weekday}
    return _("%(weekday)s every %(n)s weeks") % {"weekday": weekday, "n": series.interval}
