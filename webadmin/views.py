"""Web management pages. Thin views: permission first, one service call per POST, a broken rule
shown on the form (never a 500)."""
from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.authority import require
from governance.selectors import today

from . import selectors, services
from .forms import (
    CompositionForm,
    FeatureRequestForm,
    PageForm,
    PolicyForm,
    PolicyVersionForm,
    RequestFilterForm,
    RoleAssignForm,
    SearchForm,
    SpecificationForm,
    StatusReportForm,
    TriageForm,
    WorkingGroupForm,
)
from .models import FeatureAttachment, FeatureRequest, HandbookPage, Policy, RoleAssignment, WorkingGroup
from .rendering import render_markdown
from .rules import CODENAMES


def _caps(request) -> set[str]:
    """The web cooperation's rights `request.user` holds, for the templates (`"lead_web" in caps`)."""
    return {codename for codename in CODENAMES if request.user.has_perm(f"webadmin.{codename}")}


def _need(request, codename: str, message: str) -> None:
    require(request.user, f"webadmin.{codename}", message=message)


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
            form.add_error(None, exc)
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
        messages.error(request, " ".join(exc.messages))
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
            form.add_error(None, exc)
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
            form.add_error(None, exc)
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
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your status report was sent to the web development lead."))
            return redirect(wg)
    return group_detail(request, pk, form=form)


# --- Feature requests --------------------------------------------------------------------------------
def _backlog_context(request, *, status: str = ""):
    caps = _caps(request)
    backlog = list(selectors.backlog())
    others = list(selectors.requests(status=status)) if status else list(selectors.requests_to_triage())
    supported = selectors.supported_request_ids(request.user.organisation_id, [r.pk for r in backlog + others])
    return {"backlog": backlog, "others": others, "supported": supported, "caps": caps,
            "may_triage": "triage_requests" in caps, "status": status}


@login_required
def request_list(request):
    """The ranked backlog (value and effort shown), and the new requests waiting for triage (or
    those of the status the filter asks for; a made-up status shows the new ones, and says so)."""
    filter_form = RequestFilterForm(request.GET or None)
    status = filter_form.cleaned_data["status"] if filter_form.is_valid() else ""
    return render(request, "webadmin/request_list.html", {**_backlog_context(request, status=status),
                                                          "filter_form": filter_form})


