"""Content Security Policy and the other security headers, on every HTML page of the portal.

Walks every GET URL of the permission matrix as a role that may see it (admin first) and the
public pages as anonymous: each HTML response carries a CSP without 'unsafe-inline' or
'unsafe-eval', and its HTML has no inline <script> bodies, style= attributes, <style> blocks,
on*= handlers or javascript: URLs (the policy would block them in the browser)."""
from __future__ import annotations

import pytest
from django.test import Client

from governance.people.models import User
from tests.conftest import sign_in
from tests.security.htmlcheck import inline_code
from tests.security.matrixwalk import allowed_role, rows, url_for

GET_ROWS = [name for name, _ in rows("get")]
PUBLIC = ["login", "password_reset", "password_reset_done", "password_reset_complete", "password_reset_confirm"]


def parse_csp(header: str) -> dict[str, list[str]]:
    out = {}
    for part in header.split(";"):
        tokens = part.split()
        if tokens:
            out[tokens[0].lower()] = tokens[1:]
    return out


def assert_safe_html_response(response, where: str):
    assert "Content-Security-Policy" in response, f"{where}: no Content-Security-Policy header"
    policy = parse_csp(response["Content-Security-Policy"])
    for directive in ("default-src", "script-src", "style-src"):
        assert directive in policy, f"{where}: CSP lacks {directive}: {response['Content-Security-Policy']}"
    for directive, sources in policy.items():
        assert "'unsafe-inline'" not in sources, f"{where}: {directive} allows 'unsafe-inline'"
        assert "'unsafe-eval'" not in sources, f"{where}: {directive} allows 'unsafe-eval'"
        assert "*" not in sources, f"{where}: {directive} allows any origin"
    assert policy.get("object-src") == ["'none'"], f"{where}: object-src should be 'none'"
    assert policy.get("frame-ancestors") == ["'none'"], f"{where}: frame-ancestors should be 'none'"
    assert response.get("X-Frame-Options") == "DENY", f"{where}: X-Frame-Options"
    assert response.get("X-Content-Type-Options") == "nosniff", f"{where}: X-Content-Type-Options"
    assert response.get("Referrer-Policy") == "same-origin", f"{where}: Referrer-Policy"
    findings = inline_code(response.content.decode(response.charset or "utf-8"))
    assert not findings, f"{where}: inline code the CSP forbids:\n" + "\n".join(
        f"  {f.kind}: {f.detail}" for f in findings
    )


def _is_html(response) -> bool:
    return response.get("Content-Type", "").startswith("text/html")


@pytest.mark.parametrize("name", GET_ROWS)
def test_every_page_has_csp_and_no_inline_code(demo, db, name):
    role = allowed_role(name)
    client = Client()
    if role is not None:
        sign_in(client, role)
    url = url_for(name)
    response = client.get(url)
    where = f"{name} ({url}) as {role or 'anonymous'}"
    if not _is_html(response):
        # Downloads and feeds: the browser must not guess a type (an uploaded file shown as HTML).
        assert response.get("X-Content-Type-Options") == "nosniff", f"{where}: X-Content-Type-Options"
        return
    assert_safe_html_response(response, where)


@pytest.mark.parametrize("name", PUBLIC)
def test_public_pages_have_csp_and_no_inline_code(demo, db, name):
    response = Client().get(url_for(name))
    assert response.status_code == 200
    assert_safe_html_response(response, f"{name} as anonymous")


def test_error_pages_have_csp_and_no_inline_code(demo, db, client):
    sign_in(client, "communicator")
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert_safe_html_response(response, "404 page")


def test_the_403_page_has_csp_and_no_inline_code(demo, db, rf):
    from django.core.exceptions import PermissionDenied

    from governance.home.views import permission_denied

    request = rf.get("/x/")
    request.user = User.objects.get(username="communicator")
    response = permission_denied(request, PermissionDenied())
    findings = inline_code(response.content.decode())
    assert not findings, findings


def test_the_lockout_page_has_no_inline_code(db):
    from django.template.loader import render_to_string

    html = render_to_string("registration/locked_out.html", {"cooloff_time": "15 minuter"})
    assert not inline_code(html)


def test_the_scanner_sees_inline_code():
    html = ('<p style="color:red" onclick="x()">a</p><script>alert(1)</script><style>p{}</style>'
            '<script src="/s.js"></script><script type="application/json">{"a":1}</script>'
            '<a href="javascript:alert(1)">x</a>')
    kinds = sorted(f.kind for f in inline_code(html))
    assert kinds == ["<style> block", "event handler attribute", "inline <script> body", "javascript: URL",
                     "style= attribute"]
