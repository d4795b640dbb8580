"""Who may do what with plans, projects and action plans. The guardian rows are derived from
memberships by `sync` (in settings.PERMISSION_SYNCS); the questions read `user.has_perm`."""
from __future__ import annotations

import datetime as dt

from governance.backends import object_perms
from governance.models import Body, Membership, Organisation
from governance.permissions import Row, sync_object_permissions
from governance.selectors import today

from .models import Activity, DevelopmentProject, Plan, UnitActionPlan
from .selectors import plan_steering_members, steering_memberships

PLAN_PERMS = ["manage_plan", "direct_plan", "vote_plan", "answer_plan"]
PROJECT_PERMS = ["manage_project", "decide_funding", "change_developmentproject"]
UNIT_PLAN_PERMS = ["change_unitactionplan"]


def sync(*, on: dt.date) -> None:
    """The plan's sitting steering group edits it and votes; its chair moves it through the
    workflow; every information manager answers the consultation; the sitting steering group
    manages development projects and the county directors' group decides their funds; a
    project's proposer edits it; an organisation's information manager and communicators write
    its action plan. Plans more than a year old get no rows (they are closed)."""
    by_year = steering_memberships(on=on)
    active = Membership.objects.active_on(on)
    info_managers = list(
        active.filter(body__kind=Body.Kind.INFO_MANAGERS_NETWORK, organisation__pays_fee=True)
        .values_list("user_id", "organisation_id")
    )

    plan_rows: set[Row] = set()
    for plan_id, year in Plan.objects.filter(year__gte=on.year - 1).values_list("pk", "year"):
        for m in plan_steering_members(year, on=on, memberships=by_year):
            plan_rows.add((m.user_id, "manage_plan", plan_id))
            plan_rows.add((m.user_id, "vote_plan", plan_id))
            if m.position == Membership.Position.CHAIR:
                plan_rows.add((m.user_id, "direct_plan", plan_id))
        for user_id, _org in info_managers:
            plan_rows.add((user_id, "answer_plan", plan_id))
    sync_object_permissions(Plan, PLAN_PERMS, plan_rows)

    sitting = {m.user_id for m in by_year.get(on.year, [])}
    directors = set(active.filter(body__kind=Body.Kind.DIRECTORS_GROUP).values_list("user_id", flat=True))
    project_rows: set[Row] = set()
    for project_id, proposer_id in DevelopmentProject.objects.values_list("pk", "proposed_by_id"):
        project_rows.update((u, "manage_project", project_id) for u in sitting)
        project_rows.update((u, "decide_funding", project_id) for u in directors)
        project_rows.add((proposer_id, "change_developmentproject", project_id))
    sync_object_permissions(DevelopmentProject, PROJECT_PERMS, project_rows)

    writers_by_org: dict[int, set[int]] = {}
    for user_id, org_id in active.filter(
        body__kind__in=[Body.Kind.INFO_MANAGERS_NETWORK, Body.Kind.COMMUNICATORS_NETWORK]
    ).values_list("user_id", "organisation_id"):
        writers_by_org.setdefault(org_id, set()).add(user_id)
    unit_rows: set[Row] = set()
    for plan_id, org_id in UnitActionPlan.objects.values_list("pk", "organisation_id"):
        unit_rows.update((u, "change_unitactionplan", plan_id) for u in writers_by_org.get(org_id, ()))
    sync_object_permissions(UnitActionPlan, UNIT_PLAN_PERMS, unit_rows)


def resync() -> None:
    """Re-derive this app's rows after creating a guarded object."""
    sync(on=today())


def _perm(user, perm: str, obj) -> bool:
    return bool(user and user.is_authenticated and (user.is_superuser or user.has_perm(perm, obj)))


# --- Plans ------------------------------------------------------------------------------------
def can_view_plan(user, plan: Plan) -> bool:
    return bool(user and user.is_authenticated)


