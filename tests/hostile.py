"""What the hostile-input tests share (tests/test_hostile_input.py, tests/test_decimal_commas.py).

- `read_forms(html, path)`: every `<form method="post">` of a page as a browser sees it: its fields
  (inputs with their type and maxlength, selects with their options, text areas, hidden fields,
  checkboxes and radios with their values, named submit buttons) and what a browser would send.
- `VALUES`, `values_for(field)`: hostile values by kind (numbers, dates, texts, choices, files), as
  hypothesis strategies.
- `Writes`: which tables a request wrote to, a snapshot (rows counted and hashed) of them before and
  after, and whether what a refused request wrote is all gone ("nothing half-saved").
- `error_texts(html)`, `wrong_language(texts, language)`: the error messages a page shows and those
  of them in the other language (Django's own defaults included).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from html.parser import HTMLParser
from urllib.parse import urlsplit

from hypothesis import strategies as st


# --- Reading a page's forms ------------------------------------------------------------------------
@dataclass
class Field:
    name: str
    kind: str  # text, textarea, number, date, datetime-local, email, url, password, hidden, select,
    # select-multiple, radio, checkbox, file, button
    value: list[str] = field(default_factory=list)  # what the browser sends as the page shows it
    options: list[str] = field(default_factory=list)  # select options, radio/checkbox/button values
    maxlength: int | None = None
    required: bool = False
    inputmode: str = ""

    @property
    def is_text(self) -> bool:
        return self.kind in ("text", "textarea", "email", "url", "search", "tel")


@dataclass
class PageForm:
    action: str  # the path it posts to
    enctype: str
    fields: dict[str, Field] = field(default_factory=dict)

    def data(self) -> dict[str, list[str]]:
        """What a browser sends, the first named button pressed (when there is one)."""
        out: dict[str, list[str]] = {}
        for f in self.fields.values():
            if f.kind == "button":
                if f.options:
                    out[f.name] = [f.options[0]]
            elif f.kind != "file" and f.value:
                out[f.name] = list(f.value)
        return out

    def editable(self) -> list[Field]:
        return [f for f in self.fields.values() if f.name != "csrfmiddlewaretoken"]


class _Reader(HTMLParser):
    def __init__(self, path: str, method: str = "post"):
        super().__init__(convert_charrefs=True)
        self.path = path
        self.method = method
        self.forms: list[PageForm] = []
        self.form: PageForm | None = None
        self._select: Field | None = None
        self._select_chosen = False
        self._option: str | None = None
        self._option_text = ""
        self._option_selected = False
        self._in_option = False
        self._textarea: Field | None = None
        self._text = ""
        self._button: dict | None = None

    def _add(self, name: str, kind: str, a: dict) -> Field:
        f = self.form.fields.get(name)
        if f is None:
            maxlength = a.get("maxlength")
            f = Field(name=name, kind=kind, maxlength=int(maxlength) if maxlength and maxlength.isdigit() else None,
                      required="required" in a, inputmode=a.get("inputmode") or "")
            self.form.fields[name] = f
        return f

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            if (a.get("method") or "get").lower() == self.method:
                action = a.get("action") or self.path
                self.form = PageForm(action=urlsplit(action).path or self.path,
                                     enctype=a.get("enctype") or "application/x-www-form-urlencoded")
                self.forms.append(self.form)
            return
        if self.form is None:
            return
        if tag == "option":
            if self._select is not None:
                self._option, self._option_text = a.get("value"), ""
                self._in_option, self._option_selected = True, "selected" in a
            return
        name = a.get("name")
        if not name or "disabled" in a:
            if tag == "select":
                self._select = None
            return
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("reset", "image"):
                return
            if kind in ("submit", "button"):
                if kind == "submit":
                    self._add(name, "button", a).options.append(a.get("value", ""))
                return
            if kind in ("checkbox", "radio"):
                f = self._add(name, kind, a)
                f.options.append(a.get("value", "on"))
                if "checked" in a:
                    f.value.append(a.get("value", "on"))
                return
            f = self._add(name, kind, a)
            f.value.append(a.get("value", ""))
        elif tag == "button" and (a.get("type") or "submit").lower() == "submit":
            self._add(name, "button", a).options.append(a.get("value", ""))
        elif tag == "select":
            self._select = self._add(name, "select-multiple" if "multiple" in a else "select", a)
            self._select_chosen = False
        elif tag == "textarea":
            self._textarea, self._text = self._add(name, "textarea", a), ""

    def handle_data(self, data):
        if self._textarea is not None:
            self._text += data
        elif self._select is not None and self._in_option:
            self._option_text += data

    def handle_endtag(self, tag):
        if self.form is None:
            return
        if tag == "option" and self._select is not None and self._in_option:
            self._in_option = False
            value = self._option if self._option is not None else self._option_text.strip()
            self._select.options.append(value)
            if self._option_selected:
                self._select.value.append(value)
                self._select_chosen = True
            self._option = None
        elif tag == "select" and self._select is not None:
            if not self._select_chosen and self._select.kind == "select" and self._select.options:
                self._select.value.append(self._select.options[0])  # a browser sends the first
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # The parser keeps the newline right after <textarea>, which browsers drop.
            self._textarea.value.append(self._text.removeprefix("\n"))
            self._textarea = None
        elif tag == "form":
            self.form = None


def read_forms(html: str, path: str, method: str = "post") -> list[PageForm]:
    reader = _Reader(path, method)
    reader.feed(html)
    return reader.forms


def form_posting_to(html: str, path: str, action: str) -> PageForm | None:
    """The page's first POST form that posts to `action` (a path) and has fields."""
    for form in read_forms(html, path):
        if form.action == action and any(f.name != "csrfmiddlewaretoken" for f in form.fields.values()):
            return form
    return None


