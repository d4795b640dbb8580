"""Development projects, funded separately by the county directors' group: applications,
participants, milestones."""
from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.money import format_kronor
from governance.workflow import Workflow

from .plans import MONEY, Plan


# --- Development projects ------------------------------------------------------------------------
class DevelopmentProject(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        APPLIED = "applied", _("Funding applied for")
        FUNDED = "funded", _("Funded")
        DECLINED = "declined", _("Funding declined")
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    WORKFLOW = Workflow({
        Status.PROPOSED: (Status.APPLIED, Status.CANCELLED),
        Status.APPLIED: (Status.APPLIED, Status.FUNDED, Status.DECLINED, Status.CANCELLED),
        Status.FUNDED: (Status.APPLIED, Status.ONGOING, Status.CANCELLED),
        Status.DECLINED: (Status.APPLIED, Status.CANCELLED),
        Status.ONGOING: (Status.APPLIED, Status.COMPLETED, Status.CANCELLED),
    })
    # "Funding applied for", "Funded" and "Funding declined" follow only from an application and the
    # county directors' decision; the steering group sets the others by hand (manual_moves).
    FROM_APPLICATIONS = (Status.APPLIED, Status.FUNDED, Status.DECLINED)

    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"))
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("proposed by"),
                                    on_delete=models.PROTECT, related_name="proposed_projects")
    organisation = models.ForeignKey("governance.Organisation", verbose_name=_("proposing organisation"),
                                     on_delete=models.PROTECT, related_name="proposed_projects")
    plan = models.ForeignKey(Plan, verbose_name=_("operating plan"), on_delete=models.SET_NULL, null=True,
                             blank=True, related_name="projects")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    outcome = models.TextField(_("outcome"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("development project")
        verbose_name_plural = _("development projects")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("annualplan:project_detail", kwargs={"pk": self.pk})

    def manual_moves(self) -> tuple[str, ...]:
        """The states the steering group may set by hand from the project's status."""
        return tuple(s for s in self.WORKFLOW.allowed(self) if s not in self.FROM_APPLICATIONS)


class FundingApplication(models.Model):
    """The steering group's application to the county directors' group for development funds."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Pending")
        GRANTED = "granted", _("Granted")
        PARTLY_GRANTED = "partly_granted", _("Partly granted")
        DECLINED = "declined", _("Declined")

    project = models.ForeignKey(DevelopmentProject, verbose_name=_("project"), on_delete=models.CASCADE,
                                related_name="applications")
    amount = models.DecimalField(_("amount applied for (SEK)"), **MONEY, validators=[MinValueValidator(Decimal("1"))])
    motivation = models.TextField(_("motivation"))
    applied_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("applied by"),
                                   on_delete=models.PROTECT, related_name="+")
    applied_at = models.DateTimeField(_("applied"))
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, default=Decision.PENDING)
    granted_amount = models.DecimalField(_("amount granted (SEK)"), **MONEY, null=True, blank=True)
    decision_comment = models.TextField(_("decision comment"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"),
                                   on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("funding application")
        verbose_name_plural = _("funding applications")
        ordering = ["project", "applied_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(granted_amount__isnull=True) | Q(granted_amount__gte=0),
                name="funding_granted_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.project}: {format_kronor(self.amount)}"


class ProjectParticipant(models.Model):
    """An organisation (and person) taking part in a project for a period."""

    project = models.ForeignKey(DevelopmentProject, verbose_name=_("project"), on_delete=models.CASCADE,
                                related_name="participants")
    organisation = models.ForeignKey("governance.Organisation", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.PROTECT,
                               null=True, blank=True, related_name="+")
    role = models.CharField(_("role"), max_length=200, blank=True)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("project participant")
        verbose_name_plural = _("project participants")
        ordering = ["project", "start", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                                   name="participant_end_after_start"),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.project}"

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end date must not be before the start date.")})


class Milestone(models.Model):
    project = models.ForeignKey(DevelopmentProject, verbose_name=_("project"), on_delete=models.CASCADE,
                                related_name="milestones")
    title = models.CharField(_("milestone"), max_length=250)
    due = models.DateField(_("due"))
    done_on = models.DateField(_("done"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["project", "due", "pk"]

    def __str__(self):
        return self.title


