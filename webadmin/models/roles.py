"""The web cooperation, the role catalogue and its assignments, the steering group's decisions, working and reference groups."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.bodies.models import Body
from governance.people.models import Organisation
from governance.texts import StoredText


class WebCooperation(models.Model):
    """The web cooperation itself: one row (data migration). It carries the object permissions
    the roles imply (lead the web work, triage requests, edit the handbook, decide for the
    steering group), derived by webadmin.permissions.sync."""

    name = models.CharField(_("name"), max_length=200, default="Webbsamverkan")
    helpdesk = models.TextField(
        _("first-line support"), blank=True,
        help_text=_("How the Helpdesk is reached; it takes the questions and forwards them."),
    )

    class Meta:
        verbose_name = _("web cooperation")
        verbose_name_plural = _("web cooperation")

    def __str__(self):
        return self.name

    @classmethod
    def get(cls) -> WebCooperation:
        obj = cls.objects.order_by("pk").first()
        if obj is None:
            obj = cls.objects.create()
        return obj


# --- Roles ------------------------------------------------------------------------------------------
class Role(models.Model):
    """One of the seven roles of the web management (seeded by a data migration)."""

    class Code(models.TextChoices):
        WEB_LEAD = "web_lead", _("Web development lead")
        EDITORIAL_MANAGER = "editorial_manager", _("Editorial manager")
        FEATURE_OWNER = "feature_owner", _("Feature owner")
        SUPPORT_OWNER = "support_owner", _("Support owner")
        STRUCTURE_OWNER = "structure_owner", _("Structure owner")
        PROCESS_OWNER = "process_owner", _("Process owner")
        SYSTEM_ADMINISTRATOR = "system_administrator", _("Technical system administrator")

    # Roles held by one person at a time, assigned by the steering group.
    PERSONAL = (
        Code.WEB_LEAD, Code.EDITORIAL_MANAGER, Code.FEATURE_OWNER, Code.SUPPORT_OWNER, Code.STRUCTURE_OWNER,
    )

    code = models.CharField(_("code"), max_length=30, choices=Code.choices, unique=True)
    duties = models.TextField(_("duties"))
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["sort_order", "code"]

    def __str__(self):
        return str(self.get_code_display())

    @property
    def name(self) -> str:
        return str(self.get_code_display())

    @property
    def is_derived(self) -> bool:
        """The process owner follows the steering group's chair: never assigned by hand."""
        return self.code == self.Code.PROCESS_OWNER


class RoleAssignmentQuerySet(models.QuerySet):
    def active_on(self, day: dt.date):
        return self.filter(Q(start__lte=day), Q(end__isnull=True) | Q(end__gte=day))

    def overlapping(self, start: dt.date, end: dt.date | None):
        qs = self.filter(Q(end__isnull=True) | Q(end__gte=start))
        return qs if end is None else qs.filter(start__lte=end)


