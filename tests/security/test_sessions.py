"""Sessions: a new key at login, the old one dead after logout, a deactivated user out at the
next request, and an idle timeout (the cookie's age renewed on every request)."""
from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.governance.factories import UserFactory

pytestmark = pytest.mark.django_db

HOME = "/"


@pytest.fixture(autouse=True)
def _db_sessions(settings):
    # The database backend lets the test see and age the stored session (Redis expiry is the
    # same SESSION_COOKIE_AGE, as a key TTL).
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"


@pytest.fixture
def anna():
    return UserFactory(username="anna")


def log_in(client, username="anna"):
    response = client.post(reverse("login"), {"username": username, "password": "demo"})
    assert response.status_code == 302, response.content[:500]
    return response


def test_idle_timeout_settings():
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert 5 * 60 <= settings.SESSION_COOKIE_AGE <= 60 * 60
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE in (True, False)


def test_a_new_session_key_at_login(client, anna):
    # An anonymous session exists before the login (fixation attempt: a key the attacker knows).
    session = client.session
    session["planted"] = "x"
    session.save()
    before = session.session_key
    client.cookies[settings.SESSION_COOKIE_NAME] = before
    log_in(client)
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()


def test_the_old_session_is_dead_after_logout(client, anna):
    log_in(client)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.get(HOME).status_code == 200
    client.post(reverse("logout"))
    assert not Session.objects.filter(session_key=key).exists()
    # Somebody who kept the old cookie gets nothing.
    thief = Client()
    thief.cookies[settings.SESSION_COOKIE_NAME] = key
    response = thief.get(HOME)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_logout_needs_post(client, anna):
    log_in(client)
    assert client.get(reverse("logout")).status_code == 405
    assert client.get(HOME).status_code == 200


def test_a_deactivated_user_is_out_at_the_next_request(client, anna):
    log_in(client)
    assert client.get(HOME).status_code == 200
    anna.is_active = False
    anna.save()
    response = client.get(HOME)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_password_change_elsewhere_ends_the_session(client, anna):
    log_in(client)
    anna.set_password("ett-helt-annat-lösenord")
    anna.save()
    response = client.get(HOME)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_every_request_renews_the_idle_timeout(client, anna):
    log_in(client)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + timedelta(minutes=1))
    client.get(HOME)
    expiry = Session.objects.get(session_key=key).expire_date
    assert expiry > timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)
    assert client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE


def test_an_idle_session_expires(client, anna):
    log_in(client)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    # SESSION_COOKIE_AGE passes without a request.
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(HOME)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
