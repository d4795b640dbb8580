"""The fee decisions in the decision register (governance.records): each decided fee, and each
correction referring to the decision it corrects. Called by proposal_decide and by the demo."""
from __future__ import annotations

from django.utils.translation import gettext_lazy

from governance.bodies.models import Body
from governance.bodies.selectors import standing_body
from governance.records.models import Decision
from governance.records.services import decision_register, entry_for
from governance.texts import Text, kronor


def register_fee_decision(decision, *, actor=None) -> Decision:
    previous = entry_for(decision.supersedes) if decision.supersedes_id else None
    text = Text(gettext_lazy("The management fee for %(year)s is %(total)s in all, shared among %(count)s "
                             "organisations as the fee proposal no. %(number)s sets out (version %(version)s of "
                             "the year's fee decision)."),
                year=decision.year, total=kronor(decision.total), count=decision.shares.count(),
                number=decision.proposal.number, version=decision.version)
    return decision_register(kind=Decision.Kind.FEE, decided_on=decision.decided_on, text=text,
                             body=standing_body(Body.Kind.DIRECTORS_GROUP), target=decision, corrects=previous,
                             grounds=decision.reason, actor=actor)
