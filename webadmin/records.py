"""The steering group's web-management decisions (the web management group's composition, the web
development lead, role assignments, adopted policies) in the decision register."""
from __future__ import annotations

from governance.records.models import Decision
from governance.records.services import decision_register


def register_steering_decision(decision, *, actor=None) -> Decision:
    text = decision.summary_message or decision.summary
    return decision_register(kind=Decision.Kind.WEB, decided_on=decision.decided_on, text=text,
                             body=decision.steering_group, target=decision, actor=actor or decision.recorded_by)
