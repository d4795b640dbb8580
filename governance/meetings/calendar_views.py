"""The personal calendar feed's pages: the secret address, a new one, turning it off, and the feed."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from governance.meetings import calendar, selectors
from governance.meetings.calendar import build_feed
from governance.web import confirm


# --- The personal calendar feed -------------------------------------------------------------------
@login_required
def calendar_settings(request):
    token = request.user.calendar_token
    feed_url = request.build_absolute_uri(reverse("governance:calendar_feed", kwargs={"token": token})) if token else ""
    return render(request, "governance/meetings/calendar_settings.html", {"feed_url": feed_url})


@login_required
@require_POST
def calendar_regenerate(request):
    # A first address replaces nothing; a new one ends the old, so that asks first.
    done = request.user.calendar_token and confirm(
        request, action=_("Make a new address"), back=reverse("governance:calendar_settings"),
        consequences=[_("The old address stops working: calendars subscribed to it no longer update "
                        "until you give them the new one.")])
    if done:
        return done
    calendar.calendar_token_regenerate(user=request.user)
    messages.success(request, _("Your calendar has a new address. The old address no longer works."))
    return redirect("governance:calendar_settings")


@login_required
@require_POST
def calendar_revoke(request):
    done = confirm(request, action=_("Turn the address off"), back=reverse("governance:calendar_settings"),
                   consequences=[_("Your calendar address stops working: calendars subscribed to it no longer "
                                   "update.")])
    if done:
        return done
    calendar.calendar_token_revoke(user=request.user)
    messages.success(request, _("Your calendar address was turned off."))
    return redirect("governance:calendar_settings")


@never_cache
@require_GET
def calendar_feed(request, token: str):
    """The secret feed address is the credential (calendar programs cannot log in)."""
    user = selectors.calendar_user(token)
    if user is None:
        raise Http404
    body = build_feed(name=_("Samordna meetings"), meetings=selectors.calendar_meetings(user))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="samordna.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
