"""The main journeys with the keyboard alone (WCAG 2.1.1 keyboard, 2.4.3 focus order, 2.4.1 skip
link, 2.4.7 focus visible, 1.4.13 dismissible, 4.1.3 status messages): Tab, Shift+Tab, Enter, Space,
the arrow keys and Escape — no clicks, no `fill`, no `goto` between the steps of a journey. Each step
asserts where the focus is, so a focus order that jumps, a skip link that goes nowhere, a menu that
only opens with the mouse or an htmx swap that drops the focus fails the journey. (Logging in with the
keyboard is test_journeys.py's test_login_form_with_the_keyboard_alone.)"""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import check_a11y
from tests.e2e.wcag import (
    NARROW,
    active,
    focus_problems,
    reflow_problems,
    tab_order,
    tab_to,
    tabbable_in_dom_order,
)

FEATURE_OWNER = "webb-funktion"


def focused_ring_is_clear(page):
    checked, problems = focus_problems(page, only_active=True)
    assert checked == 1 and not problems, problems or "nothing visible has the focus"


def test_the_start_page_in_tab_order_forwards_and_back(pages):
    """Tab visits every focusable element of Min sida once, in the order of the page (header, menu,
    main content); Shift+Tab goes back the same way."""
    page = pages.as_user("chair")
    expected = tabbable_in_dom_order(page)
    assert len(expected) > 15, expected
    assert "skip-link" in expected[0]
    assert tab_order(page, len(expected)) == expected
    assert tab_order(page, len(expected) - 1, key="Shift+Tab") == list(reversed(expected[:-1]))


def test_the_menu_at_320px_opened_and_followed_with_the_keyboard(pages):
    page = pages.as_user("chair")
    page.set_viewport_size(NARROW)
    page.reload()
    # Skip link, the name of the portal, the menu button: the header in order, the menu folded away.
    assert tab_order(page, 3) == tabbable_in_dom_order(page)[:3]
    toggler = page.locator(".navbar-toggler")
    expect(toggler).to_be_focused()
    expect(toggler).to_have_attribute("aria-expanded", "false")
    focused_ring_is_clear(page)  # on the dark header
    page.keyboard.press("Enter")
    expect(toggler).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#main-nav")).to_have_class(re.compile(r"\bshow\b"))
    # The open menu follows its button, and fits the narrow screen.
    page.keyboard.press("Tab")
    assert active(page)["text"] == "Min sida"
    focused_ring_is_clear(page)
    assert reflow_problems(page) == []
    # A sub-menu is a button: Space opens it, the arrow key reaches its first item, Escape closes it
    # and gives the focus back to its button.
    tab_to(page, "el.textContent.trim() === 'Verksamhetsplan'", limit=10)
    assert active(page)["tag"] == "button"
    submenu = page.locator("#main-nav button", has_text="Verksamhetsplan")
    page.keyboard.press("Space")
    expect(submenu).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    assert active(page)["text"] == "Verksamhetsplaner"
    focused_ring_is_clear(page)  # on the white sub-menu
    page.keyboard.press("Escape")
    expect(submenu).to_have_attribute("aria-expanded", "false")
    expect(submenu).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/verksamhetsplan/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Verksamhetsplaner")
    check_a11y(page, "keyboard-320-plan-list")


