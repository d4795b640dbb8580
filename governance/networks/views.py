"""Views for the communicators' network, the conference and proposals."""
from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.authority import refuse, require, today
from governance.csvfiles import text_cell
from governance.networks import exports, selectors, services
from governance.networks.forms import (
    DeclineForm,
    ForwardForm,
    JoinRequestForm,
    ProposalForm,
    RegistrationForm,
    ReturnForm,
)
from governance.networks.models import Conference, ConferenceRegistration, JoinRequest, Proposal
from governance.people.models import Organisation
from governance.people.rules import managed_organisations, organisations_for
from governance.web import act, submit


# --- The communicators' network ------------------------------------------------------------------
@login_required
def network(request):
    """The communicators' network (the LST-DL-Informatörer list): open to every logged-in user."""
    user = request.user
    members = list(selectors.network_members())
    is_member = any(m.user_id == user.pk for m in members)
    own_requests = list(selectors.join_requests_of(user)[:5])
    pending = any(r.status == JoinRequest.Status.PENDING for r in own_requests)
    return render(
        request,
        "governance/networks/network.html",
        {
            "body": selectors.communicators_network(),
            "members": members,
            "is_member": is_member,
            "own_requests": own_requests,
            "can_request": not is_member and not pending,
            "join_form": JoinRequestForm(),
            "managed": list(managed_organisations(user)),  # every organisation for admin
            "can_export": user.has_perm("governance.export_mailing_list"),
        },
    )


@login_required
@require_POST
def network_join(request):
    form = JoinRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The message is too long."))
        return redirect("governance:network")
    return act(request, lambda: services.join_request_create(user=request.user, actor=request.user,
                                                             message=form.cleaned_data["message"]),
               success=_("Your request was sent to your information manager."), then="governance:network")


def _organisation_page(request, organisation: Organisation, *, decline_form=None, decline_pk=None, status=200):
    return render(
        request,
        "governance/networks/organisation.html",
        {
            "organisation": organisation,
            "members": selectors.network_members(organisation=organisation),
            "pending": selectors.pending_join_requests(organisations=[organisation]),
            "decline_form": decline_form,
            "decline_pk": decline_pk,
        },
        status=status,
    )


@login_required
def network_organisation(request, code: str):
    """An organisation's members and pending requests: its information manager and admin."""
    organisation = get_object_or_404(Organisation, code=code)
    require(request.user, "governance.manage_organisation", organisation, message=_("Only the organisation's information manager sees its members and requests."))
    return _organisation_page(request, organisation)


@login_required
def network_export(request):
    """The mailing list as CSV (name, e-mail, organisation) for the Servicedesk."""
    require(request.user, "governance.export_mailing_list", message=_("Only information managers can export the mailing list."))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="LST-DL-Informatorer.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 with a BOM
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("Name"), _("E-mail"), _("Organisation")])
    for m in selectors.network_members():
        writer.writerow([text_cell(m.user), text_cell(m.user.email), text_cell(m.organisation.name)])
    return response


@login_required
@require_POST
def join_request_approve(request, pk: int):
    join_request = get_object_or_404(JoinRequest.objects.select_related("organisation"), pk=pk)
    require(request.user, "governance.manage_organisation", join_request.organisation, message=_("Only the organisation's information manager can answer this request."))
    return act(request, lambda: services.join_request_approve(join_request=join_request, actor=request.user),
               success=_("%(person)s is now a member of the network.") % {"person": join_request.user},
               then=reverse("governance:network_organisation", kwargs={"code": join_request.organisation.code}))


@login_required
@require_POST
def join_request_decline(request, pk: int):
    join_request = get_object_or_404(JoinRequest.objects.select_related("organisation", "user"), pk=pk)
    organisation = join_request.organisation
    require(request.user, "governance.manage_organisation", organisation, message=_("Only the organisation's information manager can answer this request."))
    form = DeclineForm(request.POST)
    return submit(
        request, form,
        lambda d: services.join_request_decline(join_request=join_request, reason=d["reason"], actor=request.user),
        success=_("The request from %(person)s was declined.") % {"person": join_request.user},
        then=reverse("governance:network_organisation", kwargs={"code": organisation.code}),
    ) or _organisation_page(request, organisation, decline_form=form, decline_pk=join_request.pk)


