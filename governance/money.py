"""Money shared by the apps: arithmetic (kronor, rounded to öre; the operating plan's resource
assignments and the web management's role assignments pay by the same rule) and the one way an
amount or a number is written (format_number, format_kronor; in templates the `money` library's
`amount`, `kr` and `signed_kr` filters) and read (parse_number: a decimal comma or point, in either
language; the forms' governance.formfields.DecimalField and the CSV imports)."""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from numbers import Rational

ORE = Decimal("0.01")


def _exact(value) -> Fraction:
    """`value` as an exact fraction: Decimal, int, Fraction or a decimal string (never a float,
    whose binary value is not the number written)."""
    if isinstance(value, float):
        raise TypeError("money arithmetic takes Decimal, int, Fraction or str, not float")
    if isinstance(value, Rational):
        return Fraction(value)
    return Fraction(Decimal(value))


def round_ore(value) -> Decimal:
    """An exact amount rounded half up (away from zero on a tie, as Decimal's ROUND_HALF_UP) to öre."""
    cents = _exact(value) * 100
    whole, rest = divmod(abs(cents.numerator), cents.denominator)
    if 2 * rest >= cents.denominator:
        whole += 1
    return Decimal(-whole if cents < 0 else whole).scaleb(-2)


def compensation_for(salary_cost, share, social_fee_rate, part_of_year=Fraction(1)) -> Decimal:
    """What an organisation is paid for a person's assignment: annual salary cost at full time ×
    share of full time × part of the year the assignment covers × (1 + social fee rate).

    Computed exactly (fractions; `part_of_year` e.g. Fraction(184, 365) for 1 July to 31 December)
    and rounded half up to öre only once, at the end."""
    exact = _exact(salary_cost) * _exact(share) * _exact(part_of_year) * (1 + _exact(social_fee_rate))
    return round_ore(exact)


# --- Writing numbers and amounts ------------------------------------------------------------------
EMPTY = "–"


def format_number(value, decimals: int = 0) -> str:
    """`value` rounded half up to `decimals` places, thousands grouped, in the active language
    (sv: 12 345,50; en: 12,345.50). "–" for nothing. Exact for Decimal, int and decimal strings."""
    from django.utils.formats import get_format

    if value is None or value == "":
        return EMPTY
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
        rounded = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError, TypeError):
        return str(value)
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    text = f"{int(whole):,}".replace(",", get_format("THOUSAND_SEPARATOR"))
    if decimals:
        text += get_format("DECIMAL_SEPARATOR") + fraction
    return ("-" if rounded < 0 else "") + text


def format_kronor(value, decimals: int = 0) -> str:
    """An amount in kronor: "12 345 kr" (whole kronor unless `decimals`); "–" for nothing."""
    text = format_number(value, decimals)
    return text if text == EMPTY else f"{text} kr"


def format_signed_kronor(value) -> str:
    """A difference in kronor with its sign as text (never colour only): +1 234 kr, −1 234 kr, ±0 kr."""
    if value is None or value == "":
        return EMPTY
    number = Decimal(str(value))
    sign = "+" if number > 0 else ("−" if number < 0 else "±")
    return sign + format_kronor(abs(number))


# --- Reading numbers ----------------------------------------------------------------------------
_SPACES = re.compile(r"[\s\u00a0\u2007\u2009\u202f]+")
_NUMBER = re.compile(r"([+-]?)(\d[\d.,]*|[.,]\d+)((?:[eE][+-]?\d+)?)")


def _grouped(whole: str, separator: str) -> bool:
    """1,234,567 / 1.234.567: groups of three after the first group of one to three digits."""
    first, *rest = whole.split(separator)
    return 1 <= len(first) <= 3 and all(len(g) == 3 and g.isdecimal() for g in rest)


def parse_number(text: str) -> Decimal:
    """A number as people type it, in either language: a decimal comma or point ("0,5", "0.5"),
    spaces (also no-break) between the thousands ("1 234,50"), or the other separator between
    them ("1,234.50", "1.234,50"); a minus sign as - or −. A single comma or point is the decimal
    separator. ValueError when it is no finite number (NaN, Infinity, 1,2,3, a letter)."""
    cleaned = _SPACES.sub("", str(text)).replace("\u2212", "-")
    m = _NUMBER.fullmatch(cleaned)
    if not m:
        raise ValueError(text)
    sign, mantissa, exponent = m.groups()
    commas, points = mantissa.count(","), mantissa.count(".")
    if commas and points:
        decimal, thousands = (",", ".") if mantissa.rfind(",") > mantissa.rfind(".") else (".", ",")
        whole, _, fraction = mantissa.rpartition(decimal)
        if mantissa.count(decimal) != 1 or not _grouped(whole, thousands):
            raise ValueError(text)
        mantissa = whole.replace(thousands, "") + "." + fraction
    elif commas + points > 1:
        separator = "," if commas else "."
        if not _grouped(mantissa, separator):
            raise ValueError(text)
        mantissa = mantissa.replace(separator, "")
    else:
        mantissa = mantissa.replace(",", ".")
    try:
        value = Decimal(sign + mantissa + exponent)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not value.is_finite():
        raise ValueError(text)
    return abs(value) if value.is_zero() else value  # -0 is 0
