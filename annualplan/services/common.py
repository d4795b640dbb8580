"""What the plan's writes share: the lost-update check, row locks, refusals for the plan's state,
and telling the chair when a follow-up's light turns red."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.bodies.models import Membership
from governance.notifications.services import notification_send
from governance.people.models import User
from governance.texts import Text

from .. import notifications as kinds
from ..models import (
    Light,
    Plan,
)
from ..selectors import plan_steering_members


def _refuse_state(plan: Plan, action: str) -> ValidationError:
    return ValidationError(
        _("The plan for %(year)s is %(status)s: you cannot %(action)s now.")
        % {"year": plan.year, "status": plan.get_status_display().lower(), "action": action},
        code="state",
    )


def _require_editable(plan: Plan) -> None:
    if not plan.is_editable:
        raise _refuse_state(plan, _("change its content"))


# --- A traffic light that turns red (activities' and measures' follow-ups) ---------------------------
def turned_off_track(before: str | None, after: str | None) -> bool:
    """The current light is off track now and was not before (or there was none): each turn to red
    is told once; saving a red one again, or a next quarter that stays red, is not a turn."""
    return after == Light.OFF_TRACK and before != Light.OFF_TRACK


def steering_chair(year: int) -> User | None:
    """The chair of the steering group acting today on `year`'s plan: that year's group when it is
    sitting, else the one sitting today."""
    chair = next((m for m in plan_steering_members(year) if m.position == Membership.Position.CHAIR), None)
    return chair.user if chair else None


def current_light(follow_up) -> str | None:
    """The current light of `follow_up`'s activity or measure: its latest quarter's (None without one)."""
    owner = "activity" if hasattr(follow_up, "activity_id") else "measure"
    rows = type(follow_up).objects.filter(**{f"{owner}_id": getattr(follow_up, f"{owner}_id")})
    return rows.order_by("-quarter").values_list("light", flat=True).first()


def tell_if_off_track(follow_up, before: str | None, *, title: str, year: int, actor: User, also=(),
                      organisation: str = "") -> None:
    """After `follow_up` is saved: when the current light of its activity or measure (`title`, in
    `year`'s plan; a measure with its `organisation`) was `before` and has turned red, tell the chair
    of the steering group acting on `year` and each of `also` (None and repeats left out). The
    occasion is the follow-up's quarter and version: one turn is told once."""
    if not turned_off_track(before, current_light(follow_up)):
        return
    target = getattr(follow_up, "activity", None) or follow_up.measure
    url = target.get_absolute_url() if hasattr(target, "get_absolute_url") else target.action_plan.get_absolute_url()
    if organisation:
        subject = Text(gettext_lazy("Off track: %(title)s (%(organisation)s), quarter %(quarter)s %(year)s"),
                       title=title, organisation=organisation, quarter=follow_up.quarter, year=year)
    else:
        subject = Text(gettext_lazy("Off track: %(title)s, quarter %(quarter)s %(year)s"),
                       title=title, quarter=follow_up.quarter, year=year)
    body = Text(gettext_lazy("Recorded as off track by %(person)s. Analysis: %(analysis)s"),
                person=str(actor), analysis=follow_up.analysis)
    seen: set[int] = set()
    for user in (steering_chair(year), *also):
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        notification_send(kind=kinds.OFF_TRACK, recipient=user, target=target, url=url, subject=subject, body=body,
                          occasion=f"off-track-q{follow_up.quarter}-v{follow_up.version}")
