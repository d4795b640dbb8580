"""Deputies (ersättare): an information manager's dated grant on the organisation to a colleague."""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from .core import Organisation


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
