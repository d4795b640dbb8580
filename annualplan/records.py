"""The operating plan's decisions in the decision register (governance.records): the steering
group's decision on each vote round (adopted or rejected, who voted how; who voted against the
outcome is recorded as dissenting), and the county directors' group's development-fund decisions.
Called by the services and by the demo."""
from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy

from governance.bodies.models import Body
from governance.bodies.selectors import standing_body, steering_group
from governance.records.models import Decision
from governance.records.services import decision_register
from governance.texts import Text, choice, kronor, lower

from .models import FundingApplication, PlanDecision, PlanVote


def register_plan_decision(decision: PlanDecision, *, actor=None) -> Decision:
    day = timezone.localdate(decision.decided_at)
    votes = list(PlanVote.objects.filter(plan=decision.plan, round=decision.round).select_related("voter"))
    against = PlanVote.Choice.REJECT if decision.outcome == PlanDecision.Outcome.ADOPTED else PlanVote.Choice.APPROVE
    adopted = decision.outcome == PlanDecision.Outcome.ADOPTED
    if adopted and decision.chair_decided:
        message = gettext_lazy("The steering group adopts the operating plan %(year)s (vote round %(round)s, "
                               "decided by the chair's casting vote).")
    elif adopted:
        message = gettext_lazy("The steering group adopts the operating plan %(year)s (vote round %(round)s).")
    else:
        message = gettext_lazy("The steering group rejects the operating plan %(year)s in vote round %(round)s; "
                               "it is revised and voted on again.")
    text = Text(message, year=decision.plan.year, round=decision.round)
    return decision_register(
        kind=Decision.Kind.PLAN, decided_on=day, text=text, body=steering_group(day.year), target=decision,
        participants=[v.voter for v in votes], dissenting=[v.voter for v in votes if v.choice == against],
        actor=actor)


def register_funding_decision(application: FundingApplication, *, actor=None) -> Decision | None:
    if application.decision == FundingApplication.Decision.PENDING:
        return None
    text = Text(gettext_lazy("Development funds for %(project)s: %(decision)s, %(granted)s of the %(applied)s "
                             "applied for."),
                project=application.project.title, decision=lower(choice(application, "decision")),
                granted=kronor(application.granted_amount or 0), applied=kronor(application.amount))
    return decision_register(
        kind=Decision.Kind.FUNDING, decided_on=timezone.localdate(application.decided_at or timezone.now()),
        text=text, body=standing_body(Body.Kind.DIRECTORS_GROUP), target=application,
        grounds=application.decision_comment, presenter=application.applied_by, actor=actor)
