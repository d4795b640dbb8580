"""The form fields every app shares.

- `DecimalField`: a decimal number as Swedish and English users type it ("0,5", "0.5", "1 234,50"),
  shown again in the user's language (0,50 / 0.50) so an edit form takes back what it shows. Every
  form field that asks for a decimal is one (ModelForms: `formfield_callback = formfields.callback`).
- `VersionField`: the hidden version an edit form was opened at (governance.concurrency). A value
  that is no version is taken as a stale one: the service refuses it as a conflict, with the one
  message and the editor's input kept, and the form moves onto the saved version.
"""
from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from governance.money import parse_number
from governance.widgets import DecimalInput


class DecimalField(forms.DecimalField):
    """forms.DecimalField reading governance.money.parse_number (a decimal comma or point in either
    language, spaces between the thousands; NaN and Infinity refused; zeros beyond its decimal
    places dropped), in a DecimalInput."""

    widget = DecimalInput

    def __init__(self, **kwargs):
        widget = kwargs.get("widget")
        if widget is forms.NumberInput or isinstance(widget, forms.NumberInput):
            # type=number cannot show "0,50": the same box as text, with its classes
            attrs = {k: v for k, v in getattr(widget, "attrs", {}).items() if k not in ("step", "min", "max")}
            kwargs["widget"] = DecimalInput(attrs=attrs)
        kwargs.setdefault("localize", True)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal | int):
            return Decimal(value)
        try:
            number = parse_number(str(value))
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        places = self.decimal_places
        if places is not None and number.as_tuple().exponent < -places and abs(number) < 10 ** 15:
            exact = number.quantize(Decimal(1).scaleb(-places))
            if exact == number:
                number = exact  # zeros after the last decimal are no decimals: "12,500" kr is 12,50 kr
        return number


def callback(db_field: models.Field, **kwargs):
    """A ModelForm's `formfield_callback`: a model's decimal field becomes a DecimalField."""
    if isinstance(db_field, models.DecimalField):
        kwargs.setdefault("form_class", DecimalField)
    return db_field.formfield(**kwargs)


class VersionField(forms.IntegerField):
    """The hidden version of an edit form. Empty is None (no check) unless required; anything that is
    not a whole number of 0 or more (the page changed outside the portal) is STALE, which no saved
    object has, so the service's concurrency.check_version refuses it as a conflict."""

    STALE = -1
    widget = forms.HiddenInput

    def to_python(self, value):
        if value in self.empty_values:
            if self.required:
                return self.STALE
            return None
        text = str(value).strip()
        if not text.isdecimal() or len(text) > 18:
            return self.STALE
        return int(text)

    def validate(self, value):
        pass  # every value is a version: a stale one is the service's conflict
