"""The decision register as CSV (UTF-8 with BOM, semicolons, for Swedish spreadsheets) and XLSX;
every text cell neutralised (governance.csvfiles), no total rows."""
from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from governance.csvfiles import as_text, text_cell


def _header() -> list[str]:
    return [_("Registration number"), _("Decided on"), _("Kind"), _("Decided by"), _("Decision"), _("Grounds"),
            _("Dissent"), _("Corrects")]


def _row(d) -> list:
    return [d.number, d.decided_on, d.get_kind_display(), str(d.body or ""), d.text_text, d.grounds, d.dissent,
            d.corrects.number if d.corrects_id else ""]


def register_csv(decisions) -> str:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";")
    writer.writerow(_header())
    for d in decisions:
        row = _row(d)
        writer.writerow([text_cell(row[0]), row[1].isoformat(), *[text_cell(v) for v in row[2:]]])
    return out.getvalue()


def register_xlsx(decisions, *, year: int) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = str(_("Decisions %(year)s") % {"year": year})[:31]
    ws.append(_header())
    for c in ws[1]:
        c.font = Font(bold=True)
    for d in decisions:
        ws.append(_row(d))
        ws.cell(ws.max_row, 2).number_format = "yyyy-mm-dd"
    as_text(ws)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
