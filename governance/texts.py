"""Texts the portal stores to show later — a notification's subject and body, a plan version's
label, an invoice's reference, a web management decision's summary, the G7 report's sections — are
kept as their untranslated message and its parameters, and written in the reader's language when
shown: a page in the request's language, an e-mail in the recipient's (recipient_language()).

    from django.utils.translation import gettext_lazy
    from governance import texts

    texts.Text(gettext_lazy("Invoice %(number)s was due on %(due)s"), number=inv.number, due=inv.due_date)

The message is a lazy translation — gettext_lazy, pgettext_lazy, or ngettext_lazy / npgettext_lazy
with the name of the parameter that counts — so makemessages finds it. A parameter is kept as:

  str, int, bool, None  as it is: a name, a title, a person's own words are never translated
  a lazy translation    its msgid (a status, kind or role label: a field's choices), translated at display
  a Text                nested, written in the same language
  a date / datetime     ISO, written at display in the reader's date format (DATE_FORMAT /
                        DATETIME_FORMAT; a datetime in the portal's time zone, Europe/Stockholm);
                        texts.date(value, "j F Y") for another format
  texts.number(x, d), texts.kronor(x)   written at display by governance.money
  texts.lower(x)        lowercased at display ("is now %(status)s")
  a stored text         (the JSON of another row's text, e.g. an invoice's reference) as it is
Anything else raises TypeError: say how it is to be written.

Stored as JSON: {"$": "msg", "id": msgid, "ctx": …, "plural": …, "n": …, "params": {…}}; a verbatim
text (a person's own words, or a row made before this) is a plain string. Models keep the JSON in a
`<name>_message` field and the text in the default language in `<name>` (search, and the fallback),
and read it through StoredText: `subject_text = StoredText("subject")`."""
from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.functional import Promise

log = logging.getLogger("samordna.texts")

MARK = "$"


class Text:
    """A message and its parameters, written in the active language by str()."""

    def __init__(self, message, /, **params):
        if not isinstance(message, Promise):
            raise TypeError("Text() takes a lazy translation (gettext_lazy, ngettext_lazy, …), "
                            f"not {type(message).__name__}: the msgid must be found by makemessages")
        self.message = message
        self.params = params

    def encode(self) -> dict:
        data = _encode_lazy(self.message)
        if self.params:
            data["params"] = {str(k): _encode_param(v) for k, v in self.params.items()}
        return data

    def __str__(self) -> str:
        return render(self.encode())

    def __repr__(self) -> str:
        return f"Text({self.encode()!r})"


class Param:
    """A parameter written at display (texts.date, texts.number, …)."""

    def __init__(self, data: dict):
        self.data = data

    def encode(self) -> dict:
        return self.data


def date(value: dt.date | dt.datetime, format: str | None = None) -> Param:
    """A date (or datetime) written at display, in `format` (a date format string or a name such as
    "DATE_FORMAT"); a datetime in the portal's time zone."""
    if isinstance(value, dt.datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return Param({MARK: "datetime", "v": value.astimezone(dt.UTC).isoformat(), "f": format or "DATETIME_FORMAT"})
    return Param({MARK: "date", "v": value.isoformat(), "f": format or "DATE_FORMAT"})


def number(value, decimals: int = 0) -> Param:
    """A number written at display by governance.money.format_number (sv: 12 345; en: 12,345)."""
    return Param({MARK: "number", "v": None if value is None else str(value), "d": decimals})


def kronor(value, decimals: int = 0) -> Param:
    """An amount written at display by governance.money.format_kronor ("12 345 kr")."""
    return Param({MARK: "kronor", "v": None if value is None else str(value), "d": decimals})


def lower(value) -> Param:
    """A translated parameter lowercased at display ("your request is now accepted")."""
    return Param({MARK: "lower", "v": _encode_param(value)})


def choice(obj, field: str):
    """The lazy label of `obj`'s choice `field` (its current value), to be translated at display."""
    value = getattr(obj, field)
    return dict(obj._meta.get_field(field).flatchoices).get(value, value)


# --- Encoding ---------------------------------------------------------------------------------------
def encode(value) -> dict | str:
    """A text as stored: JSON for a Text or a lazy translation, the string itself for a verbatim one."""
    if isinstance(value, Text):
        return value.encode()
    if isinstance(value, Promise):
        return _encode_lazy(value)
    if isinstance(value, dict) and MARK in value:
        return value
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    raise TypeError(f"A stored text is a str, a lazy translation or a Text, not {type(value).__name__}")


def _encode_lazy(promise: Promise) -> dict:
    """The msgid (and context, plural and counting parameter) of a lazy translation, from its
    pickling recipe (django.utils.functional.lazy, django.utils.translation.lazy_number)."""
    try:
        recipe, args = promise.__reduce__()
    except Exception:  # pragma: no cover - a Promise of another kind
        recipe, args = None, ()
    name = getattr(recipe, "__name__", "")
    if name == "_lazy_proxy_unpickle":
        func, fargs, fkw = args[0], args[1], args[2]
        fname = getattr(func, "__name__", "")
        if fname == "gettext" and len(fargs) == 1 and not fkw:
            return {MARK: "msg", "id": fargs[0]}
        if fname == "pgettext" and len(fargs) == 2 and not fkw:
            return {MARK: "msg", "ctx": fargs[0], "id": fargs[1]}
        if fname in ("ngettext", "npgettext") and "singular" in fkw:  # a count given as a number
            data = {MARK: "msg", "id": fkw["singular"], "plural": fkw["plural"], "count": int(fkw["number"])}
            if "context" in fkw:
                data["ctx"] = fkw["context"]
            return data
    elif name == "_lazy_number_unpickle":
        func, _resultclass, counter, kwargs = args
        if isinstance(counter, str):
            data = {MARK: "msg", "id": kwargs["singular"], "plural": kwargs["plural"], "n": counter}
            if "context" in kwargs:
                data["ctx"] = kwargs["context"]
            return data
    raise TypeError("Only gettext_lazy, pgettext_lazy and ngettext_lazy/npgettext_lazy (with the name of "
                    "the counting parameter) can be stored to be translated at display")


def _encode_param(value):
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Text | Param):
        return value.encode()
    if isinstance(value, Promise):
        return _encode_lazy(value)
    if isinstance(value, dict) and MARK in value:  # a text already stored (another row's)
        return value
    if isinstance(value, dt.date):  # date and datetime
        return date(value).encode()
    if isinstance(value, Decimal | float):
        raise TypeError("Write a number parameter with texts.number() or texts.kronor()")
    raise TypeError(f"Say how a {type(value).__name__} parameter is written: pass str(...) for a name "
                    "(kept as it is), or a lazy label, a Text, texts.date/number/kronor")


