"""Benchmark data: `seed_demo --scale N` (N > 1; DEMO_SCALE_SEEDERS) — about N years of operating
plans: a closed plan for each past year and this year's plan, each with about 100 activities
(for N=10: 10 plans of 100 activities), past plans with four quarterly follow-ups per activity.

bulk_create: generated history is nobody's decision (no audit rows; demo_scale.py files are
allowed by tests/security/test_audit_bulk.py). Idempotent: plans by year, generated activities
by (plan, title)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from governance.demo import DemoContext
from governance.people.models import Organisation, User
from governance.reference import FEE_PAYER_CODES

from .models import Activity, Area, FollowUp, Plan

ACTIVITIES_PER_PLAN = 100
TOPICS = ["Webbplattformen", "Klarspråk", "Kriskommunikation", "Sociala medier", "Mediearbete", "Intranätet",
          "Tillgänglighet", "Varumärket", "Kompetensutveckling", "Mässor", "Film och bild", "Webbanalys"]
VERBS = ["förvaltning", "utveckling", "utbildning", "uppföljning", "samordning", "översyn", "kampanj", "rutiner"]


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


def seed_scale(ctx: DemoContext) -> None:
    if ctx.scale <= 1:
        return
    areas = list(Area.objects.order_by("sort_order", "pk"))
    orgs = list(Organisation.objects.filter(code__in=FEE_PAYER_CODES).order_by("sort_order", "code"))
    chair = User.objects.get(username="chair")
    for y in range(ctx.year - ctx.scale + 1, ctx.year + 1):
        plan = Plan.objects.filter(year=y).first()
        if plan is None:
            plan = Plan.objects.create(
                year=y, title=f"Verksamhetsplan {y}", status=Plan.Status.CLOSED,
                introduction=f"Verksamhetsplan och budget för länsstyrelsernas kommunikationssamordning {y}.",
                consultation_deadline=dt.date(y - 1, 11, 15), consultation_opened_at=_aware(dt.date(y - 1, 10, 20)),
                adopted_at=_aware(dt.date(y - 1, 12, 5)), fee_decided_at=_aware(dt.date(y - 1, 12, 12)),
            )
        existing = set(plan.activities.values_list("title", flat=True))
        missing = ACTIVITIES_PER_PLAN - len(existing)
        new = []
        n = 0
        while len(new) < missing:
            title = f"{TOPICS[n % len(TOPICS)]}: {VERBS[(n // len(TOPICS)) % len(VERBS)]} {n + 1}"
            n += 1
            if title in existing:
                continue
            new.append(Activity(
                plan=plan, area=areas[n % len(areas)], title=title,
                description=f"{title}. Genererad aktivitet för belastningstest ({y}).",
                goal="Länsstyrelserna syns och uppfattas som en samlad myndighetsfamilj",
                responsible_organisation=orgs[n % len(orgs)], budget=Decimal(50000 + (n * 7919) % 400000),
                sort_order=100 + n,
            ))
        Activity.objects.bulk_create(new, batch_size=500)
        if y < ctx.year and not FollowUp.objects.filter(activity__plan=plan).exists():
            follow_ups = []
            for i, activity in enumerate(plan.activities.order_by("pk")):
                for q in range(1, 5):
                    spent = (activity.budget * Decimal(q) / 4 * Decimal("0.95")).quantize(Decimal("1"))
                    follow_ups.append(FollowUp(
                        activity=activity, quarter=q,
                        status=FollowUp.Status.DONE if q == 4 else FollowUp.Status.ONGOING,
                        comment="Enligt plan." if i % 5 else "Något försenad, i fas vid årets slut.",
                        spent_to_date=spent, forecast=activity.budget, recorded_by=chair,
                        recorded_at=_aware(dt.date(y, q * 3, 28)),
                    ))
            FollowUp.objects.bulk_create(follow_ups, batch_size=1000)
