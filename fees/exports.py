"""Invoices for the finance system: CSV and XLSX (values plus SUM formulas)."""
from __future__ import annotations

import csv
import io
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from governance.csvfiles import as_text, text_cell

from .models import Invoice


def _header() -> list[str]:
    return [_("Invoice number"), _("Kind"), _("Organisation code"), _("Customer"), _("Issuer"),
            _("Invoice date"), _("Due date"), _("Reference"), _("Status"), _("Amount (kr)")]


TEXT_COLUMNS = (0, 1, 2, 3, 4, 7, 8)  # what the finance system reads as text (the rest: dates, amount)


def _row(inv: Invoice) -> list:
    return [inv.number, inv.get_kind_display(), inv.organisation.code, inv.organisation.name, inv.issuer.name,
            inv.issue_date, inv.due_date, inv.reference_text, inv.get_status_display(), inv.amount]


def invoices_csv(invoices) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(_header())
    total = Decimal(0)
    for inv in invoices:
        row = [text_cell(v) if i in TEXT_COLUMNS else v for i, v in enumerate(_row(inv))]
        row[5], row[6], row[9] = row[5].isoformat(), row[6].isoformat(), f"{inv.amount:.2f}"
        writer.writerow(row)
        total += inv.amount
    writer.writerow([_("Total"), "", "", "", "", "", "", "", "", f"{total:.2f}"])
    return out.getvalue()


def invoices_xlsx(invoices, *, year: int) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = str(_("Invoices %(year)s") % {"year": year})[:31]
    ws.append(_header())
    for cell in ws[1]:
        cell.font = Font(bold=True)
    count = 0
    for inv in invoices:
        ws.append(_row(inv))
        count += 1
        r = ws.max_row
        ws.cell(r, 6).number_format = ws.cell(r, 7).number_format = "yyyy-mm-dd"
        ws.cell(r, 10).number_format = "#,##0.00"
    as_text(ws)  # before the sheet's own SUM
    last = count + 1
    total_row = last + 1
    ws.cell(total_row, 1, _("Total"))
    ws.cell(total_row, 1).font = Font(bold=True)
    ws.cell(total_row, 10, f"=SUM(J2:J{last})" if count else 0)
    ws.cell(total_row, 10).number_format = "#,##0.00"
    ws.cell(total_row, 10).font = Font(bold=True)
    # The same sum as a value, for readers that do not calculate formulas.
    ws.cell(total_row + 1, 1, _("Total (value)"))
    ws.cell(total_row + 1, 10, sum((inv.amount for inv in invoices), Decimal(0)))
    ws.cell(total_row + 1, 10).number_format = "#,##0.00"
    widths = [14, 14, 10, 38, 38, 12, 12, 40, 12, 16]
    for i, w in enumerate(widths):
        ws.column_dimensions[chr(65 + i)].width = w
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
