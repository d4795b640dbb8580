"""The plan's workflow (consultation, votes, the fee decision, follow-up, closing), its versions, the quarterly follow-up and the exports."""
from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.authority import require, today
from governance.records.archive import archive_response
from governance.web import act, confirm, submit

from .. import exports, selectors, services
from .. import rules as plan_rules
from ..compare import compare
from ..forms import (
    ConsultationAnswerForm,
    ConsultationOpenForm,
    FollowUpForm,
    VoteForm,
)
from ..models import (
    ConsultationAnswer,
    FollowUp,
    Plan,
    PlanVersion,
)
from .common import _plan, form_page
from .plans import _activity


# --- Workflow -----------------------------------------------------------------------------------
@login_required
@require_POST
def plan_open_consultation(request, year: int):
    plan = _plan(year)
    require(request.user, "annualplan.direct_plan", plan, message=_("Only the chair of the steering group can open the consultation."))
    form = ConsultationOpenForm(request.POST)
    if not form.is_valid():  # the form is on the plan page: its errors are a message there
        messages.error(request, _("Give a valid deadline for the answers."))
        return redirect(plan)
    return act(request, lambda: services.plan_open_consultation(plan=plan, deadline=form.cleaned_data["deadline"],
                                                                actor=request.user),
               success=_("The plan is out for consultation."), then=plan)


def _transition(request, year, service, permission, refusal, success):
    plan = _plan(year)
    require(request.user, permission, plan, message=refusal)
    return act(request, lambda: service(plan=plan, actor=request.user), success=success, then=plan)


@login_required
@require_POST
def plan_close_consultation(request, year: int):
    plan = _plan(year)
    require(request.user, "annualplan.direct_plan", plan,
            message=_("Only the chair of the steering group can close the consultation."))
    rows = selectors.consultation_status(plan)
    answered = sum(1 for r in rows if r.answer is not None)
    done = confirm(
        request, action=_("Close the consultation"), back=plan,
        consequences=[_("The organisations can no longer answer the consultation."),
                      _("%(answered)s of %(expected)s organisations have answered.")
                      % {"answered": answered, "expected": len(rows)}],
        missing=[r.organisation.short_name for r in rows if r.answer is None],
        missing_title=_("Organisations that have not answered"),
    )
    return done or _transition(request, year, services.plan_close_consultation, "annualplan.direct_plan",
                       _("Only the chair of the steering group can close the consultation."),
                       _("The consultation is closed; the plan can be revised and voted on."))


@login_required
@require_POST
def plan_start_follow_up(request, year: int):
    return _transition(request, year, services.plan_start_follow_up, "annualplan.direct_plan",
                       _("Only the chair of the steering group can start the follow-up."),
                       _("The follow-up has started."))


@login_required
@require_POST
def plan_close(request, year: int):
    return _transition(request, year, services.plan_close, "annualplan.direct_plan",
                       _("Only the chair of the steering group can close the plan."), _("The plan is closed."))


@login_required
@require_POST
def plan_mark_fee_decided(request, year: int):
    return _transition(request, year, services.plan_mark_fee_decided, "annualplan.record_fee_decision",
                       _("Only the county directors' group or the steering group chair can record the fee "
                         "decision."), _("The fee decision is recorded."))


@login_required
@require_POST
def plan_save_version(request, year: int):
    return _transition(request, year, services.plan_save_version, "annualplan.edit_plan",
                       _("Only the steering group can save a version of the plan."), _("A version was saved."))


@login_required
@require_POST
def plan_vote(request, year: int):
    plan = _plan(year)
    require(request.user, "annualplan.vote_plan", plan, message=_("Only the members of the sitting steering group vote on the plan."))
    form = VoteForm(request.POST)
    if not form.is_valid():  # the form is on the plan page: its errors are a message there
        messages.error(request, _("Choose approve or reject."))
        return redirect(plan)

    def vote():
        services.plan_vote(plan=plan, actor=request.user, **form.cleaned_data)
        plan.refresh_from_db()
        return plan.status == Plan.Status.ADOPTED  # this vote decided the plan

    return act(request, vote, then=plan, success=lambda adopted: (
        _("Your vote is recorded. The plan is adopted.") if adopted else _("Your vote is recorded.")))


@login_required
def consultation_answer(request, year: int):
    plan = _plan(year)
    orgs = list(plan_rules.answering_organisations(request.user))
    if not orgs:
        raise PermissionDenied(_("Only information managers, or their deputies, answer the consultation, for "
                                 "their own organisation."))
    existing = ConsultationAnswer.objects.filter(plan=plan, organisation=orgs[0]).first()
    initial = {"position": existing.position, "comments": existing.comments} if existing else {}
    form = ConsultationAnswerForm(request.POST or None, organisations=orgs, initial=initial)
    intro = ""
    if plan.status != Plan.Status.CONSULTATION:
        intro = _("The plan is not out for consultation.")
    elif plan.consultation_deadline:
        intro = _("Answer by %(deadline)s.") % {"deadline": plan.consultation_deadline.isoformat()}
    return submit(request, form, lambda d: services.consultation_answer(plan=plan, actor=request.user, **d),
                  success=_("Your answer is recorded. Thank you."), then=plan) or form_page(
        request, title=_("Answer the consultation on %(plan)s") % {"plan": plan}, form=form,
        back=plan.get_absolute_url(), intro=intro, submit=_("Send the answer"),
        editable=plan.status == Plan.Status.CONSULTATION)


