"""The second factor of local staff accounts (django-otp): in production every local account with
staff or superuser rights gives a code from its authenticator app (TOTP) or a recovery code after
its password; the demo's accounts (local settings) and the tests that do not turn it on are exempt;
a session signed in with the agency account uses the provider's factors."""
from __future__ import annotations

import json
import logging
import subprocess
import sys
import time

import pytest
import time_machine
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from governance.people.oidc import BACKEND_PATH
from tests.governance.factories import UserFactory
from tests.security.test_deploy import ROOT, _env

pytestmark = pytest.mark.django_db

VERIFY = "/konto/tvastegsverifiering/"
SETUP = "/konto/tvastegsverifiering/ny/"


def _settings_of(module: str, *names: str) -> dict:
    code = ("import django, json; django.setup(); from django.conf import settings as s;"
            f"print(json.dumps({{k: getattr(s, k, None) for k in {list(names)!r}}}, default=str))")
    env = _env(DJANGO_SETTINGS_MODULE=module) if module.endswith("production") else {
        **{k: v for k, v in _env().items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL")},
        "DJANGO_SETTINGS_MODULE": module}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_asks_for_it_and_the_demo_does_not():
    assert _settings_of("config.settings.production", "SECOND_FACTOR_REQUIRED") == {"SECOND_FACTOR_REQUIRED": True}
    local = _settings_of("config.settings.local", "SECOND_FACTOR_REQUIRED", "DEBUG")
    assert local == {"SECOND_FACTOR_REQUIRED": False, "DEBUG": True}


@pytest.fixture
def production_rule(settings):
    settings.SECOND_FACTOR_REQUIRED = True


@pytest.fixture
def root(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


def log_in(client, username="root"):
    response = client.post(reverse("login"), {"username": username, "password": "demo"})
    assert response.status_code == 302, response.content[:300]
    return response


def code_of(device) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


def test_a_superuser_sets_up_the_app_and_gets_recovery_codes(client, production_rule, root):
    log_in(client)
    admin = client.get("/admin/")
    assert admin.status_code == 302 and admin["Location"] == f"{VERIFY}?next=%2Fadmin%2F"
    verify = client.get(admin["Location"])
    assert verify.status_code == 302 and verify["Location"] == f"{SETUP}?next=%2Fadmin%2F"
    setup = client.get(verify["Location"])
    html = setup.content.decode()
    assert setup.status_code == 200 and 'src="data:image/svg+xml' in html
    device = TOTPDevice.objects.get(user=root, confirmed=False)
    assert setup.context["secret"].replace(" ", "") in device.config_url
    wrong = client.post(SETUP, {"code": "000000" if code_of(device) != "000000" else "111111", "next": "/admin/"})
    assert wrong.status_code == 200 and wrong.context["form"].errors
    assert client.get("/admin/").status_code == 302
    with time_machine.travel(time.time() + 5, tick=True):  # past django-otp's wait after a failure
        done = client.post(SETUP, {"code": code_of(device), "next": "/admin/"})
        assert done.status_code == 200 and len(done.context["codes"]) == 10
        assert 'href="/admin/"' in done.content.decode()
        device.refresh_from_db()
        assert device.confirmed
        assert StaticToken.objects.filter(device__user=root).count() == 10
        assert client.get("/admin/").status_code == 200


def test_with_an_app_the_code_is_asked_after_the_password(client, production_rule, root, caplog):
    caplog.set_level(logging.INFO, logger="samordna.security")
    device = TOTPDevice.objects.create(user=root, name="app", confirmed=True)
    log_in(client)
    assert client.get("/").status_code == 302
    assert client.get("/organ/")["Location"].startswith(VERIFY)
    assert client.get(SETUP)["Location"].startswith(VERIFY), "an account with an app cannot add another here"
    assert TOTPDevice.objects.filter(user=root).count() == 1
    wrong = client.post(VERIFY, {"code": "12345x", "next": "/admin/"})
    assert wrong.status_code == 200 and wrong.context["form"].errors
    assert any("second factor failed user=root address=127.0.0.1" in r.getMessage() for r in caplog.records)
    with time_machine.travel(time.time() + 5, tick=True):  # past django-otp's wait after a failure
        right = client.post(VERIFY, {"code": code_of(device), "next": "/admin/"})
        assert right.status_code == 302 and right["Location"] == "/admin/"
        assert client.get("/admin/").status_code == 200


def test_a_recovery_code_lets_in_once(client, production_rule, root):
    TOTPDevice.objects.create(user=root, name="app", confirmed=True)
    static = StaticDevice.objects.create(user=root, name="Recovery codes", confirmed=True)
    StaticToken.objects.create(device=static, token="abcd2345")
    log_in(client)
    assert client.post(VERIFY, {"code": "ABCD 2345"}).status_code == 302
    assert client.get("/admin/").status_code == 200
    client.post(reverse("logout"))
    log_in(client)
    again = client.post(VERIFY, {"code": "abcd2345"})
    assert again.status_code == 200 and client.get("/admin/").status_code == 302


def test_an_account_that_owes_its_factor_can_still_log_out(client, production_rule, root):
    log_in(client)
    out = client.post(reverse("logout"))
    assert out.status_code == 302 and out["Location"] == reverse("login")
    assert client.get("/").status_code == 302


def test_a_local_account_without_staff_rights_is_not_asked(client, production_rule):
    UserFactory(username="kom")
    log_in(client, "kom")
    assert client.get("/").status_code == 200


def test_staff_signed_in_with_the_agency_account_use_the_providers_factors(client, production_rule, root):
    client.force_login(root, backend=BACKEND_PATH)
    assert client.get("/admin/").status_code == 200


def test_without_the_rule_the_demo_admin_goes_straight_in(client, root, settings):
    assert settings.SECOND_FACTOR_REQUIRED is False
    log_in(client)
    assert client.get("/admin/").status_code == 200


def test_verified_recovery_codes_can_be_renewed(client, production_rule, root):
    device = TOTPDevice.objects.create(user=root, name="app", confirmed=True)
    log_in(client)
    client.post(VERIFY, {"code": code_of(device)})
    renewed = client.post(reverse("second_factor_codes"))
    assert renewed.status_code == 200 and len(renewed.context["codes"]) == 10
    assert set(StaticToken.objects.filter(device__user=root).values_list("token", flat=True)) == set(
        renewed.context["codes"])
