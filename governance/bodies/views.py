"""The bodies and who sits in them."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from governance.authority import today
from governance.bodies.forms import MembersOnDateForm
from governance.bodies.models import Body
from governance.bodies.selectors import bodies_with_member_counts, members_of


@login_required
def body_list(request):
    return render(request, "governance/bodies/body_list.html", {"bodies": bodies_with_member_counts()})


@login_required
def body_detail(request, pk: int):
    body = get_object_or_404(Body, pk=pk)
    form = MembersOnDateForm(request.GET or None)
    day = form.cleaned_data["on"] if form.is_valid() and form.cleaned_data.get("on") else today()
    return render(
        request,
        "governance/bodies/body_detail.html",
        {
            "body": body,
            "form": form,
            "day": day,
            "members": members_of(body, on=day),
            "is_member": request.user.has_perm("governance.view_body", body),
        },
    )
