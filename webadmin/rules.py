"""The web management's rules, from the role assignments and memberships of the day:

- the web development lead leads the web work (the web management group, working groups,
  platforms);
- the feature owner triages and prioritises feature requests;
- the support owner and the editorial manager write the handbook and FAQ;
- the sitting steering group decides for the web cooperation (appoints the web development lead,
  assigns roles, decides the group's composition, adopts policies);
- a working group's leader files its status reports; they are read by the web development lead and
  the group's members.
Everyone signed in submits and supports feature requests and reads published pages.
"""
from __future__ import annotations

import rules

from governance.authority import today
from governance.bodies.rules import is_member_of_body, is_officer_of_body, sits_in_steering_group
from governance.memo import memo

from .models import Role, RoleAssignment


def role_codes(user) -> set[str]:
    """The web roles `user` holds today (one query per request)."""
    if not user.is_authenticated or not user.is_active:
        return set()
    rows = memo(user, "webadmin.roles", lambda: list(
        RoleAssignment.objects.filter(user_id=user.pk).values_list("role__code", "start", "end")))
    day = today()
    return {code for code, start, end in rows if start <= day and (end is None or end >= day)}


def _holds(*codes: str):
    @rules.predicate(name="holds_" + "_or_".join(codes))
    def predicate(user) -> bool:
        return bool(role_codes(user).intersection(codes))

    return predicate


is_web_lead = _holds(Role.Code.WEB_LEAD)
is_feature_owner = _holds(Role.Code.FEATURE_OWNER)
writes_handbook = _holds(Role.Code.SUPPORT_OWNER, Role.Code.EDITORIAL_MANAGER)


@rules.predicate
def leads_working_group(user, group) -> bool:
    return group is not None and is_officer_of_body(user, group.body)


@rules.predicate
def member_of_working_group(user, group) -> bool:
    return group is not None and is_member_of_body(user, group.body)


CODENAMES = ("lead_web", "triage_requests", "edit_handbook", "decide_web")

rules.add_perm("webadmin.lead_web", is_web_lead)
rules.add_perm("webadmin.triage_requests", is_feature_owner)
rules.add_perm("webadmin.edit_handbook", writes_handbook)
rules.add_perm("webadmin.decide_web", sits_in_steering_group)
rules.add_perm("webadmin.submit_request", rules.is_active)
rules.add_perm("webadmin.file_status_report", leads_working_group)
rules.add_perm("webadmin.read_status_reports", is_web_lead | member_of_working_group | leads_working_group)
