"""Digests: a person's unread notifications of the kinds they chose a daily or weekly digest for,
in one e-mail per period, grouped by what they are about.

Periods are local calendar days and ISO weeks in Europe/Stockholm. A period's digest is due once
the local time is past settings.DIGEST_HOUR (the weekly one from Monday at that hour to the end of
the week); the scan (tasks.send_due_digests, every 15 minutes) builds what is due and not yet built,
so a missed run is caught up by the next one and a double run builds nothing twice: the row is
unique per (user, period, start). A person with nothing unread gets a row (the period is done) and
no e-mail. A notification is in a digest only if
- its kind is set to that digest by the person when the digest is built,
- it was not e-mailed on its own (email_status NOT_WANTED) and is in no other digest,
- it came after the person chose a digest for its kind (NotificationPreference.digest_since: a
  change from the daily to the weekly digest or back keeps what waits, so nothing is left behind;
  a change to e-mail at once e-mails what waited) and before this one was built,
- it is still unread when the digest is built and when its e-mail is written.
The e-mail is delivered like a notification's (services.notification_deliver_email): the attempt is
counted in its own transaction, the row is locked while SMTP takes the message, at most one e-mail
per digest; temporary SMTP errors are retried, permanent ones fail at once."""
from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from governance import texts
from governance.notifications.models import Digest, Notification, NotificationPreference, waiting_for_digest
from governance.notifications.services import EmailDeliveryError, _permanent_smtp_error

log = logging.getLogger("samordna.notifications")
STOCKHOLM = ZoneInfo("Europe/Stockholm")
Period = Digest.Period


# --- When ----------------------------------------------------------------------------------------
def due_periods(now: dt.datetime | None = None) -> list[tuple[str, dt.date]]:
    """The periods whose digest is due at `now`: today's once the local time is past the digest
    hour, this ISO week's from Monday at that hour."""
    local = timezone.localtime(now or timezone.now(), STOCKHOLM)
    past_hour = local.hour >= settings.DIGEST_HOUR
    monday = local.date() - dt.timedelta(days=local.weekday())
    due = [(Period.DAILY, local.date())] if past_hour else []
    if past_hour or local.date() > monday:
        due.append((Period.WEEKLY, monday))
    return due


# --- Building ------------------------------------------------------------------------------------
def digest_build(*, user_id: int, period: str, start: dt.date, kinds: set[str]) -> tuple[Digest, bool]:
    """The person's digest of the period, built now if it was not: its notifications are linked to
    it in the same transaction. Returns (digest, created); a concurrent or repeated build gets the
    first row (the unique constraint) and links nothing."""
    with transaction.atomic():
        digest, created = Digest.objects.get_or_create(user_id=user_id, period=period, period_start=start)
        if not created:
            return digest, False
        chosen = models.Q(pk__in=[])
        for pref in NotificationPreference.objects.filter(user_id=user_id, kind__in=kinds):
            chosen |= pref.waiting_q()
        count = Notification.objects.filter(waiting_for_digest(user_id), chosen,
                                            created_at__lte=digest.built_at).update(digest=digest)
        if not count:  # nothing unread: the period is done, no e-mail
            digest.sent_at = digest.built_at
            digest.save(update_fields=["sent_at"])
    return digest, True


def digests_build_due(now: dt.datetime | None = None) -> list[int]:
    """Build every digest due at `now` and not yet built; return the ids of the digests waiting
    for their e-mail (new ones, and older ones whose e-mail was not sent yet)."""
    now = now or timezone.now()
    for period, start in due_periods(now):
        built = set(Digest.objects.filter(period=period, period_start=start).values_list("user_id", flat=True))
        wanted: dict[int, set[str]] = {}
        for user_id, kind in (NotificationPreference.objects.filter(delivery=period, user__is_active=True)
                              .exclude(user__email="").values_list("user_id", "kind")):
            if user_id not in built:
                wanted.setdefault(user_id, set()).add(kind)
        for user_id, kinds in sorted(wanted.items()):
            digest_build(user_id=user_id, period=period, start=start, kinds=kinds)
    retry_after = now - dt.timedelta(minutes=14)
    return list(
        Digest.objects.filter(sent_at__isnull=True, failed_at__isnull=True)
        .filter(models.Q(email_attempts=0) | models.Q(built_at__lte=retry_after))
        .order_by("built_at", "pk").values_list("pk", flat=True)[:1000]
    )


# --- The e-mail ----------------------------------------------------------------------------------
def _absolute(url: str) -> str:
    return f"{settings.PORTAL_BASE_URL.rstrip('/')}{url}" if url.startswith("/") else url


