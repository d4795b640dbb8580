"""Web roles and their assignments, the web management group and the working and reference groups."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.audit import audited_delete, audited_save
from governance.authority import require
from governance.bodies.models import Body, Membership
from governance.bodies.services import membership_create, membership_end
from governance.notifications.services import notification_send
from governance.people.models import Organisation, User
from governance.texts import Text, choice, lower, number

from .. import notifications as kinds
from ..models import (
    Role,
    RoleAssignment,
    StatusReport,
    SteeringDecision,
    WorkingGroup,
)
from ..selectors import web_lead, web_management_group
from .common import GROUP_SIZE, _decision


# --- Roles ----------------------------------------------------------------------------------------------
@transaction.atomic
def role_assign(
    *,
    role: Role,
    user: User,
    start: dt.date,
    decided_on: dt.date,
    actor: User | None,
    end: dt.date | None = None,
    share: Decimal = Decimal("0"),
    salary_cost: Decimal = Decimal("0"),
    social_fee_rate: Decimal = Decimal("0.3142"),
    note: str = "",
) -> RoleAssignment:
    """The steering group assigns a role to a person for a period; the decision is recorded.
    The process owner cannot be assigned (it follows the steering group's chair). The share and
    the person's salary cost (at full time, plus social fees) are what the operating plan pays the
    person's organisation for the assignment."""
    if actor is not None:
        require(actor, "webadmin.decide_web", message=_("Only the steering group assigns the web management roles."))
    Role.objects.select_for_update().filter(pk=role.pk).first()  # two appointments cannot both pass
    assignment = RoleAssignment(role=role, user=user, organisation=user.organisation, start=start, end=end,
                                share=share, salary_cost=salary_cost, social_fee_rate=social_fee_rate, note=note)
    audited_save(assignment, actor=actor, reason="role assigned")
    kind = (SteeringDecision.Kind.APPOINT_WEB_LEAD if role.code == Role.Code.WEB_LEAD
            else SteeringDecision.Kind.ASSIGN_ROLE)
    params = {"person": str(user), "org": user.organisation.short_name, "role": lower(choice(role, "code")),
              "start": start.isoformat(), "share": number(share, 2)}
    summary = (
        Text(gettext_lazy("%(person)s (%(org)s) is %(role)s from %(start)s until %(end)s, %(share)s of full time."),
             end=end.isoformat(), **params) if end
        else Text(gettext_lazy("%(person)s (%(org)s) is %(role)s from %(start)s%(until)s, %(share)s of full time."),
                  until="", **params)
    )
    _decision(kind=kind, decided_on=decided_on, summary=summary, actor=actor, assignment=assignment)
    return assignment


def web_lead_appoint(*, user: User, start: dt.date, decided_on: dt.date, actor: User | None,
                     end: dt.date | None = None, share: Decimal = Decimal("0"), salary_cost: Decimal = Decimal("0"),
                     social_fee_rate: Decimal = Decimal("0.3142")) -> RoleAssignment:
    """The steering group appoints the web development lead (a recorded decision)."""
    return role_assign(role=Role.objects.get(code=Role.Code.WEB_LEAD), user=user, start=start, end=end,
                       share=share, salary_cost=salary_cost, social_fee_rate=social_fee_rate,
                       decided_on=decided_on, actor=actor)


@transaction.atomic
def role_assignment_end(*, assignment: RoleAssignment, end: dt.date, actor: User | None) -> RoleAssignment:
    if actor is not None:
        require(actor, "webadmin.decide_web", message=_("Only the steering group assigns the web management roles."))
    assignment = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
    assignment.end = end
    audited_save(assignment, actor=actor, reason="role assignment ended")
    return assignment


@transaction.atomic
def role_assignment_update(*, assignment: RoleAssignment, actor: User | None, end: dt.date | None,
                           share: Decimal, salary_cost: Decimal, social_fee_rate: Decimal, note: str = ""
                           ) -> RoleAssignment:
    """Correct what the plan pays for an assignment (share, salary cost, social fees) or its end.
    Who holds which role from when is the decision itself: a new person is a new assignment."""
    if actor is not None:
        require(actor, "webadmin.decide_web", message=_("Only the steering group assigns the web management roles."))
    assignment = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
    assignment.end, assignment.share, assignment.salary_cost = end, share, salary_cost
    assignment.social_fee_rate, assignment.note = social_fee_rate, note
    audited_save(assignment, actor=actor, reason="role assignment changed")
    return assignment


# --- The web management group -----------------------------------------------------------------------
def _is_system_administrator_representative(user: User, on: dt.date) -> bool:
    if user.organisation.kind == Organisation.Kind.IT_UNIT:
        return True
    return RoleAssignment.objects.active_on(on).filter(
        user=user, role__code=Role.Code.SYSTEM_ADMINISTRATOR
    ).exists()


def composition_errors(*, chair: User | None, members: Sequence[User], on: dt.date) -> list[str]:
    """Every rule of the web management group that this composition breaks, each named."""
    errors: list[str] = []
    if chair is None:
        errors.append(_("Rule: the group is chaired by the web development lead. There is no web development "
                        "lead on %(day)s: the steering group appoints one first.") % {"day": on})
    ids = [m.pk for m in members]
    duplicates = sorted({str(m) for m in members if ids.count(m.pk) > 1})
    if duplicates:
        errors.append(_("A person can be in the group only once: %(names)s.") % {"names": ", ".join(duplicates)})
    if chair is not None and chair.pk in ids:
        errors.append(_("Rule: the web development lead chairs the group and is not one of the five members."))
    if len(set(ids)) != GROUP_SIZE:
        errors.append(_("Rule: the group has five members besides the chair; this composition has %(n)d.")
                      % {"n": len(set(ids))})
    admins = [m for m in members if _is_system_administrator_representative(m, on)]
    if not admins:
        errors.append(_("Rule: at least one member represents the technical system administrator (a person "
                        "from the IT unit or a contact person of the system administrator at Länsstyrelsen i "
                        "Västra Götaland). None of the chosen members does."))
    if not any(m.has_it_competence for m in members):
        errors.append(_("Rule: at least one member has IT competence. None of the chosen members is marked "
                        "as having IT competence."))
    communicators = set(
        Membership.objects.active_on(on).filter(body__kind=Body.Kind.COMMUNICATORS_NETWORK, user__in=members)
        .values_list("user_id", flat=True)
    )
    admin_ids = {m.pk for m in admins}
    not_communicators = sorted({str(m) for m in members if m.pk not in admin_ids and m.pk not in communicators})
    if not_communicators:
        errors.append(_("Rule: the members who do not represent the system administrator are communicators. "
                        "Not in the communicators' network: %(names)s.") % {"names": ", ".join(not_communicators)})
    return errors


@transaction.atomic
def web_management_group_compose(
    *,
    year: int,
    members: Sequence[tuple[User, str]],
    start: dt.date,
    decided_on: dt.date,
    actor: User | None,
) -> Body:
    """The steering group decides the web management group's composition for `year` from `start`:
    chaired by the web development lead, five members representing the roles. A composition that
    breaks a rule is refused with the rule named; the decision is recorded."""
    if actor is not None:
        require(actor, "webadmin.decide_web", message=_("Only the steering group decides the web management group's "
                                                "composition."))
    if start.year != year:
        raise ValidationError(_("The composition must take effect within %(year)s.") % {"year": year})
    lead = web_lead(on=start)
    chair = lead.user if lead else None
    people = [user for user, _represents in members]
    errors = composition_errors(chair=chair, members=people, on=start)
    if errors:
        raise ValidationError(errors)
    body = web_management_group(year)
    if body is None:
        body = Body(kind=Body.Kind.WEB_MANAGEMENT_GROUP, year=year, name="Webbförvaltningsgruppen",
                    description=_("Chaired by the web development lead; five members representing the roles."))
        audited_save(body, actor=actor, reason="web management group created")
    wanted = {chair.pk: (Membership.Position.CHAIR, "")}
    wanted.update({user.pk: (Membership.Position.MEMBER, represents) for user, represents in members})
    users = {chair.pk: chair, **{u.pk: u for u in people}}
    dec31 = dt.date(year, 12, 31)
    kept: set[int] = set()
    for m in Membership.objects.select_for_update().filter(body=body).overlapping(start, dec31):
        position, represents = wanted.get(m.user_id, (None, ""))
        if position == m.position and m.user_id not in kept:
            kept.add(m.user_id)
            if m.role_description != represents:
                m.role_description = represents
                audited_save(m, actor=actor, reason="web management group composition")
        elif m.start < start:
            membership_end(membership=m, end=start - dt.timedelta(days=1), actor=actor)
        else:
            audited_delete(m, actor=actor, reason="web management group composition")
    for user_id, (position, represents) in wanted.items():
        if user_id not in kept:
            membership_create(body=body, user=users[user_id], start=start, end=dec31, position=position,
                              role_description=represents, actor=actor)
    names = ", ".join(f"{u} ({r})" if r else str(u) for u, r in members)
    _decision(kind=SteeringDecision.Kind.GROUP_COMPOSITION, decided_on=decided_on, actor=actor, body=body,
              summary=Text(gettext_lazy("The web management group %(year)s from %(start)s: %(chair)s (chair); "
                                        "%(members)s."),
                           year=year, start=start.isoformat(), chair=str(chair), members=names))
    return body


# --- Working and reference groups --------------------------------------------------------------------
@transaction.atomic
def working_group_create(
    *,
    kind: str,
    name: str,
    purpose: str,
    leader: User,
    members: Iterable[User],
    start: dt.date,
    actor: User | None,
    end: dt.date | None = None,
) -> WorkingGroup:
    """The web management group sets up a working or reference group with a leader who reports
    to the web development lead."""
    if actor is not None:
        require(actor, "webadmin.lead_web", message=_("Only the web development lead sets up working and reference "
                                              "groups."))
    if kind not in (Body.Kind.WORKING_GROUP, Body.Kind.REFERENCE_GROUP):
        raise ValidationError(_("Choose a working group or a reference group."))
    if end is not None and end < start:
        raise ValidationError(_("The end date must not be before the start date."))
    parent = web_management_group(start.year)
    if parent is None:
        raise ValidationError(_("Set up the web management group for %(year)s first: working and reference "
                                "groups report to it.") % {"year": start.year})
    body = audited_save(Body(kind=kind, name=name, parent=parent, description=purpose), actor=actor,
                        reason="working group created")
    group = audited_save(WorkingGroup(body=body, purpose=purpose, start=start, end=end), actor=actor,
                         reason="working group created")
    membership_create(body=body, user=leader, start=start, end=end, position=Membership.Position.LEADER,
                      actor=actor)
    for user in members:
        if user.pk != leader.pk:
            membership_create(body=body, user=user, start=start, end=end, actor=actor)
    return group


@transaction.atomic
def status_report_file(*, group: WorkingGroup, text: str, actor: User) -> StatusReport:
    """The group's leader files a short status report; the web development lead is notified."""
    require(actor, "webadmin.file_status_report", group, message=_("Only the group's leader files status reports."))
    report = audited_save(StatusReport(group=group, author=actor, text=text.strip()), actor=actor,
                          reason="status report")
    lead = web_lead()
    if lead is not None:
        notification_send(
            kind=kinds.STATUS_REPORT, recipient=lead.user, target=report, occasion="filed",
            subject=Text(gettext_lazy("Status report from %(group)s"), group=str(group)),
            body=report.text, url=group.get_absolute_url(),
        )
    return report