@login_required
def consultation_status(request, year: int):
    plan = _plan(year)
    rows = selectors.consultation_status(plan)
    return render(request, "annualplan/consultation_status.html", {
        "plan": plan, "rows": rows, "answered": sum(1 for r in rows if r.answer), "expected": len(rows),
    })


# --- Versions -----------------------------------------------------------------------------------
@login_required
def plan_versions(request, year: int):
    plan = _plan(year)
    return render(request, "annualplan/plan_versions.html", {
        "plan": plan, "versions": plan.versions.select_related("created_by").order_by("-number"),
        "can_edit": request.user.has_perm("annualplan.edit_plan", plan),
    })


@login_required
def plan_compare(request, year: int, number: int):
    plan = _plan(year)
    version = get_object_or_404(PlanVersion, plan=plan, number=number)
    previous = PlanVersion.objects.filter(plan=plan, number__lt=number).order_by("-number").first()
    comparison = compare(previous.snapshot if previous else {}, version.snapshot)
    return render(request, "annualplan/plan_compare.html", {
        "plan": plan, "version": version, "previous": previous, "comparison": comparison,
    })


# --- Follow-up ----------------------------------------------------------------------------------
@login_required
def follow_up(request, year: int):
    plan = _plan(year)
    activities = list(selectors.plan_activities(plan))
    summary = selectors.follow_up_summary(plan, activities)
    labels = {"budget": _("Budget"), "spent": _("Outcome to date"), "forecast": _("Forecast")}
    chart_rows = [{"label": a["area"].name, "budget": a["budget"], "spent": a["spent"], "forecast": a["forecast"]}
                  for a in summary.by_area]
    svg = mark_safe(exports.follow_up_svg(chart_rows, title=_("Budget, outcome and forecast by area"), labels=labels))  # escaped inside
    return render(request, "annualplan/follow_up.html", {
        "plan": plan, "summary": summary, "chart": svg, "quarter": selectors.quarter_of(today()),
        "can_follow_up": request.user.has_perm("annualplan.edit_plan", plan) and plan.status == Plan.Status.FOLLOW_UP,
    })


@login_required
def follow_up_edit(request, pk: int, quarter: int):
    activity = _activity(pk)
    if quarter not in (1, 2, 3, 4):
        raise PermissionDenied(_("A quarter is 1, 2, 3 or 4."))
    require(request.user, "annualplan.record_follow_up", activity, message=_("Only the steering group or the activity's responsible person can record its "
                                 "follow-up."))
    instance = FollowUp.objects.filter(activity=activity, quarter=quarter).first()
    form = FollowUpForm(request.POST or None, instance=instance or FollowUp(activity=activity, quarter=quarter))
    editable = activity.plan.status == Plan.Status.FOLLOW_UP
    intro = "" if editable else _("The plan is %(status)s; follow-ups are recorded while it is in follow-up.") % {
        "status": activity.plan.get_status_display().lower()}
    return submit(
        request, form,
        lambda d: services.follow_up_record(activity=activity, quarter=quarter, actor=request.user,
                                            expected_version=d.get("version"),
                                            **{k: v for k, v in d.items() if k != "version"}),
        success=_("The follow-up was saved."), then=activity,
        saved=lambda: FollowUp.objects.get(activity=activity, quarter=quarter),
    ) or form_page(request, title=_("Follow-up Q%(q)s: %(activity)s") % {"q": quarter, "activity": activity},
                   form=form, back=activity.get_absolute_url(), intro=intro, editable=editable)


# --- Exports ------------------------------------------------------------------------------------
@login_required
def plan_print(request, year: int):
    plan = _plan(year)
    activities = list(selectors.plan_activities(plan))
    web_roles = selectors.web_role_costs(plan.year)
    staff = selectors.staff_by_organisation(plan.year, web_roles=web_roles)
    return render(request, "annualplan/plan_print.html", {
        "plan": plan, "activities": activities, "goals": list(plan.goals.all()),
        "totals": selectors.plan_totals(plan), "web_roles": web_roles, "staff_rows": staff,
        "web_roles_total": sum((r.compensation for r in web_roles), Decimal("0")),
        "staff_total": sum((r.total for r in staff), Decimal("0")),
    })


@login_required
def plan_pdf(request, year: int):
    plan = _plan(year)
    web_roles = selectors.web_role_costs(plan.year)
    data = exports.plan_pdf(plan, list(selectors.plan_activities(plan)), selectors.plan_totals(plan),
                            web_roles=web_roles, staff=selectors.staff_by_organisation(plan.year, web_roles=web_roles))
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="verksamhetsplan-{plan.year}.pdf"'
    return response


@login_required
def plan_archive(request, year: int):
    """The adopted plan as an archive copy (tagged PDF/A-2a); a plan not yet adopted has none."""
    plan = _plan(year)
    if plan.adopted_at is None:
        raise Http404
    return archive_response("archive/plan.html", {
        "plan": plan, "goals": list(plan.goals.all()), "activities": list(selectors.plan_activities(plan)),
        "totals": selectors.plan_totals(plan)}, title=plan.title, filename=f"verksamhetsplan-{plan.year}-arkiv.pdf")


@login_required
def plan_xlsx(request, year: int):
    plan = _plan(year)
    web_roles = selectors.web_role_costs(plan.year)
    data = exports.plan_xlsx(plan, list(selectors.plan_activities(plan)), web_roles=web_roles,
                             staff=selectors.staff_by_organisation(plan.year, web_roles=web_roles))
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="verksamhetsplan-{plan.year}-aktiviteter.xlsx"'
    return response


