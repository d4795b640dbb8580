"""Celery tasks: take ids, call one service, retry with backoff, safe to run twice.

Periodic tasks are declared in config/schedules.py (one place) and copied into django-celery-beat
by `manage.py sync_schedules`. A reminder due later is never a task waiting in Redis: the scans in
governance/meetings/reminders.py and governance/networks/reminders.py derive what is due from the database, and notification_send's unique key
makes every re-run send nothing twice."""
from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from governance.meetings import reminders as meetings
from governance.networks import reminders as network_reminders
from governance.notifications.models import Notification
from governance.notifications.services import EmailDeliveryError, notification_deliver_email

MAX_EMAIL_ATTEMPTS = 5


def email_retry_countdown(retries: int) -> int:
    """30 s, 60 s, 120 s, 240 s … between attempts (the base is a setting so tests can shorten it)."""
    return getattr(settings, "NOTIFICATION_EMAIL_RETRY_BASE_SECONDS", 30) * 2**retries


@shared_task(bind=True, acks_late=True, max_retries=MAX_EMAIL_ATTEMPTS, time_limit=120, soft_time_limit=90)
def send_notification_email(self, notification_id: int) -> str:
    try:
        return notification_deliver_email(notification_id=notification_id, max_attempts=MAX_EMAIL_ATTEMPTS)
    except EmailDeliveryError as exc:
        raise self.retry(exc=exc, countdown=email_retry_countdown(self.request.retries)) from exc


@shared_task(acks_late=True, time_limit=300, soft_time_limit=270)
def send_pending_emails(older_than_seconds: int = 120, retrying_older_than_seconds: int = 900) -> int:
    """The safety net: e-mails whose enqueue failed (broker down at save time) or whose task was
    lost are sent by this periodic scan. Rows never tried are picked up after `older_than_seconds`;
    rows already tried (a retry may be waiting in its backoff) only after `retrying_older_than_seconds`.
    Sending is idempotent, so overlap with a live task is harmless."""
    now = timezone.now()
    ids = list(
        Notification.objects.filter(email_status=Notification.EmailStatus.PENDING)
        .filter(
            Q(email_attempts=0, created_at__lte=now - dt.timedelta(seconds=older_than_seconds))
            | Q(email_attempts__gt=0, created_at__lte=now - dt.timedelta(seconds=retrying_older_than_seconds))
        )
        .order_by("created_at")
        .values_list("pk", flat=True)[:500]
    )
    for pk in ids:
        send_notification_email.delay(pk)
    return len(ids)


# --- Periodic scans (governance's own data; other apps' scans live in their tasks.py) ------------
@shared_task(acks_late=True, time_limit=300, soft_time_limit=270)
def meeting_reminders() -> int:
    """Remind the members of each body of its meetings `Body.reminder_days` days ahead."""
    return meetings.meeting_reminders(today=_today())


@shared_task(acks_late=True, time_limit=300, soft_time_limit=270)
def minutes_overdue_reminders() -> int:
    """Tell the chair or secretary when a meeting's minutes are not published 3 days after it."""
    return meetings.minutes_overdue(today=_today())


@shared_task(acks_late=True, time_limit=300, soft_time_limit=270)
def conference_registration_reminders() -> int:
    return network_reminders.conference_registration_deadlines(today=_today())


@shared_task(acks_late=True, time_limit=600, soft_time_limit=570)
def g7_report_quarterly() -> str:
    """Produce and send last quarter's G7 report on the first working day after the quarter
    (beat runs this every weekday morning; on other days and after the first run it does nothing)."""
    from governance.reports import services as reports

    report = reports.g7_report_scheduled(today=_today())
    return f"report {report.pk}" if report else "not due"


@shared_task(bind=True, acks_late=True, max_retries=3, time_limit=600, soft_time_limit=570)
def g7_report_send(self, report_id: int) -> int:
    """Send an archived G7 report to the G7 recipients (one notification each, PDF attached)."""
    from governance.reports import services as reports

    return reports.g7_report_send(report_id=report_id)


def _today() -> dt.date:
    from governance.authority import today

    return today()
