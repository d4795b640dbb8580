"""Signing in with the agency account (OpenID Connect) against a real OpenID Provider: the
`oidc_provider` fixture runs django-oauth-toolkit's provider as a process of its own on loopback
(tests/oidc_provider/). The Django test client is the portal's side of the browser, a requests
session (ProviderBrowser) the provider's side: it signs in on the provider's own login page. Every
token here was issued and signed by that provider; nothing is mocked."""
from __future__ import annotations

import base64
import hashlib
import logging
import secrets
import time
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import pytest
import requests
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.urls import reverse

from governance.people.models import ExternalIdentity, Organisation, OrganisationClaimMapping, User
from governance.people.oidc import BACKEND_PATH, PortalOIDCBackend
from tests.governance.factories import MembershipFactory, UserFactory, org
from tests.oidc_provider.harness import (
    CLIENT_ID,
    CLIENT_SECRET,
    OTHER_CLIENT_ID,
    OTHER_CLIENT_SECRET,
    REDIRECT_URIS,
    ProviderBrowser,
    email_of,
)

pytestmark = pytest.mark.django_db

HOME = "/"


@pytest.fixture
def provider(settings, oidc_provider):
    """The portal configured for the provider, as OIDC_ISSUER / OIDC_CLIENT_ID / … would."""
    for name, value in oidc_provider.portal_settings().items():
        setattr(settings, name, value)
    cache.clear()  # the discovery document of an earlier test's settings
    return oidc_provider


@pytest.fixture
def dalarna(db):
    """The administrator's mapping: the provider's "lst-dalarna" is Länsstyrelsen i Dalarnas län."""
    return OrganisationClaimMapping.objects.create(claim_value="lst-dalarna", organisation=org("W"))


def begin(client, **params) -> str:
    """The portal's first step: its redirect to the provider's authorization endpoint."""
    url = reverse("oidc_authentication_init") + (f"?{urlencode(params)}" if params else "")
    response = client.get(url)
    assert response.status_code == 302, response.content[:500]
    return response["Location"]


def back_at_portal(client, url: str):
    parts = urlsplit(url)
    assert parts.netloc == "testserver", url
    return client.get(f"{parts.path}?{parts.query}")


def sign_in(client, provider, username, browser=None, tamper=None):
    """Sign in as `username` at the provider; returns the portal's answer to the callback."""
    browser = browser or ProviderBrowser(provider)
    authorize = begin(client)
    if tamper:
        authorize = tamper(authorize)
    return back_at_portal(client, browser.follow(authorize, username)), browser


def with_param(url: str, **changes) -> str:
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    query.update(changes)
    return urlunsplit(parts._replace(query=urlencode(query)))


def signed_in_as(client):
    user_id = client.session.get(SESSION_KEY)
    return User.objects.get(pk=user_id) if user_id else None


# --- The flow ----------------------------------------------------------------------------------
def test_the_request_uses_pkce_a_nonce_and_a_state(client, provider):
    authorize = begin(client, next="/organ/")
    parts = urlsplit(authorize)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{provider.issuer}/authorize/"
    assert query["response_type"] == "code" and query["client_id"] == CLIENT_ID
    assert query["redirect_uri"] == "http://testserver/konto/oidc/callback/"
    assert set(query["scope"].split()) >= {"openid", "email", "profile"}
    assert query["code_challenge_method"] == "S256" and len(query["code_challenge"]) == 43
    assert len(query["nonce"]) >= 32 and len(query["state"]) >= 32
    stored = client.session["oidc_states"][query["state"]]
    assert stored["nonce"] == query["nonce"]
    verifier = stored["code_verifier"]
    digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    assert digest == query["code_challenge"]
    assert client.session["oidc_login_next"] == "/organ/"


