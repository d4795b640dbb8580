"""The year's invoices and credit notes for Swedish spreadsheets and finance imports: CSV (UTF-8
with BOM, semicolons, decimal commas) and XLSX, one row per document and no total row among them
(the XLSX has its totals on a sheet of their own). The columns are described in the README."""
from __future__ import annotations

import csv
import io
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from governance.csvfiles import as_text, text_cell

from . import invoicing
from .identifiers import ocr_reference
from .models import Invoice


def _header() -> list[str]:
    return [_("Invoice number"), _("Kind"), _("Credits invoice"), _("Organisation code"), _("Customer"),
            _("Customer's organisation number"), _("Buyer reference"), _("Issuer"), _("Issuer's organisation number"),
            _("Invoice date"), _("Due date"), _("Amount excluding VAT (kr)"), _("VAT (kr)"), _("Amount (kr)"),
            _("VAT category"), _("OCR reference"), _("Bankgiro"), _("Reference"), _("Status"), _("Paid on")]


# What the finance system reads as text; the rest are dates (9, 10, 19) and amounts (11, 12, 13).
TEXT_COLUMNS = (0, 1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17, 18)
DATE_COLUMNS = (9, 10, 19)
AMOUNT_COLUMNS = (11, 12, 13)


def _row(inv: Invoice) -> list:
    """One document: an invoice, or a credit note (its amounts negative, the invoice it credits named)."""
    issuer, customer = invoicing.parties(inv)
    credit = inv.kind == Invoice.Kind.CREDIT_NOTE
    return [inv.number, inv.get_kind_display(), inv.credits.number if credit else "", inv.organisation.code,
            customer.name, customer.organisation_number_display, customer.buyer_reference, issuer.name,
            issuer.organisation_number_display, inv.issue_date, None if credit else inv.due_date,
            inv.amount, Decimal("0.00"), inv.amount, issuer.vat_category,
            "" if credit else ocr_reference(inv.number), "" if credit else issuer.bankgiro_display,
            inv.reference_text, inv.get_status_display(), inv.paid_on]


def _csv_amount(value: Decimal) -> str:
    """An amount as Swedish spreadsheets and finance imports read it: decimal comma, no grouping."""
    return f"{value:.2f}".replace(".", ",")


def invoices_csv(invoices) -> str:
    """UTF-8 with a byte-order mark (Swedish Excel reads å, ä, ö), semicolons, decimal commas,
    ISO dates; one row per document and nothing else (no total row an import would book)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(_header())
    for inv in invoices:
        row = _row(inv)
        for i, v in enumerate(row):
            if i in TEXT_COLUMNS:
                row[i] = text_cell(v)
            elif i in DATE_COLUMNS:
                row[i] = v.isoformat() if v else ""
            elif i in AMOUNT_COLUMNS:
                row[i] = _csv_amount(v)
        writer.writerow(row)
    return out.getvalue()


def invoices_xlsx(invoices, *, year: int, settlement=None) -> bytes:
    """The same rows as the CSV on the first sheet (numbers and dates as such, no total row among
    them); the totals on a sheet of their own, as formulas over the rows and as values."""
    invoices = list(invoices)
    wb = Workbook()
    ws = wb.active
    ws.title = str(_("Invoices %(year)s") % {"year": year})[:31]
    ws.append(_header())
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for inv in invoices:
        ws.append(_row(inv))
        r = ws.max_row
        for i in DATE_COLUMNS:
            ws.cell(r, i + 1).number_format = "yyyy-mm-dd"
        for i in AMOUNT_COLUMNS:
            ws.cell(r, i + 1).number_format = "#,##0.00"
    as_text(ws)  # before the summary's own SUM
    widths = [12, 14, 12, 8, 36, 14, 16, 36, 14, 12, 12, 14, 10, 14, 8, 14, 11, 40, 12, 12]
    for i, w in enumerate(widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = w
    ws.freeze_panes = "A2"

    summary = wb.create_sheet(str(_("Summary"))[:31])
    amount_col = get_column_letter(AMOUNT_COLUMNS[-1] + 1)
    kind_col = get_column_letter(2)
    last = len(invoices) + 1
    sheet = "'" + ws.title.replace("'", "''") + "'"
    invoiced = sum((i.amount for i in invoices if i.kind == Invoice.Kind.INVOICE), Decimal(0))
    credited = sum((i.amount for i in invoices if i.kind == Invoice.Kind.CREDIT_NOTE), Decimal(0))
    summary.append([_("Total"), _("Formula"), _("Value (kr)")])
    for cell in summary[1]:
        cell.font = Font(bold=True)
    rows = [
        (_("Invoiced"), f'=SUMIF({sheet}!{kind_col}2:{kind_col}{last},"{Invoice.Kind.INVOICE.label}",'
                         f'{sheet}!{amount_col}2:{amount_col}{last})', invoiced),
        (_("Credited"), f'=SUMIF({sheet}!{kind_col}2:{kind_col}{last},"{Invoice.Kind.CREDIT_NOTE.label}",'
                         f'{sheet}!{amount_col}2:{amount_col}{last})', credited),
        (_("Net invoiced"), f"=SUM({sheet}!{amount_col}2:{amount_col}{last})", invoiced + credited),
    ]
    if settlement is not None:
        rows.append((_("Settled internally (the system owner's own share, not invoiced)"), None, settlement.amount))
    for label, formula, value in rows:
        summary.append([label, formula, value])
        summary.cell(summary.max_row, 2).number_format = summary.cell(summary.max_row, 3).number_format = "#,##0.00"
    summary.column_dimensions["A"].width = 58
    summary.column_dimensions["B"].width = 16
    summary.column_dimensions["C"].width = 16
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
