"""Agency isolation, exports read back, follow-up CSV import, query counts, dashboard panels."""
import io
from decimal import Decimal

from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from fees.demo import demo_organisation_number
from fees.identifiers import format_organisation_number
from fees.models import Budget, InternalSettlement, Invoice, Outcome
from governance.authority import today
from governance.people.models import User


# --- With the demo data -------------------------------------------------------------------------
def _invoice(code):
    return Invoice.objects.get(year=today().year, organisation__code=code, kind="invoice")


def test_info_manager_sees_only_own_organisations_invoice(demo, db, login):
    client = login("infochef")
    assert client.get(reverse("fees:invoice_detail", args=[_invoice("W").pk])).status_code == 200
    assert client.get(reverse("fees:invoice_detail", args=[_invoice("M").pk])).status_code == 404
    html = client.get(reverse("fees:invoice_list")).content.decode()
    assert _invoice("W").number in html and _invoice("M").number not in html
    steering = login("steering")
    assert steering.get(reverse("fees:invoice_detail", args=[_invoice("W").pk])).status_code == 404


def test_demo_has_paid_invoices_and_one_overdue(demo, db):
    year = today().year
    # 21 payers invoiced (the system owner's own share is settled internally), and Gotland's invoice
    # credited and issued again: 22 invoices and one credit note.
    assert Invoice.objects.filter(year=year, kind="invoice").count() == 22
    assert Invoice.objects.filter(year=year, kind="credit_note").count() == 1
    assert Invoice.objects.filter(year=year, status="overdue").count() == 1
    assert Invoice.objects.filter(year=year, status="paid").count() == 20
    assert Invoice.objects.filter(year=year, status="credited").count() == 1
    assert not Invoice.objects.filter(year=year, organisation__code="O").exists()
    assert InternalSettlement.objects.get(decision__year=year).organisation.code == "O"
    assert Budget.objects.get(year=year + 1).proposals.get().status == "draft"


def _documents(year):
    return list(Invoice.objects.filter(year=year).order_by("sequence"))


def test_xlsx_export_has_only_documents_on_its_first_sheet_and_the_totals_apart(demo, db, login):
    response = login("admin").get(reverse("fees:invoices_export_xlsx", args=[today().year]))
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    ws, summary = wb.worksheets
    documents = _documents(today().year)
    assert ws.max_row == len(documents) + 1  # the header and one row per document: no total row
    assert [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)] == [d.number for d in documents]
    amounts = [ws.cell(r, 14).value for r in range(2, ws.max_row + 1)]
    assert all(isinstance(a, (int, float)) for a in amounts)
    note = next(d for d in documents if d.kind == "credit_note")
    row = documents.index(note) + 2
    assert ws.cell(row, 3).value == note.credits.number and ws.cell(row, 14).value < 0
    total = sum(d.amount for d in documents)
    assert Decimal(str(sum(amounts))) == total
    labels = {summary.cell(r, 1).value: (summary.cell(r, 2).value, summary.cell(r, 3).value)
              for r in range(2, summary.max_row + 1)}
    formula, value = labels["Net invoiced"]
    assert formula.startswith("=SUM(") and Decimal(str(value)) == total
    settled = InternalSettlement.objects.get(decision__year=today().year)
    assert Decimal(str(labels["Settled internally (the system owner's own share, not invoiced)"][1])) == settled.amount


def test_csv_export_is_for_swedish_spreadsheets_and_finance_imports(demo, db, login, client, settings):
    import csv

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    admin = login("admin")
    with translation.override("sv"):
        response = admin.get(reverse("fees:invoices_export_csv", args=[today().year]))
    body = response.content
    assert body.startswith("\ufeff".encode())  # UTF-8 with a byte-order mark: Excel reads Län… right
    text = body.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    documents = _documents(today().year)
    assert len(rows) == len(documents) + 1  # no total row ("Summa") an import would book
    assert rows[0][0] == "Fakturanummer" and "Länsstyrelsen" in text
    assert not any(r[0].lower().startswith(("summa", "total")) for r in rows)
    first = rows[1]
    assert first[0] == f"{today().year}-001"
    amount = first[13]
    assert "," in amount and "." not in amount and amount == f"{documents[0].amount:.2f}".replace(".", ",")
    # The customer's organisation number: Stockholm's, made up by the demo (marked DEMO).
    assert first[5] == format_organisation_number(demo_organisation_number(1))
    assert first[15] and first[16] == "5050-1055"  # OCR reference, the issuer's bankgiro
    credit = next(r for r in rows[1:] if r[2])
    assert credit[1] == "Kreditfaktura" and credit[13].startswith("-")
    assert sum(Decimal(r[13].replace(",", ".")) for r in rows[1:]) == sum(d.amount for d in documents)


def test_dashboard_panels(demo, db, login):
    assert "Fee decision to make" in login("director").get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode() or \
        "Avgiftsbeslut att fatta" in login("director").get("/").content.decode()
    from fees.dashboard import panels
    from governance.people.models import User

    titles = lambda name: [str(p.title) for p in panels(User.objects.get(username=name), today())]  # noqa: E731
    assert "Fee decision to make" in titles("director")
    assert "Your organisation's open fee invoice" in titles("infochef")
    assert "Overdue fee invoices" in titles("chair")
    assert "Overdue fee invoices" in titles("admin")
    assert titles("communicator") == [] and titles("steering") == []


