"""Demo data for budgets and fees: 2025 and this year's fee decided and invoiced (most paid, one
overdue), next year's budget and fee proposal in preparation. A year with an operating plan takes
its staff line from the plan (so annualplan and webadmin are seeded first). Idempotent (natural
keys)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from governance.bodies.selectors import information_manager_of
from governance.demo import DemoContext
from governance.notifications.services import notification_send
from governance.people.models import User
from governance.people.selectors import fee_payers

from . import integrations, notifications, selectors
from .models import Budget, BudgetLine, FeeDecision, FeeProposal, FeeShare, Invoice, KeyEntry, Outcome

# Staff numbers per organisation (the weights); Vattenmyndigheterna pays a fixed amount.
STAFF = {
    "AB": 1150, "C": 310, "D": 260, "E": 340, "F": 320, "G": 210, "H": 250, "I": 150, "K": 190, "M": 720,
    "N": 230, "O": 980, "S": 240, "T": 270, "U": 230, "W": 270, "X": 240, "Y": 230, "Z": 190, "AC": 280,
    "BD": 290,
}
FIXED_VM = {-1: Decimal(55000), 0: Decimal(60000), 1: Decimal(62000)}  # by year relative to this year
LINES = [  # category, description, amount in the base year (2026)
    (BudgetLine.Category.STAFF, "Webbutvecklingsledare och redaktör (andel av lön + sociala avgifter)", 1850000),
    (BudgetLine.Category.COMPENSATION, "Ersättning till ordförandens länsstyrelse", 240000),
    (BudgetLine.Category.TRAVEL, "Resor i gemensamma uppdrag", 120000),
    (BudgetLine.Category.CONSULTANTS, "Löpande utveckling, uppdateringar och support", 900000),
    (BudgetLine.Category.SUPPORT, "Supportavtal webbplattformen", 380000),
    (BudgetLine.Category.LICENCES, "Licenser publiceringssystem", 460000),
    (BudgetLine.Category.HARDWARE, "Servrar och drift via IT-enheten", 150000),
    (BudgetLine.Category.TRAINING, "Klarspråk och tillgänglighet", 90000),
    (BudgetLine.Category.OTHER, "Informatörskonferensen", 60000),
]
FACTOR = {-1: Decimal("0.95"), 0: Decimal("1"), 1: Decimal("1.04")}
PLAN_STAFF_DESCRIPTION = "Från verksamhetsplanen"
OVERDUE_CODE = "W"


def _budget(ctx: DemoContext, year: int, factor: Decimal, *, staff_from_plan: bool = False) -> Budget:
    budget, _ = Budget.objects.update_or_create(
        year=year,
        defaults={"system_owner": ctx.org("O"), "carry_over": Decimal(150000),
                  "other_income": Decimal(50000), "development_funds": Decimal(400000),
                  "notes": ""},
    )
    for category, description, amount in LINES:
        if staff_from_plan and category == BudgetLine.Category.STAFF:
            continue
        BudgetLine.objects.update_or_create(
            budget=budget, category=category, description=description,
            defaults={"amount": (Decimal(amount) * factor).quantize(Decimal("1"))},
        )
    if staff_from_plan:
        _staff_from_plan(budget)
    return budget


def _has_plan(year: int) -> bool:
    return integrations.plan_for_year(year) is not None and integrations.staff_cost_total(year) is not None


def _staff_from_plan(budget: Budget) -> None:
    """The staff line of a year with an operating plan, as services.budget_refresh_staff_costs sets
    it: the staff compensation of the plan's activities and of the web management roles (annualplan
    and webadmin are seeded before fees). It replaces a typed staff line (a database seeded before
    the line came from the plan)."""
    staff = integrations.staff_cost_total(budget.year)
    BudgetLine.objects.filter(budget=budget, category=BudgetLine.Category.STAFF, from_plan=False).delete()
    BudgetLine.objects.update_or_create(
        budget=budget, from_plan=True,
        defaults={"category": BudgetLine.Category.STAFF, "description": PLAN_STAFF_DESCRIPTION,
                  "amount": Decimal(staff).quantize(Decimal("0.01"))},
    )


def _proposal(budget: Budget, creator: User, status: str, fixed_vm: Decimal) -> FeeProposal:
    proposal, _ = FeeProposal.objects.update_or_create(
        budget=budget, number=1,
        defaults={"status": status, "method": FeeProposal.Method.WEIGHTS, "weight_label": "Antal anställda",
                  "adjustment": Decimal(0), "motivation": "", "created_by": creator},
    )
    for org in fee_payers():
        fixed = fixed_vm if org.code == "VM" else None
        KeyEntry.objects.update_or_create(
            proposal=proposal, organisation=org,
            defaults={"weight": Decimal(STAFF.get(org.code, 0)), "fixed_amount": fixed},
        )
    return proposal


def _decide(proposal: FeeProposal, director: User, decided_on: dt.date) -> FeeDecision:
    preview = selectors.proposal_preview(proposal)
    if preview.error:
        raise RuntimeError(preview.error)
    decision, _ = FeeDecision.objects.update_or_create(
        year=proposal.budget.year, version=1,
        defaults={"proposal": proposal, "total": preview.total, "decided_on": decided_on, "decided_by": director},
    )
    for row in preview.rows:
        FeeShare.objects.update_or_create(decision=decision, organisation=row.organisation,
                                          defaults={"amount": row.share, "fixed": row.fixed is not None})
    return decision


def _reference(year: int, short_name: str) -> dict:
    """An invoice's reference as the services store it (governance.texts)."""
    from governance.texts import encode, in_default_language

    from .services.invoices import fee_reference

    text = fee_reference(year, short_name)
    return {"reference": in_default_language(text)[:200], "reference_message": encode(text)}


