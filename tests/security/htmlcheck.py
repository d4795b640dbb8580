"""Small HTML inspection helpers for the security tests (standard library only)."""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}  # data, never executed


@dataclass
class InlineFinding:
    kind: str
    detail: str


class _InlineScanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings: list[InlineFinding] = []
        self._script: dict | None = None
        self._style = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name, value in attrs:
            if name == "style":
                self.findings.append(InlineFinding("style= attribute", f"<{tag} style={value!r}>"))
            elif name.startswith("on"):
                self.findings.append(InlineFinding("event handler attribute", f"<{tag} {name}={value!r}>"))
            elif name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.findings.append(InlineFinding("javascript: URL", f"<{tag} {name}={value!r}>"))
        if tag == "script":
            self._script = {"src": a.get("src"), "type": (a.get("type") or "").lower(), "body": ""}
        elif tag == "style":
            self._style = True
            self.findings.append(InlineFinding("<style> block", "<style>"))

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            s = self._script
            if s["body"].strip() and s["type"] not in DATA_SCRIPT_TYPES:
                self.findings.append(InlineFinding("inline <script> body", s["body"].strip()[:120]))
            self._script = None
        elif tag == "style":
            self._style = False

    def handle_data(self, data):
        if self._script is not None:
            self._script["body"] += data


def inline_code(html: str) -> list[InlineFinding]:
    scanner = _InlineScanner()
    scanner.feed(html)
    scanner.close()
    return scanner.findings


@dataclass
class Form:
    action: str | None
    method: str
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (name, type, value)
    selects: dict[str, list[tuple[str, bool]]] = field(default_factory=dict)
    buttons: list[tuple[str, str]] = field(default_factory=list)

    def data(self, text_value: str | None = None) -> dict[str, list[str]]:
        """What a browser would submit; text fields set to `text_value` when given."""
        out: dict[str, list[str]] = {}
        for name, typ, value in self.fields:
            if typ in ("checkbox", "radio") and value is None:
                continue
            if text_value is not None and typ in TEXT_TYPES:
                value = text_value
            out.setdefault(name, []).append(value or "")
        for name, options in self.selects.items():
            chosen = [v for v, sel in options if sel] or [v for v, _ in options if v][:1]
            if chosen:
                out.setdefault(name, []).extend(chosen[:1])
        if self.buttons:
            name, value = self.buttons[0]
            out.setdefault(name, []).append(value)
        return out

    @property
    def text_fields(self) -> list[str]:
        return [n for n, t, _ in self.fields if t in TEXT_TYPES]


TEXT_TYPES = {"text", "search", "email", "url", "tel", "textarea", ""}


class _FormScanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._option: tuple[str | None, bool, str] | None = None
        self._textarea: list | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = Form(action=a.get("action"), method=(a.get("method") or "get").lower())
            self.forms.append(self._form)
            return
        f = self._form
        if f is None:
            return
        if tag == "input" and a.get("name") and "disabled" not in a:
            typ = (a.get("type") or "text").lower()
            if typ in ("submit", "image", "button", "reset", "file"):
                if typ == "submit":
                    f.buttons.append((a["name"], a.get("value") or ""))
                return
            if typ in ("checkbox", "radio"):
                f.fields.append((a["name"], typ, (a.get("value") or "on") if "checked" in a else None))
            else:
                f.fields.append((a["name"], typ, a.get("value") or ""))
        elif tag == "button" and a.get("name") and (a.get("type") or "submit") == "submit":
            f.buttons.append((a["name"], a.get("value") or ""))
        elif tag == "select" and a.get("name") and "disabled" not in a:
            self._select = a["name"]
            f.selects[self._select] = []
        elif tag == "option" and self._select:
            self._option = (a.get("value"), "selected" in a, "")
        elif tag == "textarea" and a.get("name") and "disabled" not in a:
            self._textarea = [a["name"], ""]

    def handle_data(self, data):
        if self._option is not None:
            v, s, t = self._option
            self._option = (v, s, t + data)
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None and self._select and self._form:
            v, s, t = self._option
            self._form.selects[self._select].append((v if v is not None else t.strip(), s))
            self._option = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form:
            self._form.fields.append((self._textarea[0], "textarea", self._textarea[1].lstrip("\n")))
            self._textarea = None
        elif tag == "form":
            self._form = None


def forms(html: str) -> list[Form]:
    scanner = _FormScanner()
    scanner.feed(html)
    scanner.close()
    return scanner.forms
