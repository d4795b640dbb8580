"""Reads for the organisations' action plans and the evaluation of the 22 organisations."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce

from governance.people.models import Organisation
from governance.people.selectors import fee_payers

from ..models import (
    Light,
    Measure,
    MeasureFollowUp,
    UnitActionPlan,
)


# --- Unit action plans and the evaluation ---------------------------------------------------------
@dataclass
class EvaluationRow:
    organisation: Organisation
    action_plan: UnitActionPlan | None
    measures: int = 0
    done: int = 0
    effects: int = 0
    surveys: int = 0
    followed_up: int = 0
    # The measures by their current traffic light (their latest quarter's follow-up).
    on_track: int = 0
    at_risk: int = 0
    off_track: int = 0

    @property
    def share_done(self) -> int:
        return round(100 * self.done / self.measures) if self.measures else 0

    def has_light(self, light: str) -> bool:
        return getattr(self, light, 0) > 0


def _measures_at(light: str):
    """The number of an action plan's measures whose current light is `light` (a subquery)."""
    latest = MeasureFollowUp.objects.filter(measure=OuterRef("pk")).order_by("-quarter").values("light")[:1]
    counted = (Measure.objects.filter(action_plan=OuterRef("pk")).annotate(current=Subquery(latest))
               .filter(current=light).order_by().values("action_plan").annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(counted), 0)


def evaluation_overview(year: int) -> list[EvaluationRow]:
    """Balanced-scorecard overview over the 22 fee payers, with their measures by current traffic
    light (three queries)."""
    plans = {
        p.organisation_id: p
        for p in UnitActionPlan.objects.filter(year=year).annotate(
            n_measures=Count("measures", distinct=True),
            n_done=Count("measures", filter=Q(measures__status=Measure.Status.DONE), distinct=True),
            n_effects=Count("measures", filter=~Q(measures__reported_effect=""), distinct=True),
            **{f"n_{light}": _measures_at(light) for light in Light.values},
        ).order_by("organisation_id")
    }
    surveys = {
        r["pk"]: r
        for r in UnitActionPlan.objects.filter(year=year).values("pk").annotate(
            n=Count("surveys"), f=Count("surveys", filter=Q(surveys__followed_up=True))).order_by("pk")
    }
    rows = []
    for org in fee_payers():
        p = plans.get(org.pk)
        row = EvaluationRow(org, p)
        if p:
            row.measures, row.done, row.effects = p.n_measures, p.n_done, p.n_effects
            row.on_track, row.at_risk, row.off_track = p.n_on_track, p.n_at_risk, p.n_off_track
            s = surveys.get(p.pk, {})
            row.surveys, row.followed_up = s.get("n", 0), s.get("f", 0)
        rows.append(row)
    return rows


def unit_plan_detail(pk: int) -> UnitActionPlan:
    return (
        UnitActionPlan.objects.select_related("organisation", "plan")
        .prefetch_related("goals", Prefetch("measures", queryset=Measure.objects.select_related("goal")),
                          Prefetch("measures__follow_ups", queryset=MeasureFollowUp.objects.order_by("quarter")),
                          "surveys")
        .get(pk=pk)
    )


