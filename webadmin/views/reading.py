"""Read receipts: the settings of a policy "to be read", the button "Read and understood", and the
owner's follow-up with its reminder."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from governance.authority import require
from governance.web import act, submit

from .. import selectors, services
from ..forms import PolicyReadingForm, ReadConfirmForm
from ..models import Policy


@login_required
def policy_reading_edit(request, pk: int):
    policy = get_object_or_404(Policy.objects.select_related("owner"), pk=pk)
    require(request.user, "webadmin.set_policy_reading", policy,
            message=_("Only the steering group and the web development lead decide which policies are to be read."))
    form = PolicyReadingForm(request.POST or None, initial={
        "to_be_read": policy.to_be_read, "audience": policy.audience, "owner": policy.owner_id,
        "version": policy.version})
    return submit(
        request, form,
        lambda d: services.policy_reading_set(policy=policy, to_be_read=d["to_be_read"], audience=d["audience"],
                                              owner=d["owner"], version=d["version"], actor=request.user),
        success=lambda p: _("The policy is to be read; the people it concerns are asked to confirm it.")
        if p.to_be_read else _("The policy is no longer to be read."),
        then=policy, saved=lambda: Policy.objects.get(pk=policy.pk),
        fields=["to_be_read", "audience", "owner"],
    ) or render(request, "webadmin/policy_reading_form.html", {"form": form, "policy": policy})


@login_required
@require_POST
def policy_read_confirm(request, pk: int):
    policy = get_object_or_404(Policy, pk=pk)
    require(request.user, "webadmin.confirm_reading", policy,
            message=_("This policy or guideline does not ask you to confirm that you have read it."))
    form = ReadConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The page did not say which version you read: open it again and confirm."))
        return redirect(policy)
    return act(
        request,
        lambda: services.policy_read_confirm(policy=policy, number=form.cleaned_data["number"], actor=request.user),
        success=lambda result: _("Thank you: you have confirmed that you have read and understood version %(n)d.")
        % {"n": result[0].policy_version.number},
        then=policy,
    )


@login_required
def policy_reading(request, pk: int):
    policy = get_object_or_404(Policy.objects.select_related("owner"), pk=pk)
    require(request.user, "webadmin.follow_reading", policy,
            message=_("Only the policy's owner follows up who has read it."))
    return render(request, "webadmin/policy_reading.html", {
        "policy": policy, "follow_up": selectors.reading_follow_up(policy),
    })


@login_required
@require_POST
def policy_reading_remind(request, pk: int):
    policy = get_object_or_404(Policy, pk=pk)
    require(request.user, "webadmin.follow_reading", policy,
            message=_("Only the policy's owner follows up who has read it."))
    return act(
        request, lambda: services.policy_reading_remind(policy=policy, actor=request.user),
        success=lambda sent: ngettext("%(n)d reminder sent.", "%(n)d reminders sent.", sent) % {"n": sent}
        if sent else _("No reminder was sent: everyone who has not confirmed has been reminded today already."),
        then=reverse("webadmin:policy_reading", kwargs={"pk": policy.pk}),
    )
