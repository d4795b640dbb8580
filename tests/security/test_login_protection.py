"""Brute-force protection (django-axes) and the security log of logins, failed logins, logouts.

Lockout is keyed on user name AND address together: staff share one address behind the agency
proxy, so one person's typos must not lock out their colleagues, and one address must not be able
to lock out a user everywhere."""
from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.governance.factories import UserFactory

pytestmark = pytest.mark.django_db

OFFICE = "10.1.1.1"
HOME = "10.2.2.2"
GOOD = "demo"


@pytest.fixture
def users():
    return UserFactory(username="anna"), UserFactory(username="bertil")


def attempt(client, username, password, address):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def fail_until_locked(client, username="anna", address=OFFICE):
    responses = [attempt(client, username, "wrong", address) for _ in range(settings.AXES_FAILURE_LIMIT)]
    return responses


def test_settings_lock_on_username_and_address_together():
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_FAILURE_LIMIT >= 3
    assert settings.AXES_COOLOFF_TIME >= timedelta(minutes=5)
    assert settings.AXES_LOCKOUT_TEMPLATE == "registration/locked_out.html"


def test_lockout_after_the_failure_limit_with_a_clear_message(client, users):
    responses = fail_until_locked(client)
    # The attempts below the limit show the form again with an error; the last one locks.
    assert all(r.status_code == 200 for r in responses[:-1])
    assert responses[-1].status_code == 429
    # Even the right password is refused now, with the lockout page.
    response = attempt(client, "anna", GOOD, OFFICE)
    assert response.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert "<h1>" in html and "låst" in html.lower(), html[:2000]
    # The cool-off in words a person understands (axes' own value is ISO 8601, "PT15M").
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    assert f"Vänta {minutes} minuter" in html, html[:3000]
    assert "PT" not in html.split("<main", 1)[1]
    assert "_auth_user_id" not in client.session


def test_same_user_from_another_address_is_not_locked(client, users):
    fail_until_locked(client, "anna", OFFICE)
    response = attempt(client, "anna", GOOD, HOME)
    assert response.status_code == 302, "a lockout of anna@office must not lock anna everywhere"


def test_another_user_from_the_same_address_is_not_locked(client, users):
    fail_until_locked(client, "anna", OFFICE)
    response = attempt(client, "bertil", GOOD, OFFICE)
    assert response.status_code == 302, "colleagues behind the same proxy address must not be locked out"


def test_a_forged_forwarded_for_header_does_not_escape_the_lockout(client, users):
    """An attacker must not get fresh attempts by inventing X-Forwarded-For addresses."""
    for i in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "anna", "password": "wrong"},
                    REMOTE_ADDR=OFFICE, HTTP_X_FORWARDED_FOR=f"203.0.113.{i + 1}")
    response = client.post(reverse("login"), {"username": "anna", "password": GOOD},
                           REMOTE_ADDR=OFFICE, HTTP_X_FORWARDED_FOR="203.0.113.200")
    assert response.status_code == 429


def test_cool_off_unlocks_by_itself(client, users):
    fail_until_locked(client)
    assert attempt(client, "anna", GOOD, OFFICE).status_code == 429
    # The cool-off period passes.
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=5))
    assert attempt(client, "anna", GOOD, OFFICE).status_code == 302


def test_an_admin_unlocks_with_the_command(client, users):
    fail_until_locked(client)
    call_command("axes_reset_username", "anna", stdout=open("/dev/null", "w"))
    assert attempt(client, "anna", GOOD, OFFICE).status_code == 302


def test_an_admin_unlocks_in_the_admin_site(client, users):
    fail_until_locked(client)
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    admin_client = client.__class__()
    admin_client.force_login(admin)
    changelist = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert changelist.status_code == 200 and "anna" in changelist.content.decode()
    ids = list(AccessAttempt.objects.filter(username="anna").values_list("pk", flat=True))
    response = admin_client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="anna").exists()
    assert attempt(client, "anna", GOOD, OFFICE).status_code == 302


def test_success_resets_the_failure_count(client, users):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "anna", "wrong", OFFICE)
    assert attempt(client, "anna", GOOD, OFFICE).status_code == 302
    client.post(reverse("logout"))
    attempt(client, "anna", "wrong", OFFICE)
    assert attempt(client, "anna", GOOD, OFFICE).status_code == 302


def test_logins_failed_logins_and_logouts_are_logged(client, users, caplog):
    caplog.set_level(logging.INFO, logger="samordna.security")
    attempt(client, "anna", "wrong", OFFICE)
    attempt(client, "anna", GOOD, OFFICE)
    client.post(reverse("logout"), REMOTE_ADDR=OFFICE)
    records = [r for r in caplog.records if r.name == "samordna.security"]
    messages = [r.getMessage() for r in records]
    assert f"login failed user=anna address={OFFICE}" in messages, messages
    assert f"login user=anna address={OFFICE}" in messages, messages
    assert f"logout user=anna address={OFFICE}" in messages, messages
    failed = next(r for r in records if r.getMessage().startswith("login failed"))
    assert failed.levelno == logging.WARNING
    # The password never reaches the log.
    assert not any("wrong" in m or GOOD in m.split("user=")[0] for m in messages)


def test_refused_authorisation_is_logged(client, users, caplog):
    caplog.set_level(logging.INFO, logger="samordna.security")
    from django.core.exceptions import PermissionDenied
    from django.test import RequestFactory

    from governance.home.views import permission_denied

    request = RequestFactory().get("/verksamhetsplan/1/")
    request.user = users[0]
    permission_denied(request, PermissionDenied("nope"))
    assert any(r.name == "samordna.security" and "authorisation refused user=anna" in r.getMessage()
               for r in caplog.records)
