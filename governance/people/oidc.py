"""Signing in with the agency account: OpenID Connect through mozilla-django-oidc.

The authorization code flow with PKCE (S256) and a nonce, the state kept in the session. Everything
comes from the environment (config/settings/base.py, README "Configuration"): the issuer, whose
discovery document (`/.well-known/openid-configuration`, cached an hour) names the endpoints, the
client id and secret, the scopes and the claims' names. Off when OIDC_ISSUER is not set: the backend
and the middleware below then do nothing, and the login page shows only the local form.

- `PortalOIDCBackend` verifies the ID token itself — signature by the provider's key (JWKS), `iss`
  the discovery document's issuer, `aud` (and `azp`) this client, `exp`/`iat` with a minute's leeway,
  the nonce of this sign-in — which mozilla-django-oidc leaves to the project, checks that userinfo
  speaks of the same `sub`, and hands the claims to governance.people.provisioning.
- `CallbackView` turns every refusal into a clear page (organisation not mapped, account deactivated,
  an answer that does not verify, the provider not answering), logged with the reason and address.
- `SessionRefresh` (mozilla-django-oidc's) sends a signed-in person's next page through the provider
  with prompt=none once OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS have passed: a disabled account at the
  provider comes back as an error and the portal session ends.
- `provider_logout_url` is where the portal's logout sends an agency session: the provider's
  end_session_endpoint (RP-initiated logout), when it has one.
"""
from __future__ import annotations

import hashlib
import logging
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.deprecation import MiddlewareMixin
from django.utils.encoding import smart_str
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from mozilla_django_oidc import middleware as oidc_middleware
from mozilla_django_oidc import views as oidc_views
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from governance.clientip import client_ip
from governance.people.provisioning import Refused, person_from_claims

log = logging.getLogger("samordna.security")

BACKEND_PATH = "governance.people.oidc.PortalOIDCBackend"


def enabled() -> bool:
    return bool(settings.OIDC_ISSUER and settings.OIDC_RP_CLIENT_ID)


def signed_in_with_agency_account(request) -> bool:
    return request.session.get(BACKEND_SESSION_KEY) == BACKEND_PATH


class ProviderUnavailable(Exception):
    """The provider does not answer, or its discovery document is not the issuer's."""


def provider_configuration() -> dict:
    """The issuer's discovery document, cached for an hour. ProviderUnavailable when it cannot be
    had, names another issuer, or lacks an endpoint the portal needs."""
    issuer = settings.OIDC_ISSUER
    key = "oidc:discovery:" + hashlib.sha256(issuer.encode()).hexdigest()
    document = cache.get(key)
    if document is not None:
        return document
    url = f"{issuer}/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise ProviderUnavailable(f"{url}: {exc}") from exc
    if not isinstance(document, dict) or str(document.get("issuer", "")).rstrip("/") != issuer:
        raise ProviderUnavailable(f"{url} names another issuer: {document.get('issuer')!r}")
    missing = [k for k in ("authorization_endpoint", "token_endpoint", "jwks_uri", "userinfo_endpoint")
               if not document.get(k)]
    if missing:
        raise ProviderUnavailable(f"{url} lacks {', '.join(missing)}")
    cache.set(key, document, 3600)
    return document


def not_a_password_attempt(request, credentials) -> bool:
    """django-axes' whitelist (AXES_WHITELIST_CALLABLE): a sign-in with the agency account is no
    password attempt, so it neither counts towards nor is stopped by the local form's lock-out."""
    return bool(credentials) and ("code_verifier" in credentials or "nonce" in credentials)


def _refuse(request, code: str, detail: str = ""):
    request.oidc_refusal = Refused(code, detail)
    log.warning("oidc sign-in refused reason=%s address=%s %s", code, client_ip(request), detail)


