"""The fee proposal, its allocation and the county directors' decision."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.authority import require, today
from governance.people.selectors import fee_payers
from governance.web import act, submit

from .. import charts, selectors, services
from ..forms import (
    CsvUploadForm,
    DecideForm,
    ProposalForm,
)
from ..models import FeeProposal
from .common import _budget, _proposal


# --- Fee proposal ---------------------------------------------------------------------------------
@login_required
@require_POST
def proposal_create(request, year: int):
    budget = _budget(request.user, year, "fees.propose_fee")
    # The new proposal opens in its editor; a refusal goes back to the budget.
    return act(request, lambda: services.proposal_create(budget=budget, actor=request.user), success=None,
               then=lambda proposal: reverse("fees:proposal_edit", kwargs={"pk": proposal.pk}) if proposal else budget)


@login_required
def proposal_detail(request, pk: int):
    proposal = get_object_or_404(FeeProposal.objects.select_related("budget", "budget__system_owner"), pk=pk)
    return _proposal_page(request, proposal)


def _proposal_page(request, proposal: FeeProposal, decide_form: DecideForm | None = None):
    """The proposal: its total, the allocation and the chart, and what the user may do with it."""
    user, budget = request.user, proposal.budget
    require(user, "fees.view_budget", budget)
    summary = selectors.budget_summary(budget)
    preview = selectors.proposal_preview(proposal, summary)
    chart = None
    if not preview.error:
        chart = charts.bar_chart(
            _("Fee per organisation"), [r.organisation.short_name for r in preview.rows],
            [(_("Proposed %(year)s") % {"year": budget.year}, [r.share for r in preview.rows]),
             (_("Decided %(year)s") % {"year": budget.year - 1}, [r.previous for r in preview.rows])],
        )
    can_decide = user.has_perm("fees.decide_fee", budget) and not proposal.is_locked
    return render(request, "fees/proposal_detail.html", {
        "proposal": proposal, "budget": budget, "summary": summary, "preview": preview, "chart": chart,
        "decision": getattr(proposal, "decision", None) if proposal.is_locked else None,
        "total_now": selectors.proposal_total(proposal, summary),
        "can_prepare": user.has_perm("fees.propose_fee", budget) and not proposal.is_locked,
        "can_decide": can_decide,
        "current_decision": selectors.current_decision(budget.year) if can_decide else None,
        "decide_form": decide_form or DecideForm(initial={"decided_on": today()}),
    })


@login_required
def proposal_edit(request, pk: int):
    proposal = _proposal(request.user, pk, "fees.propose_fee")
    entries = list(selectors.key_entries(proposal))
    organisations = [e.organisation for e in entries] or list(fee_payers())
    initial = {"version": proposal.version, "method": proposal.method, "adjustment": proposal.adjustment,
               "motivation": proposal.motivation, "weight_label": proposal.weight_label}
    for e in entries:
        initial[f"weight_{e.organisation.code}"] = e.weight
        initial[f"fixed_{e.organisation.code}"] = e.fixed_amount
    form = ProposalForm(request.POST or None, initial=initial, organisations=organisations)
    if proposal.is_locked:
        form.add_error(None, _("This fee proposal is decided and its allocation is locked. A correction is "
                               "prepared as a new proposal and decided as a new version."))
    # A locked proposal's form carries the error above, so it is never valid and submit saves nothing.
    return submit(
        request, form,
        lambda d: services.proposal_update(
            proposal=proposal, actor=request.user, version=d["version"], method=d["method"],
            adjustment=d["adjustment"], motivation=d["motivation"], weight_label=d["weight_label"],
            entries=form.entries(),
        ),
        success=_("The fee proposal was saved."), then=proposal,
        saved=lambda: FeeProposal.objects.get(pk=proposal.pk),
    ) or render(request, "fees/proposal_edit.html", {
        "proposal": proposal, "budget": proposal.budget, "form": form,
        "summary": selectors.budget_summary(proposal.budget),
    })


@login_required
def proposal_import_weights(request, pk: int):
    proposal = _proposal(request.user, pk, "fees.propose_fee")
    form = CsvUploadForm(request.POST or None, request.FILES or None)
    return submit(
        request, form, lambda d: services.proposal_import_weights(proposal=proposal, actor=request.user, text=d["file"]),
        success=_("The weights were imported."), then=proposal,
    ) or render(request, "fees/proposal_import.html", {"proposal": proposal, "form": form})


@login_required
@require_POST
def proposal_decide(request, pk: int):
    proposal = _proposal(request.user, pk, "fees.decide_fee")
    form = DecideForm(request.POST)
    # Refused: the page again, with the director's input and the errors beside it.
    return submit(
        request, form,
        lambda d: services.proposal_decide(proposal=proposal, actor=request.user, decided_on=d["decided_on"],
                                           reason=d["reason"]),
        success=lambda decision: _("The fee for %(year)s is decided.") % {"year": decision.year},
        then=lambda decision: decision,
    ) or _proposal_page(request, proposal, decide_form=form)
