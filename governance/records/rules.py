"""Who reads the register, and who approves the culling list.

Decisions are public records: everyone signed in reads them. The culling list is the archivist's
(an appointment with dates, kept in the admin): read by archivists and administrators, approved
only by an archivist appointed today."""
from __future__ import annotations

import rules
from django.db.models import CharField, Value

from governance.authority import appointed, today

rules.add_perm("governance.view_decision", rules.is_active)


ARCHIVIST = "records.archivist"


def archivist_appointments(user_id: int):
    """The user's archivist appointments, for governance.authority.appointments (settings APPOINTMENTS)."""
    from .models import Archivist

    return Archivist.objects.filter(user_id=user_id).values_list(
        Value(ARCHIVIST, output_field=CharField()), "start", "end")


@rules.predicate
def is_archivist(user) -> bool:
    """Appointed archivist today (Europe/Stockholm)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(appointed(user, today(), ARCHIVIST))


rules.add_perm("governance.view_cullinglist", is_archivist | rules.is_staff)
rules.add_perm("governance.approve_cullinglist", is_archivist)
