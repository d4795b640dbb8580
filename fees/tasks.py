"""Celery tasks of the fees app (scheduled by the Celery set-up: daily)."""
from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(bind=True, acks_late=True, time_limit=300, soft_time_limit=270)
def remind_overdue_invoices(self) -> int:
    """Flag overdue invoices and remind the information managers. Safe to run twice: the reminder's
    unique key (invoice, recipient, week) makes a second run send nothing."""
    return services.invoices_remind_overdue()
