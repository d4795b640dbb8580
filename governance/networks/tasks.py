"""The daily scan of the conference's registration deadline (config/schedules.py)."""
from __future__ import annotations

from celery import shared_task

from governance.authority import today
from governance.networks import reminders


@shared_task(acks_late=True, time_limit=300, soft_time_limit=270)
def conference_registration_reminders() -> int:
    return reminders.conference_registration_deadlines(today=today())
