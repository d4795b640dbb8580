"""The checks of tests/e2e/wcag.py themselves work: on a portal page broken on purpose (rules added
through the CSSOM, elements moved or changed by script — nothing the CSP would block), each check
reports the fault, and passes once the page is put right. Like test_axe_check_finds_a_violation."""
from __future__ import annotations

import pytest

from tests.e2e import wcag
from tests.e2e.conftest import check_a11y


@pytest.fixture(autouse=True)
def own_screenshots(tmp_path, monkeypatch):
    """The pages broken on purpose are photographed like any failing page, but into a directory of
    their own rather than among the run's screenshots."""
    monkeypatch.setenv("ARTIFACTS_DIR", str(tmp_path))
    return tmp_path / "screenshots"


def _page(pages, html: str = "", rules: tuple[str, ...] = ()):
    page = pages.new()
    page.goto("/konto/aterstall/")  # a portal page with the header, skip link and style sheets
    if html:
        page.evaluate("(html) => { document.querySelector('main').insertAdjacentHTML('beforeend', html); }", html)
    if rules:
        page.evaluate(wcag._ADD_RULES, list(rules))
    return page


def _fails(check, page, *words: str):
    with pytest.raises(AssertionError) as failure:
        check(page, "selftest")
    for word in words:
        assert word in str(failure.value), str(failure.value)


def test_reflow_check_finds_a_page_that_scrolls_sideways(pages, own_screenshots):
    wide = ('<table class="table"><caption>Bred</caption><tr>'
            + "".join(f"<td>Organisationsnummerförteckning{i}</td>" for i in range(6)) + "</tr></table>")
    page = _page(pages, wide)
    _fails(check_a11y, page, "1.4.10", "scrolls sideways", "<table")
    assert (own_screenshots / "selftest-320px.png").exists()  # the page as the check found it
    # The same table in its own scrolling region: the page itself no longer scrolls sideways.
    page.evaluate("""() => { const t = document.querySelector('main table'), box = document.createElement('div');
        box.className = 'table-responsive'; box.setAttribute('role', 'region'); box.setAttribute('aria-label', 'Bred');
        box.tabIndex = 0; t.replaceWith(box); box.append(t); }""")
    check_a11y(page, "selftest")


def test_text_spacing_check_finds_cut_off_and_overlapping_text(pages):
    # Boxes a fixed number of lines high: full with the page's own line height, too small at 1.5.
    html = ('<div class="t-box t-clip">Första raden<br>andra raden</div>'
            '<div class="t-box t-spill">Tredje raden<br>fjärde raden</div><p class="t-next">Nästa stycke</p>')
    rules = (".t-box { line-height: 1; height: 2em; }", ".t-clip { overflow: hidden; }")
    page = _page(pages, html, rules)
    _fails(wcag.check_narrow, page, "1.4.12", "text cut off", "t-clip", "text overlaps", "Nästa stycke")
    page.evaluate(wcag._ADD_RULES, [".t-box { height: auto; }"])
    wcag.check_narrow(page, "selftest")


def test_text_size_check_finds_a_box_sized_in_pixels(pages):
    page = _page(pages, '<div class="t-px">En rad text</div>', (".t-px { height: 30px; overflow: hidden; }",))
    assert wcag.text_spacing_problems(page, "selftest") == []  # fits at the normal text size
    problems = wcag.text_spacing_problems(page, "selftest", text_size="200%")
    assert problems and "1.4.4" in problems[0] and "t-px" in problems[0], problems


def test_focus_check_finds_a_faint_or_missing_focus_indicator(pages):
    page = _page(pages)
    assert wcag.focus_problems(page)[1] == []
    # Bootstrap's own focus shadow (what the header had before): faint on the dark header.
    page.evaluate(wcag._ADD_RULES, [".btn:focus-visible { outline: 0 !important;"
                                    " box-shadow: 0 0 0 .25rem rgba(13, 110, 253, .25) !important; }"])
    checked, problems = wcag.focus_problems(page)
    assert checked >= 3 and problems, problems
    assert all("btn" in p for p in problems) and any("rgb(11,61,102)" in p for p in problems), problems
    # No indicator at all on a link in the page.
    page.evaluate(wcag._ADD_RULES, ["main a:focus-visible { outline: none !important; box-shadow: none !important; }"])
    assert any("<a" in p and "0.00:1" in p for p in wcag.focus_problems(page)[1])


def test_focus_check_finds_a_focused_element_under_a_sticky_header(pages):
    page = _page(pages, "".join(f'<p><a href="#">Länk {i}</a></p>' for i in range(40)),
                 (".portal-header { position: sticky; top: 0; z-index: 1020; }",))
    problems = wcag.focus_problems(page)[1]
    assert any("covered by the sticky <header" in p for p in problems), problems
    page.evaluate(wcag._ADD_RULES, ["html { scroll-padding-top: 6rem; }"])
    assert wcag.focus_problems(page)[1] == []


@pytest.mark.parametrize("breakage, words", [
    ("document.body.insertAdjacentHTML('afterbegin', '<a href=\"/\">Först</a>')", "the first Tab reaches"),
    ("document.getElementById('main').id = 'innehall'", "not on the page"),
    ("document.getElementById('main').removeAttribute('tabindex')", "Enter on it moved the focus"),
])
def test_skip_link_check_finds_a_broken_skip_link(pages, breakage, words):
    page = _page(pages)
    assert wcag.skip_link_problems(page) == []
    page.reload()
    page.evaluate(f"() => {{ {breakage}; }}")
    problems = wcag.skip_link_problems(page)
    assert problems and words in problems[0], problems


def test_tab_order_check_finds_a_positive_tabindex(pages):
    page = _page(pages)
    expected = wcag.tabbable_in_dom_order(page)
    assert wcag.tab_order(page, len(expected)) == expected
    page.reload()
    page.evaluate("() => { document.querySelector('main button[type=submit]').tabIndex = 1; }")
    order = wcag.tab_order(page, len(expected))
    assert order != expected and "submit" in order[0], order  # the button jumps the queue