# --- Proposals ------------------------------------------------------------------------------------
@login_required
def proposal_list(request):
    user = request.user
    managed = None if user.is_superuser else managed_organisations(user)
    return render(
        request,
        "governance/networks/proposal_list.html",
        {
            "proposals": selectors.proposals_for(user, managed_organisations=managed),
            "can_view_forwarded": user.has_perm("governance.view_forwarded_proposals"),
        },
    )


@login_required
def proposal_forwarded(request):
    require(request.user, "governance.view_forwarded_proposals", message=_("Forwarded proposals are for the steering group."))
    return render(
        request, "governance/networks/proposal_forwarded.html", {"proposals": selectors.forwarded_proposals()}
    )


@login_required
def proposal_create(request):
    form = ProposalForm(request.POST or None)
    return submit(
        request, form,
        lambda d: services.proposal_create(author=request.user, actor=request.user, title=d["title"],
                                           description=d["description"], expected_benefit=d["expected_benefit"]),
        success=_("The proposal was saved as a draft. Submit it when it is ready."), then=lambda proposal: proposal,
    ) or render(request, "governance/networks/proposal_form.html", {"form": form, "proposal": None})


def _proposal(pk: int) -> Proposal:
    return get_object_or_404(Proposal.objects.select_related("author", "organisation", "handled_by"), pk=pk)


def _proposal_page(request, proposal: Proposal, *, forward_form=None, return_form=None):
    handle = request.user.has_perm("governance.handle_proposal", proposal) and proposal.status == Proposal.Status.SUBMITTED
    return render(
        request,
        "governance/networks/proposal_detail.html",
        {
            "proposal": proposal,
            "can_edit": request.user.has_perm("governance.edit_proposal", proposal),
            "can_handle": handle,
            "forward_form": forward_form or ForwardForm(),
            "return_form": return_form or ReturnForm(),
        },
    )


@login_required
def proposal_detail(request, pk: int):
    proposal = _proposal(pk)
    require(request.user, "governance.view_proposal", proposal, message=_("You may not see this proposal."))
    return _proposal_page(request, proposal)


@login_required
def proposal_edit(request, pk: int):
    proposal = _proposal(pk)
    require(request.user, "governance.edit_proposal", proposal, message=_("Only the author can change a draft or returned proposal."))
    form = ProposalForm(request.POST or None, instance=proposal, initial={"version": proposal.version})
    return submit(
        request, form,
        lambda d: services.proposal_update(proposal=proposal, actor=request.user, title=d["title"],
                                           description=d["description"], expected_benefit=d["expected_benefit"],
                                           version=d["version"] or 0),
        success=_("The proposal was saved."), then=proposal, saved=lambda: Proposal.objects.get(pk=proposal.pk),
    ) or render(request, "governance/networks/proposal_form.html", {"form": form, "proposal": proposal})


@login_required
@require_POST
def proposal_submit(request, pk: int):
    proposal = _proposal(pk)
    require(request.user, "governance.edit_proposal", proposal, message=_("Only the author can submit a draft or returned proposal."))
    return act(request, lambda: services.proposal_submit(proposal=proposal, actor=request.user),
               success=_("The proposal was sent to your information manager."), then=proposal)


@login_required
@require_POST
def proposal_forward(request, pk: int):
    proposal = _proposal(pk)
    require(request.user, "governance.handle_proposal", proposal, message=_("Only the information manager of the author's organisation can handle this proposal."))
    form = ForwardForm(request.POST)
    return submit(
        request, form, lambda d: services.proposal_forward(proposal=proposal, comment=d["comment"], actor=request.user),
        success=_("The proposal was forwarded to the steering group."), then=proposal,
    ) or _proposal_page(request, proposal, forward_form=form)