# --- A valid submission: what a user fills in ------------------------------------------------------
def filled(form: PageForm, today: dt.date, overrides: dict | None = None) -> dict[str, list[str]]:
    """What the page shows, every empty required field filled in as a user would (a text, today,
    the first option), then `overrides` (name -> value, list of values, None to leave out, or a
    callable of the field giving one of those)."""
    data = form.data()
    for f in form.editable():
        if data.get(f.name) not in (None, [], [""]) or not f.required:
            continue
        if f.kind == "number" or f.inputmode == "decimal":
            data[f.name] = ["1"]
        elif f.kind in ("text", "textarea", "search"):
            data[f.name] = ["Provtext"]
            data[f.name] = ["1"]
        elif f.kind == "date":
            data[f.name] = [today.isoformat()]
        elif f.kind == "datetime-local":
            data[f.name] = [f"{(today + dt.timedelta(days=7)).isoformat()}T10:00"]
        elif f.kind == "email":
            data[f.name] = ["prov@example.org"]
        elif f.kind == "url":
            data[f.name] = ["https://example.org/"]
        elif f.kind in ("select", "select-multiple", "radio", "checkbox"):
            real = [o for o in f.options if o != ""]
            if real:
                data[f.name] = [real[0]]
    for name, value in (overrides or {}).items():
        if callable(value):
            value = value(form.fields[name])
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value if isinstance(value, list) else [str(value)]
    return data


def first(n: int):
    """An override: the first `n` options of the field (e.g. six candidates ticked)."""
    return lambda f: [o for o in f.options if o][:n]


# --- Hostile values ---------------------------------------------------------------------------------
NON_FINITE = ["NaN", "nan", "sNaN", "inf", "Infinity", "-Infinity", "-inf", "1e309", "-1e309"]
ENORMOUS = ["9" * 30, "-" + "9" * 30, "1" + "0" * 19, "1E+30", "1e999999", "99999999999999999999.99",
            "0." + "0" * 40 + "1", "5e-400"]
OTHER_DIGITS = ["٣", "١٢٣", "۴۵", "३", "१२३", "３", "１２３", "٠٫٥", "１，５", "๓"]
ODD_NUMBERS = ["-0", "-0.0", "+5", "−5", "0x1A", "1_000", "1.2.3", "1,2,3", "½", "²", "1 000", "12 345,50",
               "0,5", "0.5", ",5", "5,", "- 5", "1e3", "0", "-1", "2147483648", "9223372036854775808", " 7 "]
NUMBERS = NON_FINITE + ENORMOUS + OTHER_DIGITS + ODD_NUMBERS
DATES = ["2026-02-30", "2026-13-01", "2026-00-10", "0001-01-01", "9999-12-31", "31/12/2026", "99999-01-01",
         "0000-00-00", "2026-1-1", "-2026-01-01", "1900-01-01", "2028-02-29", "2027-02-29", "٢٠٢٦-٠١-٠١",
         "２０２６-０１-０１", "२०२६-०१-०१", "2026-12-01T10:00", "20261201", "today"]
DATETIMES = ["2026-02-30T10:00", "2026-12-01T25:00", "2026-12-01T10:60", "0001-01-01T00:00", "9999-12-31T23:59",
             "99999-01-01T10:00", "2027-03-28T02:30", "2027-10-31T02:30", "31/12/2026 10:00", "2026-12-01",
             "٢٠٢٦-١٢-٠١T١٠:٠٠", "2026-12-01T10:00:00+05:00", "2026-12-01T10:00Z"]