def test_first_sign_in_provisions_the_person(client, provider, dalarna, caplog):
    caplog.set_level(logging.INFO, logger="samordna.security")
    response, browser = sign_in(client, provider, "anna")
    assert response.status_code == 302 and response["Location"] == reverse("governance:home")
    assert browser.logins == 1  # on the provider's own login page
    user = signed_in_as(client)
    assert user is not None and client.session[BACKEND_SESSION_KEY] == BACKEND_PATH
    assert (user.first_name, user.last_name, user.email) == ("Anna", "Andersson", email_of("anna"))
    assert user.organisation == org("W")
    assert user.username == "anna"
    assert not user.has_usable_password() and not user.is_staff and not user.is_superuser
    assert not user.memberships.exists() and not user.groups.exists()
    identity = ExternalIdentity.objects.get(user=user)
    assert identity.issuer == provider.issuer and identity.subject
    assert user.history.first().history_change_reason == "Created at the first sign-in with the agency account"
    page = client.get(HOME)
    assert page.status_code == 200 and "Anna Andersson" in page.content.decode()
    assert any("oidc provisioned user=anna organisation=W" in r.getMessage() for r in caplog.records)


def test_the_next_page_is_kept_through_the_provider(client, provider, dalarna):
    browser = ProviderBrowser(provider)
    response = back_at_portal(client, browser.follow(begin(client, next="/organ/"), "cilla"))
    assert response.status_code == 302 and response["Location"] == "/organ/"


def test_a_later_sign_in_updates_name_and_email_never_roles(client, provider, dalarna):
    sign_in(client, provider, "beata")
    user = signed_in_as(client)
    # The portal decides her roles: a dated membership, staff rights, a title.
    membership = MembershipFactory(user=user)
    User.objects.filter(pk=user.pk).update(is_staff=True, title="Kommunikatör")
    client.post(reverse("logout"))
    provider.rename("beata", "Beata", "Bergström", "beata.bergstrom@lansstyrelsen.test")
    response, browser = sign_in(client, provider, "beata")
    assert response.status_code == 302
    again = signed_in_as(client)
    assert again.pk == user.pk and User.objects.filter(last_name__in=["Berg", "Bergström"]).count() == 1
    assert (again.last_name, again.email) == ("Bergström", "beata.bergstrom@lansstyrelsen.test")
    assert again.is_staff and again.title == "Kommunikatör" and again.organisation == org("W")
    assert list(again.memberships.all()) == [membership]
    assert again.history.first().history_change_reason == "Name and e-mail from the agency account"


def test_an_account_made_by_an_administrator_is_linked_by_email(client, provider, dalarna):
    existing = UserFactory(username="gun.gren", email=email_of("gun"), organisation=org("W"))
    membership = MembershipFactory(user=existing)
    response, _ = sign_in(client, provider, "gun")
    assert response.status_code == 302
    user = signed_in_as(client)
    assert user.pk == existing.pk and list(user.memberships.all()) == [membership]
    assert ExternalIdentity.objects.filter(user=existing).count() == 1


def test_a_local_administrator_with_the_same_email_is_not_taken_over(client, provider, dalarna):
    UserFactory(username="hugo-admin", email=email_of("hugo"), is_staff=True, organisation=org("W"))
    response, _ = sign_in(client, provider, "hugo")
    assert response.status_code == 403
    assert "Det finns redan ett konto i portalen med din e-postadress" in response.content.decode()
    assert signed_in_as(client) is None and not ExternalIdentity.objects.exists()


# --- Refusals: the organisation ------------------------------------------------------------------
@pytest.mark.parametrize("username, reason", [("okand", "organisation_unknown"), ("utan", "organisation_missing")])
def test_an_unknown_or_missing_organisation_is_refused_and_no_account_made(client, provider, dalarna, caplog,
                                                                          username, reason):
    caplog.set_level(logging.INFO, logger="samordna.security")
    users_before = User.objects.count()
    response, _ = sign_in(client, provider, username)
    assert response.status_code == 403
    assert "registration/oidc_refused.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert "<h1>" in html and "administrat" in html  # who can help
    assert User.objects.count() == users_before and not ExternalIdentity.objects.exists()
    assert signed_in_as(client) is None
    refused = [r for r in caplog.records if f"oidc sign-in refused reason={reason}" in r.getMessage()]
    assert refused and refused[0].levelno == logging.WARNING
    if username == "okand":
        assert "lst-finns-inte" in refused[0].getMessage()


