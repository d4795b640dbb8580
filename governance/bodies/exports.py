"""The members of a body on a date as CSV (UTF-8 with BOM, semicolons, for Swedish spreadsheets)
and XLSX; every text cell neutralised (governance.csvfiles)."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from governance.csvfiles import table_csv, table_xlsx


def _header() -> list[str]:
    return [_("Name"), _("Organisation"), _("Position"), _("From"), _("Until")]


def _row(m) -> list:
    return [str(m.user), m.organisation.name, m.get_position_display(), m.start, m.end]


def members_csv(memberships) -> str:
    return table_csv(_header(), (_row(x) for x in memberships))


def members_xlsx(memberships, *, day: dt.date) -> bytes:
    return table_xlsx(_("Members %(day)s") % {"day": day.isoformat()}, _header(), (_row(x) for x in memberships))
