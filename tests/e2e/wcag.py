"""WCAG 2.1 AA checks that axe-core cannot make, run in the real browser on the page as it is open.

- `check_narrow(page, name)` — part of `check_a11y`, so on every page a browser test checks with axe:
  - 1.4.10 reflow: at 320 CSS px wide the page does not scroll sideways (the document is no wider
    than the window). A wide table may scroll inside its own box ({% responsive_table %}); a failure
    names the elements that stick out.
  - 1.4.12 text spacing, at 320 px: with WCAG's overrides (line height 1.5, paragraph spacing 2em,
    letter spacing 0.12em, word spacing 0.16em) no text is cut off (an element with overflow
    hidden/clip whose content is larger than its box), no two pieces of text overlap (their line
    boxes intersect), and the page still does not scroll sideways.
  The viewport is put back afterwards, so a journey goes on as before.
- `check_page(page, name)` — the sweep (test_a11y_sweep.py), on every page of the permission matrix,
  on the page it has just opened for axe:
  - 2.4.1 skip link: the first Tab reaches the skip link, which shows itself; Enter moves the focus to
    its target, and the next Tab to the first focusable element inside the target.
  - 2.4.7 / 1.4.11 focus: every visible focusable element, focused in turn, matches :focus-visible and
    shows an indicator (outline or box-shadow ring) at least 2 CSS px thick with at least 3:1 contrast
    against the background behind it (one part of a two-colour ring suffices); no fixed or sticky
    element covers it once it has scrolled into view.
  - 1.4.4 resize text: the text-spacing check again with the root font size at 200 %.
- Keyboard journeys' helpers (2.1.1, 2.4.3): `active`, `tab_order`, `tabbable_in_dom_order`, `tab_to`.

A failing check photographs the page as it found it (320 px, the overrides on …) in the screenshots
directory. The overrides are CSS rules added through the CSSOM by the test's own script (the CSP
governs <style> elements and style attributes, not the CSSOM) and removed again afterwards."""
from __future__ import annotations

from tests.e2e.conftest import GALLERY, shot

# --- 1.4.10 Reflow ----------------------------------------------------------------------------------
_REFLOW = r"""() => {
  const root = document.documentElement, width = root.clientWidth;
  const over = root.scrollWidth - width;
  const culprits = [];
  if (over > 0) {
    const clips = (el) => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== 'visible') return true; } return false; };
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right <= width + 0.5 || r.width === 0) continue;
      const parent = el.parentElement && el.parentElement.getBoundingClientRect();
      const outermost = !parent || parent.right <= width + 0.5 || getComputedStyle(el).position === 'absolute';
      if (outermost && (!clips(el) || getComputedStyle(el).position === 'absolute')) {
        culprits.push(`<${el.tagName.toLowerCase()} class="${el.getAttribute('class') || ''}"> reaches ${Math.round(r.right)}px: `
                      + (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60));
      }
      if (culprits.length >= 8) break;
    }
  }
  return {width, over, culprits};
}"""


def reflow_problems(page) -> list[str]:
    """1.4.10: the page does not scroll sideways at the viewport's width."""
    result = page.evaluate(_REFLOW)
    if result["over"] <= 0:
        return []
    return [f"1.4.10 reflow: the page scrolls sideways by {result['over']}px at {result['width']}px wide"] + [
        "    " + c for c in result["culprits"]]


def _photographed(page, name: str, problems: list[str]) -> list[str]:
    """The problems; the page as it is now is photographed as `name` when there are any."""
    if problems:
        shot(page, name, always=True)
    return problems


def _fail(page, name: str, problems: list[str]):
    if problems:
        raise AssertionError(f"WCAG 2.1 AA on {page.url} ({name}):\n" + "\n".join(problems[:30]))


# --- 1.4.12 Text spacing / 1.4.4 Resize text -----------------------------------------------------------
# Rules added to (and then removed from) the page's own style sheet through the CSSOM.
_ADD_RULES = r"""(rules) => {
  const sheet = [...document.styleSheets].find(s => { try { return s.href && s.cssRules; } catch (e) { return false; } });
  if (!sheet) throw new Error('no same-origin style sheet to add rules to');
  const first = sheet.cssRules.length;
  rules.forEach((rule, i) => sheet.insertRule(rule, first + i));
  (window.__wcagRules = window.__wcagRules || []).push({sheet, first, count: rules.length});
}"""
_REMOVE_RULES = r"""() => {
  const added = (window.__wcagRules || []).pop();
  if (added) for (let i = added.count - 1; i >= 0; i--) added.sheet.deleteRule(added.first + i);
}"""
# WCAG's text-spacing overrides (the "text spacing bookmarklet" of the Understanding document).
TEXT_SPACING = ["*, *::before, *::after { line-height: 1.5 !important; letter-spacing: 0.12em !important;"
                " word-spacing: 0.16em !important; }",
                "p { margin-bottom: 2em !important; }"]
