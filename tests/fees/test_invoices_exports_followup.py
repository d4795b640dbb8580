"""Agency isolation, exports read back, follow-up CSV import, query counts, dashboard panels."""
import io
from decimal import Decimal

from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from fees.models import Budget, Invoice, Outcome
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
    assert Invoice.objects.filter(year=year, kind="invoice").count() == 22
    assert Invoice.objects.filter(year=year, status="overdue").count() == 1
    assert Invoice.objects.filter(year=year, status="paid").count() == 21
    assert Budget.objects.get(year=year + 1).proposals.get().status == "draft"


def test_xlsx_export_reads_back_with_sum_formula(demo, db, login):
    response = login("admin").get(reverse("fees:invoices_export_xlsx", args=[today().year]))
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb.active
    assert ws["A2"].value == f"{today().year}-001"
    amounts = [ws.cell(r, 10).value for r in range(2, 24)]
    assert len(amounts) == 22 and all(isinstance(a, (int, float)) for a in amounts)
    assert ws["J24"].value == "=SUM(J2:J23)"
    total = sum(Invoice.objects.filter(year=today().year).values_list("amount", flat=True))
    assert Decimal(str(ws["J25"].value)) == total == Decimal(str(sum(amounts)))


def test_csv_export(demo, db, login):
    response = login("admin").get(reverse("fees:invoices_export_csv", args=[today().year]))
    lines = response.content.decode().splitlines()
    assert len(lines) == 24 and lines[1].startswith(f"{today().year}-001;")
    total = sum(Decimal(line.rsplit(";", 1)[1]) for line in lines[1:-1])
    assert lines[-1].endswith(f";{total:.2f}")


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
