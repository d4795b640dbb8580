"""axe-core on every HTML page of the portal: each GET URL of the permission matrix, opened in
Chromium by a demo account that may see it (admin first; anonymous for the public pages). On the
same visit, what axe cannot see (tests/e2e/wcag.py): the page at 320 CSS px (no sideways scrolling,
text spacing), the skip link, the focus indicator of every focusable element, the text at 200 %.

The URLs are resolved against the browser server's own database (the matrix rows' kwargs look up
demo objects), in a subprocess, before the browser starts; only pages that answer 200 with HTML
are visited (downloads, feeds and JSON are not pages)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.e2e.conftest import ROOT, check_a11y
from tests.e2e.wcag import check_page
from tests.test_permission_matrix import MATRIX

GET_NAMES = sorted(name for name, row in MATRIX.items() if row.method == "get")

RESOLVE = r"""
import json
from django.test import Client
from governance.people.models import User
from tests.security.matrixwalk import allowed_role, url_for
out = {}
for name in json.loads(NAMES):
    try:
        role = allowed_role(name)
        url = url_for(name)
        client = Client()
        if role:
            client.force_login(User.objects.get(username=role))
        response = client.get(url, HTTP_HOST="127.0.0.1")
        html = response.get("Content-Type", "").startswith("text/html")
        out[name] = {"url": url, "role": role, "status": response.status_code, "html": html}
    except Exception as exc:
        out[name] = {"error": f"{type(exc).__name__}: {exc}"}
print("RESULT" + json.dumps(out))
"""


@pytest.fixture(scope="module")
def sweep(e2e_server, browser):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.e2e.settings", "DATABASE_URL": e2e_server.database_url,
           "PYTHONPATH": str(ROOT)}
    if not e2e_server.database_url:
        pytest.fail("E2E_BASE_URL needs DATABASE_URL too: the sweep resolves the pages' URLs in the server's database")
    program = f"NAMES = {json.dumps(GET_NAMES)!r}\n" + RESOLVE
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", program], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith("RESULT")), None)
    assert result.returncode == 0 and line, result.stdout[-2000:] + result.stderr[-3000:]
    return json.loads(line[len("RESULT"):])


@pytest.mark.parametrize("name", GET_NAMES)
def test_every_page_passes_axe(pages, sweep, name):
    info = sweep[name]
    assert "error" not in info, f"{name}: {info.get('error')}"
    assert info["status"] in (200, 302), f"{name}: no demo account can open it ({info['status']})"
    if info["status"] == 302 or not info["html"]:
        return  # a redirect to a page swept on its own, or a download/feed/JSON: no page for axe
    if info["role"]:
        page, response = pages.open_as(info["role"], info["url"])
    else:
        page = pages.new()
        response = page.goto(info["url"])
    assert response is not None and response.status == 200, f"{name}: {response and response.status}"
    shot_name = f"sweep-{name.replace(':', '-')}-{info['role'] or 'anonymous'}"
    check_a11y(page, shot_name)  # axe, then reflow and text spacing at 320 px
    check_page(page, shot_name)  # skip link, focus indicators, text at 200 % (tests/e2e/wcag.py)
