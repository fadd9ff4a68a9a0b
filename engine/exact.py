"""Exact arithmetic for computed scores: values are kept as `Fraction` (or as integer numerator
and denominator, where a formula is one quotient) and rounded once, at the end.

Only `int`, `Decimal` and `Fraction` are accepted — a `float` (or a `bool`) is a programming error
here, so it raises `TypeError` instead of being converted silently.
"""
from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

Number = int | Decimal | Fraction


def to_fraction(value: Number) -> Fraction:
    return Fraction(*ratio(value))


def ratio(value: Number) -> tuple[int, int]:
    """(numerator, denominator) of a value exactly, the denominator above 0: what a Fraction
    holds, without building one (the formula facts divide hundreds of amounts per plan)."""
    if value.__class__ is int:  # most amounts
        return value, 1
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, Fraction)):
        raise TypeError(f"expected int, Decimal or Fraction, got {type(value).__name__}")
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError(f"not a finite number: {value}")
    return value.as_integer_ratio()


def round_half_up(value: Number, places: int = 2) -> Decimal:
    """Round to `places` decimals, halves away from zero (88,305 → 88,31), as a Decimal."""
    return round_ratio(*ratio(value), places)


def round_ratio(numerator: int, denominator: int, places: int = 2) -> Decimal:
    """numerator / denominator (integers, denominator not 0) rounded like `round_half_up`."""
    if denominator < 0:
        numerator, denominator = -numerator, -denominator
    # floor(|value| × 10^places + 1/2) in integers: Fraction arithmetic here cost more than the rest
    units = (2 * abs(numerator) * 10**places + denominator) // (2 * denominator)
    return Decimal(-units if numerator < 0 else units).scaleb(-places)


def percent_half_up(part: Number, whole: Number, places: int = 2) -> Decimal:
    """part × 100 / whole (whole not 0), rounded half up."""
    (a, b), (c, d) = ratio(part), ratio(whole)
    return round_ratio(a * d * 100, b * c, places)


def growth_half_up(new: Number, old: Number, places: int = 2) -> Decimal:
    """(new − old) × 100 / old (old not 0), the change in percent, rounded half up."""
    (a, b), (c, d) = ratio(new), ratio(old)
    return round_ratio((a * d - c * b) * 100, b * c, places)


def rounded_within(value: Number, low: Number, high: Number, what: str) -> Decimal:
    """`value` rounded half-up to 2 decimals, or ValueError when that lies outside low … high."""
    rounded = round_half_up(value)
    if not low <= rounded <= high:
        raise ValueError(f"{what} {rounded} is outside {low}–{high}")
    return rounded
