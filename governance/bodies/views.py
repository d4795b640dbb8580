"""The bodies and who sits in them."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from governance.authority import require, today
from governance.bodies import exports, services
from governance.bodies.forms import MembersOnDateForm, RemindersForm
from governance.bodies.models import Body
from governance.bodies.selectors import bodies_with_member_counts, members_of
from governance.web import submit


@login_required
def body_list(request):
    return render(request, "governance/bodies/body_list.html", {"bodies": bodies_with_member_counts()})


def _members_day(request):
    """The day the members are shown for (`?on=`, default today in Europe/Stockholm) and its form."""
    form = MembersOnDateForm(request.GET or None, initial={"on": today()})
    day = form.cleaned_data["on"] if form.is_valid() and form.cleaned_data.get("on") else today()
    return form, day


@login_required
def body_detail(request, pk: int):
    body = get_object_or_404(Body, pk=pk)
    form, day = _members_day(request)
    return render(
        request,
        "governance/bodies/body_detail.html",
        {
            "body": body,
            "form": form,
            "day": day,
            "members": members_of(body, on=day),
            "is_member": request.user.has_perm("governance.view_body", body),
            "can_set_reminders": request.user.has_perm("governance.set_body_reminders", body),
        },
    )


@login_required
def body_reminders_edit(request, pk: int):
    body = get_object_or_404(Body, pk=pk)
    require(request.user, "governance.set_body_reminders", body,
            message=_("Only the chair of %(body)s sets its meeting reminders.") % {"body": body})
    offsets = body.reminder_offsets
    form = RemindersForm(request.POST or None, initial={"send": bool(offsets), "days": ", ".join(map(str, offsets))})
    return submit(
        request, form,
        lambda d: services.body_set_reminders(body=body, actor=request.user, send=d["send"], offsets=d["offsets"]),
        success=_("The meeting reminders were saved."), then=body,
    ) or render(request, "governance/bodies/reminders_edit.html", {"body": body, "form": form})


@login_required
def body_members_export(request, pk: int, fmt: str):
    """The members on a day (`?on=`), as the body's page shows them: CSV or XLSX."""
    body = get_object_or_404(Body, pk=pk)
    form, day = _members_day(request)
    if form.is_bound and not form.is_valid():
        messages.error(request, _("Give the day as YYYY-MM-DD."))
        return redirect(body)
    members = list(members_of(body, on=day))
    if fmt == "csv":
        response = HttpResponse(exports.members_csv(members), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(exports.members_xlsx(members, day=day),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="ledamoter-{body.pk}-{day.isoformat()}.{fmt}"'
    return response
