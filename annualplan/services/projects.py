"""Development projects: proposals, funding applications and the county directors' decisions,
participants, milestones."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance import concurrency
from governance.audit import audited_save
from governance.authority import require, today
from governance.money import format_kronor
from governance.notifications.services import notification_send
from governance.people.models import Organisation, User
from governance.texts import Text, choice, lower

from .. import notifications as kinds
from ..models import (
    DevelopmentProject,
    FundingApplication,
    Milestone,
    ProjectParticipant,
)
from ..records import register_funding_decision


# --- Development projects -----------------------------------------------------------------------
@transaction.atomic
def project_propose(*, title: str, description: str, actor: User) -> DevelopmentProject:
    require(actor, "annualplan.propose_project", message=_("Only people in the network can propose a development project."))
    project = DevelopmentProject(title=title, description=description, proposed_by=actor,
                                 organisation=actor.organisation)
    audited_save(project, actor=actor, reason="project proposed")
    return project


@transaction.atomic
def project_update(*, project: DevelopmentProject, actor: User, expected_version: int | None, **fields
                   ) -> DevelopmentProject:
    require(actor, "annualplan.edit_project", project, message=_("You cannot edit this development project."))
    project = concurrency.locked(project)
    concurrency.check_version(project, expected_version, _("project"))
    allowed = ("title", "description")
    if actor.has_perm("annualplan.manage_project", project):
        allowed += ("status", "outcome", "plan")
    new_status = fields.get("status", project.status) if "status" in allowed else project.status
    if new_status != project.status:
        S = DevelopmentProject.Status
        if new_status not in project.manual_moves():
            if new_status in (S.APPLIED, S.FUNDED, S.DECLINED):
                message = _("“%(status)s” follows only from an application and the county directors' decision.")
            else:
                message = _("A project that is “%(current)s” cannot be set to “%(status)s”.")
            raise ValidationError({"status": message % {
                "status": S(new_status).label, "current": project.get_status_display()}})
    if new_status != project.status:
        DevelopmentProject.WORKFLOW.move(project, new_status)
    for name, value in fields.items():
        if name in allowed and name != "status":
            setattr(project, name, value)
    if project.status == DevelopmentProject.Status.COMPLETED and not project.outcome.strip():
        raise ValidationError({"outcome": _("Describe the outcome before marking the project completed.")})
    project.version += 1
    return audited_save(project, actor=actor, reason="project edited")


@transaction.atomic
def funding_apply(*, project: DevelopmentProject, amount: Decimal, motivation: str, actor: User
                  ) -> FundingApplication:
    require(actor, "annualplan.manage_project", project, message=_("Only the steering group applies for development funds."))
    project = concurrency.locked(project)
    if project.applications.filter(decision=FundingApplication.Decision.PENDING).exists():
        raise ValidationError(_("An application for this project is already waiting for the directors' decision."))
    if project.status in (DevelopmentProject.Status.COMPLETED, DevelopmentProject.Status.CANCELLED):
        raise ValidationError(_("The project is %(status)s: no more funds can be applied for.")
                              % {"status": project.get_status_display().lower()})
    application = audited_save(
        FundingApplication(project=project, amount=amount, motivation=motivation, applied_by=actor,
                           applied_at=timezone.now()),
        actor=actor, reason="funds applied for",
    )
    DevelopmentProject.WORKFLOW.move(project, DevelopmentProject.Status.APPLIED)
    project.version += 1
    audited_save(project, actor=actor, reason="funds applied for")
    _tell_the_directors(application)
    return application


def _tell_the_directors(application: FundingApplication) -> None:
    """The county directors' group decides: each of its members is told an application waits (also a
    panel on their Min sida until it is decided)."""
    from governance.bodies.models import Body
    from governance.bodies.selectors import members_of, standing_body

    project = application.project
    for membership in members_of(standing_body(Body.Kind.DIRECTORS_GROUP)):
        subject = Text(gettext_lazy("A development fund application waits for your decision: %(project)s"),
                       project=project.title)
        notification_send(kind=kinds.FUNDING, recipient=membership.user, target=application, occasion="applied",
                          subject=subject, url=reverse("annualplan:funding_decide", kwargs={"pk": application.pk}))


@transaction.atomic
def funding_decide(*, application: FundingApplication, decision: str, actor: User,
                   granted_amount: Decimal | None = None, comment: str = "") -> FundingApplication:
    project = application.project
    require(actor, "annualplan.decide_funding", project, message=_("Only the county directors' group decides on development funds."))
    application = concurrency.locked(application)
    if application.decision != FundingApplication.Decision.PENDING:
        raise ValidationError(_("This application has already been decided."))
    D = FundingApplication.Decision
    if decision == D.GRANTED:
        granted_amount = application.amount if granted_amount is None else granted_amount
        if granted_amount != application.amount:
            raise ValidationError({"granted_amount": _("A full grant is the amount applied for; "
                                                       "choose 'partly granted' for less.")})
    elif decision == D.PARTLY_GRANTED:
        if granted_amount is None or not (Decimal("0") < granted_amount < application.amount):
            raise ValidationError({"granted_amount": _("A partial grant is more than 0 kr and less than the "
                                                       "%(amount)s applied for.")
                                   % {"amount": format_kronor(application.amount)}})
    elif decision == D.DECLINED:
        granted_amount = Decimal("0")
    else:
        raise ValidationError({"decision": _("Choose granted, partly granted or declined.")})
    application.decision, application.granted_amount = decision, granted_amount
    application.decision_comment = comment
    application.decided_by, application.decided_at = actor, timezone.now()
    audited_save(application, actor=actor, reason=f"funds {decision}")
    register_funding_decision(application, actor=actor)
    project = concurrency.locked(project)
    DevelopmentProject.WORKFLOW.move(
        project, DevelopmentProject.Status.DECLINED if decision == D.DECLINED else DevelopmentProject.Status.FUNDED)
    project.version += 1
    audited_save(project, actor=actor, reason=f"funds {decision}")
    notification_send(
        kind=kinds.FUNDING, recipient=project.proposed_by, target=application, occasion="decided",
        subject=Text(gettext_lazy("Development funds for %(project)s: %(decision)s"),
                     project=project.title, decision=lower(choice(application, "decision"))),
        url=project.get_absolute_url(),
    )
    return application


@transaction.atomic
def participant_add(*, project: DevelopmentProject, organisation: Organisation, start: dt.date, actor: User,
                    end: dt.date | None = None, person: User | None = None, role: str = "") -> ProjectParticipant:
    require(actor, "annualplan.manage_project", project, message=_("Only the steering group manages the project's participants."))
    if person is not None and person.organisation_id != organisation.pk:
        raise ValidationError({"person": _("%(person)s does not work at %(org)s.")
                               % {"person": person, "org": organisation.short_name}})
    return audited_save(ProjectParticipant(project=project, organisation=organisation, person=person, role=role,
                                           start=start, end=end), actor=actor, reason="participant added")


@transaction.atomic
def milestone_add(*, project: DevelopmentProject, title: str, due: dt.date, actor: User) -> Milestone:
    require(actor, "annualplan.manage_project", project, message=_("Only the steering group manages the project's milestones."))
    return audited_save(Milestone(project=project, title=title, due=due), actor=actor, reason="milestone added")


@transaction.atomic
def milestone_done(*, milestone: Milestone, actor: User, on: dt.date | None = None) -> Milestone:
    require(actor, "annualplan.manage_project", milestone.project, message=_("Only the steering group manages the project's milestones."))
    if milestone.done_on:
        raise ValidationError(_("The milestone is already done."))
    milestone.done_on = on or today()
    return audited_save(milestone, actor=actor, reason="milestone done")


