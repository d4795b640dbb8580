"""Who reads the register, and who approves the culling list.

Decisions are public records: everyone signed in reads them. The culling list is the archivist's
(an appointment with dates, kept in the admin): read by archivists and administrators, approved
only by an archivist appointed today."""
from __future__ import annotations

import rules

from governance.authority import today
from governance.memo import memo

rules.add_perm("governance.view_decision", rules.is_active)


def _appointments(user) -> list[tuple]:
    from .models import Archivist

    return memo(user, "records.archivist",
                lambda: list(Archivist.objects.filter(user_id=user.pk).values_list("start", "end")))


@rules.predicate
def is_archivist(user) -> bool:
    """Appointed archivist today (Europe/Stockholm)."""
    if not user.is_authenticated or not user.is_active:
        return False
    day = today()
    return any(start <= day and (end is None or end >= day) for start, end in _appointments(user))


rules.add_perm("governance.view_cullinglist", is_archivist | rules.is_staff)
rules.add_perm("governance.approve_cullinglist", is_archivist)
