"""Hostile input never reaches a 500, and nothing is half-saved (issue 15).

Every POST form the demo roles reach is read from its page as a browser would (tests/hostile.py),
filled in as a user would, and posted with one field (sometimes several) replaced by a hostile value
from hypothesis: non-finite and enormous numbers, other scripts' digits, impossible and far dates,
very long texts, markup, NUL and control characters, options that are not offered, ids of other
objects, empty strings. Then:

- the answer is never a 5xx;
- refused (the form again, an error message, a 4xx): every table the request wrote to holds what it
  held before; the form shows an error message in the page's language (no English Django default
  on a Swedish page) and keeps what was typed in its text fields;
- accepted: what is stored is what was typed (a text as Django cleans it, a number or a date as it
  is meant), and markup is shown escaped on the page the form led to.

The CSV imports get files built by hypothesis (hostile cells per column, wrong encodings, BOM or
not, `;` or `,`, missing and extra columns, many rows, a huge field, binary garbage, an empty file):
no 5xx, a row error in the user's language, nothing saved when a row is refused (all or nothing).
The search and filter forms (GET) get hostile query strings: never a 5xx. A guard test fails when a
page has a POST form with fields that no case posts to.

Examples per form: `HOSTILE_EXAMPLES` (default 12); `--hypothesis-profile=thorough` runs ten times
as many (tests/conftest.py)."""
from __future__ import annotations

import datetime as dt
import itertools
import os
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.conf import settings as django_settings
from django.contrib.messages import constants, get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve, reverse
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from tests import hostile
from tests import test_edit_forms_round_trip as round_trip
from tests.conftest import sign_in
from tests.security.matrixwalk import allowed_role
from tests.test_edit_forms_round_trip import _revised_plan
from tests.test_permission_matrix import MATRIX

EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES", "12"))
# HOSTILE_NO_SHRINK=1: report the first failing example as found (a quick survey of many forms).
PHASES = [p for p in Phase if p != Phase.shrink] if os.environ.get("HOSTILE_NO_SHRINK") else list(Phase)


def examples(weight: float = 1.0) -> int:
    """Examples for one form: HOSTILE_EXAMPLES × weight, scaled by the profile's max_examples
    (hypothesis' default 100 is 1×; the "thorough" profile's 1000 is 10×)."""
    return max(2, round(EXAMPLES * weight * settings.default.max_examples / 100))


def _today():
    from governance.authority import today

    return today()


# --- The forms ----------------------------------------------------------------------------------
@dataclass
class Case:
    """The form on `page` (a matrix URL name) that posts to `action` (a URL name; the page itself
    when None), used by `role` after `setup()`; `fill()` gives the values a user types where the
    page shows none (name -> value, list, or None to leave out)."""

    page: str
    role: str
    action: str | None = None
    setup: Callable[[], None] | None = None
    kwargs: Callable[[], dict] | None = None
    fill: Callable[[], dict] = dict
    weight: float = 1.0
    # The filled-in form is accepted (the service is reached with each hostile value). False where
    # the demo's state refuses it (it is then tested as a refusal).
    accepts: bool = True
    # Fields whose accepted value is not stored as typed by design (a search, a password).
    not_stored: tuple[str, ...] = ()
    anonymous: bool = False
    # Tables a refusal writes by design (a counter of failed attempts), so not "half-saved".
    refusal_writes: tuple[str, ...] = ()

    def __str__(self):
        return f"{self.page}->{self.action}" if self.action else self.page


def _next_plan_activity():
    from annualplan.models import Activity

    return {"pk": Activity.objects.filter(plan__year=_today().year + 1).order_by("pk").first().pk}


def _series_days():
    day = _today() + dt.timedelta(days=1)
    return {"first_date": day.isoformat(), "last_date": (day + dt.timedelta(days=60)).isoformat(),
            "title": "Serie", "start_time": "09:00", "duration_minutes": "120", "place": "Jönköping"}


def _coming_meeting():
    from tests.governance.matrix import _coming_steering_meeting

    return {"pk": _coming_steering_meeting()}


def _pdf():
    return [("dagordning.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf")]


def _weights_csv():
    from governance.people.selectors import fee_payers

    text = "kod;vikt\n" + "".join(f"{o.code};{i + 1},5\n" for i, o in enumerate(fee_payers()))
    return [("vikter.csv", text.encode("utf-8-sig"), "text/csv")]


def _outcomes_csv():
    from fees.models import Budget

    line = Budget.objects.get(year=_today().year).lines.order_by("pk").first()
    return [("utfall.csv", f"kategori;beskrivning;kvartal;belopp\n{line.category};{line.description};2;1 234,50\n"
             .encode(), "text/csv")]


