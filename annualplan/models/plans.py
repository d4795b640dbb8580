"""The operating plan: areas, the plan, its goals and activities, resource assignments, the
consultation, votes and decisions, versions and the quarterly follow-up."""
from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from governance.money import compensation_for
from governance.texts import StoredText
from governance.workflow import Workflow

MONEY = {"max_digits": 14, "decimal_places": 2}


class Area(models.Model):
    """An area of the coordination (web management, crisis communication, …). Data, edited in
    the admin; the seven areas of the governance text are seeded by a data migration."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Plan(models.Model):
    """The operating plan and budget of one year."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CONSULTATION = "consultation", _("In consultation")
        REVISED = "revised", _("Revised")
        ADOPTED = "adopted", _("Adopted")
        FEE_DECIDED = "fee_decided", _("Fee decided")
        FOLLOW_UP = "follow_up", _("In follow-up")
        CLOSED = "closed", _("Closed")

    WORKFLOW = Workflow({
        Status.DRAFT: (Status.CONSULTATION,),
        Status.CONSULTATION: (Status.REVISED,),
        Status.REVISED: (Status.ADOPTED,),
        Status.ADOPTED: (Status.FEE_DECIDED,),
        Status.FEE_DECIDED: (Status.FOLLOW_UP,),
        Status.FOLLOW_UP: (Status.CLOSED,),
    })

    # The states in which the steering group may still change the plan's content.
    EDITABLE = (Status.DRAFT, Status.REVISED)

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    consultation_deadline = models.DateField(_("consultation deadline"), null=True, blank=True)
    consultation_opened_at = models.DateTimeField(_("consultation opened"), null=True, blank=True)
    adopted_at = models.DateTimeField(_("adopted"), null=True, blank=True)
    fee_decided_at = models.DateTimeField(_("fee decided"), null=True, blank=True)
    vote_round = models.PositiveSmallIntegerField(_("vote round"), default=1)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("operating plan")
        verbose_name_plural = _("operating plans")
        ordering = ["-year"]

    def __str__(self):
        return self.title or str(self.year)

    def get_absolute_url(self):
        return reverse("annualplan:plan_detail", kwargs={"year": self.year})

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE


