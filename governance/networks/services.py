"""Writes for the communicators' network (join requests), the conference and proposals."""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance import concurrency
from governance.audit import audited_delete, audited_save
from governance.authority import require, today
from governance.bodies.selectors import information_manager_of
from governance.bodies.services import membership_create
from governance.networks.models import Conference, ConferenceRegistration, JoinRequest, Proposal
from governance.networks.selectors import communicators_network, is_network_member
from governance.notifications import kinds
from governance.notifications.services import notification_send
from governance.people.models import Organisation, User
from governance.texts import Text


# --- Join requests --------------------------------------------------------------------------------
@transaction.atomic
def join_request_create(*, user: User, actor: User, message: str = "") -> JoinRequest:
    """`user` asks to join the communicators' network (the LST-DL-Informatörer mailing list)."""
    if actor.pk != user.pk:
        raise PermissionDenied(_("You can only ask to join the network yourself."))
    User.objects.select_for_update().filter(pk=user.pk).first()  # one request at a time
    if is_network_member(user):
        raise ValidationError(_("You are already a member of the communicators' network."))
    if JoinRequest.objects.filter(user=user, status=JoinRequest.Status.PENDING).exists():
        raise ValidationError(
            _("You have already asked to join the network; your information manager has not answered yet.")
        )
    join_request = JoinRequest(user=user, organisation=user.organisation, message=message.strip())
    audited_save(join_request, actor=actor, reason="join request")
    manager = information_manager_of(user.organisation)
    if manager is not None:
        notification_send(
            kind=kinds.NETWORK_JOIN,
            recipient=manager,
            subject=Text(gettext_lazy("%(person)s asks to join the communicators' network"), person=str(user)),
            body=join_request.message,
            url=reverse("governance:network_organisation", kwargs={"code": user.organisation.code}),
            target=join_request,
            occasion="requested",
        )
    return join_request


def _pending(join_request: JoinRequest, actor: User) -> JoinRequest:
    join_request = JoinRequest.objects.select_for_update().select_related("user", "organisation").get(
        pk=join_request.pk
    )
    require(actor, "governance.manage_organisation", join_request.organisation, message=_("Only the organisation's information manager can answer this request."))
    if join_request.status != JoinRequest.Status.PENDING:
        raise ValidationError(_("This request has already been answered."))
    return join_request


@transaction.atomic
def join_request_approve(*, join_request: JoinRequest, actor: User, on: dt.date | None = None) -> JoinRequest:
    """Approve: the person becomes a member of the communicators' network from today."""
    join_request = _pending(join_request, actor)
    membership = membership_create(
        body=communicators_network(), user=join_request.user, start=on or today(), actor=actor,
        organisation=join_request.organisation,
    )
    JoinRequest.WORKFLOW.move(join_request, JoinRequest.Status.APPROVED)
    join_request.decided_by = actor
    join_request.decided_at = timezone.now()
    join_request.membership = membership
    audited_save(join_request, actor=actor, reason="join request approved")
    notification_send(
        kind=kinds.NETWORK_JOIN,
        recipient=join_request.user,
        subject=gettext_lazy("Welcome to the communicators' network"),
        body=Text(gettext_lazy("Your request was approved. The Servicedesk adds you to the mailing list %(list)s."),
                  list=membership.body.mailing_list or membership.body.name),
        url=reverse("governance:network"),
        target=join_request,
        occasion="approved",
    )
    return join_request


@transaction.atomic
def join_request_decline(*, join_request: JoinRequest, reason: str, actor: User) -> JoinRequest:
    join_request = _pending(join_request, actor)
    if not reason.strip():
        raise ValidationError(_("Give a reason for declining the request."))
    JoinRequest.WORKFLOW.move(join_request, JoinRequest.Status.DECLINED)
    join_request.reason = reason.strip()
    join_request.decided_by = actor
    join_request.decided_at = timezone.now()
    audited_save(join_request, actor=actor, reason="join request declined")
    notification_send(
        kind=kinds.NETWORK_JOIN,
        recipient=join_request.user,
        subject=gettext_lazy("Your request to join the communicators' network was declined"),
        body=join_request.reason,
        url=reverse("governance:network"),
        target=join_request,
        occasion="declined",
    )
    return join_request


# --- The conference ------------------------------------------------------------------------------
@transaction.atomic
def registration_create(
    *, conference: Conference, organisation: Organisation, participant: User, actor: User, on: dt.date | None = None
) -> ConferenceRegistration:
    """The information manager of `organisation` registers one of its people for the conference."""
    require(actor, "governance.register_conference", organisation, message=_("Only the organisation's information manager can register its participants."))
    conference = Conference.objects.select_for_update().get(pk=conference.pk)  # the cap holds under load
    day = on or today()
    if not conference.registration_open(day):
        raise ValidationError(
            _("Registration for %(conference)s closed on %(deadline)s.")
            % {"conference": conference, "deadline": date_format(conference.registration_deadline)}
        )
    if participant.organisation_id != organisation.pk:
        raise ValidationError(
            _("%(person)s works at %(other)s: %(org)s can only register its own people.")
            % {"person": participant, "other": participant.organisation, "org": organisation}
        )
    if ConferenceRegistration.objects.filter(conference=conference, participant=participant).exists():
        raise ValidationError(
            _("%(person)s is already registered for %(conference)s.") % {"person": participant, "conference": conference}
        )
    if conference.cap_per_organisation is not None:
        count = ConferenceRegistration.objects.filter(conference=conference, organisation=organisation).count()
        if count >= conference.cap_per_organisation:
            raise ValidationError(
                _(
                    "%(org)s has already registered %(count)s participants, the most each organisation may "
                    "send to %(conference)s."
                )
                % {"org": organisation, "count": count, "conference": conference}
            )
    registration = ConferenceRegistration(
        conference=conference, participant=participant, organisation=organisation, registered_by=actor
    )
    audited_save(registration, actor=actor, reason="conference registration")
    return registration