def _meeting_times():
    day = _today() + dt.timedelta(days=10)
    return {"start": f"{day.isoformat()}T10:00", "end": f"{day.isoformat()}T12:00", "place": "Jönköping",
            "agenda-0-title": "Inledning", "agenda-0-duration_minutes": "15"}


def _period():
    today = _today()
    return {"start": today.isoformat(), "end": (today + dt.timedelta(days=30)).isoformat()}


def _vacant_role():
    from webadmin.models import Role

    today = _today()
    held = Role.objects.filter(assignments__in=Role.assignments.rel.related_model.objects.overlapping(
        today, today + dt.timedelta(days=30))).values("pk")
    return str(Role.objects.exclude(pk__in=held).exclude(code=Role.Code.PROCESS_OWNER).order_by("pk").first().pk)


def _ballot_closed():
    from governance.elections.models import Election

    Election.objects.filter(year=_today().year + 1).update(status=Election.Status.BALLOT_CLOSED)


def _policy_to_read():
    from webadmin.models import Policy

    return {"pk": Policy.objects.filter(to_be_read=True).order_by("pk").first().pk}


def _year_ahead(n: int):
    return lambda: {"year": str(_today().year + n)}


CASES = [
    # The operating plan
    Case("annualplan:plan_create", "chair", fill=_year_ahead(3)),
    Case("annualplan:plan_edit", "chair", setup=_revised_plan),
    Case("annualplan:activity_create", "chair", setup=_revised_plan),
    Case("annualplan:activity_edit", "chair", setup=_revised_plan),
    Case("annualplan:assignment_create", "chair", setup=_revised_plan, kwargs=_next_plan_activity),
    Case("annualplan:consultation_answer", "chair"),
    Case("annualplan:follow_up_edit", "chair"),
    Case("annualplan:activity_detail", "chair", action="annualplan:activity_action_link"),
    Case("annualplan:project_create", "communicator"),
    Case("annualplan:project_edit", "admin"),
    Case("annualplan:funding_apply", "chair"),
    Case("annualplan:funding_decide", "director"),
    Case("annualplan:participant_add", "chair", fill=_period),
    Case("annualplan:milestone_add", "chair"),
    Case("annualplan:unit_plan_create", "infochef", fill=_year_ahead(1)),
    Case("annualplan:unit_plan_edit", "infochef"),
    Case("annualplan:measure_create", "infochef"),
    Case("annualplan:measure_edit", "infochef"),
    Case("annualplan:measure_follow_up_edit", "infochef"),
    Case("annualplan:survey_add", "infochef"),
    Case("annualplan:survey_edit", "infochef"),
    # Budget and fees
    Case("fees:budget_create", "chair", fill=_year_ahead(3)),
    Case("fees:budget_edit", "chair", weight=1.5),
    Case("fees:followup_edit", "chair"),
    Case("fees:proposal_edit", "chair", weight=1.5),
    Case("fees:followup_import", "chair", fill=lambda: {"file": _outcomes_csv()}, weight=0.5),
    Case("fees:proposal_import_weights", "chair", fill=lambda: {"file": _weights_csv()}, weight=0.5),
    Case("fees:invoice_detail", "admin", action="fees:invoice_paid"),
    Case("fees:invoice_detail", "admin", action="fees:invoice_credit"),
    Case("fees:proposal_detail", "director", action="fees:proposal_decide", accepts=False),
    # Governance
    Case("governance:meeting_create", "chair", fill=_meeting_times, weight=1.5),
    Case("governance:meeting_edit", "chair", weight=1.5),
    Case("governance:meeting_attendance", "chair"),
    Case("governance:attachment_upload", "chair", fill=lambda: {"file": _pdf()}, weight=0.5),
    # The archivist's approval (confirmed: the confirmation page is tested in tests/governance/test_culling.py).
    Case("governance:culling_list", "archivist", fill=lambda: {"confirmed": "1"}, not_stored=("keep_reason",)),
    Case("governance:document_add", "chair", fill=lambda: {"file": _pdf()}, weight=0.5),
    Case("governance:document_edit", "chair"),
    Case("governance:news_add", "infochef", fill=lambda: {"file": _pdf()}, weight=0.5),
    Case("governance:news_edit", "chair"),
    Case("governance:document_version_add", "chair", fill=lambda: {"file": _pdf()}, weight=0.5),
    Case("governance:minutes_edit", "chair"),
    Case("governance:series_create", "chair", fill=_series_days),
    Case("governance:agenda_template_edit", "chair"),
    Case("governance:agenda_topics", "steering"),
    Case("governance:agenda_topics", "chair", action="governance:topic_schedule"),
    Case("governance:meeting_detail", "chair", action="governance:meeting_cancel", kwargs=_coming_meeting,
         fill=lambda: {"confirmed": "1"}),  # (the state and the meeting of tests/test_edit_forms_round_trip.py)
    Case("governance:action_item_add", "chair"),
    Case("governance:notification_preferences", "communicator"),
    Case("governance:body_reminders_edit", "chair"),
    Case("governance:delegation_list", "infochef", fill=_period),
    Case("governance:proposal_create", "communicator"),
    Case("governance:proposal_edit", "communicator"),
    Case("governance:proposal_detail", "infochef", action="governance:proposal_forward"),
    Case("governance:proposal_detail", "infochef", action="governance:proposal_return"),
    Case("governance:network", "admin", action="governance:network_join"),
    Case("governance:network_organisation", "infochef", action="governance:join_request_decline"),
    Case("governance:conference_registrations", "infochef", action="governance:conference_register"),
    Case("governance:election_nomination", "admin"),
    Case("governance:election_ballot", "chair", fill=lambda: {"candidates": hostile.first(6)}),
    Case("governance:election_decide", "chair", setup=_ballot_closed, fill=lambda: {"committee": hostile.first(3)}),
    Case("governance:g7_report_create", "chair", fill=lambda: {"send": None}),
    Case("password_change", "communicator", fill=lambda: {"old_password": "demo", "new_password1": "Ett långt lösenord 42",
                                                          "new_password2": "Ett långt lösenord 42"},
         not_stored=("old_password", "new_password1", "new_password2")),
    Case("password_reset", "anonymous", anonymous=True, fill=lambda: {"email": "infochef@example.org"},
         not_stored=("email",)),
    # The second step of an administrator's log-in: no code typed is the app's (it is never accepted here).
    Case("second_factor_setup", "admin", accepts=False, not_stored=("code",),
         refusal_writes=("otp_totp_totpdevice",)),  # the device counts failed codes (throttling)
    Case("login", "anonymous", anonymous=True, fill=lambda: {"username": "communicator", "password": "demo"},
         not_stored=("username", "password")),
    # Web management
    Case("webadmin:role_assign", "chair", fill=lambda: {**_period(), "decided_on": _today().isoformat(),
                                                        "role": _vacant_role()}),
    Case("webadmin:group_compose", "chair", fill=lambda: {"start": _today().isoformat(),
                                                          "decided_on": _today().isoformat()}),
    Case("webadmin:group_create", "weblead", fill=_period),
    Case("webadmin:group_detail", "admin", action="webadmin:status_report"),
    Case("webadmin:request_create", "communicator", weight=1.5),
    Case("webadmin:request_detail", "admin", action="webadmin:request_triage"),
    Case("webadmin:request_edit", "admin"),
    Case("webadmin:request_list", "admin", action="webadmin:request_move"),
    Case("webadmin:page_create", "admin", fill=lambda: {"slug": "provsida"}),
    Case("webadmin:page_edit", "admin"),
    Case("webadmin:page_detail", "admin", action="webadmin:page_publish"),
    Case("webadmin:policy_create", "chair"),
    Case("webadmin:policy_version_create", "chair"),
    Case("webadmin:policy_reading_edit", "weblead"),
    Case("webadmin:policy_detail", "communicator", action="webadmin:policy_read_confirm", kwargs=_policy_to_read),
    # (anonymous: the feedback is limited per signed-in user or per address, and each example has its own)
    Case("webadmin:accessibility", "anonymous", anonymous=True, not_stored=("page",)),
]
IDS = [str(c) for c in CASES]
# Forms with fields that no case posts, and why.
NOT_HOSTILE = {
    (None, "set_language"): "Django's own view: a language not offered is ignored",
}


