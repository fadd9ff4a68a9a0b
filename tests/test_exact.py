"""Exact arithmetic: the integer shortcuts give what Fraction arithmetic gives."""
from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from telaah.engine.exact import growth_half_up, percent_half_up, ratio, round_half_up, round_ratio

amounts = st.one_of(
    st.integers(-10**40, 10**40),
    st.builds(lambda k, e: Decimal(k).scaleb(-e), st.integers(-10**20, 10**20), st.integers(0, 6)),
    st.fractions(max_denominator=10**6),
)
nonzero = amounts.filter(lambda v: v != 0)
places = st.integers(0, 4)


@settings(max_examples=500, deadline=None)
@given(amounts)
def test_ratio_is_the_fractions(value):
    numerator, denominator = ratio(value)
    assert denominator > 0 and Fraction(numerator, denominator) == Fraction(value)


@settings(max_examples=500, deadline=None)
@given(amounts, nonzero, places)
def test_percent_is_the_rounded_fraction(part, whole, digits):
    assert percent_half_up(part, whole, digits) == round_half_up(Fraction(part) * 100 / Fraction(whole), digits)


@settings(max_examples=500, deadline=None)
@given(amounts, nonzero, places)
def test_growth_is_the_rounded_fraction(new, old, digits):
    exact = (Fraction(new) - Fraction(old)) * 100 / Fraction(old)
    assert growth_half_up(new, old, digits) == round_half_up(exact, digits)


@pytest.mark.parametrize("numerator, denominator, digits, expected", [
    (88305, 1000, 2, "88.31"), (-88305, 1000, 2, "-88.31"), (88305, -1000, 2, "-88.31"),
    (1, 3, 2, "0.33"), (2, 3, 0, "1"), (-1, 200, 2, "-0.01"), (-1, 201, 2, "0.00"),
])
def test_halves_round_away_from_zero(numerator, denominator, digits, expected):
    assert round_ratio(numerator, denominator, digits) == Decimal(expected)


@pytest.mark.parametrize("value", [0.5, True])
def test_floats_and_bools_are_refused(value):
    with pytest.raises(TypeError):
        ratio(value)