def can_create_plan(user) -> bool:
    """Sitting steering group members (and administrators) start a new year's plan."""
    if not (user and user.is_authenticated):
        return False
    if user.is_superuser:
        return True
    day = today()
    return Membership.objects.active_on(day).filter(
        user=user, body__kind=Body.Kind.STEERING_GROUP, body__year=day.year).exists()


def can_edit_plan(user, plan: Plan) -> bool:
    return _perm(user, "annualplan.manage_plan", plan)


def can_direct_plan(user, plan: Plan) -> bool:
    return _perm(user, "annualplan.direct_plan", plan)


def can_vote_plan(user, plan: Plan) -> bool:
    return _perm(user, "annualplan.vote_plan", plan)


def plan_capabilities(user, plan: Plan) -> dict[str, bool]:
    """`can_edit_plan`, `can_direct_plan` and `can_vote_plan` for one page, from one look at the
    user's permissions on the plan (governance.backends.object_perms); the same answers as the
    three functions: administrators may everything, inactive users nothing."""
    if not (user and user.is_authenticated):
        return {"edit": False, "direct": False, "vote": False}
    if user.is_superuser:
        return {"edit": True, "direct": True, "vote": True}
    held = object_perms(user, plan) if user.is_active else frozenset()
    return {"edit": "manage_plan" in held, "direct": "direct_plan" in held, "vote": "vote_plan" in held}


def can_answer_consultation(user, plan: Plan, organisation: Organisation) -> bool:
    return _perm(user, "annualplan.answer_plan", plan) and _perm(
        user, "governance.manage_organisation", organisation)


def can_record_follow_up(user, activity: Activity) -> bool:
    if user and user.is_authenticated and activity.responsible_person_id == user.pk:
        return True
    return can_edit_plan(user, activity.plan)


def can_mark_fee_decided(user, plan: Plan) -> bool:
    """The fee is the county directors' decision; the steering group's chair may record it too."""
    if can_direct_plan(user, plan):
        return True
    return bool(user and user.is_authenticated and Membership.objects.active_on(today()).filter(
        user=user, body__kind=Body.Kind.DIRECTORS_GROUP).exists())


# --- Development projects -----------------------------------------------------------------------
def can_propose_project(user) -> bool:
    """Anyone in the network (communicators, information managers, the steering group)."""
    if not (user and user.is_authenticated):
        return False
    return user.is_superuser or Membership.objects.active_on(today()).filter(
        user=user, body__kind__in=[Body.Kind.COMMUNICATORS_NETWORK, Body.Kind.INFO_MANAGERS_NETWORK,
                                   Body.Kind.STEERING_GROUP]).exists()


def can_manage_project(user, project: DevelopmentProject) -> bool:
    return _perm(user, "annualplan.manage_project", project)


def can_edit_project(user, project: DevelopmentProject) -> bool:
    if can_manage_project(user, project):
        return True
    return project.status == DevelopmentProject.Status.PROPOSED and _perm(
        user, "annualplan.change_developmentproject", project)


def can_decide_funding(user, project: DevelopmentProject) -> bool:
    return _perm(user, "annualplan.decide_funding", project)


# --- Action plans -------------------------------------------------------------------------------
def can_edit_unit_plan(user, unit_plan: UnitActionPlan) -> bool:
    return _perm(user, "annualplan.change_unitactionplan", unit_plan)


def unit_plan_organisations(user) -> list[Organisation]:
    """The organisations `user` may write an action plan for: those they are information manager
    or communicator of (administrators: every fee payer)."""
    if not (user and user.is_authenticated):
        return []
    if user.is_superuser:
        return list(Organisation.objects.filter(pays_fee=True).order_by("sort_order"))
    ids = Membership.objects.active_on(today()).filter(
        user=user, body__kind__in=[Body.Kind.INFO_MANAGERS_NETWORK, Body.Kind.COMMUNICATORS_NETWORK],
        organisation__pays_fee=True,
    ).values_list("organisation_id", flat=True)
    return list(Organisation.objects.filter(pk__in=ids).order_by("sort_order"))


def can_create_unit_plan(user, organisation: Organisation) -> bool:
    return any(o.pk == organisation.pk for o in unit_plan_organisations(user))
