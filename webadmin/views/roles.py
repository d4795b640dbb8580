"""The overview, web roles and their assignments, the web management group, working and reference groups."""
from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.authority import require, today
from governance.web import error_messages, show_errors

from .. import selectors, services
from ..forms import (
    CompositionForm,
    RoleAssignForm,
    StatusReportForm,
    WorkingGroupForm,
)
from ..models import RoleAssignment, WorkingGroup
from .common import _caps, _need


# --- Overview, roles, the web management group -----------------------------------------------------
@login_required
def overview(request):
    day = today()
    return render(request, "webadmin/overview.html", {
        "caps": _caps(request),
        "day": day,
        "roles": selectors.role_overview(on=day),
        "process_owner": selectors.process_owner(on=day),
        "system_administrator": selectors.system_administrator(on=day),
        "group": selectors.web_management_group(day.year),
        "compliance": selectors.meeting_compliance(day.year, day),
        "working_groups": selectors.working_groups(on=day),
        "decisions": selectors.decisions(limit=10),
    })


@login_required
def role_assign(request):
    _need(request, "decide_web", _("Only the steering group assigns the web management roles."))
    form = RoleAssignForm(request.POST or None, initial={"start": today(), "decided_on": today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assignment = services.role_assign(
                role=data["role"], user=data["user"], start=data["start"], end=data["end"], share=data["share"],
                salary_cost=data["salary_cost"], social_fee_rate=data["social_fee_rate"],
                decided_on=data["decided_on"], note=data["note"], actor=request.user,
            )
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("%(person)s is now %(role)s. The decision is recorded.")
                             % {"person": assignment.user, "role": assignment.role})
            return redirect("webadmin:overview")
    return render(request, "webadmin/role_assign.html", {"form": form})


@login_required
@require_POST
def role_end(request, pk: int):
    _need(request, "decide_web", _("Only the steering group assigns the web management roles."))
    assignment = get_object_or_404(RoleAssignment, pk=pk)
    try:
        services.role_assignment_end(assignment=assignment, end=max(today(), assignment.start), actor=request.user)
    except ValidationError as exc:
        error_messages(request, exc)
    else:
        messages.success(request, _("The assignment ends today."))
    return redirect("webadmin:overview")


@login_required
def group(request, year: int):
    body = selectors.web_management_group(year)
    now = today()
    # Members on today in the current year; on the last day of a past year, the first of a future one.
    day = now if now.year == year else dt.date(year, 12, 31) if now.year > year else dt.date(year, 1, 1)
    return render(request, "webadmin/group.html", {
        "caps": _caps(request),
        "year": year,
        "body": body,
        "members": selectors.group_members(body, on=day) if body else [],
        "day": day,
        "compliance": selectors.meeting_compliance(year, today()),
        "lead": selectors.web_lead(on=day),
    })


@login_required
def group_compose(request, year: int):
    _need(request, "decide_web", _("Only the steering group decides the web management group's composition."))
    initial = {"start": today() if today().year == year else None, "decided_on": today()}
    body = selectors.web_management_group(year)
    if body is not None and request.method != "POST":
        members = [m for m in selectors.group_members(body, on=initial["start"] or body.term_start)
                   if m.position != "chair"]
        for i, m in enumerate(members[:5], start=1):
            initial[f"member_{i}"] = m.user_id
            initial[f"represents_{i}"] = m.role_description
    form = CompositionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.web_management_group_compose(
                year=year, members=form.members(), start=form.cleaned_data["start"],
                decided_on=form.cleaned_data["decided_on"], actor=request.user,
            )
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The web management group's composition is decided and recorded."))
            return redirect("webadmin:group", year=year)
    return render(request, "webadmin/group_compose.html", {
        "form": form, "year": year, "lead": selectors.web_lead(on=initial["start"] or today()),
    })


# --- Working and reference groups -----------------------------------------------------------------------
@login_required
def group_create(request):
    _need(request, "lead_web", _("Only the web development lead sets up working and reference groups."))
    form = WorkingGroupForm(request.POST or None, initial={"start": today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            wg = services.working_group_create(
                kind=data["kind"], name=data["name"], purpose=data["purpose"], leader=data["leader"],
                members=data["members"], start=data["start"], end=data["end"], actor=request.user,
            )
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The group is set up."))
            return redirect(wg)
    return render(request, "webadmin/group_create.html", {"form": form})


@login_required
def group_detail(request, pk: int, form=None):
    wg = get_object_or_404(WorkingGroup.objects.select_related("body", "body__parent"), pk=pk)
    may_read = request.user.has_perm("webadmin.read_status_reports", wg)
    may_report = request.user.has_perm("webadmin.file_status_report", wg)
    return render(request, "webadmin/group_detail.html", {
        "group": wg,
        "members": selectors.group_members(wg.body, on=today()),
        "reports": selectors.status_reports(wg) if may_read else None,
        "may_report": may_report,
        "form": form or (StatusReportForm() if may_report else None),
    })


@login_required
@require_POST
def status_report(request, pk: int):
    wg = get_object_or_404(WorkingGroup.objects.select_related("body"), pk=pk)
    require(request.user, "webadmin.file_status_report", wg, message=_("Only the group's leader files status reports."))
    form = StatusReportForm(request.POST)
    if form.is_valid():
        try:
            services.status_report_file(group=wg, text=form.cleaned_data["text"], actor=request.user)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("Your status report was sent to the web development lead."))
            return redirect(wg)
    return group_detail(request, pk, form=form)
