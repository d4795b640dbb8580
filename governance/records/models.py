"""The decision register (beslutsregister): every decision the portal records is one entry with a
registration number (diarienummer) from a series per year, the deciding body and who took part,
the decision, its grounds and any dissent, and a link to what it decided. Entries are never
edited: a correction is a new decision that references the one it corrects."""
from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.texts import StoredText


class Decision(models.Model):
    class Kind(models.TextChoices):
        ELECTION = "election", _("Election of the steering group")
        PLAN = "plan", _("Operating plan")
        FEE = "fee", _("Annual fee")
        FUNDING = "funding", _("Development funds")
        WEB = "web", _("Web management")
        MINUTES = "minutes", _("Decision in minutes")

    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("number in the year's series"), null=True, blank=True, editable=False)
    number = models.CharField(_("registration number"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    decided_on = models.DateField(_("decided on"))
    body = models.ForeignKey("governance.Body", verbose_name=_("decided by"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="decisions")
    participants = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("taking part"), blank=True,
                                          related_name="decisions_taken")
    presenter = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("presented by"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="decisions_presented")
    # The decision as a stored text (governance.texts): written in the reader's language.
    text = models.TextField(_("decision"))
    text_message = models.JSONField(_("decision (message)"), null=True, blank=True, editable=False)
    grounds = models.TextField(_("grounds"), blank=True)
    dissent = models.TextField(_("dissent (reservation)"), blank=True)
    dissenting = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("dissenting"), blank=True,
                                        related_name="decisions_dissented")
    target_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT)
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    corrects = models.OneToOneField("self", verbose_name=_("corrects"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="corrected_by")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    text_text = StoredText("text")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-year", "-sequence", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], condition=Q(sequence__isnull=False),
                                    name="records_decision_sequence_unique"),
            models.UniqueConstraint(fields=["target_type", "target_id"], condition=Q(target_id__isnull=False),
                                    name="records_one_entry_per_decided_object"),
        ]
        indexes = [models.Index(fields=["year", "kind"], name="records_decision_year_kind")]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("governance:decision_detail", kwargs={"pk": self.pk})


class DecisionSeries(models.Model):
    """The last number given in a year's series; its row is locked while the next is given, so two
    decisions registered at once never get the same number."""

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    last = models.PositiveIntegerField(_("last number given"), default=0)

    class Meta:
        verbose_name = _("decision number series")
        verbose_name_plural = _("decision number series")

    def __str__(self):
        return f"{self.year}: {self.last}"