def _name_of(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name


def _page_url(case: Case) -> str:
    row = MATRIX[case.page]
    kwargs_of = case.kwargs or round_trip.KWARGS.get(case.page)
    kwargs = kwargs_of() if kwargs_of else (row.kwargs() if callable(row.kwargs) else row.kwargs)
    return reverse(case.page, kwargs=kwargs) + row.query


@dataclass
class Opened:
    url: str
    form: hostile.PageForm
    data: dict[str, list]  # filled in
    others: list[str] = field(default_factory=list)  # option values anywhere on the page
    page: object = None  # the GET's response


def _open(client, case: Case) -> Opened:
    # An edit page is opened in the state, and on the object, the round-trip test edits it in.
    setup = case.setup or round_trip.SETUP.get(case.page)
    if setup:
        setup()
    if case.anonymous:
        client.cookies.pop(django_settings.SESSION_COOKIE_NAME, None)
    else:
        sign_in(client, case.role)
    url = _page_url(case)
    page = client.get(url)
    assert page.status_code == 200, f"{case}: GET {url} as {case.role}: {page.status_code}"
    html = page.content.decode()
    path = url.split("?")[0]
    forms = [f for f in hostile.read_forms(html, path)
             if (_name_of(f.action) if case.action else f.action == path) and f.editable()]
    if case.action:
        forms = [f for f in forms if _name_of(f.action) == case.action]
    assert forms, f"{case}: no POST form with fields on {url}"
    form = forms[0]
    others = sorted({o for f in hostile.read_forms(html, path) for fl in f.fields.values() for o in fl.options
                     if o and o.isdigit()})
    return Opened(url=url, form=form, data=hostile.filled(form, _today(), case.fill()), others=others, page=page)


def _post_body(data: dict[str, list]) -> dict:
    body = {}
    for name, values in data.items():
        out = []
        for v in values:
            out.append(SimpleUploadedFile(v[0], v[1], content_type=v[2]) if isinstance(v, tuple) else v)
        body[name] = out
    return body


def _error_messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level >= constants.ERROR]


