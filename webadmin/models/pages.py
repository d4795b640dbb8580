"""The handbook and FAQ, policies and their versions, the web platforms and the yearly meeting."""
from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.bodies.models import Body
from governance.workflow import Workflow

from .roles import SteeringDecision


# --- Handbook, FAQ and policies ----------------------------------------------------------------------
class HandbookPage(models.Model):
    class Kind(models.TextChoices):
        HANDBOOK = "handbook", _("Handbook")
        FAQ = "faq", _("Frequently asked questions")

    class Audience(models.TextChoices):
        EDITORS = "editors", _("Web editors")
        SUPPORT = "support", _("Support staff")
        BOTH = "both", _("Web editors and support staff")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    WORKFLOW = Workflow({Status.DRAFT: (Status.PUBLISHED, Status.DRAFT),
                         Status.PUBLISHED: (Status.PUBLISHED, Status.DRAFT)})  # a new version is published again

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.HANDBOOK)
    audience = models.CharField(_("audience"), max_length=10, choices=Audience.choices, default=Audience.BOTH)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=200, unique=True, allow_unicode=False)
    body = models.TextField(_("text (Markdown)"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("updated by"), on_delete=models.PROTECT, related_name="+",
        null=True, blank=True,
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("handbook page")
        verbose_name_plural = _("handbook pages")
        ordering = ["kind", "sort_order", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("webadmin:page_detail", kwargs={"slug": self.slug})


class Policy(models.Model):
    """A policy or guideline for the web cooperation; its text lives in adopted versions."""

    class Kind(models.TextChoices):
        POLICY = "policy", _("Policy")
        GUIDELINE = "guideline", _("Guideline")

    class Audience(models.TextChoices):
        """Who a policy "to be read" asks to confirm it: computed from the memberships of the day."""

        COMMUNICATORS = "communicators", _("Every communicator in the communicators' network")
        INFO_MANAGERS = "info_managers", _("The information managers")
        WEB_MANAGEMENT_GROUP = "web_management_group", _("The web management group")
        ALL_STAFF = "all_staff", _("All staff")

    # The body whose members on the day are the audience (the web management group: that year's);
    # ALL_STAFF is every active account.
    AUDIENCE_BODIES = {
        Audience.COMMUNICATORS: Body.Kind.COMMUNICATORS_NETWORK,
        Audience.INFO_MANAGERS: Body.Kind.INFO_MANAGERS_NETWORK,
        Audience.WEB_MANAGEMENT_GROUP: Body.Kind.WEB_MANAGEMENT_GROUP,
    }

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.POLICY)
    title = models.CharField(_("title"), max_length=200, unique=True)
    to_be_read = models.BooleanField(
        _("to be read"), default=False,
        help_text=_("Ask the people it concerns to confirm that they have read and understood the current "
                    "version."))
    audience = models.CharField(_("to be read by"), max_length=30, choices=Audience.choices, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="owned_policies",
        null=True, blank=True, help_text=_("Follows up who has confirmed and reminds the others."))
    version = models.PositiveIntegerField(_("version of the settings"), default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("policy or guideline")
        verbose_name_plural = _("policies and guidelines")
        ordering = ["kind", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("webadmin:policy_detail", kwargs={"pk": self.pk})

    def clean(self):
        if self.to_be_read:
            errors = {}
            if not self.audience:
                errors["audience"] = _("Say whom it is to be read by.")
            if not self.owner_id:
                errors["owner"] = _("Name the owner who follows up who has read it.")
            if errors:
                raise ValidationError(errors)


class PolicyVersion(models.Model):
    policy = models.ForeignKey(Policy, verbose_name=_("policy"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    body = models.TextField(_("text (Markdown)"))
    decision = models.ForeignKey(
        SteeringDecision, verbose_name=_("decision"), on_delete=models.PROTECT, related_name="policy_versions"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("policy version")
        verbose_name_plural = _("policy versions")
        ordering = ["policy", "-number"]
        constraints = [models.UniqueConstraint(fields=["policy", "number"], name="webadmin_policy_version_unique")]

    def __str__(self):
        return f"{self.policy} v{self.number}"


# --- Platforms and the yearly meeting ----------------------------------------------------------------
class WebPlatform(models.Model):
    class Kind(models.TextChoices):
        EXTERNAL = "external", _("External website")
        INTERNAL = "internal", _("Internal website")

    class Environment(models.TextChoices):
        PRODUCTION = "production", _("Production")
        TEST = "test", _("Test")
        DEVELOPMENT = "development", _("Development")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    address = models.URLField(_("address"))
    environment = models.CharField(_("environment"), max_length=12, choices=Environment.choices)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("web platform")
        verbose_name_plural = _("web platforms")
        ordering = ["kind", "name", "environment"]
        constraints = [
            models.UniqueConstraint(fields=["name", "environment"], name="webadmin_platform_name_environment"),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_environment_display()})"


class RepresentativesMeeting(models.Model):
    """The yearly meeting of all member organisations' representatives (plan, budget, fee,
    ambition level). One a year; reminded once a year."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    date = models.DateField(_("date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting of the member organisations")
        verbose_name_plural = _("meetings of the member organisations")
        ordering = ["-year"]

    def __str__(self):
        return f"{self._meta.verbose_name} {self.year}"
