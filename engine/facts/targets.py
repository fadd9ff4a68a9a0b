"""Target facts (rules/target): how an indicator's values are formed, ordered, written and bounded.

An indicator series is one indicator with its values over the years wherever the plan prints
one: every indicator of every Tabel 6.1 row, the indicators of Tabel 4.1, the rows of Tabel 7.1
and Tabel 2.8. Its settings come, in this order, from the occurrence itself (`arah`,
`akhir_periode`, `maks`), from the catalogue entry named by `ref`, and — for the end-of-period
method only — from the configuration by unit (`[end-of-period]`, engine/config.py). A direction
nobody states is not guessed: the series is not checked for it.

Kinds:
- `target_end`: the printed end-of-period value against the value the method forms (jumlah: the
  sum of the period's targets; tahun_akhir: the last year's target). No fact for `eksplisit`, nor
  when a target it needs is missing.
- `target_end_printed`: an indicator with targets, in a table with an end-of-period column (6.1,
  7.1): is its end value printed.
- `target_direction`: one target against the value before it (baseline, projection or the
  previous printed target) for an indicator whose direction is known.
- `target_unit`: one printed unit against the indicator's unit. Units are compared as
  `config.normalise_unit` writes them (letter case and spaces ignored): "orang/ bulan" is
  "orang/bulan" printed loosely, not another unit.
- `value_range`: one value of an indicator with bounds — a percentage lies in 0–100 unless the
  occurrence or catalogue gives `maks`; any indicator with `maks` lies in 0–maks.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..config import normalise_unit
from ..model import Cell
from . import clip, fact

PERCENT_UNITS = ("%", "persen")


@dataclass(frozen=True)
class Settings:
    arah: str | None
    method: str | None
    method_source: str | None  # "indikator" | "katalog" | "satuan"
    maks: int | Decimal | None
    percent: bool


@dataclass(frozen=True)
class Series:
    table: str
    label: str
    pointer: str  # the indicator occurrence, or the table row
    unit: str | None  # see indicator_unit
    settings: Settings
    years: tuple[int, ...]  # the years targets are set for
    starts: tuple[tuple[str, int | None, Cell], ...]  # values before the targets, oldest first: (column, year, cell)
    targets: dict
    others: tuple[tuple[str, int | None, Cell], ...]  # further values (Tabel 2.8 realisasi)
    end: Cell | None
    end_pointer: str | None  # where the end-of-period value is (or would be) printed; None: the table has no such column


def number(cell: Cell | None) -> int | Decimal | None:
    """The number a value cell holds, or None (printed "-", text only, or blank)."""
    if cell is None or cell.missing:
        return None
    return cell.nilai


def first_unit(cells) -> str | None:
    return next((c.satuan for c in cells if c is not None and c.satuan), None)


def indicator_unit(printed: str | None, cells, entry) -> str | None:
    """The unit printed for the indicator, else on its first value that has one, else its
    catalogue entry's."""
    return printed or first_unit(cells) or (entry.satuan if entry is not None else None)


def settings_for(ctx, entry, unit: str | None, occurrence=None) -> Settings:
    """An indicator's settings: the occurrence's own, else its catalogue entry's; the
    end-of-period method last of all from the configured default for its unit."""

    def pick(name):
        own = getattr(occurrence, name, None)
        if own is not None:
            return own, "indikator"
        value = getattr(entry, name, None)
        return (value, "katalog") if value is not None else (None, None)

    method, source = pick("akhir_periode")
    if method is None:
        method = ctx.config.end_method_for_unit(unit)
        source = "satuan" if method else None
    percent = unit is not None and normalise_unit(unit) in PERCENT_UNITS
    return Settings(arah=pick("arah")[0], method=method, method_source=source, maks=pick("maks")[0], percent=percent)


def series(plan, ctx) -> list[Series]:
    """Every indicator series of the plan, in document order (6.1, 4.1, 7.1, 2.8)."""
    catalogue = plan.catalogue()
    period = tuple(plan.dokumen.periode.years)
    out: list[Series] = []

    def occurrence(table, label, ind, end_column):
        entry = catalogue.get(ind.ref)
        unit = indicator_unit(ind.satuan, ind.target.values(), entry)
        starts = (("baseline", None, ind.baseline),) if ind.baseline is not None else ()
        out.append(Series(table, label, ind.pointer, unit, settings_for(ctx, entry, unit, ind), period,
                          starts, ind.target, (), ind.akhir, f"{ind.pointer}/akhir" if end_column else None))

    table61 = plan.rencana_program.tabel
    for info in ctx.rows:
        for ind in info.row.indikator:
            occurrence(table61, f"{info.label} — {ind.nama}", ind, True)
    if plan.tujuan_sasaran is not None:
        for tujuan in plan.tujuan_sasaran.tujuan:
            for row in (tujuan, *tujuan.sasaran):
                for ind in row.indikator:
                    occurrence(plan.tujuan_sasaran.tabel, ind.nama, ind, False)
    if plan.indikator_kinerja is not None:
        for row in plan.indikator_kinerja.baris:
            entry = catalogue.get(row.ref)
            unit = indicator_unit(row.satuan, row.target.values(), entry)
            starts = []
            if row.kondisi_awal is not None and row.kondisi_awal.nilai is not None:
                starts.append(("kondisi_awal", row.kondisi_awal.tahun, row.kondisi_awal.nilai))
            starts += [("proyeksi", year, cell) for year, cell in sorted(row.proyeksi.items())]
            out.append(Series(plan.indikator_kinerja.tabel, row.indikator, row.pointer, unit,
                              settings_for(ctx, entry, unit), period, tuple(starts), row.target, (),
                              row.kondisi_akhir, f"{row.pointer}/kondisi_akhir"))
    if plan.kinerja_pelayanan is not None:
        table28 = plan.kinerja_pelayanan
        for row in table28.baris:
            if not row.target and not row.realisasi:
                continue  # a heading row
            entry = catalogue.get(row.ref)
            unit = indicator_unit(row.satuan, row.target.values(), entry)
            years = tuple(table28.tahun) or tuple(sorted(row.target))
            others = tuple(("realisasi", year, cell) for year, cell in sorted(row.realisasi.items()))
            out.append(Series(table28.tabel, row.indikator, row.pointer, unit, settings_for(ctx, entry, unit),
                              years, (), row.target, others, None, None))
    return out