@login_required
@require_POST
def proposal_return(request, pk: int):
    proposal = _proposal(pk)
    require(request.user, "governance.handle_proposal", proposal, message=_("Only the information manager of the author's organisation can handle this proposal."))
    form = ReturnForm(request.POST)
    return submit(
        request, form, lambda d: services.proposal_return(proposal=proposal, reason=d["reason"], actor=request.user),
        success=_("The proposal was returned to its author."), then=proposal,
    ) or _proposal_page(request, proposal, return_form=form)


# --- The conference --------------------------------------------------------------------------------
@login_required
def conference_list(request):
    return render(request, "governance/networks/conference_list.html", {"conferences": selectors.conferences()})


@login_required
def conference_detail(request, pk: int):
    conference = get_object_or_404(Conference, pk=pk)
    return render(
        request,
        "governance/networks/conference_detail.html",
        {
            "conference": conference,
            "counts": selectors.registration_counts(conference),
            "managed": ([] if request.user.is_superuser
                        else list(organisations_for(request.user, "governance.register_conference"))),
            "is_open": conference.registration_open(today()),
        },
    )


@login_required
def conference_participants_export(request, pk: int, fmt: str):
    """The participants of the organisations whose registrations `request.user` sees today (the
    rule of the registrations page: information manager or deputy for the conference; every
    organisation for administrators), by organisation, as CSV or XLSX."""
    conference = get_object_or_404(Conference, pk=pk)
    organisations = list(organisations_for(request.user, "governance.register_conference"))
    if not organisations:
        raise refuse(request.user, "governance.register_conference", conference, message=_(
            "Only the organisation's information manager, or their deputy for the conference, sees and "
            "changes its registrations."))
    registrations = list(selectors.registrations(conference).filter(organisation__in=organisations))
    if fmt == "csv":
        response = HttpResponse(exports.participants_csv(registrations), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(exports.participants_xlsx(registrations, year=conference.year),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="konferens-{conference.year}-deltagare.{fmt}"'
    return response


def _registrations_page(request, conference: Conference, organisation: Organisation, form=None):
    return render(
        request,
        "governance/networks/registrations.html",
        {
            "conference": conference,
            "organisation": organisation,
            "registrations": selectors.registrations(conference, organisation),
            "form": form or RegistrationForm(people=selectors.registrable_people(organisation)),
            "is_open": conference.registration_open(today()),
        },
    )


def _conference_and_organisation(request, pk: int, code: str) -> tuple[Conference, Organisation]:
    conference = get_object_or_404(Conference, pk=pk)
    organisation = get_object_or_404(Organisation, code=code)
    require(request.user, "governance.register_conference", organisation, message=_("Only the organisation's information manager, or their deputy for the conference, sees and "
                                 "changes its registrations."))
    return conference, organisation


@login_required
def conference_registrations(request, pk: int, code: str):
    conference, organisation = _conference_and_organisation(request, pk, code)
    return _registrations_page(request, conference, organisation)


@login_required
@require_POST
def conference_register(request, pk: int, code: str):
    conference, organisation = _conference_and_organisation(request, pk, code)
    form = RegistrationForm(request.POST, people=selectors.registrable_people(organisation))
    return submit(
        request, form,
        lambda d: services.registration_create(conference=conference, organisation=organisation,
                                               participant=d["participant"], actor=request.user),
        success=lambda registration: _("%(person)s is registered.") % {"person": form.cleaned_data["participant"]},
        then=reverse("governance:conference_registrations", kwargs={"pk": conference.pk, "code": organisation.code}),
    ) or _registrations_page(request, conference, organisation, form)


@login_required
@require_POST
def conference_unregister(request, pk: int):
    registration = get_object_or_404(
        ConferenceRegistration.objects.select_related("conference", "organisation", "participant"), pk=pk
    )
    require(request.user, "governance.register_conference", registration.organisation, message=_("Only the organisation's information manager, or their deputy for the conference, sees and "
                                 "changes its registrations."))
    return act(request, lambda: services.registration_delete(registration=registration, actor=request.user),
               success=_("%(person)s is no longer registered.") % {"person": registration.participant},
               then=reverse("governance:conference_registrations",
                            kwargs={"pk": registration.conference_id, "code": registration.organisation.code}))
