"""The decision's invoices: generating, the list, one invoice, sending, payment, credit notes, exports."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.authority import require, today
from governance.web import act, error_messages

from .. import charts, exports, invoicing, selectors, services, ubl
from .. import invoice_pdf as invoice_pdf_module
from ..forms import (
    CreditForm,
    InvoiceGenerateForm,
    PaidForm,
)
from ..models import FeeDecision, InternalSettlement, Invoice
from ..rules import visible_invoices
from .common import _budget, _decision, _invoice


# --- Decision and invoices ------------------------------------------------------------------------
@login_required
def decision_detail(request, pk: int):
    decision, budget = _decision(request.user, pk)
    rows = selectors.decision_rows(decision)
    chart = charts.bar_chart(
        _("Fee per organisation"), [r.organisation.short_name for r in rows],
        [(_("Decided %(year)s") % {"year": decision.year}, [r.share for r in rows]),
         (_("Decided %(year)s") % {"year": decision.year - 1}, [r.previous for r in rows])],
    )
    superseded_by = FeeDecision.objects.filter(supersedes=decision).first()
    can_issue = request.user.has_perm("fees.issue_invoices", budget) and superseded_by is None
    return render(request, "fees/decision_detail.html", {
        "decision": decision, "budget": budget, "rows": rows, "chart": chart, "superseded_by": superseded_by,
        "total": sum((r.share for r in rows), 0),
        "invoices": list(selectors.invoices_of_decision(decision)) if request.user.has_perm("fees.issue_invoices", budget) else [],
        "can_issue": can_issue and not decision.invoices.exists(),
        "can_export": request.user.has_perm("fees.issue_invoices", budget),
        "generate_form": InvoiceGenerateForm(initial={
            "issue_date": today(), "payment_days": invoicing.Party.of(budget.system_owner).payment_days}),
        "settlement": InternalSettlement.objects.filter(decision=decision).select_related("organisation").first(),
        "history": list(selectors.decisions_of(decision.year)),
    })


@login_required
@require_POST
def invoices_generate(request, pk: int):
    decision, budget = _decision(request.user, pk, "fees.issue_invoices")
    form = InvoiceGenerateForm(request.POST)

    def generate():
        # The form sits on the decision's page: its errors are refused like the service's, as messages.
        if not form.is_valid():
            raise ValidationError([m for errors in form.errors.values() for m in errors])
        return services.invoices_generate(
            decision=decision, actor=request.user, issue_date=form.cleaned_data["issue_date"],
            payment_days=form.cleaned_data["payment_days"],
        )
    return act(request, generate, success=lambda created: _("%(n)d invoices were created as drafts.")
               % {"n": len(created)}, then=decision)


@login_required
def invoice_list(request):
    year = request.GET.get("year")
    status = request.GET.get("status")
    qs = selectors.invoices(visible_invoices(request.user), year=int(year) if year and year.isdigit() else None,
                            status=status if status in Invoice.Status.values else None)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    day = today()
    return render(request, "fees/invoice_list.html", {
        "page": page, "today": day, "statuses": Invoice.Status.choices, "status": status, "year": year,
    })


@login_required
def invoice_detail(request, pk: int):
    invoice = _invoice(request.user, pk)
    day = today()
    return render(request, "fees/invoice_detail.html", {
        "invoice": invoice, "today": day, "overdue": invoice.is_overdue_on(day),
        "can_manage": request.user.has_perm("fees.manage_invoice", invoice),
        "paid_form": PaidForm(initial={"paid_on": day}), "credit_form": CreditForm(),
        "credit_note": Invoice.objects.filter(credits=invoice).first(),
        "doc": invoicing.document(invoice), "problems": invoicing.problems(invoice),
    })


def _managed_invoice(request, pk) -> Invoice:
    invoice = _invoice(request.user, pk)
    require(request.user, "fees.manage_invoice", invoice)
    return invoice


@login_required
@require_POST
def invoice_send(request, pk: int):
    invoice = _managed_invoice(request, pk)
    return act(request, lambda: services.invoice_send(invoice=invoice, actor=request.user),
               success=_("The invoice is marked as sent."), then=invoice)


@login_required
@require_POST
def invoice_paid(request, pk: int):
    invoice = _managed_invoice(request, pk)
    form = PaidForm(request.POST)

    def paid():
        if not form.is_valid():
            raise ValidationError(_("Give the date the payment arrived."))
        return services.invoice_mark_paid(invoice=invoice, actor=request.user, paid_on=form.cleaned_data["paid_on"])
    return act(request, paid, success=_("The invoice is marked as paid."), then=invoice)


@login_required
@require_POST
def invoice_credit(request, pk: int):
    invoice = _managed_invoice(request, pk)
    form = CreditForm(request.POST)

    def credit():
        if not form.is_valid():
            raise ValidationError(_("A credit note needs a reason."))
        return services.invoice_credit(invoice=invoice, actor=request.user, reason=form.cleaned_data["reason"])
    return act(request, credit, success=lambda note: _("Credit note %(number)s was issued.") % {"number": note.number},
               then=invoice)


def _export_invoices(request, year):
    budget = _budget(request.user, year, "fees.issue_invoices")
    return list(selectors.invoices(year=budget.year).select_related(
        "organisation__invoicing", "issuer__invoicing").order_by("sequence"))


@login_required
def invoices_export_csv(request, year: int):
    rows = _export_invoices(request, year)
    response = HttpResponse(exports.invoices_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="fakturor-{year}.csv"'
    return response


@login_required
def invoices_export_xlsx(request, year: int):
    rows = _export_invoices(request, year)
    response = HttpResponse(
        exports.invoices_xlsx(rows, year=year, settlement=InternalSettlement.objects.filter(
            decision__year=year, decision__superseded_by__isnull=True).first()),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="fakturor-{year}.xlsx"'
    return response


# --- The invoice as it leaves the portal: e-invoice, printable page, PDF --------------------------
def _refused(request, invoice, exc: ValidationError):
    error_messages(request, exc)
    return redirect(invoice)


@login_required
def invoice_ubl(request, pk: int):
    """The Peppol BIS Billing 3.0 e-invoice (UBL); refused, naming what is missing, when a party
    lacks a detail a real invoice needs."""
    invoice = _invoice(request.user, pk)
    try:
        data = ubl.invoice_ubl(invoice)
    except ValidationError as exc:
        return _refused(request, invoice, exc)
    response = HttpResponse(data, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{invoicing.filename(invoice, "xml")}"'
    return response


@login_required
def invoice_print(request, pk: int):
    invoice = _invoice(request.user, pk)
    return render(request, "fees/invoice_print.html", {
        "invoice": invoice, "doc": invoicing.document(invoice), "problems": invoicing.problems(invoice),
    })


@login_required
def invoice_pdf(request, pk: int):
    invoice = _invoice(request.user, pk)
    try:
        invoicing.check_complete(invoice)
    except ValidationError as exc:
        return _refused(request, invoice, exc)
    response = HttpResponse(invoice_pdf_module.invoice_pdf(invoicing.document(invoice)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{invoicing.filename(invoice, "pdf")}"'
    return response
