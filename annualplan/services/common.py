"""What the plan's writes share: the lost-update check, row locks, refusals for the plan's state."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import (
    Plan,
)


def _refuse_state(plan: Plan, action: str) -> ValidationError:
    return ValidationError(
        _("The plan for %(year)s is %(status)s: you cannot %(action)s now.")
        % {"year": plan.year, "status": plan.get_status_display().lower(), "action": action},
        code="state",
    )


def _require_editable(plan: Plan) -> None:
    if not plan.is_editable:
        raise _refuse_state(plan, _("change its content"))


