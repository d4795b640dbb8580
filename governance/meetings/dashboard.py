"""Start page panels for meetings: the user's next meetings and, for officers, minutes to publish.
A fixed number of queries, whatever the number of meetings."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from governance.authority import facts
from governance.bodies.models import Membership
from governance.meetings import selectors
from governance.meetings.models import ActionItem
from governance.panels import Panel

NEXT_MEETINGS = 5


def panels(user, today: dt.date) -> list[Panel]:
    result = []
    # Officers of the meeting's day finish its minutes after their term: any officer seat counts.
    managed = user.is_superuser or any(s.position in Membership.OFFICER_POSITIONS for s in facts(user).seats)
    upcoming = list(selectors.upcoming_meetings(user).prefetch_related(None)[:NEXT_MEETINGS])
    if upcoming:
        result.append(Panel(title=_("Your next meetings"), template="governance/meetings/panel_next.html",
                            context={"meetings": upcoming}))
    waiting = (
        list(selectors.minutes_to_publish(user).prefetch_related(None)[:NEXT_MEETINGS])
        if managed else []
    )
    selectors.prefetch_joint_bodies(upcoming, waiting)  # both lists' joint bodies in one query
    if waiting:
        result.append(Panel(title=_("Minutes to publish"), template="governance/meetings/panel_minutes.html",
                            context={"meetings": waiting}, level="warning"))
    actions = list(ActionItem.objects.filter(owner_id=user.pk, status=ActionItem.Status.OPEN)
                   .select_related("meeting").order_by("due", "pk")[:NEXT_MEETINGS])
    if actions:
        result.append(Panel(title=_("Your actions from the minutes"), template="governance/meetings/panel_actions.html",
                            context={"actions": actions, "today": today},
                            level="warning" if any(a.due < today for a in actions) else "info"))
    return result
