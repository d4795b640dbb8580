"""One way to write numbers and amounts (governance.money and the `money` template library), in
Swedish and English, rounded half up, exact for Decimal."""
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from governance.money import format_kronor, format_number, format_signed_kronor

NBSP = "\xa0"


@pytest.mark.parametrize(("value", "decimals", "sv", "en"), [
    (Decimal("1234567"), 0, f"1{NBSP}234{NBSP}567", "1,234,567"),
    (Decimal("2.5"), 0, "3", "3"),  # half up, not to even
    (Decimal("3.5"), 0, "4", "4"),
    (Decimal("-2.5"), 0, "-3", "-3"),
    (Decimal("1234.005"), 2, f"1{NBSP}234,01", "1,234.01"),
    (Decimal("0.004"), 2, "0,00", "0.00"),
    (Decimal("-0.4"), 0, "0", "0"),  # no "-0"
    (12345, 0, f"12{NBSP}345", "12,345"),
    ("216387.495", 2, f"216{NBSP}387,50", "216,387.50"),
    (Decimal("999999999999.99"), 2, f"999{NBSP}999{NBSP}999{NBSP}999,99", "999,999,999,999.99"),
])
def test_numbers_are_grouped_and_rounded_half_up_in_the_active_language(value, decimals, sv, en):
    with translation.override("sv"):
        assert format_number(value, decimals) == sv
    with translation.override("en"):
        assert format_number(value, decimals) == en


def test_nothing_is_a_dash_and_what_is_not_a_number_is_shown_as_given():
    assert format_number(None) == format_kronor(None) == format_kronor("") == format_signed_kronor(None) == "–"
    assert format_number("<b>x</b>") == "<b>x</b>"  # shown as given: the template escapes it


def test_amounts_carry_their_unit_and_differences_their_sign_as_text():
    with translation.override("sv"):
        assert format_kronor(Decimal("216387.4")) == f"216{NBSP}387 kr"
        assert format_kronor(Decimal("99.5"), 2) == "99,50 kr"
        assert format_signed_kronor(Decimal("1234")) == f"+1{NBSP}234 kr"
        assert format_signed_kronor(Decimal("-1234")) == f"−1{NBSP}234 kr"
        assert format_signed_kronor(0) == "±0 kr"


def test_the_template_filters_write_what_python_writes():
    template = Template("{% load money %}{{ v|amount }}|{{ v|amount:2 }}|{{ v|kr }}|{{ v|kr:2 }}|{{ d|signed_kr }}|"
                        "{{ none|kr }}|{{ hostile|amount }}")
    context = Context({"v": Decimal("1234.5"), "d": Decimal("-10"), "none": None, "hostile": "<script>"})
    with translation.override("sv"):
        assert template.render(context) == (
            f"1{NBSP}235|1{NBSP}234,50|1{NBSP}235 kr|1{NBSP}234,50 kr|−10 kr|–|&lt;script&gt;")
    with translation.override("en"):
        assert template.render(context).startswith("1,235|1,234.50|1,235 kr|1,234.50 kr|")
