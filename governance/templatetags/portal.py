"""{% load portal %}: the portal's own tags. `{% breadcrumbs %}` is the one breadcrumb trail,
`{% responsive_table %}` the one wrapper of a table."""
from __future__ import annotations

import re
from functools import cache
from html import unescape

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, strip_tags
from django.utils.module_loading import import_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@cache
def _sections() -> list[tuple[str, object, str]]:
    """Every app's sections (settings.BREADCRUMB_SECTIONS), longest path prefix first."""
    found = [s for path in settings.BREADCRUMB_SECTIONS for s in import_string(path)]
    return sorted(found, key=lambda s: len(s[0]), reverse=True)


def _url(target) -> str:
    """A URL given as such, or a URL name ("app:name") reversed."""
    target = str(target)
    if ":" in target and "/" not in target:
        try:
            return reverse(target)
        except NoReverseMatch:
            return target
    return target


def section_of(path: str) -> tuple[str, str] | None:
    """(name, URL) of the innermost section `path` lies in, or None (the start page, the account pages)."""
    for prefix, label, url_name in _sections():
        if path.startswith(prefix):
            return str(label), reverse(url_name)
    return None


def sections_above(path: str) -> list[tuple[str, str]]:
    """The sections `path` lies in, outermost first, without the page itself: /webb/onskemal/3/ lies
    in the web management and in its feature requests; /webb/onskemal/ only in the former."""
    found = [(str(label), reverse(url_name)) for prefix, label, url_name in reversed(_sections())
             if path.startswith(prefix)]
    return [(label, url) for label, url in found if url != path]


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, *ancestors):
    """The trail above the page (GOV.UK style: the page's own heading follows it): Min sida, then
    `ancestors` given as label, URL (or URL name) pairs — or, when the page names none, the sections
    its path lies in (governance/breadcrumbs.py and each app's). Nothing on the start page."""
    request = context.get("request")
    path = request.path if request is not None else ""
    home = reverse("governance:home")
    if not path or path == home:
        return {"trail": []}
    trail = [(_("My page"), home)]
    if ancestors:
        trail += [(str(label), _url(url)) for label, url in zip(ancestors[0::2], ancestors[1::2], strict=True)]
    else:
        trail += sections_above(path)
    return {"trail": trail}


_CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.S | re.I)


class ResponsiveTableNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        html = self.nodelist.render(context)
        found = _CAPTION.search(html)
        if found is None:
            raise template.TemplateSyntaxError("{% responsive_table %} needs a table with a <caption>: it names the region")
        label = " ".join(unescape(strip_tags(found.group(1))).split())
        return format_html('<div class="table-responsive" role="region" aria-label="{}" tabindex="0">{}</div>',
                           label, mark_safe(html))  # noqa: S308 - the table as the template rendered it


@register.tag
def responsive_table(parser, token):
    """`{% responsive_table %}<table>…<caption>…</caption>…</table>{% endresponsive_table %}`: the one way to
    show a table. On a narrow screen (320 CSS px, WCAG 1.4.10) a table wider than the screen scrolls
    inside its own box instead of the whole page scrolling sideways; the box is a region named by the
    table's caption and takes keyboard focus, so it can be scrolled with the arrow keys."""
    nodelist = parser.parse(("endresponsive_table",))
    parser.delete_first_token()
    return ResponsiveTableNode(nodelist)
