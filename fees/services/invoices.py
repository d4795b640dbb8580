"""The year's fee invoices: generated from the decision, sent, paid, credited, overdue reminders."""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance import concurrency, dates
from governance.audit import audited_save
from governance.authority import require, today
from governance.bodies.selectors import information_manager_of
from governance.notifications.services import notification_send
from governance.people.models import User
from governance.texts import Text, number, store

from .. import notifications, selectors
from ..invoicing import check_complete, snapshot
from ..models import Budget, FeeDecision, FeeShare, InternalSettlement, Invoice
from .common import DEFAULT_PAYMENT_DAYS


# --- Invoices -------------------------------------------------------------------------------------
def fee_reference(year: int, organisation_short_name: str) -> Text:
    """An invoice's reference, stored untranslated and shown in the reader's language."""
    return Text(gettext_lazy("Management fee %(year)s, %(org)s"), year=year, org=organisation_short_name)


def _next_sequence(year: int) -> int:
    return (Invoice.objects.filter(year=year).aggregate(m=Max("sequence"))["m"] or 0) + 1


def _new_invoice(**fields) -> Invoice:
    seq = _next_sequence(fields["year"])
    return Invoice(sequence=seq, number=f"{fields['year']}-{seq:03d}", **fields)


@transaction.atomic
def invoices_generate(*, decision: FeeDecision, actor: User, issue_date: dt.date | None = None,
                      payment_days: int = DEFAULT_PAYMENT_DAYS) -> list[Invoice]:
    """One invoice per payer with a share above zero, as drafts, numbered in the year's series; the
    system owner's own share is recorded as settled internally (never an invoice to itself). For a
    correction, the earlier decision's invoices are credited first."""
    budget = Budget.objects.select_for_update().select_related("system_owner").get(year=decision.year)
    require(actor, "fees.issue_invoices", budget)
    if FeeDecision.objects.filter(supersedes=decision).exists():
        raise ValidationError(_("This decision has been corrected: invoice the latest version instead."))
    if decision.invoices.exists() or InternalSettlement.objects.filter(decision=decision).exists():
        raise ValidationError(_("Invoices for this decision have already been created."))
    issue_date = issue_date or today()
    created = []
    for old in Invoice.objects.filter(year=decision.year, kind=Invoice.Kind.INVOICE).exclude(
        status=Invoice.Status.CREDITED
    ).exclude(decision=decision):
        invoice_credit(invoice=old, actor=actor,
                       reason=Text(gettext_lazy("Replaced by the corrected fee decision, version %(v)s."),
                                   v=decision.version),
                       check=False)
    for share in FeeShare.objects.filter(decision=decision).select_related("organisation").order_by(
        "organisation__sort_order", "organisation__code"
    ):
        if share.amount <= 0:
            continue
        if share.organisation_id == budget.system_owner_id:
            # An agency does not invoice itself: its own share is settled in its own accounts.
            settlement = InternalSettlement(decision=decision, organisation=share.organisation, amount=share.amount,
                                            recorded_on=issue_date)
            audited_save(settlement, actor=actor, reason="own share settled internally")
            continue
        invoice = _new_invoice(
            year=decision.year, decision=decision, organisation=share.organisation, issuer=budget.system_owner,
            amount=share.amount, issue_date=issue_date, due_date=issue_date + dt.timedelta(days=payment_days),
        )
        store(invoice, "reference", fee_reference(decision.year, share.organisation.short_name), max_length=200)
        audited_save(invoice, actor=actor, reason="invoice generated")
        created.append(invoice)
    return created


@transaction.atomic
def invoice_send(*, invoice: Invoice, actor: User, on: dt.date | None = None) -> Invoice:
    require(actor, "fees.manage_invoice", invoice)
    invoice = concurrency.locked(invoice, "organisation")
    Invoice.WORKFLOW.check(invoice, Invoice.Status.SENT, ValidationError(
        _("Only a draft can be sent; this invoice is “%(status)s”.") % {"status": invoice.get_status_display()}))
    # A real invoice names both parties with their organisation numbers and addresses, the buyer's
    # reference and where to pay: one that lacks any is refused, naming what is missing.
    invoice.parties = snapshot(invoice)
    check_complete(invoice)
    Invoice.WORKFLOW.move(invoice, Invoice.Status.SENT)
    invoice.sent_on = on or today()
    return audited_save(invoice, actor=actor, reason="sent")


