"""The autumn meeting's election in the decision register: the steering group and its chair for
the coming year, and the nominating committee. Called by election_decide and by the demo."""
from __future__ import annotations

from django.utils.translation import gettext_lazy

from governance.bodies.models import Body
from governance.bodies.selectors import standing_body
from governance.records.models import Decision
from governance.records.services import decision_register
from governance.texts import Text


def register_election_decision(decision, *, actor=None) -> Decision:
    members = list(decision.members.all())
    committee = [m.user for m in decision.nominating_committee.memberships.select_related("user")] \
        if decision.nominating_committee_id else []
    text = Text(gettext_lazy("The steering group for %(year)s: %(chair)s (chair), %(members)s. The nominating "
                             "committee for %(year)s: %(committee)s."),
                year=decision.election.year, chair=str(decision.chair),
                members=", ".join(str(m) for m in members if m.pk != decision.chair_id),
                committee=", ".join(str(c) for c in committee) or "–")
    return decision_register(kind=Decision.Kind.ELECTION, decided_on=decision.decided_on, text=text,
                             body=standing_body(Body.Kind.INFO_MANAGERS_NETWORK), target=decision,
                             grounds=decision.notes, actor=actor or decision.recorded_by)
