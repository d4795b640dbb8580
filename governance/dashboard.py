"""The start page ("Min sida") is made of panels. Each app lists a callable in
settings.DASHBOARD_PANELS: (user, today) -> list[Panel]. A panel's work must not grow with rows."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .selectors import notifications_for


@dataclass
class Panel:
    title: str
    template: str
    context: dict = field(default_factory=dict)
    # "warning" panels carry rules the portal *should* keep (DOMAIN.md) and things to act on.
    level: str = "info"


def panels(user, today: dt.date) -> list[Panel]:
    latest = list(notifications_for(user).filter(read_at__isnull=True)[:5])
    if not latest:
        return []
    return [Panel(title=_("Unread notifications"), template="governance/panels/notifications.html",
                  context={"notifications": latest})]
