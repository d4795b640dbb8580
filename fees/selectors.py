"""Reads for budgets, fees and invoices. Each returns rows with their joins and an explicit order."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch, QuerySet, Sum

from governance.people.models import Organisation
from governance.people.selectors import fee_payers

from . import allocation
from .models import Budget, BudgetLine, FeeDecision, FeeProposal, FeeShare, Invoice, KeyEntry, Outcome

ZERO = Decimal("0")


def budget_for_year(year: int) -> Budget | None:
    return Budget.objects.select_related("system_owner").filter(year=year).first()


def budgets_overview(qs: QuerySet[Budget]) -> list[dict]:
    """Each visible budget with its draft proposal and the decision in force (bounded queries)."""
    budgets = list(qs.select_related("system_owner").order_by("-year"))
    years = [b.year for b in budgets]
    decisions = {d.year: d for d in FeeDecision.objects.filter(year__in=years, superseded_by__isnull=True)}
    drafts = {p.budget_id: p for p in FeeProposal.objects.filter(budget__in=budgets, status="draft")}
    return [{"budget": b, "decision": decisions.get(b.year), "draft": drafts.get(b.pk)} for b in budgets]


def staff_costs_by_organisation(year: int):
    from .integrations import staff_costs_by_organisation as from_plan

    return from_plan(year)


def budget_lines(budget: Budget) -> QuerySet[BudgetLine]:
    return BudgetLine.objects.filter(budget=budget).order_by("position", "id")


@dataclass
class BudgetSummary:
    budget: Budget
    lines: list[BudgetLine]
    total: Decimal
    base_to_raise: Decimal  # total − other income − carry-over
    rounded_to_raise: Decimal  # whole kronor
    rounding: Decimal
    by_category: list[tuple[str, Decimal]] = field(default_factory=list)


def budget_summary(budget: Budget) -> BudgetSummary:
    lines = list(budget_lines(budget))
    total = sum((line.amount for line in lines), ZERO)
    base = total - budget.other_income - budget.carry_over
    rounded = base.quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    by_cat: dict[str, Decimal] = {}
    for line in lines:
        by_cat[line.get_category_display()] = by_cat.get(line.get_category_display(), ZERO) + line.amount
    return BudgetSummary(budget, lines, total, base, rounded, rounded - base, list(by_cat.items()))


def proposal_total(proposal: FeeProposal, summary: BudgetSummary | None = None) -> Decimal:
    summary = summary or budget_summary(proposal.budget)
    return summary.rounded_to_raise + proposal.adjustment


def draft_proposal(budget: Budget) -> FeeProposal | None:
    return budget.proposals.filter(status=FeeProposal.Status.DRAFT).order_by("-number").first()


def latest_proposal(year: int) -> FeeProposal | None:
    return (
        FeeProposal.objects.select_related("budget").filter(budget__year=year).order_by("-number").first()
    )


def current_decision(year: int) -> FeeDecision | None:
    """The year's decision in force: the latest version (corrections supersede)."""
    return (
        FeeDecision.objects.select_related("proposal", "decided_by", "supersedes")
        .filter(year=year, superseded_by__isnull=True)
        .order_by("-version")
        .first()
    )


def decisions_of(year: int) -> QuerySet[FeeDecision]:
    return FeeDecision.objects.filter(year=year).select_related("decided_by", "supersedes").order_by("-version")


def shares_of(decision: FeeDecision | None) -> dict[int, Decimal]:
    if decision is None:
        return {}
    return dict(FeeShare.objects.filter(decision=decision).values_list("organisation_id", "amount"))


def key_entries(proposal: FeeProposal) -> QuerySet[KeyEntry]:
    return KeyEntry.objects.filter(proposal=proposal).select_related("organisation").order_by(
        "organisation__sort_order", "organisation__code"
    )


@dataclass
class AllocationRow:
    organisation: Organisation
    weight: Decimal | None
    fixed: Decimal | None
    share: Decimal | None
    previous: Decimal | None
    diff: Decimal | None
    pct: Decimal | None


@dataclass
class Preview:
    total: Decimal
    rows: list[AllocationRow]
    error: str = ""

    @property
    def shares_sum(self) -> Decimal:
        return sum((r.share or ZERO for r in self.rows), ZERO)

    @property
    def previous_sum(self) -> Decimal | None:
        prev = [r.previous for r in self.rows if r.previous is not None]
        return sum(prev, ZERO) if prev else None


def entries_for(proposal: FeeProposal, rows: list[KeyEntry]) -> list[allocation.Entry]:
    return [
        allocation.Entry(code=e.organisation.code, weight=e.weight, fixed=e.fixed_amount) for e in rows
    ]


