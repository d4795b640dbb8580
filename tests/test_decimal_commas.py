"""Swedish users type decimal commas: every form field that asks for a decimal takes "0,5" as well
as "0.5", and "1 234,50" with spaces between the thousands, on a Swedish page and on an English
one, and shows the saved value again in the page's language (0,50 / 0.50), so an edit form takes
back what it shows (tests/test_edit_forms_round_trip.py). One field class does it for every form:
governance.formfields.DecimalField."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django import forms
from django.forms.formsets import BaseFormSet

from governance.formfields import DecimalField
from tests import hostile
from tests.test_hostile_input import CASES, _open, post_checked

STYLES = {  # how a number is typed: a decimal comma and spaces, or a decimal point
    "comma": lambda text: _group(text.replace(".", ","), " "),
    "point": lambda text: text,
}


def _group(text: str, separator: str) -> str:
    whole, comma, fraction = text.partition(",")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return sign + separator.join([whole, *groups]) + comma + fraction


def decimal_fields(response) -> dict[str, forms.Field]:
    """The decimal fields of the forms a page was rendered with, by their name in the HTML (each
    with `model_validators`: its model field's, which a ModelForm runs after the form's own)."""
    found = {}
    contexts = response.context if isinstance(response.context, list) else [response.context]
    values = [v for c in contexts for v in c.flatten().values()]
    for value in values:
        candidates = []
        if isinstance(value, forms.BaseForm):
            candidates = [value]
        elif isinstance(value, BaseFormSet):
            candidates = list(value.forms)
        for form in candidates:
            for name, field in form.fields.items():
                if isinstance(field, forms.DecimalField | forms.FloatField):
                    model = getattr(getattr(form, "_meta", None), "model", None)
                    field.model_validators = model._meta.get_field(name).validators if model else []
                    found[form.add_prefix(name)] = field
    return found


def _bounds(field: forms.DecimalField) -> tuple[Decimal, Decimal]:
    from django.core.validators import MaxValueValidator, MinValueValidator

    validators = [*field.validators, *getattr(field, "model_validators", [])]
    low = [field.min_value] + [v.limit_value for v in validators if isinstance(v, MinValueValidator)]
    high = [field.max_value] + [v.limit_value for v in validators if isinstance(v, MaxValueValidator)]
    return (max((Decimal(x) for x in low if x is not None), default=Decimal("-1e9")),
            min((Decimal(x) for x in high if x is not None), default=Decimal("1e9")))


def _target(field: forms.DecimalField, shown: str) -> Decimal:
    """A new value for the field near what it shows, with decimals when it takes them (a whole-kronor
    amount keeps its value: other rules hang on it, such as a motivation for an adjustment)."""
    from governance.money import parse_number

    base = parse_number(shown) if shown.strip() else Decimal(1)
    places = field.decimal_places if field.decimal_places is not None else 2
    if not places:
        return base.quantize(Decimal(1))
    low, high = _bounds(field)
    step = Decimal("0.5")
    value = base + step if base + step <= high else base - step
    if value < low:
        value = (low + high) / 2 if high < Decimal("1e9") else low + step
    return value.quantize(Decimal(1).scaleb(-places))


def _shown_as(value: Decimal, field: forms.DecimalField, language: str) -> str:
    places = field.decimal_places or 0
    text = f"{value:.{places}f}"
    return text.replace(".", ",") if language == "sv" else text


# The forms with decimal fields, and the edit forms among them (which show the saved value again).
DECIMAL_FORMS = ["annualplan:activity_create", "annualplan:activity_edit", "annualplan:assignment_create",
                 "annualplan:follow_up_edit", "annualplan:funding_apply", "annualplan:funding_decide",
                 "fees:budget_edit", "fees:followup_edit", "fees:proposal_edit", "webadmin:role_assign"]
SHOWN_AGAIN = {"annualplan:activity_edit", "annualplan:follow_up_edit", "fees:budget_edit", "fees:followup_edit",
               "fees:proposal_edit"}
BY_NAME = {str(c): c for c in CASES}
FILL_EMPTY = {"annualplan:funding_decide"}  # its one decimal is optional and empty
OTHER_FIELDS = {"annualplan:funding_decide": {"decision": ["partly_granted"]}}  # an amount less than applied


def test_every_decimal_field_is_the_shared_one_and_listed(demo, db, client):
    """Every form page with a decimal field uses governance.formfields.DecimalField for it, and is
    in DECIMAL_FORMS."""
    from django.db import transaction

    wrong, unlisted = [], []
    for case in CASES:
        with transaction.atomic():  # each case's state (setup) undone after it
            fields = decimal_fields(_open(client, case).page)
            transaction.set_rollback(True)
        wrong += [f"{case}: {name} is a {type(f).__name__}" for name, f in fields.items()
                  if not isinstance(f, DecimalField)]
        if fields and str(case) not in DECIMAL_FORMS:
            unlisted.append(str(case))
    assert not wrong, wrong
    assert not unlisted, f"forms with decimal fields not in DECIMAL_FORMS: {unlisted}"


@pytest.mark.parametrize("style", sorted(STYLES))
@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("name", DECIMAL_FORMS)
def test_a_decimal_typed_with_a_comma_or_a_point_is_saved_and_shown_in_the_users_language(
        demo, db, client, name, language, style):
    case = BY_NAME[name]
    opened = _open(client, case)
    fields = decimal_fields(opened.page)
    data = {**opened.data, **OTHER_FIELDS.get(name, {})}
    typed = {}
    for html_name, field in fields.items():
        shown = (data.get(html_name) or [""])[0]
        if not shown.strip() and (not field.required or re.search(r"-\d+-", html_name)) and name not in FILL_EMPTY:
            continue  # an empty extra line, an optional amount: left as it is
        target = _target(field, shown)
        typed[html_name] = (STYLES[style](f"{target:f}"), target, field)
        data[html_name] = [typed[html_name][0]]
    assert typed, f"{name}: no decimal field filled in"

    def saved_and_shown(tables):
        for text, target, _field in typed.values():
            assert hostile.stored_in(tables, f"{target:f}"), f"{name}: {text!r} is not stored as {target}"
        if name in SHOWN_AGAIN:
            again = hostile.form_posting_to(client.get(opened.url).content.decode(), opened.url.split("?")[0],
                                            opened.form.action)
            for html_name, (text, target, field) in typed.items():
                want = _shown_as(target, field, language)
                assert again.fields[html_name].value == [want], (
                    f"{name} ({language}): {html_name} saved from {text!r} is shown as "
                    f"{again.fields[html_name].value}, not {want!r}")

    outcome = post_checked(client, case, opened, data, {}, language, on_accept=saved_and_shown)
    errors = hostile.error_texts(outcome.html) or outcome.errors
    assert not outcome.refused, f"{name} ({language}, {style}): {[t for t, _, _ in typed.values()]} refused: {errors}"
