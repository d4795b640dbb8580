"""The decision register: a page per year (search, filters by body and kind, CSV/XLSX), each
decision citable by its number on its own page. Public records: everyone signed in reads them."""
from __future__ import annotations

import rules
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from governance.authority import refuse, require, today
from governance.documents import selectors as documents
from governance.retention import record_kinds
from governance.web import act, confirm, submit

from . import culling, exports, selectors
from .archive import archive_response
from .forms import CullingApprovalForm, RegisterSearchForm
from .models import CullingItem, CullingList, Decision
from .rules import is_archivist


@login_required
def register_current(request):
    return redirect("governance:decision_register", year=today().year)


def _filtered(request, year: int):
    form = RegisterSearchForm(request.GET or None)
    query, body_id, kind = "", None, ""
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
        body_id = form.cleaned_data["body"].pk if form.cleaned_data["body"] else None
        kind = form.cleaned_data["kind"]
    return form, selectors.register(year=year, query=query, body_id=body_id, kind=kind)


@login_required
def register(request, year: int):
    form, decisions = _filtered(request, year)
    page = Paginator(decisions, 50).get_page(request.GET.get("page"))
    return render(request, "governance/records/register.html", {
        "year": year, "form": form, "page": page, "years": selectors.years(),
        "query_string": request.GET.urlencode(),
    })


@login_required
def register_export(request, year: int, fmt: str):
    _form, decisions = _filtered(request, year)
    decisions = list(decisions)
    if fmt == "csv":
        response = HttpResponse(exports.register_csv(decisions), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(exports.register_xlsx(decisions, year=year),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="beslut-{year}.{fmt}"'
    return response


@login_required
def decision_detail(request, pk: int):
    try:
        decision = selectors.decision_detail(pk)
    except Decision.DoesNotExist as exc:
        raise Http404 from exc
    target = decision.target if decision.target_id else None
    return render(request, "governance/records/decision_detail.html", {
        "decision": decision, "target_url": getattr(target, "get_absolute_url", lambda: "")() if target else "",
        "target": target, "documents": documents.for_decision(request.user, decision),
    })


@login_required
def decision_archive(request, pk: int):
    """The decision as an archive copy (tagged PDF/A-2a)."""
    try:
        decision = selectors.decision_detail(pk)
    except Decision.DoesNotExist as exc:
        raise Http404 from exc
    return archive_response("archive/decision.html", {"decision": decision},
                            title=_("Decision %(n)s") % {"n": decision.number},
                            filename=f"beslut-{decision.number.replace(' ', '-').replace('/', '-')}.pdf")


# --- Retention and culling ---------------------------------------------------------------------------
def _may_read_culling(request):
    require(request.user, "governance.view_cullinglist", None,
            message=_("The culling lists are for the archivists and the administrators."))


@login_required
@require_GET
def culling_index(request):
    """The retention schedule (each kind of record, its class and retention decision) and the
    yearly culling lists."""
    _may_read_culling(request)
    return render(request, "governance/records/culling_index.html", {
        "schedule": culling.schedule(), "lists": list(CullingList.objects.annotate(rows=Count("items"))),
        "is_archivist": is_archivist(request.user), "year": today().year,
    })


@login_required
@require_POST
def culling_draft(request):
    if not is_archivist(request.user):
        raise refuse(request.user, "governance.approve_cullinglist", None, _("Only an archivist drafts the culling list."))
    year = today().year
    return act(request, lambda: culling.culling_draft(year=year, actor=request.user),
               success=lambda r: ngettext("%(n)s record was added to the culling list.",
                                          "%(n)s records were added to the culling list.", r[1]) % {"n": r[1]},
               then=reverse("governance:culling_list", kwargs={"year": year}))


@login_required
def culling_list(request, year: int):
    _may_read_culling(request)
    culling_list = get_object_or_404(CullingList.objects.select_related("approved_by"), year=year)
    items = culling_list.items.order_by("kind", "record_date", "pk")
    may_approve = (culling_list.status == CullingList.Status.DRAFT
                   and rules.has_perm("governance.approve_cullinglist", request.user, culling_list))
    form = None
    if may_approve:
        form = CullingApprovalForm(request.POST or None, items=items.filter(outcome=CullingItem.Outcome.PROPOSED),
                                   initial={"version": culling_list.version})
        if request.method == "POST" and form.is_valid():
            proposed = items.filter(outcome=CullingItem.Outcome.PROPOSED).count()
            kept = len(form.cleaned_data["keep"])
            done = confirm(request, action=_("Approve and cull"), back=culling_list, consequences=[
                ngettext("%(n)s record is removed now, with its files; this cannot be undone.",
                         "%(n)s records are removed now, with their files; this cannot be undone.",
                         proposed - kept) % {"n": proposed - kept},
                ngettext("%(n)s record is kept.", "%(n)s records are kept.", kept) % {"n": kept},
                _("The list stays as the log of what was culled.")])
            if done:
                return done
        response = submit(
            request, form,
            lambda d: culling.culling_approve(culling_list=culling_list, actor=request.user, keep=d["keep"],
                                              keep_reason=d["keep_reason"], note=d["note"],
                                              version=d.get("version")),
            success=_("The culling list was approved and carried out."), then=culling_list)
        if response:
            return response
    kinds = record_kinds()
    rows = list(items)
    for item in rows:
        item.kind_label = kinds[item.kind].label if item.kind in kinds else item.kind
    return render(request, "governance/records/culling_list.html", {
        "culling_list": culling_list, "items": rows, "form": form,
    })
