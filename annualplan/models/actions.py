"""Actions from the minutes (governance's ActionItem) linked to the plan activity they carry out."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .plans import Activity


class ActivityAction(models.Model):
    activity = models.ForeignKey(Activity, verbose_name=_("activity"), on_delete=models.CASCADE,
                                 related_name="action_links")
    action_item = models.ForeignKey("governance.ActionItem", verbose_name=_("action"), on_delete=models.CASCADE,
                                    related_name="activity_links")
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("linked by"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    linked_at = models.DateTimeField(_("linked"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action linked to an activity")
        verbose_name_plural = _("actions linked to activities")
        ordering = ["activity", "action_item__due", "pk"]
        constraints = [models.UniqueConstraint(fields=["activity", "action_item"], name="annualplan_action_once")]

    def __str__(self):
        return f"{self.activity} ← {self.action_item}"
