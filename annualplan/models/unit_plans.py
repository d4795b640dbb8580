"""Each organisation's own communication action plan, its measures and surveys."""
from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .plans import Light, Plan, PlanGoal, check_analysis, light_fields


# --- The organisations' own action plans -----------------------------------------------------
class UnitActionPlan(models.Model):
    """An organisation's communication action plan for the year (handlingsplan)."""

    organisation = models.ForeignKey("governance.Organisation", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="action_plans")
    year = models.PositiveSmallIntegerField(_("year"))
    plan = models.ForeignKey(Plan, verbose_name=_("operating plan"), on_delete=models.SET_NULL, null=True,
                             blank=True, related_name="unit_plans")
    goals = models.ManyToManyField(PlanGoal, verbose_name=_("goals of the shared plan"), blank=True,
                                   related_name="unit_plans")
    summary = models.TextField(_("summary"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[goals])

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["-year", "organisation__sort_order"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="action_plan_one_per_year")]

    def __str__(self):
        return f"{self.organisation.short_name} {self.year}"

    def get_absolute_url(self):
        return reverse("annualplan:unit_plan_detail", kwargs={"pk": self.pk})


class Measure(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    action_plan = models.ForeignKey(UnitActionPlan, verbose_name=_("action plan"), on_delete=models.CASCADE,
                                    related_name="measures")
    title = models.CharField(_("measure"), max_length=250)
    goal = models.ForeignKey(PlanGoal, verbose_name=_("goal"), on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="measures")
    planned_effect = models.TextField(_("planned effect"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    reported_effect = models.TextField(_("reported effect"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["action_plan", "pk"]

    def __str__(self):
        return self.title


class MeasureFollowUp(models.Model):
    """A measure's quarterly follow-up: its traffic light and a short analysis. The measure's
    current light is its latest quarter's."""

    Light = Light

    measure = models.ForeignKey(Measure, verbose_name=_("measure"), on_delete=models.CASCADE,
                                related_name="follow_ups")
    quarter = models.PositiveSmallIntegerField(_("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    light, analysis = light_fields()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                    on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"))
    version = models.PositiveIntegerField(_("version"), default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("measure follow-up")
        verbose_name_plural = _("measure follow-ups")
        ordering = ["measure", "quarter"]
        constraints = [models.UniqueConstraint(fields=["measure", "quarter"],
                                               name="measure_follow_up_one_per_quarter")]

    def __str__(self):
        return f"{self.measure} Q{self.quarter}"

    def clean(self):
        check_analysis(self)


class Survey(models.Model):
    action_plan = models.ForeignKey(UnitActionPlan, verbose_name=_("action plan"), on_delete=models.CASCADE,
                                    related_name="surveys")
    title = models.CharField(_("survey"), max_length=250)
    conducted_on = models.DateField(_("conducted"))
    followed_up = models.BooleanField(_("followed up"), default=False)
    follow_up_notes = models.TextField(_("follow-up notes"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["action_plan", "conducted_on", "pk"]

    def __str__(self):
        return self.title

