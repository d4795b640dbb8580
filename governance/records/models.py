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
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.texts import StoredText
from governance.workflow import Workflow


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


# --- Retention and culling (gallring) ----------------------------------------------------------------
class RetentionClass(models.Model):
    """How long a kind of record is kept: for ever, or culled after `years` under a named retention
    decision (gallringsbeslut) of the host agency or the National Archives."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
    years = models.PositiveSmallIntegerField(_("culled after (years)"), null=True, blank=True,
                                             help_text=_("Empty: kept for ever."))
    decision = models.CharField(_("retention decision"), max_length=250, blank=True,
                                help_text=_("The retention decision (gallringsbeslut) that allows the culling, "
                                            "e.g. its registration number and date."))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("retention class")
        verbose_name_plural = _("retention classes")
        ordering = ["years", "name"]
        constraints = [models.CheckConstraint(condition=Q(years__isnull=True) | Q(years__gte=1),
                                              name="records_retention_years_positive")]

    def __str__(self):
        from django.utils.translation import get_language

        return self.name_en if self.name_en and (get_language() or "sv").startswith("en") else self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.years and not self.decision.strip():
            raise ValidationError({"decision": _("Records are culled only under a retention decision: name it.")})


class RetentionRule(models.Model):
    """The retention schedule's row: which class a kind of record (governance.retention) is kept under."""

    kind = models.CharField(_("kind of record"), max_length=60, unique=True)
    retention_class = models.ForeignKey(RetentionClass, verbose_name=_("retention class"), on_delete=models.PROTECT,
                                        related_name="rules")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention schedule")
        ordering = ["kind"]

    def __str__(self):
        return f"{self.kind}: {self.retention_class}"


class Archivist(models.Model):
    """An archivist's appointment (arkivarie): approves the yearly culling list while it lasts."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.PROTECT,
                             related_name="archivist_appointments")
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("archivist")
        verbose_name_plural = _("archivists")
        ordering = ["-start", "pk"]
        constraints = [models.CheckConstraint(condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                                              name="records_archivist_end_after_start")]

    def __str__(self):
        return f"{self.user} ({self.start:%Y-%m-%d}–{self.end or ''})"


class CullingList(models.Model):
    """The year's culling list: drafted by the yearly task, approved by an archivist, then carried
    out. Its rows stay as the log of what was culled, under which class and decision."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft, awaiting the archivist")
        CULLED = "culled", _("Approved and carried out")

    WORKFLOW = Workflow({Status.DRAFT: (Status.CULLED,)})

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    drafted_at = models.DateTimeField(_("drafted"), default=timezone.now)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("approved by"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    note = models.TextField(_("the archivist's note"), blank=True, max_length=4000)
    version = models.PositiveIntegerField(_("version"), default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("culling list")
        verbose_name_plural = _("culling lists")
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)

    def get_absolute_url(self):
        return reverse("governance:culling_list", kwargs={"year": self.year})


class CullingItem(models.Model):
    """One record on a culling list, described as it was when the list was drafted."""

    class Outcome(models.TextChoices):
        PROPOSED = "proposed", _("Proposed for culling")
        CULLED = "culled", _("Culled")
        KEPT = "kept", _("Kept by the archivist")
        GONE = "gone", _("Already removed")
        HELD = "held", _("Kept: other records refer to it")

    culling_list = models.ForeignKey(CullingList, verbose_name=_("culling list"), on_delete=models.PROTECT,
                                     related_name="items")
    kind = models.CharField(_("kind of record"), max_length=60)
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    target_id = models.PositiveBigIntegerField()
    description = models.CharField(_("record"), max_length=300)
    record_date = models.DateField(_("record's date"))
    retention_class = models.CharField(_("retention class"), max_length=120)
    decision = models.CharField(_("retention decision"), max_length=250)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.PROPOSED)
    keep_reason = models.CharField(_("why it is kept"), max_length=300, blank=True)
    culled_at = models.DateTimeField(_("culled"), null=True, blank=True)

    class Meta:
        verbose_name = _("culling list row")
        verbose_name_plural = _("culling list rows")
        ordering = ["culling_list", "kind", "record_date", "pk"]
        constraints = [models.UniqueConstraint(fields=["culling_list", "target_type", "target_id"],
                                               name="records_culling_item_once")]

    def __str__(self):
        return self.description
