"""What every operating-plan view shares: errors back onto the form or as a message, the plain form page, the plan of a year."""
from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from governance.web import error_messages, is_conflict, show_errors  # noqa: F401 (the views' one way)

from ..models import (
    Plan,
)


def form_page(request, *, title, form, back, intro="", submit=None, current=None, heading=None, editable=True):
    back = back if "/" in back else reverse(back)
    return render(request, "annualplan/form.html", {
        "title": title, "heading": heading or title, "form": form, "back": back, "intro": intro,
        "submit": submit or _("Save"), "current": current, "editable": editable,
    })


def _plan(year: int) -> Plan:
    return get_object_or_404(Plan, year=year)


