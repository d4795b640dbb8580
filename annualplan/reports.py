"""The operating plan's part of the G7 report (settings.G7_REPORT_SECTIONS): plan progress —
activities by their latest follow-up status — and the period's decisions: plan adoption and
development funds. Shape: governance.reports.services; its texts are lazy translations and
texts.Text, written in the reader's language when the report is shown."""
from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.texts import Text, choice, number


def _aware(day: dt.date, end: bool = False) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1) if end else day, dt.time.min))


def g7_section(start: dt.date, end: dt.date) -> list[dict]:
    from .models import Activity, FollowUp, FundingApplication, Plan, PlanDecision

    sections = []
    plan = Plan.objects.filter(year=end.year).first()
    quarter = (end.month - 1) // 3 + 1
    if plan is not None:
        activities = list(
            Activity.objects.filter(plan=plan)
            .prefetch_related(Prefetch("follow_ups", queryset=FollowUp.objects.filter(quarter__lte=quarter)
                                       .order_by("quarter")))
            .order_by("pk")
        )
        labels = dict(FollowUp.Status.choices)
        counts: Counter = Counter()
        for activity in activities:
            ups = list(activity.follow_ups.all())
            counts[ups[-1].status if ups else "none"] += 1
        rows = [[labels[s], counts[s]] for s in labels if counts[s]]
        if counts["none"]:
            rows.append([_("No follow-up yet"), counts["none"]])
        sections.append({
            "key": "plan_progress",
            "title": Text(_("Plan progress: %(plan)s"), plan=str(plan)),
            "text": [Text(_("%(count)d activities, status as of the follow-up for quarter %(quarter)d."),
                          count=len(activities), quarter=quarter)],
            "tables": [{"caption": _("Activities by status"), "headers": [_("Status"), _("Activities")],
                        "rows": rows}],
        })
    decisions = []
    for d in PlanDecision.objects.filter(decided_at__gte=_aware(start), decided_at__lt=_aware(end, True)) \
            .select_related("plan").order_by("decided_at"):
        decisions.append([timezone.localdate(d.decided_at).isoformat(),
                          Text(_("Operating plan %(plan)s: %(outcome)s"), plan=str(d.plan), outcome=choice(d, "outcome"))])
    for a in FundingApplication.objects.filter(decided_at__gte=_aware(start), decided_at__lt=_aware(end, True)) \
            .exclude(decision=FundingApplication.Decision.PENDING).select_related("project").order_by("decided_at"):
        decisions.append([timezone.localdate(a.decided_at).isoformat(),
                          Text(_("Development funds for %(project)s: %(decision)s, %(amount)s kr"),
                               project=str(a.project), decision=choice(a, "decision"),
                               amount=number(a.granted_amount or 0))])
    sections.append({
        "key": "plan_decisions",
        "title": _("Decisions: operating plan and development funds"),
        "text": [] if decisions else [_("No plan or development fund decision in the period.")],
        "tables": [{"caption": _("Decisions in the period"), "headers": [_("Date"), _("Decision")],
                    "rows": decisions}] if decisions else [],
    })
    return sections
