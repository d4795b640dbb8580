"""The overview, web roles and their assignments, the web management group, working and reference groups."""
from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.authority import require, today
from governance.web import act, submit

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
    return submit(
        request, form,
        lambda d: services.role_assign(
            role=d["role"], user=d["user"], start=d["start"], end=d["end"], share=d["share"],
            salary_cost=d["salary_cost"], social_fee_rate=d["social_fee_rate"],
            decided_on=d["decided_on"], note=d["note"], actor=request.user,
        ),
        success=lambda assignment: _("%(person)s is now %(role)s. The decision is recorded.")
        % {"person": assignment.user, "role": assignment.role},
        then="webadmin:overview",
    ) or render(request, "webadmin/role_assign.html", {"form": form})


@login_required
@require_POST
def role_end(request, pk: int):
    _need(request, "decide_web", _("Only the steering group assigns the web management roles."))
    assignment = get_object_or_404(RoleAssignment, pk=pk)
    return act(
        request,
        lambda: services.role_assignment_end(assignment=assignment, end=max(today(), assignment.start),
                                             actor=request.user),
        success=_("The assignment ends today."), then="webadmin:overview",
    )


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
    return submit(
        request, form,
        lambda d: services.web_management_group_compose(year=year, members=form.members(), start=d["start"],
                                                        decided_on=d["decided_on"], actor=request.user),
        success=_("The web management group's composition is decided and recorded."),
        then=reverse("webadmin:group", kwargs={"year": year}),
    ) or render(request, "webadmin/group_compose.html", {
        "form": form, "year": year, "lead": selectors.web_lead(on=initial["start"] or today()),
    })


# --- Working and reference groups -----------------------------------------------------------------------
@login_required
def group_create(request):
    _need(request, "lead_web", _("Only the web development lead sets up working and reference groups."))
    form = WorkingGroupForm(request.POST or None, initial={"start": today()})
    return submit(
        request, form,
        lambda d: services.working_group_create(
            kind=d["kind"], name=d["name"], purpose=d["purpose"], leader=d["leader"],
            members=d["members"], start=d["start"], end=d["end"], actor=request.user,
        ),
        success=_("The group is set up."), then=lambda wg: wg,
    ) or render(request, "webadmin/group_create.html", {"form": form})


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
    return submit(
        request, form, lambda d: services.status_report_file(group=wg, text=d["text"], actor=request.user),
        success=_("Your status report was sent to the web development lead."), then=wg,
    ) or group_detail(request, pk, form=form)