@dataclass
class Outcome:
    status: int
    refused: bool
    html: str = ""
    errors: list[str] = field(default_factory=list)
    followed: str = ""  # the page an accepted form led to
    tables: set[str] = field(default_factory=set)  # written by the request
    stored: dict[str, bool] = field(default_factory=dict)  # field -> its accepted value is in a row


def post_checked(client, case: Case, opened: Opened, data: dict[str, list], mutated: dict[str, list],
                 language: str, on_accept: Callable[[set[str]], None] | None = None) -> Outcome:
    """POST `data`; assert no 5xx and, when refused, that nothing stays written; when accepted,
    `on_accept(tables written)` checks what is stored. Rolled back after."""
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language
    client.cookies.pop("messages", None)
    sid = transaction.savepoint()
    try:
        with CaptureQueriesContext(connection) as ctx:
            # Each example from an address of its own: a limit per address (the accessibility
            # feedback, the log-in protection) counts in the cache, which no rollback undoes.
            response = client.post(opened.form.action, _post_body(data), REMOTE_ADDR=next(ADDRESSES))
        status = response.status_code
        assert status < 500, f"{case}: {status} for {_show(mutated)}"
        tables = hostile.written_tables(ctx.captured_queries)
        html = response.content.decode(errors="replace") if status == 200 else ""
        errors = _error_messages(response) if status == 302 else []
        sent_to_log_in = status == 302 and response.url.startswith(reverse(django_settings.LOGIN_URL))
        refused = status != 302 or bool(errors) or (sent_to_log_in and case.page != "login")
        outcome = Outcome(status=status, refused=refused, html=html, errors=errors, tables=tables)
        if refused:
            after = hostile.snapshot(tables)
            transaction.savepoint_rollback(sid)
            sid = None
            before = hostile.snapshot(tables)
            changed = [t for t in tables if after[t] != before[t] and t not in case.refusal_writes]
            assert not changed, f"{case}: refused ({status}) but {changed} changed, for {_show(mutated)}"
        elif response.url.startswith("/"):
            followed = client.get(response.url)
            assert followed.status_code < 500, f"{case}: the page after saving {_show(mutated)}: {followed.status_code}"
            outcome.followed = followed.content.decode(errors="replace")
            outcome.stored = {name: hostile.stored_in(tables, values[0]) for name, values in mutated.items()
                              if _should_be_stored(opened.form.fields.get(name), name, values, case)}
            if on_accept is not None:
                on_accept(tables)
        return outcome
    finally:
        if sid is not None:
            transaction.savepoint_rollback(sid)


def _should_be_stored(f, name, values, case) -> bool:
    """A text, a number or a date that was accepted is in a row the request wrote (as meant: "٣" is
    3, "1 000,5" is 1000.5); hidden fields and choices are the page's, not typed."""
    if f is None or name in case.not_stored or len(values) != 1 or not isinstance(values[0], str):
        return False
    value = values[0]
    if not value.strip() or "\x00" in value:
        return False
    if f.kind == "number" or f.inputmode == "decimal":
        return hostile.as_number(value) is not None
    if f.kind == "date":
        return hostile.as_date(value.strip()) is not None
    return f.is_text


