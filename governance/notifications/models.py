"""Notifications in the portal and by e-mail, and each person's choices."""
from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.texts import StoredText
from governance.workflow import Workflow


# --- Notifications: every message shows in the portal; e-mail is a per-user, per-kind choice ----
class Notification(models.Model):
    """One message to one person. The dedupe key (kind, object, recipient, occasion) is unique,
    so a re-run of a reminder or a duplicate task delivery never creates or sends it twice."""

    class EmailStatus(models.TextChoices):
        NOT_WANTED = "not_wanted", _("Not wanted")
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    # The e-mail's delivery: sent, or failed for good (an administrator may queue it again).
    EMAIL_WORKFLOW = Workflow({
        EmailStatus.PENDING: (EmailStatus.SENT, EmailStatus.FAILED),
        EmailStatus.FAILED: (EmailStatus.PENDING,),
    }, field="email_status")

    kind = models.CharField(_("kind"), max_length=60)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    target_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE)
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    occasion = models.CharField(_("occasion"), max_length=100, blank=True)
    dedupe_key = models.CharField(max_length=64, unique=True, editable=False)
    # The subject and body as stored texts (governance.texts: the untranslated message and its
    # parameters), written in the reader's language by subject_text / body_text; `subject` and
    # `body` keep them in the default language, for search, and are what rows made before show.
    subject = models.CharField(_("subject"), max_length=250)
    body = models.TextField(_("text"), blank=True)
    subject_message = models.JSONField(_("subject (message and parameters)"), null=True, blank=True, editable=False)
    body_message = models.JSONField(_("text (message and parameters)"), null=True, blank=True, editable=False)
    url = models.CharField(_("link"), max_length=500, blank=True)
    attachment = models.FileField(_("attachment"), upload_to="notifications/%Y/", blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    email_status = models.CharField(
        _("e-mail"), max_length=12, choices=EmailStatus.choices, default=EmailStatus.NOT_WANTED
    )
    email_attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)
    email_error = models.TextField(_("e-mail error"), blank=True)
    email_sent_at = models.DateTimeField(_("e-mail sent"), null=True, blank=True)
    # The digest it went out in (digests.py): a notification is in one digest at most.
    digest = models.ForeignKey("Digest", verbose_name=_("digest"), null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="notifications")

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["email_status", "created_at"], name="notification_email_due"),
        ]

    # What every page, the admin and the e-mail show: the text in the active language.
    subject_text = StoredText("subject")
    body_text = StoredText("body")

    def __str__(self):
        return self.subject_text

    def get_absolute_url(self):
        return reverse("governance:notification_open", kwargs={"pk": self.pk})

    @staticmethod
    def make_key(*, kind: str, recipient_id: int, target_type_id: int | None, target_id: int | None,
                 occasion: str) -> str:
        raw = f"{kind}|{target_type_id or ''}|{target_id or ''}|{recipient_id}|{occasion}"
        return hashlib.sha256(raw.encode()).hexdigest()


class NotificationPreference(models.Model):
    """How a person wants one kind: one e-mail per notification, a daily or weekly digest, or in the
    portal only. A kind without a row is e-mailed immediately."""

    class Delivery(models.TextChoices):
        IMMEDIATELY = "immediately", _("Immediately (one e-mail per notification)")
        DAILY = "daily", _("Daily digest")
        WEEKLY = "weekly", _("Weekly digest")
        NONE = "none", _("None (in the portal only)")

    DIGESTS = (Delivery.DAILY, Delivery.WEEKLY)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE,
        related_name="notification_preferences"
    )
    kind = models.CharField(_("kind"), max_length=60)
    delivery = models.CharField(_("e-mail"), max_length=12, choices=Delivery.choices, default=Delivery.IMMEDIATELY)
    # When this kind last went to a digest from e-mail at once or none: what waits for a digest is
    # what came after (empty: everything unread that was not e-mailed). Kept from one digest to the
    # other, so what waited for the weekly digest goes with the daily one.
    digest_since = models.DateTimeField(_("in a digest since"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_unique")]

    def __str__(self):
        return f"{self.user}: {self.kind}"

    def save(self, *args, **kwargs):
        """Nothing waiting is lost when the choice changes (the admin's form, the settings page and
        the demo all save here): from e-mail at once or none to a digest, what comes from now on
        waits for the digest; from one digest to the other, what waits goes with it; from a digest to
        e-mail at once, what was waiting is e-mailed (the pending scan sends it, one by one)."""
        before = getattr(self, "_stored_delivery", None)
        update_fields = kwargs.get("update_fields")
        if self.delivery in self.DIGESTS and before is not None and before not in self.DIGESTS:
            self.digest_since = timezone.now()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "digest_since"}
        super().save(*args, **kwargs)
        if before in self.DIGESTS and self.delivery == self.Delivery.IMMEDIATELY:  # what waited: e-mailed
            Notification.objects.filter(waiting_for_digest(self.user_id), self.waiting_q()).update(
                email_status=Notification.EmailStatus.PENDING)
        self._stored_delivery = self.delivery

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._stored_delivery = instance.__dict__.get("delivery")
        return instance

    def waiting_q(self) -> Q:
        """With `waiting_for_digest(user_id)`: this kind's notifications to the person that wait for a
        digest, since the kind went to one. Conditions on the row itself, no subquery: an UPDATE that
        waited for a concurrent one checks them again on the row as that one left it."""
        q = Q(kind=self.kind)
        return q & Q(created_at__gt=self.digest_since) if self.digest_since else q


def waiting_for_digest(user_id: int) -> Q:
    """The person's notifications that a digest may still take: unread, not e-mailed on their own,
    in no digest yet (NotificationPreference.waiting_q narrows them to a kind)."""
    return Q(recipient_id=user_id, read_at__isnull=True, digest__isnull=True,
             email_status=Notification.EmailStatus.NOT_WANTED)


class Digest(models.Model):
    """One person's digest of one period (a local day or ISO week in Europe/Stockholm, starting on
    `period_start`). Unique per (user, period, start): built once per period whatever the number of
    runs or workers; `sent_at` is set when the e-mail was handed to SMTP (or, with nothing unread left,
    when it was found empty: no e-mail). `failed_at`: given up after the attempts."""

    class Period(models.TextChoices):
        DAILY = "daily", _("Daily digest")
        WEEKLY = "weekly", _("Weekly digest")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE,
                             related_name="digests")
    period = models.CharField(_("period"), max_length=10, choices=Period.choices)
    period_start = models.DateField(_("period start"))
    built_at = models.DateTimeField(_("built"), default=timezone.now)
    sent_at = models.DateTimeField(_("e-mail sent"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed"), null=True, blank=True)
    size = models.PositiveSmallIntegerField(_("notifications sent"), default=0)
    email_attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)
    email_error = models.TextField(_("e-mail error"), blank=True)

    class Meta:
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        ordering = ["-period_start", "user_id", "period"]
        constraints = [models.UniqueConstraint(fields=["user", "period", "period_start"], name="digest_once_per_period")]

    def __str__(self):
        return f"{self.user}: {self.get_period_display()} {self.period_start:%Y-%m-%d}"
