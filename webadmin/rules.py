"""The web management's rules, from the role assignments and memberships of the day:

- the web development lead leads the web work (the web management group, working groups,
  platforms);
- the feature owner triages and prioritises feature requests;
- the support owner and the editorial manager write the handbook and FAQ;
- the sitting steering group decides for the web cooperation (appoints the web development lead,
  assigns roles, decides the group's composition, adopts policies);
- a working group's leader files its status reports; they are read by the web development lead and
  the group's members;
- the steering group and the web development lead say which policies are "to be read", by whom,
  and who owns the follow-up; the people it concerns today confirm the current version; its owner
  sees who has not and reminds them.
Everyone signed in submits and supports feature requests and reads published pages.
"""
from __future__ import annotations

import rules
from django.db.models import CharField, Value
from django.db.models.functions import Concat

from governance.authority import appointed, facts, today
from governance.bodies.rules import is_member_of_body, is_officer_of_body, sits_in_steering_group

from .models import Policy, Role, RoleAssignment

PREFIX = "webadmin."  # the kind of a web role's appointment: the prefix and the role's code


def role_appointments(user_id: int):
    """The user's web role assignments, for governance.authority.appointments (settings APPOINTMENTS)."""
    return RoleAssignment.objects.filter(user_id=user_id).values_list(
        Concat(Value(PREFIX), "role__code", output_field=CharField()), "start", "end")


def role_codes(user) -> set[str]:
    """The web roles `user` holds today (read with the user's other appointments, once per request)."""
    return {kind.removeprefix(PREFIX) for kind in appointed(user, today(), PREFIX)}


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


# --- Policies to be read ---------------------------------------------------------------------------
def in_audience(user, audience: str, day=None) -> bool:
    """Is `user` among `audience` (Policy.Audience) on `day` (default today), by their memberships?"""
    if not audience or not user.is_authenticated or not user.is_active:
        return False
    if audience == Policy.Audience.ALL_STAFF:
        return True
    day = day or today()
    kind = Policy.AUDIENCE_BODIES.get(audience)
    year = day.year if kind == Policy.AUDIENCE_BODIES[Policy.Audience.WEB_MANAGEMENT_GROUP] else None
    return kind is not None and facts(user).sits(day, kind, year=year)


@rules.predicate
def concerned_by_policy(user, policy) -> bool:
    """The policy is to be read and `user` is among those it concerns today."""
    return policy is not None and policy.to_be_read and in_audience(user, policy.audience)


@rules.predicate
def owns_policy(user, policy) -> bool:
    return policy is not None and policy.owner_id is not None and policy.owner_id == user.pk


def policies_to_read(user) -> list:
    """The policies `user` is asked to confirm today and has not confirmed in their current version
    (one query): the same rule as the button on the policy's page."""
    from .selectors.reading import unconfirmed_policies

    return [p for p in unconfirmed_policies(user) if user.has_perm("webadmin.confirm_reading", p)]


CODENAMES = ("lead_web", "triage_requests", "edit_handbook", "decide_web")

rules.add_perm("webadmin.lead_web", is_web_lead)
rules.add_perm("webadmin.triage_requests", is_feature_owner)
rules.add_perm("webadmin.edit_handbook", writes_handbook)
rules.add_perm("webadmin.decide_web", sits_in_steering_group)
rules.add_perm("webadmin.submit_request", rules.is_active)
rules.add_perm("webadmin.file_status_report", leads_working_group)
rules.add_perm("webadmin.read_status_reports", is_web_lead | member_of_working_group | leads_working_group)
rules.add_perm("webadmin.set_policy_reading", sits_in_steering_group | is_web_lead)
rules.add_perm("webadmin.confirm_reading", concerned_by_policy)
rules.add_perm("webadmin.follow_reading", owns_policy)
