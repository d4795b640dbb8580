"""Every edit form, rendered with its saved object and submitted exactly as shown, saves.

A form that cannot take back what it printed (a decimal shown as "0.00" in a field that allows no
decimals, a choice no longer offered, a required field left empty by its own initial data) leaves
its user unable to save anything without retyping. The test reads the page as a browser would:
the first `<form method="post">` that posts to the page itself, every field with the value the page
put in it (checked boxes and radios, selected options, text areas), and posts that back."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.test_permission_matrix import MATRIX, url_names

# Each page that edits a saved object, and the demo account that edits it. A new URL whose name
# ends in "_edit" must be added here (test_every_edit_page_is_listed).
EDIT_PAGES = {
    "annualplan:activity_edit": "chair",
    "annualplan:follow_up_edit": "chair",
    "annualplan:measure_edit": "infochef",
    "annualplan:measure_follow_up_edit": "infochef",
    "annualplan:plan_edit": "chair",
    "annualplan:project_edit": "admin",
    "annualplan:survey_edit": "infochef",
    "annualplan:unit_plan_edit": "infochef",
    "fees:budget_edit": "chair",
    "fees:followup_edit": "chair",
    "fees:proposal_edit": "chair",
    "governance:agenda_template_edit": "chair",
    "governance:body_reminders_edit": "chair",
    "governance:document_edit": "chair",
    "governance:news_edit": "chair",
    "governance:election_nomination": "admin",
    "governance:meeting_attendance": "chair",
    "governance:meeting_edit": "chair",
    "governance:minutes_edit": "chair",
    "governance:notification_preferences": "communicator",
    "governance:proposal_edit": "communicator",
    "webadmin:page_edit": "admin",
    "webadmin:policy_reading_edit": "weblead",
    "webadmin:request_edit": "admin",
}


class _FormReader(HTMLParser):
    """The fields of the page's first POST form that posts to the page itself, as a browser would
    submit them (no button pressed)."""

    def __init__(self, path: str):
        super().__init__(convert_charrefs=True)
        self.path = path
        self.inside = self.done = False
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._multiple = False
        self._option_value: str | None = None
        self._option_text = ""
        self._option_selected = False
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and not self.done and not self.inside:
            if (a.get("method") or "").lower() == "post" and (a.get("action") in (None, "", self.path)):
                self.inside = True
            return
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name and "disabled" not in a:
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.append((name, a.get("value", "on")))
                return
            self.fields.append((name, a.get("value", "")))
        elif tag == "select" and name and "disabled" not in a:
            self._select, self._select_first, self._select_chosen = name, None, False
            self._multiple = "multiple" in a
        elif tag == "option" and self._select is not None:
            self._option_value, self._option_text = a.get("value"), ""
            self._option_selected = "selected" in a
        elif tag == "textarea" and name and "disabled" not in a:
            self._textarea, self._text = name, ""

    def handle_data(self, data):
        if self._textarea is not None:
            self._text += data
        elif self._option_value is None and self._select is not None:
            self._option_text += data

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag == "option" and self._select is not None:
            value = self._option_value if self._option_value is not None else self._option_text.strip()
            if self._select_first is None:
                self._select_first = value
            if self._option_selected:
                self.fields.append((self._select, value))
                self._select_chosen = True
            self._option_value = None
        elif tag == "select" and self._select is not None:
            if not self._select_chosen and not self._multiple and self._select_first is not None:
                self.fields.append((self._select, self._select_first))  # a browser sends the first
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # The HTML parser drops the newline right after <textarea>, as browsers do.
            self.fields.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None
        elif tag == "form":
            self.inside, self.done = False, True


def form_data(html: str, path: str) -> dict[str, list[str]]:
    reader = _FormReader(path)
    reader.feed(html)
    assert reader.done, f"{path}: no POST form that posts to the page itself"
    data: dict[str, list[str]] = {}
    for name, value in reader.fields:
        data.setdefault(name, []).append(value)
    return data


def _revised_plan():
    """The next year's plan is in consultation in the demo (not editable): the steering group has
    taken it back for revision, the state in which it is edited."""
    from annualplan.models import Plan
    from governance.authority import today

    Plan.objects.filter(year=today().year + 1).update(status=Plan.Status.REVISED)


def _draft_minutes_meeting():
    """A meeting with a first draft (a correction of published minutes also asks for its reason)."""
    from governance.meetings.models import Minutes

    draft = Minutes.objects.get(status=Minutes.Status.DRAFT, meeting__title__startswith="Styrgruppsmöte: krisberedskap")
    return {"pk": draft.meeting_id}


# The state a page is edited in, where the demo's object is in another; or other URL arguments.
SETUP = {"annualplan:plan_edit": _revised_plan, "annualplan:activity_edit": _revised_plan}
KWARGS = {"governance:minutes_edit": _draft_minutes_meeting}


def test_every_edit_page_is_listed():
    edit_pages = {name for name in url_names() if name.endswith("_edit")}
    assert not edit_pages - set(EDIT_PAGES), f"edit pages without a round-trip case: {edit_pages - set(EDIT_PAGES)}"


@pytest.mark.parametrize(("name", "role"), sorted(EDIT_PAGES.items()))
def test_an_edit_form_submitted_as_shown_saves(demo, db, login, name, role):
    row = MATRIX[name]
    if name in SETUP:
        SETUP[name]()
    kwargs = KWARGS[name]() if name in KWARGS else row.kwargs() if callable(row.kwargs) else row.kwargs
    path = reverse(name, kwargs=kwargs)
    client = login(role)
    page = client.get(path)
    assert page.status_code == 200, f"{name} as {role}: {page.status_code}"
    response = client.post(path, form_data(page.content.decode(), path))
    form = (response.context or {}).get("form") if response.status_code == 200 else None
    errors = form.errors.as_data() if form is not None else None
    assert response.status_code == 302, f"{name} as {role} refused its own values: {errors or response.status_code}"
