"""Budget facts (rules/anggaran): Rupiah sums of Tabel 6.1 and Tabel 2.9, and whether each Tabel
6.1 row carries Rp and an indicator target in the same years.

A missing amount is never read as zero. An amount printed "-" (null) makes a sum not checkable,
so no fact is made for it; a cell left blank (absent key) means the row has no amount that year
and adds nothing — Tabel 2.9 leaves the years before or after a program blank.

One mistake, one finding: a total agrees with its rows when it equals their sum as printed, or
their sum recomputed from the lowest rows up (`Recomputed`). So a wrong program total is reported
at the program, not again at the sasaran that adds up the right program values, and a wrong sub
kegiatan is reported at its kegiatan, not again at every total above that was built from the
printed kegiatan. The fact's `expected` is always the sum of the rows as printed.

Kinds:
- `budget_rollup`: a Tabel 6.1 parent's Rp in one year against the sum of its rows' Rp.
- `budget_end`: a Tabel 6.1 row's end-of-period Rp against the sum of its yearly Rp.
- `budget_rollup_2_9`: a Tabel 2.9 row with rows under it (and the JUMLAH row) against the sum
  of those rows, per year, for anggaran and realisasi.
- `row_year`: one Tabel 6.1 row in one year of the period: has it Rp, has it an indicator target.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Callable

from . import fact

FUNDED_LEVELS = ("program", "kegiatan", "sub_kegiatan")  # Rp is required from program down
ABSENT = object()  # a blank cell: the key is not in the document


def amount_sum(values) -> int | Decimal | None:
    """Σ of the amounts; ABSENT ones add nothing; None when any is null ("-")."""
    total = 0
    for value in values:
        if value is ABSENT:
            continue
        if value is None:
            return None
        total += value
    return total


class Recomputed:
    """Amounts recomputed from the lowest rows up: a row's amount is the sum of its rows'
    recomputed amounts when at least one of them has an amount and none is "-", else the row's
    own printed amount (ABSENT when blank)."""

    def __init__(self, amounts: Callable[[object], dict], children: Callable[[object], list]):
        self.amounts, self.children = amounts, children
        self.memo: dict = {}

    def __call__(self, row, key):
        return self.of(row).get(key, ABSENT)

    def of(self, row) -> dict:
        """The row's recomputed amounts by key (a blank one left out), all keys at once."""
        found = self.memo.get(id(row))
        if found is None:
            found = self.amounts(row)
            children = self.children(row)
            if children:
                # amount_sum of each key over the rows, added in the same order: None once a row has "-"
                totals: dict = {}
                for child in children:
                    for key, value in self.of(child).items():
                        total = totals.get(key, 0)
                        if total is not None:
                            totals[key] = None if value is None else total + value
                found = dict(found)
                found.update((key, total) for key, total in totals.items() if total is not None)
            self.memo[id(row)] = found
        return found


def within_tolerance(declared, expected, ctx) -> bool:
    """True when |declared − expected| ≤ the configured Rupiah tolerance (tolerance.rupiah)."""
    return abs(declared - expected) <= ctx.config.tolerance_rupiah


def agrees(declared, expected, rebuilt: Callable[[], object], ctx) -> bool:
    """True when `declared` is within the Rupiah tolerance of `expected`, else of the sum
    `rebuilt()` gives when there is one (only worked out then: most totals agree as printed)."""
    if within_tolerance(declared, expected, ctx):
        return True
    again = rebuilt()
    return again is not None and within_tolerance(declared, again, ctx)


def has_target(row, year: int) -> bool:
    """True when any indicator of the row has a target printed for the year."""
    return any(year in ind.target and not ind.target[year].missing for ind in row.indikator)


def row_label_2_9(row) -> str:
    """A Tabel 2.9 row as printed: its code when it has one, else its uraian."""
    return row.kode or row.uraian


def build(plan, ctx) -> list[dict]:
    return [*_rollups_6_1(plan, ctx), *_rows_2_9(plan, ctx), *_row_years(plan, ctx)]


def _rollups_6_1(plan, ctx):
    table = plan.rencana_program.tabel
    years = list(plan.dokumen.periode.years)
    recomputed = Recomputed(lambda info: info.row.anggaran, lambda info: info.children)
    for info in ctx.rows:
        row = info.row
        for year in years if info.children else ():
            declared = row.anggaran.get(year)
            if declared is None:
                continue
            expected = amount_sum(c.row.anggaran.get(year, ABSENT) for c in info.children)
            if expected is None:
                continue
            yield fact("budget_rollup", f"{row.pointer}/anggaran/{year}", table, info.label, year, declared, expected, {
                "level": info.level, "children": len(info.children),
                "within_tolerance": agrees(declared, expected, lambda: amount_sum(recomputed(c, year) for c in info.children), ctx),
            })
        if row.anggaran_akhir is not None:
            expected = amount_sum(row.anggaran.get(y, ABSENT) for y in years)
            if expected is not None:
                yield fact("budget_end", f"{row.pointer}/anggaran_akhir", table, info.label, None, row.anggaran_akhir, expected, {
                    "level": info.level, "years": sum(1 for y in years if y in row.anggaran),
                    "within_tolerance": agrees(row.anggaran_akhir, expected, lambda: amount_sum(recomputed(info, y) for y in years), ctx),
                })


def _rows_2_9(plan, ctx):
    table29 = plan.anggaran_realisasi
    if table29 is None:
        return
    years = list(table29.tahun)
    for column in ("anggaran", "realisasi"):
        recomputed = Recomputed(lambda row: getattr(row, column), lambda row: row.rincian)

        def sums(parent, label: str, level: str, rows):
            amounts = getattr(parent, column)
            for year in years:
                declared = amounts.get(year)
                if declared is None:
                    continue
                expected = amount_sum(getattr(r, column).get(year, ABSENT) for r in rows)
                if expected is None:
                    continue
                yield fact("budget_rollup_2_9", f"{parent.pointer}/{column}/{year}", table29.tabel, label, year, declared, expected, {
                    "column": column, "level": level, "children": len(rows),
                    "within_tolerance": agrees(declared, expected, lambda: amount_sum(recomputed(r, year) for r in rows), ctx),
                })

        def visit(rows, depth: int):
            for row in rows:
                if row.rincian:
                    yield from sums(row, row_label_2_9(row), "program" if depth == 0 else "kegiatan", row.rincian)
                    yield from visit(row.rincian, depth + 1)

        if table29.jumlah is not None and table29.baris:
            yield from sums(table29.jumlah, "JUMLAH", "jumlah", table29.baris)
        yield from visit(table29.baris, 0)


def _row_years(plan, ctx):
    """One fact per Tabel 6.1 row and year of the period; `rp_required` from program down (tujuan
    and sasaran may leave Rp blank)."""
    table = plan.rencana_program.tabel
    years = plan.dokumen.periode.years
    for info in ctx.rows:
        row = info.row
        required = info.level in FUNDED_LEVELS
        for year in years:
            rp = row.anggaran.get(year)
            yield fact("row_year", f"{row.pointer}/anggaran/{year}", table, info.label, year, rp, None, {
                "level": info.level, "has_rp": rp is not None, "has_target": has_target(row, year), "rp_required": required,
            })
