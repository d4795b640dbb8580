"""The autumn meeting's election of next year's steering group and chair."""
from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.bodies.models import Body
from governance.people.models import Organisation
from governance.workflow import Workflow

__all__ = [
    "Ballot",
    "Election",
    "ElectionDecision",
]


STEERING_GROUP_SIZE = 6


class Election(models.Model):
    """The election, at the autumn meeting, of the steering group for the term `year` (a calendar
    year). The nominating committee of the year before enters its proposal; the meeting adopts it,
    amends it, or holds a ballot among the information managers."""

    class Status(models.TextChoices):
        OPEN = "open", _("Nomination")
        BALLOT = "ballot", _("Ballot open")
        BALLOT_CLOSED = "ballot_closed", _("Ballot closed")
        DECIDED = "decided", _("Decided")

    # The meeting decides on the nominating committee's proposal (adopted or amended), or calls a
    # ballot and decides by its tally once it is closed.
    WORKFLOW = Workflow({
        Status.OPEN: (Status.BALLOT, Status.DECIDED),
        Status.BALLOT: (Status.BALLOT_CLOSED,),
        Status.BALLOT_CLOSED: (Status.DECIDED,),
    })

    year = models.PositiveSmallIntegerField(_("term year"), unique=True)
    meeting_date = models.DateField(_("autumn meeting"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    nominees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed members"), blank=True, related_name="+"
    )
    nominated_chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed chair"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    nomination_entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposal entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    nomination_entered_at = models.DateTimeField(_("proposal entered"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("election")
        verbose_name_plural = _("elections")
        ordering = ["-year"]

    def __str__(self):
        return str(_("Election of the steering group %(year)s") % {"year": self.year})

    def get_absolute_url(self):
        return reverse("governance:election_detail", kwargs={"year": self.year})

    @property
    def has_nomination(self) -> bool:
        return self.nominated_chair_id is not None


class Ballot(models.Model):
    """One organisation's ballot: up to six candidates and one for chair. The organisation's
    information manager may change it until the ballot closes."""

    election = models.ForeignKey(Election, verbose_name=_("election"), on_delete=models.CASCADE, related_name="ballots")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="ballots"
    )
    candidates = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("candidates"), related_name="+")
    chair_vote = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("vote for chair"), on_delete=models.PROTECT, related_name="+"
    )
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("cast by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    mandate = models.ForeignKey(
        "governance.Delegation", verbose_name=_("cast on the mandate"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
        help_text=_("Set when a deputy cast the ballot: the delegation it was cast on."),
    )
    updated_at = models.DateTimeField(_("cast"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["election", "organisation__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["election", "organisation"], name="ballot_one_per_organisation"),
        ]

    def __str__(self):
        return f"{self.election} – {self.organisation}"


class ElectionDecision(models.Model):
    """What the autumn meeting decided. Recording it creates the steering group of the term year
    (six memberships, one of them chair) and the nominating committee of the term year."""

    class Method(models.TextChoices):
        ADOPTED = "adopted", _("The nominating committee's proposal was adopted")
        AMENDED = "amended", _("The meeting amended the proposal")
        BALLOT = "ballot", _("By ballot")

    election = models.OneToOneField(
        Election, verbose_name=_("election"), on_delete=models.PROTECT, related_name="decision"
    )
    method = models.CharField(_("how it was decided"), max_length=10, choices=Method.choices)
    decided_on = models.DateField(_("decided on"))
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("members"), related_name="+")
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("chair"), on_delete=models.PROTECT, related_name="+"
    )
    steering_group = models.ForeignKey(
        Body, verbose_name=_("steering group"), on_delete=models.PROTECT, related_name="+"
    )
    nominating_committee = models.ForeignKey(
        Body, verbose_name=_("nominating committee"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    notes = models.TextField(_("the meeting's notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("election decision")
        verbose_name_plural = _("election decisions")
        ordering = ["-election__year"]

    def __str__(self):
        return str(_("Decision: steering group %(year)s") % {"year": self.election.year})

    def get_absolute_url(self):
        return reverse("governance:election_decision", kwargs={"year": self.election.year})

    def clean(self):
        if self.election_id and self.decided_on and self.decided_on.year + 1 != self.election.year:
            raise ValidationError(
                {
                    "decided_on": _(
                        "The term is the calendar year after the decision: a decision made in %(year)s "
                        "elects the steering group for %(next)s, not %(term)s."
                    )
                    % {"year": self.decided_on.year, "next": self.decided_on.year + 1, "term": self.election.year}
                }
            )