def proposal_preview(proposal: FeeProposal, summary: BudgetSummary | None = None) -> Preview:
    """Each payer's share under the proposal, and the change from last year's decided fee. A
    decided proposal shows what was decided (the decision's total and its stored shares), whatever
    the budget says since: a decision freezes its figures."""
    rows = list(key_entries(proposal))
    decision = getattr(proposal, "decision", None) if proposal.is_locked else None
    if decision is not None:
        weights = {e.organisation_id: e.weight for e in rows} if proposal.method == "weights" else {}
        decided = [replace(r, weight=weights.get(r.organisation.pk)) for r in decision_rows(decision)]
        return Preview(total=decision.total, rows=decided)
    total = proposal_total(proposal, summary)
    previous = shares_of(current_decision(proposal.budget.year - 1))
    error = ""
    try:
        shares = allocation.allocate(
            total, entries_for(proposal, rows), method=proposal.method,
            required_codes=list(fee_payers().values_list("code", flat=True)),
        )
    except allocation.AllocationError as exc:
        shares, error = {}, exc.message
    out = []
    for e in rows:
        share = shares.get(e.organisation.code)
        prev = previous.get(e.organisation_id)
        diff, pct = allocation.change(share, prev) if share is not None else (None, None)
        out.append(AllocationRow(e.organisation, e.weight if proposal.method == "weights" else None,
                                 e.fixed_amount, share, prev, diff, pct))
    return Preview(total=total, rows=out, error=error)


def decision_rows(decision: FeeDecision) -> list[AllocationRow]:
    shares = list(FeeShare.objects.filter(decision=decision).select_related("organisation")
                  .order_by("organisation__sort_order", "organisation__code"))
    previous = shares_of(current_decision(decision.year - 1))
    rows = []
    for s in shares:
        prev = previous.get(s.organisation_id)
        diff, pct = allocation.change(s.amount, prev)
        rows.append(AllocationRow(s.organisation, None, s.amount if s.fixed else None, s.amount, prev, diff, pct))
    return rows


def allocation_for_year(year: int) -> tuple[str, list[tuple[str, str, Decimal]]] | None:
    """(source, [(code, name, share)]) from the year's decided fee, or else its latest proposal."""
    decision = current_decision(year)
    if decision is not None:
        rows = decision_rows(decision)
        return "decided", [(r.organisation.code, r.organisation.name, r.share) for r in rows]
    proposal = latest_proposal(year)
    if proposal is None:
        return None
    preview = proposal_preview(proposal)
    if preview.error:
        raise ValueError(preview.error)
    return "proposed", [(r.organisation.code, r.organisation.name, r.share) for r in preview.rows]


# --- Invoices ------------------------------------------------------------------------------------
def invoices(qs: QuerySet[Invoice] | None = None, *, year: int | None = None,
             status: str | None = None) -> QuerySet[Invoice]:
    qs = (qs if qs is not None else Invoice.objects.all()).select_related("organisation", "issuer", "credits")
    if year:
        qs = qs.filter(year=year)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-year", "sequence")


def overdue_invoices(*, on: dt.date) -> QuerySet[Invoice]:
    """Invoices past their due date and not paid or credited (flagged or not yet flagged)."""
    return invoices().filter(kind=Invoice.Kind.INVOICE, status__in=Invoice.OPEN_STATUSES, due_date__lt=on)


def open_invoices_of(organisation: Organisation) -> QuerySet[Invoice]:
    return invoices().filter(organisation=organisation, kind=Invoice.Kind.INVOICE,
                             status__in=[Invoice.Status.DRAFT, *Invoice.OPEN_STATUSES])


def invoices_of_decision(decision: FeeDecision) -> QuerySet[Invoice]:
    return invoices().filter(decision=decision)


# --- Follow-up -----------------------------------------------------------------------------------
@dataclass
class FollowUpRow:
    line: BudgetLine
    quarters: list[Decimal | None]
    outcome: Decimal
    forecast: Decimal | None


def followup_rows(budget: Budget) -> list[FollowUpRow]:
    lines = budget_lines(budget).prefetch_related(Prefetch("outcomes", queryset=Outcome.objects.order_by("quarter")))
    rows = []
    for line in lines:
        by_q = {o.quarter: o.amount for o in line.outcomes.all()}
        rows.append(FollowUpRow(line, [by_q.get(q) for q in (1, 2, 3, 4)], sum(by_q.values(), ZERO), line.forecast))
    return rows


def fee_history(*, years: int = 5, until: int | None = None) -> tuple[list[int], list[tuple[Organisation, list]]]:
    """The decided fee per organisation over the years: (years, [(organisation, [share per year])])."""
    decided = list(FeeDecision.objects.filter(superseded_by__isnull=True).order_by("-year").values_list("pk", "year"))
    if until:
        decided = [(pk, y) for pk, y in decided if y <= until]
    decided = sorted(decided[:years], key=lambda d: d[1])
    year_list = [y for _, y in decided]
    amounts: dict[tuple[int, int], Decimal] = {}
    pk_year = dict(decided)
    for decision_id, org_id, amount in FeeShare.objects.filter(decision_id__in=pk_year).values_list(
        "decision_id", "organisation_id", "amount"
    ):
        amounts[(org_id, pk_year[decision_id])] = amount
    rows = [(org, [amounts.get((org.pk, y)) for y in year_list]) for org in fee_payers()]
    return year_list, rows


def invoice_totals(year: int) -> dict[str, Decimal]:
    qs = Invoice.objects.filter(year=year)
    return {
        row["status"]: row["total"] for row in qs.values("status").annotate(total=Sum("amount")).order_by("status")
    }