# No transitions while the focus is measured: Bootstrap fades its focus shadows in, and scrolls smoothly.
NO_TRANSITIONS = ["*, *::before, *::after { transition: none !important; animation: none !important; }",
                  "html { scroll-behavior: auto !important; }"]


class added_rules:
    """`with added_rules(page, rules):` the rules apply to the page inside the block."""

    def __init__(self, page, rules: list[str]):
        self.page, self.rules = page, rules

    def __enter__(self):
        self.page.evaluate(_ADD_RULES, self.rules)

    def __exit__(self, *exc):
        self.page.evaluate(_REMOVE_RULES)


_CLIPPED_AND_OVERLAPPING = r"""() => {
  const problems = [];
  const label = (el) => `<${el.tagName.toLowerCase()} class="${el.getAttribute('class') || ''}">`;
  const snippet = (t) => (t || '').trim().replace(/\s+/g, ' ').slice(0, 50);
  // Not shown (closed <details>, display: none …), or hidden on purpose for screen readers only, or
  // text that is not laid out as text (form controls' own contents, SVG charts).
  const hidden = (el) => !el.checkVisibility({visibilityProperty: true, opacityProperty: true})
    || !!el.closest('.visually-hidden, .visually-hidden-focusable:not(:focus):not(:focus-within), svg, select, option, textarea, script, style, template');
  // Cut off: a box that hides its overflow, with text in it, and content larger than the box.
  for (const el of document.body.querySelectorAll('*')) {
    const cs = getComputedStyle(el);
    const hx = cs.overflowX === 'hidden' || cs.overflowX === 'clip', hy = cs.overflowY === 'hidden' || cs.overflowY === 'clip';
    if (!hx && !hy) continue;
    if (hidden(el) || !snippet(el.textContent)) continue;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1 || cs.visibility === 'hidden') continue;
    if ((hx && el.scrollWidth > el.clientWidth + 1) || (hy && el.scrollHeight > el.clientHeight + 1)) {
      problems.push(`text cut off in ${label(el)} (content ${el.scrollWidth}x${el.scrollHeight}px in a box of `
                    + `${el.clientWidth}x${el.clientHeight}px): ${snippet(el.textContent)}`);
    }
  }
  // Overlapping: the line boxes of different pieces of text intersect.
  const rects = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(), n = 0; node; node = walker.nextNode(), n++) {
    if (!node.data.trim() || hidden(node.parentElement)) continue;
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.width > 1 && r.height > 1) rects.push({n, node, top: r.top + scrollY, bottom: r.bottom + scrollY,
                                                   left: r.left + scrollX, right: r.right + scrollX});
    }
  }
  rects.sort((a, b) => a.top - b.top);
  const active = [], seen = new Set();
  for (const r of rects) {
    for (let i = active.length - 1; i >= 0; i--) if (active[i].bottom <= r.top + 2) active.splice(i, 1);
    for (const a of active) {
      if (a.n === r.n) continue;
      const w = Math.min(a.right, r.right) - Math.max(a.left, r.left), h = Math.min(a.bottom, r.bottom) - Math.max(a.top, r.top);
      const key = a.n + ':' + r.n;
      if (w > 2 && h > 2 && !seen.has(key)) {
        seen.add(key);
        problems.push(`text overlaps: "${snippet(a.node.data)}" (${label(a.node.parentElement)}) and `
                      + `"${snippet(r.node.data)}" (${label(r.node.parentElement)})`);
      }
    }
    active.push(r);
    if (problems.length >= 20) break;
  }
  return problems;
}"""


def text_spacing_problems(page, name: str, text_size: str | None = None) -> list[str]:
    """1.4.12 (and 1.4.4 with `text_size`, e.g. "200%", as the root font size): no text cut off or
    overlapping, and no sideways scrolling, with WCAG's text-spacing overrides. The page is
    photographed with the overrides on when something is wrong; they are removed afterwards."""
    what = f"1.4.4 text at {text_size} with 1.4.12 text spacing" if text_size else "1.4.12 text spacing"
    rules = TEXT_SPACING + ([f"html {{ font-size: {text_size} !important; }}"] if text_size else [])
    with added_rules(page, rules):
        problems = [f"{what}: {p}" for p in page.evaluate(_CLIPPED_AND_OVERLAPPING) + reflow_problems(page)]
        suffix = f"text-{text_size.rstrip('%')}" if text_size else "text-spacing"
        return _photographed(page, f"{name}-{page.viewport_size['width']}px-{suffix}", problems)


