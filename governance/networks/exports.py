"""The conference's participants per organisation as CSV (UTF-8 with BOM, semicolons) and XLSX,
sorted by organisation; every text cell neutralised (governance.csvfiles)."""
from __future__ import annotations

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from governance.csvfiles import as_text, text_cell


def _header() -> list[str]:
    return [_("Organisation"), _("Name"), _("E-mail"), _("Registered by"), _("Registered")]


def _row(r) -> list:
    registered = timezone.localtime(r.created_at).replace(tzinfo=None, microsecond=0)
    return [r.organisation.name, str(r.participant), r.participant.email, str(r.registered_by or ""), registered]


def participants_csv(registrations) -> str:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";")
    writer.writerow(_header())
    for r in registrations:
        *texts, registered = _row(r)
        writer.writerow([*(text_cell(t) for t in texts), registered.isoformat(sep=" ", timespec="minutes")])
    return out.getvalue()


def participants_xlsx(registrations, *, year: int) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = str(_("Participants %(year)s") % {"year": year})[:31]
    ws.append(_header())
    for c in ws[1]:
        c.font = Font(bold=True)
    for r in registrations:
        ws.append(_row(r))
        ws.cell(ws.max_row, 5).number_format = "yyyy-mm-dd hh:mm"
    as_text(ws)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
