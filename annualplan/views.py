"""Thin views: permission first, one service call per POST, errors shown on the page."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import formats
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.authority import require
from governance.models import Proposal
from governance.selectors import today

from . import exports, selectors, services
from . import rules as plan_rules
from .compare import compare
from .forms import (
    ActivityForm,
    AssignmentForm,
    ConsultationAnswerForm,
    ConsultationOpenForm,
    FollowUpForm,
    FundingApplicationForm,
    FundingDecisionForm,
    GoalForm,
    MeasureForm,
    MilestoneForm,
    ParticipantForm,
    PlanCreateForm,
    PlanForm,
    ProjectForm,
    ProjectProposeForm,
    SurveyForm,
    UnitPlanCreateForm,
    UnitPlanForm,
    VoteForm,
)
from .models import (
    Activity,
    ConsultationAnswer,
    DevelopmentProject,
    FollowUp,
    FundingApplication,
    Measure,
    Milestone,
    Plan,
    PlanVersion,
    ResourceAssignment,
    UnitActionPlan,
)


def add_error(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it names when the form has it,
    otherwise at the top."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def is_conflict(exc: ValidationError) -> bool:
    return any(getattr(e, "code", None) == "conflict" for e in exc.error_list) if not hasattr(
        exc, "error_dict") else False


def error_message(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def form_page(request, *, title, form, back, intro="", submit=None, current=None, heading=None, editable=True):
    back = back if "/" in back else reverse(back)
    return render(request, "annualplan/form.html", {
        "title": title, "heading": heading or title, "form": form, "back": back, "intro": intro,
        "submit": submit or _("Save"), "current": current, "editable": editable,
    })


def _plan(year: int) -> Plan:
    return get_object_or_404(Plan, year=year)


# --- Plans -------------------------------------------------------------------------------------
@login_required
def plan_list(request):
    return render(request, "annualplan/plan_list.html", {
        "plans": selectors.plan_list(), "can_create": request.user.has_perm("annualplan.create_plan"),
    })


@login_required
def plan_create(request):
    require(request.user, "annualplan.create_plan", message=_("Only the sitting steering group can start a new operating plan."))
    form = PlanCreateForm(request.POST or None, initial={"year": today().year + 1})
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_error(form, exc)
        else:
            messages.success(request, _("The plan was created."))
            return redirect(plan)
    return form_page(request, title=_("New operating plan"), form=form, back="annualplan:plan_list")


@login_required
def plan_detail(request, year: int):
    plan = _plan(year)
    user = request.user
    kronor = _kronor_formatter()
    activity_rows, totals = _activity_rows(plan, kronor)
    web_roles, staff_rows, staff_totals = _staff_sections(plan, kronor)
    # What only one stage of the workflow shows is read only in that stage.
    answered = expected = None
    if plan.status in (Plan.Status.CONSULTATION, Plan.Status.REVISED):
        answered, expected = selectors.consultation_counts(plan)
    members, votes = [], []
    if plan.status == Plan.Status.REVISED:
        members = selectors.plan_steering_members(plan)
        votes = list(selectors.current_votes(plan))
    can_answer = plan.status == Plan.Status.CONSULTATION and plan_rules.answering_organisations(user).exists()
    return render(request, "annualplan/plan_detail.html", {
        "plan": plan,
        "activity_rows": activity_rows,
        "budget_total": kronor(totals["budget"]),
        "forecast_total": kronor(totals["forecast"]),
        "staff_total": kronor(totals["staff"]),
        "web_roles": web_roles,
        "staff_rows": staff_rows,
        "staff_totals": staff_totals,
        "goals": list(plan.goals.all()),
        "answered": answered,
        "expected": expected,
        "members": members,
        "votes": votes,
        "decisions": list(selectors.decisions_of(plan)),
        "can_edit": user.has_perm("annualplan.edit_plan", plan),
        "can_direct": user.has_perm("annualplan.direct_plan", plan),
        "can_vote": user.has_perm("annualplan.vote_plan", plan) and any(m.user_id == user.pk for m in members),
        "can_answer": can_answer,
        "open_form": ConsultationOpenForm(),
        "vote_form": VoteForm(),
        "goal_form": GoalForm(),
        "my_vote": next((v for v in votes if v.voter_id == user.pk), None),
    })


def _activity_rows(plan: Plan, kronor) -> tuple[list[dict[str, str]], dict[str, Decimal]]:
    """The plan page's activity table rows, each cell's text ready for the template (kronor
    formatted, the latest follow-up as "Q2: Ongoing"), and the totals of budget, staff compensation
    and forecast. The page lists every activity of the plan (100 and more): the template's loop
    only prints strings. One query."""
    status_labels = {value: str(label) for value, label in FollowUp.Status.choices}
    quarter_labels: dict[int, str] = {}
    # The activity link without a reverse() per row: the pattern ends with the id.
    url_prefix = reverse("annualplan:activity_detail", kwargs={"pk": 0})[:-2]
    rows = []
    totals = {"budget": Decimal("0"), "staff": Decimal("0"), "forecast": Decimal("0")}
    for a in selectors.plan_page_activities(plan):
        quarter = a["latest_quarter"]
        if quarter is None:
            latest, forecast = "–", a["budget"]
        else:
            if quarter not in quarter_labels:
                quarter_labels[quarter] = _("Q%(q)s") % {"q": quarter}
            status = status_labels.get(a["latest_status"], a["latest_status"])
            latest, forecast = f"{quarter_labels[quarter]}: {status}", a["latest_forecast"]
        totals["budget"] += a["budget"]
        totals["staff"] += a["staff"]
        totals["forecast"] += forecast
        responsible = a["responsible_organisation__short_name"]
        if a["responsible_person_id"]:
            # As User.__str__ shows the person: get_full_name() or the username.
            name = f"{a['responsible_person__first_name']} {a['responsible_person__last_name']}".strip()
            responsible += ", " + (name or a["responsible_person__username"])
        rows.append({
            "area": a["area__name"], "url": f"{url_prefix}{a['pk']}/", "title": a["title"],
            "responsible": responsible, "budget": kronor(a["budget"]), "staff": kronor(a["staff"]),
            "latest": latest, "forecast": kronor(forecast),
        })
    return rows, totals


def _staff_sections(plan: Plan, kronor) -> tuple[list[dict], list[dict], dict[str, str]]:
    """The plan page's web management roles (the assignments running in the plan's year, with their
    compensation) and the staff compensation per organisation (activities, web roles, total), with
    the kronor formatted. Two queries, whatever the number of assignments."""
    roles = selectors.web_role_costs(plan.year)
    web_roles = [{
        "role": r.role, "person": r.person, "organisation": r.organisation, "start": r.start, "end": r.end,
        "share": r.share, "annual_share": r.annual_share, "compensation": kronor(r.compensation),
    } for r in roles]
    staff = selectors.staff_by_organisation(plan.year, web_roles=roles)
    rows = [{"organisation": r.organisation, "activities": kronor(r.activities), "web_roles": kronor(r.web_roles),
             "total": kronor(r.total)} for r in staff]
    totals = {
        "annual_share": sum((r.annual_share for r in roles), Decimal("0")),
        "web_roles": kronor(sum((r.compensation for r in roles), Decimal("0"))),
        "activities": kronor(sum((r.activities for r in staff), Decimal("0"))),
        "total": kronor(sum((r.total for r in staff), Decimal("0"))),
    }
    return web_roles, rows, totals


def _kronor_formatter():
    """A function that formats kronor as `{{ value|floatformat:"0g" }}` does in the active language
    (whole kronor, rounded half up, grouped), without the filter's work per value."""
    sep = formats.get_format("THOUSAND_SEPARATOR")
    if formats.get_format("NUMBER_GROUPING") != 3:
        return lambda value: floatformat(value, "0g")

    def kronor(value) -> str:
        return f"{int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP)):,}".replace(",", sep)
    return kronor


