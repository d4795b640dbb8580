"""The main journeys in a real Chromium, with axe-core on every page visited (screenshots: see
tests/e2e/conftest.py)."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DEMO_ROLES, check_a11y, login, shot
from tests.e2e.wcag import focus_problems

# Who each demo account is: the name the start page greets and the organisation it shows.
ACCOUNTS = {
    "admin": ("Alva Admin", "Länsstyrelsernas IT-enhet"),
    "chair": ("Karin Lindqvist", "Länsstyrelsen i Jönköpings län"),
    "steering": ("Anders Berg", "Länsstyrelsen i Skåne län"),
    "infochef": ("Maria Holm", "Länsstyrelsen i Dalarnas län"),
    "communicator": ("Erik Sandberg", "Länsstyrelsen i Dalarnas län"),
    "weblead": ("Sofia Ekström", "Länsstyrelsen i Uppsala län"),
    "director": ("Lars Nyström", "Länsstyrelsen i Örebro län"),
    "g7": ("Eva Sjöberg", "Länsstyrelsen i Stockholms län"),
    "deputy": ("Nora Dahl", "Länsstyrelsen i Dalarnas län"),
    "former": ("Ingrid Lund", "Länsstyrelsen i Kalmar län"),
}
# A body each account sits in (the start page lists roles; the roles link to the body's page).
ROLE_BODY = {
    "chair": "Styrgruppen",
    "steering": "Styrgruppen",
    "infochef": "Informationschefsnätverket",
    "communicator": "Informatörsnätverket",
    "weblead": "Informatörsnätverket",
    "director": "Länsrådsgruppen",
    "g7": "G7",
    "deputy": "Informatörsnätverket",
}


def test_anonymous_pages_are_swedish_and_accessible(page):
    page.goto("/")
    # Not logged in: sent to the log-in page, in Swedish.
    expect(page).to_have_url(re.compile(r"/konto/logga-in/\?next=/$"))
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("heading", level=1)).to_have_text("Logga in")
    check_a11y(page, "anonymous-01-login")
    page.get_by_role("link", name="Glömt lösenordet?").click()
    expect(page).to_have_url(re.compile(r"/konto/aterstall/$"))
    check_a11y(page, "anonymous-02-password-reset")


def test_failed_login_shows_an_accessible_error(page):
    login(page, "chair", "wrong-password")
    expect(page).to_have_url(re.compile(r"/konto/logga-in/"))
    expect(page.locator(".alert-danger, .invalid-feedback, .errorlist").first).to_be_visible()
    check_a11y(page, "anonymous-03-login-failed")


@pytest.mark.parametrize("role", DEMO_ROLES)
def test_each_demo_account_sees_its_own_start_page(page, role):
    full_name, organisation = ACCOUNTS[role]
    login(page, role)
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Min sida")
    main = page.locator("main")
    expect(main.get_by_role("heading", name=full_name)).to_be_visible()
    expect(main).to_contain_text(organisation)
    if role in ROLE_BODY:
        expect(main.get_by_role("link", name=ROLE_BODY[role]).first).to_be_visible()
    check_a11y(page, f"{role}-01-min-sida")

    # The pages everyone reaches from the menu.
    nav_to(page, "/organ/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check_a11y(page, f"{role}-02-organ")
    page.get_by_role("link", name="Notiser").first.click()
    check_a11y(page, f"{role}-03-notiser")
    if role in ROLE_BODY:
        page.goto("/")
        page.locator("main").get_by_role("link", name=ROLE_BODY[role]).first.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(ROLE_BODY[role])
        check_a11y(page, f"{role}-04-body")
    page.goto("/notiser/installningar/")
    check_a11y(page, f"{role}-05-notification-settings")
    page.goto("/konto/losenord/")
    check_a11y(page, f"{role}-06-password-change")

    # Log out through the menu (a POST form); the start page then asks for a log-in again.
    page.goto("/")
    page.locator("#main-nav").get_by_role("button", name=full_name).click()
    page.get_by_role("button", name="Logga ut").click()
    expect(page).to_have_url(re.compile(r"/konto/logga-in/"))
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/konto/logga-in/\?next=/$"))
    shot(page, f"{role}-07-logged-out")


def nav_to(page, href: str):
    """Follow the main menu to `href`, opening its dropdown first when it sits in one."""
    link = page.locator(f"#main-nav a[href='{href}']").first
    if not link.is_visible():
        link.locator("xpath=ancestor::li[contains(@class,'dropdown')][1]/*[contains(@class,'dropdown-toggle')]").click()
    with page.expect_navigation():
        link.click()
    expect(page).to_have_url(re.compile(re.escape(href) + "$"))


def test_language_switch_to_english_and_back(page):
    login(page, "chair")
    expect(page.get_by_role("heading", level=1)).to_have_text("Min sida")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My page")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/$"))
    check_a11y(page, "language-01-english")
    # The choice sticks on the next page.
    page.goto("/organ/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    check_a11y(page, "language-02-english-bodies")
    page.get_by_role("button", name="Svenska").click()
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page).to_have_url(re.compile(r"/organ/$"))
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Min sida")
    check_a11y(page, "language-03-swedish-again")


def _tab_to(page, predicate_js: str, limit: int = 25) -> int:
    """Press Tab until document.activeElement satisfies the predicate; return the presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!(el && ({predicate_js})); }}"):
            return presses
    raise AssertionError(f"Tab never reached the element ({predicate_js}) in {limit} presses")


