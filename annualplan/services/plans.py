"""The plan's writes: versions, content, consultation, adoption, the fee decision, follow-up.

The workflow: draft → consultation → revised → adopted → fee decided → in follow-up → closed.
Each step is one function; a step that is not allowed in the plan's state, or by the actor, is
refused with a ValidationError / PermissionDenied carrying a clear message."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance import concurrency
from governance.audit import audited_delete, audited_save
from governance.authority import require, today
from governance.bodies.models import Membership
from governance.bodies.selectors import information_managers
from governance.notifications.services import notification_send
from governance.people.models import Organisation, User
from governance.texts import Text, store

from .. import notifications as kinds
from ..models import (
    Activity,
    ConsultationAnswer,
    FollowUp,
    Plan,
    PlanDecision,
    PlanGoal,
    PlanVersion,
    PlanVote,
    ResourceAssignment,
)
from ..records import register_plan_decision
from ..selectors import plan_activities, plan_steering_members, plan_totals, web_role_costs
from .common import _refuse_state, _require_editable, current_light, tell_if_off_track

ACTIVITY_FIELDS = ("area", "title", "description", "goal", "responsible_organisation", "responsible_person",
                   "budget", "sort_order")



# --- Versions (snapshots for the compare page) ----------------------------------------------
def plan_snapshot_data(plan: Plan) -> dict:
    activities = []
    for a in plan_activities(plan):
        staff = sum((r.compensation for r in a.assignments.all()), Decimal("0"))
        activities.append({
            "id": a.pk,
            "title": a.title,
            "area": a.area.name,
            "description": a.description,
            "goal": a.goal,
            "responsible": a.responsible_organisation.short_name,
            "budget": str(a.budget),
            "staff": str(staff),
        })
    totals = plan_totals(plan)
    # The web management roles the plan pays for in its year (webadmin), with what each costs.
    roles = web_role_costs(plan.year)
    totals["web_roles"] = sum((r.compensation for r in roles), Decimal("0"))
    return {
        "title": plan.title,
        "introduction": plan.introduction,
        "status": plan.status,
        "goals": [g.title for g in plan.goals.all()],
        "activities": activities,
        "web_roles": [{"role": r.role_code, "person": r.person, "organisation": r.organisation,
                       "share": str(r.share), "annual_share": str(r.annual_share),
                       "compensation": str(r.compensation)} for r in roles],
        "totals": {k: str(v) for k, v in totals.items()},
    }


@transaction.atomic
def plan_snapshot(*, plan: Plan, label, actor: User | None) -> PlanVersion:
    """A new version of the plan. `label`, its occasion, is a lazy translation or a Text (stored
    untranslated, shown in the reader's language), or a person's own words (a str)."""
    number = (PlanVersion.objects.filter(plan=plan).aggregate(n=Max("number"))["n"] or 0) + 1
    version = PlanVersion(plan=plan, number=number, snapshot=plan_snapshot_data(plan), created_at=timezone.now(),
                          created_by=actor if getattr(actor, "pk", None) else None)
    store(version, "label", label, max_length=200)
    version.save()
    return version


@transaction.atomic
def plan_save_version(*, plan: Plan, actor: User) -> PlanVersion:
    require(actor, "annualplan.edit_plan", plan, message=_("Only the steering group can save a version of the plan."))
    return plan_snapshot(plan=plan, label=gettext_lazy("Saved by the steering group"), actor=actor)


# --- The plan and its content ------------------------------------------------------------------
@transaction.atomic
def plan_create(*, year: int, title: str, actor: User, introduction: str = "") -> Plan:
    require(actor, "annualplan.create_plan", message=_("Only the sitting steering group can start a new operating plan."))
    if Plan.objects.filter(year=year).exists():
        raise ValidationError(_("There is already an operating plan for %(year)s: one plan per year.")
                              % {"year": year})
    plan = Plan(year=year, title=title or _("Operating plan %(year)s") % {"year": year}, introduction=introduction)
    audited_save(plan, actor=actor, reason="plan created")
    return plan


@transaction.atomic
def plan_update(*, plan: Plan, actor: User, title: str, introduction: str, expected_version: int | None) -> Plan:
    require(actor, "annualplan.edit_plan", plan, message=_("Only the steering group can edit the plan."))
    plan = concurrency.locked(plan)
    _require_editable(plan)
    concurrency.check_version(plan, expected_version, _("plan"))
    plan.title, plan.introduction = title, introduction
    plan.version += 1
    return audited_save(plan, actor=actor, reason="plan edited")


@transaction.atomic
def goal_create(*, plan: Plan, actor: User, title: str, description: str = "") -> PlanGoal:
    require(actor, "annualplan.edit_plan", plan, message=_("Only the steering group can edit the plan."))
    _require_editable(Plan.objects.get(pk=plan.pk))
    order = (plan.goals.aggregate(n=Max("sort_order"))["n"] or 0) + 10
    return audited_save(PlanGoal(plan=plan, title=title, description=description, sort_order=order),
                        actor=actor, reason="goal added")


@transaction.atomic
def activity_create(*, plan: Plan, actor: User, proposals=(), **fields) -> Activity:
    require(actor, "annualplan.edit_plan", plan, message=_("Only the steering group can edit the plan."))
    plan = concurrency.locked(plan)
    _require_editable(plan)
    activity = Activity(plan=plan, **{k: v for k, v in fields.items() if k in ACTIVITY_FIELDS})
    audited_save(activity, actor=actor, reason="activity added")
    _set_proposals(activity, proposals)
    return activity


def _set_proposals(activity: Activity, proposals) -> None:
    proposals = list(proposals or [])
    bad = [p for p in proposals if p.status != "forwarded"]
    if bad:
        raise ValidationError(_("Only forwarded proposals can be linked to an activity: %(titles)s.")
                              % {"titles": ", ".join(p.title for p in bad)})
    activity.proposals.set(proposals)


@transaction.atomic
def activity_update(*, activity: Activity, actor: User, expected_version: int | None, proposals=None,
                    **fields) -> Activity:
    require(actor, "annualplan.edit_plan", activity.plan, message=_("Only the steering group can edit the plan."))
    activity = concurrency.locked(activity)
    _require_editable(activity.plan)
    concurrency.check_version(activity, expected_version, _("activity"))
    for name, value in fields.items():
        if name in ACTIVITY_FIELDS:
            setattr(activity, name, value)
    activity.version += 1
    audited_save(activity, actor=actor, reason="activity edited")
    if proposals is not None:
        _set_proposals(activity, proposals)
    return activity


@transaction.atomic
def activity_delete(*, activity: Activity, actor: User) -> None:
    require(actor, "annualplan.edit_plan", activity.plan, message=_("Only the steering group can edit the plan."))
    _require_editable(Plan.objects.get(pk=activity.plan_id))
    for assignment in activity.assignments.all():
        audited_delete(assignment, actor=actor, reason="activity deleted")
    audited_delete(activity, actor=actor, reason="activity deleted")


@transaction.atomic
def assignment_create(*, activity: Activity, actor: User, organisation: Organisation, share: Decimal,
                      salary_cost: Decimal, social_fee_rate: Decimal, person: User | None = None,
                      role: str = "") -> ResourceAssignment:
    require(actor, "annualplan.edit_plan", activity.plan, message=_("Only the steering group can edit the plan."))
    _require_editable(Plan.objects.get(pk=activity.plan_id))
    if person is not None and person.organisation_id != organisation.pk:
        raise ValidationError({"person": _("%(person)s does not work at %(org)s.")
                               % {"person": person, "org": organisation.short_name}})
    assignment = ResourceAssignment(activity=activity, organisation=organisation, person=person, role=role,
                                    share=share, salary_cost=salary_cost, social_fee_rate=social_fee_rate)
    return audited_save(assignment, actor=actor, reason="resource assigned")


@transaction.atomic
def assignment_delete(*, assignment: ResourceAssignment, actor: User) -> None:
    require(actor, "annualplan.edit_plan", assignment.activity.plan, message=_("Only the steering group can edit the plan."))
    _require_editable(Plan.objects.get(pk=assignment.activity.plan_id))
    audited_delete(assignment, actor=actor, reason="resource removed")


# --- Consultation -----------------------------------------------------------------------------
@transaction.atomic
def plan_open_consultation(*, plan: Plan, deadline: dt.date, actor: User) -> Plan:
    require(actor, "annualplan.direct_plan", plan, message=_("Only the chair of the steering group can open the consultation."))
    plan = concurrency.locked(plan)
    Plan.WORKFLOW.check(plan, Plan.Status.CONSULTATION, _refuse_state(plan, _("open the consultation")))
    if not plan.activities.exists():
        raise ValidationError(_("Add at least one activity before sending the plan for consultation."))
    if deadline is None or deadline <= today():
        raise ValidationError({"deadline": _("The consultation deadline must be after today.")})
    Plan.WORKFLOW.move(plan, Plan.Status.CONSULTATION)
    plan.consultation_deadline = deadline
    plan.consultation_opened_at = timezone.now()
    plan.version += 1
    audited_save(plan, actor=actor, reason="consultation opened")
    plan_snapshot(plan=plan, label=gettext_lazy("Sent for consultation"), actor=actor)
    for m in information_managers().filter(organisation__pays_fee=True):
        notification_send(
            kind=kinds.CONSULTATION, recipient=m.user, target=plan, occasion="consultation-opened",
            subject=Text(gettext_lazy("The operating plan %(year)s is out for consultation"), year=plan.year),
            body=Text(gettext_lazy("Please answer for %(org)s by %(deadline)s."),
                      org=m.organisation.short_name, deadline=deadline.isoformat()),
            url=plan.get_absolute_url(),
        )
    return plan


@transaction.atomic
def consultation_answer(*, plan: Plan, organisation: Organisation, position: str, comments: str,
                        actor: User) -> ConsultationAnswer:
    require(actor, "governance.answer_consultation", organisation, message=_("Only the information manager of %(org)s can answer for it.")
                               % {"org": organisation.short_name})
    plan = concurrency.locked(plan)
    if plan.status != Plan.Status.CONSULTATION:
        raise _refuse_state(plan, _("answer the consultation"))
    if plan.consultation_deadline and today() > plan.consultation_deadline:
        raise ValidationError(_("The consultation closed on %(deadline)s; answers can no longer be given.")
                              % {"deadline": plan.consultation_deadline.isoformat()})
    answer = ConsultationAnswer.objects.filter(plan=plan, organisation=organisation).first() or ConsultationAnswer(
        plan=plan, organisation=organisation)
    answer.position, answer.comments = position, comments.strip()
    answer.answered_by, answer.answered_at = actor, timezone.now()
    return audited_save(answer, actor=actor, reason="consultation answered")


@transaction.atomic
def plan_close_consultation(*, plan: Plan, actor: User) -> Plan:
    require(actor, "annualplan.direct_plan", plan, message=_("Only the chair of the steering group can close the consultation."))
    plan = concurrency.locked(plan)
    Plan.WORKFLOW.check(plan, Plan.Status.REVISED, _refuse_state(plan, _("close the consultation")))
    Plan.WORKFLOW.move(plan, Plan.Status.REVISED)
    plan.version += 1
    audited_save(plan, actor=actor, reason="consultation closed")
    plan_snapshot(plan=plan, label=gettext_lazy("Consultation closed"), actor=actor)
    for m in plan_steering_members(plan):
        notification_send(
            kind=kinds.VOTE, recipient=m.user, target=plan, occasion=f"vote-round-{plan.vote_round}",
            subject=Text(gettext_lazy("Record your vote on the operating plan %(year)s"), year=plan.year),
            url=plan.get_absolute_url(),
        )
    return plan


# --- Adoption ---------------------------------------------------------------------------------
@transaction.atomic
def plan_vote(*, plan: Plan, choice: str, actor: User, comment: str = "") -> PlanVote:
    """Record a sitting steering group member's vote. The plan is adopted when a majority of the
    group approve; rejected when a majority reject; on a tie the chair's vote decides."""
    require(actor, "annualplan.vote_plan", plan, message=_("Only the members of the sitting steering group vote on the plan."))
    plan = concurrency.locked(plan)
    Plan.WORKFLOW.check(plan, Plan.Status.ADOPTED, _refuse_state(plan, _("vote on adopting it")))
    if choice not in PlanVote.Choice.values:
        raise ValidationError({"choice": _("Choose approve or reject.")})
    members = plan_steering_members(plan)
    seat = next((m for m in members if m.user_id == actor.pk), None)
    if seat is None:
        raise PermissionDenied(_("Only the members of the sitting steering group vote on the plan."))
    vote = PlanVote.objects.filter(plan=plan, round=plan.vote_round, voter=actor).first() or PlanVote(
        plan=plan, round=plan.vote_round, voter=actor)
    vote.choice, vote.comment = choice, comment
    vote.is_chair = seat.position == Membership.Position.CHAIR
    vote.voted_at = timezone.now()
    audited_save(vote, actor=actor, reason="vote recorded")
    _decide(plan=plan, members=members, actor=actor)
    return vote


def _decide(*, plan: Plan, members: list[Membership], actor: User) -> PlanDecision | None:
    seated = {m.user_id for m in members}
    votes = [v for v in PlanVote.objects.filter(plan=plan, round=plan.vote_round).select_related("voter")
             .order_by("voted_at") if v.voter_id in seated]
    approve = [v for v in votes if v.choice == PlanVote.Choice.APPROVE]
    reject = [v for v in votes if v.choice == PlanVote.Choice.REJECT]
    majority = len(members) // 2 + 1
    chair_decided = False
    if len(approve) >= majority:
        outcome = PlanDecision.Outcome.ADOPTED
    elif len(reject) >= majority:
        outcome = PlanDecision.Outcome.REJECTED
    elif len(votes) == len(members) and len(approve) == len(reject):
        chair_vote = next((v for v in votes if v.is_chair), None)
        if chair_vote is None:
            return None
        chair_decided = True
        outcome = (PlanDecision.Outcome.ADOPTED if chair_vote.choice == PlanVote.Choice.APPROVE
                   else PlanDecision.Outcome.REJECTED)
    else:
        return None
    now = timezone.now()
    decision = audited_save(
        PlanDecision(plan=plan, round=plan.vote_round, outcome=outcome, chair_decided=chair_decided,
                     approved_by=", ".join(str(v.voter) for v in approve),
                     rejected_by=", ".join(str(v.voter) for v in reject), decided_at=now),
        actor=actor, reason=f"plan {outcome}",
    )
    register_plan_decision(decision, actor=actor)
    if outcome == PlanDecision.Outcome.ADOPTED:
        Plan.WORKFLOW.move(plan, Plan.Status.ADOPTED)
        plan.adopted_at = now
        plan.version += 1
        audited_save(plan, actor=actor, reason="plan adopted")
        plan_snapshot(plan=plan, label=gettext_lazy("Adopted"), actor=actor)
    else:
        plan.vote_round += 1
        plan.version += 1
        audited_save(plan, actor=actor, reason="plan rejected, new vote round")
    return decision


@transaction.atomic
def plan_mark_fee_decided(*, plan: Plan, actor: User) -> Plan:
    """Called by the fees app when the county directors' group has set the year's fee.
    Idempotent: a plan already marked stays as it is."""
    require(actor, "annualplan.record_fee_decision", plan, message=_("Only the county directors' group or the steering group chair can record "
                                 "the fee decision."))
    plan = concurrency.locked(plan)
    if plan.status == Plan.Status.FEE_DECIDED:
        return plan
    Plan.WORKFLOW.check(plan, Plan.Status.FEE_DECIDED,
                        _refuse_state(plan, _("record the fee decision (the plan must be adopted first)")))
    Plan.WORKFLOW.move(plan, Plan.Status.FEE_DECIDED)
    plan.fee_decided_at = timezone.now()
    plan.version += 1
    return audited_save(plan, actor=actor, reason="fee decided")


@transaction.atomic
def plan_start_follow_up(*, plan: Plan, actor: User) -> Plan:
    require(actor, "annualplan.direct_plan", plan, message=_("Only the chair of the steering group can start the follow-up."))
    plan = concurrency.locked(plan)
    Plan.WORKFLOW.check(plan, Plan.Status.FOLLOW_UP,
                        _refuse_state(plan, _("start the follow-up (the fee must be decided first)")))
    Plan.WORKFLOW.move(plan, Plan.Status.FOLLOW_UP)
    plan.version += 1
    return audited_save(plan, actor=actor, reason="follow-up started")


@transaction.atomic
def plan_close(*, plan: Plan, actor: User) -> Plan:
    require(actor, "annualplan.direct_plan", plan, message=_("Only the chair of the steering group can close the plan."))
    plan = concurrency.locked(plan)
    Plan.WORKFLOW.check(plan, Plan.Status.CLOSED, _refuse_state(plan, _("close it")))
    Plan.WORKFLOW.move(plan, Plan.Status.CLOSED)
    plan.version += 1
    audited_save(plan, actor=actor, reason="plan closed")
    plan_snapshot(plan=plan, label=gettext_lazy("Closed"), actor=actor)
    return plan


# --- Follow-up --------------------------------------------------------------------------------
@transaction.atomic
def follow_up_record(*, activity: Activity, quarter: int, status: str, comment: str, spent_to_date: Decimal,
                     forecast: Decimal, actor: User, expected_version: int | None = None, light: str | None = None,
                     analysis: str | None = None) -> FollowUp:
    """The quarter's follow-up with its traffic light (None keeps the saved one); when the activity's
    light (its latest quarter's) turns red, the chair and the responsible person are told."""
    require(actor, "annualplan.record_follow_up", activity, message=_("Only the steering group or the activity's responsible person can record "
                                 "its follow-up."))
    plan = Plan.objects.get(pk=activity.plan_id)
    if plan.status != Plan.Status.FOLLOW_UP:
        raise _refuse_state(plan, _("record a follow-up"))
    if quarter not in (1, 2, 3, 4):
        raise ValidationError({"quarter": _("A quarter is 1, 2, 3 or 4.")})
    activity = concurrency.locked(activity)  # one follow-up of an activity at a time: its light's turn is told once
    before = current_light(FollowUp(activity=activity))
    follow_up = FollowUp.objects.select_for_update().filter(activity=activity, quarter=quarter).first()
    if follow_up is None:
        follow_up = FollowUp(activity=activity, quarter=quarter)
    else:
        concurrency.check_version(follow_up, expected_version, _("follow-up"))
        follow_up.version += 1
    follow_up.status, follow_up.comment = status, comment
    follow_up.spent_to_date, follow_up.forecast = spent_to_date, forecast
    if light is not None:
        follow_up.light = light
    if analysis is not None:
        follow_up.analysis = analysis.strip()
    follow_up.recorded_by, follow_up.recorded_at = actor, timezone.now()
    audited_save(follow_up, actor=actor, reason=f"follow-up Q{quarter}")
    tell_if_off_track(follow_up, before, title=activity.title, year=plan.year, actor=actor,
                      also=[activity.responsible_person])
    return follow_up
