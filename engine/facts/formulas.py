"""Formula facts (rules/formula): the ratios and growth figures of Tabel 2.8 and 2.9, recomputed.

A printed ratio matches when the exact ratio, rounded half up to the printed number of decimals,
equals it. The printed number of decimals is the table's: the most decimals any ratio cell of the
table carries (a document prints one format per column, and "96,70" may be stored as 96.7).

Kinds:
- `rasio_capaian`: Tabel 2.8 rasio capaian = realisasi / target × 100; for an indicator whose
  direction is `turun` (lower is better) (2 × target − realisasi) / target × 100. No fact when
  the target is 0 or a value is missing.
- `rasio_anggaran`: Tabel 2.9 rasio = realisasi / anggaran × 100; 0 where anggaran is 0 (the
  table writes 0,00 there). `sesuai_rincian` is true when the printed ratio is the one the row's
  amounts recomputed from its rows give (`budget.Recomputed`): then the ratio is right and only the
  printed total is wrong, which the budget rules report — one mistake, one finding.
- `pertumbuhan_kolom`: one per Tabel 2.9 "Rata-rata Pertumbuhan" column (anggaran, realisasi):
  how many rows print their average yearly growth rate, (v[t] − v[t−1]) / v[t−1] × 100 averaged
  over the consecutive years with v[t−1] > 0, and the first row that does not.
"""
from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from ..exact import percent_half_up, ratio, round_half_up, round_ratio
from . import clip, fact
from .budget import ABSENT, Recomputed, row_label_2_9
from .targets import indicator_unit, number, settings_for

FORMULA_NAIK = "realisasi / target × 100"
FORMULA_TURUN = "(2 × target − realisasi) / target × 100"


def decimals(value) -> int:
    if isinstance(value, Decimal):
        return max(0, -value.as_tuple().exponent)
    return 0


def build(plan, ctx) -> list[dict]:
    return [*_rasio_capaian(plan, ctx), *_rasio_anggaran(plan), *_pertumbuhan(plan)]


def _rasio_capaian(plan, ctx):
    table = plan.kinerja_pelayanan
    if table is None:
        return
    catalogue = plan.catalogue()
    places = max((decimals(c.nilai) for row in table.baris for c in row.rasio.values() if number(c) is not None), default=0)
    for row in table.baris:
        entry = catalogue.get(row.ref)
        arah = settings_for(ctx, entry, indicator_unit(row.satuan, row.target.values(), entry)).arah
        for year, cell in sorted(row.rasio.items()):
            declared, target, actual = number(cell), number(row.target.get(year)), number(row.realisasi.get(year))
            if declared is None or target is None or actual is None or target == 0:
                continue
            if arah == "turun":
                expected = round_half_up((2 * Fraction(target) - Fraction(actual)) * 100 / Fraction(target), places)
                formula = FORMULA_TURUN
            else:
                expected, formula = percent_half_up(actual, target, places), FORMULA_NAIK
            yield fact("rasio_capaian", cell.pointer, table.tabel, row.indikator, year, declared, expected, {
                "target": target, "realisasi": actual, "arah": clip(arah), "formula": formula,
            })


def _rows_2_9(table):
    """(label, row) of every Tabel 2.9 row, rows under rows included, then JUMLAH."""
    def visit(rows):
        for row in rows:
            yield row_label_2_9(row), row
            yield from visit(row.rincian)

    yield from visit(table.baris)
    if table.jumlah is not None:
        yield "JUMLAH", table.jumlah


def _rasio_anggaran(plan):
    table = plan.anggaran_realisasi
    if table is None:
        return
    rows = list(_rows_2_9(table))
    places = max((decimals(c.nilai) for _, row in rows for c in row.rasio.values() if number(c) is not None), default=0)
    rincian = lambda row: getattr(row, "rincian", ())  # noqa: E731 — JUMLAH has no rows of its own
    budget_rows = Recomputed(lambda row: row.anggaran, rincian)
    actual_rows = Recomputed(lambda row: row.realisasi, rincian)
    for label, row in rows:
        if not row.rasio:
            continue
        budgets, actuals = row.anggaran, row.realisasi
        budgets_rebuilt, actuals_rebuilt = budget_rows.of(row), actual_rows.of(row)
        for year, cell in sorted(row.rasio.items()):
            declared, budget, actual = number(cell), budgets.get(year), actuals.get(year)
            if declared is None or budget is None or actual is None:
                continue
            expected = _ratio(actual, budget, places)
            budget_rebuilt, actual_rebuilt = budgets_rebuilt.get(year, ABSENT), actuals_rebuilt.get(year, ABSENT)
            if budget_rebuilt == budget and actual_rebuilt == actual:  # the rows add up to the printed amounts
                from_rows = expected == declared
            else:
                from_rows = (budget_rebuilt not in (None, ABSENT) and actual_rebuilt not in (None, ABSENT)
                             and _ratio(actual_rebuilt, budget_rebuilt, places) == declared)
            yield fact("rasio_anggaran", cell.pointer, table.tabel, label, year, declared, expected, {
                "anggaran": budget, "realisasi": actual, "sesuai_rincian": from_rows,
            })


def _ratio(actual, budget, places: int) -> Decimal:
    """realisasi × 100 / anggaran rounded half up to `places`; 0 where anggaran is 0."""
    return percent_half_up(actual, budget, places) if budget else round_half_up(0, places)


def growth_rate(amounts: dict, years: list[int]) -> tuple[int, int] | None:
    """Mean of the yearly growth rates (percent) over consecutive years with a previous amount
    above 0, as (numerator, denominator), the denominator above 0; None when there is no such pair."""
    # Σ (new − old) × 100 / old as one numerator over one denominator: (a/b − c/d) / (c/d) = (ad − bc) / bc
    numerator, denominator, count = 0, 1, 0
    for p, y in zip(years, years[1:]):
        old, new = amounts.get(p), amounts.get(y)
        if old is not None and new is not None and old > 0:
            (a, b), (c, d) = ratio(new), ratio(old)
            numerator, denominator, count = numerator * b * c + (a * d - b * c) * 100 * denominator, denominator * b * c, count + 1
    return (numerator, denominator * count) if count else None


def _pertumbuhan(plan):
    table = plan.anggaran_realisasi
    if table is None:
        return
    years = list(table.tahun)
    rows = list(_rows_2_9(table))
    for column in ("anggaran", "realisasi"):
        checked, not_rate, first_row, example = 0, 0, None, None
        for label, row in rows:
            declared = getattr(row.pertumbuhan, column) if row.pertumbuhan is not None else None
            rate = growth_rate(getattr(row, column), years) if declared is not None else None
            if rate is None:
                continue
            checked += 1
            if first_row is None:
                first_row = row
            if round_ratio(*rate, decimals(declared)) != declared:
                not_rate += 1
                if example is None:
                    example = (label, row, declared, round_ratio(*rate, 2))
        if checked:
            label, row, declared, rate = example or (None, first_row, None, None)
            yield fact("pertumbuhan_kolom", f"{row.pointer}/pertumbuhan/{column}", table.tabel, label, None, declared, rate, {
                "column": column, "rows_checked": checked, "rows_not_rate": not_rate,
            })
