"""The portal's accessibility statement (tillgänglighetsredogörelse, required by the DOS law as
Digg describes it): how far it meets WCAG 2.1 AA, the known problems, how and when it was
assessed, and the feedback people send. Kept in the admin; each text in Swedish and English."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def in_reader_language(swedish: str, english: str) -> str:
    """The English text for an English reader when there is one, else the Swedish (the original)."""
    return english if english and (get_language() or "sv").startswith("en") else swedish


class AccessibilityStatement(models.Model):
    """The statement: one row (the newest is shown), edited in the admin after each assessment."""

    class Conformance(models.TextChoices):
        FULL = "full", _("fully compliant")
        PARTIAL = "partial", _("partially compliant")
        NONE = "none", _("not compliant")

    conformance = models.CharField(_("compliance with WCAG 2.1 AA"), max_length=10, choices=Conformance.choices,
                                   default=Conformance.PARTIAL)
    assessed_on = models.DateField(_("assessed on"))
    method = models.TextField(_("how it was assessed"))
    method_en = models.TextField(_("how it was assessed (English)"), blank=True)
    last_automated_check = models.DateField(
        _("last automated check"), null=True, blank=True,
        help_text=_("The day the browser tests (axe-core, reflow, text spacing, focus, keyboard) last passed."))
    contact_email = models.EmailField(_("contact e-mail for accessibility"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")
        ordering = ["-assessed_on", "-pk"]

    def __str__(self):
        return str(_("Accessibility statement, assessed %(date)s") % {"date": self.assessed_on.isoformat()})

    @property
    def method_text(self) -> str:
        return in_reader_language(self.method, self.method_en)


class AccessibilityProblem(models.Model):
    """A known problem: what does not work, against which success criterion, and how to get round it."""

    description = models.TextField(_("problem"))
    description_en = models.TextField(_("problem (English)"), blank=True)
    criterion = models.CharField(_("WCAG success criterion"), max_length=20, blank=True,
                                 help_text=_("For example 1.4.10."))
    workaround = models.TextField(_("how to get round it"), blank=True)
    workaround_en = models.TextField(_("how to get round it (English)"), blank=True)
    found_on = models.DateField(_("found on"), default=timezone.localdate)
    fixed_on = models.DateField(_("fixed on"), null=True, blank=True,
                                help_text=_("A fixed problem is no longer listed in the statement."))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("known accessibility problem")
        verbose_name_plural = _("known accessibility problems")
        ordering = ["fixed_on", "criterion", "pk"]

    def __str__(self):
        return self.description[:80]

    @property
    def description_text(self) -> str:
        return in_reader_language(self.description, self.description_en)

    @property
    def workaround_text(self) -> str:
        return in_reader_language(self.workaround, self.workaround_en)


class AccessibilityFeedback(models.Model):
    """What someone reported through the statement's form; the administrators are told."""

    message = models.TextField(_("what did not work"))
    page = models.CharField(_("page"), max_length=500, blank=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("signed in as"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    handled = models.BooleanField(_("handled"), default=False)

    class Meta:
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")
        ordering = ["handled", "-created_at"]

    def __str__(self):
        return self.message[:80]
