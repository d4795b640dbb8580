"""Periodic scans of the operating plan (declared in config/schedules.py). Idempotent: each
reminder's notification key (kind, plan, recipient, occasion) is unique."""
from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.utils.translation import gettext_lazy as _

from governance.authority import today as _today
from governance.notifications.reminders import due_offset
from governance.texts import Text
from governance.texts import date as text_date

CONSULTATION_REMINDER_DAYS = [7, 1]


def consultation_deadline_reminders_for(*, today: dt.date) -> int:
    """Information managers whose organisation has not answered a plan's consultation are reminded
    7 days and 1 day before its deadline (a missed day is caught up)."""
    from governance.notifications.services import notification_send

    from . import notifications as kinds
    from .models import Plan
    from .selectors import consultation_missing_answers

    plans = Plan.objects.filter(
        status=Plan.Status.CONSULTATION,
        consultation_deadline__gte=today,
        consultation_deadline__lte=today + dt.timedelta(days=max(CONSULTATION_REMINDER_DAYS)),
    ).order_by("year")
    created = 0
    for plan in plans:
        offset = due_offset((plan.consultation_deadline - today).days, CONSULTATION_REMINDER_DAYS)
        deadline = text_date(plan.consultation_deadline, "j F Y")
        for membership in consultation_missing_answers(plan, on=today):
            subject = Text(_("Answer the consultation on %(plan)s by %(deadline)s"), plan=str(plan), deadline=deadline)
            body = Text(_("%(org)s has not answered the consultation on %(plan)s yet."),
                        org=str(membership.organisation), plan=str(plan))
            _n, new = notification_send(
                kind=kinds.CONSULTATION, recipient=membership.user, subject=subject, body=body,
                url=plan.get_absolute_url(), target=plan, occasion=f"consultation-deadline-{offset}d",
            )
            created += new
    return created


@shared_task(acks_late=True, time_limit=300, soft_time_limit=270)
def consultation_deadline_reminders() -> int:
    return consultation_deadline_reminders_for(today=_today())
