"""Demo retention: the classes and the schedule, the host agency's archivist, and this year's
culling list drafted (the 2019 presentation in the network's archive is due), awaiting approval."""
from __future__ import annotations

import datetime as dt

from . import culling
from .models import Archivist, RetentionClass, RetentionRule

DECISION = "Gallringsbeslut för Samordna, Länsstyrelsen i Jönköpings län, dnr 100-1234-2025 (2025-02-03)"


def seed_retention(ctx) -> None:
    forever, _ = RetentionClass.objects.update_or_create(name="Bevaras", defaults={"name_en": "Kept for ever"})
    two, _ = RetentionClass.objects.update_or_create(
        name="Gallras efter 2 år", defaults={"name_en": "Culled after 2 years", "years": 2, "decision": DECISION})
    five, _ = RetentionClass.objects.update_or_create(
        name="Gallras efter 5 år", defaults={"name_en": "Culled after 5 years", "years": 5, "decision": DECISION})
    for kind, klass in [("documents.notes", forever), ("documents.governing", forever), ("documents.report", forever),
                        ("documents.presentation", five), ("documents.memo", five),
                        ("notifications.notification", two), ("networks.conference_registration", two),
                        ("networks.join_request", two)]:
        RetentionRule.objects.update_or_create(kind=kind, defaults={"retention_class": klass})
    archivist = ctx.user("archivist", "Sofia", "Ek", "F", "Registrator och arkivarie")
    Archivist.objects.get_or_create(user=archivist, start=dt.date(ctx.year - 2, 1, 1))
    culling.culling_draft(year=ctx.year)
