"""Linking the minutes' actions to a plan activity (the activity page shows them)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.authority import require
from governance.web import act, error_messages

from .. import services
from ..forms import ActionLinkForm
from ..models import Activity, ActivityAction


def _linker(request, activity: Activity) -> None:
    require(request.user, "annualplan.link_action", activity,
            message=_("Only the activity's responsible person and the steering group link actions to it."))


@login_required
@require_POST
def activity_action_link(request, pk: int):
    activity = get_object_or_404(Activity.objects.select_related("plan"), pk=pk)
    _linker(request, activity)
    form = ActionLinkForm(request.POST, actions=services.linkable_actions(request.user, activity))
    if not form.is_valid():  # a button-sized form: its refusal is a message on the activity's page
        error_messages(request, ValidationError(form.errors.as_data()))
        return redirect(activity)
    return act(request, lambda: services.activity_link_action(
        activity=activity, action_item=form.cleaned_data["action_item"], actor=request.user),
        success=_("The action was linked to the activity."), then=activity)


@login_required
@require_POST
def activity_action_unlink(request, pk: int, link: int):
    activity = get_object_or_404(Activity, pk=pk)
    _linker(request, activity)
    found = get_object_or_404(ActivityAction.objects.select_related("activity"), pk=link, activity=activity)
    return act(request, lambda: services.activity_unlink_action(link=found, actor=request.user),
               success=_("The action is no longer linked to the activity."), then=activity)
