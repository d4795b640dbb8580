"""What every operating-plan view shares: errors back onto the form or as a message, the plain form page, the plan of a year."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..models import (
    Plan,
)


def add_error(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it names when the form has it,
    otherwise at the top."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def is_conflict(exc: ValidationError) -> bool:
    return any(getattr(e, "code", None) == "conflict" for e in exc.error_list) if not hasattr(
        exc, "error_dict") else False


def error_message(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def form_page(request, *, title, form, back, intro="", submit=None, current=None, heading=None, editable=True):
    back = back if "/" in back else reverse(back)
    return render(request, "annualplan/form.html", {
        "title": title, "heading": heading or title, "form": form, "back": back, "intro": intro,
        "submit": submit or _("Save"), "current": current, "editable": editable,
    })


def _plan(year: int) -> Plan:
    return get_object_or_404(Plan, year=year)


