"""A session's absolute lifetime: SESSION_ABSOLUTE_HOURS after the log-in it ends, however busy
(the idle timeout alone, renewed at every request, would let it live for ever)."""
from __future__ import annotations

import time

import pytest
import time_machine
from django.urls import reverse

from tests.governance.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_busy_session_ends_at_its_absolute_lifetime(client, settings):
    assert 1 <= settings.SESSION_ABSOLUTE_SECONDS // 3600 <= 12
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    UserFactory(username="anna")
    assert client.post(reverse("login"), {"username": "anna", "password": "demo"}).status_code == 302
    start = time.time()
    step = settings.SESSION_COOKIE_AGE - 60  # a request well within every idle timeout
    elapsed = 0
    while elapsed + step < settings.SESSION_ABSOLUTE_SECONDS:
        elapsed += step
        with time_machine.travel(start + elapsed, tick=False):
            assert client.get("/").status_code == 200, f"signed out after {elapsed} s"
    with time_machine.travel(start + settings.SESSION_ABSOLUTE_SECONDS + 1, tick=False):
        response = client.get("/organ/")
        assert response.status_code == 302 and response["Location"] == f"{reverse('login')}?next=%2Forgan%2F"
        assert "_auth_user_id" not in client.session
        page = client.get(response["Location"])
        assert "Du har varit inloggad i" in page.content.decode()
