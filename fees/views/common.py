"""What the fee pages share: the budget, proposal, decision or invoice of the URL, asked with its rule."""
from __future__ import annotations

from django.shortcuts import get_object_or_404

from governance.authority import require

from .. import selectors
from ..models import Budget, FeeDecision, FeeProposal, Invoice
from ..rules import visible_invoices


def _budget(user, year: int, perm: str = "fees.view_budget") -> Budget:
    budget = get_object_or_404(Budget.objects.select_related("system_owner"), year=year)
    require(user, perm, budget)
    return budget


def _proposal(user, pk: int, perm: str = "fees.view_budget") -> FeeProposal:
    proposal = get_object_or_404(FeeProposal.objects.select_related("budget", "budget__system_owner"), pk=pk)
    require(user, perm, proposal.budget)
    return proposal


def _decision(user, pk: int, perm: str = "fees.view_budget") -> tuple[FeeDecision, Budget]:
    decision = get_object_or_404(FeeDecision.objects.select_related("proposal", "supersedes", "decided_by"), pk=pk)
    budget = Budget.objects.select_related("system_owner").get(year=decision.year)
    require(user, perm, budget)
    return decision, budget


def _invoice(user, pk: int) -> Invoice:
    """Another organisation's invoice is 404, never a peek."""
    return get_object_or_404(selectors.invoices(visible_invoices(user)), pk=pk)

