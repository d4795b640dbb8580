"""The G7 report: a snapshot of plan progress, budget, decisions and upcoming meetings for a period,
archived in the portal (page + PDF) and sent to G7's members."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

__all__ = ["G7Report"]


def report_pdf_path(instance: G7Report, filename: str) -> str:
    return f"reports/g7/{instance.period_start:%Y}/{filename}"


class G7Report(models.Model):
    """One produced report. The content is a JSON snapshot of the sections as they stood when it
    was produced, so the archived page and PDF never change afterwards. The scheduled report of a
    period exists at most once (a re-run of the schedule finds it and sends nothing twice);
    the steering group may produce further on-demand reports for any period."""

    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    scheduled = models.BooleanField(
        _("scheduled"), default=False, help_text=_("Produced by the schedule (not on demand).")
    )
    generated_at = models.DateTimeField(_("produced"), auto_now_add=True)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("produced by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    content = models.JSONField(_("content"), default=dict, blank=True)
    pdf = models.FileField(_("PDF"), upload_to=report_pdf_path, max_length=200, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("G7 report")
        verbose_name_plural = _("G7 reports")
        ordering = ["-period_end", "-generated_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="g7report_period"),
            models.UniqueConstraint(
                fields=["period_start", "period_end"], condition=Q(scheduled=True), name="g7report_one_scheduled"
            ),
        ]

    def __str__(self):
        return str(_("G7 report %(start)s – %(end)s") % {"start": self.period_start, "end": self.period_end})

    def get_absolute_url(self):
        return reverse("governance:g7_report_detail", kwargs={"pk": self.pk})
