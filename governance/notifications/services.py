"""Notifications: sending, reading, choosing, and delivering by e-mail (retried by Celery)."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import override

from governance import texts
from governance.notifications import kinds
from governance.notifications.models import Notification, NotificationPreference

if TYPE_CHECKING:
    from governance.people.models import User

log = logging.getLogger("samordna.notifications")


# --- Notifications ---------------------------------------------------------------------------------
def delivery_for(user: User, kind: str) -> str:
    """How `user` wants notifications of `kind` by e-mail (NotificationPreference.Delivery); a kind
    without a choice is e-mailed immediately. Nobody without an address (or inactive) gets e-mail."""
    if not user.email or not user.is_active:
        return NotificationPreference.Delivery.NONE
    pref = NotificationPreference.objects.filter(user=user, kind=kind).values_list("delivery", flat=True).first()
    return pref or NotificationPreference.Delivery.IMMEDIATELY


def wants_email(user: User, kind: str) -> bool:
    """One e-mail per notification (the digests are sent by governance/notifications/digests.py)."""
    return delivery_for(user, kind) == NotificationPreference.Delivery.IMMEDIATELY


@transaction.atomic
def notification_send(
    *,
    kind: str,
    recipient: User,
    subject: texts.Text | Promise | str,
    body: texts.Text | Promise | str = "",
    url: str = "",
    target=None,
    occasion: str = "",
) -> tuple[Notification, bool]:
    """Record a notification for `recipient` and, if they want e-mail for `kind`, send it after
    commit. The key (kind, target, recipient, occasion) is unique: calling this twice for the same
    occasion returns the first notification and sends nothing more. Returns (notification, created).

    `subject` and `body` are stored untranslated and written in the reader's language when shown:
    a texts.Text (a lazy message and its parameters) or a lazy translation; a plain str is a
    person's own words (a request's message, a reason), shown as it is. See governance/texts.py."""
    if kind not in kinds.KINDS:
        raise ValueError(f"Unregistered notification kind {kind!r}")
    target_type = ContentType.objects.get_for_model(target) if target is not None else None
    key = Notification.make_key(
        kind=kind,
        recipient_id=recipient.pk,
        target_type_id=target_type.pk if target_type else None,
        target_id=target.pk if target is not None else None,
        occasion=occasion,
    )
    notification, created = Notification.objects.get_or_create(
        dedupe_key=key,
        defaults={
            "kind": kind,
            "recipient": recipient,
            "target_type": target_type,
            "target_id": target.pk if target is not None else None,
            "occasion": occasion,
            "subject": texts.in_default_language(subject)[:250],
            "subject_message": _message(subject),
            "body": texts.in_default_language(body),
            "body_message": _message(body),
            "url": url,
            "email_status": (
                Notification.EmailStatus.PENDING if wants_email(recipient, kind) else Notification.EmailStatus.NOT_WANTED
            ),
        },
    )
    if created and notification.email_status == Notification.EmailStatus.PENDING:
        transaction.on_commit(lambda: enqueue_email(notification.pk))
    return notification, created


def _message(value) -> dict | None:
    data = texts.encode(value)
    return data if isinstance(data, dict) else None


def enqueue_email(notification_id: int) -> None:
    """Hand the e-mail to Celery. If the broker is down the notification stays pending and the
    periodic scan (tasks.send_pending_emails) sends it once the broker is back."""
    from governance.notifications.tasks import send_notification_email

    try:
        send_notification_email.delay(notification_id)
    except Exception:  # broker unreachable: the row is the source of truth
        log.warning("Could not enqueue e-mail for notification %s; the scan will send it", notification_id,
                    exc_info=True)


@transaction.atomic
def notification_mark_read(*, notification: Notification, user: User) -> None:
    if notification.recipient_id != user.pk:
        raise ValidationError(_("This notification is not yours."))
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk).update(read_at=timezone.now())


@transaction.atomic
def notifications_mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def notification_preferences_set(*, user: User, delivery_by_kind: dict[str, str] | None = None,
                                 email_by_kind: dict[str, bool] | None = None) -> None:
    """Each kind's delivery (NotificationPreference.Delivery). `email_by_kind` is the older on/off
    choice: on is immediately, off is in the portal only."""
    Delivery = NotificationPreference.Delivery
    choices = dict(delivery_by_kind or {})
    for kind, email in (email_by_kind or {}).items():
        choices.setdefault(kind, Delivery.IMMEDIATELY if email else Delivery.NONE)
    for kind, delivery in choices.items():
        if kind not in kinds.KINDS:
            raise ValidationError(_("Unknown notification kind."))
        if delivery not in Delivery.values:
            raise ValidationError(_("Unknown way of delivering notifications."))
        NotificationPreference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})


class EmailDeliveryError(Exception):
    """The SMTP server refused or could not be reached; the task retries with backoff."""


def _permanent_smtp_error(exc: Exception) -> bool:
    """A 5xx answer (or every recipient refused, or a missing attachment) will not change on a
    retry: fail at once.
    Connection errors, time-outs and 4xx answers are temporary: retry with backoff."""
    import smtplib

    if isinstance(exc, FileNotFoundError):  # the attachment is gone: a retry will not find it either
        return True
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(500 <= code < 600 for code, _msg in exc.recipients.values())
    return isinstance(exc, smtplib.SMTPResponseException) and 500 <= exc.smtp_code < 600


def _message_id(n: Notification) -> str:
    """A stable Message-ID per notification: should a crash ever hand the same e-mail to SMTP twice
    (see notification_deliver_email), mail clients see one message, not two."""
    from email.utils import parseaddr

    from django.conf import settings

    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "samordna.local"
    return f"<notification.{n.pk}.{n.dedupe_key[:16]}@{domain}>"


def notification_deliver_email(*, notification_id: int, max_attempts: int = 5) -> str:
    """Send the e-mail of one pending notification, at most once per successful delivery.

    1. Count the attempt in its own committed transaction, so a message that keeps killing its
       worker ends FAILED after `max_attempts` instead of looping for ever.
    2. Lock the row (an UPDATE: a row lock on PostgreSQL, the write lock on SQLite), check it is
       still pending, hand the message to SMTP and mark it SENT in the same transaction. A second
       delivery of the same task waits for the lock and then finds SENT: it sends nothing. If the
       worker dies before the commit, the database rolls back, the row stays PENDING and the
       redelivered task (acks_late) or the scan (send_pending_emails) sends it.
    The one window SMTP leaves open: death after the SMTP server accepted the message and before
    the COMMIT (milliseconds) sends it again on redelivery; the stable Message-ID lets mail clients
    collapse that duplicate. Returns the resulting status; raises EmailDeliveryError to retry."""
    from django.conf import settings
    from django.core.mail import EmailMessage

    pending = Notification.EmailStatus.PENDING
    with transaction.atomic():
        claimed = Notification.objects.filter(pk=notification_id, email_status=pending).update(
            email_attempts=models.F("email_attempts") + 1
        )
        n = Notification.objects.filter(pk=notification_id).first()
        if n is None or not claimed:
            return n.email_status if n else "missing"
        if n.email_attempts > max_attempts:
            Notification.EMAIL_WORKFLOW.move(n, Notification.EmailStatus.FAILED)
            n.email_attempts = max_attempts
            n.email_error = n.email_error or "Gave up: the worker was lost during every attempt."
            n.save(update_fields=["email_status", "email_attempts", "email_error"])
            log.error("E-mail for notification %s failed for good: %s", n.pk, n.email_error)
            return n.email_status

    error = None
    with transaction.atomic():
        # Take the lock before reading: a concurrent delivery blocks here until this one commits.
        if not Notification.objects.filter(pk=notification_id, email_status=pending).update(email_status=pending):
            n = Notification.objects.filter(pk=notification_id).first()
            return n.email_status if n else "missing"
        n = Notification.objects.select_related("recipient").get(pk=notification_id)
        link = f"{settings.PORTAL_BASE_URL.rstrip('/')}{n.url}" if n.url.startswith("/") else n.url
        # Written in the recipient's language, whatever the language of whoever triggered it.
        with override(texts.recipient_language(n.recipient)):
            subject, body = n.subject_text, n.body_text
        text = body + (f"\n\n{link}\n" if link else "")
        message = EmailMessage(subject=subject, body=text, to=[n.recipient.email],
                               headers={"Message-ID": _message_id(n)})
        try:
            if n.attachment:
                with n.attachment.open("rb") as fh:
                    message.attach(n.attachment.name.rsplit("/", 1)[-1], fh.read(), "application/pdf"
                                   if n.attachment.name.lower().endswith(".pdf") else None)
            message.send(fail_silently=False)
        except Exception as exc:  # SMTP errors, refused connections, time-outs
            error = f"{type(exc).__name__}: {exc}"[:2000]
            n.email_error = error
            if n.email_attempts >= max_attempts or _permanent_smtp_error(exc):
                Notification.EMAIL_WORKFLOW.move(n, Notification.EmailStatus.FAILED)
                log.error("E-mail for notification %s failed for good: %s", n.pk, error)
            else:
                log.warning("E-mail for notification %s failed (attempt %s): %s", n.pk, n.email_attempts, error)
            n.save(update_fields=["email_error", "email_status"])
        else:
            Notification.EMAIL_WORKFLOW.move(n, Notification.EmailStatus.SENT)
            n.email_sent_at = timezone.now()
            n.email_error = ""
            n.save(update_fields=["email_error", "email_status", "email_sent_at"])
    # Raised outside the atomic block, so the recorded error is committed, not rolled back.
    if error and n.email_status == pending:
        raise EmailDeliveryError(error)
    return n.email_status
