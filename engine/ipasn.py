"""Indeks Profesionalitas ASN (PermenPAN-RB 38/2018, Peraturan BKN 8/2019).

A person's score = kualifikasi + kompetensi + kinerja + disiplin, each within its maximum
(25 / 40 / 30 / 5, `data/ip-asn.json`). Levels are published for whole numbers (91–100 Sangat
Tinggi … ≤ 60 Sangat Rendah); a value between two bands belongs to the upper one's lower-exclusive
interval: > 90 Sangat Tinggi, > 80 Tinggi, > 70 Sedang, > 60 Rendah, else Sangat Rendah — so 60,5
is Rendah and 90,5 Sangat Tinggi. Values are rounded half-up to 2 decimals before classifying.

The API takes plain values, independent of the plan model, so a table such as the plan's Tabel 2.5
can be fed to it row by row.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .exact import Number, round_half_up, rounded_within, to_fraction
from .refdata import load_data

_DATA = load_data("ip-asn.json")

DIMENSIONS: tuple[tuple[str, Fraction], ...] = tuple((d["kode"], to_fraction(d["maks"])) for d in _DATA["dimensi"])
SCORE_MAX: Fraction = sum((maximum for _, maximum in DIMENSIONS), Fraction(0))


@dataclass(frozen=True)
class IpAsnLevel:
    nama: dict[str, str]  # {"id": "Sangat Rendah", "en": "Very low"}
    above: Decimal | None  # the band holds values strictly above this; None = from 0


# Listed highest first in the data file.
_LEVELS: tuple[IpAsnLevel, ...] = tuple(IpAsnLevel(dict(row["nama"]), row["di_atas"]) for row in _DATA["tingkat"])


def ip_asn_level(value: Number) -> IpAsnLevel:
    rounded = rounded_within(value, 0, SCORE_MAX, "IP ASN")
    return next(level for level in _LEVELS if level.above is None or rounded > level.above)


@dataclass(frozen=True)
class IpAsnScore:
    nama: str
    kualifikasi: Number
    kompetensi: Number
    kinerja: Number
    disiplin: Number


def person_total(score: IpAsnScore) -> Fraction:
    """The sum of the four dimensions; ValueError naming the first dimension outside 0 … its maximum."""
    total = Fraction(0)
    for dimension, maximum in DIMENSIONS:
        value = to_fraction(getattr(score, dimension))
        if not 0 <= value <= maximum:
            raise ValueError(f"{score.nama}: {dimension} {getattr(score, dimension)} is outside 0–{maximum}")
        total += value
    return total


@dataclass(frozen=True)
class IpAsnSummary:
    count: int
    totals: tuple[Fraction, ...]  # per person, in input order
    average_exact: Fraction
    average: Decimal  # rounded half-up to 2 decimals
    level: IpAsnLevel  # of the rounded average
    highest: Fraction
    highest_names: tuple[str, ...]
    lowest: Fraction
    lowest_names: tuple[str, ...]


def summarize(scores: Sequence[IpAsnScore]) -> IpAsnSummary:
    """The unit's average, highest and lowest over its staff's scores."""
    if not scores:
        raise ValueError("no IP ASN scores")
    totals = tuple(person_total(s) for s in scores)
    average = sum(totals, Fraction(0)) / len(totals)
    highest, lowest = max(totals), min(totals)
    return IpAsnSummary(
        count=len(totals),
        totals=totals,
        average_exact=average,
        average=round_half_up(average),
        level=ip_asn_level(average),
        highest=highest,
        highest_names=tuple(s.nama for s, t in zip(scores, totals) if t == highest),
        lowest=lowest,
        lowest_names=tuple(s.nama for s, t in zip(scores, totals) if t == lowest),
    )


def contract_share(contract: int, permanent: int, places: int = 2) -> Decimal:
    """Contract staff (PTT, THL, …) as a percentage of all staff (contract + ASN), rounded half up
    to `places` decimals (once: 46,4968 is 46 with 0 decimals, not 46,50 → 47)."""
    for name, count in (("contract", contract), ("permanent", permanent)):
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError(f"{name} must be a non-negative integer, got {count!r}")
    if contract + permanent == 0:
        raise ValueError("no staff")
    return round_half_up(Fraction(contract * 100, contract + permanent), places)
