"""The allocation: whole kronor, exact sum, largest remainder, deterministic (hypothesis)."""
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fees.allocation import EQUAL, WEIGHTS, AllocationError, Entry, allocate, exact_shares
from governance.reference import FEE_PAYER_CODES

codes = st.lists(st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=3), min_size=1, max_size=30, unique=True)
totals = st.integers(min_value=0, max_value=10**10)
weights = st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def weighted_keys(draw):
    cs = draw(codes)
    ws = [draw(weights) for _ in cs]
    if sum(ws) == 0:
        ws[0] = Decimal(1)
    return [Entry(code=c, weight=w) for c, w in zip(cs, ws, strict=True)]


@settings(max_examples=300, deadline=None)
@given(total=totals, entries=weighted_keys())
def test_exact_sum_whole_kronor_and_within_one_krona(total, entries):
    shares = allocate(total, entries, method=WEIGHTS)
    assert sum(shares.values()) == total
    exact = exact_shares(total, entries, method=WEIGHTS)
    for code, share in shares.items():
        assert share == share.to_integral_value()
        assert abs(Fraction(share) - exact[code]) < 1


@settings(max_examples=300, deadline=None)
@given(total=totals, entries=weighted_keys())
def test_a_larger_weight_never_pays_less(total, entries):
    shares = allocate(total, entries, method=WEIGHTS)
    for a in entries:
        for b in entries:
            if a.weight > b.weight:
                assert shares[a.code] >= shares[b.code]


@settings(max_examples=200, deadline=None)
@given(total=totals, entries=weighted_keys())
def test_same_input_same_output_whatever_the_order(total, entries):
    first = allocate(total, entries, method=WEIGHTS)
    again = allocate(total, list(reversed(entries)), method=WEIGHTS)
    assert first == dict(again)
    assert first == allocate(total, entries, method=WEIGHTS)


@settings(max_examples=200, deadline=None)
@given(total=totals, cs=codes)
def test_equal_shares_differ_by_at_most_one_krona(total, cs):
    shares = allocate(total, [Entry(c) for c in cs], method=EQUAL)
    assert sum(shares.values()) == total
    assert max(shares.values()) - min(shares.values()) <= 1


@settings(max_examples=200, deadline=None)
@given(total=st.integers(min_value=0, max_value=10**9), entries=weighted_keys(), data=st.data())
def test_fixed_amounts_are_paid_exactly_and_the_rest_shared(total, entries, data):
    fixed_code = entries[0].code
    fixed = data.draw(st.integers(min_value=0, max_value=total))
    entries = [Entry(fixed_code, fixed=Decimal(fixed))] + entries[1:]
    if len(entries) > 1 and sum(e.weight for e in entries[1:]) == 0:
        entries[1] = Entry(entries[1].code, weight=Decimal(1))
    if len(entries) == 1 and fixed != total:
        with pytest.raises(AllocationError):
            allocate(total, entries, method=WEIGHTS)
        return
    shares = allocate(total, entries, method=WEIGHTS)
    assert shares[fixed_code] == fixed
    assert sum(shares.values()) == total


def test_ties_go_to_the_lower_code():
    shares = allocate(10, [Entry("C"), Entry("AB"), Entry("B")], method=EQUAL)
    assert shares == {"C": 3, "AB": 4, "B": 3}
    assert list(shares) == ["C", "AB", "B"]


def test_largest_remainder_example():
    # 100 by 1:1:1 → 33.33 each; the leftover krona goes to the lowest code.
    assert allocate(100, [Entry("X", Decimal(1)), Entry("A", Decimal(1)), Entry("M", Decimal(1))],
                    method=WEIGHTS) == {"X": 33, "A": 34, "M": 33}
    # 10 by 1:2 → 3.33 and 6.67: the larger remainder gets the krona.
    assert allocate(10, [Entry("A", Decimal(1)), Entry("B", Decimal(2))], method=WEIGHTS) == {"A": 3, "B": 7}


@pytest.mark.parametrize(
    ("total", "entries", "method", "code", "text"),
    [
        (-1, [Entry("A")], EQUAL, "negative_total", "must not be negative"),
        (Decimal("10.50"), [Entry("A")], EQUAL, "fractional_total", "whole kronor"),
        (100, [Entry("A", Decimal(0)), Entry("B", Decimal(0))], WEIGHTS, "zero_weights", "All weights are zero"),
        (100, [Entry("A", fixed=Decimal(80)), Entry("B", fixed=Decimal(30)), Entry("C")], EQUAL,
         "fixed_above_total", "more than the total"),
        (100, [Entry("A"), Entry("A")], EQUAL, "duplicate", "more than once"),
        (100, [Entry("A", Decimal(-1)), Entry("B", Decimal(2))], WEIGHTS, "weight", "must not be negative"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(total, entries, method, code, text):
    with pytest.raises(AllocationError) as exc:
        allocate(total, entries, method=method)
    assert exc.value.code == code
    assert text in exc.value.message


def test_a_key_that_leaves_a_payer_out_is_refused():
    entries = [Entry(c) for c in FEE_PAYER_CODES if c != "VM"]
    with pytest.raises(AllocationError) as exc:
        allocate(1000, entries, method=EQUAL, required_codes=FEE_PAYER_CODES)
    assert exc.value.code == "missing"
    assert "VM" in exc.value.message


def test_all_22_payers_equal_shares():
    shares = allocate(1_000_000, [Entry(c) for c in FEE_PAYER_CODES], method=EQUAL, required_codes=FEE_PAYER_CODES)
    assert sum(shares.values()) == 1_000_000
    assert set(shares.values()) == {Decimal(45454), Decimal(45455)}


def test_errors_are_translated_to_swedish():
    from django.utils import translation

    with translation.override("sv"), pytest.raises(AllocationError) as exc:
        allocate(100, [Entry("A", Decimal(0))], method=WEIGHTS)
    assert exc.value.message == "Alla vikter är noll: det finns inget att fördela avgiften efter."
