"""Memberships: every write keyword-only, atomic, validated and audited."""
from __future__ import annotations

import datetime as dt

from django.db import transaction

from governance.audit import audited_save
from governance.bodies.models import Body, Membership
from governance.memo import forget
from governance.people.models import Organisation, User


# --- Memberships ---------------------------------------------------------------------------------
@transaction.atomic
def membership_create(
    *,
    body: Body,
    user: User,
    start: dt.date,
    actor: User | None,
    position: str = Membership.Position.MEMBER,
    end: dt.date | None = None,
    organisation: Organisation | None = None,
    role_description: str = "",
) -> Membership:
    """Add `user` to `body` for [start, end]. Locks the organisation so two simultaneous
    appointments cannot both pass the one-information-manager rule."""
    organisation = organisation or user.organisation
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    membership = Membership(
        body=body, user=user, organisation=organisation, position=position, start=start, end=end,
        role_description=role_description,
    )
    audited_save(membership, actor=actor, reason="membership created")
    forget()
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, end: dt.date, actor: User | None) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    membership.end = end
    audited_save(membership, actor=actor, reason="membership ended")
    forget()
    return membership
