"""Each organisation's communication action plan, its measures and surveys, and the evaluation of the 22 organisations."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from governance.authority import require, today
from governance.web import submit

from .. import rules as plan_rules
from .. import selectors, services
from ..forms import (
    MeasureFollowUpForm,
    MeasureForm,
    SurveyForm,
    UnitPlanCreateForm,
    UnitPlanForm,
)
from ..models import (
    Measure,
    MeasureFollowUp,
    Survey,
    UnitActionPlan,
)
from .common import form_page, light_badges, light_filter


# --- Action plans and evaluation -----------------------------------------------------------------
@login_required
def evaluation(request, year: int):
    rows = selectors.evaluation_overview(year)
    lights = light_filter(request)  # only the organisations with a measure whose current light it is
    shown = [r for r in rows if r.has_light(lights["light"])] if lights["light"] else rows
    badges = light_badges()
    for r in shown:
        r.lights = [(badges[code], getattr(r, code)) for code in badges if getattr(r, code)]
    return render(request, "annualplan/evaluation.html", {
        "year": year, "rows": shown, "total": len(rows), "with_plan": sum(1 for r in rows if r.action_plan),
        "years": sorted({today().year - 1, today().year, today().year + 1, year}),
        "can_create": plan_rules.unit_plan_organisations(request.user).exists(),
        **lights,
    })


@login_required
def unit_plan_create(request):
    orgs = plan_rules.unit_plan_organisations(request.user)
    if not orgs:
        raise PermissionDenied(_("Only information managers and communicators write their organisation's "
                                 "action plan."))
    form = UnitPlanCreateForm(request.POST or None, organisations=orgs, initial={"year": today().year})
    return submit(
        request, form, lambda d: services.unit_plan_create(actor=request.user, **d),
        success=_("The action plan was created. Link it to the shared plan's goals."),
        then=lambda unit_plan: reverse("annualplan:unit_plan_edit", kwargs={"pk": unit_plan.pk}),
    ) or form_page(request, title=_("New action plan"), form=form, back="annualplan:evaluation_current")


@login_required
def unit_plan_detail(request, pk: int):
    try:
        unit_plan = selectors.unit_plan_detail(pk)
    except UnitActionPlan.DoesNotExist:
        unit_plan = get_object_or_404(UnitActionPlan, pk=pk)
    badges = light_badges()
    measures = list(unit_plan.measures.all())
    for m in measures:  # the current light: the latest quarter's follow-up (prefetched, in quarter order)
        ups = list(m.follow_ups.all())
        m.current = ups[-1] if ups else None
        m.light = badges[m.current.light] if m.current else None
    return render(request, "annualplan/unit_plan_detail.html", {
        "unit_plan": unit_plan, "measures": measures, "quarters": [1, 2, 3, 4],
        "can_edit": request.user.has_perm("annualplan.edit_unitactionplan", unit_plan),
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
    return submit(
        request, form,
        lambda d: services.unit_plan_update(unit_plan=unit_plan, actor=request.user, summary=d["summary"],
                                            goals=d["goals"], expected_version=d.get("version")),
        success=_("The action plan was saved."), then=unit_plan, saved=lambda: UnitActionPlan.objects.get(pk=pk),
    ) or form_page(request, title=_("Edit the action plan %(plan)s") % {"plan": unit_plan}, form=form,
                   back=unit_plan.get_absolute_url())


@login_required
def measure_create(request, pk: int):
    unit_plan = _unit_plan_for_edit(request, pk)
    form = MeasureForm(request.POST or None, unit_plan=unit_plan)
    return submit(request, form, lambda d: services.measure_save(unit_plan=unit_plan, actor=request.user, **d),
                  success=_("The measure was saved."), then=unit_plan) or form_page(
        request, title=_("New measure in %(plan)s") % {"plan": unit_plan}, form=form,
        back=unit_plan.get_absolute_url())


@login_required
def measure_edit(request, pk: int):
    measure = get_object_or_404(Measure.objects.select_related("action_plan"), pk=pk)
    unit_plan = _unit_plan_for_edit(request, measure.action_plan_id)
    form = MeasureForm(request.POST or None, instance=measure, unit_plan=unit_plan)
    return submit(
        request, form, lambda d: services.measure_save(unit_plan=unit_plan, measure=measure, actor=request.user, **d),
        success=_("The measure was saved."), then=unit_plan, saved=lambda: Measure.objects.get(pk=pk),
    ) or form_page(request, title=_("Edit the measure %(measure)s") % {"measure": measure}, form=form,
                   back=unit_plan.get_absolute_url())


@login_required
def measure_follow_up_edit(request, pk: int, quarter: int):
    """A measure's quarterly follow-up (its traffic light and analysis), by those who edit the measure."""
    measure = get_object_or_404(Measure.objects.select_related("action_plan"), pk=pk)
    if quarter not in (1, 2, 3, 4):
        raise PermissionDenied(_("A quarter is 1, 2, 3 or 4."))
    unit_plan = _unit_plan_for_edit(request, measure.action_plan_id)
    instance = MeasureFollowUp.objects.filter(measure=measure, quarter=quarter).first()
    form = MeasureFollowUpForm(request.POST or None,
                               instance=instance or MeasureFollowUp(measure=measure, quarter=quarter))
    return submit(
        request, form,
        lambda d: services.measure_follow_up_record(measure=measure, quarter=quarter, light=d["light"],
                                                    analysis=d["analysis"], actor=request.user,
                                                    expected_version=d.get("version")),
        success=_("The follow-up was saved."), then=unit_plan,
        saved=lambda: MeasureFollowUp.objects.get(measure=measure, quarter=quarter),
    ) or form_page(request, title=_("Follow-up Q%(q)s: %(measure)s") % {"q": quarter, "measure": measure},
                   form=form, back=unit_plan.get_absolute_url())


@login_required
def survey_add(request, pk: int):
    unit_plan = _unit_plan_for_edit(request, pk)
    form = SurveyForm(request.POST or None)
    return submit(request, form, lambda d: services.survey_save(unit_plan=unit_plan, actor=request.user, **d),
                  success=_("The survey was added."), then=unit_plan) or form_page(
        request, title=_("Add a survey to %(plan)s") % {"plan": unit_plan}, form=form,
        back=unit_plan.get_absolute_url())


@login_required
def survey_edit(request, pk: int):
    survey = get_object_or_404(Survey.objects.select_related("action_plan"), pk=pk)
    unit_plan = _unit_plan_for_edit(request, survey.action_plan_id)
    form = SurveyForm(request.POST or None, instance=survey)
    return submit(
        request, form, lambda d: services.survey_save(unit_plan=unit_plan, survey=survey, actor=request.user, **d),
        success=_("The survey was saved."), then=unit_plan, saved=lambda: Survey.objects.get(pk=pk),
    ) or form_page(request, title=_("Edit the survey %(survey)s") % {"survey": survey}, form=form,
                   back=unit_plan.get_absolute_url())


@login_required
def evaluation_current(request):
    return redirect("annualplan:evaluation", year=today().year)

