"""The communicators' network: join requests to the mailing list, the annual conference, and the
communicators' proposals for joint communication initiatives."""
from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.people.models import Organisation
from governance.workflow import Workflow

__all__ = ["Conference", "ConferenceRegistration", "JoinRequest", "Proposal"]


class JoinRequest(models.Model):
    """A communicator asks to join the communicators' network (the LST-DL-Informatörer list);
    their organisation's information manager approves or declines."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    WORKFLOW = Workflow({Status.PENDING: (Status.APPROVED, Status.DECLINED)})

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="join_requests"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="join_requests"
    )
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    reason = models.TextField(_("reason for declining"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    membership = models.ForeignKey(
        "governance.Membership",
        verbose_name=_("membership"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(status="pending"), name="joinrequest_one_pending_per_user"
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_status_display()})"

    def clean(self):
        if self.status == self.Status.DECLINED and not self.reason.strip():
            raise ValidationError({"reason": _("Give a reason for declining the request.")})


class Conference(models.Model):
    """The annual communicators' conference. Each organisation decides whom it sends."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    registration_deadline = models.DateField(
        _("registration deadline"), help_text=_("The last day on which organisations may register participants.")
    )
    cap_per_organisation = models.PositiveSmallIntegerField(
        _("places per organisation"), null=True, blank=True, help_text=_("Leave blank for no limit.")
    )
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("communicators' conference")
        verbose_name_plural = _("communicators' conferences")
        ordering = ["-year"]

    def __str__(self):
        return f"{self.title} {self.year}" if str(self.year) not in self.title else self.title

    def get_absolute_url(self):
        return reverse("governance:conference_detail", kwargs={"pk": self.pk})

    def clean(self):
        if self.date and self.registration_deadline and self.registration_deadline > self.date:
            raise ValidationError(
                {"registration_deadline": _("The registration deadline must not be after the conference.")}
            )

    def registration_open(self, day) -> bool:
        return day <= self.registration_deadline


class ConferenceRegistration(models.Model):
    """One participant an organisation sends to a conference."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="registrations"
    )
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="conference_registrations",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="conference_registrations"
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("conference registration")
        verbose_name_plural = _("conference registrations")
        ordering = ["conference", "organisation__sort_order", "participant__last_name", "participant__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "participant"], name="conference_registration_unique"),
        ]

    def __str__(self):
        return f"{self.participant} – {self.conference}"


class Proposal(models.Model):
    """A communicator's proposal for a joint communication initiative. Their information manager
    forwards it to the steering group (input to next year's operating plan) or returns it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        FORWARDED = "forwarded", _("Forwarded")
        RETURNED = "returned", _("Returned")

    WORKFLOW = Workflow({
        Status.DRAFT: (Status.SUBMITTED,),
        Status.RETURNED: (Status.SUBMITTED,),
        Status.SUBMITTED: (Status.FORWARDED, Status.RETURNED),
    })

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    expected_benefit = models.TextField(_("expected benefit"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="proposals"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="proposals"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    handler_comment = models.TextField(_("information manager's comment"), blank=True)
    return_reason = models.TextField(_("reason for returning"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("governance:proposal_detail", kwargs={"pk": self.pk})

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    def clean(self):
        if self.status == self.Status.RETURNED and not self.return_reason.strip():
            raise ValidationError({"return_reason": _("Give a reason for returning the proposal.")})