def test_without_any_mapping_nobody_gets_in(client, provider):
    response, _ = sign_in(client, provider, "ines")
    assert response.status_code == 403 and not User.objects.filter(email=email_of("ines")).exists()


def test_the_mapping_is_in_the_admin(client, dalarna):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    listing = client.get(reverse("admin:governance_organisationclaimmapping_changelist"))
    assert listing.status_code == 200 and "lst-dalarna" in listing.content.decode()
    form = client.get(reverse("admin:governance_organisationclaimmapping_add"))
    choices = {str(o) for o in form.context["adminform"].form.fields["organisation"].queryset}
    assert len(choices) == 22 and Organisation.objects.count() > 22  # the IT unit is not offered
    added = client.post(reverse("admin:governance_organisationclaimmapping_add"),
                        {"claim_value": "LST-DALARNA", "organisation": org("W").pk})
    assert added.status_code == 200, "the same value in other letter case is refused"
    assert OrganisationClaimMapping.objects.count() == 1


# --- Refusals: the answer ------------------------------------------------------------------------
def test_a_tampered_state_is_refused(client, provider, dalarna):
    browser = ProviderBrowser(provider)
    callback = browser.follow(begin(client), "jon")
    response = back_at_portal(client, with_param(callback, state="x" * 32))
    assert response.status_code == 400
    assert signed_in_as(client) is None and not User.objects.filter(email=email_of("jon")).exists()


def test_a_callback_is_good_once(client, provider, dalarna):
    browser = ProviderBrowser(provider)
    callback = browser.follow(begin(client), "jon")
    assert back_at_portal(client, callback).status_code == 302
    client.post(reverse("logout"))
    replay = back_at_portal(client, callback)
    assert replay.status_code == 400 and signed_in_as(client) is None


def test_a_tampered_nonce_is_refused(client, provider, dalarna):
    """The provider signs whatever nonce the request carried: one that is not this session's is an
    answer to another sign-in (an injected code) and is refused."""
    response, _ = sign_in(client, provider, "karin", tamper=lambda url: with_param(url, nonce="n" * 32))
    assert response.status_code == 400
    assert signed_in_as(client) is None and not User.objects.filter(email=email_of("karin")).exists()


def test_a_code_challenge_that_is_not_ours_is_refused_by_the_provider(client, provider, dalarna):
    """PKCE end to end: the provider refuses to exchange a code whose challenge the portal's
    verifier does not answer."""
    challenge = base64.urlsafe_b64encode(hashlib.sha256(b"x" * 64).digest()).rstrip(b"=").decode()
    response, _ = sign_in(client, provider, "karin", tamper=lambda url: with_param(url, code_challenge=challenge))
    assert response.status_code == 400
    assert signed_in_as(client) is None and not User.objects.filter(email=email_of("karin")).exists()


def id_token(provider, *, username, client_id=CLIENT_ID, client_secret=CLIENT_SECRET, base=None, nonce="n-1"):
    """An ID token the provider issues in a flow of its own: for another client (`client_id`), or
    asked of it under another name (`base`: the issuer is the address it is asked at)."""
    base = base or provider.url
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    query = urlencode({"response_type": "code", "client_id": client_id, "redirect_uri": REDIRECT_URIS[0],
                       "scope": "openid email profile", "state": "s" * 32, "nonce": nonce,
                       "code_challenge": challenge, "code_challenge_method": "S256"})
    back = ProviderBrowser(provider).follow(f"{base}/o/authorize/?{query}", username)
    code = parse_qs(urlsplit(back).query)["code"][0]
    answer = requests.post(f"{base}/o/token/", timeout=10, data={
        "grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URIS[0],
        "client_id": client_id, "client_secret": client_secret, "code_verifier": verifier})
    assert answer.status_code == 200, answer.text
    return answer.json()["id_token"]


