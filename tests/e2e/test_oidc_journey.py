"""Signing in with the agency account in a real browser: a portal server configured for the test
OpenID Provider (tests/oidc_provider/, its own process), on the browser tests' database. An
administrator maps the provider's organisation value in the admin; a person then signs in on the
provider's own login page, lands on Min sida in her organisation, and logs out of both."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    ROOT,
    _free_port,
    _Pages,
    _server_env,
    _wait_healthy,
    artifacts_dir,
    check_a11y,
    finish,
    login,
)


@pytest.fixture(scope="module")
def oidc_portal(e2e_server, oidc_provider):
    """A second portal server on the same database, with OIDC_ISSUER etc. set to the provider."""
    env = _server_env(e2e_server.database_url, e2e_server.mail_dir)
    env.update(oidc_provider.portal_env())
    port = _free_port()
    log = artifacts_dir() / "e2e-oidc-server.log"
    gunicorn = Path(sys.executable).with_name("gunicorn")
    with open(log, "w") as fh:
        proc = subprocess.Popen([str(gunicorn), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1",
                                 "--threads", "4", "--timeout", "60", "--access-logfile", "-", "--error-logfile", "-"],
                                cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc, log)
        yield url
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=15)


@pytest.fixture
def oidc_pages(browser, oidc_portal, request):
    p = _Pages(browser, oidc_portal)
    yield p
    finish(request, p)


def test_a_person_signs_in_at_the_providers_login_page_and_logs_out_of_both(oidc_pages, oidc_portal, oidc_provider):
    # The administrator (a local account) maps the provider's value to Dalarna in the admin.
    admin = oidc_pages.new()
    login(admin, "admin")
    admin.goto("/admin/governance/organisationclaimmapping/add/")
    admin.fill("input[name=claim_value]", "lst-dalarna")
    admin.select_option("select[name=organisation]", label="Länsstyrelsen i Dalarnas län")
    admin.click("input[name=_save]")
    expect(admin.locator("#result_list")).to_contain_text("lst-dalarna")

    page = oidc_pages.new()
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/konto/logga-in/\?next=/$"))
    agency = page.get_by_role("link", name="Logga in med ditt myndighetskonto")
    expect(agency).to_be_visible()
    check_a11y(page, "oidc-01-login")
    agency.click()
    # The provider's own login page, on its own origin.
    expect(page).to_have_url(re.compile("^" + re.escape(oidc_provider.url) + "/accounts/login/"))
    expect(page.get_by_role("heading", name="Myndighetens inloggning")).to_be_visible()
    page.fill("#op-username", "webb")
    page.fill("#op-password", "provider-password")
    page.click("#op-submit")
    # Back at the portal, signed in, on Min sida in her organisation.
    expect(page).to_have_url(oidc_portal + "/")
    expect(page.locator("header")).to_contain_text("Wera Webb")
    expect(page.locator("main")).to_contain_text("Dalarna")

    # Logging out ends the provider's session too, and comes back to the log-in page.
    page.get_by_role("button", name="Wera Webb").click()
    page.get_by_role("button", name="Logga ut").click()
    expect(page).to_have_url(re.compile(r"/konto/logga-in/$"))
    assert page.url.startswith(oidc_portal)
    page.get_by_role("link", name="Logga in med ditt myndighetskonto").click()
    expect(page).to_have_url(re.compile("^" + re.escape(oidc_provider.url) + "/accounts/login/"))