class PlanGoal(models.Model):
    """A goal of the shared plan; the organisations' action plans link to these."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("goal"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan goal")
        verbose_name_plural = _("plan goals")
        ordering = ["plan", "sort_order", "pk"]

    def __str__(self):
        return self.title


class Activity(models.Model):
    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="activities")
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="activities")
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    goal = models.TextField(_("goal"), blank=True)
    responsible_organisation = models.ForeignKey(
        "governance.Organisation", verbose_name=_("responsible organisation"), on_delete=models.PROTECT,
        related_name="plan_activities",
    )
    responsible_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("responsible person"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="plan_activities",
    )
    budget = models.DecimalField(_("budget (SEK)"), **MONEY, default=Decimal("0"),
                                 validators=[MinValueValidator(Decimal("0"))])
    proposals = models.ManyToManyField(
        "governance.Proposal", verbose_name=_("from proposals"), blank=True, related_name="plan_activities",
        limit_choices_to={"status": "forwarded"},
        help_text=_("The forwarded proposals this activity came from."),
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    version = models.PositiveIntegerField(_("version"), default=1)

    history = HistoricalRecords(m2m_fields=[proposals])

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["plan", "area__sort_order", "sort_order", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("annualplan:activity_detail", kwargs={"pk": self.pk})


class ResourceAssignment(models.Model):
    """A person of an organisation working on an activity for a share of full time. The
    organisation is paid the salary cost × share × (1 + social fee rate) from the shared budget."""

    activity = models.ForeignKey(Activity, verbose_name=_("activity"), on_delete=models.CASCADE,
                                 related_name="assignments")
    organisation = models.ForeignKey("governance.Organisation", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="plan_assignments")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.PROTECT,
                               null=True, blank=True, related_name="plan_assignments")
    role = models.CharField(_("role"), max_length=200, blank=True)
    share = models.DecimalField(
        _("share of full time"), max_digits=4, decimal_places=3,
        validators=[MinValueValidator(Decimal("0.001")), MaxValueValidator(Decimal("1"))],
        help_text=_("0.5 is half time."),
    )
    salary_cost = models.DecimalField(_("annual salary cost (SEK)"), **MONEY,
                                      validators=[MinValueValidator(Decimal("0"))])
    social_fee_rate = models.DecimalField(
        _("social fee rate"), max_digits=5, decimal_places=4, default=Decimal("0.3142"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_("0.3142 is 31.42 %."),
    )
    compensation = models.DecimalField(_("compensation (SEK)"), **MONEY, editable=False, default=Decimal("0"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("resource assignment")
        verbose_name_plural = _("resource assignments")
        ordering = ["activity", "organisation__sort_order", "pk"]

    def __str__(self):
        return f"{self.organisation} – {self.activity}"

    def save(self, *args, **kwargs):
        if self.salary_cost is not None and self.share is not None and self.social_fee_rate is not None:
            self.compensation = self.compute_compensation()
        super().save(*args, **kwargs)

    def compute_compensation(self) -> Decimal:
        return compensation_for(self.salary_cost, self.share, self.social_fee_rate)


class ConsultationAnswer(models.Model):
    """An organisation's answer to the consultation (remissvar), given by its information manager."""

    class Position(models.TextChoices):
        ENDORSE = "endorse", _("Endorse")
        ENDORSE_WITH_COMMENTS = "endorse_comments", _("Endorse with comments")
        OBJECT = "object", pgettext_lazy("consultation answer", "Object")

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="answers")
    organisation = models.ForeignKey("governance.Organisation", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="plan_answers")
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("answered by"),
                                    on_delete=models.PROTECT, related_name="plan_answers")
    position = models.CharField(pgettext_lazy("consultation answer", "position"), max_length=20, choices=Position.choices)
    comments = models.TextField(_("comments"), blank=True)
    answered_at = models.DateTimeField(_("answered"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("consultation answer")
        verbose_name_plural = _("consultation answers")
        ordering = ["plan", "organisation__sort_order"]
        constraints = [models.UniqueConstraint(fields=["plan", "organisation"], name="answer_one_per_organisation")]

    def __str__(self):
        return f"{self.organisation}: {self.get_position_display()}"

    def clean(self):
        if self.position in (self.Position.ENDORSE_WITH_COMMENTS, self.Position.OBJECT) and not self.comments.strip():
            raise ValidationError({"comments": _("Write your comments: this answer needs them.")})


class PlanVote(models.Model):
    """A sitting steering group member's vote on adopting the plan, in one vote round."""

    class Choice(models.TextChoices):
        APPROVE = "approve", _("Approve")
        REJECT = "reject", _("Reject")

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="votes")
    round = models.PositiveSmallIntegerField(_("vote round"), default=1)
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("member"), on_delete=models.PROTECT,
                              related_name="plan_votes")
    is_chair = models.BooleanField(_("chair"), default=False)
    choice = models.CharField(_("vote"), max_length=10, choices=Choice.choices)
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    voted_at = models.DateTimeField(_("recorded"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["plan", "round", "voted_at"]
        constraints = [models.UniqueConstraint(fields=["plan", "round", "voter"], name="vote_one_per_member_round")]

    def __str__(self):
        return f"{self.voter}: {self.get_choice_display()}"


class PlanDecision(models.Model):
    """The steering group's decision on a vote round, with the names and the time."""

    class Outcome(models.TextChoices):
        ADOPTED = "adopted", _("Adopted")
        REJECTED = "rejected", _("Rejected")

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="decisions")
    round = models.PositiveSmallIntegerField(_("vote round"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    approved_by = models.TextField(_("approved by"), blank=True)
    rejected_by = models.TextField(_("rejected by"), blank=True)
    chair_decided = models.BooleanField(_("decided by the chair's vote"), default=False)
    decided_at = models.DateTimeField(_("decided"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan decision")
        verbose_name_plural = _("plan decisions")
        ordering = ["plan", "round"]
        constraints = [models.UniqueConstraint(fields=["plan", "round"], name="decision_one_per_round")]

    def __str__(self):
        return f"{self.plan}: {self.get_outcome_display()}"


class PlanVersion(models.Model):
    """A snapshot of the plan (text and numbers), taken at every step of the workflow, so each
    version can be compared with the one before."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("number"))
    # The occasion as a stored text (governance.texts), shown by label_text in the reader's language;
    # `label` keeps it in the default language (and is what versions saved before show).
    label = models.CharField(_("occasion"), max_length=200)
    label_message = models.JSONField(_("occasion (message)"), null=True, blank=True, editable=False)
    snapshot = models.JSONField(_("content"))
    created_at = models.DateTimeField(_("created"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number_unique")]

    label_text = StoredText("label")

    def __str__(self):
        return f"{self.plan} v{self.number}"


class Light(models.TextChoices):
    """The traffic light of a quarterly follow-up (an activity's, a measure's): shown with its word
    and a shape, never by its colour alone."""

    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")


# The lights that need a short analysis of what went wrong and what is being done.
NEEDS_ANALYSIS = (Light.AT_RISK, Light.OFF_TRACK)


def light_fields() -> tuple[models.CharField, models.CharField]:
    """The light and its analysis, as each follow-up model declares them."""
    return (
        models.CharField(_("traffic light"), max_length=10, choices=Light.choices, default=Light.ON_TRACK),
        models.CharField(_("analysis"), max_length=1000, blank=True,
                         help_text=_("Required at risk or off track: what has happened and what is being done.")),
    )


def check_analysis(follow_up) -> None:
    """A follow-up at risk or off track says why (model clean(): the form and the service alike)."""
    if follow_up.light in NEEDS_ANALYSIS and not (follow_up.analysis or "").strip():
        raise ValidationError({"analysis": _("Write a short analysis: a follow-up at risk or off track needs one.")})


class FollowUp(models.Model):
    """An activity's quarterly follow-up: status, comment, spent to date and forecast for the year,
    and its traffic light with an analysis. The activity's current light is its latest quarter's."""

    Light = Light

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        ONGOING = "ongoing", _("Ongoing")
        DONE = "done", _("Done")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    activity = models.ForeignKey(Activity, verbose_name=_("activity"), on_delete=models.CASCADE,
                                 related_name="follow_ups")
    quarter = models.PositiveSmallIntegerField(_("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    comment = models.TextField(_("comment"), blank=True)
    spent_to_date = models.DecimalField(_("spent to date (SEK)"), **MONEY, default=Decimal("0"),
                                        validators=[MinValueValidator(Decimal("0"))])
    forecast = models.DecimalField(_("forecast for the year (SEK)"), **MONEY, default=Decimal("0"),
                                   validators=[MinValueValidator(Decimal("0"))])
    light, analysis = light_fields()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                    on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"))
    version = models.PositiveIntegerField(_("version"), default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["activity", "quarter"]
        constraints = [models.UniqueConstraint(fields=["activity", "quarter"], name="follow_up_one_per_quarter")]

    def __str__(self):
        return f"{self.activity} Q{self.quarter}"

    def clean(self):
        check_analysis(self)
