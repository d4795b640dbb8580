"""What every operating-plan view shares: the plain form page and the plan of a year. A form's
outcome goes through governance.web (submit, act), whose conflict screen form.html includes."""
from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..models import (
    Plan,
)


def form_page(request, *, title, form, back, intro="", submit=None, heading=None, editable=True):
    back = back if "/" in back else reverse(back)
    return render(request, "annualplan/form.html", {
        "title": title, "heading": heading or title, "form": form, "back": back, "intro": intro,
        "submit": submit or _("Save"), "editable": editable,
    })


def _plan(year: int) -> Plan:
    return get_object_or_404(Plan, year=year)
