"""Every URL pattern × every demo account (and anonymous) → the expected status. A URL without a
row in some tests/<app>/matrix.py fails here."""
from __future__ import annotations

import importlib

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import sign_in
from tests.matrix import ROLES, Row

APPS = ["governance", "annualplan", "fees", "webadmin"]
EXCLUDED_NAMESPACES = {"admin"}  # Django's admin has its own permission system, tested by Django
EXCLUDED_NAMES = {"set_language"}  # Django's own i18n view; the e2e journey switches language


def _collect(patterns, namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or ""
            if ns in EXCLUDED_NAMESPACES:
                continue
            yield from _collect(p.url_patterns, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{namespace}{p.name}"


def url_names() -> list[str]:
    return sorted(set(_collect(get_resolver().url_patterns)) - EXCLUDED_NAMES)


def matrix() -> dict[str, Row]:
    rows: dict[str, Row] = {}
    for app in APPS:
        try:
            module = importlib.import_module(f"tests.{app}.matrix")
        except ModuleNotFoundError:
            continue
        rows.update(module.MATRIX)
    return rows


MATRIX = matrix()


def test_every_url_has_a_row():
    missing = [name for name in url_names() if name not in MATRIX]
    assert not missing, f"URL patterns without a row in the permission matrix: {missing}"


def test_no_row_for_a_url_that_does_not_exist():
    stale = sorted(set(MATRIX) - set(url_names()))
    assert not stale, f"Matrix rows for URLs that no longer exist: {stale}"


CASES = [(name, role) for name in sorted(MATRIX) for role in ROLES]


def _outcome(response) -> str:
    """Where a redirect went: the log-in page, back with an error message, or on after success."""
    from django.conf import settings
    from django.contrib.messages import constants, get_messages

    if response.url.startswith(reverse(settings.LOGIN_URL)):
        return "login"
    if any(m.level >= constants.ERROR for m in get_messages(response.wsgi_request)):
        return "error"
    return "success"


@pytest.mark.parametrize(("name", "role"), CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_permission_matrix(demo, db, name, role):
    """Every POST carries a valid CSRF token (the check is on), so a refusal is the rule's, not the
    token's; every redirect is checked for where it goes."""
    from django.test import Client
    from django.utils.crypto import get_random_string

    client = Client(enforce_csrf_checks=True)
    row = MATRIX[name]
    kwargs = row.kwargs() if callable(row.kwargs) else row.kwargs
    url = reverse(name, kwargs=kwargs) + row.query
    if role != "anonymous":
        sign_in(client, role)
    if row.method == "post":
        data = dict(row.data() if callable(row.data) else (row.data or {}))
        secret = get_random_string(32)  # a CSRF cookie as the browser holds it, and the form's token
        client.cookies["csrftoken"] = secret
        data["csrfmiddlewaretoken"] = secret
        response = client.post(url, data)
    else:
        response = client.get(url)
    expected = row.status_for(role)
    assert response.status_code == expected, (
        f"{name} as {role}: expected {expected}, got {response.status_code} ({url})"
    )
    if response.status_code == 302:
        want, got = row.outcome_for(role), _outcome(response)
        assert got == want, f"{name} as {role}: redirected to {response.url} ({got}), expected {want}"
