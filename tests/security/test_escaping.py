"""Every text field takes <script> and quotes and shows them escaped.

1. Query strings: every GET page of the permission matrix, as a role that sees it, with the payload
   in the usual parameters (q, page, on, next, year, …): the raw payload never appears.
2. Forms: on every GET page, every POST form that has text fields (inputs and textareas) is
   submitted as a browser would, with the payload in each text field; neither the answer nor the
   page afterwards contains the raw payload, and nothing answers 500.
3. Stored data: names and descriptions holding the payload (saved through the services' model
   layer) are shown escaped on every page."""
from __future__ import annotations

import os
from urllib.parse import urlencode

import pytest
from django.test import Client

from governance.bodies.models import Body
from governance.people.models import User
from tests.conftest import sign_in
from tests.security.htmlcheck import forms
from tests.security.matrixwalk import allowed_role, rows, url_for

PAYLOAD = """<script>alert("x")</script>'"><img src=x onerror=alert(1)>"""
RAW_MARKERS = ["<script>alert(", "<img src=x onerror"]
GET_ROWS = [name for name, _ in rows("get")]
SKIP_ACTIONS = ("/i18n/", "/konto/logga-ut/")


def assert_escaped(response, where: str):
    assert response.status_code < 500, f"{where}: answered {response.status_code}"
    if not response.get("Content-Type", "").startswith("text/html"):
        return
    html = response.content.decode(response.charset or "utf-8")
    for marker in RAW_MARKERS:
        assert marker not in html, f"{where}: the payload is not escaped ({marker!r} found)"


def client_for(name: str) -> tuple[Client, str]:
    role = allowed_role(name)
    client = Client()
    if role is not None:
        sign_in(client, role)
    return client, role or "anonymous"


@pytest.mark.parametrize("name", GET_ROWS)
def test_query_parameters_are_escaped(demo, db, name):
    client, role = client_for(name)
    url = url_for(name)
    params = {k: PAYLOAD for k in ("q", "page", "on", "next", "year", "status", "sort", "kind", "organisation")}
    sep = "&" if "?" in url else "?"
    response = client.get(f"{url}{sep}{urlencode(params)}")
    assert_escaped(response, f"{name} as {role} with the payload in the query string")


@pytest.mark.parametrize("name", GET_ROWS)
def test_forms_take_the_payload_and_show_it_escaped(demo, db, name):
    client, role = client_for(name)
    url = url_for(name)
    page = client.get(url)
    if page.status_code != 200 or not page.get("Content-Type", "").startswith("text/html"):
        return
    posted = 0
    for form in forms(page.content.decode()):
        action = form.action or url
        if form.method != "post" or not form.text_fields or action.startswith(SKIP_ACTIONS):
            continue
        data = form.data(PAYLOAD)
        response = client.post(action, data)
        where = f"{name} as {role}: form to {action} (fields {form.text_fields})"
        assert_escaped(response, where)
        if response.status_code == 302:
            assert_escaped(client.get(response.url), where + f" then {response.url}")
        assert_escaped(client.get(url), where + " then the page again")
        posted += 1
    if os.environ.get("ESCAPE_DEBUG"):
        print(f"\n{name}: {posted} form(s) posted")


@pytest.mark.parametrize("name", GET_ROWS)
def test_stored_text_is_shown_escaped(demo, db, name):
    for body in Body.objects.all():
        body.name = f"{body.name} {PAYLOAD}"
        body.description = PAYLOAD
        body.save()
    User.objects.filter(username__in=["chair", "steering", "communicator"])  # noqa: B018
    for user in User.objects.filter(username__in=["chair", "steering", "communicator", "weblead"]):
        user.first_name = f"{user.first_name} {PAYLOAD}"
        user.title = PAYLOAD
        user.save()
    client, role = client_for(name)
    response = client.get(url_for(name))
    assert_escaped(response, f"{name} as {role} with stored names holding the payload")


def test_the_login_form_escapes_the_user_name(db):
    response = Client().post("/konto/logga-in/", {"username": PAYLOAD, "password": "x"}, REMOTE_ADDR="10.9.9.9")
    assert response.status_code == 200
    html = response.content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert_escaped(response, "login")


def test_the_password_reset_form_escapes_the_address(db):
    response = Client().post("/konto/aterstall/", {"email": PAYLOAD})
    assert_escaped(response, "password reset")
