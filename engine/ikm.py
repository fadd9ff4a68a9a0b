"""Indeks Kepuasan Masyarakat (IKM), PermenPAN-RB 14/2017.

Each respondent rates the nine unsur U1…U9 from 1 to 4. NRR(unsur) = Σ ratings / respondents;
IKM = (Σ NRR / 9) × 25, kept exact and rounded half-up to 2 decimals only at the end; the rounded
value is classified (88,31 → A Sangat Baik, 88,30 → B Baik). Unsur names, the conversion factor,
the interval table and the Krejcie–Morgan constants live in `data/ikm-permenpanrb-14-2017.json`.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .exact import Number, round_half_up, rounded_within, to_fraction
from .refdata import load_data

_DATA = load_data("ikm-permenpanrb-14-2017.json")

UNSUR: tuple[tuple[str, str], ...] = tuple((u["kode"], u["nama"]) for u in _DATA["unsur"])
UNSUR_CODES: tuple[str, ...] = tuple(code for code, _ in UNSUR)
RATING_MIN: int = _DATA["skala"]["min"]
RATING_MAX: int = _DATA["skala"]["maks"]
_FACTOR = to_fraction(_DATA["konversi"]["faktor"])
_KM = _DATA["krejcie_morgan"]


@dataclass(frozen=True)
class IkmCategory:
    mutu: str  # A … D
    kinerja: dict[str, str]  # label per language: {"id": "Sangat Baik", "en": "Very good"}
    minimum: Decimal  # the lowest IKM (2 decimals) of the band


# Listed best first in the data file.
_BANDS: tuple[IkmCategory, ...] = tuple(
    IkmCategory(row["mutu"], dict(row["kinerja"]), row["ikm_min"]) for row in _DATA["interval"]
)
IKM_MIN = to_fraction(RATING_MIN) * _FACTOR
IKM_MAX = to_fraction(RATING_MAX) * _FACTOR


def ikm_category(value: Number) -> IkmCategory:
    """Mutu and kinerja of an IKM value (25–100), after rounding it half-up to 2 decimals."""
    rounded = rounded_within(value, IKM_MIN, IKM_MAX, "IKM")
    return next(band for band in _BANDS if rounded >= band.minimum)


def krejcie_morgan(population: int) -> int:
    """Minimum sample for a population (Krejcie & Morgan 1970), rounded up:
    n = χ²·N·P(1−P) / (d²·(N−1) + χ²·P(1−P))."""
    if isinstance(population, bool) or not isinstance(population, int) or population < 1:
        raise ValueError(f"population must be a positive integer, got {population!r}")
    chi2, p, d = (to_fraction(_KM[key]) for key in ("chi_kuadrat", "proporsi", "galat"))
    variance = chi2 * p * (1 - p)
    return math.ceil(variance * population / (d * d * (population - 1) + variance))


@dataclass(frozen=True)
class IkmResult:
    respondents: int
    nrr: dict[str, Fraction]  # exact NRR per unsur code, in U1…U9 order
    ikm_exact: Fraction
    ikm: Decimal  # rounded half-up to 2 decimals
    category: IkmCategory
    weakest: tuple[str, ...]  # the unsur code(s) with the lowest NRR: the priority for improvement


def compute_ikm(responses: Iterable[Sequence[int]]) -> IkmResult:
    """IKM of survey responses, each a sequence of nine integer ratings in U1…U9 order."""
    totals = [0] * len(UNSUR_CODES)
    respondents = 0
    for number, response in enumerate(responses, start=1):
        if len(response) != len(UNSUR_CODES):
            raise ValueError(f"response {number} has {len(response)} ratings, expected {len(UNSUR_CODES)}")
        for i, rating in enumerate(response):
            if isinstance(rating, bool) or not isinstance(rating, int) or not RATING_MIN <= rating <= RATING_MAX:
                raise ValueError(f"response {number}, {UNSUR_CODES[i]}: rating {rating!r} is not {RATING_MIN}–{RATING_MAX}")
            totals[i] += rating
        respondents += 1
    if respondents == 0:
        raise ValueError("no responses")
    nrr = {code: Fraction(total, respondents) for code, total in zip(UNSUR_CODES, totals)}
    ikm_exact = sum(nrr.values()) / len(nrr) * _FACTOR
    lowest = min(nrr.values())
    return IkmResult(
        respondents=respondents,
        nrr=nrr,
        ikm_exact=ikm_exact,
        ikm=round_half_up(ikm_exact),
        category=ikm_category(ikm_exact),
        weakest=tuple(code for code, value in nrr.items() if value == lowest),
    )