@transaction.atomic
def invoice_mark_paid(*, invoice: Invoice, actor: User, paid_on: dt.date | None = None) -> Invoice:
    require(actor, "fees.manage_invoice", invoice)
    invoice = concurrency.locked(invoice, "organisation")
    if invoice.kind != Invoice.Kind.INVOICE or invoice.status not in Invoice.OPEN_STATUSES:
        raise ValidationError(_("Only a sent or overdue invoice can be marked as paid; this one is “%(status)s”.")
                              % {"status": invoice.get_status_display()})
    paid = dates.paid_on(paid_on or today(), issued=invoice.issue_date)
    Invoice.WORKFLOW.move(invoice, Invoice.Status.PAID)
    invoice.paid_on = paid
    return audited_save(invoice, actor=actor, reason="paid")


@transaction.atomic
def invoice_credit(*, invoice: Invoice, actor: User, reason: str | Text, check: bool = True) -> Invoice:
    """Cancel an invoice with a credit note for the whole amount (invoices are never deleted).
    `reason` is a person's words, or the portal's own reason as a texts.Text. Returns the credit note."""
    if check:
        require(actor, "fees.manage_invoice", invoice)
    invoice = concurrency.locked(invoice, "organisation")
    reason = reason.strip() if isinstance(reason, str) else reason
    if not reason:
        raise ValidationError(_("A credit note needs a reason."))
    if invoice.kind != Invoice.Kind.INVOICE or invoice.status == Invoice.Status.CREDITED:
        raise ValidationError(_("This invoice is already credited (or is itself a credit note)."))
    note = _new_invoice(
        year=invoice.year, kind=Invoice.Kind.CREDIT_NOTE, decision=invoice.decision, organisation=invoice.organisation,
        issuer=invoice.issuer, amount=-invoice.amount, issue_date=today(), due_date=today(), credits=invoice,
        status=Invoice.Status.SENT, sent_on=today(),
    )
    # To the same parties as the invoice it credits (as that was sent), else as they are now.
    note.parties = invoice.parties or snapshot(note)
    store(note, "reference", Text(gettext_lazy("Credit note for invoice %(number)s"), number=invoice.number),
          max_length=200)
    store(note, "credit_reason", reason)
    audited_save(note, actor=actor, reason="credit note")
    Invoice.WORKFLOW.move(invoice, Invoice.Status.CREDITED)
    audited_save(invoice, actor=actor, reason="credited")
    return note


@transaction.atomic
def invoices_mark_overdue(*, on: dt.date | None = None, actor: User | None = None) -> list[Invoice]:
    """Flag sent invoices past their due date as overdue. Safe to run twice."""
    day = on or today()
    flagged = []
    for invoice in Invoice.objects.select_for_update().filter(
        kind=Invoice.Kind.INVOICE, status=Invoice.Status.SENT, due_date__lt=day
    ):
        Invoice.WORKFLOW.move(invoice, Invoice.Status.OVERDUE)
        audited_save(invoice, actor=actor, reason="overdue")
        flagged.append(invoice)
    return flagged


@transaction.atomic
def invoices_remind_overdue(*, on: dt.date | None = None) -> int:
    """Flag overdue invoices and remind each organisation's information manager, at most once per
    invoice and week (notification_send's unique key makes a re-run send nothing new)."""
    day = on or today()
    invoices_mark_overdue(on=day)
    iso = day.isocalendar()
    sent = 0
    for invoice in selectors.overdue_invoices(on=day):
        manager = information_manager_of(invoice.organisation, on=day)
        if manager is None:
            continue
        _notification, created = notification_send(
            kind=notifications.INVOICE_OVERDUE, recipient=manager, target=invoice,
            occasion=f"overdue-{iso.year}-W{iso.week:02d}", url=reverse("fees:invoice_detail", args=[invoice.pk]),
            subject=Text(gettext_lazy("Invoice %(number)s is overdue"), number=invoice.number),
            body=Text(gettext_lazy("Invoice %(number)s (%(amount)s kr, %(reference)s) was due on %(due)s and is not paid."),
                      number=invoice.number, amount=number(invoice.amount),
                      reference=invoice.reference_message or invoice.reference, due=invoice.due_date.isoformat()),
        )
        sent += created
    return sent