def test_login_form_with_the_keyboard_alone(page):
    page.goto("/konto/logga-in/")
    # The user-name field has the focus when the page opens (autofocus); no mouse from here on.
    expect(page.locator("input[name=username]")).to_be_focused()
    page.keyboard.type("infochef")
    page.keyboard.press("Tab")
    expect(page.locator("input[name=password]")).to_be_focused()
    page.keyboard.type("demo")
    shot(page, "keyboard-01-filled")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Min sida")

    # On the next page the first Tab reaches the skip link, which shows itself and moves the
    # focus to the main content.
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    shot(page, "keyboard-02-skip-link")
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()

    # Focus is visible on the menu links: a ring with at least 3:1 contrast against the dark header.
    page.goto("/")
    _tab_to(page, "el.classList.contains('nav-link')")
    checked, problems = focus_problems(page, only_active=True)
    assert checked == 1 and not problems, problems
    shot(page, "keyboard-03-focus-visible")

    # And log out with the keyboard: open the user menu, reach "Logga ut", press Enter.
    _tab_to(page, "el.classList.contains('dropdown-toggle') && el.textContent.trim() === 'Maria Holm'", limit=40)
    page.keyboard.press("Enter")
    _tab_to(page, "el.textContent.trim() === 'Logga ut'")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/konto/logga-in/"))


def test_axe_check_finds_a_violation(page):
    """The accessibility check itself works: a page with an unlabelled input and an image without
    alternative text is reported."""
    page.goto("/healthz/")
    page.set_content('<html lang="sv"><head><title>t</title></head><body><main><h1>x</h1>'
                     '<img src="/static/x.png"><input type="text"></main></body></html>')
    from tests.e2e.conftest import axe_violations

    ids = {v["id"] for v in axe_violations(page)}
    assert {"image-alt", "label"} <= ids, ids


def test_password_reset_mail_link_works(page, e2e_server):
    """The reset mail goes through the configured backend (files, in this server) and its link
    sets a new password."""
    page.goto("/konto/aterstall/")
    page.fill("input[name=email]", "lr-ab@samordna.example")
    page.get_by_role("button").filter(has_text="Skicka länk").first.click()
    expect(page).to_have_url(re.compile(r"/konto/aterstall/skickat/$"))
    check_a11y(page, "reset-01-sent")
    mails = sorted(e2e_server.mail_dir.glob("*.log"))
    assert mails, "no reset mail was written by the server's e-mail backend"
    text = "\n".join(m.read_text() for m in mails)
    match = re.search(r"https?://[^\s]+/konto/aterstall/[^\s/]+/[^\s/]+/", text)
    assert match, f"no reset link in the mail:\n{text[-2000:]}"
    link = match.group(0)
    page.goto(re.sub(r"^https?://[^/]+", "", link))
    expect(page.locator("input[name=new_password1]")).to_be_visible()
    check_a11y(page, "reset-02-new-password")
    page.fill("input[name=new_password1]", "Nytt-lösenord-för-test-2026")
    page.fill("input[name=new_password2]", "Nytt-lösenord-för-test-2026")
    page.locator("form:has(input[name=new_password1]) button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/konto/aterstall/klart/$"))
    check_a11y(page, "reset-03-done")
    login(page, "lr-ab", "Nytt-lösenord-för-test-2026")
    expect(page.get_by_role("heading", level=1)).to_have_text("Min sida")


def test_the_lockout_page_is_clear_and_accessible(page):
    """After AXES_FAILURE_LIMIT wrong passwords the person sees why and what to do (a throw-away
    demo account, locked from 127.0.0.1 only)."""
    from django.conf import settings

    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(page, "lr-bd", "fel-lösenord")
    expect(page.get_by_role("heading", level=1)).to_contain_text("låst")
    expect(page.locator("main")).to_contain_text("administratör")
    check_a11y(page, "lockout-01-locked")
    # The right password does not help until the cool-off has passed or an admin unlocks.
    login(page, "lr-bd", "demo")
    expect(page.get_by_role("heading", level=1)).to_contain_text("låst")
