"""Celery tasks: take ids, call one service, retry with backoff, safe to run twice."""
from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.utils import timezone

from . import services
from .models import Notification
from .permissions import sync_all

MAX_EMAIL_ATTEMPTS = 5


@shared_task(bind=True, acks_late=True, max_retries=MAX_EMAIL_ATTEMPTS, time_limit=120, soft_time_limit=90)
def send_notification_email(self, notification_id: int) -> str:
    try:
        return services.notification_deliver_email(notification_id=notification_id, max_attempts=MAX_EMAIL_ATTEMPTS)
    except services.EmailDeliveryError as exc:
        # 30 s, 60 s, 120 s, 240 s … between attempts
        raise self.retry(exc=exc, countdown=30 * 2**self.request.retries) from exc


@shared_task(acks_late=True, time_limit=300, soft_time_limit=270)
def send_pending_emails(older_than_seconds: int = 120) -> int:
    """The safety net: e-mails whose enqueue failed (broker down at save time) or whose task was
    lost are sent by this periodic scan. Sending is idempotent, so overlap with a live task is harmless."""
    cutoff = timezone.now() - dt.timedelta(seconds=older_than_seconds)
    ids = list(
        Notification.objects.filter(email_status=Notification.EmailStatus.PENDING, created_at__lte=cutoff)
        .order_by("created_at")
        .values_list("pk", flat=True)[:500]
    )
    for pk in ids:
        send_notification_email.delay(pk)
    return len(ids)


@shared_task(acks_late=True, time_limit=600, soft_time_limit=570)
def sync_permissions() -> str:
    """Term change: derive every app's object permissions from today's memberships. Safe to run twice."""
    sync_all()
    return "ok"
