"""{% load money %}: the one way templates write numbers and amounts (governance.money)."""
from decimal import Decimal

from django import template

from governance.money import format_kronor, format_number, format_signed_kronor

register = template.Library()


@register.filter
def amount(value, decimals=0):
    """A number, grouped and rounded half up in the active language: 12 345 (sv), 12,345 (en)."""
    return format_number(value, int(decimals))


@register.filter
def kr(value, decimals=0):
    """An amount: 12 345 kr; – when empty."""
    return format_kronor(value, int(decimals))


@register.filter
def signed_kr(value):
    """+1 234 kr / −1 234 kr / ±0 kr; – when empty."""
    return format_signed_kronor(value)


@register.filter
def cell(value):
    """A table cell of stored content (the G7 report): a number written the one way, else as it is."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return value
    return format_number(value)