def end_value(s: Series) -> int | Decimal | None:
    """The end-of-period value the series' method forms, or None when it forms none."""
    if s.settings.method == "tahun_akhir":
        return number(s.targets.get(s.years[-1])) if s.years else None
    if s.settings.method == "jumlah":
        values = [number(s.targets.get(year)) for year in s.years]
        return None if not values or any(v is None for v in values) else sum(values)
    return None


def build(plan, ctx) -> list[dict]:
    facts: list[dict] = []
    units: dict[str, str] = {}  # a printed unit as normalise_unit writes it: a plan prints few units
    for s in series(plan, ctx):
        cells = [(cell_name(column, year), year, cell) for column, year, cell in _cells(s)]
        facts += _end(s)
        facts += _direction(s)
        facts += _units(s, cells, units)
        facts += _ranges(s, cells)
    return facts


def _end(s: Series) -> list[dict]:
    facts = []
    method = clip(s.settings.method)
    has_targets = any(number(c) is not None for c in s.targets.values())
    declared, expected = number(s.end), end_value(s)
    if s.end_pointer is not None and has_targets:
        facts.append(fact("target_end_printed", s.end_pointer, s.table, s.label, None, declared, expected, {
            "printed": declared is not None, "method": method,
        }))
    if declared is not None and expected is not None:
        facts.append(fact("target_end", s.end.pointer, s.table, s.label, None, declared, expected, {
            "method": method, "method_source": s.settings.method_source, "unit": clip(s.unit),
        }))
    return facts


def _direction(s: Series) -> list[dict]:
    if s.settings.arah is None:
        return []
    arah = clip(s.settings.arah)
    facts = []
    previous = None  # (cell name, value) of the last value before the current target
    for column, year, cell in s.starts:
        if number(cell) is not None:
            previous = (cell_name(column, year), number(cell))
    for year in sorted(s.targets):
        cell = s.targets[year]
        value = number(cell)
        if value is None:
            continue
        if previous is not None:
            facts.append(fact("target_direction", cell.pointer, s.table, s.label, year, value, previous[1], {
                "arah": arah, "previous": previous[0],
            }))
        previous = (cell_name("target", year), value)
    return facts


def cell_name(column: str, year: int | None) -> str:
    """A value's column as the document's keys name it, with its year: "target 2025", "baseline"."""
    return f"{column} {year}" if year is not None else column


def _cells(s: Series):
    """(column, year, cell) of every value of the series, in order."""
    yield from s.starts
    yield from (("target", year, s.targets[year]) for year in sorted(s.targets))
    yield from s.others
    if s.end is not None:
        yield "akhir", None, s.end


def _units(s: Series, cells: list, units: dict[str, str]) -> list[dict]:
    """`cells`: (column name, year, cell) of every value of the series, in order."""
    if not s.unit:
        return []
    reference = normalise_unit(s.unit)
    facts = []
    for column, year, cell in cells:
        printed = cell.satuan
        if not printed:
            continue
        normal = units.get(printed)
        if normal is None:
            normal = units[printed] = normalise_unit(printed)
        facts.append(fact("target_unit", cell.pointer, s.table, s.label, year, printed, s.unit, {
            "column": column, "same_unit": normal == reference,
        }))
    return facts


def _ranges(s: Series, cells: list) -> list[dict]:
    """`cells`: as for `_units`."""
    maximum = s.settings.maks if s.settings.maks is not None else (100 if s.settings.percent else None)
    if maximum is None:
        return []
    unit = clip(s.unit)
    facts = []
    for column, year, cell in cells:
        value = number(cell)
        if value is None:
            continue
        facts.append(fact("value_range", cell.pointer, s.table, s.label, year, value, min(max(value, 0), maximum), {
            "column": column, "minimum": 0, "maximum": maximum, "unit": unit,
        }))
    return facts
