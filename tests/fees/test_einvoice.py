"""Issue 18: each invoice and credit note as a Peppol BIS Billing 3.0 e-invoice (UBL), valid by the
official rules — OpenPEPPOL's Schematron and CEN's EN 16931 rules, run by tests/peppol/oracle.py
(a copy of /work/shared/peppol that travels with the repository).

The demo's year is validated whole; then each rule the portal had to satisfy is shown to be in
force: the portal's document passes it, and the same document with that one thing broken fails
with the rule's id."""
from __future__ import annotations

import copy
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from fees import ubl
from fees.models import Invoice
from governance.authority import today
from tests.peppol import oracle

NS = {"cac": ubl.NS["cac"], "cbc": ubl.NS["cbc"], "inv": ubl.INVOICE_NS, "cn": ubl.CREDIT_NOTE_NS}
ET.register_namespace("cac", NS["cac"])
ET.register_namespace("cbc", NS["cbc"])


def _invoice(code="W") -> Invoice:
    return Invoice.objects.get(year=today().year, organisation__code=code, kind="invoice")


def _credit_note() -> Invoice:
    return Invoice.objects.get(year=today().year, kind="credit_note")


def test_the_official_examples_pass_the_copied_rules():
    """The oracle itself: OpenPEPPOL's valid examples pass (so a failure below is the portal's)."""
    for example in sorted((Path(oracle.HERE) / "examples").glob("*.xml")):
        assert oracle.errors(example.read_bytes()) == [], example.name


def test_every_document_of_the_demo_year_is_a_valid_peppol_document(demo, db, tmp_path):
    """`invoice_ubl --year YEAR --out DIR`: one file per invoice and credit note, each valid; the
    22 organisations appear with 22 distinct organisation numbers (the issuer and 21 customers)."""
    err = io.StringIO()
    call_command("invoice_ubl", year=today().year, out=str(tmp_path), stderr=err)
    files = sorted(tmp_path.glob("*.xml"))
    documents = Invoice.objects.filter(year=today().year)
    assert len(files) == documents.count() >= 22
    assert len([f for f in files if f.name.startswith("kreditfaktura-")]) == documents.filter(kind="credit_note").count() >= 1
    numbers = set()
    for f in files:
        data = f.read_bytes()
        found = oracle.errors(data)
        assert not found, f"{f.name}:\n{oracle.describe(found)}"
        root = ET.fromstring(data)
        for party in ("AccountingSupplierParty", "AccountingCustomerParty"):
            numbers.add(root.find(f"cac:{party}/cac:Party/cac:PartyLegalEntity/cbc:CompanyID", NS).text)
    assert len(numbers) == 22
    assert f"{len(files)} documents written" in err.getvalue()


def test_one_document_to_standard_output(demo, db):
    out = io.StringIO()
    call_command("invoice_ubl", _invoice().number, stdout=out)
    root = ET.fromstring(out.getvalue().encode())
    assert root.tag == f"{{{ubl.INVOICE_NS}}}Invoice"
    assert root.find("cbc:ID", NS).text == _invoice().number


def test_a_credit_note_is_a_creditnote_that_references_the_invoice_it_credits(demo, db):
    note = _credit_note()
    data = ubl.invoice_ubl(note)
    root = ET.fromstring(data)
    assert root.tag == f"{{{ubl.CREDIT_NOTE_NS}}}CreditNote"
    assert root.find("cbc:CreditNoteTypeCode", NS).text == "381"
    ref = root.find("cac:BillingReference/cac:InvoiceDocumentReference", NS)
    assert ref.find("cbc:ID", NS).text == note.credits.number
    assert ref.find("cbc:IssueDate", NS).text == note.credits.issue_date.isoformat()
    assert root.find("cac:LegalMonetaryTotal/cbc:PayableAmount", NS).text == f"{-note.amount:.2f}"  # positive
    assert root.find("cbc:Note", NS).text == note.credit_reason
    assert oracle.errors(data) == []


def test_the_invoice_carries_what_a_finance_department_books_by(demo, db):
    from fees.identifiers import ocr_valid

    invoice = _invoice()
    root = ET.fromstring(ubl.invoice_ubl(invoice))
    assert root.find("cbc:BuyerReference", NS).text == "DEMO-W"
    assert root.find("cac:AccountingCustomerParty/cac:Party/cbc:EndpointID", NS).attrib["schemeID"] == "0007"
    means = root.find("cac:PaymentMeans", NS)
    assert means.find("cbc:PaymentMeansCode", NS).text == "30"
    assert means.find("cac:PayeeFinancialAccount/cbc:ID", NS).text == "50501055"
    assert means.find("cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID", NS).text == "SE:BANKGIRO"
    assert ocr_valid(means.find("cbc:PaymentID", NS).text)
    category = root.find("cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory", NS)
    assert category.find("cbc:ID", NS).text == "O"
    assert category.find("cbc:TaxExemptionReasonCode", NS).text == "VATEX-EU-O"
    assert root.find("cbc:DueDate", NS).text == invoice.due_date.isoformat()
    assert root.find("cac:InvoiceLine/cac:Item/cbc:Name", NS).text.startswith("Förvaltningsavgift")  # Swedish


def test_the_download_on_the_invoice_page(demo, db, login):
    invoice = _invoice()
    client = login("infochef")  # Dalarna's information manager: the customer
    page = client.get(reverse("fees:invoice_detail", args=[invoice.pk])).content.decode()
    url = reverse("fees:invoice_ubl", args=[invoice.pk])
    assert url in page
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    assert f'filename="faktura-{invoice.number}.xml"' in response["Content-Disposition"]
    assert oracle.errors(response.content) == []


