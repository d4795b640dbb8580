"""What every operating-plan view shares: the plain form page, the plan of a year, and the traffic
lights' badges and filter. A form's outcome goes through governance.web (submit, act), whose
conflict screen form.html includes."""
from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..models import (
    Light,
    Plan,
)


def light_badges() -> dict[str, dict[str, str]]:
    """{light: {"code", "label"}} in the active language, for the templates' badges: the word, and
    the shape portal.css gives `.light-<code>` (never colour alone, WCAG 1.4.1)."""
    return {code: {"code": code, "label": str(label)} for code, label in Light.choices}


def light_filter(request) -> dict:
    """The page's filter by light (?light=off_track; anything else is no filter) and what its
    form shows: {"light": the chosen code or None, "light_choices": [(code, label)]}."""
    chosen = request.GET.get("light")
    return {"light": chosen if chosen in Light.values else None, "light_choices": Light.choices}


def form_page(request, *, title, form, back, intro="", submit=None, heading=None, editable=True):
    back = back if "/" in back else reverse(back)
    return render(request, "annualplan/form.html", {
        "title": title, "heading": heading or title, "form": form, "back": back, "intro": intro,
        "submit": submit or _("Save"), "editable": editable,
    })


def _plan(year: int) -> Plan:
    return get_object_or_404(Plan, year=year)