def _invoice(decision: FeeDecision, budget: Budget, *, today: dt.date, overdue_code: str | None) -> None:
    year = decision.year
    issue = dt.date(year, 1, 15)
    for seq, share in enumerate(decision.shares.select_related("organisation").order_by(
            "organisation__sort_order", "organisation__code"), start=1):
        due = issue + dt.timedelta(days=30)
        overdue = share.organisation.code == overdue_code and due < today
        Invoice.objects.update_or_create(
            number=f"{year}-{seq:03d}",
            defaults={
                "year": year, "sequence": seq, "kind": Invoice.Kind.INVOICE, "decision": decision,
                "organisation": share.organisation, "issuer": budget.system_owner, "amount": share.amount,
                "issue_date": issue, "due_date": due,
                **_reference(year, share.organisation.short_name),
                "status": Invoice.Status.OVERDUE if overdue else Invoice.Status.PAID,
                "sent_on": issue, "paid_on": None if overdue else due - dt.timedelta(days=(seq * 3) % 20),
            },
        )


def seed(ctx: DemoContext) -> None:
    year = ctx.year
    chair = User.objects.get(username="chair")
    director = User.objects.get(username="director")

    for y in (year - 1, year):
        budget = _budget(ctx, y, FACTOR[y - year], staff_from_plan=_has_plan(y))
        proposal = _proposal(budget, chair, FeeProposal.Status.DECIDED, FIXED_VM[y - year])
        decision = _decide(proposal, director, dt.date(y - 1, 11, 20))
        _invoice(decision, budget, today=ctx.today, overdue_code=OVERDUE_CODE if y == year else None)

    # This year's follow-up: outcomes for the quarters that have passed, and a forecast.
    this = Budget.objects.get(year=year)
    quarters_done = (ctx.today.month - 1) // 3
    for i, line in enumerate(this.lines.order_by("position", "id")):
        for q in range(1, quarters_done + 1):
            share = Decimal("0.25") + Decimal((i + q) % 5 - 2) / 100
            Outcome.objects.update_or_create(line=line, quarter=q,
                                             defaults={"amount": (line.amount * share).quantize(Decimal("1"))})
        BudgetLine.objects.filter(pk=line.pk).update(
            forecast=(line.amount * (Decimal("0.97") + Decimal(i % 4) / 50)).quantize(Decimal("1"))
        )

    # Next year: the budget and the fee proposal in preparation.
    nxt = _budget(ctx, year + 1, FACTOR[1], staff_from_plan=_has_plan(year + 1))
    _proposal(nxt, chair, FeeProposal.Status.DRAFT, FIXED_VM[1])

    # Each information manager has been told this year's share (idempotent: the unique key).
    from .services.proposals import fee_share_subject

    decision = FeeDecision.objects.get(year=year, version=1)
    for share in decision.shares.select_related("organisation"):
        manager = information_manager_of(share.organisation, on=ctx.today)
        if manager is not None:
            notification_send(
                kind=notifications.FEE_SHARE, recipient=manager, target=decision, occasion="share",
                url=decision.get_absolute_url(),
                subject=fee_share_subject(year, share.organisation.short_name, share.amount),
            )


def remind_overdue(*, today) -> int:
    """The overdue-invoice scan, as the demo runs every app's scans (settings.DEMO_SCANS)."""
    from .services import invoices_remind_overdue

    return invoices_remind_overdue(on=today)
