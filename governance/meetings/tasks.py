"""The daily scans of meetings (config/schedules.py runs them from beat)."""
from __future__ import annotations

from celery import shared_task

from governance.authority import today
from governance.meetings import reminders


@shared_task(acks_late=True, time_limit=300, soft_time_limit=270)
def meeting_reminders() -> int:
    """Remind the members of each body of its meetings `Body.reminder_days` days ahead."""
    return reminders.meeting_reminders(today=today())


@shared_task(acks_late=True, time_limit=300, soft_time_limit=270)
def minutes_overdue_reminders() -> int:
    """Tell the chair or secretary when a meeting's minutes are not published 3 days after it."""
    return reminders.minutes_overdue(today=today())


@shared_task(acks_late=True, time_limit=300, soft_time_limit=270)
def minutes_adjustment_reminders() -> int:
    """Remind the adjusters who have not answered on draft minutes sent to them days ago."""
    return reminders.minutes_adjustment(today=today())


@shared_task(acks_late=True, time_limit=300, soft_time_limit=270)
def action_item_reminders() -> int:
    """Remind owners of actions from the minutes that are due soon or overdue."""
    return reminders.action_items(today=today())