def test_the_portal_accepts_its_own_token(provider):
    payload = PortalOIDCBackend().verify_token(id_token(provider, username="lena"), nonce="n-1")
    assert payload["aud"] == CLIENT_ID and payload["iss"] == provider.issuer


def test_a_token_for_another_audience_is_refused(provider):
    token = id_token(provider, username="lena", client_id=OTHER_CLIENT_ID, client_secret=OTHER_CLIENT_SECRET)
    with pytest.raises(SuspiciousOperation, match="(?i)audience"):
        PortalOIDCBackend().verify_token(token, nonce="n-1")


def test_a_token_from_another_issuer_is_refused(provider):
    """Signed with the same key, but issued as http://localhost:…/o: only `iss` is wrong."""
    token = id_token(provider, username="lena", base=provider.url.replace("127.0.0.1", "localhost"))
    with pytest.raises(SuspiciousOperation, match="(?i)issuer"):
        PortalOIDCBackend().verify_token(token, nonce="n-1")


def test_an_expired_token_is_refused(provider, settings):
    token = id_token(provider, username="lena")
    backend = PortalOIDCBackend()
    exp = backend.verify_token(token, nonce="n-1")["exp"]
    with time_machine.travel(exp + settings.OIDC_LEEWAY_SECONDS + 5, tick=False):
        with pytest.raises(SuspiciousOperation, match="(?i)expired"):
            backend.verify_token(token, nonce="n-1")


def test_a_token_with_another_nonce_or_a_broken_signature_is_refused(provider):
    token = id_token(provider, username="lena")
    backend = PortalOIDCBackend()
    with pytest.raises(SuspiciousOperation, match="nonce"):
        backend.verify_token(token, nonce="n-2")
    head, body, signature = token.split(".")
    forged = ".".join([head, body, signature[:-4] + ("AAAA" if not signature.endswith("AAAA") else "BBBB")])
    with pytest.raises(SuspiciousOperation):
        backend.verify_token(forged, nonce="n-1")


# --- Leaving -------------------------------------------------------------------------------------
def after_the_recheck_interval(settings):
    return time_machine.travel(time.time() + settings.OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS + 5, tick=True)


def test_an_account_disabled_at_the_provider_stops_working_at_the_next_check(client, provider, dalarna, settings):
    assert settings.OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS <= 5 * 60, "within minutes"
    response, browser = sign_in(client, provider, "dan")
    assert client.get(HOME).status_code == 200
    # Minutes later the next page goes through the provider, silently (prompt=none), and comes back.
    with after_the_recheck_interval(settings):
        check = client.get(HOME)
        assert check.status_code == 302 and "prompt=none" in check["Location"]
        assert check["Location"].startswith(f"{provider.issuer}/authorize/")
        back = back_at_portal(client, browser.follow(check["Location"]))
        assert back.status_code == 302 and back["Location"] == HOME
        assert client.get(HOME).status_code == 200 and signed_in_as(client).username == "dan"
    # The agency disables the account; at the next check the provider says no and the session ends.
    provider.set_active("dan", False)
    with after_the_recheck_interval(settings), after_the_recheck_interval(settings):
        check = client.get(HOME)
        assert check.status_code == 302 and "prompt=none" in check["Location"]
        callback = browser.follow(check["Location"])
        assert "error=login_required" in callback
        ended = back_at_portal(client, callback)
        assert ended.status_code == 302 and ended["Location"] == reverse("login")
        assert signed_in_as(client) is None
        page = client.get(HOME)
        assert page.status_code == 302 and page["Location"].startswith(reverse("login"))


