"""Deputies: an information manager names, lists and revokes the deputies of their organisation;
everyone sees the mandates they hold."""
from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.authority import require, today
from governance.people import services
from governance.people.forms import DelegationForm
from governance.people.models import Delegation
from governance.people.rules import organisations_for
from governance.web import show_errors


def _granting(user):
    return [] if user.is_superuser else list(organisations_for(user, "governance.delegate_organisation"))


@login_required
def delegation_list(request):
    user, day = request.user, today()
    organisations = _granting(user)
    form = DelegationForm(request.POST or None, organisations=organisations,
                          initial={"start": day, "end": day + dt.timedelta(days=14)})
    if request.method == "POST":
        if not organisations:
            raise PermissionDenied(_("Only an organisation's information manager names its deputies."))
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.delegation_grant(
                    organisation=data["organisation"], deputy=data["deputy"], scope=data["scope"],
                    reason=data["reason"], start=data["start"], end=data["end"], actor=user,
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, errors in exc.error_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    show_errors(form, exc)
            else:
                messages.success(request, _("%(person)s is named deputy.") % {"person": data["deputy"]})
                return redirect("governance:delegation_list")
    base = Delegation.objects.select_related("user", "granted_by", "permission", "content_object", "revoked_by")
    named = list(base.filter(content_object__in=organisations).order_by("-end", "pk")) if organisations else []
    held = list(base.filter(user=user).order_by("-end", "pk"))
    for d in named + held:
        d.active = d.is_active_on(day)
    return render(request, "governance/delegations.html", {
        "form": form, "organisations": organisations, "named": named, "held": held, "today": day,
    })


@login_required
@require_POST
def delegation_revoke(request, pk: int):
    delegation = get_object_or_404(Delegation.objects.select_related("content_object"), pk=pk)
    require(request.user, "governance.delegate_organisation", delegation.content_object, message=_("Only %(org)s's information manager ends its deputies' mandates.")
                               % {"org": delegation.content_object.short_name})
    services.delegation_revoke(delegation=delegation, actor=request.user)
    messages.success(request, _("The mandate has ended."))
    return redirect("governance:delegation_list")
