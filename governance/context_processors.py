from django.conf import settings
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info

from governance.notifications.selectors import unread_count

# The menu of every app (settings.NAV_TEMPLATES) depends only on the language: rendered once per
# language and process (afresh on every request while DEBUG, so template edits show at once).
_NAV: dict[str, SafeString] = {}


def _nav() -> SafeString:
    language = get_language()
    nav = _NAV.get(language)
    if nav is None:
        nav = SafeString("".join(render_to_string(name) for name in settings.NAV_TEMPLATES))
        if not settings.DEBUG:
            _NAV[language] = nav
    return nav


def _other_languages() -> list[tuple[str, str]]:
    """The languages to switch to, each named in itself ("English", "Svenska")."""
    current = get_language()
    return [(code, capfirst(get_language_info(code)["name_local"])) for code, _ in settings.LANGUAGES
            if code != current]


def portal(request):
    """What base.html needs on every page: the unread count and each app's navigation. Each is
    computed when a template first uses it (a fragment rendered with the request costs nothing)."""
    user = getattr(request, "user", None)
    return {
        "nav": _nav,
        "other_languages": _other_languages,
        "unread_notifications": SimpleLazyObject(
            lambda: unread_count(user) if user is not None and user.is_authenticated else 0
        ),
    }
