"""The fees app's part of the G7 report (settings.G7_REPORT_SECTIONS): budget vs outcome vs
forecast per category, with a chart, and the period's fee decisions. Shape: governance.reports.services;
its texts are lazy translations and texts.Text, written in the reader's language when shown."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from governance.texts import Text, number

ZERO = Decimal("0")


def g7_section(start: dt.date, end: dt.date) -> list[dict]:
    from .models import Budget, BudgetLine, FeeDecision, Outcome

    sections = []
    quarter = (end.month - 1) // 3 + 1
    budget = Budget.objects.filter(year=end.year).first()
    if budget is not None:
        lines = (
            BudgetLine.objects.filter(budget=budget)
            .prefetch_related(Prefetch("outcomes", queryset=Outcome.objects.filter(quarter__lte=quarter)))
            .order_by("position", "pk")
        )
        labels = dict(BudgetLine.Category.choices)
        by_category: dict[str, list[Decimal]] = {}
        for line in lines:
            row = by_category.setdefault(line.category, [ZERO, ZERO, ZERO])
            row[0] += line.amount
            row[1] += sum((o.amount for o in line.outcomes.all()), ZERO)
            row[2] += line.forecast if line.forecast is not None else line.amount
        categories = [labels.get(c, c) for c in by_category]
        totals = [sum((v[i] for v in by_category.values()), ZERO) for i in range(3)]
        rows = [[labels.get(c, c), *v] for c, v in by_category.items()]
        rows.append([_("Total"), *totals])
        sections.append({
            "key": "budget",
            "title": Text(_("Budget %(year)s: budget, outcome and forecast"), year=budget.year),
            "text": [Text(_("Outcome up to and including quarter %(quarter)d; the forecast is for the whole year."),
                          quarter=quarter)],
            "chart": {
                "title": _("Budget vs outcome vs forecast (kr)"),
                "unit": "kr",
                "categories": categories,
                "series": [
                    {"name": _("Budget"), "values": [v[0] for v in by_category.values()]},
                    {"name": _("Outcome"), "values": [v[1] for v in by_category.values()]},
                    {"name": _("Forecast"), "values": [v[2] for v in by_category.values()]},
                ],
            },
            "tables": [{"caption": _("Budget, outcome and forecast per category (kr)"),
                        "headers": [_("Category"), _("Budget"), _("Outcome"), _("Forecast")], "rows": rows}],
        })
    decisions = [
        [d.decided_on.isoformat(),
         Text(_("Annual fee %(year)s decided: %(total)s kr"), year=d.year, total=number(d.total))]
        for d in FeeDecision.objects.filter(decided_on__gte=start, decided_on__lte=end).order_by("decided_on", "version")
    ]
    if decisions:
        sections.append({
            "key": "fee_decisions",
            "title": _("Decisions: the annual fee"),
            "tables": [{"caption": _("Fee decisions in the period"), "headers": [_("Date"), _("Decision")],
                        "rows": decisions}],
        })
    return sections