# --- Rendering ---------------------------------------------------------------------------------------
def render(data) -> str:
    """A stored text (JSON or a plain string) written in the active language."""
    if data is None:
        return ""
    if isinstance(data, str):
        return data
    if isinstance(data, Text):
        return str(data)
    kind = data.get(MARK)
    if kind != "msg":
        return str(_render_param(data))
    raw = data.get("params") or {}
    params = {k: _render_param(v) for k, v in raw.items()}
    ctx = data.get("ctx")
    if "plural" in data:
        count = data["count"] if "count" in data else raw.get(data.get("n"), 0)
        count = count if isinstance(count, int) else int(count or 0)
        template = (translation.npgettext(ctx, data["id"], data["plural"], count) if ctx
                    else translation.ngettext(data["id"], data["plural"], count))
    else:
        template = translation.pgettext(ctx, data["id"]) if ctx else translation.gettext(data["id"])
    return template % params if params else template


def _render_param(value):
    if not isinstance(value, dict) or MARK not in value:
        return value
    kind = value[MARK]
    if kind == "msg":
        return render(value)
    if kind == "date":
        return formats.date_format(dt.date.fromisoformat(value["v"]), value.get("f") or "DATE_FORMAT")
    if kind == "datetime":
        moment = timezone.localtime(dt.datetime.fromisoformat(value["v"]), timezone.get_default_timezone())
        return formats.date_format(moment, value.get("f") or "DATETIME_FORMAT")
    if kind in ("number", "kronor"):
        from governance.money import format_kronor, format_number

        return (format_kronor if kind == "kronor" else format_number)(value.get("v"), value.get("d", 0))
    if kind == "lower":
        return str(_render_param(value.get("v"))).lower()
    raise ValueError(f"Unknown stored parameter {kind!r}")


def render_tree(value):
    """A JSON tree (the G7 report's snapshot) with every stored text in it written in the active
    language; everything else as it is."""
    if isinstance(value, dict):
        if MARK in value:
            return render(value)
        return {k: render_tree(v) for k, v in value.items()}
    if isinstance(value, list):
        return [render_tree(v) for v in value]
    return value


def in_default_language(value) -> str:
    """The text written in the portal's default language (settings.LANGUAGE_CODE): the copy a model
    keeps next to the stored message, for search and as the fallback."""
    with translation.override(settings.LANGUAGE_CODE):
        return render(encode(value))


def recipient_language(user) -> str:
    """The language a person's e-mail is written in. People have no language preference of their
    own (the language switch is a cookie of the browser), so this is the portal's default language,
    settings.LANGUAGE_CODE (Swedish). A preference on the user would be read here."""
    language = getattr(user, "language", "") or ""
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


# --- On models -------------------------------------------------------------------------------------------
def store(obj, name: str, value, max_length: int | None = None) -> None:
    """Set `obj.<name>_message` to the stored form of `value` (None for a verbatim text) and
    `obj.<name>` to its text in the default language."""
    data = encode(value)
    setattr(obj, f"{name}_message", data if isinstance(data, dict) else None)
    text = in_default_language(data)
    setattr(obj, name, text[:max_length] if max_length else text)


class StoredText:
    """`subject_text = StoredText("subject")`: the text of `subject_message` in the active language,
    else (a row made before, or a verbatim text) the `subject` column. A message that can no longer
    be written (a parameter renamed since) falls back to the column too, and is logged."""

    def __init__(self, name: str):
        self.name = name

    def __set_name__(self, owner, attr):
        self.attr = attr

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        data = getattr(obj, f"{self.name}_message", None)
        if data:
            try:
                return render(data)
            except (KeyError, ValueError, TypeError, IndexError):
                log.warning("Could not render %s.%s of %s", type(obj).__name__, self.name, obj.pk, exc_info=True)
        return getattr(obj, self.name)
