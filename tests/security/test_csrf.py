"""CSRF is enforced on every POST (a client that enforces it, unlike Django's default test
client), and every action URL (approve, publish, decide, …: the matrix rows with method="post")
answers GET with 405."""
from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import sign_in
from tests.security.matrixwalk import allowed_role, data_for, rows, url_for

ALL_ROWS = [name for name, _ in rows()]
POST_ROWS = [name for name, _ in rows("post")]


def csrf_client(username: str | None) -> Client:
    client = Client(enforce_csrf_checks=True)
    if username:
        sign_in(client, username)
    return client


@pytest.mark.parametrize("name", ALL_ROWS)
def test_post_without_a_csrf_token_is_refused(demo, db, name):
    role = allowed_role(name, success=(200, 302, 404)) or "admin"
    url = url_for(name)
    response = csrf_client(role).post(url, data_for(name))
    assert response.status_code == 403, f"{name} ({url}) as {role}: POST without a CSRF token gave {response.status_code}"


@pytest.mark.parametrize("name", ["login", "password_reset", "set_language"])
def test_anonymous_forms_need_the_token(demo, db, name):
    response = csrf_client(None).post(reverse(name), {"username": "chair", "password": "demo",
                                                      "email": "chair@samordna.example", "language": "en"})
    assert response.status_code == 403


def test_with_the_token_the_form_works(demo, db):
    client = csrf_client(None)
    page = client.get(reverse("login"))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    response = client.post(reverse("login"), {"username": "chair", "password": "demo", "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_the_csrf_failure_page_is_not_a_stack_trace(demo, db):
    response = csrf_client("chair").post(reverse("governance:notification_preferences"), {})
    assert response.status_code == 403
    assert b"Traceback" not in response.content


@pytest.mark.parametrize("name", POST_ROWS)
def test_action_urls_answer_get_with_405(demo, db, name):
    role = allowed_role(name, success=(200, 302, 404)) or "admin"
    client = Client()
    sign_in(client, role)
    url = url_for(name)
    response = client.get(url)
    assert response.status_code == 405, f"{name} ({url}) as {role}: GET gave {response.status_code}, expected 405"
