"""Who sits in a body, and who runs it."""
from __future__ import annotations

import rules

from governance.authority import facts, today
from governance.bodies.models import Body, Membership


# --- Bodies ---------------------------------------------------------------------------------------
@rules.predicate
def is_member_of_body(user, body: Body | None) -> bool:
    return body is not None and facts(user).in_body(body.pk, today())


@rules.predicate
def is_officer_of_body(user, body: Body | None) -> bool:
    return body is not None and facts(user).in_body(body.pk, today(), positions=Membership.OFFICER_POSITIONS)


@rules.predicate
def chairs_body(user, body: Body | None) -> bool:
    return body is not None and facts(user).in_body(body.pk, today(), positions=[Membership.Position.CHAIR])


@rules.predicate
def sits_in_steering_group(user) -> bool:
    """A member of the steering group sitting today (the group of this calendar year)."""
    day = today()
    return facts(user).sits(day, Body.Kind.STEERING_GROUP, year=day.year)


@rules.predicate
def chairs_sitting_steering_group(user) -> bool:
    day = today()
    return facts(user).sits(day, Body.Kind.STEERING_GROUP, year=day.year, positions=[Membership.Position.CHAIR])


@rules.predicate
def sits_in_g7(user) -> bool:
    return facts(user).sits(today(), Body.Kind.G7)


@rules.predicate
def sits_in_directors_group(user) -> bool:
    return facts(user).sits(today(), Body.Kind.DIRECTORS_GROUP)


@rules.predicate
def is_in_network(user) -> bool:
    """In the communicators' or information managers' network, or the steering group, today."""
    f, day = facts(user), today()
    return any(f.sits(day, kind) for kind in NETWORK_KINDS)


NETWORK_KINDS = (Body.Kind.COMMUNICATORS_NETWORK, Body.Kind.INFO_MANAGERS_NETWORK, Body.Kind.STEERING_GROUP)


rules.add_perm("governance.view_body", is_member_of_body)


rules.add_perm("governance.manage_body", is_officer_of_body)


# The body's chair sets when its members are reminded of its meetings.
rules.add_perm("governance.set_body_reminders", chairs_body)


def managed_body_ids(user) -> list[int]:
    """Bodies whose meetings `user` may create today (officers today; administrators: every body)."""
    if user.is_superuser:
        return list(Body.objects.values_list("pk", flat=True))
    day = today()
    return sorted({s.body_id for s in facts(user).seats_on(day, positions=Membership.OFFICER_POSITIONS)})


def member_body_ids(user) -> list[int]:
    """Bodies `user` sits in today (administrators: every body)."""
    if user.is_superuser:
        return list(Body.objects.values_list("pk", flat=True))
    return sorted({s.body_id for s in facts(user).seats_on(today())})