# --- The backend -------------------------------------------------------------------------------
class PortalOIDCBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend with the checks of the ID token it leaves to the project, the
    endpoints from discovery, and the portal's provisioning. It answers only the callback's
    authenticate(request, nonce=, code_verifier=), never a user name and password."""

    def __init__(self, *args, **kwargs):
        # Built for every log-in, the local form's too: no settings checks or network here.
        self.UserModel = get_user_model()

    # Read when used, so a test's settings and a provider's changed keys are seen.
    @property
    def OIDC_RP_CLIENT_ID(self):
        return settings.OIDC_RP_CLIENT_ID

    @property
    def OIDC_RP_CLIENT_SECRET(self):
        return settings.OIDC_RP_CLIENT_SECRET

    @property
    def OIDC_RP_SIGN_ALGO(self):
        return settings.OIDC_RP_SIGN_ALGO

    OIDC_RP_IDP_SIGN_KEY = None

    @property
    def OIDC_OP_TOKEN_ENDPOINT(self):
        return provider_configuration()["token_endpoint"]

    @property
    def OIDC_OP_USER_ENDPOINT(self):
        return provider_configuration()["userinfo_endpoint"]

    @property
    def OIDC_OP_JWKS_ENDPOINT(self):
        return provider_configuration()["jwks_uri"]

    def authenticate(self, request, **kwargs):
        if request is None or not enabled() or "nonce" not in kwargs or {"username", "password"} & set(kwargs):
            return None
        try:
            return super().authenticate(request, **kwargs)
        except Refused as refusal:
            _refuse(request, refusal.code, refusal.detail)
        except ProviderUnavailable as exc:
            _refuse(request, "unavailable", str(exc))
        except requests.HTTPError as exc:  # the token endpoint refused the code (or its PKCE verifier)
            _refuse(request, "invalid", str(exc)[:500])
        except requests.RequestException as exc:
            _refuse(request, "unavailable", str(exc)[:500])
        except SuspiciousOperation as exc:
            _refuse(request, "invalid", str(exc))
        request.session.pop("oidc_id_token", None)
        return None

    def verify_token(self, token, **kwargs):
        """The ID token (or a signed userinfo answer): signed by the provider, for this client, from
        this issuer, in date, and — for the ID token — carrying this sign-in's nonce."""
        if not token:
            raise SuspiciousOperation("no ID token in the token response")
        token = smart_str(token)
        try:
            header = jwt.get_unverified_header(token)
        except jwt.InvalidTokenError as exc:
            raise SuspiciousOperation(f"ID token unreadable: {exc}") from exc
        algorithm = header.get("alg")
        if algorithm != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation(f"ID token algorithm {algorithm!r} is not {self.OIDC_RP_SIGN_ALGO!r}")
        if algorithm.startswith("HS"):
            key = self.OIDC_RP_CLIENT_SECRET
        else:
            try:
                key = self.retrieve_matching_jwk(token)
            except (KeyError, jwt.InvalidKeyError) as exc:
                raise SuspiciousOperation(f"no matching signing key: {exc}") from exc
        try:
            payload = jwt.decode(
                token, key, algorithms=[algorithm], audience=self.OIDC_RP_CLIENT_ID,
                issuer=provider_configuration()["issuer"], leeway=settings.OIDC_LEEWAY_SECONDS,
                # An ID token (asked with this sign-in's nonce) has all of these; a signed userinfo
                # answer need only say who and for whom.
                options={"require": ["iss", "aud", "sub", "exp", "iat"] if "nonce" in kwargs else ["iss", "aud", "sub"]},
            )
        except jwt.InvalidTokenError as exc:
            raise SuspiciousOperation(f"ID token refused: {exc}") from exc
        audiences = payload["aud"] if isinstance(payload["aud"], list) else [payload["aud"]]
        if (len(audiences) > 1 or "azp" in payload) and payload.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise SuspiciousOperation(f"ID token authorised party {payload.get('azp')!r} is not this client")
        if "nonce" in kwargs and kwargs["nonce"] != payload.get("nonce"):
            raise SuspiciousOperation("ID token nonce is not this sign-in's")
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        userinfo = self.get_userinfo(access_token, id_token, payload)
        if str(userinfo.get("sub")) != str(payload["sub"]):
            raise SuspiciousOperation("userinfo speaks of another subject than the ID token")
        return person_from_claims(issuer=payload["iss"], claims={**payload, **userinfo})

    def get_user(self, user_id):
        # A person deactivated in the portal is out at the next request (as with the local form).
        return ModelBackend.get_user(self, user_id)

    # Rights are the rules' and the model backend's (staff only): nothing more from this backend.
    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()

    def get_all_permissions(self, user_obj, obj=None):
        return set()

    def has_perm(self, user_obj, perm, obj=None):
        return False

    def has_module_perms(self, user_obj, app_label):
        return False

    def with_perm(self, perm, is_active=True, include_superusers=True, obj=None):
        return self.UserModel._default_manager.none()


# --- The pages --------------------------------------------------------------------------------
# Why a sign-in was refused, as the person reads it; the status of the page.
REASONS = {
    "organisation_missing": (403, _(
        "Your agency account does not say which organisation you belong to, so the portal cannot "
        "create your account. Ask the portal's administrator for help.")),
    "organisation_unknown": (403, _(
        "Your agency account's organisation is not one the portal knows, so no account was created. "
        "The portal's administrator can connect it to one of the organisations.")),
    "organisation_ambiguous": (403, _(
        "Your agency account names more than one organisation, so the portal cannot tell which is "
        "yours. Ask the portal's administrator for help.")),
    "email_missing": (403, _(
        "Your agency account has no e-mail address, so the portal cannot create your account. Ask "
        "the portal's administrator for help.")),
    "conflict": (403, _(
        "There is already an account in the portal with your e-mail address that cannot be connected "
        "to your agency account automatically. Ask the portal's administrator to connect them.")),
    "deactivated": (403, _(
        "Your account in the portal is deactivated. Ask the portal's administrator if you should "
        "have access.")),
    "invalid": (400, _(
        "The answer from your agency's sign-in service could not be verified, so you were not signed "
        "in. Try again from the log-in page.")),
    "session": (400, _(
        "The sign-in could not be completed: it was started in another window or took too long. "
        "Try again from the log-in page.")),
    "unavailable": (503, _(
        "Your agency's sign-in service does not answer just now. Try again in a while; "
        "administrators with a local account can use the local log-in.")),
}


