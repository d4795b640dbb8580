"""The decision register as CSV (UTF-8 with BOM, semicolons, for Swedish spreadsheets) and XLSX;
every text cell neutralised (governance.csvfiles), no total rows."""
from __future__ import annotations

from django.utils.translation import gettext as _

from governance.csvfiles import table_csv, table_xlsx


def _header() -> list[str]:
    return [_("Registration number"), _("Decided on"), _("Kind"), _("Decided by"), _("Decision"), _("Grounds"),
            _("Dissent"), _("Corrects")]


def _row(d) -> list:
    return [d.number, d.decided_on, d.get_kind_display(), str(d.body or ""), d.text_text, d.grounds, d.dissent,
            d.corrects.number if d.corrects_id else ""]


def register_csv(decisions) -> str:
    return table_csv(_header(), (_row(x) for x in decisions))


def register_xlsx(decisions, *, year: int) -> bytes:
    return table_xlsx(_("Decisions %(year)s") % {"year": year}, _header(), (_row(x) for x in decisions))