# --- Each rule the portal satisfies, shown in force ------------------------------------------------
def _remove(path):
    def mutate(root):
        parent_path, _, last = path.rpartition("/")
        for parent in (root.findall(parent_path, NS) if parent_path else [root]):
            for el in parent.findall(last, NS):
                parent.remove(el)
    return mutate


def _set(path, value):
    def mutate(root):
        for el in root.findall(path, NS):
            el.text = value
    return mutate


def _add(path, xml):
    def mutate(root):
        for el in root.findall(path, NS):
            el.append(ET.fromstring(f'<x xmlns:cac="{NS["cac"]}" xmlns:cbc="{NS["cbc"]}">{xml}</x>')[0])
    return mutate


SELLER = "cac:AccountingSupplierParty/cac:Party"
BUYER = "cac:AccountingCustomerParty/cac:Party"
VAT_ID = '<cac:PartyTaxScheme><cbc:CompanyID>SE202100239501</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>'

# (rule, what it asks, the document it is shown on, the break)
RULES = [
    ("PEPPOL-EN16931-R001", "the business process (ProfileID)", "invoice", _remove("cbc:ProfileID")),
    ("PEPPOL-EN16931-R004", "the Peppol BIS 3.0 specification id", "invoice", _set("cbc:CustomizationID", "urn:x")),
    ("PEPPOL-EN16931-R003", "a buyer reference (InvoicingParty.buyer_reference)", "invoice",
     _remove("cbc:BuyerReference")),
    ("PEPPOL-EN16931-R002", "at most one note (a credit note's reason)", "credit_note",
     _add(".", "<cbc:Note>two</cbc:Note>")),
    ("PEPPOL-EN16931-R010", "the buyer's electronic address (0007:organisation number)", "invoice",
     _remove(f"{BUYER}/cbc:EndpointID")),
    ("PEPPOL-EN16931-R020", "the seller's electronic address", "invoice", _remove(f"{SELLER}/cbc:EndpointID")),
    ("PEPPOL-COMMON-R049", "a Swedish organisation number with its check digit (scheme 0007)", "invoice",
     _set(f"{BUYER}/cbc:EndpointID", "2021002396")),
    ("SE-R-013", "the seller's organisation number with a valid Luhn digit", "invoice",
     _set(f"{SELLER}/cac:PartyLegalEntity/cbc:CompanyID", "0000000120")),
    ("SE-R-004", "the seller's organisation number of ten digits", "invoice",
     _set(f"{SELLER}/cac:PartyLegalEntity/cbc:CompanyID", "000000012")),
    ("BR-CO-25", "a due date or payment terms on an amount due", "invoice",
     lambda root: (_remove("cbc:DueDate")(root), _remove("cac:PaymentTerms")(root))),
    ("BR-O-10", "the VAT exemption reason of category O", "invoice",
     lambda root: (_remove("cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:TaxExemptionReason")(root),
                   _remove("cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:TaxExemptionReasonCode")(root))),
    ("BR-O-02", "no VAT identifier of either party under category O", "invoice",
     lambda root: root.find(SELLER, NS).insert(4, ET.fromstring(
         f'<x xmlns:cac="{NS["cac"]}" xmlns:cbc="{NS["cbc"]}">{VAT_ID}</x>')[0])),
    ("BR-O-05", "no VAT rate on a line of category O", "invoice",
     _add("cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory", "<cbc:Percent>25</cbc:Percent>")),
    ("BR-O-08", "the taxable amount of category O equal to its lines", "invoice",
     _set("cac:TaxTotal/cac:TaxSubtotal/cbc:TaxableAmount", "1.00")),
    ("BR-CO-10", "the sum of the lines equal to the document's line total", "invoice",
     _set("cac:LegalMonetaryTotal/cbc:LineExtensionAmount", "1.00")),
    ("BR-CO-16", "the amount due equal to the total with VAT", "invoice",
     _set("cac:LegalMonetaryTotal/cbc:PayableAmount", "1.00")),
    ("PEPPOL-EN16931-R120", "a line's net amount equal to quantity × price", "invoice",
     _set("cac:InvoiceLine/cac:Price/cbc:PriceAmount", "1.00")),
    ("BR-11", "the buyer's country code", "invoice", _remove(f"{BUYER}/cac:PostalAddress/cac:Country")),
    ("PEPPOL-EN16931-P0101", "a credit note's type code 381", "credit_note", _set("cbc:CreditNoteTypeCode", "380")),
    ("BR-55", "the credited invoice's number in a credit note's preceding-invoice reference", "credit_note",
     _remove("cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID")),
]


@pytest.mark.parametrize(("rule", "asks", "kind", "mutate"), RULES, ids=[r[0] for r in RULES])
def test_the_portal_satisfies_the_rule(demo, db, rule, asks, kind, mutate):
    document = _credit_note() if kind == "credit_note" else _invoice()
    data = ubl.invoice_ubl(document)
    assert rule not in oracle.error_ids(data), f"the portal's own document breaks {rule} ({asks})"
    root = ET.fromstring(data)
    broken = copy.deepcopy(root)
    mutate(broken)
    assert rule in oracle.error_ids(ET.tostring(broken, encoding="unicode")), f"{rule} ({asks}) is not in force"
