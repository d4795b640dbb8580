"""Object permissions of the web management, derived from role assignments and memberships.

The guarded object is the web cooperation (one row). On a day:
- the web development lead may `lead_web` (the web management group, working groups, platforms);
- the feature owner may `triage_requests`;
- the support owner and the editorial manager may `edit_handbook`;
- the members of that year's steering group may `decide_web` (appoint the web development lead,
  assign roles, decide the group's composition, adopt policies).
Working-group leaders file status reports through governance's `manage_body` on their group.
Everyone logged in may submit and support requests and read published pages (no row needed)."""
from __future__ import annotations

import datetime as dt

from governance.backends import object_perms
from governance.models import Body, Membership
from governance.permissions import Row, sync_object_permissions

from .models import Role, RoleAssignment, WebCooperation, WorkingGroup

CODENAMES = ["lead_web", "triage_requests", "edit_handbook", "decide_web"]
ROLE_PERMISSIONS = {
    Role.Code.WEB_LEAD: ("lead_web",),
    Role.Code.FEATURE_OWNER: ("triage_requests",),
    Role.Code.SUPPORT_OWNER: ("edit_handbook",),
    Role.Code.EDITORIAL_MANAGER: ("edit_handbook",),
}


def desired_rows(*, on: dt.date) -> set[Row]:
    coop = WebCooperation.objects.order_by("pk").first()
    if coop is None:
        return set()
    rows: set[Row] = set()
    for user_id, code in RoleAssignment.objects.active_on(on).values_list("user_id", "role__code"):
        for codename in ROLE_PERMISSIONS.get(code, ()):
            rows.add((user_id, codename, coop.pk))
    steering = Membership.objects.active_on(on).filter(body__kind=Body.Kind.STEERING_GROUP, body__year=on.year)
    for user_id in steering.values_list("user_id", flat=True):
        rows.add((user_id, "decide_web", coop.pk))
    return rows


def sync(*, on: dt.date) -> None:
    """Make the web cooperation's permission rows match the roles and memberships of day `on`."""
    if WebCooperation.objects.exists():
        sync_object_permissions(WebCooperation, CODENAMES, desired_rows(on=on))


# --- Questions ---------------------------------------------------------------------------------------
def capabilities(user, coop: WebCooperation | None = None) -> set[str]:
    """The web cooperation permissions `user` holds (two queries at most; superusers: all)."""
    if not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:
        return set(CODENAMES)
    coop = coop or WebCooperation.get()
    return set(object_perms(user, coop)) & set(CODENAMES)


def _has(user, codename: str, coop: WebCooperation | None) -> bool:
    if not user.is_authenticated:
        return False
    return user.has_perm(f"webadmin.{codename}", coop or WebCooperation.get())


def can_lead_web(user, coop: WebCooperation | None = None) -> bool:
    return _has(user, "lead_web", coop)


def can_triage_requests(user, coop: WebCooperation | None = None) -> bool:
    return _has(user, "triage_requests", coop)


def can_edit_handbook(user, coop: WebCooperation | None = None) -> bool:
    return _has(user, "edit_handbook", coop)


def can_decide_web(user, coop: WebCooperation | None = None) -> bool:
    return _has(user, "decide_web", coop)


def can_file_status_report(user, group: WorkingGroup) -> bool:
    """The group's leader (governance gives officers `manage_body` on their body)."""
    return user.is_authenticated and (user.is_superuser or user.has_perm("governance.manage_body", group.body))


def can_read_status_reports(user, group: WorkingGroup) -> bool:
    """The web development lead, to whom the reports go, and the group's own members."""
    return user.is_authenticated and (
        can_lead_web(user) or user.has_perm("governance.view_body", group.body)
        or can_file_status_report(user, group)
    )
