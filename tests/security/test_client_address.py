"""The client's address behind the TLS proxy (governance/clientip.py, django-axes through
django-ipware). Every request the portal sees comes from the proxy; the lock-out must be keyed on
the address the proxy forwarded, or five wrong passwords from anyone lock `admin` out for everyone.
The requests here carry X-Forwarded-For as the proxy sends it (the test client); test_behind_proxy.py
does the same through a real nginx."""
from __future__ import annotations

import logging

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse

from governance.clientip import client_ip
from tests.governance.factories import UserFactory
from tests.security.test_second_factor import _settings_of

PROXY = "10.0.0.5"
MALLORY = "203.0.113.7"
ANNA = "198.51.100.9"


@pytest.fixture
def one_proxy(settings):
    """As in production: one TLS proxy in front."""
    settings.TRUSTED_PROXIES = 1
    settings.AXES_IPWARE_PROXY_COUNT = 0


def request(remote=PROXY, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_production_trusts_the_one_proxy_the_readme_prescribes():
    s = _settings_of("config.settings.production", "TRUSTED_PROXIES", "AXES_IPWARE_PROXY_COUNT",
                     "AXES_CLIENT_IP_CALLABLE", "AXES_LOCKOUT_PARAMETERS")
    assert s == {"TRUSTED_PROXIES": 1, "AXES_IPWARE_PROXY_COUNT": 0,
                 "AXES_CLIENT_IP_CALLABLE": "governance.clientip.client_ip",
                 "AXES_LOCKOUT_PARAMETERS": [["username", "ip_address"]]}


def test_without_a_proxy_the_header_is_not_read(settings):
    assert settings.TRUSTED_PROXIES == 0
    assert client_ip(request(remote=MALLORY, forwarded="192.0.2.1")) == MALLORY


@pytest.mark.parametrize("forwarded, expected", [
    (MALLORY, MALLORY),                                  # the proxy's own entry
    (f"192.0.2.1, {MALLORY}", MALLORY),                  # the client's invented entry in front is ignored
    (f"192.0.2.1, 192.0.2.2, {MALLORY}", MALLORY),
    (f"not-an-address, {MALLORY}", MALLORY),
    ("not-an-address", PROXY),                           # nothing usable: the proxy's address
    ("", PROXY),
    ("2001:db8::7", "2001:db8::7"),
    ("10.1.2.3", "10.1.2.3"),                            # an office address on the intranet
])
def test_behind_one_proxy_the_address_is_the_one_it_forwarded(one_proxy, forwarded, expected):
    assert client_ip(request(forwarded=forwarded)) == expected


def test_behind_two_proxies_the_outer_ones_entry_counts(settings):
    settings.TRUSTED_PROXIES, settings.AXES_IPWARE_PROXY_COUNT = 2, 1
    # The client, then what the outer proxy wrote, then the inner proxy's (REMOTE_ADDR is the inner one).
    assert client_ip(request(forwarded=f"192.0.2.1, {MALLORY}, 10.0.0.4")) == MALLORY


def test_a_request_that_bypassed_the_proxy_is_taken_at_its_own_address(one_proxy, settings):
    settings.TRUSTED_PROXY_IPS = ["10.0.0.0/24"]
    assert client_ip(request(remote=PROXY, forwarded=MALLORY)) == MALLORY
    assert client_ip(request(remote="192.0.2.50", forwarded=ANNA)) == "192.0.2.50"


# --- The lock-out behind the proxy -----------------------------------------------------------------
def attempt(client, username, password, address, invented=None):
    forwarded = f"{invented}, {address}" if invented else address
    return client.post(reverse("login"), {"username": username, "password": password},
                       REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)


@pytest.mark.django_db
def test_one_client_cannot_lock_the_administrator_out_for_everyone(client, one_proxy):
    UserFactory(username="admin")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "admin", "wrong", MALLORY)
    assert attempt(client, "admin", "demo", MALLORY).status_code == 429
    assert AccessAttempt.objects.get().ip_address == MALLORY
    # The real administrator, through the same proxy from her own address, is not locked out.
    assert attempt(client.__class__(), "admin", "demo", ANNA).status_code == 302


@pytest.mark.django_db
def test_invented_forwarded_entries_do_not_give_fresh_attempts(client, one_proxy):
    UserFactory(username="chair")
    for i in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "chair", "wrong", MALLORY, invented=f"192.0.2.{i + 1}")
    assert attempt(client, "chair", "demo", MALLORY, invented="192.0.2.200").status_code == 429


@pytest.mark.django_db
def test_the_security_log_has_the_real_address(client, one_proxy, caplog):
    caplog.set_level(logging.INFO, logger="samordna.security")
    UserFactory(username="anna")
    attempt(client, "anna", "wrong", ANNA)
    attempt(client, "anna", "demo", ANNA)
    messages = [r.getMessage() for r in caplog.records if r.name == "samordna.security"]
    assert f"login failed user=anna address={ANNA}" in messages, messages
    assert f"login user=anna address={ANNA}" in messages, messages
    assert not any(PROXY in m for m in messages)
