"""Each organisation's communication action plan, its measures and surveys, and the evaluation of the 22 organisations."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from governance.authority import require, today

from .. import rules as plan_rules
from .. import selectors, services
from ..forms import (
    MeasureForm,
    SurveyForm,
    UnitPlanCreateForm,
    UnitPlanForm,
)
from ..models import (
    Measure,
    UnitActionPlan,
)
from .common import form_page, is_conflict, show_errors


# --- Action plans and evaluation -----------------------------------------------------------------
@login_required
def evaluation(request, year: int):
    rows = selectors.evaluation_overview(year)
    return render(request, "annualplan/evaluation.html", {
        "year": year, "rows": rows, "with_plan": sum(1 for r in rows if r.action_plan),
        "years": sorted({today().year - 1, today().year, today().year + 1, year}),
        "can_create": plan_rules.unit_plan_organisations(request.user).exists(),
    })


@login_required
def unit_plan_create(request):
    orgs = plan_rules.unit_plan_organisations(request.user)
    if not orgs:
        raise PermissionDenied(_("Only information managers and communicators write their organisation's "
                                 "action plan."))
    form = UnitPlanCreateForm(request.POST or None, organisations=orgs, initial={"year": today().year})
    if request.method == "POST" and form.is_valid():
        try:
            unit_plan = services.unit_plan_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The action plan was created. Link it to the shared plan's goals."))
            return redirect("annualplan:unit_plan_edit", pk=unit_plan.pk)
    return form_page(request, title=_("New action plan"), form=form, back="annualplan:evaluation_current")


@login_required
def unit_plan_detail(request, pk: int):
    try:
        unit_plan = selectors.unit_plan_detail(pk)
    except UnitActionPlan.DoesNotExist:
        unit_plan = get_object_or_404(UnitActionPlan, pk=pk)
    return render(request, "annualplan/unit_plan_detail.html", {
        "unit_plan": unit_plan, "can_edit": request.user.has_perm("annualplan.edit_unitactionplan", unit_plan),
    })


def _unit_plan_for_edit(request, pk: int) -> UnitActionPlan:
    unit_plan = get_object_or_404(UnitActionPlan.objects.select_related("organisation", "plan"), pk=pk)
    require(request.user, "annualplan.edit_unitactionplan", unit_plan, message=_("Only the people of %(org)s write its action plan.")
                               % {"org": unit_plan.organisation.short_name})
    return unit_plan


@login_required
def unit_plan_edit(request, pk: int):
    unit_plan = _unit_plan_for_edit(request, pk)
    form = UnitPlanForm(request.POST or None, instance=unit_plan)
    current = None
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_plan_update(unit_plan=unit_plan, actor=request.user, summary=form.cleaned_data["summary"],
                                      goals=form.cleaned_data["goals"],
                                      expected_version=form.cleaned_data.get("version"))
        except ValidationError as exc:
            show_errors(form, exc)
            if is_conflict(exc):
                fresh = UnitActionPlan.objects.get(pk=pk)
                form.refresh_version(fresh.version)
                current = [(_("Summary"), fresh.summary)]
        else:
            messages.success(request, _("The action plan was saved."))
            return redirect(unit_plan)
    return form_page(request, title=_("Edit the action plan %(plan)s") % {"plan": unit_plan}, form=form,
                     back=unit_plan.get_absolute_url(), current=current)


@login_required
def measure_create(request, pk: int):
    unit_plan = _unit_plan_for_edit(request, pk)
    form = MeasureForm(request.POST or None, unit_plan=unit_plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_save(unit_plan=unit_plan, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The measure was saved."))
            return redirect(unit_plan)
    return form_page(request, title=_("New measure in %(plan)s") % {"plan": unit_plan}, form=form,
                     back=unit_plan.get_absolute_url())


@login_required
def measure_edit(request, pk: int):
    measure = get_object_or_404(Measure.objects.select_related("action_plan"), pk=pk)
    unit_plan = _unit_plan_for_edit(request, measure.action_plan_id)
    form = MeasureForm(request.POST or None, instance=measure, unit_plan=unit_plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_save(unit_plan=unit_plan, measure=measure, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The measure was saved."))
            return redirect(unit_plan)
    return form_page(request, title=_("Edit the measure %(measure)s") % {"measure": measure}, form=form,
                     back=unit_plan.get_absolute_url())


@login_required
def survey_add(request, pk: int):
    unit_plan = _unit_plan_for_edit(request, pk)
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_add(unit_plan=unit_plan, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The survey was added."))
            return redirect(unit_plan)
    return form_page(request, title=_("Add a survey to %(plan)s") % {"plan": unit_plan}, form=form,
                     back=unit_plan.get_absolute_url())


@login_required
def evaluation_current(request):
    return redirect("annualplan:evaluation", year=today().year)

