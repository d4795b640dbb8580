"""The decision register: a page per year (search, filters by body and kind, CSV/XLSX), each
decision citable by its number on its own page. Public records: everyone signed in reads them."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from governance.authority import today

from . import exports, selectors
from .archive import archive_response
from .forms import RegisterSearchForm
from .models import Decision


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
        "target": target,
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
