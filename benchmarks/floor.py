"""The plain-Python floor of the budget family: what rules/anggaran (ANG001–ANG005) find, written
as straightforward loops over the plan model, with no facts and no rule engine.

- ANG001: a Tabel 6.1 row's Rp in a year differs (beyond the configured tolerance) both from the
  sum of its rows' Rp as printed and from that sum recomputed from the lowest rows up; a row
  blank that year adds nothing, a "-" makes the sum uncheckable.
- ANG002: a row's end-of-period Rp differs from the sum of its yearly Rp, printed and recomputed.
- ANG003: the same for Tabel 2.9 rows with rows under them and the JUMLAH row, per year, for
  anggaran and realisasi.
- ANG004: a program, kegiatan or sub kegiatan has a target in a year but no Rp.
- ANG005: a row has Rp in a year but no target.

`budget_findings(plan, config)` returns (code, pointer, declared, expected) for each; the
benchmark measures the engine's budget family against it, and tests/test_floor.py checks that
both find the same things.
"""
from __future__ import annotations

from typing import NamedTuple

FUNDED = ("program", "kegiatan", "sub_kegiatan")
BLANK = object()  # an amount the document leaves blank (no key)


class Hit(NamedTuple):
    code: str
    pointer: str
    declared: object
    expected: object


def _sum(values):
    """Σ of the amounts: blank ones add nothing, a "-" (None) makes the sum None."""
    total = 0
    for value in values:
        if value is BLANK:
            continue
        if value is None:
            return None
        total += value
    return total


def _recompute(roots, amounts, children, keys) -> dict:
    """id(row) -> {key: amount recomputed from the lowest rows up}: the sum of the rows under it
    when one of them has an amount and none is "-", else the row's own amount (BLANK if blank)."""
    out: dict = {}
    stack = [(row, False) for row in roots]
    while stack:
        row, done = stack.pop()
        below = children(row)
        if not done:
            stack.append((row, True))
            stack.extend((child, False) for child in below)
            continue
        own = amounts(row)
        mine = {}
        for key in keys:
            values = [out[id(child)][key] for child in below]
            total = _sum(values)
            mine[key] = total if total is not None and any(v is not BLANK for v in values) else own.get(key, BLANK)
        out[id(row)] = mine
    return out


def _wrong(declared, sums, tolerance) -> bool:
    return all(s is None or abs(declared - s) > tolerance for s in sums)


def budget_findings(plan, config) -> list[Hit]:
    tolerance = config.tolerance_rupiah
    years = list(plan.dokumen.periode.years)
    hits: list[Hit] = []
    roots = plan.rencana_program.tujuan
    rebuilt = _recompute(roots, lambda r: r.anggaran, lambda r: r.children, years)
    stack = list(reversed(roots))
    while stack:
        row = stack.pop()
        children = row.children
        stack.extend(reversed(children))
        for year in years:
            declared = row.anggaran.get(year)
            pointer = f"{row.pointer}/anggaran/{year}"
            has_target = any(year in i.target and not i.target[year].missing for i in row.indikator)
            if declared is None:
                if has_target and row.level in FUNDED:
                    hits.append(Hit("ANG004", pointer, None, None))
                continue
            if not has_target:
                hits.append(Hit("ANG005", pointer, declared, None))
            if children:
                expected = _sum([c.anggaran.get(year, BLANK) for c in children])
                again = _sum([rebuilt[id(c)][year] for c in children])
                if expected is not None and _wrong(declared, (expected, again), tolerance):
                    hits.append(Hit("ANG001", pointer, declared, expected))
        if row.anggaran_akhir is not None:
            expected = _sum([row.anggaran.get(y, BLANK) for y in years])
            again = _sum([rebuilt[id(row)][y] for y in years])
            if expected is not None and _wrong(row.anggaran_akhir, (expected, again), tolerance):
                hits.append(Hit("ANG002", f"{row.pointer}/anggaran_akhir", row.anggaran_akhir, expected))
    table = plan.anggaran_realisasi
    if table is not None:
        groups = [(table.jumlah, table.baris)] if table.jumlah is not None and table.baris else []
        stack = list(table.baris)
        while stack:
            row = stack.pop()
            if row.rincian:
                groups.append((row, row.rincian))
                stack.extend(row.rincian)
        for column in ("anggaran", "realisasi"):
            rebuilt = _recompute(table.baris, lambda r: getattr(r, column), lambda r: r.rincian, table.tahun)
            for parent, rows in groups:
                for year in table.tahun:
                    declared = getattr(parent, column).get(year)
                    if declared is None:
                        continue
                    expected = _sum([getattr(r, column).get(year, BLANK) for r in rows])
                    again = _sum([rebuilt[id(r)][year] for r in rows])
                    if expected is not None and _wrong(declared, (expected, again), tolerance):
                        hits.append(Hit("ANG003", f"{parent.pointer}/{column}/{year}", declared, expected))
    return hits
