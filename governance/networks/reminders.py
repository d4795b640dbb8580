"""Reminders of the conference's registration deadline."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from governance.notifications import kinds
from governance.notifications.reminders import due_offset, send_reminder
from governance.texts import Text
from governance.texts import date as text_date

CONFERENCE_REMINDER_DAYS = (7, 1)


def conference_registration_deadlines(*, today: dt.date) -> int:
    """Before a conference's registration deadline, remind the information managers of the
    organisations that have registered nobody yet."""
    from governance.bodies.selectors import information_managers
    from governance.networks.models import Conference

    horizon = max(CONFERENCE_REMINDER_DAYS)
    conferences = Conference.objects.filter(
        registration_deadline__gte=today, registration_deadline__lte=today + dt.timedelta(days=horizon)
    ).order_by("registration_deadline", "pk")
    created = 0
    for conference in conferences:
        days_left = (conference.registration_deadline - today).days
        offset = due_offset(days_left, list(CONFERENCE_REMINDER_DAYS))
        registered = set(conference.registrations.values_list("organisation_id", flat=True))
        deadline = text_date(conference.registration_deadline, "j F Y")
        for membership in information_managers(on=today):
            if membership.organisation_id in registered:
                continue
            subject = Text(_("Register for %(conference)s by %(deadline)s"), conference=str(conference),
                           deadline=deadline)
            body_text = Text(
                _("%(org)s has not registered anyone for %(conference)s yet. The deadline is %(deadline)s."),
                org=str(membership.organisation), conference=str(conference), deadline=deadline)
            created += send_reminder(
                kind=kinds.CONFERENCE_DEADLINE,
                recipient=membership.user,
                subject=subject,
                body=body_text,
                url=conference.get_absolute_url() if hasattr(conference, "get_absolute_url") else "",
                target=conference,
                occasion=f"registration-{offset}d",
            )
    return created