@transaction.atomic
def registration_delete(*, registration: ConferenceRegistration, actor: User, on: dt.date | None = None) -> None:
    registration = ConferenceRegistration.objects.select_related("conference", "organisation").get(
        pk=registration.pk
    )
    require(actor, "governance.register_conference", registration.organisation, message=_("Only the organisation's information manager can change its registrations."))
    conference = registration.conference
    if not conference.registration_open(on or today()):
        raise ValidationError(
            _("Registration for %(conference)s closed on %(deadline)s.")
            % {"conference": conference, "deadline": date_format(conference.registration_deadline)}
        )
    audited_delete(registration, actor=actor, reason="conference registration withdrawn")


# --- Proposals ---------------------------------------------------------------------------------------
@transaction.atomic
def proposal_create(*, author: User, title: str, description: str, expected_benefit: str, actor: User) -> Proposal:
    if actor.pk != author.pk:
        raise PermissionDenied(_("You can only write proposals in your own name."))
    proposal = Proposal(
        author=author, organisation=author.organisation, title=title, description=description,
        expected_benefit=expected_benefit,
    )
    audited_save(proposal, actor=actor, reason="proposal written")
    return proposal


@transaction.atomic
def proposal_update(
    *, proposal: Proposal, title: str, description: str, expected_benefit: str, version: int, actor: User
) -> Proposal:
    proposal = concurrency.locked(proposal, "author", "organisation")
    require(actor, "governance.edit_proposal", proposal, message=_("Only the author can change a draft or returned proposal."))
    concurrency.check_version(proposal, version)
    proposal.title, proposal.description, proposal.expected_benefit = title, description, expected_benefit
    proposal.version += 1
    audited_save(proposal, actor=actor, reason="proposal changed")
    return proposal


@transaction.atomic
def proposal_submit(*, proposal: Proposal, actor: User) -> Proposal:
    """The author sends the proposal to their information manager."""
    proposal = concurrency.locked(proposal, "author", "organisation")
    require(actor, "governance.edit_proposal", proposal, message=_("Only the author can submit a draft or returned proposal."))
    Proposal.WORKFLOW.move(proposal, Proposal.Status.SUBMITTED)
    proposal.submitted_at = timezone.now()
    proposal.version += 1
    audited_save(proposal, actor=actor, reason="proposal submitted")
    manager = information_manager_of(proposal.organisation)
    if manager is not None:
        notification_send(
            kind=kinds.PROPOSAL,
            recipient=manager,
            subject=Text(gettext_lazy("New proposal to handle: %(title)s"), title=proposal.title),
            body=Text(gettext_lazy("%(person)s has submitted a proposal for a joint communication initiative."),
                      person=str(proposal.author)),
            url=proposal.get_absolute_url(),
            target=proposal,
            occasion=f"submitted-{proposal.version}",
        )
    return proposal


def _handle(proposal: Proposal, actor: User) -> Proposal:
    proposal = concurrency.locked(proposal, "author", "organisation")
    require(actor, "governance.handle_proposal", proposal, message=_("Only the information manager of the author's organisation can handle this proposal."))
    if proposal.status != Proposal.Status.SUBMITTED:
        raise ValidationError(
            _("The proposal is %(status)s; only submitted proposals can be forwarded or returned.")
            % {"status": proposal.get_status_display().lower()}
        )
    return proposal


@transaction.atomic
def proposal_forward(*, proposal: Proposal, comment: str, actor: User) -> Proposal:
    """The information manager forwards the proposal to the steering group (next year's plan)."""
    proposal = _handle(proposal, actor)
    Proposal.WORKFLOW.move(proposal, Proposal.Status.FORWARDED)
    proposal.handler_comment = comment.strip()
    proposal.return_reason = ""
    proposal.handled_by = actor
    proposal.handled_at = timezone.now()
    proposal.version += 1
    audited_save(proposal, actor=actor, reason="proposal forwarded")
    notification_send(
        kind=kinds.PROPOSAL,
        recipient=proposal.author,
        subject=Text(gettext_lazy("Your proposal was forwarded to the steering group: %(title)s"), title=proposal.title),
        body=proposal.handler_comment,
        url=proposal.get_absolute_url(),
        target=proposal,
        occasion=f"forwarded-{proposal.version}",
    )
    return proposal


@transaction.atomic
def proposal_return(*, proposal: Proposal, reason: str, actor: User) -> Proposal:
    """The information manager returns the proposal to its author, with the reason."""
    proposal = _handle(proposal, actor)
    if not reason.strip():
        raise ValidationError(_("Give a reason for returning the proposal."))
    Proposal.WORKFLOW.move(proposal, Proposal.Status.RETURNED)
    proposal.return_reason = reason.strip()
    proposal.handled_by = actor
    proposal.handled_at = timezone.now()
    proposal.version += 1
    audited_save(proposal, actor=actor, reason="proposal returned")
    notification_send(
        kind=kinds.PROPOSAL,
        recipient=proposal.author,
        subject=Text(gettext_lazy("Your proposal was returned: %(title)s"), title=proposal.title),
        body=proposal.return_reason,
        url=proposal.get_absolute_url(),
        target=proposal,
        occasion=f"returned-{proposal.version}",
    )
    return proposal
