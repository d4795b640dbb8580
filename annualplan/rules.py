"""The operating plan's rules, as the governance text gives them:

- Everyone signed in reads the plan.
- The steering group sitting today drafts the plan and votes on its adoption (the plan of its own
  year, the next year's drafted in the autumn, and last year's while it is followed up); its chair
  moves the plan through the workflow. Plans older than last year are closed to everyone.
- Each organisation's information manager, or their deputy for the consultation, answers the
  consultation for the organisation.
- An activity's responsible person records its follow-up beside the steering group.
- The county directors' group decides the fee (the chair may record the decision); it decides on
  development funds. The steering group applies for the funds and runs the projects; anyone in the
  network proposes one and its proposer may edit it while it is only proposed.
- An organisation's information manager and its communicators write its action plan.
"""
from __future__ import annotations

import rules

from governance.authority import facts, today
from governance.bodies.models import Body
from governance.bodies.rules import (
    chairs_sitting_steering_group,
    is_in_network,
    sits_in_directors_group,
    sits_in_steering_group,
)
from governance.people.rules import acting_for

ACTION_PLAN_KINDS = (Body.Kind.INFO_MANAGERS_NETWORK, Body.Kind.COMMUNICATORS_NETWORK)


@rules.predicate
def plan_is_current(user, plan) -> bool:
    """Last year's, this year's or a later year's plan (older ones are closed)."""
    return plan is not None and plan.year >= today().year - 1


@rules.predicate
def is_responsible_for_activity(user, activity) -> bool:
    return activity is not None and activity.responsible_person_id == user.pk


@rules.predicate
def activity_plan_editable_by_group(user, activity) -> bool:
    return activity is not None and plan_is_current(user, activity.plan) and sits_in_steering_group(user)


@rules.predicate
def is_proposer(user, project) -> bool:
    return project is not None and project.proposed_by_id == user.pk


@rules.predicate
def project_only_proposed(user, project) -> bool:
    from .models import DevelopmentProject

    return project is not None and project.status == DevelopmentProject.Status.PROPOSED


@rules.predicate
def writes_for_organisation(user, organisation) -> bool:
    """An information manager or communicator of the organisation today (a fee payer)."""
    if organisation is None or not organisation.pays_fee:
        return False
    return any(s.organisation_id == organisation.pk for s in facts(user).seats_on(today())
               if s.kind in ACTION_PLAN_KINDS)


@rules.predicate
def writes_unit_plan(user, unit_plan) -> bool:
    return unit_plan is not None and writes_for_organisation(user, unit_plan.organisation)


may_act_on_plan = plan_is_current & sits_in_steering_group

rules.add_perm("annualplan.view_plan", rules.is_authenticated)
rules.add_perm("annualplan.create_plan", sits_in_steering_group)
rules.add_perm("annualplan.edit_plan", may_act_on_plan)
rules.add_perm("annualplan.vote_plan", may_act_on_plan)
rules.add_perm("annualplan.direct_plan", plan_is_current & chairs_sitting_steering_group)
# Answering the consultation is governance.answer_consultation on the organisation (its information
# manager or their deputy); the plan's state (consultation open) is the service's rule.
rules.add_perm("annualplan.record_follow_up", is_responsible_for_activity | activity_plan_editable_by_group)
# Linking the minutes' actions to an activity: its responsible person and the sitting steering group.
rules.add_perm("annualplan.link_action", is_responsible_for_activity | sits_in_steering_group)
rules.add_perm("annualplan.record_fee_decision", sits_in_directors_group | (plan_is_current & chairs_sitting_steering_group))

rules.add_perm("annualplan.propose_project", is_in_network)
rules.add_perm("annualplan.manage_project", sits_in_steering_group)
rules.add_perm("annualplan.edit_project", sits_in_steering_group | (is_proposer & project_only_proposed))
rules.add_perm("annualplan.decide_funding", sits_in_directors_group)

rules.add_perm("annualplan.create_unitactionplan", writes_for_organisation)
rules.add_perm("annualplan.edit_unitactionplan", writes_unit_plan)


def unit_plan_organisations(user):
    """The organisations `user` may write an action plan for (administrators: every fee payer)."""
    from governance.people.models import Organisation

    qs = Organisation.objects.filter(pays_fee=True).order_by("sort_order")
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if user.is_superuser:
        return qs
    ids = {s.organisation_id for s in facts(user).seats_on(today()) if s.kind in ACTION_PLAN_KINDS}
    return qs.filter(pk__in=ids)


def answering_organisations(user):
    """The fee payers whose consultation answer `user` gives today: as their information manager or
    as the deputy named for it."""
    return acting_for(user, "answer_consultation").filter(pays_fee=True)
