"""The accessibility statement: open to everyone, signed in or not, in Swedish and English."""
from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from governance.web import submit

from .. import services
from ..forms import AccessibilityFeedbackForm
from ..models import AccessibilityProblem, AccessibilityStatement

# Digg's form for reporting a lack of accessibility in digital public services (the DOS law).
DIGG_REPORT_URL = "https://www.digg.se/tdosanmalan"


def accessibility_statement(request):
    user = request.user if request.user.is_authenticated else None
    form = AccessibilityFeedbackForm(request.POST or None)
    return submit(
        request, form,
        lambda d: services.feedback_submit(
            **d, sender=user, address=f"user:{user.pk}" if user else request.META.get("REMOTE_ADDR", "")),
        success=_("Thank you. Your message was sent to the portal's administrators."),
        then=reverse("webadmin:accessibility") + "#feedback-heading",
    ) or render(request, "webadmin/accessibility.html", {
        "statement": AccessibilityStatement.objects.first(),
        "problems": list(AccessibilityProblem.objects.filter(fixed_on__isnull=True)),
        "form": form,
        "digg_url": DIGG_REPORT_URL,
    })
