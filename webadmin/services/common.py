"""What the web management's writes share: the group's size, the accepted attachment types, the lost-update check, the steering group's recorded decision."""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from governance.audit import audited_save
from governance.bodies.selectors import steering_group
from governance.texts import store

from ..models import (
    SteeringDecision,
)
from ..records import register_steering_decision

GROUP_SIZE = 5  # members besides the chair

# Attachments: the type is read from the content, never from the name or the browser's claim.



def _check_version(obj, version: int | None) -> None:
    if version is not None and int(version) != obj.version:
        raise ValidationError(
            _("Somebody else changed this while you were editing it. Your text is kept below: "
              "reload the page to see their change, then make yours again.")
        )


def _decision(*, kind: str, decided_on: dt.date, summary, actor, assignment=None, body=None):
    """Record a steering group decision; `summary` is a texts.Text (shown in the reader's language)."""
    decision = SteeringDecision(
        kind=kind, steering_group=steering_group(decided_on.year), decided_on=decided_on,
        recorded_by=actor if getattr(actor, "pk", None) else None, assignment=assignment, body=body,
    )
    store(decision, "summary", summary)
    audited_save(decision, actor=actor, reason=f"decision: {kind}")
    register_steering_decision(decision, actor=actor)
    return decision
