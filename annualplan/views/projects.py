"""Development projects: proposals, funding applications and the directors' decisions, participants and milestones."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.authority import require
from governance.money import format_kronor
from governance.web import act, submit

from .. import selectors, services
from ..forms import (
    FundingApplicationForm,
    FundingDecisionForm,
    MilestoneForm,
    ParticipantForm,
    ProjectForm,
    ProjectProposeForm,
)
from ..models import (
    DevelopmentProject,
    FundingApplication,
    Milestone,
)
from .common import form_page


# --- Development projects --------------------------------------------------------------------------
@login_required
def project_list(request):
    return render(request, "annualplan/project_list.html", {
        "projects": selectors.project_list(), "can_propose": request.user.has_perm("annualplan.propose_project"),
    })


@login_required
def project_create(request):
    require(request.user, "annualplan.propose_project", message=_("Only people in the network can propose a development project."))
    form = ProjectProposeForm(request.POST or None)
    return submit(request, form, lambda d: services.project_propose(actor=request.user, **d),
                  success=_("Your proposal is registered."), then=lambda project: project) or form_page(
        request, title=_("Propose a development project"), form=form, back="annualplan:project_list")


def _project(pk: int) -> DevelopmentProject:
    try:
        return selectors.project_detail(pk)
    except DevelopmentProject.DoesNotExist:
        return get_object_or_404(DevelopmentProject, pk=pk)


@login_required
def project_detail(request, pk: int):
    project = _project(pk)
    user = request.user
    return render(request, "annualplan/project_detail.html", {
        "project": project,
        "can_edit": user.has_perm("annualplan.edit_project", project),
        "can_manage": user.has_perm("annualplan.manage_project", project),
        "can_decide": user.has_perm("annualplan.decide_funding", project),
    })


@login_required
def project_edit(request, pk: int):
    project = get_object_or_404(DevelopmentProject, pk=pk)
    require(request.user, "annualplan.edit_project", project, message=_("You cannot edit this development project."))
    manage = request.user.has_perm("annualplan.manage_project", project)
    form = ProjectForm(request.POST or None, instance=project, manage=manage)
    return submit(
        request, form,
        lambda d: services.project_update(project=project, actor=request.user, expected_version=d.get("version"),
                                          **{k: v for k, v in d.items() if k != "version"}),
        success=_("The project was saved."), then=project, saved=lambda: DevelopmentProject.objects.get(pk=pk),
    ) or form_page(request, title=_("Edit %(project)s") % {"project": project}, form=form,
                   back=project.get_absolute_url())


@login_required
def funding_apply(request, pk: int):
    project = get_object_or_404(DevelopmentProject, pk=pk)
    require(request.user, "annualplan.manage_project", project, message=_("Only the steering group applies for development funds."))
    form = FundingApplicationForm(request.POST or None)
    return submit(request, form, lambda d: services.funding_apply(project=project, actor=request.user, **d),
                  success=_("The application was sent to the county directors' group."), then=project) or form_page(
        request, title=_("Apply for development funds: %(project)s") % {"project": project},
        form=form, back=project.get_absolute_url(), submit=_("Apply"))


@login_required
def funding_decide(request, pk: int):
    application = get_object_or_404(FundingApplication.objects.select_related("project"), pk=pk)
    project = application.project
    require(request.user, "annualplan.decide_funding", project, message=_("Only the county directors' group decides on development funds."))
    form = FundingDecisionForm(request.POST or None)
    intro = _("%(project)s: %(amount)s applied for. %(motivation)s") % {
        "project": project, "amount": format_kronor(application.amount), "motivation": application.motivation}
    return submit(
        request, form,
        lambda d: services.funding_decide(application=application, actor=request.user, decision=d["decision"],
                                          granted_amount=d.get("granted_amount"), comment=d.get("comment", "")),
        success=_("The decision is recorded."), then=project,
    ) or form_page(request, title=_("Decide on development funds"), form=form, back=project.get_absolute_url(),
                   intro=intro, submit=_("Record the decision"),
                   editable=application.decision == FundingApplication.Decision.PENDING)


@login_required
def participant_add(request, pk: int):
    project = get_object_or_404(DevelopmentProject, pk=pk)
    require(request.user, "annualplan.manage_project", project, message=_("Only the steering group manages the project's participants."))
    form = ParticipantForm(request.POST or None)
    return submit(request, form, lambda d: services.participant_add(project=project, actor=request.user, **d),
                  success=_("The participant was added."), then=project) or form_page(
        request, title=_("Add a participant to %(project)s") % {"project": project}, form=form,
        back=project.get_absolute_url())


@login_required
def milestone_add(request, pk: int):
    project = get_object_or_404(DevelopmentProject, pk=pk)
    require(request.user, "annualplan.manage_project", project, message=_("Only the steering group manages the project's milestones."))
    form = MilestoneForm(request.POST or None)
    return submit(request, form, lambda d: services.milestone_add(project=project, actor=request.user, **d),
                  success=_("The milestone was added."), then=project) or form_page(
        request, title=_("Add a milestone to %(project)s") % {"project": project}, form=form,
        back=project.get_absolute_url())


@login_required
@require_POST
def milestone_done(request, pk: int):
    milestone = get_object_or_404(Milestone.objects.select_related("project"), pk=pk)
    require(request.user, "annualplan.manage_project", milestone.project, message=_("Only the steering group manages the project's milestones."))
    return act(request, lambda: services.milestone_done(milestone=milestone, actor=request.user),
               success=_("The milestone is marked done."), then=milestone.project)