def test_pages_render_without_inline_style_or_script(demo, db, login):
    from fees.models import FeeDecision, FeeProposal

    client = login("admin")
    year = today().year
    urls = [
        reverse("fees:overview"), reverse("fees:budget_detail", args=[year]),
        reverse("fees:budget_edit", args=[year + 1]), reverse("fees:followup", args=[year]),
        reverse("fees:followup_edit", args=[year]),
        reverse("fees:proposal_detail", args=[FeeProposal.objects.get(budget__year=year + 1).pk]),
        reverse("fees:proposal_edit", args=[FeeProposal.objects.get(budget__year=year + 1).pk]),
        reverse("fees:decision_detail", args=[FeeDecision.objects.get(year=year).pk]),
        reverse("fees:invoice_detail", args=[_invoice("W").pk]), reverse("fees:fee_history"),
    ]
    for url in urls:
        html = client.get(url).content.decode()
        assert "style=" not in html and "<style" not in html and "<script>" not in html, url
        assert html.count("<h1") == 1, url


def test_budget_edit_refuses_a_stale_version(demo, db, login):
    client = login("chair")
    budget = Budget.objects.get(year=today().year + 1)
    data = {"version": budget.version, "carry_over": "100000", "other_income": "0", "development_funds": "0",
            "system_owner": budget.system_owner_id, "notes": "", "lines-TOTAL_FORMS": "0",
            "lines-INITIAL_FORMS": "0"}
    assert client.post(reverse("fees:budget_edit", args=[budget.year]), data).status_code == 302
    data["notes"] = "Mitt förslag"
    response = client.post(reverse("fees:budget_edit", args=[budget.year]), data)
    assert "Someone else saved" in response.content.decode() and "Mitt förslag" in response.content.decode()


def test_budget_edit_shows_a_second_editor_the_saved_version_in_swedish(demo, db, login, settings):
    first = login("chair")
    budget = Budget.objects.get(year=today().year + 1)
    url = reverse("fees:budget_edit", args=[budget.year])
    data = {"version": budget.version, "carry_over": "100000", "other_income": "0", "development_funds": "0",
            "system_owner": budget.system_owner_id, "notes": "Ordförandens anteckning", "lines-TOTAL_FORMS": "0",
            "lines-INITIAL_FORMS": "0"}
    assert first.post(url, data).status_code == 302
    second = Client()
    second.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    second.force_login(User.objects.get(username="steering"))
    with translation.override("sv"):
        response = second.post(url, {**data, "notes": "Mitt förslag"})  # still the version before the chair's
    html = response.content.decode()
    assert response.status_code == 200
    saved = html.split("Versionen som någon annan sparade", 1)[1].split("</table>", 1)[0]
    assert "Ordförandens anteckning" in saved and "Mitt förslag" not in saved
    assert "Mitt förslag" in html.split("</table>", 1)[1]  # the second editor's own input, in the form below
    assert f'name="version" value="{budget.version + 1}"' in html  # saving again replaces the saved version


def test_budget_edit_round_trip_with_blank_extra_rows(demo, db, login):
    """Post back what the page renders (plus one new line and blank extra rows)."""
    import re

    client = login("steering")
    budget = Budget.objects.get(year=today().year + 1)
    url = reverse("fees:budget_edit", args=[budget.year])
    html = client.get(url).content.decode()
    data = {}
    for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html):
        data[name] = value
    for name, value in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>.*?<option value="([^"]*)"[^>]*selected', html, re.S):
        data[name] = value
    for name in re.findall(r'<select[^>]*name="([^"]+)"', html):
        data.setdefault(name, "")
    total = int(data["lines-TOTAL_FORMS"])
    lines_before = budget.lines.count()
    data[f"lines-{total - 1}-category"] = "hardware"
    data[f"lines-{total - 1}-description"] = "Nya skärmar"
    data[f"lines-{total - 1}-amount"] = "25000"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert budget.lines.count() == lines_before + 1
    assert budget.lines.filter(description="Nya skärmar", amount=25000).exists()


def test_followup_edit_saves_outcome_and_forecast(demo, db, login):
    client = login("chair")
    budget = Budget.objects.get(year=today().year)
    line = budget.lines.order_by("position", "id").first()
    data = {f"q{q}_{ln.pk}": "" for ln in budget.lines.all() for q in (1, 2, 3, 4)}
    data.update({f"q4_{line.pk}": "1234.50", f"forecast_{line.pk}": "999000"})
    response = client.post(reverse("fees:followup_edit", args=[budget.year]), data)
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.forecast == Decimal("999000")
    assert Outcome.objects.get(line=line, quarter=4).amount == Decimal("1234.50")
    assert not Outcome.objects.filter(line=line, quarter=1).exists()  # emptied cell clears the figure
    html = client.get(reverse("fees:followup", args=[budget.year])).content.decode()
    assert "<svg" in html and "999" in html
