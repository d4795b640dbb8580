"""Reads for development projects and their funding applications."""
from __future__ import annotations

from django.db.models import Prefetch, QuerySet, Sum
from django.db.models.functions import Coalesce

from ..models import (
    DevelopmentProject,
    FundingApplication,
)
from .plans import ZERO


# --- Development projects ---------------------------------------------------------------------
def project_list() -> QuerySet[DevelopmentProject]:
    return DevelopmentProject.objects.select_related("organisation", "proposed_by", "plan").annotate(
        granted=Coalesce(Sum("applications__granted_amount"), ZERO),
    ).order_by("-created_at", "-pk")


def project_detail(pk: int) -> DevelopmentProject:
    return (
        DevelopmentProject.objects.select_related("organisation", "proposed_by", "plan")
        .prefetch_related(
            Prefetch("applications", queryset=FundingApplication.objects.select_related("applied_by", "decided_by")
                     .order_by("applied_at")),
            "participants__organisation", "participants__person", "milestones",
        )
        .get(pk=pk)
    )


def pending_applications() -> QuerySet[FundingApplication]:
    return FundingApplication.objects.filter(decision=FundingApplication.Decision.PENDING).select_related(
        "project").order_by("applied_at")


