"""The handbook and FAQ, policies, platforms and the yearly meeting."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.authority import today
from governance.web import act, submit

from .. import selectors, services
from ..forms import (
    PageForm,
    PolicyForm,
    PolicyVersionForm,
    ReadConfirmForm,
    SearchForm,
)
from ..models import HandbookPage, Policy
from ..rendering import render_markdown
from .common import _caps, _need


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
    return submit(
        request, form,
        lambda d: services.page_create(kind=d["kind"], audience=d["audience"], title=d["title"], slug=d["slug"],
                                       body=d["body"], sort_order=d["sort_order"], actor=request.user),
        success=_("The page is saved as a draft."), then=lambda page: page,
    ) or render(request, "webadmin/page_form.html", {"form": form, "page": None})


@login_required
def page_edit(request, slug: str):
    _need(request, "edit_handbook", _("Only the support owner and the editorial manager write the handbook and FAQ."))
    page = get_object_or_404(HandbookPage, slug=slug)
    form = PageForm(request.POST or None, instance=page, initial={"version": page.version})

    def save(data):
        data = dict(data)
        return services.page_update(page=page, version=data.pop("version"), actor=request.user, **data)

    # saved: read again, since the form has already put the editor's input on `page`.
    return submit(
        request, form, save, success=_("A new version of the page is saved."), then=lambda page: page,
        saved=lambda: HandbookPage.objects.get(pk=page.pk),
    ) or render(request, "webadmin/page_form.html", {"form": form, "page": page})


@login_required
@require_POST
def page_publish(request, slug: str):
    _need(request, "edit_handbook", _("Only the support owner and the editorial manager publish the handbook and FAQ."))
    page = get_object_or_404(HandbookPage, slug=slug)
    status = request.POST.get("status", HandbookPage.Status.PUBLISHED)
    return act(
        request, lambda: services.page_set_status(page=page, status=status, actor=request.user),
        success=lambda page: _("The page is published.") if page.status == HandbookPage.Status.PUBLISHED
        else _("The page is back to draft."),
        then=page,
    )


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
    policy = get_object_or_404(selectors.policies().select_related("owner"), pk=pk)
    versions = list(policy.versions.all())
    current = versions[0] if versions else None
    # Read receipts: the button for those it concerns today, their receipt, the owner's follow-up.
    may_confirm = bool(policy.to_be_read and current) and request.user.has_perm("webadmin.confirm_reading", policy)
    return render(request, "webadmin/policy_detail.html", {
        "policy": policy, "versions": versions, "current": current,
        "html": render_markdown(current.body) if current else "", "caps": _caps(request),
        "may_confirm": may_confirm,
        "confirmation": selectors.confirmation_of(request.user, current) if may_confirm else None,
        "confirm_form": ReadConfirmForm(initial={"number": current.number}) if may_confirm else None,
        "may_follow": policy.to_be_read and request.user.has_perm("webadmin.follow_reading", policy),
        "may_set_reading": request.user.has_perm("webadmin.set_policy_reading", policy),
    })


@login_required
def policy_create(request):
    _need(request, "decide_web", _("Only the steering group adopts policies and guidelines."))
    form = PolicyForm(request.POST or None, initial={"decided_on": today()})
    return submit(
        request, form,
        lambda d: services.policy_adopt(title=d["title"], kind=d["kind"], body=d["body"],
                                        decided_on=d["decided_on"], actor=request.user),
        success=_("Adopted and recorded with the decision date."), then=lambda policy: policy,
    ) or render(request, "webadmin/policy_form.html", {"form": form, "policy": None})


@login_required
def policy_version_create(request, pk: int):
    _need(request, "decide_web", _("Only the steering group adopts policies and guidelines."))
    policy = get_object_or_404(Policy, pk=pk)
    current = policy.versions.order_by("-number").first()
    form = PolicyVersionForm(request.POST or None,
                             initial={"decided_on": today(), "body": current.body if current else ""})
    return submit(
        request, form,
        lambda d: services.policy_version_adopt(policy=policy, body=d["body"], decided_on=d["decided_on"],
                                                actor=request.user),
        success=_("The new version is adopted and recorded with the decision date."), then=policy,
    ) or render(request, "webadmin/policy_form.html", {"form": form, "policy": policy})


# --- Platforms and the yearly meeting -------------------------------------------------------------------
@login_required
def platform_list(request):
    year = today().year
    return render(request, "webadmin/platform_list.html", {
        "platforms": selectors.platforms(), "meeting": selectors.representatives_meeting(year), "year": year,
        "system_administrator": selectors.system_administrator(),
    })
