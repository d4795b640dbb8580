"""The operating plan and its activities: the list, the plan page, editing the plan, goals, activities and resource assignments."""
from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.authority import require, today
from governance.money import format_number
from governance.networks.models import Proposal
from governance.web import act, submit

from .. import rules as plan_rules
from .. import selectors, services
from ..forms import (
    ActionLinkForm,
    ActivityForm,
    AssignmentForm,
    ConsultationOpenForm,
    GoalForm,
    PlanCreateForm,
    PlanForm,
    VoteForm,
)
from ..models import (
    Activity,
    FollowUp,
    Plan,
    ResourceAssignment,
)
from .common import _plan, form_page, light_badges, light_filter


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
    return submit(request, form, lambda d: services.plan_create(actor=request.user, **d),
                  success=_("The plan was created."), then=lambda plan: plan) or form_page(request, title=_("New operating plan"), form=form, back="annualplan:plan_list")


@login_required
def plan_detail(request, year: int):
    plan = _plan(year)
    user = request.user
    kronor = format_number
    lights = light_filter(request)
    activity_rows, totals = _activity_rows(plan, kronor, light=lights["light"])
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
        "links": [link for path in settings.PLAN_LINKS for link in import_string(path)(user, plan.year)],
        **lights,
    })


def _activity_rows(plan: Plan, kronor, light: str | None = None) -> tuple[list[dict[str, str]], dict[str, Decimal]]:
    """The plan page's activity table rows, each cell's text ready for the template (kronor
    formatted, the latest follow-up as "Q2: Ongoing", the current light's badge), and the totals of
    budget, staff compensation and forecast (of the rows shown: `light` keeps the activities whose
    current light it is). The page lists every activity of the plan (100 and more): the template's
    loop only prints strings. One query."""
    status_labels = {value: str(label) for value, label in FollowUp.Status.choices}
    badges = light_badges()
    quarter_labels: dict[int, str] = {}
    # The activity link without a reverse() per row: the pattern ends with the id.
    url_prefix = reverse("annualplan:activity_detail", kwargs={"pk": 0})[:-2]
    rows = []
    totals = {"budget": Decimal("0"), "staff": Decimal("0"), "forecast": Decimal("0")}
    for a in selectors.plan_page_activities(plan, light=light):
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
            "latest": latest, "forecast": kronor(forecast), "light": badges.get(a["latest_light"]),
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


@login_required
def plan_edit(request, year: int):
    plan = _plan(year)
    require(request.user, "annualplan.edit_plan", plan, message=_("Only the steering group can edit the plan."))
    form = PlanForm(request.POST or None, instance=plan)
    intro = "" if plan.is_editable else _("The plan is %(status)s; its content cannot be changed now.") % {
        "status": plan.get_status_display().lower()}
    return submit(
        request, form,
        lambda d: services.plan_update(plan=plan, actor=request.user, title=d["title"], introduction=d["introduction"],
                                       expected_version=d.get("version")),
        success=_("The plan was saved."), then=plan, saved=lambda: Plan.objects.get(pk=plan.pk),
    ) or form_page(request, title=_("Edit %(plan)s") % {"plan": plan}, form=form, back=plan.get_absolute_url(),
                     intro=intro, editable=plan.is_editable)


@login_required
@require_POST
def goal_create(request, year: int):
    plan = _plan(year)
    require(request.user, "annualplan.edit_plan", plan, message=_("Only the steering group can edit the plan."))
    form = GoalForm(request.POST)
    if not form.is_valid():  # the form is on the plan page: its errors are a message there
        messages.error(request, _("Give the goal a title."))
        return redirect(plan)
    return act(request, lambda: services.goal_create(plan=plan, actor=request.user, **form.cleaned_data),
               success=_("The goal was added."), then=plan)


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
    intro = "" if plan.is_editable else _("The plan is %(status)s; its content cannot be changed now.") % {
        "status": plan.get_status_display().lower()}
    return submit(
        request, form,
        lambda d: services.activity_create(plan=plan, actor=request.user, proposals=d.get("proposals"),
                                           **form.service_fields()),
        success=_("The activity was added."), then=lambda activity: activity,
    ) or form_page(request, title=_("New activity in %(plan)s") % {"plan": plan}, form=form,
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
        **_action_links(request, activity),
    })


def _action_links(request, activity) -> dict:
    """The minutes' actions linked to the activity, and the form to link another."""
    links = list(activity.action_links.select_related("action_item__owner", "action_item__meeting")
                 .order_by("action_item__due", "pk"))
    may_link = request.user.has_perm("annualplan.link_action", activity)
    return {"action_links": links, "may_link": may_link,
            "link_form": ActionLinkForm(actions=services.linkable_actions(request.user, activity)) if may_link
            else None}


@login_required
def activity_edit(request, pk: int):
    activity = _activity(pk)
    plan = activity.plan
    require(request.user, "annualplan.edit_plan", plan, message=_("Only the steering group can edit the plan."))
    form = ActivityForm(request.POST or None, instance=activity)
    intro = "" if plan.is_editable else _("The plan is %(status)s; its content cannot be changed now.") % {
        "status": plan.get_status_display().lower()}
    return submit(
        request, form,
        lambda d: services.activity_update(activity=activity, actor=request.user, expected_version=d.get("version"),
                                           proposals=d.get("proposals"), **form.service_fields()),
        success=_("The activity was saved."), then=activity, saved=lambda: _activity(pk),
    ) or form_page(request, title=_("Edit %(activity)s") % {"activity": activity}, form=form,
                   back=activity.get_absolute_url(), intro=intro, editable=plan.is_editable)


@login_required
@require_POST
def activity_delete(request, pk: int):
    activity = _activity(pk)
    require(request.user, "annualplan.edit_plan", activity.plan, message=_("Only the steering group can edit the plan."))
    # The removal goes to the plan, a refusal back to the activity.
    plan = activity.plan
    return act(request, lambda: services.activity_delete(activity=activity, actor=request.user) or plan,
               success=_("The activity was removed."), then=lambda removed_from: removed_from or activity)


@login_required
def assignment_create(request, pk: int):
    activity = _activity(pk)
    require(request.user, "annualplan.edit_plan", activity.plan, message=_("Only the steering group can edit the plan."))
    form = AssignmentForm(request.POST or None)
    return submit(request, form, lambda d: services.assignment_create(activity=activity, actor=request.user, **d),
                  success=_("The resource was assigned."), then=activity) or form_page(
        request, title=_("Assign a resource to %(activity)s") % {"activity": activity}, form=form,
        back=activity.get_absolute_url(), editable=activity.plan.is_editable,
        intro=_("The organisation is paid the salary cost × share of full time × (1 + social fee rate)."))


@login_required
@require_POST
def assignment_delete(request, pk: int):
    assignment = get_object_or_404(ResourceAssignment.objects.select_related("activity__plan"), pk=pk)
    require(request.user, "annualplan.edit_plan", assignment.activity.plan, message=_("Only the steering group can edit the plan."))
    return act(request, lambda: services.assignment_delete(assignment=assignment, actor=request.user),
               success=_("The resource assignment was removed."), then=assignment.activity)