class RoleAssignment(models.Model):
    """A person in a role for a period, with a size (share of full time) and the person's salary
    cost: the operating plan pays the holder's organisation for it (annualplan's staff
    compensation, see webadmin.selectors.role_costs). For the technical system
    administrator the assignments are its contact persons (IT unit or Västra Götaland)."""

    role = models.ForeignKey(Role, verbose_name=_("role"), on_delete=models.PROTECT, related_name="assignments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.PROTECT, related_name="web_roles"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="web_roles", blank=True
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)
    share = models.DecimalField(
        _("share of full time"), max_digits=4, decimal_places=2, default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0.00")), MaxValueValidator(Decimal("1.00"))],
        help_text=_("The assignment's size set by the year's plan, e.g. 0.50 for half time."),
    )
    salary_cost = models.DecimalField(
        _("annual salary cost at full time (SEK)"), max_digits=14, decimal_places=2, default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("The person's salary cost for a whole year at full time, without social fees. The "
                    "operating plan pays the organisation this × the share × the part of the year the "
                    "assignment covers × (1 + the social fee rate)."),
    )
    social_fee_rate = models.DecimalField(
        _("social fee rate"), max_digits=5, decimal_places=4, default=Decimal("0.3142"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_("0.3142 is 31.42 %."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = RoleAssignmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["role__sort_order", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")), name="webadmin_role_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(share__gte=0) & Q(share__lte=1), name="webadmin_role_share_between_0_and_1"
            ),
            models.CheckConstraint(condition=Q(salary_cost__gte=0), name="webadmin_role_salary_not_negative"),
            models.CheckConstraint(
                condition=Q(social_fee_rate__gte=0) & Q(social_fee_rate__lte=1),
                name="webadmin_role_social_fee_rate_between_0_and_1",
            ),
        ]

    def __str__(self):
        return f"{self.role}: {self.user}"

    def clean(self):
        if self.user_id and not self.organisation_id:
            self.organisation_id = self.user.organisation_id
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": _("The end date must not be before the start date.")})
        if not (self.role_id and self.start):
            return
        role = self.role
        if role.is_derived:
            raise ValidationError(
                _("The process owner is not assigned: it is the organisation whose information manager "
                  "chairs the steering group, and it follows the chair.")
            )
        if role.code == Role.Code.SYSTEM_ADMINISTRATOR and self.organisation_id:
            org = self.organisation
            if not (org.kind == Organisation.Kind.IT_UNIT or org.code == "O"):
                raise ValidationError(
                    _("A contact person of the technical system administrator must come from the IT unit "
                      "or Länsstyrelsen i Västra Götaland.")
                )
        if self.user_id and RoleAssignment.objects.overlapping(self.start, self.end).filter(
            role=role, user_id=self.user_id
        ).exclude(pk=self.pk).exists():
            raise ValidationError(_("%(person)s already holds %(role)s in this period.")
                                  % {"person": self.user, "role": role})
        if role.code in Role.PERSONAL:
            other = (
                RoleAssignment.objects.overlapping(self.start, self.end).filter(role=role).exclude(pk=self.pk)
                .select_related("user").first()
            )
            if other:
                raise ValidationError(
                    _("%(role)s is already held by %(person)s in this period. A role is held by one person "
                      "at a time: end that assignment first.") % {"role": role, "person": other.user}
                )

    def is_active_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or self.end >= day)


class SteeringDecision(models.Model):
    """A decision of the steering group on web management (who recorded it, when it was taken)."""

    class Kind(models.TextChoices):
        APPOINT_WEB_LEAD = "appoint_web_lead", _("Appointment of the web development lead")
        ASSIGN_ROLE = "assign_role", _("Assignment of a web management role")
        GROUP_COMPOSITION = "group_composition", _("Composition of the web management group")
        POLICY = "policy", _("Adoption of a policy or guideline")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    steering_group = models.ForeignKey(
        Body, verbose_name=_("steering group"), on_delete=models.PROTECT, related_name="web_decisions",
        null=True, blank=True,
    )
    decided_on = models.DateField(_("decided on"))
    # The decision as a stored text (governance.texts), shown by summary_text in the reader's
    # language; `summary` keeps it in the default language (and is what decisions made before show).
    summary = models.TextField(_("decision"))
    summary_message = models.JSONField(_("decision (message)"), null=True, blank=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT,
        related_name="+", null=True, blank=True,
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    assignment = models.ForeignKey(
        RoleAssignment, verbose_name=_("role assignment"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="decisions",
    )
    body = models.ForeignKey(
        Body, verbose_name=_("group"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("steering group decision")
        verbose_name_plural = _("steering group decisions")
        ordering = ["-decided_on", "-pk"]

    summary_text = StoredText("summary")

    def __str__(self):
        return f"{self.decided_on:%Y-%m-%d} {self.get_kind_display()}"


# --- Working and reference groups -------------------------------------------------------------------
class WorkingGroup(models.Model):
    """A working or reference group set up by the web management group (a governance Body of
    kind working_group/reference_group whose parent is the web management group)."""

    body = models.OneToOneField(Body, verbose_name=_("group"), on_delete=models.CASCADE, related_name="web_group")
    purpose = models.TextField(_("purpose"))
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("working or reference group")
        verbose_name_plural = _("working and reference groups")
        ordering = ["-start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")), name="webadmin_group_end_after_start"
            ),
        ]

    def __str__(self):
        return self.body.name

    def get_absolute_url(self):
        return reverse("webadmin:group_detail", kwargs={"pk": self.pk})


class StatusReport(models.Model):
    """A short status report from a group's leader to the web development lead."""

    group = models.ForeignKey(WorkingGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="reports")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("status"), max_length=4000)
    created_at = models.DateTimeField(_("filed"), auto_now_add=True)

    class Meta:
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.group} {self.created_at:%Y-%m-%d}"
