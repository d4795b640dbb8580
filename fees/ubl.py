"""An invoice or credit note as a Peppol BIS Billing 3.0 document (UBL 2.1 Invoice or CreditNote),
the e-invoice a Swedish public body's finance system books.

Written in the portal's default language (Swedish), whatever language the reader uses. The
business terms (BT) of EN 16931 come from:

  BT-1 number, BT-2 invoice date, BT-9 due date (invoice), BT-3 380 / 381, BT-5 SEK
  BT-10 buyer reference          the customer's InvoicingParty.buyer_reference
  BT-22 note                     a credit note's reason
  BT-25/26 preceding invoice     the invoice a credit note credits, and its date
  BT-73/74 invoicing period      the fee year
  BG-4 seller, BG-7 buyer        InvoicingParty (as sent): legal name, organisation number as
                                 electronic address, party identifier and legal registration
                                 (scheme 0007), postal address; the seller's contact e-mail
  BG-16 payment (invoice)        credit transfer (30) to the issuer's bankgiro (SE:BANKGIRO),
                                 the OCR reference as remittance information (BT-83)
  BT-20 payment terms            "30 dagar netto" from the invoice's dates
  BG-23 VAT breakdown            category O (not subject to VAT), no VAT identifiers (BR-O-02),
                                 exemption reason code and text (BT-121, BT-120) from the issuer
  BG-25 the one line             the invoice's reference as item name, the fee decision as its
                                 description, quantity 1 (C62), price = amount

docs/invoicing-vat.md has the reasoning for category O."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

from django.conf import settings
from django.utils import translation

from .invoicing import InvoiceDocument, check_complete, document, parties
from .models import Invoice

NS = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
INVOICE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
CREDIT_NOTE_NS = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
INVOICE_TYPE = "380"  # commercial invoice
CREDIT_NOTE_TYPE = "381"  # credit note
PAYMENT_MEANS_CREDIT_TRANSFER = "30"  # with SE:BANKGIRO: Peppol's Swedish bankgiro (SE-R-011)
UNIT_ONE = "C62"  # UN/ECE Recommendation 20: "one"
SCHEME = "0007"  # Swedish organisation number

ET.register_namespace("cac", NS["cac"])
ET.register_namespace("cbc", NS["cbc"])


def _cbc(parent, tag, text=None, **attrs):
    el = ET.SubElement(parent, f"{{{NS['cbc']}}}{tag}", {k: str(v) for k, v in attrs.items()})
    if text is not None:
        el.text = str(text)
    return el


def _cac(parent, tag):
    return ET.SubElement(parent, f"{{{NS['cac']}}}{tag}")


def _amount(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01')):.2f}"


def _money(parent, tag, value, currency):
    return _cbc(parent, tag, _amount(value), currencyID=currency)


def _party(parent, party) -> None:
    p = _cac(parent, "Party")
    _cbc(p, "EndpointID", party.organisation_number, schemeID=SCHEME)  # BT-34 / BT-49
    ident = _cac(p, "PartyIdentification")  # BT-29 / BT-46
    _cbc(ident, "ID", party.organisation_number, schemeID=SCHEME)
    name = _cac(p, "PartyName")  # BT-28 / BT-45, the trading name
    _cbc(name, "Name", party.short_name or party.name)
    address = _cac(p, "PostalAddress")  # BG-5 / BG-8
    _cbc(address, "StreetName", party.street)
    if party.additional_street:
        _cbc(address, "AdditionalStreetName", party.additional_street)
    _cbc(address, "CityName", party.city)
    _cbc(address, "PostalZone", party.postal_code)
    country = _cac(address, "Country")
    _cbc(country, "IdentificationCode", party.country or "SE")
    # No PartyTaxScheme: category O carries no VAT identifier of either party (BR-O-02).
    legal = _cac(p, "PartyLegalEntity")
    _cbc(legal, "RegistrationName", party.name)  # BT-27 / BT-44
    _cbc(legal, "CompanyID", party.organisation_number, schemeID=SCHEME)  # BT-30 / BT-47
    if party.contact_email:
        contact = _cac(p, "Contact")  # BG-6 / BG-9
        _cbc(contact, "ElectronicMail", party.contact_email)


def _tax_category(parent, tag, doc: InvoiceDocument, *, reason: bool):
    cat = _cac(parent, tag)
    _cbc(cat, "ID", doc.issuer.vat_category or "O")
    if reason:
        if doc.issuer.vat_exemption_code:
            _cbc(cat, "TaxExemptionReasonCode", doc.issuer.vat_exemption_code)  # BT-121
        _cbc(cat, "TaxExemptionReason", doc.issuer.vat_exemption_reason)  # BT-120
    scheme = _cac(cat, "TaxScheme")
    _cbc(scheme, "ID", "VAT")
    return cat


def build(doc: InvoiceDocument) -> ET.Element:
    """The UBL element tree of a document (children in UBL 2.1's order)."""
    credit = doc.is_credit_note
    root_ns = CREDIT_NOTE_NS if credit else INVOICE_NS
    # The document's own namespace as the default one, written as an attribute (ElementTree's
    # default_namespace refuses unqualified attributes such as schemeID); cac and cbc are prefixed.
    root = ET.Element("CreditNote" if credit else "Invoice", {"xmlns": root_ns})
    cur = doc.currency
    _cbc(root, "CustomizationID", CUSTOMIZATION_ID)  # BT-24
    _cbc(root, "ProfileID", PROFILE_ID)  # BT-23
    _cbc(root, "ID", doc.number)  # BT-1
    _cbc(root, "IssueDate", doc.issue_date.isoformat())  # BT-2
    if not credit:
        _cbc(root, "DueDate", doc.due_date.isoformat())  # BT-9
    _cbc(root, "CreditNoteTypeCode" if credit else "InvoiceTypeCode", CREDIT_NOTE_TYPE if credit else INVOICE_TYPE)
    if doc.note:
        _cbc(root, "Note", doc.note)  # BT-22 (at most one, PEPPOL-EN16931-R002)
    _cbc(root, "DocumentCurrencyCode", cur)  # BT-5
    _cbc(root, "BuyerReference", doc.customer.buyer_reference)  # BT-10
    period = _cac(root, "InvoicePeriod")  # BG-14
    _cbc(period, "StartDate", doc.period_start.isoformat())
    _cbc(period, "EndDate", doc.period_end.isoformat())
    if credit:
        ref = _cac(_cac(root, "BillingReference"), "InvoiceDocumentReference")  # BG-3
        _cbc(ref, "ID", doc.credits_number)  # BT-25
        _cbc(ref, "IssueDate", doc.credits_date.isoformat())  # BT-26
    _party(_cac(root, "AccountingSupplierParty"), doc.issuer)
    _party(_cac(root, "AccountingCustomerParty"), doc.customer)
    if not credit:
        means = _cac(root, "PaymentMeans")  # BG-16
        _cbc(means, "PaymentMeansCode", PAYMENT_MEANS_CREDIT_TRANSFER, name="Bankgiro")  # BT-81, BT-82
        _cbc(means, "PaymentID", doc.ocr)  # BT-83
        account = _cac(means, "PayeeFinancialAccount")
        _cbc(account, "ID", doc.issuer.bankgiro)  # BT-84
        branch = _cac(account, "FinancialInstitutionBranch")
        _cbc(branch, "ID", "SE:BANKGIRO")  # BT-86, as Peppol's Swedish rules ask (SE-R-008/009/011)
        terms = _cac(root, "PaymentTerms")
        _cbc(terms, "Note", doc.payment_terms)  # BT-20
    tax = _cac(root, "TaxTotal")  # BG-23
    _money(tax, "TaxAmount", Decimal(0), cur)  # BT-110
    sub = _cac(tax, "TaxSubtotal")
    _money(sub, "TaxableAmount", doc.amount, cur)  # BT-116
    _money(sub, "TaxAmount", Decimal(0), cur)  # BT-117
    _tax_category(sub, "TaxCategory", doc, reason=True)  # BT-118, BT-121, BT-120
    total = _cac(root, "LegalMonetaryTotal")  # BG-22
    _money(total, "LineExtensionAmount", doc.amount, cur)  # BT-106
    _money(total, "TaxExclusiveAmount", doc.amount, cur)  # BT-109
    _money(total, "TaxInclusiveAmount", doc.amount, cur)  # BT-112
    _money(total, "PayableAmount", doc.amount, cur)  # BT-115
    line = _cac(root, "CreditNoteLine" if credit else "InvoiceLine")  # BG-25
    _cbc(line, "ID", "1")  # BT-126
    _cbc(line, "CreditedQuantity" if credit else "InvoicedQuantity", "1", unitCode=UNIT_ONE)  # BT-129, BT-130
    _money(line, "LineExtensionAmount", doc.amount, cur)  # BT-131
    item = _cac(line, "Item")
    if doc.basis:
        _cbc(item, "Description", doc.basis)  # BT-154
    _cbc(item, "Name", doc.description)  # BT-153
    _tax_category(item, "ClassifiedTaxCategory", doc, reason=False)  # BT-151 (no rate for O, BR-O-05)
    price = _cac(line, "Price")
    _money(price, "PriceAmount", doc.amount, cur)  # BT-146
    return root


def to_bytes(root: ET.Element) -> bytes:
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"


def invoice_ubl(invoice: Invoice) -> bytes:
    """The document as Peppol BIS Billing 3.0 UBL (bytes, UTF-8), or ValidationError naming the
    organisation and the details it lacks."""
    issuer, customer = parties(invoice)
    check_complete(invoice, issuer, customer)
    with translation.override(settings.LANGUAGE_CODE):
        return to_bytes(build(document(invoice)))
