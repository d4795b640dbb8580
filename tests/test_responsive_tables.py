"""Every table of the portal scrolls inside its own box on a narrow screen (WCAG 1.4.10 reflow: the
page itself never scrolls sideways at 320 CSS px), in one way: `{% responsive_table %}` around the
<table>, which makes the box a region named by the table's caption and reachable with the keyboard
(tests/e2e checks the pages themselves in Chromium)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template import Context, Template, TemplateSyntaxError

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
# Not pages: the archive's documents, rendered to PDF/A with their own print styles (A4, no screen).
NOT_PAGES = ("archive",)
TABLE_TEMPLATES = sorted(p for p in TEMPLATES.rglob("*.html") if "<table" in p.read_text(encoding="utf-8")
                         and p.relative_to(TEMPLATES).parts[0] not in NOT_PAGES)


def test_there_are_tables_to_check():
    assert len(TABLE_TEMPLATES) > 40


@pytest.mark.parametrize("path", TABLE_TEMPLATES, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_each_table_is_a_responsive_table_with_a_caption(path):
    text = path.read_text(encoding="utf-8")
    tables = len(re.findall(r"<table\b", text))
    wrapped = len(re.findall(r"\{% responsive_table %\}\s*<table\b", text))
    closed = len(re.findall(r"</table>\s*\{% endresponsive_table %\}", text))
    assert wrapped == closed == tables, f"{path}: wrap each <table> in {{% responsive_table %}}…{{% endresponsive_table %}}"
    assert len(re.findall(r"<caption\b", text)) == tables, f"{path}: each table needs a <caption> (it names the region)"
    assert "table-responsive" not in text, f"{path}: {{% responsive_table %}} is the one way to make a table scroll"
    assert re.search(r"\{% load [^%]*\bportal\b", text), f"{path}: {{% load portal %}}"


def test_the_region_is_named_by_the_caption_and_takes_the_focus():
    html = Template(
        "{% load portal %}{% responsive_table %}<table class=\"table\"><caption>Fees &amp; <em>budget</em>\n"
        "  {{ year }}</caption><tr><td>1</td></tr></table>{% endresponsive_table %}"
    ).render(Context({"year": 2026}))
    assert html.startswith('<div class="table-responsive" role="region" aria-label="Fees &amp; budget 2026" tabindex="0">'
                           '<table class="table">'), html
    assert html.endswith("</table></div>")


def test_a_table_without_a_caption_is_refused():
    template = Template("{% load portal %}{% responsive_table %}<table><tr><td>1</td></tr></table>{% endresponsive_table %}")
    with pytest.raises(TemplateSyntaxError, match="caption"):
        template.render(Context())


def test_messages_are_live_regions_errors_alerts():
    """WCAG 4.1.3: what a save reports is announced — role="status" for success, info and warnings,
    role="alert" for errors (base.html)."""
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.messages import constants
    from django.contrib.messages.storage.base import Message
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    request = RequestFactory().get("/konto/logga-in/")
    request.user = AnonymousUser()
    html = render_to_string("base.html", {"messages": [Message(constants.SUCCESS, "Sparat."),
                                                        Message(constants.ERROR, "Inte sparat.")]},
                            request=request)
    assert '<div class="alert alert-success" role="status">Sparat.</div>' in html
    assert '<div class="alert alert-danger" role="alert">Inte sparat.</div>' in html
