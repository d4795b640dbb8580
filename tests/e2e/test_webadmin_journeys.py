"""The web management journeys of `weblead` (the web development lead), `communicator` and the
feature owner `webb-funktion` in a real Chromium, on the e2e server's demo data: axe-core on every
page visited (screenshots: see tests/e2e/conftest.py). The server, the browser
and the checks for CSP violations and JavaScript errors are tests/e2e/conftest.py's.

These journeys change data (a new feature request, a support, the backlog's order); they run
before test_workflows.py, which does not depend on what they change."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import check_a11y, shot

# The demo's feature owner: not one of the README's accounts (password demo like the others).
FEATURE_OWNER = "webb-funktion"


def test_the_web_development_lead(pages):
    page = pages.as_user("weblead")
    main = page.locator("main")
    expect(main).to_contain_text("Vakanta roller i webbförvaltningen")
    expect(main).to_contain_text("2 av 4 hållna, inget gemensamt möte planerat")
    shot(page, "weblead-webb-00-min-sida")
    page.locator("#main-nav").get_by_role("link", name="Webbförvaltning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Webbförvaltning")
    expect(main).to_contain_text("Strukturansvarig")
    expect(main).to_contain_text("Vakant")
    expect(main).to_contain_text("Processägare")
    check_a11y(page, "weblead-webb-01-oversikt")

    main.get_by_role("link", name="Ledamöter och möten").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Webbförvaltningsgruppen")
    check_a11y(page, "weblead-webb-02-gruppen")

    page.goto("/webb/")
    main.get_by_role("link", name="Arbetsgrupp tillgänglighet").click()
    expect(main).to_contain_text("Lägesrapporter")
    check_a11y(page, "weblead-webb-03-arbetsgrupp")

    page.goto("/webb/")
    main.get_by_role("link", name="Tillsätt en grupp").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tillsätt en arbetsgrupp eller referensgrupp")
    check_a11y(page, "weblead-webb-04-ny-grupp")

    page.goto("/webb/onskemal/")
    expect(main.get_by_role("table").first).to_contain_text("Bättre sökfunktion på externwebben")
    check_a11y(page, "weblead-webb-05-onskemal")

    page.goto("/webb/handbok/")
    main.get_by_role("link", name="Kom igång som webbredaktör").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kom igång som webbredaktör")
    check_a11y(page, "weblead-webb-06-handbok")

    for path, name in (("/webb/riktlinjer/", "07-riktlinjer"), ("/webb/plattformar/", "08-plattformar")):
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        check_a11y(page, f"weblead-webb-{name}")


def test_the_communicator_submits_and_supports_a_request(pages):
    page = pages.as_user("communicator")
    page.locator("#main-nav").get_by_role("link", name="Webbförvaltning").click()
    main = page.locator("main")
    main.get_by_role("link", name="Funktionsönskemål").first.click()
    main.get_by_role("link", name="Skicka in ett funktionsönskemål").click()
    check_a11y(page, "communicator-webb-01-nytt-onskemal")
    page.get_by_label("Rubrik").fill("Tydligare kontaktuppgifter")
    page.get_by_label("Intern webbplats").check()
    page.get_by_label("Problemet").fill("Kontaktuppgifterna är svåra att hitta.")
    page.get_by_label("Ditt förslag").fill("Lägg dem i sidfoten.")
    page.get_by_label("Vilka som berörs").fill("Alla medarbetare.")
    page.get_by_role("button", name="Skicka in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tydligare kontaktuppgifter")
    expect(main).to_contain_text("Ny")
    check_a11y(page, "communicator-webb-02-onskemalet")

    page.goto("/webb/onskemal/")
    main.get_by_role("link", name="Lättläst-version av startsidan").click()
    main.get_by_role("button", name=re.compile("Stöd från Dalarna")).click()
    expect(page.locator(".messages")).to_contain_text("Dalarna stöder nu detta önskemål.")
    expect(main).to_contain_text("Stöds av 3 organisationer.")
    check_a11y(page, "communicator-webb-03-stod")

    page.goto("/webb/handbok/")
    page.get_by_label("Sök i handboken och vanliga frågor").fill("Helpdesk")
    main.get_by_role("button", name="Sök").click()
    expect(main.get_by_role("table")).to_contain_text("Jag har glömt mitt lösenord")
    check_a11y(page, "communicator-webb-04-sok")


def test_the_feature_owner_reorders_the_backlog_with_htmx(pages):
    page = pages.as_user(FEATURE_OWNER)
    page.goto("/webb/onskemal/")
    rows = page.locator("#backlog tbody tr")
    first, second = rows.nth(0).locator("th a").inner_text(), rows.nth(1).locator("th a").inner_text()
    check_a11y(page, "feature-owner-webb-01-backlogg")
    with page.expect_response(re.compile(r"/flytta/$")) as response:
        rows.nth(0).get_by_role("button", name=re.compile("^Ned")).click()
    assert response.value.status == 200  # htmx swapped the table in place: no redirect, no reload
    expect(rows.nth(0).locator("th a")).to_have_text(second)
    expect(rows.nth(1).locator("th a")).to_have_text(first)
    page.reload()  # the order is saved
    expect(page.locator("#backlog tbody tr").nth(0).locator("th a")).to_have_text(second)
    check_a11y(page, "feature-owner-webb-02-omordnad")
