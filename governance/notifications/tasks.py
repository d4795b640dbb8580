"""Celery tasks of notifications: take ids, call one service, retry with backoff, safe to run twice."""
from __future__ import annotations

import datetime as dt
import logging

from celery import shared_task
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from governance.notifications.digests import digest_deliver_email, digests_build_due
from governance.notifications.models import Notification
from governance.notifications.services import EmailDeliveryError, notification_deliver_email

MAX_EMAIL_ATTEMPTS = 5
log = logging.getLogger("samordna.notifications")


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


@shared_task(bind=True, acks_late=True, max_retries=MAX_EMAIL_ATTEMPTS, time_limit=120, soft_time_limit=90)
def send_digest_email(self, digest_id: int) -> str:
    try:
        return digest_deliver_email(digest_id=digest_id, max_attempts=MAX_EMAIL_ATTEMPTS)
    except EmailDeliveryError as exc:
        raise self.retry(exc=exc, countdown=email_retry_countdown(self.request.retries)) from exc


@shared_task(acks_late=True, time_limit=300, soft_time_limit=270)
def send_due_digests() -> int:
    """Every 15 minutes: build the digests due now and not yet built (governance/notifications/
    digests.py), and hand each digest waiting for its e-mail to a worker. Safe to run twice."""
    ids = digests_build_due()
    for pk in ids:
        try:
            send_digest_email.delay(pk)
        except Exception:  # broker unreachable: the row waits for the next scan
            log.warning("Could not enqueue digest %s; the next scan will", pk, exc_info=True)
            break
    return len(ids)
