"""Benchmark data: `seed_demo --scale N` (N > 1; DEMO_SCALE_SEEDERS) — a budget, a decided fee
proposal, a fee decision and the 22 invoices (all paid) for each past year, so about 22 invoices a
year over N years. Reuses the demo seeder's own helpers. Idempotent: natural keys (year, number)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from governance.demo import DemoContext
from governance.people.models import User

from .demo import _budget, _decide, _invoice, _proposal
from .models import Budget, FeeDecision, FeeProposal


def seed_scale(ctx: DemoContext) -> None:
    if ctx.scale <= 1:
        return
    chair = User.objects.get(username="chair")
    director = User.objects.get(username="director")
    for y in range(ctx.year - ctx.scale + 1, ctx.year - 1):  # the demo seeds last year and this year
        if FeeDecision.objects.filter(year=y).exists():
            continue
        factor = (Decimal("0.95") ** (ctx.year - y)).quantize(Decimal("0.0001"))
        budget = _budget(ctx, y, factor)
        proposal = _proposal(budget, chair, FeeProposal.Status.DECIDED,
                             (Decimal(60000) * factor).quantize(Decimal("1")))
        decision = _decide(proposal, director, dt.date(y - 1, 11, 20))
        _invoice(decision, budget, today=ctx.today, overdue_code=None)
    assert Budget.objects.filter(year__lt=ctx.year - 1).count() >= ctx.scale - 2
