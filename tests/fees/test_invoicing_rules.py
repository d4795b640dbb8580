"""Issue 18: the data a real invoice needs and the rules around it — organisation numbers, bankgiro
and OCR with their check digits; an invoice whose party lacks a detail is not sent, naming it; a
sent invoice keeps the details it was sent with; the system owner does not invoice itself; a credit
note is seen at once by the issuer and the customer; a payment is never dated before its invoice;
the printable copy and its PDF."""
from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from fees import services, ubl
from fees.identifiers import (
    bankgiro,
    luhn_digit,
    luhn_valid,
    ocr_reference,
    ocr_valid,
    organisation_number,
)
from fees.models import InternalSettlement, Invoice, InvoicingParty
from governance.authority import today
from tests.fees.factories import AdminFactory, decided, invoicing_details


# --- The numbers ------------------------------------------------------------------------------------
@pytest.mark.parametrize("number", ["202100-2395", "2021002395", "202100-6545", "000000-0018"])
def test_an_organisation_number_with_its_check_digit_is_taken(number):
    assert organisation_number(number) == number.replace("-", "")


@pytest.mark.parametrize(("number", "why"), [
    ("202100-2396", "check digit"), ("202100-239", "ten digits"), ("20210023951", "ten digits"),
    ("abcdef-ghij", "ten digits"),
])
def test_a_wrong_organisation_number_is_refused(number, why):
    with pytest.raises(ValidationError, match=why):
        organisation_number(number)


def test_the_bankgiro_number_has_seven_or_eight_digits_and_its_check_digit():
    assert bankgiro("5050-1055") == "50501055" and bankgiro("991-2346") == "9912346"
    for wrong in ("5050-1056", "12345", "123456789"):
        with pytest.raises(ValidationError):
            bankgiro(wrong)


def test_luhn():
    assert luhn_digit("7992739871") == 3 and luhn_valid("79927398713") and not luhn_valid("79927398710")


def test_the_ocr_reference_has_a_length_digit_and_a_check_digit():
    ocr = ocr_reference("2026-007")
    assert ocr.startswith("2026007") and len(ocr) == 9 and ocr[-2] == "9" and luhn_valid(ocr)
    assert ocr_valid(ocr)
    assert not ocr_valid(ocr[:-1] + str((int(ocr[-1]) + 1) % 10))  # a mistyped check digit
    assert not ocr_valid(ocr[1:])  # a digit lost: the length digit no longer matches
    plain = ocr_reference("2026-007", length_digit=False)
    assert plain == "2026007" + str(luhn_digit("2026007")) and ocr_valid(plain, length_digit=False)


@pytest.mark.django_db
def test_the_admin_refuses_a_wrong_organisation_number_and_stores_the_digits():
    from governance.people.models import Organisation

    party = InvoicingParty.objects.get(organisation__code="W")
    party.organisation_number = "202100-2396"
    with pytest.raises(ValidationError) as exc:
        party.full_clean()
    assert "organisation_number" in exc.value.message_dict
    party.organisation_number, party.bankgiro = "202100-2395", "5050-1055"
    party.full_clean()
    party.save()
    party.refresh_from_db()
    assert (party.organisation_number, party.bankgiro) == ("2021002395", "50501055")
    # The reference data: every county board and Vattenmyndigheterna has a row; confirmed numbers only.
    assert InvoicingParty.objects.count() == Organisation.objects.exclude(kind="it_unit").count() == 22
    assert InvoicingParty.objects.get(organisation__code="S").organisation_number == "2021002395"
    assert InvoicingParty.objects.get(organisation__code="AB").organisation_number == ""


# --- Sending -----------------------------------------------------------------------------------------
@pytest.fixture
def admin(db):
    return AdminFactory()


def _draft(admin, year):
    _, _, decision = decided(year, 22_000, admin)
    invoices = services.invoices_generate(decision=decision, actor=admin, issue_date=dt.date(year - 1, 12, 20))
    return next(i for i in invoices if i.organisation.code == "W"), decision


@pytest.mark.django_db
def test_an_invoice_whose_party_lacks_a_detail_is_not_sent_and_the_message_names_it(admin):
    invoice, _ = _draft(admin, 2040)
    with pytest.raises(ValidationError) as exc:  # the reference data alone: no addresses, no bankgiro
        services.invoice_send(invoice=invoice, actor=admin)
    text = " ".join(exc.value.messages)
    assert "Länsstyrelsen i Dalarnas län (customer) lacks invoicing details: organisation number" in text
    assert "buyer reference" in text and "Länsstyrelsen i Västra Götalands län (issuer)" in text and "bankgiro" in text
    invoicing_details()
    InvoicingParty.objects.filter(organisation__code="W").update(buyer_reference="")
    with pytest.raises(ValidationError, match=r"Dalarnas län \(customer\) lacks invoicing details: buyer reference\."):
        services.invoice_send(invoice=invoice, actor=admin)
    assert Invoice.objects.get(pk=invoice.pk).status == "draft"
    with pytest.raises(ValidationError, match="buyer reference"):
        ubl.invoice_ubl(invoice)  # nor is its e-invoice written
    InvoicingParty.objects.filter(organisation__code="W").update(buyer_reference="ABC123")
    services.invoice_send(invoice=invoice, actor=admin)
    assert Invoice.objects.get(pk=invoice.pk).status == "sent"


