"""The start page's panel of unread notifications."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from governance.notifications.selectors import latest_unread
from governance.panels import Panel


def panels(user, today: dt.date) -> list[Panel]:
    """The five latest unread notifications, each opened through a form."""
    latest = latest_unread(user, 5)
    if not latest:
        return []
    return [Panel(title=_("Unread notifications"), template="governance/notifications/panels/notifications.html",
                  context={"notifications": latest})]
