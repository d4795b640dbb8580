"""Whole-kronor fields take back the amount as it is stored and shown (62000.00) and refuse öre."""
from decimal import Decimal

import pytest

from fees.forms import WholeKronorField


@pytest.mark.parametrize(("typed", "value"), [("62000.00", Decimal("62000")), ("62000", Decimal("62000")),
                                              ("0.00", Decimal("0")), ("-100000.0", Decimal("-100000"))])
def test_trailing_zero_ore_are_whole_kronor(typed, value):
    cleaned = WholeKronorField().clean(typed)
    assert cleaned == value and cleaned.as_tuple().exponent == 0


@pytest.mark.parametrize("typed", ["100.50", "0.01", "NaN", "Infinity", "1E+30"])
def test_ore_and_what_is_no_amount_are_refused(typed):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        WholeKronorField().clean(typed)