def _show(mutated: dict) -> str:
    def short(v):
        if isinstance(v, tuple):
            return f"<file {v[0][:40]!r}, {len(v[1])} bytes>"
        v = str(v)
        return repr(v) if len(v) <= 60 else f"{v[:30]!r}…({len(v)} characters)"

    return ", ".join(f"{k}={[short(v) for v in vs]}" for k, vs in mutated.items())


ADDRESSES = (f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}" for n in itertools.count(1))
KEPT_KINDS = ("text", "textarea", "number", "date", "datetime-local", "email", "url", "search", "tel")


def check_outcome(case: Case, opened: Opened, data, mutated, language, outcome: Outcome):
    what = f"{case} ({language}) {_show(mutated)}"
    if outcome.status == 200:
        texts = hostile.error_texts(outcome.html)
        assert texts, f"{what}: shown again without an error message"
        shown_language = hostile.page_language(outcome.html)
        assert shown_language == language, f"{what}: the page is in {shown_language!r}"
        wrong = hostile.wrong_language(texts, language)
        assert not wrong, f"{what}: messages not in {language}: {wrong}"
        path = opened.form.action
        again = next((f for f in hostile.read_forms(outcome.html, path) if f.action == path), None)
        assert again is not None, f"{what}: the refused form is not shown again"
        if not any(opened.form.fields[n].kind == "hidden" for n in mutated if n in opened.form.fields):
            for name, values in data.items():
                f = opened.form.fields.get(name)
                if f is None or f.kind not in KEPT_KINDS or len(values) != 1 or not isinstance(values[0], str):
                    continue
                shown = again.fields.get(name)
                if shown is not None and not values[0].strip() and not "".join(shown.value).strip():
                    continue  # only spaces typed: crispy's templates collapse them (nothing is lost)
                assert shown is not None and shown.value == values, (
                    f"{what}: {name} typed {values[0][:60]!r} is shown as {(shown.value if shown else None)!r:.80}")
    elif outcome.errors:
        wrong = hostile.wrong_language(outcome.errors, language)
        assert not wrong, f"{what}: messages not in {language}: {wrong}"
    if not outcome.refused:
        for name, ok in outcome.stored.items():
            assert ok, f"{what}: accepted, but {name} is not stored as typed ({outcome.tables})"
        for values in mutated.values():
            for v in values:
                if not isinstance(v, str):
                    continue
                for typed, bad in hostile.SCRIPTS:
                    if typed in v and bad in outcome.followed:
                        raise AssertionError(f"{what}: {bad!r} is on the next page unescaped")


LANGUAGES = st.sampled_from(["sv", "sv", "sv", "en"])


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_hostile_values_are_refused_in_the_users_language_or_stored_as_meant(demo, db, client, case):
    opened = _open(client, case)
    fields = opened.form.editable()

    @settings(max_examples=examples(case.weight), phases=PHASES)
    @given(st.data())
    def run(draw):
        count = draw.draw(st.sampled_from([1, 1, 1, 1, 2, 3]), label="fields")
        chosen = draw.draw(st.lists(st.sampled_from(fields), min_size=1, max_size=min(count, len(fields)),
                                    unique_by=lambda f: f.name), label="which")
        mutated = {f.name: draw.draw(hostile.values_for(f, opened.others), label=f.name) for f in chosen}
        language = draw.draw(LANGUAGES, label="language")
        data = {**opened.data, **mutated}
        data = {k: v for k, v in data.items() if v != []}
        outcome = post_checked(client, case, opened, data, mutated, language)
        check_outcome(case, opened, data, mutated, language, outcome)

    run()


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_filled_in_form_is_accepted(demo, db, client, case):
    """The base every hostile value is put into is itself valid, so each value reaches the form's
    validation and the service, not only a "this field is required"."""
    opened = _open(client, case)
    outcome = post_checked(client, case, opened, opened.data, {}, "sv")
    if case.accepts:
        detail = hostile.error_texts(outcome.html) or outcome.errors
        assert not outcome.refused, f"{case}: the filled-in form is refused ({outcome.status}): {detail}"
    else:
        assert outcome.refused


# --- CSV imports ------------------------------------------------------------------------------------
@dataclass
class CsvFile:
    """A generated import: its bytes, and what the portal must do with it: `valid` (import exactly
    `expected`), or refuse it (with a row number in the message when `row_fault`)."""

    content: bytes
    valid: bool
    expected: dict
    row_fault: bool
    story: list[str]

    def __repr__(self):
        return f"CsvFile({len(self.content)} bytes, valid={self.valid}, {'; '.join(self.story)})"