NARROW = {"width": 320, "height": 800}


def check_narrow(page, name: str):
    """At 320 CSS px wide: no sideways scrolling (1.4.10), and none either, nor text cut off or
    overlapping, with the text-spacing overrides (1.4.12). The viewport is put back afterwards."""
    before = page.viewport_size
    page.set_viewport_size(NARROW)
    try:
        if name in GALLERY:  # the README gallery's pages at 320 px too, to look at after a run
            shot(page, f"{name}-320px")
        problems = _photographed(page, f"{name}-320px", reflow_problems(page))
        problems += text_spacing_problems(page, name)
    finally:
        page.set_viewport_size(before)
    _fail(page, name, problems)


def check_page(page, name: str):
    """The checks that need the page fresh and whole, at the window's width (the sweep's): the skip
    link (2.4.1, first, while nothing has the focus yet), the focus indicator of every focusable
    element (2.4.7, 1.4.11), and the text at 200 % with the text-spacing overrides (1.4.4, 1.4.12)."""
    problems = _photographed(page, f"{name}-skip-link", skip_link_problems(page))
    checked, found = focus_problems(page)
    problems += _photographed(page, f"{name}-focus", found)
    problems += text_spacing_problems(page, name, text_size="200%")
    _fail(page, name, problems)


# --- 2.4.7 / 1.4.11 Focus visible, with contrast; 2.4.11 not obscured ----------------------------------
_FOCUS = r"""(onlyActive) => {
  const parse = (c) => { const m = c && c.match(/rgba?\(([^)]+)\)/); if (!m) return null;
    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, bottom) => { const a = top[3]; return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat(1); };
  const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const contrast = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const background = (el) => {  // the colour behind el: its ancestors' backgrounds over the white canvas
    const layers = [];
    for (let p = el.parentElement; p; p = p.parentElement) {
      const c = parse(getComputedStyle(p).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    return layers.reverse().reduce((acc, c) => over(c, acc), [255, 255, 255, 1]);
  };
  const shadows = (value) => {  // [{color, spread}] of the non-inset box shadows
    if (!value || value === 'none') return [];
    return value.split(/,(?![^(]*\))/).map(s => s.trim()).filter(s => !/\binset\b/.test(s)).map(s => {
      const color = parse(s), lengths = s.replace(/rgba?\([^)]*\)/, '').trim().split(/\s+/).map(parseFloat);
      return {color, spread: lengths[3] || 0, blur: lengths[2] || 0};
    }).filter(s => s.color);
  };
  const name = (el) => `<${el.tagName.toLowerCase()}${el.id ? ' id="' + el.id + '"' : ''} class="${el.getAttribute('class') || ''}">`
                       + ` "${(el.textContent || el.value || el.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 40)}"`;
  const covering = [...document.body.querySelectorAll('*')].filter(e => {
    const p = getComputedStyle(e).position; return p === 'fixed' || p === 'sticky'; });
  const focusable = onlyActive ? [document.activeElement] : [...document.querySelectorAll(
    'a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, iframe, [tabindex], [contenteditable=""], [contenteditable=true]')]
    .filter(el => !el.disabled && el.tabIndex >= 0 && !el.closest('[inert]'));
  const problems = [];
  let checked = 0;
  for (const el of focusable) {
    if (!onlyActive) el.focus({preventScroll: true});
    if (!onlyActive && covering.length) {
      // As Shift+Tab would: the page scrolled past the element, which comes into view at the top edge
      // (less the page's scroll-padding-top), where a sticky header sits.
      window.scrollTo(0, document.documentElement.scrollHeight);
      el.scrollIntoView({block: 'nearest', inline: 'nearest'});
    }
    if (document.activeElement !== el || el === document.body) continue;  // not focusable after all (hidden …)
    const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
    if (r.width <= 1 || r.height <= 1 || cs.visibility !== 'visible') continue;
    checked++;
    const bg = background(el);
    const parts = [];
    const ow = parseFloat(cs.outlineWidth) || 0, offset = parseFloat(cs.outlineOffset) || 0;
    const outline = cs.outlineStyle !== 'none' && ow > 0 ? parse(cs.outlineColor) : null;
    if (outline) parts.push({what: 'outline', color: over(outline, bg), width: ow});
    for (const s of shadows(cs.boxShadow)) {
      // The part of the shadow's ring the outline does not cover (the outline is drawn on top).
      let width = s.spread + s.blur / 2;
      if (outline) width = Math.min(width, Math.max(offset, 0)) + Math.max(0, width - Math.max(offset, 0) - ow);
      parts.push({what: 'box-shadow', color: over(s.color, bg), width});
    }
    const best = parts.filter(p => p.width >= 2).map(p => contrast(p.color, bg));
    const ratio = best.length ? Math.max(...best) : 0;
    if (!(el.matches(':focus-visible') && ratio >= 3)) {
      const seen = parts.map(p => `${p.what} ${p.width.toFixed(1)}px rgb(${p.color.slice(0, 3).map(Math.round)})`).join(', ') || 'none';
      problems.push(`focus indicator of ${name(el)}: ${ratio.toFixed(2)}:1 against rgb(${bg.slice(0, 3).map(Math.round)}) (${seen})`);
    }
    for (const c of covering) {
      if (c.contains(el) || el.contains(c)) continue;
      const cr = c.getBoundingClientRect();
      const w = Math.min(cr.right, r.right) - Math.max(cr.left, r.left), h = Math.min(cr.bottom, r.bottom) - Math.max(cr.top, r.top);
      if (w <= 0 || h <= 0) continue;
      // On top where they meet? (the skip link, say, is drawn over the header)
      const hit = document.elementFromPoint(Math.max(cr.left, r.left) + w / 2, Math.max(cr.top, r.top) + h / 2);
      if (hit && c.contains(hit) && !el.contains(hit)) problems.push(`the focused ${name(el)} is covered by the ${getComputedStyle(c).position} <${c.tagName.toLowerCase()} class="${c.getAttribute('class') || ''}">`);
    }
    if (problems.length >= 20) break;
  }
  if (!onlyActive) {
    if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
    window.scrollTo(0, 0);
  }
  return {checked, problems};
}"""


