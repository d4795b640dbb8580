"""The conference's participants per organisation as CSV (UTF-8 with BOM, semicolons) and XLSX,
sorted by organisation; every text cell neutralised (governance.csvfiles)."""
from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from governance.csvfiles import table_csv, table_xlsx


def _header() -> list[str]:
    return [_("Organisation"), _("Name"), _("E-mail"), _("Registered by"), _("Registered")]


def _row(r) -> list:
    registered = timezone.localtime(r.created_at).replace(tzinfo=None, microsecond=0)
    return [r.organisation.name, str(r.participant), r.participant.email, str(r.registered_by or ""), registered]


def participants_csv(registrations) -> str:
    return table_csv(_header(), (_row(x) for x in registrations))


def participants_xlsx(registrations, *, year: int) -> bytes:
    return table_xlsx(_("Participants %(year)s") % {"year": year}, _header(), (_row(x) for x in registrations))
