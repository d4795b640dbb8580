from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


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