def focus_problems(page, *, only_active: bool = False) -> tuple[int, list[str]]:
    """(How many elements were checked, what is wrong): every visible focusable element of the page,
    focused in turn and left unfocused afterwards; or, `only_active`, just the element that has the
    focus now (a keyboard journey's), which keeps it."""
    if not only_active:
        page.keyboard.press("Shift")  # a keyboard user: focus() from here on shows :focus-visible
    with added_rules(page, NO_TRANSITIONS):
        result = page.evaluate(_FOCUS, only_active)
    return result["checked"], [f"2.4.7/1.4.11 focus: {p}" for p in result["problems"]]


# --- 2.4.1 Skip link ---------------------------------------------------------------------------------
_ACTIVE = r"""() => { const el = document.activeElement; if (!el || el === document.body) return null;
  const r = el.getBoundingClientRect();
  return {tag: el.tagName.toLowerCase(), id: el.id, cls: el.getAttribute('class') || '', href: el.getAttribute('href'),
          text: (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60), name: el.getAttribute('name'),
          value: el.value === undefined ? null : String(el.value).slice(0, 60),
          inMain: !!el.closest('main'), visible: r.width > 1 && r.height > 1 && r.bottom > 0 && r.right > 0
                                                 && r.top < innerHeight && r.left < innerWidth}; }"""
# The skip link's check in three scripts (each a round trip to the browser) around the key presses.
_SKIP_START = r"""() => {
  if (document.activeElement && document.activeElement !== document.body) {
    // The page focuses a field itself (autofocus): start the Tab sequence at the top of the page
    // instead, from a throw-away focusable element there.
    const start = document.createElement('span'); start.tabIndex = -1;
    document.body.prepend(start); start.focus(); start.addEventListener('blur', () => start.remove());
  }
}"""
_SKIP_FIRST = r"""() => {
  const el = document.activeElement, main = document.querySelector('main');
  const r = el && el !== document.body ? el.getBoundingClientRect() : null;
  const href = el && el.getAttribute('href') || '', target = href.startsWith('#') && document.getElementById(href.slice(1));
  const tabbable = target ? [...target.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]')]
    .filter(e => !e.disabled && e.tabIndex >= 0 && e.getClientRects().length && getComputedStyle(e).visibility === 'visible') : [];
  window.__skipLog = [];  // what has the focus after each of the next key presses
  window.__skipListener = (event) => window.__skipLog.push(event.target);
  document.addEventListener('focusin', window.__skipListener, {capture: true});
  return {html: el ? el.outerHTML.slice(0, 120) : null, skipLink: !!(el && el.classList.contains('skip-link')),
          visible: !!r && r.width > 1 && r.height > 1 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
          nothingToSkip: !document.querySelector('.skip-link') && !!main && main === document.body.firstElementChild
                         && main.contains(el),
          href, target: !!target, expected: tabbable.length ? tabbable[0].outerHTML.slice(0, 120) : null};
}"""
_SKIP_AFTER = r"""() => {
  const log = (window.__skipLog || []).map(el => ({id: el.id, html: el.outerHTML.slice(0, 120)}));
  document.removeEventListener('focusin', window.__skipListener, {capture: true});
  if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
  window.scrollTo(0, 0);
  return log;
}"""


