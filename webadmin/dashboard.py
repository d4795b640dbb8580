"""Start-page panels of the web management: vacant roles (steering group and web development
lead), the web management group's meeting quota (web development lead, the group, the steering
group), the requests waiting for triage (feature owner, web development lead) and the policies the
user is asked to confirm as read (everyone they concern: one query). A fixed number of queries,
whatever the number of rows."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from governance.bodies.models import Body
from governance.bodies.roles import roles_of
from governance.panels import Panel

from . import selectors
from .models import Role
from .rules import policies_to_read, role_codes


def roles(user, today: dt.date) -> list[str]:
    """The user's web management roles today, for Min sida's "Roles" (settings.MY_ROLES)."""
    codes = role_codes(user)
    return [str(Role.Code(code).label) for code in Role.Code.values if code in codes]


def panels(user, today: dt.date) -> list[Panel]:
    if not user.is_authenticated:
        return []
    my_roles = role_codes(user)  # the request's read of the user's web roles (webadmin/rules.py)
    kinds = {
        m.body.kind for m in roles_of(user, today).memberships
        if m.body.year == today.year and m.body.kind in (Body.Kind.STEERING_GROUP, Body.Kind.WEB_MANAGEMENT_GROUP)
    }
    is_lead = Role.Code.WEB_LEAD in my_roles
    in_steering = Body.Kind.STEERING_GROUP in kinds
    out: list[Panel] = []
    if is_lead or in_steering:
        vacant = selectors.vacant_roles(on=today)
        if vacant:
            out.append(Panel(title=_("Vacant web management roles"), template="webadmin/panels/vacancies.html",
                             context={"roles": vacant}, level="warning"))
    if is_lead or in_steering or Body.Kind.WEB_MANAGEMENT_GROUP in kinds:
        compliance = selectors.meeting_compliance(today.year, today)
        out.append(Panel(title=_("The web management group's meetings"), template="webadmin/panels/meetings.html",
                         context={"compliance": compliance}, level="warning" if compliance.at_risk else "info"))
    to_read = policies_to_read(user)
    if to_read:
        out.append(Panel(title=_("Policies to read and confirm"), template="webadmin/panels/to_read.html",
                         context={"policies": to_read}, level="warning"))
    if user.has_perm("webadmin.triage_requests"):  # only who may triage is asked to (not the web lead)
        waiting = selectors.requests_to_triage()
        count = waiting.count()
        if count:
            out.append(Panel(title=_("Feature requests to triage"), template="webadmin/panels/triage.html",
                             context={"count": count, "latest": list(waiting[:5])}, level="warning"))
    return out
