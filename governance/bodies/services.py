"""Memberships: every write keyword-only, atomic, validated and audited."""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from governance.audit import audited_save
from governance.authority import require
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


@transaction.atomic
def body_set_reminders(*, body: Body, actor: User | None, send: bool, offsets: list[int]) -> Body:
    """Remind the body's members `offsets` days before each meeting, or not at all."""
    if actor is not None:
        require(actor, "governance.set_body_reminders", body,
                message=_("Only the chair of %(body)s sets its meeting reminders.") % {"body": body})
    body = Body.objects.select_for_update().get(pk=body.pk)
    body.reminder_days = ",".join(str(d) for d in sorted(set(offsets), reverse=True)) if send else ""
    return audited_save(body, actor=actor, reason="meeting reminders set")
