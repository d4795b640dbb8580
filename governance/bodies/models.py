"""Bodies (the steering group, G7, the networks, working groups) and dated memberships."""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.people.models import Organisation


def parse_reminder_days(value: str) -> list[int]:
    """"7, 1" -> [7, 1] (largest first, no duplicates); raises ValueError on anything else."""
    days = {int(part) for part in (value or "").replace(";", ",").split(",") if part.strip()}
    if any(d < 0 or d > 90 for d in days):
        raise ValueError(value)
    return sorted(days, reverse=True)


def validate_reminder_days(value: str) -> None:
    try:
        parse_reminder_days(value)
    except ValueError:
        raise ValidationError(
            _("Give whole numbers of days between 0 and 90, separated by commas (e.g. 7,1).")
        ) from None


class BodyQuerySet(models.QuerySet):
    def of_kind(self, kind):
        return self.filter(kind=kind)


class Body(models.Model):
    """A group of people with a purpose: networks, the steering group, committees, G7, …"""

    class Kind(models.TextChoices):
        COMMUNICATORS_NETWORK = "communicators", _("Communicators' network")
        INFO_MANAGERS_NETWORK = "info_managers", _("Information managers' network")
        STEERING_GROUP = "steering_group", _("Steering group")
        NOMINATING_COMMITTEE = "nominating_committee", _("Nominating committee")
        DIRECTORS_GROUP = "directors_group", _("County directors' group")
        G7 = "g7", _("G7")
        WEB_MANAGEMENT_GROUP = "web_management_group", _("Web management group")
        WORKING_GROUP = "working_group", _("Working group")
        REFERENCE_GROUP = "reference_group", _("Reference group")

    # One body of these kinds per calendar year.
    YEARLY_KINDS = (Kind.STEERING_GROUP, Kind.NOMINATING_COMMITTEE, Kind.WEB_MANAGEMENT_GROUP)
    # One body of these kinds, ever.
    STANDING_KINDS = (
        Kind.COMMUNICATORS_NETWORK,
        Kind.INFO_MANAGERS_NETWORK,
        Kind.DIRECTORS_GROUP,
        Kind.G7,
    )

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reports to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subgroups",
    )
    mailing_list = models.CharField(_("mailing list"), max_length=200, blank=True)
    reminder_days = models.CharField(
        _("meeting reminders"),
        max_length=40,
        default="7,1",
        blank=True,
        validators=[validate_reminder_days],
        help_text=_("Days before each meeting when members are reminded, comma-separated (e.g. 7,1). "
                    "Leave blank for no reminders."),
    )

    objects = BodyQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["kind", "-year", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year"],
                condition=Q(kind__in=["steering_group", "nominating_committee", "web_management_group"]),
                name="body_one_per_kind_and_year",
            ),
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(kind__in=["communicators", "info_managers", "directors_group", "g7"]),
                name="body_standing_kind_unique",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=["steering_group", "nominating_committee", "web_management_group"])
                | Q(year__isnull=False),
                name="body_yearly_kind_has_year",
            ),
        ]

    def __str__(self):
        return f"{self.name} {self.year}" if self.year and str(self.year) not in self.name else self.name

    def get_absolute_url(self):
        return reverse("governance:body_detail", kwargs={"pk": self.pk})

    @property
    def reminder_offsets(self) -> list[int]:
        """The days before a meeting when its members are reminded, largest first."""
        try:
            return parse_reminder_days(self.reminder_days)
        except ValueError:
            return []

    @property
    def term_start(self) -> dt.date | None:
        return dt.date(self.year, 1, 1) if self.year else None

    @property
    def term_end(self) -> dt.date | None:
        return dt.date(self.year, 12, 31) if self.year else None


class MembershipQuerySet(models.QuerySet):
    def active_on(self, day: dt.date):
        return self.filter(Q(start__lte=day), Q(end__isnull=True) | Q(end__gte=day))

    def overlapping(self, start: dt.date, end: dt.date | None):
        """Memberships whose period shares at least one day with [start, end]."""
        qs = self.filter(Q(end__isnull=True) | Q(end__gte=start))
        return qs if end is None else qs.filter(start__lte=end)


class Membership(models.Model):
    """A person in a body, in a position, for a period (end inclusive; open-ended when blank)."""

    class Position(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice chair")
        SECRETARY = "secretary", _("Secretary")
        LEADER = "leader", _("Leader")
        MEMBER = "member", _("Member")
        REPRESENTATIVE = "representative", _("Representative")

    # Positions that may run a body's meetings and minutes.
    OFFICER_POSITIONS = (Position.CHAIR, Position.VICE_CHAIR, Position.SECRETARY, Position.LEADER)

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.PROTECT, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="memberships",
        blank=True,
        help_text=_("The organisation the person represents; defaults to the person's own."),
    )
    position = models.CharField(_("position"), max_length=20, choices=Position.choices, default=Position.MEMBER)
    role_description = models.CharField(_("represents"), max_length=200, blank=True)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["body", "position", "user__last_name", "user__first_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")), name="membership_end_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.body} ({self.get_position_display()})"

    def is_active_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or self.end >= day)

    def clean(self):
        if self.user_id and not self.organisation_id:
            self.organisation_id = self.user.organisation_id
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": _("The end date must not be before the start date.")})
        if not (self.body_id and self.start):
            return
        body = self.body
        if body.year and (self.start.year != body.year or (self.end and self.end.year != body.year)):
            raise ValidationError(
                _("A membership of %(body)s must lie within its term, the calendar year %(year)s.")
                % {"body": body.name, "year": body.year}
            )
        overlapping = Membership.objects.overlapping(self.start, self.end).exclude(pk=self.pk)
        if self.user_id and overlapping.filter(body=body, user_id=self.user_id).exists():
            raise ValidationError(_("%(person)s is already a member of %(body)s in this period.")
                                  % {"person": self.user, "body": body})
        if body.kind == Body.Kind.INFO_MANAGERS_NETWORK and self.organisation_id:
            other = overlapping.filter(body=body, organisation_id=self.organisation_id).exclude(
                user_id=self.user_id
            ).select_related("user").first()
            if other:
                raise ValidationError(
                    _(
                        "%(org)s already has an information manager in this period (%(person)s). "
                        "An organisation has one information manager at a time: end that "
                        "membership first."
                    )
                    % {"org": self.organisation, "person": other.user}
                )
