"""The budget, its lines and the outcome."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.people.models import Organisation

from .common import ZERO, money  # noqa: F401


class Budget(models.Model):
    """The coordination's budget for one year. Development funds are kept apart: they are granted
    by the county directors' group and are not fee-funded."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    carry_over = money(
        _("opening balance (surplus from last year)"), default=ZERO,
        help_text=_("A surplus from last year lowers the fee; a deficit (negative) raises it."),
    )
    other_income = money(_("other income"), default=ZERO)
    development_funds = money(
        _("development funds (not fee-funded)"), default=ZERO,
        help_text=_("Granted separately by the county directors' group; not part of the fee."),
    )
    system_owner = models.ForeignKey(
        Organisation, verbose_name=_("system owner (issues the invoices)"), on_delete=models.PROTECT,
        related_name="owned_budgets",
    )
    notes = models.TextField(_("notes"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        ordering = ["-year"]

    def __str__(self):
        return _("Budget %(year)s") % {"year": self.year}

    def get_absolute_url(self):
        return reverse("fees:budget_detail", kwargs={"year": self.year})

    def clean(self):
        if self.system_owner_id and self.system_owner.kind != Organisation.Kind.COUNTY_BOARD:
            raise ValidationError({"system_owner": _("The system owner must be a county administrative board.")})


class BudgetLine(models.Model):
    class Category(models.TextChoices):
        STAFF = "staff", _("Staff in shared assignments")
        COMPENSATION = "compensation", _("Compensation for larger assignments")
        TRAVEL = "travel", _("Travel")
        CONSULTANTS = "consultants", _("Consultants")
        SUPPORT = "support", _("Support agreements")
        LICENCES = "licences", _("Licences")
        HARDWARE = "hardware", _("Hardware")
        TRAINING = "training", _("Training")
        OTHER = "other", _("Other")

    CATEGORY_ORDER = {c: i for i, c in enumerate(Category.values)}

    budget = models.ForeignKey(Budget, verbose_name=_("budget"), on_delete=models.CASCADE, related_name="lines")
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    description = models.CharField(_("description"), max_length=200, blank=True)
    amount = money(_("amount"), validators=[MinValueValidator(ZERO)])
    from_plan = models.BooleanField(
        _("computed from the operating plan"), default=False,
        help_text=_("Salary × (1 + social fee rate) of the plan's resource assignments."),
    )
    position = models.PositiveSmallIntegerField(default=0, editable=False)
    forecast = money(_("forecast for the year"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["budget", "position", "id"]

    def __str__(self):
        return f"{self.get_category_display()}: {self.description}" if self.description else self.get_category_display()

    def save(self, *args, **kwargs):
        self.position = self.CATEGORY_ORDER.get(self.category, 99)
        super().save(*args, **kwargs)


class Outcome(models.Model):
    """What a budget line actually cost in one quarter."""

    line = models.ForeignKey(BudgetLine, verbose_name=_("budget line"), on_delete=models.CASCADE,
                             related_name="outcomes")
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    amount = money(_("outcome"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["line", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["line", "quarter"], name="fees_outcome_one_per_quarter"),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="fees_outcome_quarter_1_4"),
        ]

    def __str__(self):
        return f"{self.line} Q{self.quarter}"