@login_required
def request_create(request):
    form = FeatureRequestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            fr = services.feature_request_submit(
                title=data["title"], site=data["site"], problem=data["problem"], proposal=data["proposal"],
                affected=data["affected"], attachments=data["attachments"], actor=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Thank you: your request is submitted. The feature owner triages it."))
            return redirect(fr)
    return render(request, "webadmin/request_form.html", {"form": form})


@login_required
def request_detail(request, pk: int, triage_form=None):
    try:
        fr = selectors.request_detail(pk)
    except FeatureRequest.DoesNotExist as exc:
        raise Http404 from exc
    caps = _caps(request)
    may_triage = "triage_requests" in caps
    supports = list(fr.supports.all())
    return render(request, "webadmin/request_detail.html", {
        "req": fr,
        "supports": supports,
        "supported": any(s.organisation_id == request.user.organisation_id for s in supports),
        "may_triage": may_triage,
        "triage_form": triage_form or (TriageForm(request=fr) if may_triage and fr.allowed_transitions() else None),
        "specification": render_markdown(fr.requirement_specification),
    })


@login_required
@require_POST
def request_support(request, pk: int):
    fr = get_object_or_404(FeatureRequest, pk=pk)
    try:
        services.feature_request_support(request=fr, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(org)s now supports this request.") % {"org": request.user.organisation.short_name})
    return redirect(fr)


@login_required
@require_POST
def request_triage(request, pk: int):
    _need(request, "triage_requests", _("Only the feature owner triages feature requests."))
    fr = get_object_or_404(FeatureRequest, pk=pk)
    form = TriageForm(request.POST, request=fr)
    if form.is_valid():
        try:
            fr = services.feature_request_transition(
                request=fr, status=form.cleaned_data["status"], reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"], actor=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The request is now %(status)s.") % {"status": fr.get_status_display().lower()})
            return redirect(fr)
    return request_detail(request, pk, triage_form=form)


@login_required
def request_edit(request, pk: int):
    _need(request, "triage_requests", _("Only the feature owner triages feature requests."))
    fr = get_object_or_404(FeatureRequest, pk=pk)
    form = SpecificationForm(request.POST or None, instance=fr, initial={"version": fr.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.feature_request_update(
                request=fr, version=data["version"], value=data["value"], effort=data["effort"],
                requirement_specification=data["requirement_specification"], test_result=data["test_result"],
                actor=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(fr)
    return render(request, "webadmin/request_edit.html", {"form": form, "req": fr})


@login_required
@require_POST
def request_move(request, pk: int):
    """Reorder the backlog: htmx swaps the table in place; without JavaScript the form posts and
    the page reloads at the backlog."""
    _need(request, "triage_requests", _("Only the feature owner prioritises the backlog."))
    fr = get_object_or_404(FeatureRequest, pk=pk)
    try:
        services.backlog_move(request=fr, direction=request.POST.get("direction", ""), actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    if request.headers.get("HX-Request"):
        return render(request, "webadmin/_backlog.html", _backlog_context(request))
    return redirect(reverse("webadmin:request_list") + "#backlog")


@login_required
def request_history(request, pk: int):
    fr = get_object_or_404(FeatureRequest, pk=pk)
    return render(request, "webadmin/request_history.html", {"req": fr, "history": selectors.request_history(fr)})


@login_required
def attachment(request, pk: int):
    """Attachments are served through this view (never from MEDIA_URL), as downloads."""
    att = get_object_or_404(FeatureAttachment, pk=pk)
    try:
        handle = att.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=att.original_name, content_type=att.content_type)


# --- Handbook and FAQ ------------------------------------------------------------------------------
@login_required
def page_list(request):
    may_edit = "edit_handbook" in _caps(request)
    form = SearchForm(request.GET or None)
    query = kind = ""
    if form.is_valid():
        query, kind = form.cleaned_data["q"].strip(), form.cleaned_data["kind"]
    return render(request, "webadmin/page_list.html", {
        "form": form, "query": query, "may_edit": may_edit,
        "pages": selectors.pages(include_drafts=may_edit, query=query, kind=kind),
    })


def _page_or_404(request, slug: str) -> HandbookPage:
    page = get_object_or_404(HandbookPage.objects.select_related("updated_by"), slug=slug)
    if page.status != HandbookPage.Status.PUBLISHED and "edit_handbook" not in _caps(request):
        raise Http404
    return page


@login_required
def page_detail(request, slug: str):
    page = _page_or_404(request, slug)
    return render(request, "webadmin/page_detail.html", {
        "page": page, "html": render_markdown(page.body), "may_edit": "edit_handbook" in _caps(request),
    })


@login_required
def page_create(request):
    _need(request, "edit_handbook", _("Only the support owner and the editorial manager write the handbook and FAQ."))
    form = PageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            page = services.page_create(kind=data["kind"], audience=data["audience"], title=data["title"],
                                        slug=data["slug"], body=data["body"], sort_order=data["sort_order"],
                                        actor=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The page is saved as a draft."))
            return redirect(page)
    return render(request, "webadmin/page_form.html", {"form": form, "page": None})


@login_required
def page_edit(request, slug: str):
    _need(request, "edit_handbook", _("Only the support owner and the editorial manager write the handbook and FAQ."))
    page = get_object_or_404(HandbookPage, slug=slug)
    form = PageForm(request.POST or None, instance=page, initial={"version": page.version})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            page = services.page_update(page=page, version=version, actor=request.user, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("A new version of the page is saved."))
            return redirect(page)
    return render(request, "webadmin/page_form.html", {"form": form, "page": page})


@login_required
@require_POST
def page_publish(request, slug: str):
    _need(request, "edit_handbook", _("Only the support owner and the editorial manager publish the handbook and FAQ."))
    page = get_object_or_404(HandbookPage, slug=slug)
    status = request.POST.get("status", HandbookPage.Status.PUBLISHED)
    try:
        page = services.page_set_status(page=page, status=status, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The page is published.") if page.status == HandbookPage.Status.PUBLISHED
                         else _("The page is back to draft."))
    return redirect(page)


@login_required
def page_history(request, slug: str):
    page = _page_or_404(request, slug)
    return render(request, "webadmin/page_history.html", {"page": page, "versions": selectors.page_versions(page)})


# --- Policies --------------------------------------------------------------------------------------
@login_required
def policy_list(request):
    return render(request, "webadmin/policy_list.html", {"policies": selectors.policies(), "caps": _caps(request)})


@login_required
def policy_detail(request, pk: int):
    policy = get_object_or_404(selectors.policies(), pk=pk)
    versions = list(policy.versions.all())
    current = versions[0] if versions else None
    return render(request, "webadmin/policy_detail.html", {
        "policy": policy, "versions": versions, "current": current,
        "html": render_markdown(current.body) if current else "", "caps": _caps(request),
    })


@login_required
def policy_create(request):
    _need(request, "decide_web", _("Only the steering group adopts policies and guidelines."))
    form = PolicyForm(request.POST or None, initial={"decided_on": today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            policy = services.policy_adopt(title=data["title"], kind=data["kind"], body=data["body"],
                                           decided_on=data["decided_on"], actor=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Adopted and recorded with the decision date."))
            return redirect(policy)
    return render(request, "webadmin/policy_form.html", {"form": form, "policy": None})


@login_required
def policy_version_create(request, pk: int):
    _need(request, "decide_web", _("Only the steering group adopts policies and guidelines."))
    policy = get_object_or_404(Policy, pk=pk)
    current = policy.versions.order_by("-number").first()
    form = PolicyVersionForm(request.POST or None,
                             initial={"decided_on": today(), "body": current.body if current else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.policy_version_adopt(policy=policy, body=form.cleaned_data["body"],
                                          decided_on=form.cleaned_data["decided_on"], actor=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The new version is adopted and recorded with the decision date."))
            return redirect(policy)
    return render(request, "webadmin/policy_form.html", {"form": form, "policy": policy})


# --- Platforms and the yearly meeting -------------------------------------------------------------------
@login_required
def platform_list(request):
    year = today().year
    return render(request, "webadmin/platform_list.html", {
        "platforms": selectors.platforms(), "meeting": selectors.representatives_meeting(year), "year": year,
        "system_administrator": selectors.system_administrator(),
    })
