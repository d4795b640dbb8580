"""Feature requests: the list and ranked backlog, one request, triage, support, attachments."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from governance.web import act, submit

from .. import selectors, services
from ..forms import (
    FeatureRequestForm,
    RequestFilterForm,
    SpecificationForm,
    TriageForm,
)
from ..models import FeatureAttachment, FeatureRequest
from ..rendering import render_markdown
from .common import _caps, _need

# --- Feature requests --------------------------------------------------------------------------------
BACKLOG_PAGE_SIZE = 50


# What the triage did, in whole sentences (Swedish inflects the participle after "önskemålet").
TRIAGED = {
    FeatureRequest.Status.ACCEPTED: gettext_lazy("The request is now accepted."),
    FeatureRequest.Status.REJECTED: gettext_lazy("The request is now rejected."),
    FeatureRequest.Status.SPECIFIED: gettext_lazy("The request is now specified."),
    FeatureRequest.Status.IN_DEVELOPMENT: gettext_lazy("The request is now in development."),
    FeatureRequest.Status.IN_TEST: gettext_lazy("The request is now in test."),
    FeatureRequest.Status.RELEASED: gettext_lazy("The request is now released."),
}


def _backlog_context(request, *, status: str = "", page=None):
    """The backlog, BACKLOG_PAGE_SIZE requests a page (`page`: its number, from ?page= or the move
    form), and the other requests (new ones, or those of `status`)."""
    caps = _caps(request)
    backlog_page = Paginator(selectors.backlog(), BACKLOG_PAGE_SIZE).get_page(page)
    backlog = list(backlog_page.object_list)
    others = list(selectors.requests(status=status)) if status else list(selectors.requests_to_triage())
    supported = selectors.supported_request_ids(request.user.organisation_id, [r.pk for r in backlog + others])
    return {"backlog": backlog, "page": backlog_page, "rank_offset": backlog_page.start_index() - 1,
            "others": others, "supported": supported, "caps": caps,
            "may_triage": "triage_requests" in caps, "status": status}


@login_required
def request_list(request):
    """The ranked backlog (value and effort shown), and the new requests waiting for triage (or
    those of the status the filter asks for; a made-up status shows the new ones, and says so)."""
    filter_form = RequestFilterForm(request.GET or None)
    status = filter_form.cleaned_data["status"] if filter_form.is_valid() else ""
    return render(request, "webadmin/request_list.html", {
        **_backlog_context(request, status=status, page=request.GET.get("page")), "filter_form": filter_form})


@login_required
def request_create(request):
    form = FeatureRequestForm(request.POST or None, request.FILES or None)
    return submit(
        request, form,
        lambda d: services.feature_request_submit(
            title=d["title"], site=d["site"], problem=d["problem"], proposal=d["proposal"],
            affected=d["affected"], attachments=d["attachments"], actor=request.user,
        ),
        success=_("Thank you: your request is submitted. The feature owner triages it."), then=lambda fr: fr,
    ) or render(request, "webadmin/request_form.html", {"form": form})


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
    return act(
        request, lambda: services.feature_request_support(request=fr, actor=request.user),
        success=lambda support: _("%(org)s now supports this request.") % {"org": request.user.organisation.short_name},
        then=fr,
    )


@login_required
@require_POST
def request_triage(request, pk: int):
    _need(request, "triage_requests", _("Only the feature owner triages feature requests."))
    fr = get_object_or_404(FeatureRequest, pk=pk)
    form = TriageForm(request.POST, request=fr)
    return submit(
        request, form,
        lambda d: services.feature_request_transition(request=fr, status=d["status"], reason=d["reason"],
                                                      version=d["version"], actor=request.user),
        success=lambda fr: TRIAGED[fr.status],
        then=lambda fr: fr,
        saved=lambda: FeatureRequest.objects.get(pk=fr.pk), fields=["status", "rejection_reason"],
    ) or request_detail(request, pk, triage_form=form)


@login_required
def request_edit(request, pk: int):
    _need(request, "triage_requests", _("Only the feature owner triages feature requests."))
    fr = get_object_or_404(FeatureRequest, pk=pk)
    form = SpecificationForm(request.POST or None, instance=fr, initial={"version": fr.version})
    # saved: read again, since the form has already put the editor's input on `fr`.
    return submit(
        request, form,
        lambda d: services.feature_request_update(
            request=fr, version=d["version"], value=d["value"], effort=d["effort"],
            requirement_specification=d["requirement_specification"], test_result=d["test_result"],
            actor=request.user,
        ),
        success=_("Saved."), then=fr, saved=lambda: FeatureRequest.objects.get(pk=fr.pk),
    ) or render(request, "webadmin/request_edit.html", {"form": form, "req": fr})


@login_required
@require_POST
def request_move(request, pk: int):
    """Reorder the backlog: htmx swaps the table in place; without JavaScript the form posts and
    the page reloads at the backlog."""
    _need(request, "triage_requests", _("Only the feature owner prioritises the backlog."))
    fr = get_object_or_404(FeatureRequest, pk=pk)
    page = request.POST.get("page", "")
    query = f"?page={int(page)}" if page.isdecimal() else ""
    moved = act(request, lambda: services.backlog_move(request=fr, direction=request.POST.get("direction", ""),
                                                       actor=request.user),
                success=None, then=reverse("webadmin:request_list") + query + "#backlog")
    if request.headers.get("HX-Request"):  # htmx: the table itself instead of the redirect
        return render(request, "webadmin/_backlog.html", _backlog_context(request, page=page))
    return moved


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