def _groups(notifications: list[Notification]) -> list[dict]:
    """By object, in the order their first notification came; those without one last, as "Other"."""
    groups: dict[tuple, dict] = {}
    for n in notifications:
        target = n.target if n.target_id is not None else None
        key = (n.target_type_id, n.target_id) if target is not None else None
        group = groups.setdefault(key, {"title": str(target) if target is not None else _("Other"), "items": []})
        group["items"].append({"subject": n.subject_text, "link": _absolute(n.url or reverse("governance:notification_list"))})
    other = groups.pop(None, None)
    return [*groups.values(), *([other] if other else [])]


def _subject(digest: Digest) -> str:
    if digest.period == Period.WEEKLY:
        return _("Samordna: your unread notifications, week %(week)d") % {
            "week": digest.period_start.isocalendar().week}
    return _("Samordna: your unread notifications, %(date)s") % {
        "date": formats.date_format(digest.period_start, "j F Y")}


def _message(digest: Digest, notifications: list[Notification]):
    from email.utils import parseaddr

    from django.core.mail import EmailMultiAlternatives

    with override(texts.recipient_language(digest.user)):
        context = {
            "digest": digest, "groups": _groups(notifications), "count": len(notifications),
            "weekly": digest.period == Period.WEEKLY,
            "portal": _absolute(reverse("governance:notification_list")),
            "preferences": _absolute(reverse("governance:notification_preferences")),
        }
        subject = _subject(digest)
        text = render_to_string("governance/notifications/email/digest.txt", context)
        html = render_to_string("governance/notifications/email/digest.html", context)
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "samordna.local"
    message_id = f"<digest.{digest.pk}.{digest.period}.{digest.period_start:%Y%m%d}@{domain}>"
    message = EmailMultiAlternatives(subject=subject, body=text, to=[digest.user.email],
                                     headers={"Message-ID": message_id})
    message.attach_alternative(html, "text/html")
    return message


def digest_status(digest: Digest | None) -> str:
    if digest is None:
        return "missing"
    if digest.failed_at:
        return "failed"
    if digest.sent_at:
        return "sent" if digest.size else "empty"
    return "pending"


def digest_deliver_email(*, digest_id: int, max_attempts: int = 5) -> str:
    """Send one digest's e-mail at most once (see services.notification_deliver_email for the
    steps). Only the notifications still unread now are in it; with none left no e-mail is sent.
    Returns digest_status(); raises EmailDeliveryError to retry."""
    waiting = {"pk": digest_id, "sent_at__isnull": True, "failed_at__isnull": True}
    with transaction.atomic():
        claimed = Digest.objects.filter(**waiting).update(email_attempts=models.F("email_attempts") + 1)
        digest = Digest.objects.filter(pk=digest_id).first()
        if digest is None or not claimed:
            return digest_status(digest)
        if digest.email_attempts > max_attempts:
            digest.email_attempts, digest.failed_at = max_attempts, timezone.now()
            digest.email_error = digest.email_error or "Gave up: the worker was lost during every attempt."
            digest.save(update_fields=["email_attempts", "failed_at", "email_error"])
            log.error("Digest %s failed for good: %s", digest.pk, digest.email_error)
            return digest_status(digest)

    error = None
    with transaction.atomic():
        # The lock before the read: a concurrent delivery waits here, then finds it sent.
        if not Digest.objects.filter(**waiting).update(email_attempts=models.F("email_attempts")):
            return digest_status(Digest.objects.filter(pk=digest_id).first())
        digest = Digest.objects.select_related("user").get(pk=digest_id)
        unread = list(digest.notifications.filter(read_at__isnull=True).prefetch_related("target")
                      .order_by("created_at", "pk"))
        digest.size = len(unread)
        if unread:
            try:
                _message(digest, unread).send(fail_silently=False)
            except Exception as exc:  # SMTP errors, refused connections, time-outs
                error = digest.email_error = f"{type(exc).__name__}: {exc}"[:2000]
                if digest.email_attempts >= max_attempts or _permanent_smtp_error(exc):
                    digest.failed_at = timezone.now()
                    log.error("Digest %s failed for good: %s", digest.pk, error)
                else:
                    log.warning("Digest %s failed (attempt %s): %s", digest.pk, digest.email_attempts, error)
        if error is None:
            digest.sent_at, digest.email_error = timezone.now(), ""
        digest.save(update_fields=["size", "sent_at", "failed_at", "email_error"])
    if error and digest.failed_at is None:
        raise EmailDeliveryError(error)
    return digest_status(digest)