def refusal_page(request, code: str):
    status, message = REASONS.get(code, REASONS["invalid"])
    return render(request, "registration/oidc_refused.html", {"message": message, "code": code}, status=status)


class AuthenticateView(oidc_views.OIDCAuthenticationRequestView):
    """/konto/oidc/logga-in/: off to the provider's authorization endpoint, with PKCE and a nonce."""

    def __init__(self, **kwargs):
        oidc_views.View.__init__(self, **kwargs)

    def get(self, request):
        if not enabled():  # an old link, with the agency sign-in switched off: the log-in page
            return redirect("login")
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider_configuration()["authorization_endpoint"]
        except ProviderUnavailable as exc:
            _refuse(request, "unavailable", str(exc))
            return refusal_page(request, "unavailable")
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)

    def get_extra_params(self, request):
        return {"ui_locales": get_language() or settings.LANGUAGE_CODE}


class CallbackView(oidc_views.OIDCAuthenticationCallbackView):
    """/konto/oidc/callback/: the provider's answer. A refusal is a page that says why."""

    def get(self, request):
        if not enabled():
            return redirect("login")
        self.was_signed_in = request.user.is_authenticated
        try:
            response = super().get(request)
        except SuspiciousOperation as exc:
            # A state this session did not send: nobody's sign-in, so nobody's session is touched
            # (a link planted on another site must not log anyone out).
            _refuse(request, "invalid", str(exc))
            return self.login_failure()
        if getattr(request, "oidc_refusal", None) is not None and SESSION_KEY in request.session:
            auth.logout(request)  # a refused sign-in (or session check) leaves nobody signed in
        return response

    def login_failure(self):
        request = self.request
        error = request.GET.get("error")
        if error:
            # The provider said no: the person cancelled, or — on a session check (prompt=none) — the
            # provider's session is over or the account is disabled there. The portal session ends.
            log.warning("oidc provider error=%s address=%s", error[:100], client_ip(request))
            if getattr(self, "was_signed_in", False):
                messages.info(request, _("You are not signed in with your agency account any more. Sign in again."))
            else:
                messages.info(request, _("The sign-in with your agency account was not completed."))
            return redirect("login")
        refusal = getattr(request, "oidc_refusal", None)
        if refusal is None:
            user = getattr(self, "user", None)
            if user is not None and not user.is_active:
                _refuse(request, "deactivated", f"user={user.username}")
                refusal = request.oidc_refusal
            else:
                _refuse(request, "session", "no sign-in of this session to answer")
                refusal = request.oidc_refusal
        return refusal_page(request, refusal.code)


class SessionRefresh(oidc_middleware.SessionRefresh):
    """mozilla-django-oidc's session check, for sessions signed in with the agency account only,
    its settings read when used. While the provider does not answer, pages go on."""

    def __init__(self, get_response):
        MiddlewareMixin.__init__(self, get_response)

    OIDC_EXEMPT_URLS = property(lambda self: settings.OIDC_EXEMPT_URLS)
    OIDC_OP_AUTHORIZATION_ENDPOINT = property(lambda self: provider_configuration()["authorization_endpoint"])
    OIDC_RP_CLIENT_ID = property(lambda self: settings.OIDC_RP_CLIENT_ID)
    OIDC_STATE_SIZE = 32
    OIDC_NONCE_SIZE = 32
    OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_authentication_callback"
    OIDC_RP_SCOPES = property(lambda self: settings.OIDC_RP_SCOPES)
    OIDC_USE_NONCE = True

    def is_refreshable_url(self, request):
        return enabled() and signed_in_with_agency_account(request) and super().is_refreshable_url(request)

    def process_request(self, request):
        if not self.is_refreshable_url(request):
            return None
        try:
            return super().process_request(request)
        except ProviderUnavailable as exc:
            log.warning("oidc session check postponed: %s", exc)
            return None


def provider_logout_url(request) -> str | None:
    """Where the logout sends a session signed in with the agency account: the provider's
    end_session_endpoint with the ID token as hint, back to the log-in page. None for a local
    session, or when the provider has no such endpoint or does not answer."""
    if not (enabled() and signed_in_with_agency_account(request)):
        return None
    try:
        endpoint = provider_configuration().get("end_session_endpoint")
    except ProviderUnavailable as exc:
        log.warning("oidc logout at the provider skipped: %s", exc)
        return None
    if not endpoint:
        return None
    params = {"client_id": settings.OIDC_RP_CLIENT_ID,
              "post_logout_redirect_uri": request.build_absolute_uri(reverse("login"))}
    if request.session.get("oidc_id_token"):
        params["id_token_hint"] = request.session["oidc_id_token"]
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(params)}"