def test_a_person_deactivated_in_the_portal_is_refused_with_a_valid_provider_session(client, provider, dalarna):
    response, browser = sign_in(client, provider, "eva")
    user = signed_in_as(client)
    User.objects.filter(pk=user.pk).update(is_active=False)
    page = client.get(HOME)
    assert page.status_code == 302 and page["Location"].startswith(reverse("login"))
    # The provider's session still holds (no login page): the portal refuses all the same.
    again = back_at_portal(client, browser.follow(begin(client)))
    assert browser.logins == 1
    assert again.status_code == 403 and signed_in_as(client) is None
    assert "Ditt konto i portalen är avaktiverat" in again.content.decode()


def test_logout_ends_the_provider_session_too(client, provider, dalarna):
    response, browser = sign_in(client, provider, "filip")
    id_token_hint = client.session["oidc_id_token"]
    out = client.post(reverse("logout"))
    assert out.status_code == 302
    parts = urlsplit(out["Location"])
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{provider.issuer}/logout/"
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert query == {"id_token_hint": id_token_hint, "client_id": CLIENT_ID,
                     "post_logout_redirect_uri": "http://testserver/konto/logga-in/"}
    assert signed_in_as(client) is None
    # The provider ends its session and sends the browser back to the portal's log-in page.
    assert browser.follow(out["Location"]) == "http://testserver/konto/logga-in/"
    # Signing in again asks for the password at the provider again.
    response, _ = sign_in(client, provider, "filip", browser=browser)
    assert response.status_code == 302 and browser.logins == 2


# --- The login page, the local form, the provider away -----------------------------------------
def test_the_login_page_offers_the_agency_account_first(client, provider):
    html = client.get(reverse("login") + "?next=/organ/").content.decode()
    button = html.index(reverse("oidc_authentication_init") + "?next=/organ/")
    assert button < html.index('name="password"')
    assert "Logga in med ditt myndighetskonto" in html


def test_without_configuration_the_login_page_is_the_local_form(client, settings):
    settings.OIDC_ISSUER = ""
    html = client.get(reverse("login")).content.decode()
    assert "oidc" not in html and 'name="password"' in html
    for name in ("oidc_authentication_init", "oidc_authentication_callback"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"] == reverse("login")


def test_the_local_form_still_works_and_is_not_sent_to_the_provider(client, provider, settings):
    UserFactory(username="nod-admin")
    response = client.post(reverse("login"), {"username": "nod-admin", "password": "demo"})
    assert response.status_code == 302
    with time_machine.travel(time.time() + settings.OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS + 60, tick=True):
        assert client.get(HOME).status_code == 200


def test_a_provider_that_does_not_answer_gives_a_clear_page(client, settings):
    with __import__("socket").socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings.OIDC_ISSUER, settings.OIDC_RP_CLIENT_ID = f"http://127.0.0.1:{port}/o", CLIENT_ID
    cache.clear()
    response = client.get(reverse("oidc_authentication_init"))
    assert response.status_code == 503
    assert "registration/oidc_refused.html" in [t.name for t in response.templates]


def test_sign_ins_with_the_agency_account_do_not_feed_the_lockout(client, provider, dalarna, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        assert sign_in(client, provider, "okand")[0].status_code == 403
    assert not AccessAttempt.objects.exists()
    assert sign_in(client, provider, "webb")[0].status_code == 302


def test_a_sign_in_cancelled_at_the_provider_comes_back_to_the_login_page(client, provider):
    state = parse_qs(urlsplit(begin(client)).query)["state"][0]
    response = client.get(reverse("oidc_authentication_callback") + f"?error=access_denied&state={state}")
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert state not in client.session.get("oidc_states", {})
    assert "slutfördes inte" in client.get(response["Location"]).content.decode()
