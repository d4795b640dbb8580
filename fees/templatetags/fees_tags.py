from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def kr(value, decimals=0):
    """12 345 kr (grouped in the current language); – when empty."""
    if value is None or value == "":
        return "–"
    return f"{floatformat(value, f'{decimals}g')} kr"


@register.filter
def signed_kr(value):
    """+1 234 kr / −1 234 kr; – when empty. The sign is text, never colour only."""
    if value is None:
        return "–"
    value = Decimal(value)
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return f"{sign}{floatformat(abs(value), '0g')} kr"


@register.filter
def signed_pct(value):
    if value is None:
        return "–"
    value = Decimal(value)
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return f"{sign}{floatformat(abs(value), 1)} %"


@register.filter
def field(form, name):
    return form[name]
