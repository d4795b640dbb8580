"""{% load portal %}: the portal's own tags. `{% breadcrumbs %}` is the one breadcrumb trail."""
from __future__ import annotations

from functools import cache

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import import_string
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
