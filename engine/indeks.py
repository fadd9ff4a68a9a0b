"""Indeks Penyelenggaraan Kecamatan, as the Pandaan plan's Tabel 4.2 defines it:

    capaian indikator kinerja program = (realisasi : target) × 100 %
    indeks = jumlah capaian indikator kinerja program : jumlah program

The formula names its number of programs (5 in the plan); `count_matches` tells whether the
programs given agree with that count. An achievement is not capped at 100 %: the formula does not
say so. Exact throughout, rounded half-up to 2 decimals at the end.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .exact import Number, round_half_up, to_fraction


def program_achievement(target: Number, realisasi: Number) -> Fraction:
    """realisasi / target × 100; the target must be positive and the realisasi not negative."""
    target_f, realisasi_f = to_fraction(target), to_fraction(realisasi)
    if target_f <= 0:
        raise ValueError(f"target must be positive, got {target}")
    if realisasi_f < 0:
        raise ValueError(f"realisasi must not be negative, got {realisasi}")
    return realisasi_f / target_f * 100


@dataclass(frozen=True)
class IndeksResult:
    achievements: tuple[Fraction, ...]  # per program, in input order
    value_exact: Fraction
    value: Decimal  # rounded half-up to 2 decimals
    stated_count: int | None
    count_matches: bool | None  # None when no count was stated


def indeks_penyelenggaraan(pairs: Sequence[tuple[Number, Number]], stated_count: int | None = None) -> IndeksResult:
    """The mean programme achievement over `(target, realisasi)` pairs, one per programme."""
    if not pairs:
        raise ValueError("no programs")
    achievements = tuple(program_achievement(target, realisasi) for target, realisasi in pairs)
    value = sum(achievements, Fraction(0)) / len(achievements)
    return IndeksResult(
        achievements=achievements,
        value_exact=value,
        value=round_half_up(value),
        stated_count=stated_count,
        count_matches=None if stated_count is None else stated_count == len(pairs),
    )
