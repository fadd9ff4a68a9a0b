"""Indeks Penyelenggaraan Kecamatan: mean of realisasi / target × 100 over the programs, and the
check of the number of programs the formula states (5 in the plan's Tabel 4.2)."""
from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from telaah.engine.indeks import indeks_penyelenggaraan, program_achievement


def test_program_achievement():
    assert program_achievement(80, 72) == 90
    assert program_achievement(Decimal("97.75"), Decimal("97.25")) == Fraction(9725, 9775) * 100
    assert program_achievement(100, 120) == 120  # not capped: the plan's formula does not cap


@pytest.mark.parametrize(("target", "realisasi"), [(0, 5), (-1, 5), (10, -1)])
def test_program_achievement_rejects_bad_pairs(target, realisasi):
    with pytest.raises(ValueError):
        program_achievement(target, realisasi)


def test_program_achievement_rejects_float():
    with pytest.raises(TypeError):
        program_achievement(100, 90.5)


def test_five_programs_as_the_plan_states():
    pairs = [(100, 100), (100, 90), (80, 60), (50, 50), (3, 2)]
    result = indeks_penyelenggaraan(pairs, stated_count=5)
    # (100 + 90 + 75 + 100 + 66,666…) / 5 = 86,333…
    assert result.value_exact == (Fraction(431) + Fraction(2, 3)) / 5
    assert result.value == Decimal("86.33")
    assert result.achievements[4] == Fraction(200, 3)
    assert result.count_matches is True


def test_program_count_that_differs_from_the_formula():
    result = indeks_penyelenggaraan([(100, 90)] * 4, stated_count=5)
    assert result.count_matches is False
    assert result.stated_count == 5
    assert indeks_penyelenggaraan([(100, 90)] * 4).count_matches is None


def test_rounding_half_up_at_the_end():
    # (100 + 80,01) / 2 = 90,005 → 90,01 (rounded once, at the end)
    result = indeks_penyelenggaraan([(100, 100), (100, Decimal("80.01"))])
    assert result.value_exact == Fraction(90005, 1000)
    assert result.value == Decimal("90.01")


def test_no_programs():
    with pytest.raises(ValueError):
        indeks_penyelenggaraan([])


pair = st.tuples(st.integers(1, 10**6), st.integers(0, 10**6))


@given(st.lists(pair, min_size=1, max_size=20))
def test_value_lies_between_the_lowest_and_highest_achievement(pairs):
    result = indeks_penyelenggaraan(pairs)
    assert min(result.achievements) <= result.value_exact <= max(result.achievements)
    assert result.value_exact * len(pairs) == sum(Fraction(r * 100, t) for t, r in pairs)
