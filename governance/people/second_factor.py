"""The second factor of local staff accounts (django-otp): a code from an authenticator app (TOTP)
or one of the recovery codes (django-otp's static tokens, each good once).

- `second_factor` (/konto/tvastegsverifiering/): the code after the password; a wrong one is
  refused (and django-otp makes each next try wait longer).
- `second_factor_setup` (/konto/tvastegsverifiering/ny/): the first time, the app is set up from a
  QR code (or the key typed in) and a code from it confirms it; then the recovery codes are shown,
  once. An account that has an app already cannot set up another here: an administrator removes the
  old one in the admin site (TOTP devices) when a phone is lost.
SecondFactorMiddleware (governance/people/middleware.py) sends an account that owes its factor here.
"""
from __future__ import annotations

import base64
import logging

import segno
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import user_has_device, verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from governance.clientip import client_ip

log = logging.getLogger("samordna.security")


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"), max_length=20, strip=True,
        help_text=gettext_lazy("Six digits from your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).lower()


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _owes_a_factor(request) -> bool:
    """The pages are for local accounts with staff or superuser rights (whether or not the rule is
    on); anybody else is sent on."""
    from governance.people.oidc import signed_in_with_agency_account

    user = request.user
    return (user.is_staff or user.is_superuser) and not signed_in_with_agency_account(request)


def _match(user, code: str):
    """The device that accepts `code`: digits are asked of the app, anything else of the recovery
    codes (so a recovery code does not count as a failed app code, nor the other way round)."""
    model = TOTPDevice if code.isdigit() else StaticDevice
    with transaction.atomic():
        for device in model.objects.devices_for_user(user, confirmed=True):
            found = verify_token(user, device.persistent_id, code)
            if found is not None:
                return found
    return None


@never_cache
@login_required
def second_factor(request):
    user = request.user
    if user.is_verified() or not _owes_a_factor(request):
        return redirect(_next(request))
    if not user_has_device(user):
        return redirect(reverse("second_factor_setup") + "?" + urlencode({"next": _next(request)}))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = _match(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            log.info("second factor user=%s device=%s address=%s", user.get_username(),
                     type(device).__name__, client_ip(request))
            return redirect(_next(request))
        log.warning("second factor failed user=%s address=%s", user.get_username(), client_ip(request))
        form.add_error("code", _("The code is not right, or it has been used already. Try again."))
    return render(request, "registration/second_factor.html", {"form": form, "next": _next(request)})


def _recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@never_cache
@login_required
def second_factor_setup(request):
    user = request.user
    if not _owes_a_factor(request):
        return redirect(_next(request))
    if user_has_device(user):
        return redirect(reverse("second_factor") + "?" + urlencode({"next": _next(request)}))
    device = (TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
              or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if code.isdigit() and device.verify_token(code):
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = _recovery_codes(user)
            otp_login(request, device)
            log.info("second factor set up user=%s address=%s", user.get_username(), client_ip(request))
            return render(request, "registration/second_factor_codes.html", {"codes": codes, "next": _next(request)})
        form.add_error("code", _("The code is not right. Check the time on your phone and try again."))
    secret = base64.b32encode(device.bin_key).decode()
    return render(request, "registration/second_factor_setup.html", {
        "form": form,
        "next": _next(request),
        "qr": segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2),
        "secret": " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)),
    })


@never_cache
@require_POST
@login_required
def second_factor_codes(request):
    """New recovery codes (the old ones stop working), for an account that has given its factor."""
    if not user_has_device(request.user) or not request.user.is_verified():
        return redirect("second_factor")
    codes = _recovery_codes(request.user)
    log.info("recovery codes renewed user=%s address=%s", request.user.get_username(), client_ip(request))
    return render(request, "registration/second_factor_codes.html", {"codes": codes, "next": _next(request)})
