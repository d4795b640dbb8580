"""Delegation in a real Chromium, with axe-core on every page: Dalarna's information manager names a
colleague as deputy for the consultation in the form; the deputy sees the mandate on Min sida; the
demo's deputy for the conference opens Dalarna's registrations; the information manager ends the
mandate and the colleague's right is gone on the next page."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import check_a11y


def test_an_information_manager_names_a_deputy_who_sees_it_and_loses_it_when_ended(pages):
    infochef = pages.as_user("infochef")
    infochef.goto("/ersattare/")
    expect(infochef.get_by_role("heading", level=1)).to_have_text("Ersättare")
    check_a11y(infochef, "deputy-01-infochef-page")
    colleague = "Erik Sandberg"  # the demo's Dalarna communicator
    # The person picker names each person with their organisation (governance.people.forms).
    infochef.locator("select[name=deputy]").select_option(label=f"{colleague} (Dalarna)")
    infochef.get_by_label("Svara på remissen av verksamhetsplanen").check()
    infochef.locator("input[name=reason]").fill("Remissveckan")
    with infochef.expect_navigation():
        infochef.get_by_role("button", name="Utse ersättaren").click()
    expect(infochef.locator(".messages .alert-success")).to_contain_text("utsedd till ersättare")
    expect(infochef.locator("main")).to_contain_text("Remissveckan")
    check_a11y(infochef, "deputy-02-named")

    # The deputy sees the mandate on Min sida and on the deputies page.
    deputy = pages.as_user("communicator")
    deputy.goto("/")
    expect(deputy.locator("main")).to_contain_text("Du är ersättare")
    expect(deputy.locator("main")).to_contain_text("svara på remissen av verksamhetsplanen")
    check_a11y(deputy, "deputy-03-min-sida")

    # The demo's deputy for the conference reaches Dalarna's registrations.
    conference_deputy = pages.as_user("deputy")
    conference_deputy.goto("/konferens/")
    conference_deputy.locator("main a[href^='/konferens/']").first.click()
    with conference_deputy.expect_navigation():
        conference_deputy.get_by_role("link", name=re.compile("Anmäl deltagare från .*Dalarna")).click()
    expect(conference_deputy).to_have_url(re.compile(r"/anmalningar/W/$"))
    check_a11y(conference_deputy, "deputy-04-conference-registrations")

    # The information manager ends the mandate; the right is gone on the colleague's next page.
    infochef.goto("/ersattare/")
    with infochef.expect_navigation():
        infochef.get_by_role("button", name=f"Avsluta uppdraget för {colleague} nu").click()
    expect(infochef.locator(".messages .alert-success")).to_contain_text("Uppdraget är avslutat")
    deputy.goto("/ersattare/")
    expect(deputy.locator("main")).to_contain_text("Avslutat i förtid")
    check_a11y(deputy, "deputy-05-ended")