def active(page) -> dict | None:
    """What has the keyboard focus: tag, id, class, href, text, name, whether it is in <main> and visible."""
    return page.evaluate(_ACTIVE)


def skip_link_problems(page) -> list[str]:
    """2.4.1 on a freshly opened page: the first Tab reaches the skip link, which shows itself; Enter
    moves the focus to its target; the next Tab reaches the target's first focusable element. A page
    that starts with its main content (the printable plan) needs none."""
    page.evaluate(_SKIP_START)
    page.keyboard.press("Tab")
    first = page.evaluate(_SKIP_FIRST)
    if first["nothingToSkip"]:
        return []
    if not first["skipLink"]:
        return [f"2.4.1 skip link: the first Tab reaches {first['html']}, not the skip link"]
    if not first["visible"]:
        return ["2.4.1 skip link: the focused skip link is not visible"]
    if not first["target"]:
        return [f"2.4.1 skip link: its target {first['href']!r} is not on the page"]
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    log = page.evaluate(_SKIP_AFTER)  # [the target, the first element in it]
    if not log or log[0]["id"] != first["href"][1:]:
        return [f"2.4.1 skip link: Enter on it moved the focus to {log[0]['html'] if log else 'nothing'}, "
                f"not to {first['href']}"]
    if first["expected"] and (len(log) < 2 or log[1]["html"] != first["expected"]):
        return [f"2.4.1 skip link: Tab after it reaches {log[1]['html'] if len(log) > 1 else 'nothing'}, "
                f"not the first element of {first['href']}: {first['expected']}"]
    return []


# --- Keyboard journeys ---------------------------------------------------------------------------------
_TABBABLE = r"""(scope) => {
  const root = scope ? document.querySelector(scope) : document.body;
  // Tab visits one radio button of a group: the checked one, or the first when none is.
  const radioStop = (el) => { if (el.type !== 'radio' || !el.name) return true;
    const group = [...(el.form || document).querySelectorAll('input[type=radio]')].filter(r => r.name === el.name && !r.disabled);
    const checked = group.find(r => r.checked); return el === (checked || group[0]); };
  return [...root.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]')]
    .filter(el => !el.disabled && el.tabIndex >= 0 && !el.closest('[inert]') && radioStop(el)
                  && el.getClientRects().length && getComputedStyle(el).visibility === 'visible')
    .map(el => el.outerHTML.slice(0, 120)); }"""


def tabbable_in_dom_order(page, scope: str | None = None) -> list[str]:
    """The opening tags of the elements Tab should visit, in document order (the order a reader meets
    them, which is what a sensible focus order is): a positive tabindex, which the browser visits
    first, or a focusable element the keyboard cannot reach makes `tab_order` differ from it."""
    return page.evaluate(_TABBABLE, scope)


def tab_order(page, presses: int, key: str = "Tab") -> list[str]:
    """Press Tab `presses` times; the elements that had the focus, as their opening tags."""
    seen = []
    for _ in range(presses):
        page.keyboard.press(key)
        seen.append(page.evaluate("() => document.activeElement ? document.activeElement.outerHTML.slice(0, 120) : ''"))
    return seen


def tab_to(page, predicate_js: str, limit: int = 40, key: str = "Tab") -> int:
    """Press Tab until document.activeElement (`el`) satisfies the predicate; return the presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press(key)
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!(el && ({predicate_js})); }}"):
            return presses
    raise AssertionError(f"{key} never reached the element ({predicate_js}) in {limit} presses; "
                         f"the focus is on {active(page)}")
