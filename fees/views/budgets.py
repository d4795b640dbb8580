"""The budget overview, the year's budget and its follow-up, the fee history."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.authority import require, today
from governance.web import act, submit

from .. import charts, integrations, selectors, services
from ..forms import (
    BudgetCreateForm,
    BudgetForm,
    BudgetLineFormSet,
    CsvUploadForm,
    FollowUpForm,
)
from ..models import ZERO, Budget, BudgetLine, FeeProposal
from ..rules import visible_budgets, visible_invoices
from .common import _budget


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
    return submit(
        request, form, lambda d: services.budget_create(year=d["year"], actor=request.user),
        success=lambda budget: _("The budget for %(year)s was created.") % {"year": budget.year},
        then=lambda budget: budget,
    ) or render(request, "fees/budget_create.html", {"form": form})


@login_required
def budget_detail(request, year: int):
    if not Budget.objects.filter(year=year).exists():
        # A year without a budget yet (the plan page links here for every year): say so, and offer
        # to draw it up to who may; the page is still refused to who may not read budgets.
        require(request.user, "fees.view_budget", None)
        return render(request, "fees/budget_missing.html", {
            "year": year, "can_create": request.user.has_perm("fees.create_budget")})
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
        "plan_costs": plan_side(summary),
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

    def save(data):
        rows = [
            {"id": f.cleaned_data.get("id"), "category": f.cleaned_data["category"],
             "description": f.cleaned_data.get("description", ""), "amount": f.cleaned_data["amount"],
             "delete": f.cleaned_data.get("DELETE", False)}
            for f in formset.forms if f.cleaned_data and f.cleaned_data.get("amount") is not None
        ]
        return services.budget_update(
            budget=budget, actor=request.user, version=data["version"], carry_over=data["carry_over"],
            other_income=data["other_income"], development_funds=data["development_funds"],
            system_owner=data["system_owner"], notes=data["notes"], lines=rows,
        )

    return submit(
        request, form, save, formsets=[formset], success=_("The budget was saved."), then=budget,
        saved=lambda: Budget.objects.select_related("system_owner").get(pk=budget.pk),
    ) or render(request, "fees/budget_edit.html", {
        "budget": budget, "form": form, "formset": formset, "plan_lines": [ln for ln in lines if ln.from_plan],
    })


@login_required
@require_POST
def budget_refresh_staff(request, year: int):
    budget = _budget(request.user, year, "fees.edit_budget")
    return act(request, lambda: services.budget_refresh_staff_costs(budget=budget, actor=request.user),
               success=_("Staff costs were updated from the operating plan."), then=budget)



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
    return submit(
        request, form,
        lambda d: services.followup_save(budget=budget, actor=request.user, outcomes=form.outcomes(),
                                         forecasts=form.forecasts()),
        success=_("The follow-up was saved."), then=reverse("fees:followup", kwargs={"year": year}),
    ) or render(request, "fees/followup_edit.html", {"budget": budget, "form": form})


@login_required
def followup_import(request, year: int):
    budget = _budget(request.user, year, "fees.follow_up_budget")
    form = CsvUploadForm(request.POST or None, request.FILES or None)
    return submit(
        request, form, lambda d: services.followup_import(budget=budget, actor=request.user, text=d["file"]),
        success=lambda n: _("%(n)d outcomes were imported.") % {"n": n},
        then=reverse("fees:followup", kwargs={"year": year}),
    ) or render(request, "fees/followup_import.html", {"budget": budget, "form": form})


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


def plan_side(summary) -> dict | None:
    """The budget beside the year's operating plan: the activities' own budgets against the cost
    lines other than staff, and the plan's staff compensation against the staff line."""
    costs = integrations.plan_costs(summary.budget.year)
    if costs is None:
        return None
    staff_line = sum((line.amount for line in summary.lines if line.category == BudgetLine.Category.STAFF), ZERO)
    other_lines = summary.total - staff_line
    return {"costs": costs, "staff_line": staff_line, "other_lines": other_lines,
            "other_difference": other_lines - costs.activities, "staff_difference": staff_line - costs.staff}
