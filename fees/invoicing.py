"""What an invoice or credit note says, whichever way it leaves the portal: the Peppol e-invoice
(fees.ubl), the printable page and its PDF (fees.invoice_pdf) are written from one InvoiceDocument.

The parties come from the reference data (InvoicingParty, in the admin) while the invoice is a
draft, and from the copy taken when it was sent (Invoice.parties) after: a sent invoice never
changes when an address does. An invoice whose issuer or customer lacks a detail a real invoice
needs cannot be sent; check_complete() names the organisation and the missing details."""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .identifiers import PEPPOL_SCHEME_SE, format_bankgiro, format_organisation_number, ocr_reference
from .models import Invoice, InvoicingParty

CURRENCY = "SEK"

# The details a real invoice cannot do without (mervärdesskattelagen's name and address of both
# parties; Peppol's electronic addresses and the buyer reference, PEPPOL-EN16931-R003/R010/R020).
REQUIRED_AS_CUSTOMER = ("organisation_number", "street", "postal_code", "city", "country", "buyer_reference")
REQUIRED_AS_ISSUER = ("organisation_number", "street", "postal_code", "city", "country", "vat_exemption_reason")
REQUIRED_TO_BE_PAID = ("bankgiro",)  # an invoice (not a credit note) says where to pay


@dataclass(frozen=True)
class Party:
    code: str
    name: str
    short_name: str
    organisation_number: str = ""
    number_source: str = ""
    street: str = ""
    additional_street: str = ""
    postal_code: str = ""
    city: str = ""
    country: str = "SE"
    buyer_reference: str = ""
    contact_email: str = ""
    bankgiro: str = ""
    payment_days: int = 30
    vat_category: str = InvoicingParty.VatCategory.NOT_SUBJECT
    vat_exemption_code: str = ""
    vat_exemption_reason: str = ""

    @classmethod
    def of(cls, organisation) -> Party:
        """The organisation's invoicing details as they are now (blank where none are kept)."""
        try:
            details = organisation.invoicing
        except InvoicingParty.DoesNotExist:
            details = InvoicingParty(organisation=organisation)
        values = {f: getattr(details, f) for f in _DETAIL_FIELDS}
        return cls(code=organisation.code, name=details.legal_name or organisation.name,
                   short_name=organisation.short_name, **values)

    @classmethod
    def from_dict(cls, data: dict) -> Party:
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)

    @property
    def peppol_id(self) -> str:
        return f"{PEPPOL_SCHEME_SE}:{self.organisation_number}" if self.organisation_number else ""

    @property
    def organisation_number_display(self) -> str:
        return format_organisation_number(self.organisation_number)

    @property
    def bankgiro_display(self) -> str:
        return format_bankgiro(self.bankgiro)

    @property
    def is_demo_number(self) -> bool:
        return self.number_source.strip().upper().startswith("DEMO")

    def missing(self, required) -> list[str]:
        """The verbose names of the `required` details that are blank."""
        return [str(InvoicingParty._meta.get_field(f).verbose_name) for f in required
                if not str(getattr(self, f) or "").strip()]


_DETAIL_FIELDS = [f.name for f in dataclasses.fields(Party) if f.name not in ("code", "name", "short_name")]


def snapshot(invoice: Invoice) -> dict:
    """The two parties' details as they are now, kept on the invoice when it is sent."""
    return {"issuer": Party.of(invoice.issuer).as_dict(), "customer": Party.of(invoice.organisation).as_dict()}


def parties(invoice: Invoice) -> tuple[Party, Party]:
    """(issuer, customer): as sent, or as they are now for a draft (or an invoice made before the
    details were kept)."""
    kept = invoice.parties or {}
    issuer = Party.from_dict(kept["issuer"]) if kept.get("issuer") else Party.of(invoice.issuer)
    customer = Party.from_dict(kept["customer"]) if kept.get("customer") else Party.of(invoice.organisation)
    return issuer, customer


def problems(invoice: Invoice, issuer: Party | None = None, customer: Party | None = None) -> list[str]:
    """One sentence per party that lacks a detail the document needs, naming both."""
    if issuer is None or customer is None:
        issuer, customer = parties(invoice)
    needed_from_issuer = REQUIRED_AS_ISSUER + (REQUIRED_TO_BE_PAID if invoice.kind == Invoice.Kind.INVOICE else ())
    found = []
    for party, required, role in ((issuer, needed_from_issuer, _("issuer")),
                                  (customer, REQUIRED_AS_CUSTOMER, _("customer"))):
        missing = party.missing(required)
        if missing:
            found.append(_("%(organisation)s (%(role)s) lacks invoicing details: %(fields)s. Fill them in under "
                           "“Invoicing details” in the admin.")
                         % {"organisation": party.name, "role": role, "fields": ", ".join(missing)})
    return found


def check_complete(invoice: Invoice, issuer: Party | None = None, customer: Party | None = None) -> None:
    found = problems(invoice, issuer, customer)
    if found:
        raise ValidationError(found)


# --- The document ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class InvoiceDocument:
    number: str
    is_credit_note: bool
    issue_date: dt.date
    due_date: dt.date | None
    period_start: dt.date
    period_end: dt.date
    issuer: Party
    customer: Party
    amount: Decimal  # what the document is for, positive (a credit note credits it)
    description: str  # the one line: the invoice's reference
    basis: str  # what it is based on: the fee decision
    note: str  # a credit note's reason
    credits_number: str
    credits_date: dt.date | None
    ocr: str
    payment_terms: str
    currency: str = CURRENCY

    @property
    def title(self) -> str:
        return _("Credit note") if self.is_credit_note else _("Invoice")

    @property
    def payable(self) -> Decimal:
        return self.amount


def document(invoice: Invoice) -> InvoiceDocument:
    """The invoice or credit note as the e-invoice and the printable copy say it, in the active
    language (the e-invoice is written in the portal's default language, fees.ubl)."""
    issuer, customer = parties(invoice)
    credit = invoice.kind == Invoice.Kind.CREDIT_NOTE
    days = (invoice.due_date - invoice.issue_date).days
    return InvoiceDocument(
        number=invoice.number, is_credit_note=credit, issue_date=invoice.issue_date,
        due_date=None if credit else invoice.due_date,
        period_start=dt.date(invoice.year, 1, 1), period_end=dt.date(invoice.year, 12, 31),
        issuer=issuer, customer=customer, amount=abs(invoice.amount),
        description=str(invoice.reference_text), basis=str(invoice.decision),
        note=str(invoice.credit_reason_text or "") if credit else "",
        credits_number=invoice.credits.number if credit else "",
        credits_date=invoice.credits.issue_date if credit else None,
        ocr="" if credit else ocr_reference(invoice.number),
        payment_terms="" if credit else ngettext("%(days)d day net", "%(days)d days net", days) % {"days": days},
    )


def filename(invoice: Invoice, extension: str) -> str:
    prefix = "kreditfaktura" if invoice.kind == Invoice.Kind.CREDIT_NOTE else "faktura"
    return f"{prefix}-{invoice.number}.{extension}"


__all__ = ["Party", "InvoiceDocument", "document", "parties", "snapshot", "problems", "check_complete",
           "filename"]
