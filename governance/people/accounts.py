"""The account pages around Django's own: the log-in page (the agency account first, when it is
configured), the logout (which ends the provider's session too), and the password reset, whose
mails are limited per address and per account.

The reset's limits count in Django's cache framework (Redis in production, shared by every web
process): PASSWORD_RESET_PER_ADDRESS_PER_HOUR requests from one address (the client's, behind the
proxy: governance/clientip.py) — past it the page says to wait — and
PASSWORD_RESET_PER_ACCOUNT_PER_HOUR for one e-mail address — past it no mail goes, and the page is
the usual "sent", so the limit tells nobody whether the account exists. While the cache does not
answer, mails go (an outage must not stop a reset); that is logged."""
from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.http import HttpResponseRedirect
from django.shortcuts import render

from governance.clientip import client_ip
from governance.people import oidc

log = logging.getLogger("samordna.security")

HOUR = 3600


class PortalLoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = oidc.enabled()
        return context


class PortalLogoutView(auth_views.LogoutView):
    """POST only, as Django's. A session signed in with the agency account is then sent to the
    provider's end-session endpoint, which comes back to the log-in page."""

    def post(self, request, *args, **kwargs):
        at_provider = oidc.provider_logout_url(request)
        response = super().post(request, *args, **kwargs)
        if at_provider:
            return HttpResponseRedirect(at_provider)
        return response


def within_limit(key: str, limit: int, window: int = HOUR) -> bool:
    """Count one more under `key` (a fixed window of `window` seconds); False once past `limit`."""
    try:
        cache.add(key, 0, timeout=window)
        count = cache.incr(key)
    except Exception as exc:  # noqa: BLE001 - the cache down: the request goes through
        log.warning("rate limit not counted key=%s: %s", key.split(":")[1], exc)
        return True
    if count is None:  # django-redis with IGNORE_EXCEPTIONS, Redis not answering
        return True
    return count <= limit


class PortalPasswordResetView(auth_views.PasswordResetView):
    def form_valid(self, form):
        address = client_ip(self.request)
        if not within_limit(f"pwreset:address:{address}", settings.PASSWORD_RESET_PER_ADDRESS_PER_HOUR):
            log.warning("password reset refused (address limit) address=%s", address)
            return render(self.request, "registration/password_reset_limited.html", status=429)
        email = form.cleaned_data["email"].strip().lower()
        digest = hashlib.sha256(email.encode()).hexdigest()
        if not within_limit(f"pwreset:account:{digest}", settings.PASSWORD_RESET_PER_ACCOUNT_PER_HOUR):
            log.warning("password reset mail withheld (account limit) account=%s address=%s", digest[:12], address)
            return HttpResponseRedirect(self.get_success_url())
        log.info("password reset requested account=%s address=%s", digest[:12], address)
        return super().form_valid(form)