MARKUP = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "<b>fet</b> &amp; &lt;",
          "javascript:alert(1)", "{{ 7|add:7 }}{% now 'Y' %}", "' OR '1'='1' --", "=HYPERLINK(\"http://x\")",
          "[länk](javascript:alert(1))", "<iframe src=//example.org>"]
# What must never reach a page as markup (shown escaped it is harmless text).
# (what is typed, what it must not become on a page)
SCRIPTS = [("<script>alert(1)</script>", "<script>alert(1)"), ("<img src=x onerror=alert(1)>", "<img src=x onerror"),
           ("<iframe src=//example.org>", "<iframe"), ("javascript:alert(1)", 'href="javascript:')]
CONTROL = ["\x00", "a\x00b", "\u202eevil\u202c", "\x07\x08\x1b[31m", "\ufeff", "\u200b", "\r\n\r\n", "\t",
           "line\u2028break", "\ud7ff\ue000\U0010fffd", "Ω≈ç√∫" * 3, "😀" * 20, "Å" * 3]
BLANK = ["", " ", "   \t  "]
LONG = ["x" * 200_000, "å" * 140_000]
CHOICES = ["not-an-option", "-1", "0", "999999999", "9" * 30, "1.5", "<script>alert(1)</script>", "\x00", "٣",
           "draft", "approved", "admin", "null", "None", "true"]


def _texts(f: Field | None = None):
    long_values = list(LONG)
    if f is not None and f.maxlength:
        long_values += ["x" * (f.maxlength + 1), "å" * f.maxlength]
    return st.one_of(
        st.sampled_from(MARKUP + CONTROL + BLANK), st.sampled_from(long_values),
        st.text(st.characters(exclude_categories=("Cs",)), max_size=40),
    )


def values_for(f: Field, others: list[str] = ()):
    """A strategy of hostile values (each a list of what is posted) for field `f`; `others` are
    option values of the page's other fields (ids of other objects)."""
    numbers, dates, texts = st.sampled_from(NUMBERS), st.sampled_from(DATES), _texts(f)
    choices = st.sampled_from(CHOICES + list(others)) if others else st.sampled_from(CHOICES)
    if f.kind == "number" or f.inputmode in ("decimal", "numeric"):
        one = st.one_of(numbers, numbers, texts)
    elif f.kind == "date":
        one = st.one_of(dates, dates, numbers, texts)
    elif f.kind == "datetime-local":
        one = st.one_of(st.sampled_from(DATETIMES), st.sampled_from(DATETIMES), dates, texts)
    elif f.kind == "hidden":
        one = st.one_of(numbers, texts, choices)
    elif f.kind in ("select", "radio", "button"):
        one = st.one_of(choices, choices, numbers, texts)
    elif f.kind in ("select-multiple", "checkbox"):
        return st.one_of(st.lists(st.one_of(choices, numbers), min_size=1, max_size=3),
                         st.just([]), st.lists(st.sampled_from(f.options or ["on"]), min_size=2, max_size=3)
                         .map(lambda v: v + v))  # duplicates
    elif f.kind == "file":
        return FILES
    elif f.kind == "password":
        one = texts
    else:
        one = st.one_of(texts, texts, numbers, dates)
    return one.map(lambda v: [v])


