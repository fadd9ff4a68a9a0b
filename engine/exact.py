"""Exact arithmetic for computed scores: values are kept as `Fraction` and rounded once, at the end.

Only `int`, `Decimal` and `Fraction` are accepted — a `float` (or a `bool`) is a programming error
here, so it raises `TypeError` instead of being converted silently.
"""
from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

Number = int | Decimal | Fraction


def to_fraction(value: Number) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, Fraction)):
        raise TypeError(f"expected int, Decimal or Fraction, got {type(value).__name__}")
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError(f"not a finite number: {value}")
    return Fraction(value)


def round_half_up(value: Number, places: int = 2) -> Decimal:
    """Round to `places` decimals, halves away from zero (88,305 → 88,31), as a Decimal."""
    numerator, denominator = to_fraction(value).as_integer_ratio()
    # floor(|value| × 10^places + 1/2) in integers: Fraction arithmetic here cost more than the rest
    units = (2 * abs(numerator) * 10**places + denominator) // (2 * denominator)
    return Decimal(-units if numerator < 0 else units).scaleb(-places)


def rounded_within(value: Number, low: Number, high: Number, what: str) -> Decimal:
    """`value` rounded half-up to 2 decimals, or ValueError when that lies outside low … high."""
    rounded = round_half_up(value)
    if not low <= rounded <= high:
        raise ValueError(f"{what} {rounded} is outside {low}–{high}")
    return rounded