GOOD_NUMBERS = {  # as typed -> the number meant
    "12": "12", "12,5": "12.5", "12.50": "12.50", "1 234,50": "1234.50", "1\u00a0234,5": "1234.5", "0,01": "0.01",
    "3": "3", "٣": "3", "１２": "12", "1,230": "1.23", "7.": "7",
}
# Never a weight or an amount: not a finite number, too large, or more than two decimals.
BAD_NUMBERS = hostile.NON_FINITE + ["9" * 30, "1" + "0" * 19, "1E+30", "1e999999", "99999999999999999999.99",
                                    "0,001", "1,234", "5e-400", "1.2.3", "1,2,3", "abc", "=1+1", "", "0x1A", "½",
                                    "<script>alert(1)</script>", "\x00"]

# Never an organisation code, a budget line's category or description, or a quarter.
BAD_TEXTS = hostile.MARKUP + ["ZZ", "\x00", "a\x00b", "😀", "x" * 300, "\u202eevil", "Q5"]
BAD_QUARTERS = ["0", "5", "Q5", "Q", "-1", "", "1.5", "٥", "1,0", "NaN", "<script>alert(1)</script>"]


def _write_rows(rows: list[list[str]], separator: str, quote: bool = True) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator="\n",
                        quoting=csv.QUOTE_MINIMAL if quote else csv.QUOTE_NONE, escapechar="\\")
    for row in rows:
        writer.writerow(row)
    return out.getvalue()


