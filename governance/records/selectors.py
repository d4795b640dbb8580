"""Reading the decision register: a year's decisions, searched and filtered, in one query."""
from __future__ import annotations

from django.db.models import Q, QuerySet

from .models import Decision


def register(*, year: int, query: str = "", body_id: int | None = None, kind: str = "") -> QuerySet[Decision]:
    qs = Decision.objects.filter(year=year).select_related("body", "presenter", "corrects", "corrected_by")
    if query:
        qs = qs.filter(Q(number__icontains=query) | Q(text__icontains=query) | Q(grounds__icontains=query)
                       | Q(dissent__icontains=query))
    if body_id:
        qs = qs.filter(body_id=body_id)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-decided_on", "-sequence", "-pk")


def years() -> list[int]:
    return list(Decision.objects.order_by("-year").values_list("year", flat=True).distinct())


def decision_detail(pk: int) -> Decision:
    return (Decision.objects.select_related("body", "presenter", "recorded_by", "corrects", "corrected_by",
                                            "target_type")
            .prefetch_related("participants__organisation", "dissenting").get(pk=pk))
