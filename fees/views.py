"""Thin views: permission first, one service call per POST, ValidationError shown on the form."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.authority import require
from governance.selectors import fee_payers, today

from . import charts, exports, selectors, services
from .forms import (
    BudgetCreateForm,
    BudgetForm,
    BudgetLineFormSet,
    CreditForm,
    CsvUploadForm,
    DecideForm,
    FollowUpForm,
    InvoiceGenerateForm,
    PaidForm,
    ProposalForm,
)
from .models import Budget, FeeDecision, FeeProposal, Invoice
from .rules import visible_budgets, visible_invoices


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


def _errors(exc: ValidationError) -> list[str]:
    return list(exc.messages)


# --- Overview -------------------------------------------------------------------------------------
@login_required
def overview(request):
    budgets = selectors.budgets_overview(visible_budgets(request.user))
    return render(request, "fees/overview.html", {
        "budgets": budgets,
        "can_create": request.user.has_perm("fees.create_budget"),
        "my_invoices": list(selectors.invoices(visible_invoices(request.user)).filter(
            organisation=request.user.organisation)[:5]),
    })


# --- Budget ---------------------------------------------------------------------------------------
@login_required
def budget_create(request):
    require(request.user, "fees.create_budget")
    form = BudgetCreateForm(request.POST or None, initial={"year": today().year + 1})
    if request.method == "POST" and form.is_valid():
        try:
            budget = services.budget_create(year=form.cleaned_data["year"], actor=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The budget for %(year)s was created.") % {"year": budget.year})
            return redirect(budget)
    return render(request, "fees/budget_create.html", {"form": form})


@login_required
def budget_detail(request, year: int):
    budget = _budget(request.user, year)
    summary = selectors.budget_summary(budget)
    proposals = list(budget.proposals.select_related("decision").order_by("-number"))
    return render(request, "fees/budget_detail.html", {
        "budget": budget,
        "summary": summary,
        "proposals": proposals,
        "draft": next((p for p in proposals if p.status == FeeProposal.Status.DRAFT), None),
        "decision": selectors.current_decision(year),
        "staff_by_org": selectors.staff_costs_by_organisation(year),
        "can_edit": request.user.has_perm("fees.edit_budget", budget),
        "can_propose": request.user.has_perm("fees.propose_fee", budget),
    })


@login_required
def budget_edit(request, year: int):
    budget = _budget(request.user, year, "fees.edit_budget")
    lines = list(selectors.budget_lines(budget))
    manual = [line for line in lines if not line.from_plan]
    initial = {"version": budget.version, "carry_over": budget.carry_over, "other_income": budget.other_income,
               "development_funds": budget.development_funds, "system_owner": budget.system_owner,
               "notes": budget.notes}
    form = BudgetForm(request.POST or None, initial=initial,
                      can_change_owner=request.user.has_perm("fees.change_system_owner", budget))
    formset = BudgetLineFormSet(
        request.POST or None, prefix="lines",
        initial=[{"id": ln.pk, "category": ln.category, "description": ln.description, "amount": ln.amount}
                 for ln in manual],
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = form.cleaned_data
        rows = [
            {"id": f.cleaned_data.get("id"), "category": f.cleaned_data["category"],
             "description": f.cleaned_data.get("description", ""), "amount": f.cleaned_data["amount"],
             "delete": f.cleaned_data.get("DELETE", False)}
            for f in formset.forms if f.cleaned_data and f.cleaned_data.get("amount") is not None
        ]
        try:
            services.budget_update(
                budget=budget, actor=request.user, version=data["version"], carry_over=data["carry_over"],
                other_income=data["other_income"], development_funds=data["development_funds"],
                system_owner=data["system_owner"], notes=data["notes"], lines=rows,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The budget was saved."))
            return redirect(budget)
    return render(request, "fees/budget_edit.html", {
        "budget": budget, "form": form, "formset": formset, "plan_lines": [ln for ln in lines if ln.from_plan],
    })


@login_required
@require_POST
def budget_refresh_staff(request, year: int):
    budget = _budget(request.user, year, "fees.edit_budget")
    try:
        services.budget_refresh_staff_costs(budget=budget, actor=request.user)
    except ValidationError as exc:
        for m in _errors(exc):
            messages.error(request, m)
    else:
        messages.success(request, _("Staff costs were updated from the operating plan."))
    return redirect(budget)


# --- Fee proposal ---------------------------------------------------------------------------------
@login_required
@require_POST
def proposal_create(request, year: int):
    budget = _budget(request.user, year, "fees.propose_fee")
    try:
        proposal = services.proposal_create(budget=budget, actor=request.user)
    except ValidationError as exc:
        for m in _errors(exc):
            messages.error(request, m)
        return redirect(budget)
    return redirect("fees:proposal_edit", pk=proposal.pk)


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
    if request.method == "POST" and not proposal.is_locked and form.is_valid():
        d = form.cleaned_data
        try:
            services.proposal_update(
                proposal=proposal, actor=request.user, version=d["version"], method=d["method"],
                adjustment=d["adjustment"], motivation=d["motivation"], weight_label=d["weight_label"],
                entries=form.entries(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The fee proposal was saved."))
            return redirect(proposal)
    summary = selectors.budget_summary(proposal.budget)
    return render(request, "fees/proposal_edit.html", {
        "proposal": proposal, "budget": proposal.budget, "form": form, "summary": summary,
    })


@login_required
def proposal_import_weights(request, pk: int):
    proposal = _proposal(request.user, pk, "fees.propose_fee")
    form = CsvUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_import_weights(proposal=proposal, actor=request.user, text=form.cleaned_data["file"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The weights were imported."))
            return redirect(proposal)
    return render(request, "fees/proposal_import.html", {"proposal": proposal, "form": form})


@login_required
@require_POST
def proposal_decide(request, pk: int):
    proposal = _proposal(request.user, pk, "fees.decide_fee")
    form = DecideForm(request.POST)
    if form.is_valid():
        try:
            decision = services.proposal_decide(
                proposal=proposal, actor=request.user, decided_on=form.cleaned_data["decided_on"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The fee for %(year)s is decided.") % {"year": decision.year})
            return redirect(decision)
    # The page again, with the director's input and the errors beside it.
    return _proposal_page(request, proposal, decide_form=form)


# --- Decision and invoices ------------------------------------------------------------------------
@login_required
def decision_detail(request, pk: int):
    decision, budget = _decision(request.user, pk)
    rows = selectors.decision_rows(decision)
    chart = charts.bar_chart(
        _("Fee per organisation"), [r.organisation.short_name for r in rows],
        [(_("Decided %(year)s") % {"year": decision.year}, [r.share for r in rows]),
         (_("Decided %(year)s") % {"year": decision.year - 1}, [r.previous for r in rows])],
    )
    superseded_by = FeeDecision.objects.filter(supersedes=decision).first()
    can_issue = request.user.has_perm("fees.issue_invoices", budget) and superseded_by is None
    return render(request, "fees/decision_detail.html", {
        "decision": decision, "budget": budget, "rows": rows, "chart": chart, "superseded_by": superseded_by,
        "total": sum((r.share for r in rows), 0),
        "invoices": list(selectors.invoices_of_decision(decision)) if request.user.has_perm("fees.issue_invoices", budget) else [],
        "can_issue": can_issue and not decision.invoices.exists(),
        "can_export": request.user.has_perm("fees.issue_invoices", budget),
        "generate_form": InvoiceGenerateForm(initial={"issue_date": today(), "payment_days": 30}),
        "history": list(selectors.decisions_of(decision.year)),
    })


@login_required
@require_POST
def invoices_generate(request, pk: int):
    decision, budget = _decision(request.user, pk, "fees.issue_invoices")
    form = InvoiceGenerateForm(request.POST)
    if form.is_valid():
        try:
            created = services.invoices_generate(
                decision=decision, actor=request.user, issue_date=form.cleaned_data["issue_date"],
                payment_days=form.cleaned_data["payment_days"],
            )
        except ValidationError as exc:
            for m in _errors(exc):
                messages.error(request, m)
        else:
            messages.success(request, _("%(n)d invoices were created as drafts.") % {"n": len(created)})
    else:
        for errors in form.errors.values():
            for m in errors:
                messages.error(request, m)
    return redirect(decision)


@login_required
def invoice_list(request):
    year = request.GET.get("year")
    status = request.GET.get("status")
    qs = selectors.invoices(visible_invoices(request.user), year=int(year) if year and year.isdigit() else None,
                            status=status if status in Invoice.Status.values else None)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    day = today()
    return render(request, "fees/invoice_list.html", {
        "page": page, "today": day, "statuses": Invoice.Status.choices, "status": status, "year": year,
    })


@login_required
def invoice_detail(request, pk: int):
    invoice = _invoice(request.user, pk)
    day = today()
    return render(request, "fees/invoice_detail.html", {
        "invoice": invoice, "today": day, "overdue": invoice.is_overdue_on(day),
        "can_manage": request.user.has_perm("fees.manage_invoice", invoice),
        "paid_form": PaidForm(initial={"paid_on": day}), "credit_form": CreditForm(),
        "credit_note": Invoice.objects.filter(credits=invoice).first(),
    })


def _invoice_action(request, pk, action):
    invoice = _invoice(request.user, pk)
    require(request.user, "fees.manage_invoice", invoice)
    try:
        action(invoice)
    except ValidationError as exc:
        for m in _errors(exc):
            messages.error(request, m)
    return redirect(invoice)


@login_required
@require_POST
def invoice_send(request, pk: int):
    def act(invoice):
        services.invoice_send(invoice=invoice, actor=request.user)
        messages.success(request, _("The invoice is marked as sent."))
    return _invoice_action(request, pk, act)


@login_required
@require_POST
def invoice_paid(request, pk: int):
    form = PaidForm(request.POST)

    def act(invoice):
        if not form.is_valid():
            raise ValidationError(_("Give the date the payment arrived."))
        services.invoice_mark_paid(invoice=invoice, actor=request.user, paid_on=form.cleaned_data["paid_on"])
        messages.success(request, _("The invoice is marked as paid."))
    return _invoice_action(request, pk, act)


@login_required
@require_POST
def invoice_credit(request, pk: int):
    form = CreditForm(request.POST)

    def act(invoice):
        if not form.is_valid():
            raise ValidationError(_("A credit note needs a reason."))
        note = services.invoice_credit(invoice=invoice, actor=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("Credit note %(number)s was issued.") % {"number": note.number})
    return _invoice_action(request, pk, act)


def _export_invoices(request, year):
    budget = _budget(request.user, year, "fees.issue_invoices")
    return list(selectors.invoices(year=budget.year).order_by("sequence"))


@login_required
def invoices_export_csv(request, year: int):
    rows = _export_invoices(request, year)
    response = HttpResponse(exports.invoices_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="fakturor-{year}.csv"'
    return response


@login_required
def invoices_export_xlsx(request, year: int):
    rows = _export_invoices(request, year)
    response = HttpResponse(
        exports.invoices_xlsx(rows, year=year),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="fakturor-{year}.xlsx"'
    return response


# --- Follow-up ------------------------------------------------------------------------------------
@login_required
def followup(request, year: int):
    budget = _budget(request.user, year)
    rows = selectors.followup_rows(budget)
    chart = charts.bar_chart(
        _("Budget and outcome per line"), [str(r.line) for r in rows],
        [(_("Budget"), [r.line.amount for r in rows]), (_("Outcome"), [r.outcome for r in rows]),
         (_("Forecast"), [r.forecast for r in rows])],
    )
    totals = {
        "budget": sum((r.line.amount for r in rows), 0),
        "quarters": [sum((r.quarters[q] or 0 for r in rows), 0) for q in range(4)],
        "outcome": sum((r.outcome for r in rows), 0),
        "forecast": sum((r.forecast or 0 for r in rows), 0),
    }
    return render(request, "fees/followup.html", {
        "budget": budget, "rows": rows, "chart": chart, "totals": totals,
        "can_follow_up": request.user.has_perm("fees.follow_up_budget", budget), "upload_form": CsvUploadForm(),
    })


@login_required
def followup_edit(request, year: int):
    budget = _budget(request.user, year, "fees.follow_up_budget")
    form = FollowUpForm(request.POST or None, lines=selectors.followup_rows(budget))
    if request.method == "POST" and form.is_valid():
        try:
            services.followup_save(budget=budget, actor=request.user, outcomes=form.outcomes(),
                                   forecasts=form.forecasts())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The follow-up was saved."))
            return redirect("fees:followup", year=year)
    return render(request, "fees/followup_edit.html", {"budget": budget, "form": form})


@login_required
def followup_import(request, year: int):
    budget = _budget(request.user, year, "fees.follow_up_budget")
    form = CsvUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            n = services.followup_import(budget=budget, actor=request.user, text=form.cleaned_data["file"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("%(n)d outcomes were imported.") % {"n": n})
            return redirect("fees:followup", year=year)
    return render(request, "fees/followup_import.html", {"budget": budget, "form": form})


@login_required
def fee_history(request):
    if not visible_budgets(request.user).exists():
        raise PermissionDenied
    years, rows = selectors.fee_history(years=6)
    chart = None
    if years:
        chart = charts.bar_chart(
            _("Fee per organisation over the years"), [org.short_name for org, _v in rows],
            [(str(y), [vals[i] for _o, vals in rows]) for i, y in enumerate(years[-3:], start=len(years) - min(3, len(years)))],
        )
    return render(request, "fees/fee_history.html", {"years": years, "rows": rows, "chart": chart})