@st.composite
def csv_files(draw, rows_of, header: list[str], width: int):
    """A CSV made of `rows_of(draw)` -> (rows, expected) and hostile changes to it."""
    rows, expected = rows_of(draw)
    story, valid, row_fault = [], True, False
    rows = [list(r) for r in rows]
    change = draw(st.sampled_from(["none", "none", "cell", "cell", "cell", "short", "extra", "duplicate", "drop"]))
    if change == "cell" and rows:
        i, j = draw(st.integers(0, len(rows) - 1)), draw(st.integers(0, width - 1))
        bad = draw(st.sampled_from(BAD_NUMBERS if j == width - 1 else BAD_QUARTERS if j == 2 else BAD_TEXTS))
        rows[i][j] = bad
        story.append(f"row {i + 1} column {j + 1} = {bad[:40]!r}")
        # (an unknown organisation code is named, not its row: "Unknown organisation codes: ZZ"; a NUL
        # makes the whole file no text file)
        valid, row_fault = False, not (width == 2 and j == 0) and "\x00" not in bad
    elif change == "short" and rows:
        i = draw(st.integers(0, len(rows) - 1))
        rows[i] = rows[i][:-1]
        story.append(f"row {i + 1} without its last column")
        valid, row_fault = False, True
    elif change == "extra" and rows:
        i = draw(st.integers(0, len(rows) - 1))
        extra = draw(st.sampled_from(["", "", "x", "12"]))
        rows[i] = rows[i] + [extra]
        story.append(f"row {i + 1} with an extra column {extra!r}")
        if extra:
            valid, row_fault = False, True
    elif change == "duplicate" and rows:
        i = draw(st.integers(0, len(rows) - 1))
        rows.append(list(rows[i]))
        story.append(f"row {i + 1} twice")
        valid, row_fault = False, True
    elif change == "drop" and rows:
        i = draw(st.integers(0, len(rows) - 1))
        story.append(f"row {i + 1} left out")
        dropped = rows.pop(i)
        valid, expected = _without(expected, dropped, width)
    separator = draw(st.sampled_from([";", ";", ","]))
    with_header = draw(st.booleans())
    text = _write_rows(([header] if with_header else []) + rows, separator)
    if separator == "," and draw(st.integers(0, 4)) == 0 and any("," in r[-1] for r in rows if r):
        text = _write_rows(([header] if with_header else []) + rows, separator, quote=False)
        story.append("decimal commas unquoted in a comma-separated file")
        valid, row_fault = False, True
    story.append(f"separator {separator!r}, header {with_header}")
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = text.replace("\n", newline)
    if draw(st.integers(0, 5)) == 0:
        text = text.replace(newline, newline + newline + "  " + separator + newline, 1)
        story.append("blank lines")
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-16-le"]))
    story.append(encoding)
    if encoding in ("cp1252", "utf-16", "utf-16-le"):
        try:
            text.encode(encoding)
        except UnicodeEncodeError:
            encoding = "utf-8"  # a cell cp1252 cannot hold: saved as UTF-8 instead
    content = text.encode(encoding, errors="surrogatepass")
    if encoding == "utf-16-le":
        valid, row_fault = False, False  # no byte order mark: not readable as text, whatever its rows
    whole = draw(st.sampled_from(["as is"] * 8 + ["empty", "garbage", "nul", "50 000 rows", "huge field"]))
    if whole != "as is":
        story.append(whole)
        valid = False
        row_fault = whole in ("50 000 rows", "huge field") and encoding not in ("utf-16", "utf-16-le")
        if whole == "empty":
            content = b""
        elif whole == "garbage":
            content = bytes(draw(st.lists(st.integers(0, 255), min_size=1, max_size=300)))
        elif whole == "nul":
            content = content[: len(content) // 2] + b"\x00" + content[len(content) // 2:]
        elif whole == "50 000 rows":
            short = ["AB", "1"] if width == 2 else ["x", "", "1", "1"]  # a duplicate, a line that is not there
            content = content + (separator.join(short) + "\n").encode() * 50_000
        elif whole == "huge field":
            content = content + f"AB{separator}{'9' * 140_000}\n".encode()
    if len(content) > 1024 * 1024 or "\x00" in text or whole == "nul":
        row_fault = False  # "The file is too large (at most 1 MB)." / "not a readable text (CSV) file"
    return CsvFile(content=content, valid=valid, expected=expected, row_fault=row_fault and not valid, story=story)


def _without(expected: dict, dropped: list[str], width: int):
    """Leaving out a row: a weight file then leaves a payer out (refused); an outcome file is still
    valid, without that outcome."""
    if width == 2:
        return False, expected
    rest = dict(expected)
    rest.pop(("row", tuple(dropped)), None)
    return bool(rest), rest  # (no row left: "the file has no outcome rows")


def _weight_rows(draw):
    from governance.people.selectors import fee_payers

    rows, expected = [], {}
    for org in fee_payers():
        typed = draw(st.sampled_from(sorted(GOOD_NUMBERS)), label=f"weight {org.code}")
        code = draw(st.sampled_from([org.code, org.code.lower(), f" {org.code} "]))
        rows.append([code, typed])
        expected[org.code] = GOOD_NUMBERS[typed]
    order = draw(st.permutations(range(len(rows))))
    return [rows[i] for i in order], expected


def _outcome_rows(draw):
    from collections import Counter

    from fees.models import Budget

    lines = list(Budget.objects.get(year=_today().year).lines.order_by("pk"))
    keys = Counter((line.category, line.description.strip().lower()) for line in lines)
    lines = [line for line in lines if keys[(line.category, line.description.strip().lower())] == 1]
    chosen = draw(st.lists(st.sampled_from(lines), min_size=1, max_size=6, unique_by=lambda line: line.pk))
    rows, expected = [], {}
    for line in chosen:
        quarter = draw(st.sampled_from(["1", "2", "3", "4", "Q3", "q4"]))
        typed = draw(st.sampled_from(sorted(GOOD_NUMBERS)))
        row = [line.category, line.description, quarter, typed]
        rows.append(row)
        expected[("row", tuple(row))] = (line.pk, int(quarter.upper().removeprefix("Q")), GOOD_NUMBERS[typed])
    return rows, expected


IMPORTS = {
    "weights": (Case("fees:proposal_import_weights", "chair"), _weight_rows, ["kod", "vikt"], 2),
    "outcomes": (Case("fees:followup_import", "chair"), _outcome_rows, ["kategori", "beskrivning", "kvartal",
                                                                         "belopp"], 4),
}


def _stored_as_expected(kind: str, opened: Opened, expected: dict) -> None:
    from decimal import Decimal

    from fees.models import FeeProposal, Outcome

    if kind == "weights":
        proposal = FeeProposal.objects.get(pk=MATRIX["fees:proposal_import_weights"].kwargs()["pk"])
        stored = {e.organisation.code: e.weight for e in proposal.key_entries.select_related("organisation")}
        assert stored == {code: Decimal(w) for code, w in expected.items()}, "the weights stored are not the file's"
    else:
        for line_id, quarter, amount in expected.values():
            assert Outcome.objects.get(line_id=line_id, quarter=quarter).amount == Decimal(amount), (
                f"line {line_id} quarter {quarter}: not the file's amount")


@pytest.mark.parametrize("kind", sorted(IMPORTS))
def test_hostile_csv_files_are_refused_by_row_in_the_users_language_and_save_nothing(demo, db, client, kind):
    import re

    case, rows_of, header, width = IMPORTS[kind]
    opened = _open(client, case)

    @settings(max_examples=examples(1.5), phases=PHASES)
    @given(csv_files(rows_of, header, width), LANGUAGES)
    def run(csv, language):
        data = {**opened.data, "file": [(f"{kind}.csv", csv.content, "text/csv")]}
        outcome = post_checked(client, case, opened, data, {"file": data["file"]}, language,
                               on_accept=lambda tables: _stored_as_expected(kind, opened, csv.expected))
        if csv.valid:
            detail = hostile.error_texts(outcome.html) or outcome.errors
            assert not outcome.refused, f"{csv}: a valid file refused ({outcome.status}): {detail[:5]}"
            return
        assert outcome.refused, f"{csv}: accepted"
        assert outcome.status == 200, f"{csv}: {outcome.status}"
        texts = hostile.error_texts(outcome.html)
        assert texts, f"{csv}: refused without a message"
        assert len(outcome.html) < 500_000, f"{csv}: the refusal is a page of {len(outcome.html)} characters"
        wrong = hostile.wrong_language(texts, language)
        assert not wrong, f"{csv}: messages not in {language}: {wrong[:3]}"
        if csv.row_fault:
            word = "Rad" if language == "sv" else "Row"
            assert any(re.search(rf"\b{word} \d+", t) for t in texts), f"{csv}: no row named in {texts[:5]}"

    run()


def test_every_post_form_with_fields_has_a_case(demo, db, client):
    """Every page of the matrix, opened by the role its case uses (else the first role allowed):
    each POST form on it with fields is posted to by a case above, or listed in NOT_HOSTILE."""
    from governance.people.models import User

    covered = {(c.page, c.action) for c in CASES}
    role_of = {}
    for c in CASES:
        role_of.setdefault(c.page, c.role)
    missing = []
    for name in sorted(MATRIX):
        row = MATRIX[name]
        role = role_of.get(name) or allowed_role(name)
        if row.method != "get" or role in (None, "anonymous"):
            continue
        client.force_login(User.objects.get(username=role))
        url = _page_url(Case(name, role))
        page = client.get(url)
        if page.status_code != 200 or "html" not in page.get("Content-Type", ""):
            continue
        path = url.split("?")[0]
        for form in hostile.read_forms(page.content.decode(), path):
            fields = [f for f in form.editable() if f.kind != "button"]
            if not fields:
                continue
            action = None if form.action == path else _name_of(form.action)
            if (name, action) not in covered and (None, action) not in NOT_HOSTILE:
                missing.append(f"{name} -> {action or 'itself'} ({', '.join(f.name for f in fields[:4])})")
    assert not missing, "POST forms no hostile case posts to:\n" + "\n".join(sorted(set(missing)))


# --- Search and filter forms (GET) ------------------------------------------------------------------
GET_FORMS = {"fees:invoice_list": "admin", "governance:meeting_list": "chair", "governance:body_detail": "chair",
             "governance:decision_register": "chair", "governance:document_list": "chair",
             "webadmin:request_list": "admin", "webadmin:page_list": "admin",
             "annualplan:plan_detail": "chair", "annualplan:evaluation": "chair",
             "governance:search": "communicator"}


@pytest.mark.parametrize(("name", "role"), sorted(GET_FORMS.items()))
def test_hostile_search_and_filter_values_never_reach_a_500(demo, db, client, name, role):
    """A filter's query string is typed too (and shared as a link): never a 5xx, the page in the
    user's language."""
    from governance.people.models import User

    client.force_login(User.objects.get(username=role))
    url = _page_url(Case(name, role))
    page = client.get(url)
    assert page.status_code == 200
    path = url.split("?")[0]
    # The page's own form (the header's search field, on every page, is the search page's).
    forms = [f for f in hostile.read_forms(page.content.decode(), path, method="get") if f.editable()
             and f.action == path]
    assert forms, f"{name}: no search or filter form"
    form = forms[0]
    fields = [f for f in form.editable() if f.kind != "button"] or form.editable()

    @settings(max_examples=examples(0.5), phases=PHASES)
    @given(st.data())
    def run(draw):
        chosen = draw.draw(st.sampled_from(fields), label="field")
        value = draw.draw(hostile.values_for(chosen), label=chosen.name)
        language = draw.draw(LANGUAGES, label="language")
        client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language
        query = {**form.data(), chosen.name: value if not isinstance(value[0], tuple) else ["x"]}
        if len(str(query)) > 20_000:
            query[chosen.name] = [query[chosen.name][0][:4000]]  # a URL's length a browser sends
        response = client.get(form.action, query)
        assert response.status_code < 500, f"{name}: {response.status_code} for {_show({chosen.name: value})}"
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            assert hostile.page_language(response.content.decode()) == language

    run()
