"""The start page ("Min sida") is made of panels. Each app lists a callable in
settings.DASHBOARD_PANELS: (user, today) -> list[Panel]. A panel's work must not grow with rows.
The start page includes each panel's template with the panel as `panel`."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .selectors import latest_unread


@dataclass
class Panel:
    title: str
    template: str
    context: dict = field(default_factory=dict)
    # "warning" panels carry rules the portal *should* keep (DOMAIN.md) and things to act on.
    level: str = "info"


def panels(user, today: dt.date) -> list[Panel]:
    """The five latest unread notifications, each opened through a form."""
    latest = latest_unread(user, 5)
    if not latest:
        return []
    return [Panel(title=_("Unread notifications"), template="governance/panels/notifications.html",
                  context={"notifications": latest})]



def delegation_panels(user, today: dt.date) -> list[Panel]:
    """The deputy's mandates in force or coming, and the deputies the user has named who are in force
    or coming: both people see the mandate on their start page (from the request's facts: no query)."""
    if not user.is_authenticated:
        return []
    from .authority import facts

    current = [d for d in facts(user).delegations if d.end >= today]
    result = []
    held = [d for d in current if d.user_id == user.pk]
    named = [d for d in current if d.granted_by_id == user.pk and d.user_id != user.pk]
    if held:
        result.append(Panel(title=_("You are deputy"), template="governance/panels/delegations.html",
                            context={"delegations": held, "held": True}))
    if named:
        result.append(Panel(title=_("Deputies you have named"), template="governance/panels/delegations.html",
                            context={"delegations": named, "held": False}))
    return result
