"""Deputies: an information manager names, lists and revokes the deputies of their organisation;
everyone sees the mandates they hold."""
from __future__ import annotations

import datetime as dt
import logging

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.authority import require, today
from governance.people import services
from governance.people.extract import extract_json
from governance.people.forms import DelegationForm
from governance.people.models import Delegation, User
from governance.people.rules import organisations_for
from governance.web import act, submit

security_log = logging.getLogger("samordna.security")


def _granting(user):
    return [] if user.is_superuser else list(organisations_for(user, "governance.delegate_organisation"))


@login_required
def delegation_list(request):
    user, day = request.user, today()
    organisations = _granting(user)
    form = DelegationForm(request.POST or None, organisations=organisations,
                          initial={"start": day, "end": day + dt.timedelta(days=14)})
    if request.method == "POST" and not organisations:
        raise PermissionDenied(_("Only an organisation's information manager names its deputies."))
    return submit(
        request, form,
        lambda d: services.delegation_grant(organisation=d["organisation"], deputy=d["deputy"], scope=d["scope"],
                                            reason=d["reason"], start=d["start"], end=d["end"], actor=user),
        success=lambda d: _("%(person)s is named deputy.") % {"person": d.user}, then="governance:delegation_list",
    ) or _delegation_page(request, form, organisations, day)


def _delegation_page(request, form, organisations, day):
    user = request.user
    base = Delegation.objects.select_related("user", "granted_by", "permission", "content_object", "revoked_by")
    named = list(base.filter(content_object__in=organisations).order_by("-end", "pk")) if organisations else []
    held = list(base.filter(user=user).order_by("-end", "pk"))
    for d in named + held:
        d.active = d.is_active_on(day)
    return render(request, "governance/people/delegations.html", {
        "form": form, "organisations": organisations, "named": named, "held": held, "today": day,
    })


@login_required
@require_POST
def delegation_revoke(request, pk: int):
    delegation = get_object_or_404(Delegation.objects.select_related("content_object"), pk=pk)
    require(request.user, "governance.delegate_organisation", delegation.content_object, message=_("Only %(org)s's information manager ends its deputies' mandates.")
                               % {"org": delegation.content_object.short_name})
    return act(request, lambda: services.delegation_revoke(delegation=delegation, actor=request.user),
               success=_("The mandate has ended."), then="governance:delegation_list")


# --- The register extract (GDPR article 15) ---------------------------------------------------------
@login_required
def register_extract(request, pk: int | None = None):
    """Everything the portal holds about the signed-in person (or, for an administrator, about the
    person `pk`), as a JSON download. Each extract is logged."""
    person = request.user
    if pk is not None and pk != request.user.pk:
        require(request.user, "governance.extract_person", None,
                message=_("Only an administrator makes a register extract for someone else."))
        person = get_object_or_404(User, pk=pk)
    security_log.info("register extract of user=%s by user=%s", person.username, request.user.username)
    response = HttpResponse(extract_json(person), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="registerutdrag-{person.username}.json"'
    return response