@pytest.mark.django_db
def test_a_sent_invoice_keeps_the_details_it_was_sent_with(admin):
    invoice, _ = _draft(admin, 2041)
    invoicing_details()
    sent = services.invoice_send(invoice=invoice, actor=admin)
    before = ubl.invoice_ubl(sent)
    InvoicingParty.objects.filter(organisation__code="W").update(street="Ny gata 1", buyer_reference="NY")
    sent.refresh_from_db()
    assert ubl.invoice_ubl(sent) == before and b"Ny gata" not in before
    assert sent.parties["customer"]["buyer_reference"] == "DEMO-W"
    note = services.invoice_credit(invoice=sent, actor=admin, reason="Fel belopp")
    assert note.parties == sent.parties  # the credit note goes to the parties the invoice went to


@pytest.mark.django_db
def test_the_system_owner_does_not_invoice_itself(admin, client):
    _, decision = _draft(admin, 2042)
    assert not Invoice.objects.filter(decision=decision, organisation__code="O").exists()
    settled = InternalSettlement.objects.get(decision=decision)
    assert settled.organisation.code == "O" and settled.amount == 1_000
    with pytest.raises(ValidationError, match="already been created"):
        services.invoices_generate(decision=decision, actor=admin)
    client.force_login(admin)
    html = client.get(reverse("fees:decision_detail", args=[decision.pk])).content.decode()
    text = html.replace("\xa0", " ").replace("\u202f", " ").replace(",", "")
    assert "Länsstyrelsen i Västra Götalands län's own share 1000 kr is settled internally" in text.replace(
        "1 000", "1000"), text[text.find("own share") - 80:text.find("own share") + 80]


# --- With the demo ------------------------------------------------------------------------------------
def _w_invoice():
    return Invoice.objects.get(year=today().year, organisation__code="W", kind="invoice")


def test_a_credit_note_is_seen_at_once_by_the_issuer_and_the_customer(demo, db, login):
    invoice = _w_invoice()
    issuer = login("ic-o")  # Västra Götaland's information manager issues and credits
    issuer.post(reverse("fees:invoice_credit", args=[invoice.pk]), {"reason": "Fel belopp"})
    note = Invoice.objects.get(credits=invoice)
    for username in ("ic-o", "infochef"):  # the issuer's and Dalarna's information managers
        client = login(username)
        assert client.get(reverse("fees:invoice_detail", args=[note.pk])).status_code == 200, username
        listed = client.get(reverse("fees:invoice_list") + f"?year={today().year}").content.decode()
        assert note.number in listed, username
        assert client.get(reverse("fees:invoice_ubl", args=[note.pk])).status_code == 200
    assert login("steering").get(reverse("fees:invoice_detail", args=[note.pk])).status_code == 404


def test_a_payment_dated_before_its_invoice_is_refused_on_the_page(demo, db, login):
    invoice = _w_invoice()  # overdue in the demo
    client = login("admin")
    response = client.post(reverse("fees:invoice_paid", args=[invoice.pk]),
                           {"paid_on": (invoice.issue_date - dt.timedelta(days=1)).isoformat()})
    assert response.status_code == 302
    assert any("is before the invoice date" in str(m) for m in get_messages(response.wsgi_request))
    invoice.refresh_from_db()
    assert invoice.status == "overdue" and invoice.paid_on is None


def test_the_printable_copy_and_its_pdf(demo, db, login):
    invoice = _w_invoice()
    client = login("infochef")
    html = client.get(reverse("fees:invoice_print", args=[invoice.pk])).content.decode()
    doc_ocr = ocr_reference(invoice.number)
    for text in (invoice.number, "Länsstyrelsen i Dalarnas län", "Länsstyrelsen i Västra Götalands län",
                 doc_ocr, "5050-1055", "DEMO-W", "0007:", "VATEX-EU-O"):
        assert text in html, text
    assert "style=" not in html and "<script" not in html and html.count("<h1") == 1
    response = client.get(reverse("fees:invoice_pdf", args=[invoice.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert f'filename="faktura-{invoice.number}.pdf"' in response["Content-Disposition"]
    note = Invoice.objects.get(year=today().year, kind="credit_note")
    assert client.get(reverse("fees:invoice_pdf", args=[note.pk])).status_code == 404  # Gotland's, not Dalarna's
    admin = login("admin")
    response = admin.get(reverse("fees:invoice_pdf", args=[note.pk]))
    assert response.status_code == 200 and f"kreditfaktura-{note.number}.pdf" in response["Content-Disposition"]


def test_a_download_for_an_incomplete_party_goes_back_to_the_invoice_naming_the_detail(demo, db, login):
    invoice = _w_invoice()
    Invoice.objects.filter(pk=invoice.pk).update(parties=None)  # as a draft: the details as they are
    InvoicingParty.objects.filter(organisation__code="W").update(organisation_number="")
    client = login("infochef")
    for name in ("fees:invoice_ubl", "fees:invoice_pdf"):
        response = client.get(reverse(name, args=[invoice.pk]))
        assert response.status_code == 302 and response["Location"] == invoice.get_absolute_url()
        assert any("lacks invoicing details: organisation number" in str(m)
                   for m in get_messages(response.wsgi_request))
    page = client.get(invoice.get_absolute_url()).content.decode()
    assert "lacks invoicing details: organisation number" in page
    assert reverse("fees:invoice_ubl", args=[invoice.pk]) not in page


def test_the_invoicing_details_in_the_admin(demo, db, login):
    client = login("admin")
    assert client.get(reverse("admin:fees_invoicingparty_changelist")).status_code == 200
    party = InvoicingParty.objects.get(organisation__code="O")
    page = client.get(reverse("admin:fees_invoicingparty_change", args=[party.pk])).content.decode()
    assert "5050-1055" in page or "50501055" in page
    assert client.get(reverse("admin:fees_internalsettlement_changelist")).status_code == 200
