"""The members of a body on a date as CSV (UTF-8 with BOM, semicolons, for Swedish spreadsheets)
and XLSX; every text cell neutralised (governance.csvfiles)."""
from __future__ import annotations

import csv
import datetime as dt
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from governance.csvfiles import as_text, text_cell


def _header() -> list[str]:
    return [_("Name"), _("Organisation"), _("Position"), _("From"), _("Until")]


def _row(m) -> list:
    return [str(m.user), m.organisation.name, m.get_position_display(), m.start, m.end]


def members_csv(memberships) -> str:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";")
    writer.writerow(_header())
    for m in memberships:
        name, organisation, position, start, end = _row(m)
        writer.writerow([text_cell(name), text_cell(organisation), text_cell(position), start.isoformat(),
                         end.isoformat() if end else ""])
    return out.getvalue()


def members_xlsx(memberships, *, day: dt.date) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = str(_("Members %(day)s") % {"day": day.isoformat()})[:31]
    ws.append(_header())
    for c in ws[1]:
        c.font = Font(bold=True)
    for m in memberships:
        ws.append(_row(m))
        for column in (4, 5):
            ws.cell(ws.max_row, column).number_format = "yyyy-mm-dd"
    as_text(ws)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