@login_required
def plan_edit(request, year: int):
    plan = _plan(year)
    require(request.user, "annualplan.edit_plan", plan, message=_("Only the steering group can edit the plan."))
    form = PlanForm(request.POST or None, instance=plan)
    current = None
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(plan=plan, actor=request.user, title=form.cleaned_data["title"],
                                 introduction=form.cleaned_data["introduction"],
                                 expected_version=form.cleaned_data.get("version"))
        except ValidationError as exc:
            add_error(form, exc)
            if is_conflict(exc):
                fresh = Plan.objects.get(pk=plan.pk)
                form.refresh_version(fresh.version)
                current = [(_("Title"), fresh.title), (_("Introduction"), fresh.introduction)]
        else:
            messages.success(request, _("The plan was saved."))
            return redirect(plan)
    intro = "" if plan.is_editable else _("The plan is %(status)s; its content cannot be changed now.") % {
        "status": plan.get_status_display().lower()}
    return form_page(request, title=_("Edit %(plan)s") % {"plan": plan}, form=form, back=plan.get_absolute_url(),
                     current=current, intro=intro, editable=plan.is_editable)


@login_required
@require_POST
def goal_create(request, year: int):
    plan = _plan(year)
    require(request.user, "annualplan.edit_plan", plan, message=_("Only the steering group can edit the plan."))
    form = GoalForm(request.POST)
    if form.is_valid():
        try:
            services.goal_create(plan=plan, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            error_message(request, exc)
        else:
            messages.success(request, _("The goal was added."))
    else:
        messages.error(request, _("Give the goal a title."))
    return redirect(plan)


# --- Activities ---------------------------------------------------------------------------------
@login_required
def activity_create(request, year: int):
    plan = _plan(year)
    require(request.user, "annualplan.edit_plan", plan, message=_("Only the steering group can edit the plan."))
    initial = {}
    proposal = Proposal.objects.filter(pk=request.GET.get("proposal") or 0, status="forwarded").first() if (
        request.GET.get("proposal", "").isdigit()) else None
    if proposal is not None:  # "make an activity of this forwarded proposal"
        initial = {"title": proposal.title, "description": proposal.description,
                   "goal": proposal.expected_benefit, "proposals": [proposal.pk]}
    form = ActivityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_create(plan=plan, actor=request.user,
                                                proposals=form.cleaned_data.get("proposals"),
                                                **form.service_fields())
        except ValidationError as exc:
            add_error(form, exc)
        else:
            messages.success(request, _("The activity was added."))
            return redirect(activity)
    intro = "" if plan.is_editable else _("The plan is %(status)s; its content cannot be changed now.") % {
        "status": plan.get_status_display().lower()}
    return form_page(request, title=_("New activity in %(plan)s") % {"plan": plan}, form=form,
                     back=plan.get_absolute_url(), intro=intro, editable=plan.is_editable)


def _activity(pk: int) -> Activity:
    return get_object_or_404(
        Activity.objects.select_related("plan", "area", "responsible_organisation", "responsible_person"), pk=pk)


@login_required
def activity_detail(request, pk: int):
    activity = _activity(pk)
    return render(request, "annualplan/activity_detail.html", {
        "activity": activity,
        "plan": activity.plan,
        "assignments": activity.assignments.select_related("organisation", "person").order_by("pk"),
        "follow_ups": activity.follow_ups.select_related("recorded_by").order_by("quarter"),
        "proposals": activity.proposals.order_by("title"),
        "can_edit": request.user.has_perm("annualplan.edit_plan", activity.plan) and activity.plan.is_editable,
        "can_follow_up": request.user.has_perm("annualplan.record_follow_up", activity)
        and activity.plan.status == Plan.Status.FOLLOW_UP,
        "quarters": [1, 2, 3, 4],
    })


@login_required
def activity_edit(request, pk: int):
    activity = _activity(pk)
    plan = activity.plan
    require(request.user, "annualplan.edit_plan", plan, message=_("Only the steering group can edit the plan."))
    form = ActivityForm(request.POST or None, instance=activity)
    current = None
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(activity=activity, actor=request.user,
                                     expected_version=form.cleaned_data.get("version"),
                                     proposals=form.cleaned_data.get("proposals"), **form.service_fields())
        except ValidationError as exc:
            add_error(form, exc)
            if is_conflict(exc):
                fresh = _activity(pk)
                form.refresh_version(fresh.version)
                current = [(_("Title"), fresh.title), (_("Area"), fresh.area), (_("Description"), fresh.description),
                           (_("Goal"), fresh.goal), (_("Responsible organisation"), fresh.responsible_organisation),
                           (_("Responsible person"), fresh.responsible_person or ""),
                           (_("Budget (SEK)"), fresh.budget)]
        else:
            messages.success(request, _("The activity was saved."))
            return redirect("annualplan:activity_detail", pk=pk)
    intro = "" if plan.is_editable else _("The plan is %(status)s; its content cannot be changed now.") % {
        "status": plan.get_status_display().lower()}
    return form_page(request, title=_("Edit %(activity)s") % {"activity": activity}, form=form,
                     back=activity.get_absolute_url(), current=current, intro=intro, editable=plan.is_editable)


@login_required
@require_POST
def activity_delete(request, pk: int):
    activity = _activity(pk)
    require(request.user, "annualplan.edit_plan", activity.plan, message=_("Only the steering group can edit the plan."))
    try:
        services.activity_delete(activity=activity, actor=request.user)
    except ValidationError as exc:
        error_message(request, exc)
        return redirect(activity)
    messages.success(request, _("The activity was removed."))
    return redirect(activity.plan)


@login_required
def assignment_create(request, pk: int):
    activity = _activity(pk)
    require(request.user, "annualplan.edit_plan", activity.plan, message=_("Only the steering group can edit the plan."))
    form = AssignmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.assignment_create(activity=activity, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_error(form, exc)
        else:
            messages.success(request, _("The resource was assigned."))
            return redirect(activity)
    return form_page(request, title=_("Assign a resource to %(activity)s") % {"activity": activity}, form=form,
                     back=activity.get_absolute_url(), editable=activity.plan.is_editable,
                     intro=_("The organisation is paid the salary cost × share of full time × (1 + social fee "
                             "rate)."))


@login_required
@require_POST
def assignment_delete(request, pk: int):
    assignment = get_object_or_404(ResourceAssignment.objects.select_related("activity__plan"), pk=pk)
    require(request.user, "annualplan.edit_plan", assignment.activity.plan, message=_("Only the steering group can edit the plan."))
    try:
        services.assignment_delete(assignment=assignment, actor=request.user)
    except ValidationError as exc:
        error_message(request, exc)
    else:
        messages.success(request, _("The resource assignment was removed."))
    return redirect(assignment.activity)


# --- Workflow -----------------------------------------------------------------------------------
@login_required
@require_POST
def plan_open_consultation(request, year: int):
    plan = _plan(year)
    require(request.user, "annualplan.direct_plan", plan, message=_("Only the chair of the steering group can open the consultation."))
    form = ConsultationOpenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a valid deadline for the answers."))
        return redirect(plan)
    try:
        services.plan_open_consultation(plan=plan, deadline=form.cleaned_data["deadline"], actor=request.user)
    except ValidationError as exc:
        error_message(request, exc)
    else:
        messages.success(request, _("The plan is out for consultation."))
    return redirect(plan)


def _transition(request, year, service, permission, refusal, success):
    plan = _plan(year)
    require(request.user, permission, plan, message=refusal)
    try:
        service(plan=plan, actor=request.user)
    except ValidationError as exc:
        error_message(request, exc)
    else:
        messages.success(request, success)
    return redirect(plan)


@login_required
@require_POST
def plan_close_consultation(request, year: int):
    return _transition(request, year, services.plan_close_consultation, "annualplan.direct_plan",
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
    if not form.is_valid():
        messages.error(request, _("Choose approve or reject."))
        return redirect(plan)
    try:
        services.plan_vote(plan=plan, actor=request.user, **form.cleaned_data)
    except ValidationError as exc:
        error_message(request, exc)
    else:
        plan.refresh_from_db()
        if plan.status == Plan.Status.ADOPTED:
            messages.success(request, _("Your vote is recorded. The plan is adopted."))
        else:
            messages.success(request, _("Your vote is recorded."))
    return redirect(plan)


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
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_answer(plan=plan, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_error(form, exc)
        else:
            messages.success(request, _("Your answer is recorded. Thank you."))
            return redirect(plan)
    intro = ""
    if plan.status != Plan.Status.CONSULTATION:
        intro = _("The plan is not out for consultation.")
    elif plan.consultation_deadline:
        intro = _("Answer by %(deadline)s.") % {"deadline": plan.consultation_deadline.isoformat()}
    return form_page(request, title=_("Answer the consultation on %(plan)s") % {"plan": plan}, form=form,
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
    current = None
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.follow_up_record(activity=activity, quarter=quarter, actor=request.user,
                                      expected_version=form.cleaned_data.get("version"), **data)
        except ValidationError as exc:
            add_error(form, exc)
            if is_conflict(exc):
                fresh = FollowUp.objects.get(activity=activity, quarter=quarter)
                form.refresh_version(fresh.version)
                current = [(_("Status"), fresh.get_status_display()), (_("Comment"), fresh.comment),
                           (_("Spent to date"), fresh.spent_to_date), (_("Forecast"), fresh.forecast)]
        else:
            messages.success(request, _("The follow-up was saved."))
            return redirect(activity)
    editable = activity.plan.status == Plan.Status.FOLLOW_UP
    intro = "" if editable else _("The plan is %(status)s; follow-ups are recorded while it is in follow-up.") % {
        "status": activity.plan.get_status_display().lower()}
    return form_page(request, title=_("Follow-up Q%(q)s: %(activity)s") % {"q": quarter, "activity": activity},
                     form=form, back=activity.get_absolute_url(), current=current, intro=intro, editable=editable)


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
def plan_xlsx(request, year: int):
    plan = _plan(year)
    web_roles = selectors.web_role_costs(plan.year)
    data = exports.plan_xlsx(plan, list(selectors.plan_activities(plan)), web_roles=web_roles,
                             staff=selectors.staff_by_organisation(plan.year, web_roles=web_roles))
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="verksamhetsplan-{plan.year}-aktiviteter.xlsx"'
    return response


# --- Development projects --------------------------------------------------------------------------
@login_required
def project_list(request):
    return render(request, "annualplan/project_list.html", {
        "projects": selectors.project_list(), "can_propose": request.user.has_perm("annualplan.propose_project"),
    })


@login_required
def project_create(request):
    require(request.user, "annualplan.propose_project", message=_("Only people in the network can propose a development project."))
    form = ProjectProposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_propose(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_error(form, exc)
        else:
            messages.success(request, _("Your proposal is registered."))
            return redirect(project)
    return form_page(request, title=_("Propose a development project"), form=form, back="annualplan:project_list")


def _project(pk: int) -> DevelopmentProject:
    try:
        return selectors.project_detail(pk)
    except DevelopmentProject.DoesNotExist:
        return get_object_or_404(DevelopmentProject, pk=pk)


@login_required
def project_detail(request, pk: int):
    project = _project(pk)
    user = request.user
    return render(request, "annualplan/project_detail.html", {
        "project": project,
        "can_edit": user.has_perm("annualplan.edit_project", project),
        "can_manage": user.has_perm("annualplan.manage_project", project),
        "can_decide": user.has_perm("annualplan.decide_funding", project),
    })


@login_required
def project_edit(request, pk: int):
    project = get_object_or_404(DevelopmentProject, pk=pk)
    require(request.user, "annualplan.edit_project", project, message=_("You cannot edit this development project."))
    manage = request.user.has_perm("annualplan.manage_project", project)
    form = ProjectForm(request.POST or None, instance=project, manage=manage)
    current = None
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.project_update(project=project, actor=request.user,
                                    expected_version=form.cleaned_data.get("version"), **data)
        except ValidationError as exc:
            add_error(form, exc)
            if is_conflict(exc):
                fresh = DevelopmentProject.objects.get(pk=pk)
                form.refresh_version(fresh.version)
                current = [(_("Title"), fresh.title), (_("Description"), fresh.description),
                           (_("Status"), fresh.get_status_display()), (_("Outcome"), fresh.outcome)]
        else:
            messages.success(request, _("The project was saved."))
            return redirect("annualplan:project_detail", pk=pk)
    return form_page(request, title=_("Edit %(project)s") % {"project": project}, form=form,
                     back=project.get_absolute_url(), current=current)


@login_required
def funding_apply(request, pk: int):
    project = get_object_or_404(DevelopmentProject, pk=pk)
    require(request.user, "annualplan.manage_project", project, message=_("Only the steering group applies for development funds."))
    form = FundingApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.funding_apply(project=project, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_error(form, exc)
        else:
            messages.success(request, _("The application was sent to the county directors' group."))
            return redirect(project)
    return form_page(request, title=_("Apply for development funds: %(project)s") % {"project": project},
                     form=form, back=project.get_absolute_url(), submit=_("Apply"))


@login_required
def funding_decide(request, pk: int):
    application = get_object_or_404(FundingApplication.objects.select_related("project"), pk=pk)
    project = application.project
    require(request.user, "annualplan.decide_funding", project, message=_("Only the county directors' group decides on development funds."))
    form = FundingDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.funding_decide(application=application, actor=request.user,
                                    decision=form.cleaned_data["decision"],
                                    granted_amount=form.cleaned_data.get("granted_amount"),
                                    comment=form.cleaned_data.get("comment", ""))
        except ValidationError as exc:
            add_error(form, exc)
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect(project)
    intro = _("%(project)s: %(amount)s kronor applied for. %(motivation)s") % {
        "project": project, "amount": application.amount, "motivation": application.motivation}
    return form_page(request, title=_("Decide on development funds"), form=form, back=project.get_absolute_url(),
                     intro=intro, submit=_("Record the decision"),
                     editable=application.decision == FundingApplication.Decision.PENDING)


@login_required
def participant_add(request, pk: int):
    project = get_object_or_404(DevelopmentProject, pk=pk)
    require(request.user, "annualplan.manage_project", project, message=_("Only the steering group manages the project's participants."))
    form = ParticipantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_add(project=project, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_error(form, exc)
        else:
            messages.success(request, _("The participant was added."))
            return redirect(project)
    return form_page(request, title=_("Add a participant to %(project)s") % {"project": project}, form=form,
                     back=project.get_absolute_url())


@login_required
def milestone_add(request, pk: int):
    project = get_object_or_404(DevelopmentProject, pk=pk)
    require(request.user, "annualplan.manage_project", project, message=_("Only the steering group manages the project's milestones."))
    form = MilestoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_add(project=project, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_error(form, exc)
        else:
            messages.success(request, _("The milestone was added."))
            return redirect(project)
    return form_page(request, title=_("Add a milestone to %(project)s") % {"project": project}, form=form,
                     back=project.get_absolute_url())


@login_required
@require_POST
def milestone_done(request, pk: int):
    milestone = get_object_or_404(Milestone.objects.select_related("project"), pk=pk)
    require(request.user, "annualplan.manage_project", milestone.project, message=_("Only the steering group manages the project's milestones."))
    try:
        services.milestone_done(milestone=milestone, actor=request.user)
    except ValidationError as exc:
        error_message(request, exc)
    else:
        messages.success(request, _("The milestone is marked done."))
    return redirect(milestone.project)


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
            add_error(form, exc)
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
            add_error(form, exc)
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
            add_error(form, exc)
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
            add_error(form, exc)
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
            add_error(form, exc)
        else:
            messages.success(request, _("The survey was added."))
            return redirect(unit_plan)
    return form_page(request, title=_("Add a survey to %(plan)s") % {"plan": unit_plan}, form=form,
                     back=unit_plan.get_absolute_url())


@login_required
def evaluation_current(request):
    return redirect("annualplan:evaluation", year=today().year)
