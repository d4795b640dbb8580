"""The start page's panel of the mandates a deputy holds."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from governance.panels import Panel


def delegation_panels(user, today: dt.date) -> list[Panel]:
    """The deputy's mandates in force or coming, and the deputies the user has named who are in force
    or coming: both people see the mandate on their start page (which from the request's facts; the
    people named on them in one query, only when there are any)."""
    if not user.is_authenticated:
        return []
    from governance.authority import facts
    from governance.people.models import Delegation

    f = facts(user)
    held_pks = {m.pk for m in f.mandates if m.end >= today}
    named_pks = {m.pk for m in f.granted if m.end >= today}
    if not held_pks | named_pks:
        return []
    delegations = list(Delegation.objects.filter(pk__in=held_pks | named_pks)
                       .select_related("user", "granted_by", "permission", "content_object").order_by("start", "pk"))
    result = []
    held = [d for d in delegations if d.pk in held_pks]
    named = [d for d in delegations if d.pk in named_pks]
    if held:
        result.append(Panel(title=_("You are deputy"), template="governance/people/panels/delegations.html",
                            context={"delegations": held, "held": True}))
    if named:
        result.append(Panel(title=_("Deputies you have named"), template="governance/people/panels/delegations.html",
                            context={"delegations": named, "held": False}))
    return result
