"""Organisations, people, and the deputies an information manager names."""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase
from simple_history.models import HistoricalRecords


class Organisation(models.Model):
    """One of the 22 fee payers (21 county boards and Vattenmyndigheterna), or the IT unit."""

    class Kind(models.TextChoices):
        COUNTY_BOARD = "county_board", _("County administrative board")
        WATER_AUTHORITY = "water_authority", _("Water authority")
        IT_UNIT = "it_unit", _("IT unit")

    code = models.CharField(_("code"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    pays_fee = models.BooleanField(_("pays the annual fee"), default=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("run by"), null=True, blank=True, on_delete=models.PROTECT, related_name="units"
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    email = models.EmailField(_("e-mail"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["sort_order", "code"]
        permissions = [
            ("manage_organisation", _("Act as the organisation's information manager")),
            # The rights an information manager may hand to a deputy (Delegation).
            ("answer_consultation", _("Answer the plan consultation for the organisation")),
            ("cast_ballot", _("Cast the organisation's ballot in the election")),
            ("register_conference", _("Register the organisation's participants for the conference")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="it_unit") | Q(pays_fee=False), name="organisation_it_unit_pays_no_fee"
            ),
        ]

    def __str__(self):
        return self.name


class PortalUserManager(UserManager):
    def get_queryset(self):
        return super().get_queryset().select_related("organisation")


class User(AbstractUser):
    """A person in the coordination. Every user belongs to an organisation."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="people"
    )
    title = models.CharField(_("job title"), max_length=200, blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    has_it_competence = models.BooleanField(
        _("IT competence"), default=False, help_text=_("Counts towards the web management group's IT rule.")
    )
    calendar_token = models.CharField(_("calendar token"), max_length=64, blank=True, db_index=True)

    objects = PortalUserManager()

    REQUIRED_FIELDS = ["email", "organisation"]

    history = HistoricalRecords(excluded_fields=["password", "last_login", "calendar_token"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self):
        return self.get_full_name() or self.username


# --- Delegation: a deputy (ersättare) named for a period -----------------------------------------
class DelegationQuerySet(models.QuerySet):
    def active_on(self, day: dt.date):
        return self.filter(revoked_at__isnull=True, start__lte=day, end__gte=day)


class Delegation(UserObjectPermissionBase):
    """A deliberate grant on one organisation: its information manager names a deputy (`user`) to
    exercise one of the organisation's rights (`permission`: answer the plan consultation, cast the
    ballot, register for the conference) from `start` to `end` inclusive. It ends by itself on its
    end date (rights are computed from the dates, governance/authority.py) or earlier when revoked.
    django-guardian's direct foreign-key permission model, with the period and who granted it, why.
    """

    SCOPES = ("answer_consultation", "cast_ballot", "register_conference")
    SCOPE_LABELS = {
        "answer_consultation": _("Answer the plan consultation"),
        "cast_ballot": _("Cast the ballot in the election"),
        "register_conference": _("Register participants for the conference"),
    }

    content_object = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="delegations"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("granted by"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("revoked by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )

    objects = DelegationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["-start", "pk"]
        unique_together = ()
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="delegation_end_after_start"),
        ]
        indexes = [models.Index(fields=["user", "end"], name="delegation_deputy_end")]

    def __str__(self):
        return f"{self.user} – {self.scope_label} ({self.content_object}, {self.start}–{self.end})"

    @property
    def organisation(self) -> Organisation:
        return self.content_object

    @property
    def scope_label(self) -> str:
        """What the deputy may do, in the reader's language (the Permission row's name is not)."""
        return str(self.SCOPE_LABELS.get(self.permission.codename, self.permission.name))

    @property
    def deputy(self):
        return self.user

    def is_active_on(self, day: dt.date) -> bool:
        return self.revoked_at is None and self.start <= day <= self.end


# --- Signing in with the agency account (OpenID Connect) ------------------------------------------
class OrganisationClaimMapping(models.Model):
    """Which organisation a person signing in with the agency account belongs to: the value of the
    provider's organisation claim (settings.OIDC_CLAIM_ORGANISATION) mapped to one of the 22
    organisations. Edited by administrators; a value that is not here is refused (no account)."""

    claim_value = models.CharField(
        _("claim value"), max_length=200,
        help_text=_("The value exactly as the agency's sign-in service sends it (letter case aside)."),
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="claim_mappings",
        limit_choices_to={"kind__in": [Organisation.Kind.COUNTY_BOARD, Organisation.Kind.WATER_AUTHORITY]},
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation claim mapping")
        verbose_name_plural = _("organisation claim mappings")
        ordering = ["organisation__sort_order", "claim_value"]
        constraints = [
            models.UniqueConstraint(models.functions.Lower("claim_value"), name="claim_mapping_value_unique"),
        ]

    def __str__(self):
        return f"{self.claim_value} → {self.organisation}"


class ExternalIdentity(models.Model):
    """A person's account at an OpenID provider (its issuer and subject, `sub`), linked at their
    first sign-in: later sign-ins find the person by it, whatever their e-mail has become."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="external_identities"
    )
    issuer = models.CharField(_("sign-in service"), max_length=300, help_text=_("The provider's issuer URL."))
    subject = models.CharField(_("account identifier"), max_length=255,
                               help_text=_("The provider's identifier of the person (the sub claim)."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agency account")
        verbose_name_plural = _("agency accounts")
        ordering = ["issuer", "subject"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="external_identity_unique"),
        ]

    def __str__(self):
        return f"{self.user} ({self.subject})"
