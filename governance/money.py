"""Money arithmetic shared by the apps (kronor, rounded to öre). One place: the operating plan's
resource assignments and the web management's role assignments pay by the same rule."""
from __future__ import annotations

from decimal import Decimal
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
