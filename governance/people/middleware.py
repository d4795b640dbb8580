"""How long and how far a sign-in holds.

- AbsoluteSessionLifetimeMiddleware: a session ends SESSION_ABSOLUTE_SECONDS after its log-in, however
  busy it is (the idle timeout, SESSION_COOKIE_AGE renewed at every request, alone would let a session
  live for ever). The log-in time is put in the session by the user_logged_in signal (governance/signals.py).
- SecondFactorMiddleware: with SECOND_FACTOR_REQUIRED (production), a local account with staff or
  superuser rights reaches nothing but the second-factor pages (and the logout) until it has given a
  code from its authenticator app or a recovery code (django-otp's OTPMiddleware, before this one,
  tells whether it has). Sessions signed in with the agency account use the provider's factors.
"""
from __future__ import annotations

import time

from django.conf import settings
from django.contrib import auth, messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

LOGIN_AT = "portal_login_at"


def mark_login(request):
    request.session[LOGIN_AT] = int(time.time())


def _login_redirect(request):
    url = reverse("login")
    if request.method == "GET":
        url += "?" + urlencode({"next": request.get_full_path()})
    return redirect(url)


class AbsoluteSessionLifetimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.get(LOGIN_AT)
            now = int(time.time())
            if started is None:  # a session from before the limit: it counts from now
                request.session[LOGIN_AT] = now
            elif now - started > settings.SESSION_ABSOLUTE_SECONDS:
                auth.logout(request)
                hours = settings.SESSION_ABSOLUTE_SECONDS // 3600
                messages.info(request, _("You have been signed in for %(hours)s hours. Sign in again.") % {"hours": hours})
                return _login_redirect(request)
        return self.get_response(request)


def needs_second_factor(request) -> bool:
    """A local session with staff or superuser rights that has not given its second factor."""
    from governance.people.oidc import signed_in_with_agency_account

    user = request.user
    return (
        settings.SECOND_FACTOR_REQUIRED
        and user.is_authenticated
        and (user.is_staff or user.is_superuser)
        and not signed_in_with_agency_account(request)
        and not user.is_verified()
    )


class SecondFactorMiddleware:
    # What an account that still owes its second factor may reach (URL names).
    OPEN = ("second_factor", "second_factor_setup", "second_factor_codes", "logout", "set_language",
            "healthz", "healthz_live", "healthz_ready")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if needs_second_factor(request):
            open_paths = {reverse(name) for name in self.OPEN}
            if request.path not in open_paths and not request.path.startswith(settings.STATIC_URL):
                url = reverse("second_factor")
                if request.method == "GET":
                    url += "?" + urlencode({"next": request.get_full_path()})
                return redirect(url)
        return self.get_response(request)
