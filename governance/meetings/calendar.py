"""The personal iCalendar feed (RFC 5545): every meeting of the bodies a person belongs to.
Times are written in UTC (DTSTART:20261124T080000Z); calendar programs show them in local time."""
from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from governance.meetings.models import Meeting
from governance.people.models import User

PRODID = "-//Samordna//Länsstyrelsernas kommunikationssamordning//SV"


def _absolute(path: str) -> str:
    return f"{settings.PORTAL_BASE_URL.rstrip('/')}{path}"


def meeting_event(meeting: Meeting, *, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@samordna")
    event.add("dtstamp", stamp)
    event.add("dtstart", meeting.start.astimezone(dt.UTC))
    event.add("dtend", meeting.end.astimezone(dt.UTC))
    event.add("summary", f"{meeting.title} – {meeting.body}")
    location = ", ".join(part for part in (meeting.place, meeting.online_link) if part)
    if location:
        event.add("location", location)
    url = _absolute(meeting.get_absolute_url())
    event.add("url", url)
    lines = [meeting.description] if meeting.description else []
    items = list(meeting.agenda_items.all())
    if items:
        lines.append(_("Agenda") + ":")
        lines += [f"{item.order}. {item.title} ({item.duration_minutes} min)" for item in items]
    lines.append(url)
    event.add("description", "\n".join(lines))
    if meeting.cancelled_at:  # a cancelled occurrence stays in the feed, as cancelled
        event.add("status", "CANCELLED")
        event["summary"] = _("Cancelled: %(title)s") % {"title": f"{meeting.title} – {meeting.body}"}
    event.add("sequence", meeting.version)
    event.add("last-modified", meeting.updated_at.astimezone(dt.UTC))
    return event


def build_feed(*, name: str, meetings: Iterable[Meeting]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, stamp=stamp))
    return calendar.to_ical()


# --- The secret feed address -----------------------------------------------------------------------
@transaction.atomic
def calendar_token_regenerate(*, user: User) -> str:
    """Give `user` a new secret feed address; the old one stops working at once. (The token is
    not part of the user's history, so it is written directly.)"""
    token = secrets.token_urlsafe(32)
    User.objects.filter(pk=user.pk).update(calendar_token=token)
    user.calendar_token = token
    return token


@transaction.atomic
def calendar_token_revoke(*, user: User) -> None:
    User.objects.filter(pk=user.pk).update(calendar_token="")
    user.calendar_token = ""
