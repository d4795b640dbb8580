"""The nominating committee of the year before the term enters its proposal; that year's steering group chair records the election."""
from __future__ import annotations

import rules

from governance.authority import facts, today
from governance.bodies.models import Body, Membership
from governance.bodies.rules import chairs_sitting_steering_group


# --- The election ------------------------------------------------------------------------------------
@rules.predicate
def on_nominating_committee_for(user, election) -> bool:
    """A member today of the nominating committee of the year before the term."""
    return election is not None and facts(user).sits(
        today(), Body.Kind.NOMINATING_COMMITTEE, year=election.year - 1)


@rules.predicate
def chairs_steering_group_before(user, election) -> bool:
    """Today the chair of the steering group of the year before the term."""
    return election is not None and facts(user).sits(
        today(), Body.Kind.STEERING_GROUP, year=election.year - 1, positions=[Membership.Position.CHAIR])


rules.add_perm("governance.open_election", chairs_sitting_steering_group)


rules.add_perm("governance.enter_nomination", on_nominating_committee_for)


rules.add_perm("governance.record_election", chairs_steering_group_before)