def test_a_form_filled_in_and_sent_with_the_keyboard(pages):
    """The communicator reaches the feature request form through the menu, sends it empty (the
    errors show), fills it in field by field in Tab order and sends it; the thanks is a status
    message."""
    page = pages.as_user("communicator")
    tab_to(page, "el.matches('#main-nav a') && el.textContent.trim() === 'Webbförvaltning'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Webbförvaltning")
    # Past the header with the skip link, then into the page's own menu.
    page.keyboard.press("Tab")
    expect(page.locator("a.skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    tab_to(page, "el.closest('main') && el.textContent.trim() === 'Funktionsönskemål'", limit=10)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "el.closest('main') && el.textContent.trim() === 'Skicka in ett funktionsönskemål'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Skicka in ett funktionsönskemål")

    # The form's fields, in the order Tab visits them, are the form's own order.
    form = "main form[enctype]"
    fields = tabbable_in_dom_order(page, form)
    tab_to(page, "el.name === 'title'")
    assert [fields[0]] + tab_order(page, len(fields) - 1) == fields
    # Sent empty with Enter on the button: the page comes back with the errors at the fields.
    assert active(page)["text"] == "Avbryt"
    page.keyboard.press("Shift+Tab")
    assert active(page)["text"] == "Skicka in"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(f"{form} .is-invalid").first).to_be_visible()
    check_a11y(page, "keyboard-form-errors")

    # Filled in, field by field.
    tab_to(page, "el.name === 'title'")
    page.keyboard.type("Tangentbordsgenvägar i redigeringsläget")
    page.keyboard.press("Tab")  # the radio group: the arrow keys choose
    assert active(page)["name"] == "site"
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Intern webbplats")).to_be_checked()
    for name, text in (("problem", "Allt måste göras med musen."), ("proposal", "Kortkommandon för spara och förhandsgranska."),
                       ("affected", "Webbredaktörer som inte använder mus.")):
        page.keyboard.press("Tab")
        assert active(page)["name"] == name
        page.keyboard.type(text)
    tab_to(page, "el.type === 'submit'", limit=3)
    with page.expect_navigation():
        page.keyboard.press("Space")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tangentbordsgenvägar i redigeringsläget")
    expect(page.get_by_role("status")).to_contain_text("Tack: ditt önskemål är inskickat.")
    check_a11y(page, "keyboard-form-sent")


def test_a_confirmation_step_with_the_keyboard(pages):
    """A new calendar address ends the old one, so the portal asks first: the question page's focus
    order is the confirming button, then the way back; Space confirms; the result is a status message."""
    page = pages.as_user("steering")
    tab_to(page, "el.matches('#main-nav a') && el.textContent.trim() === 'Möten'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "el.closest('main') && el.textContent.trim() === 'Kalenderprenumeration'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kalenderprenumeration")
    if page.get_by_role("button", name="Skapa min kalenderadress").count():  # no address yet: one first
        tab_to(page, "el.textContent.trim() === 'Skapa min kalenderadress'")
        with page.expect_navigation():
            page.keyboard.press("Enter")
    old_address = page.locator("#feed-url").input_value()
    tab_to(page, "el.textContent.trim() === 'Skapa en ny adress'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Skapa en ny adress?")
    expect(page.get_by_role("alert")).to_contain_text("Den gamla adressen slutar fungera")
    check_a11y(page, "keyboard-confirm-question")
    order = tabbable_in_dom_order(page, "main")
    assert [("Skapa en ny adress" in o, "Avbryt" in o) for o in order[-2:]] == [(True, False), (False, True)], order
    tab_to(page, "el.textContent.trim() === 'Skapa en ny adress'")
    focused_ring_is_clear(page)
    page.keyboard.press("Tab")
    assert active(page)["text"] == "Avbryt"
    page.keyboard.press("Shift+Tab")
    with page.expect_navigation():
        page.keyboard.press("Space")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kalenderprenumeration")
    expect(page.get_by_role("status")).to_contain_text("ny adress")
    assert page.locator("#feed-url").input_value() != old_address


def test_the_backlog_reordered_with_the_keyboard_keeps_the_focus(pages):
    """htmx replaces the backlog table when an item moves: the focus stays on the moved item's button,
    so the feature owner can press it again, and on its other button when it reaches the end."""
    page = pages.as_user(FEATURE_OWNER)
    tab_to(page, "el.matches('#main-nav a') && el.textContent.trim() === 'Webbförvaltning'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "el.closest('main') && el.textContent.trim() === 'Funktionsönskemål'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    rows = page.locator("#backlog tbody tr")
    first = rows.nth(0).locator("th a").inner_text()
    tab_to(page, f"el.textContent.trim() === {('Ned: ' + first)!r}", limit=60)
    for position in (1, 2):
        with page.expect_response(re.compile(r"/flytta/$")):
            page.keyboard.press("Enter")
        expect(rows.nth(position).locator("th a")).to_have_text(first)
        expect(page.locator("#backlog button:focus")).to_have_text(f"Ned: {first}")
    focused_ring_is_clear(page)
    # Back up to the top: there the Up button is disabled, and the focus moves to Down.
    page.keyboard.press("Shift+Tab")
    assert active(page)["text"] == f"Upp: {first}"
    for position, focused in ((1, "Upp"), (0, "Ned")):
        with page.expect_response(re.compile(r"/flytta/$")):
            page.keyboard.press("Enter")
        expect(rows.nth(position).locator("th a")).to_have_text(first)
        expect(page.locator("#backlog button:focus")).to_have_text(f"{focused}: {first}")
