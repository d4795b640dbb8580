"""The fee proposal, its allocation key, the fee decision and its shares."""
from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.money import format_kronor
from governance.people.models import Organisation
from governance.workflow import Workflow

from .budgets import Budget  # noqa: F401
from .common import ZERO, money  # noqa: F401


class FeeProposal(models.Model):
    """The information managers' proposal: the total to raise and the allocation key. Locked once
    decided; a correction is prepared as a new proposal for the same year."""

    class Method(models.TextChoices):
        EQUAL = "equal", _("Equal shares")
        WEIGHTS = "weights", _("Weights per organisation")

    class Status(models.TextChoices):
        DRAFT = "draft", _("In preparation")
        DECIDED = "decided", _("Decided")

    WORKFLOW = Workflow({Status.DRAFT: (Status.DECIDED,)})  # a correction is a new proposal

    budget = models.ForeignKey(Budget, verbose_name=_("budget"), on_delete=models.PROTECT, related_name="proposals")
    number = models.PositiveSmallIntegerField(_("number"), default=1, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    method = models.CharField(
        _("allocation key"), max_length=10, choices=Method.choices, default=Method.EQUAL,
        help_text=_("How the total (after any fixed amounts) is shared."),
    )
    adjustment = money(
        _("adjustment of the total"), default=ZERO,
        help_text=_("Whole kronor, added to (or, when negative, taken from) the total to raise."),
    )
    motivation = models.TextField(_("motivation for the adjustment"), blank=True)
    weight_label = models.CharField(_("what the weights measure"), max_length=100, blank=True,
                                    help_text=_("For example: number of staff."))
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fee proposal")
        verbose_name_plural = _("fee proposals")
        ordering = ["-budget__year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "number"], name="fees_proposal_number_unique"),
            models.UniqueConstraint(fields=["budget"], condition=Q(status="draft"),
                                    name="fees_one_draft_proposal_per_year"),
        ]

    def __str__(self):
        return _("Fee proposal %(year)s no. %(number)s") % {"year": self.budget.year, "number": self.number}

    def get_absolute_url(self):
        return reverse("fees:proposal_detail", kwargs={"pk": self.pk})

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.DECIDED

    def clean(self):
        if self.adjustment is not None and self.adjustment != self.adjustment.to_integral_value():
            raise ValidationError({"adjustment": _("The adjustment must be whole kronor.")})
        if self.adjustment and not self.motivation.strip():
            raise ValidationError({"motivation": _("An adjusted total needs a motivation.")})


class KeyEntry(models.Model):
    """One organisation's entry in a proposal's key: a weight and/or a fixed amount."""

    proposal = models.ForeignKey(FeeProposal, verbose_name=_("fee proposal"), on_delete=models.CASCADE,
                                 related_name="key_entries")
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT,
                                     related_name="+")
    weight = models.DecimalField(_("weight"), max_digits=14, decimal_places=2, default=ZERO,
                                 validators=[MinValueValidator(ZERO)])
    fixed_amount = money(_("fixed amount"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("key entry")
        verbose_name_plural = _("key entries")
        ordering = ["proposal", "organisation__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "organisation"], name="fees_key_entry_unique"),
        ]

    def __str__(self):
        return f"{self.proposal} – {self.organisation.code}"


class FeeDecision(models.Model):
    """The county directors' group's decision on the fee. A correction is a new version that
    references the decision it replaces, with a reason."""

    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    proposal = models.OneToOneField(FeeProposal, verbose_name=_("fee proposal"), on_delete=models.PROTECT,
                                    related_name="decision")
    supersedes = models.OneToOneField(
        "self", verbose_name=_("corrects"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    reason = models.TextField(_("reason for the correction"), blank=True)
    total = money(_("total fee"))
    decided_on = models.DateField(_("decided on"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fee decision")
        verbose_name_plural = _("fee decisions")
        ordering = ["-year", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["year", "version"], name="fees_decision_version_unique"),
            models.CheckConstraint(
                condition=Q(version=1, supersedes__isnull=True) | Q(version__gt=1, supersedes__isnull=False),
                name="fees_decision_correction_references_old",
            ),
        ]

    def __str__(self):
        return _("Fee decision %(year)s, version %(version)s") % {"year": self.year, "version": self.version}

    def get_absolute_url(self):
        return reverse("fees:decision_detail", kwargs={"pk": self.pk})

    def clean(self):
        if self.supersedes_id and not self.reason.strip():
            raise ValidationError({"reason": _("A correction needs a reason.")})


class FeeShare(models.Model):
    """One organisation's share of a decided fee, in whole kronor. Never edited."""

    decision = models.ForeignKey(FeeDecision, verbose_name=_("fee decision"), on_delete=models.PROTECT,
                                 related_name="shares")
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT,
                                     related_name="fee_shares")
    amount = money(_("share"))
    fixed = models.BooleanField(_("fixed amount"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fee share")
        verbose_name_plural = _("fee shares")
        ordering = ["decision", "organisation__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "organisation"], name="fees_share_unique"),
        ]

    def __str__(self):
        return f"{self.decision}: {self.organisation.code} {format_kronor(self.amount)}"
