"""Date and time inputs the browser offers a picker for, and the text box for a decimal number."""
from __future__ import annotations

from django import forms


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class DecimalInput(forms.TextInput):
    """A decimal number as people type it ("0,5", "1 234,50"): a text box with the numeric keyboard
    (inputmode=decimal), not type=number, which some browsers refuse a decimal comma in and none can
    show one in. governance.formfields.DecimalField shows its value in the user's language."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"inputmode": "decimal", **(attrs or {})})
