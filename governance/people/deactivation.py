"""Deactivating a person who leaves: they can no longer sign in and hold no right from the next
request, their memberships end today and their deputies' mandates are revoked — but nothing the
public records need is removed. A person is never deleted: decisions, minutes, votes, invoices and
the audit trail go on naming who took part (the admin offers deactivation instead of deletion)."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from governance.audit import audited_delete, audited_save
from governance.authority import today
from governance.memo import forget

from .models import Delegation, User


@transaction.atomic
def person_deactivate(*, person: User, actor) -> dict[str, int]:
    """Deactivate `person` as of today; returns what was ended."""
    from governance.bodies.models import Membership
    from governance.bodies.services import membership_end
    from governance.people.services import delegation_revoke

    person = User.objects.select_for_update().get(pk=person.pk)
    if not person.is_active:
        raise ValidationError(_("%(name)s is already deactivated.") % {"name": person})
    day = today()
    done = {"memberships": 0, "mandates": 0}
    for membership in Membership.objects.filter(user=person).filter(Q(end__isnull=True) | Q(end__gt=day)):
        if membership.start > day:  # not begun: it never takes effect
            audited_delete(membership, actor=actor, reason="person deactivated before the membership began")
        else:
            membership_end(membership=membership, end=day, actor=actor)
        done["memberships"] += 1
    for delegation in Delegation.objects.filter(Q(user=person) | Q(granted_by=person), revoked_at__isnull=True,
                                                end__gte=day):
        delegation_revoke(delegation=delegation, actor=actor)
        done["mandates"] += 1
    person.is_active = False
    person.calendar_token = ""  # the secret feed address stops working too
    audited_save(person, actor=actor, reason="person deactivated", clean=False)
    forget()
    return done
