"""Benchmark data: `seed_demo --scale N` (N > 1; DEMO_SCALE_SEEDERS) — about 30 feature requests
a year over N years: most released or rejected, a ranked backlog of about 3·N open ones.
bulk_create (generated, no audit rows). Idempotent: generated titles are unique."""
from __future__ import annotations

from django.db.models import Max

from governance.demo import DemoContext
from governance.people.models import Organisation, User
from governance.reference import FEE_PAYER_CODES

from .models import FeatureRequest

PER_YEAR = 30
S = FeatureRequest.Status
CYCLE = [S.RELEASED, S.RELEASED, S.REJECTED, S.RELEASED, S.RELEASED, S.RELEASED, S.REJECTED, S.RELEASED,
         S.RELEASED, S.ACCEPTED]
SUBJECTS = ["sökfunktionen", "nyhetslistan", "kalendern", "formulären", "kartan", "startsidan", "menyerna",
            "bildspelet", "kontaktsidan", "e-tjänsterna", "PDF-länkarna", "RSS-flödet"]


def seed_scale(ctx: DemoContext) -> None:
    if ctx.scale <= 1:
        return
    total = PER_YEAR * ctx.scale
    prefix = "Förbättra "
    existing = set(FeatureRequest.objects.filter(title__startswith=prefix, title__contains=" #")
                   .values_list("title", flat=True))
    orgs = list(Organisation.objects.filter(code__in=FEE_PAYER_CODES).order_by("sort_order", "code"))
    submitters = list(User.objects.filter(username__startswith="kom-").order_by("username")[:200])
    rank = (FeatureRequest.objects.aggregate(m=Max("rank"))["m"] or 0)
    new = []
    for n in range(total):
        title = f"{prefix}{SUBJECTS[n % len(SUBJECTS)]} #{n + 1}"
        if title in existing:
            continue
        status = CYCLE[n % len(CYCLE)]
        in_backlog = status in FeatureRequest.BACKLOG
        rank += in_backlog
        submitter = submitters[n % len(submitters)]
        new.append(FeatureRequest(
            title=title, site=[FeatureRequest.Site.EXTERNAL, FeatureRequest.Site.INTERNAL,
                               FeatureRequest.Site.BOTH][n % 3],
            problem=f"Besökare har svårt med {SUBJECTS[n % len(SUBJECTS)]}.",
            proposal="Gör om enligt webbhandboken.", affected="Besökare och webbredaktörer.",
            submitted_by=submitter, organisation=submitter.organisation or orgs[n % len(orgs)],
            status=status, value=1 + n % 5, effort=1 + (n * 3) % 5, rank=rank if in_backlog else None,
            rejection_reason="Ligger utanför webbsamverkans uppdrag." if status == S.REJECTED else "",
            test_result="Godkänd i test." if status == S.RELEASED else "",
        ))
    FeatureRequest.objects.bulk_create(new, batch_size=500)
