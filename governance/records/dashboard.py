"""Min sida for the archivist: the role, and the culling list waiting for approval (one query for
the appointment, shared with the rule through the request's memo; one more only for archivists)."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.panels import Panel

from .models import CullingList
from .rules import is_archivist


def roles(user, today: dt.date) -> list[str]:
    return [_("Archivist (approves the culling list)")] if is_archivist(user) else []


def panels(user, today: dt.date) -> list[Panel]:
    if not user.is_authenticated or not is_archivist(user):
        return []
    waiting = list(CullingList.objects.filter(status=CullingList.Status.DRAFT).order_by("year"))
    return [Panel(title=gettext_lazy("Retention and culling"), template="governance/records/panel_culling.html",
                  context={"waiting": waiting}, level="warning" if waiting else "info")]
