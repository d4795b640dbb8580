"""Periodic scans of the web management (declared in config/schedules.py)."""
from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.utils.translation import gettext_lazy as _

from governance.authority import today as _today
from governance.texts import Text


def quota_at_risk_reminders_for(*, today: dt.date) -> int:
    """When the web management group's meeting quota for the year is at risk (selectors.quota_at_risk),
    tell the web development lead and the group's officers — at most once a month (notification key)."""
    from governance.bodies.models import Membership
    from governance.bodies.selectors import members_of
    from governance.notifications.services import notification_send

    from . import notifications as kinds
    from .selectors import meeting_compliance, web_lead, web_management_group

    group = web_management_group(today.year)
    if group is None:
        return 0
    compliance = meeting_compliance(today.year, today)
    if not compliance.at_risk:
        return 0
    recipients = {m.user for m in members_of(group, on=today).filter(position__in=Membership.OFFICER_POSITIONS)}
    lead = web_lead(on=today)
    if lead is not None:
        recipients.add(lead.user)
    subject = Text(_("The web management group's meeting quota for %(year)d is at risk"), year=today.year)
    body = Text(_("%(held)d meetings held and %(scheduled)d scheduled of the four a year (at least one jointly "
                  "with the steering group). Schedule the remaining meetings."),
                held=compliance.held, scheduled=compliance.scheduled)
    created = 0
    for user in sorted(recipients, key=lambda u: u.pk):
        _n, new = notification_send(
            kind=kinds.WEB_MEETINGS, recipient=user, subject=subject, body=body, url=group.get_absolute_url(),
            target=group, occasion=f"quota-at-risk-{today:%Y-%m}",
        )
        created += new
    return created


@shared_task(acks_late=True, time_limit=300, soft_time_limit=270)
def quota_at_risk_reminders() -> int:
    return quota_at_risk_reminders_for(today=_today())
