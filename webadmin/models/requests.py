"""Feature requests, their attachments and each organisation's support."""
from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.people.models import Organisation
from governance.workflow import Workflow


# --- Feature requests -------------------------------------------------------------------------------
class FeatureRequest(models.Model):
    class Site(models.TextChoices):
        EXTERNAL = "external", _("External website")
        INTERNAL = "internal", _("Internal website")
        BOTH = "both", _("Both")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        SPECIFIED = "specified", _("Specified")
        IN_DEVELOPMENT = "in_development", _("In development")
        IN_TEST = "in_test", _("In test")
        RELEASED = "released", _("Released")

    # The triage workflow: from each status, where a request may go next.
    WORKFLOW = Workflow({
        Status.NEW: (Status.ACCEPTED, Status.REJECTED),
        Status.ACCEPTED: (Status.SPECIFIED, Status.REJECTED),
        Status.SPECIFIED: (Status.IN_DEVELOPMENT, Status.REJECTED),
        Status.IN_DEVELOPMENT: (Status.IN_TEST,),
        Status.IN_TEST: (Status.RELEASED, Status.IN_DEVELOPMENT),
    })
    # Statuses whose requests are in the ranked backlog.
    BACKLOG = (Status.ACCEPTED, Status.SPECIFIED, Status.IN_DEVELOPMENT, Status.IN_TEST)

    title = models.CharField(_("title"), max_length=200)
    site = models.CharField(_("site"), max_length=10, choices=Site.choices)
    problem = models.TextField(_("problem"))
    proposal = models.TextField(_("proposal"))
    affected = models.TextField(_("who is affected"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), on_delete=models.PROTECT,
        related_name="feature_requests",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="feature_requests"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    step_reason = models.TextField(_("reason for the latest step"), blank=True,
                                   help_text=_("What the feature owner wrote with the latest change of status."))
    value = models.PositiveSmallIntegerField(
        _("value"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 (low) to 5 (high)."),
    )
    effort = models.PositiveSmallIntegerField(
        _("effort"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 (small) to 5 (large)."),
    )
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    requirement_specification = models.TextField(_("requirement specification"), blank=True)
    test_result = models.TextField(_("test result"), blank=True)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("feature request")
        verbose_name_plural = _("feature requests")
        ordering = [models.F("rank").asc(nulls_last=True), "-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "rank"], name="webadmin_request_backlog")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("webadmin:request_detail", kwargs={"pk": self.pk})

    def allowed_transitions(self) -> tuple[str, ...]:
        return self.WORKFLOW.allowed(self)

    def allowed_transition_choices(self) -> list[tuple[str, str]]:
        labels = dict(self.Status.choices)
        return [(s, labels[s]) for s in self.allowed_transitions()]


def attachment_path(instance, filename):
    return f"webadmin/requests/{instance.request_id}/{filename}"


class FeatureAttachment(models.Model):
    request = models.ForeignKey(
        FeatureRequest, verbose_name=_("feature request"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class FeatureSupport(models.Model):
    """An organisation's support for a request; each organisation supports a request once."""

    request = models.ForeignKey(
        FeatureRequest, verbose_name=_("feature request"), on_delete=models.CASCADE, related_name="supports"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "organisation"], name="webadmin_support_once_per_organisation"),
        ]

    def __str__(self):
        return f"{self.organisation} → {self.request}"
