"""Sharing a fee between the payers: pure functions, no database.

Every share is whole kronor and the shares add up to exactly the total. The method is the
largest remainder (Hamilton): everyone gets the whole kronor of their exact proportion, and the
kronor left over go one each to the largest fractional parts; ties go to the lower organisation
code. The same input always gives the same output."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

EQUAL = "equal"
WEIGHTS = "weights"


class AllocationError(ValueError):
    """Input the allocation cannot use; the message is translated and meant for the form."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class Entry:
    """One organisation in the key. `fixed` set: pays exactly that; otherwise shares the rest by
    `weight` (or equally)."""

    code: str
    weight: Decimal = Decimal(0)
    fixed: Decimal | None = None


def _whole(value: Decimal) -> bool:
    return value == value.to_integral_value()


def validate(total: Decimal, entries: Sequence[Entry], *, method: str,
             required_codes: Iterable[str] | None = None) -> None:
    """Raise AllocationError for input that cannot be allocated."""
    if method not in (EQUAL, WEIGHTS):
        raise AllocationError(_("Unknown allocation key."), "method")
    total = Decimal(total)
    if total < 0:
        raise AllocationError(_("The total to raise must not be negative."), "negative_total")
    if not _whole(total):
        raise AllocationError(_("The total to raise must be whole kronor."), "fractional_total")
    seen: set[str] = set()
    twice = sorted({e.code for e in entries if e.code in seen or seen.add(e.code)})
    if twice:
        raise AllocationError(
            _("An organisation appears more than once in the key: %(codes)s.") % {"codes": ", ".join(twice)},
            "duplicate",
        )
    if required_codes is not None:
        required = list(required_codes)
        missing = [c for c in required if c not in seen]
        if missing:
            raise AllocationError(
                _("The key leaves out %(codes)s: every fee payer must be in it.") % {"codes": ", ".join(missing)},
                "missing",
            )
        unknown = sorted(seen - set(required))
        if unknown:
            raise AllocationError(
                _("The key names organisations that do not pay the fee: %(codes)s.") % {"codes": ", ".join(unknown)},
                "unknown",
            )
    if not entries:
        raise AllocationError(_("The key has no organisations."), "empty")
    for e in entries:
        if e.fixed is not None and (e.fixed < 0 or not _whole(Decimal(e.fixed))):
            raise AllocationError(
                _("The fixed amount for %(code)s must be whole kronor, zero or more.") % {"code": e.code}, "fixed"
            )
        if method == WEIGHTS and e.fixed is None and Decimal(e.weight) < 0:
            raise AllocationError(_("The weight for %(code)s must not be negative.") % {"code": e.code}, "weight")
    fixed_sum = sum((Decimal(e.fixed) for e in entries if e.fixed is not None), Decimal(0))
    if fixed_sum > total:
        raise AllocationError(
            _("The fixed amounts (%(fixed)s kr) are more than the total to raise (%(total)s kr).")
            % {"fixed": f"{fixed_sum:.0f}", "total": f"{total:.0f}"},
            "fixed_above_total",
        )
    rest = [e for e in entries if e.fixed is None]
    if not rest and fixed_sum != total:
        raise AllocationError(
            _("Every organisation has a fixed amount, but they do not add up to the total to raise."),
            "fixed_not_total",
        )
    if method == WEIGHTS and rest and total > fixed_sum and sum(Decimal(e.weight) for e in rest) == 0:
        raise AllocationError(_("All weights are zero: there is nothing to share the fee by."), "zero_weights")


def allocate(total: Decimal | int, entries: Sequence[Entry], *, method: str,
             required_codes: Iterable[str] | None = None) -> dict[str, Decimal]:
    """Share `total` (whole kronor) between `entries`. Returns {code: share} in the entries' order."""
    total = Decimal(total)
    validate(total, entries, method=method, required_codes=required_codes)
    shares: dict[str, int] = {}
    rest_entries = [e for e in entries if e.fixed is None]
    rest = int(total) - sum(int(e.fixed) for e in entries if e.fixed is not None)
    if rest_entries:
        weights = {e.code: Fraction(1) if method == EQUAL else Fraction(Decimal(e.weight)) for e in rest_entries}
        weight_sum = sum(weights.values())
        exact = {code: (Fraction(rest) * w / weight_sum if weight_sum else Fraction(0)) for code, w in weights.items()}
        floors = {code: q.numerator // q.denominator for code, q in exact.items()}
        left = rest - sum(floors.values())
        order = sorted(exact, key=lambda code: (-(exact[code] - floors[code]), code))
        for code in order[:left]:
            floors[code] += 1
        shares.update(floors)
    result: dict[str, Decimal] = {}
    for e in entries:
        result[e.code] = Decimal(int(e.fixed)) if e.fixed is not None else Decimal(shares[e.code])
    return result


def exact_shares(total: Decimal | int, entries: Sequence[Entry], *, method: str) -> dict[str, Fraction]:
    """The exact (unrounded) proportions, for tests and for showing the rounding."""
    total = Decimal(total)
    rest_entries = [e for e in entries if e.fixed is None]
    rest = Fraction(total) - sum((Fraction(Decimal(e.fixed)) for e in entries if e.fixed is not None), Fraction(0))
    weights = {e.code: Fraction(1) if method == EQUAL else Fraction(Decimal(e.weight)) for e in rest_entries}
    weight_sum = sum(weights.values())
    out: dict[str, Fraction] = {}
    for e in entries:
        if e.fixed is not None:
            out[e.code] = Fraction(Decimal(e.fixed))
        else:
            out[e.code] = rest * weights[e.code] / weight_sum if weight_sum else Fraction(0)
    return out


def change(current: Decimal, previous: Decimal | None) -> tuple[Decimal | None, Decimal | None]:
    """(change in kronor, change in per cent with one decimal) against last year; None when unknown."""
    if previous is None:
        return None, None
    diff = Decimal(current) - Decimal(previous)
    pct = (diff * 100 / Decimal(previous)).quantize(Decimal("0.1")) if previous else None
    return diff, pct