# An upload, as (name, bytes, content type); strategies pick among them.
FILES = st.sampled_from([
    ("tom.pdf", b"", "application/pdf"),
    ("skräp.pdf", bytes(range(256)) * 8, "application/pdf"),
    ("<script>alert(1)</script>.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, "image/png"),
    ("x" * 300 + ".pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
    ("falsk.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "application/pdf"),
    ("text.txt", "Åäö;1\n".encode("utf-16"), "text/plain"),
    ("../../etc/passwd", b"root:x:0:0", "text/plain"),
]).map(lambda t: [t])


# --- What a request wrote, before and after --------------------------------------------------------
WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([A-Za-z0-9_]+)"?', re.IGNORECASE)
# Written on every request by design: the session (renewed each request), the log-in protection.
NOT_DATA = ("django_session", "axes_")


def written_tables(queries) -> set[str]:
    tables = set()
    for q in queries:
        m = WRITE.match(q["sql"])
        if m and not m.group(1).startswith(NOT_DATA):
            tables.add(m.group(1))
    return tables


def snapshot(tables) -> dict[str, tuple[int, str]]:
    """Each table's row count and a hash of its rows (in a stable order)."""
    from django.db import connection

    out = {}
    with connection.cursor() as cursor:
        for table in sorted(tables):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows = sorted(repr(r) for r in cursor.fetchall())
            out[table] = (len(rows), hashlib.sha1("\n".join(rows).encode("utf-8", "surrogatepass")).hexdigest())
    return out


@cache
def model_of_table() -> dict:
    from django.apps import apps

    return {m._meta.db_table: m for m in apps.get_models(include_auto_created=True)}


def stored_in(tables, value: str) -> bool:
    """Does a row of one of `tables` hold `value` (a text as Django cleans it: stripped), or the
    number or date it means, in a column of that kind?"""
    from django.db import models
    from django.db.models import Q

    text = value.strip()
    number = as_number(text)
    date = as_date(text)
    for table in tables:
        model = model_of_table().get(table)
        if model is None:
            continue
        q = Q()
        for f in model._meta.concrete_fields:
            if isinstance(f, models.CharField | models.TextField) and text:
                # (SQLite refuses a LIKE pattern over 50 000 characters: a long text is the whole field)
                q |= Q(**{f"{f.attname}__contains" if len(text) < 1000 else f.attname: text})
            elif isinstance(f, models.DecimalField | models.IntegerField) and number is not None and not f.primary_key \
                    and not f.is_relation and abs(number) < Decimal("1e12"):
                q |= Q(**{f.attname: number})
            elif isinstance(f, models.DateField) and not isinstance(f, models.DateTimeField) and date is not None:
                q |= Q(**{f.attname: date})
        if q and model._base_manager.filter(q).exists():
            return True
    return False


def as_number(text: str) -> Decimal | None:
    """The number `text` means, as the portal reads it (governance.money.parse_number)."""
    from governance.money import parse_number

    try:
        return parse_number(text)
    except ValueError:
        return None


def as_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


# --- Error messages and their language --------------------------------------------------------------
class _Errors(HTMLParser):
    """The texts of a page's error messages: field errors (invalid-feedback, errorlist), form and
    page alerts (alert-danger, the messages framework's errors)."""

    MARKERS = ("invalid-feedback", "errorlist", "alert-danger", "text-danger")
    VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # open elements inside the current error element
        self.texts: list[str] = []
        self._buf = ""

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        if self.depth:
            self.depth += 1
            return
        classes = (dict(attrs).get("class") or "").split()
        if any(m in classes for m in self.MARKERS):
            self.depth, self._buf = 1, ""

    def handle_endtag(self, tag):
        if tag in self.VOID or not self.depth:
            return
        self.depth -= 1
        if not self.depth:
            text = " ".join(self._buf.split())
            if text:
                self.texts.append(text)

    def handle_data(self, data):
        if self.depth:
            self._buf += " " + data


def error_texts(html: str) -> list[str]:
    reader = _Errors()
    reader.feed(html)
    return reader.texts


def page_language(html: str) -> str:
    m = re.search(r'<html[^>]*\blang="([a-z-]+)"', html)
    return m.group(1) if m else ""


PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sdr]|%[sdr]|\{[a-z_0-9]*\}")


@cache
def _fragments() -> dict[str, tuple[str, ...]]:
    """Per language, sentence fragments (between placeholders, of three words or more) that are
    only in that language: English msgids with a different Swedish translation, and those
    translations (Django's own messages are in the same catalogue), and the portal's msgids not yet
    translated (locale/sv/LC_MESSAGES/django.po)."""
    import polib
    from django.conf import settings
    from django.utils.translation import trans_real

    catalog = dict(trans_real.translation("sv")._catalog.items())
    for entry in polib.pofile(str(settings.LOCALE_PATHS[0] / "sv" / "LC_MESSAGES" / "django.po")):
        if not entry.msgstr and not entry.obsolete:
            catalog.setdefault(entry.msgid, "")
    english, swedish = set(), set()
    for msgid, msgstr in catalog.items():
        if isinstance(msgid, tuple):
            msgid = msgid[0]
        if not msgid or msgid == msgstr:
            continue
        # (not translated yet: English on a Swedish page all the same)
        for source, out in ((msgid, english), (msgstr, swedish)) if msgstr else ((msgid, english),):
            for part in PLACEHOLDER.split(source):
                part = " ".join(part.split()).strip(" .,:;()“”\"'")
                if len(part.split()) >= 3 and len(part) >= 14:
                    out.add(part)
    return {"sv": tuple(sorted(english - swedish)), "en": tuple(sorted(swedish - english))}


def wrong_language(texts: list[str], language: str) -> list[str]:
    """The error texts with a fragment of the other language (on a Swedish page: English)."""
    fragments = _fragments().get(language, ())
    return [t for t in texts if any(f in t for f in fragments)]


# --- Hostile CSV files ------------------------------------------------------------------------------
ENCODINGS = ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "utf-16-le"]


def encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace") if encoding not in ("utf-8", "utf-8-sig") else text.encode(
        encoding, errors="surrogatepass")
