"""Kelurahan facts: every kelurahan named in the plan, the kelurahan a Tabel 6.1 row is for, the
coverage of rows split per kelurahan, and the Rp each kelurahan receives.

Kinds (schemas/facts.schema.json): `kelurahan_name` (one per mention in Tabel 6.1 nama / unit
kerja / lokasi, Tabel 2.9 uraian, Tabel 2.7 column headers), `kelurahan_row` (one per Tabel 6.1
row naming a kelurahan in two or more of those cells), `kelurahan_coverage` (one per split and
kelurahan of the kecamatan) and `kelurahan_funding` (one per kelurahan and year, only when
config.kelurahan_min_rp > 0). Nothing is emitted when the plan lists no kelurahan
(`wilayah.kelurahan`): there is nothing to check names against.

A split is a group of sibling rows with one code that name kelurahan (at least two rows), and,
always, sub kegiatan 7.01.03.2.02.0002 and 0003 wherever the plan has them, even as a single row:
UU 23/2014 Ps. 230 obliges the kabupaten to fund both for every kelurahan through the kecamatan.
A plan that lacks one of them altogether is not reported here (samples/minimal.yaml, the template,
has only 0002).
"""
from __future__ import annotations

from ..loader import join_pointer
from ..names import Mention, find_mentions, score
from ..nomenclature import load
from . import ROW_FIELDS, clip, fact, make_fact

MANDATORY = ("7.01.03.2.02.0002", "7.01.03.2.02.0003")


def row_mentions(ctx, info) -> dict[str, Mention]:
    """The kelurahan named by a Tabel 6.1 row's cells: the last one of its nama (the kelurahan
    at the end of a split row), the first of unit kerja and lokasi ("Kel. X Kec. Y")."""
    out = {}
    for field, found in ctx.mentions[id(info)].items():
        if found:
            out[field] = found[-1] if field == "nama" else found[0]
    return out


def kelurahan_of(mentions: dict[str, Mention]) -> str | None:
    """The kecamatan's kelurahan a row is for, from its `row_mentions`: named (or misspelt) in
    its nama, else in its unit kerja, else in its lokasi; None when no cell names one recognisably."""
    return next((m.match.name for m in mentions.values() if m.match.name), None)


def build(plan, ctx) -> list[dict]:
    places = ctx.places
    if not places.names:
        return []
    mentions = {id(info): row_mentions(ctx, info) for info in ctx.rows}
    return [
        *_names(plan, ctx, places),
        *_agreement(plan, ctx, mentions),
        *_coverage(plan, ctx, mentions),
        *_funding(plan, ctx, mentions),
    ]


# --------------------------------------------------------------------------- names


def _names(plan, ctx, places) -> list[dict]:
    facts = []
    every = clip(", ".join(places.names))

    def add(mention: Mention, pointer: str, table: str, row: str, field: str):
        match = mention.match
        facts.append(fact("kelurahan_name", pointer, table, row, None, mention.text, match.name, {
            "field": field, "known": match.exact, "suggestion": None if match.exact else clip(match.name),
            "similarity": score(match.similarity), "kelurahan": every,
        }))

    table = plan.rencana_program.tabel
    for info in ctx.rows:
        for field, found in ctx.mentions[id(info)].items():
            for mention in found:
                add(mention, join_pointer(info.row.pointer, field), table, info.label, field)
    if plan.anggaran_realisasi is not None:
        table = plan.anggaran_realisasi.tabel
        stack = list(reversed(plan.anggaran_realisasi.baris))
        while stack:
            row = stack.pop()
            for mention in find_mentions(row.uraian, places):
                add(mention, join_pointer(row.pointer, "uraian"), table, row.kode or row.uraian, "uraian")
            stack.extend(reversed(row.rincian))
    if plan.sarana_prasarana is not None:
        sarana = plan.sarana_prasarana
        for index, header in enumerate(sarana.kolom):
            for mention in find_mentions(header, places):
                add(mention, join_pointer(join_pointer(sarana.pointer, "kolom"), index), sarana.tabel, header, "kolom")
    return facts


# --------------------------------------------------------------------------- one row, one kelurahan


def _agreement(plan, ctx, row_mentions_of) -> list[dict]:
    facts = []
    table = plan.rencana_program.tabel
    for info in ctx.rows:
        mentions = row_mentions_of[id(info)]
        if len(mentions) < 2:
            continue
        keys = {field: m.match.name or m.text.casefold() for field, m in mentions.items()}
        first = next(iter(mentions))
        differing = next((field for field in mentions if keys[field] != keys[first]), None)
        shown = differing or first
        printed = {field: (mentions[field].text if field in mentions else None) for field in ROW_FIELDS}
        facts.append(make_fact(
            "kelurahan_row", join_pointer(info.row.pointer, shown), table=table, row=info.label,
            declared=mentions[shown].text, expected=mentions[first].text, consistent=differing is None,
            nama_kelurahan=printed["nama"], unit_kerja_kelurahan=printed["unit_kerja"], lokasi_kelurahan=printed["lokasi"],
        ))
    return facts


# --------------------------------------------------------------------------- coverage of splits


def _splits(ctx, mentions) -> list[list]:
    """Groups of sibling Tabel 6.1 rows that split one code per kelurahan, in document order."""
    groups: dict[tuple, list] = {}
    for info in ctx.rows:
        if info.code is not None:
            groups.setdefault((id(info.parent), info.code.canonical), []).append(info)
    return [
        rows for (_, canonical), rows in groups.items()
        if canonical in MANDATORY or (len(rows) > 1 and any(mentions[id(r)] for r in rows))
    ]


def _by_kelurahan(rows, mentions) -> dict[str, list]:
    out: dict[str, list] = {}
    for info in rows:
        out.setdefault(kelurahan_of(mentions[id(info)]), []).append(info)
    return out


def _coverage(plan, ctx, mentions) -> list[dict]:
    nomenclature = load(ctx.config.nomenclature)
    table = plan.rencana_program.tabel
    facts = []
    for rows in _splits(ctx, mentions):
        canonical = rows[0].code.canonical
        entry = nomenclature.get(canonical)
        name = entry.name if entry is not None else rows[0].row.nama
        by_kelurahan = _by_kelurahan(rows, mentions)
        for kelurahan in plan.wilayah.kelurahan:
            mine = by_kelurahan.get(kelurahan, [])
            pointer = (mine[1] if len(mine) > 1 else mine[0] if mine else rows[0]).row.pointer
            facts.append(make_fact(
                "kelurahan_coverage", pointer, table=table, row=rows[0].row.kode, declared=len(mine), expected=1,
                kelurahan=kelurahan, split=canonical, split_name=name, rows=len(mine),
            ))
    return facts


# --------------------------------------------------------------------------- minimum Rp


def _funding(plan, ctx, mentions) -> list[dict]:
    minimum = ctx.config.kelurahan_min_rp
    if minimum <= 0:
        return []
    table = plan.rencana_program.tabel
    funded = _by_kelurahan((info for info in ctx.rows if info.code is not None and info.code.canonical in MANDATORY), mentions)
    facts = []
    for kelurahan in plan.wilayah.kelurahan:
        mine = funded.get(kelurahan, [])
        if not mine:
            continue  # no row at all: kelurahan_coverage reports it
        for year in plan.dokumen.periode.years:
            values = [info.row.anggaran.get(year) for info in mine]
            values = [v for v in values if v is not None]
            pointer = join_pointer(join_pointer(mine[0].row.pointer, "anggaran"), year)
            facts.append(make_fact(
                "kelurahan_funding", pointer, table=table, row=mine[0].label, year=year,
                declared=sum(values) if values else None, expected=minimum, kelurahan=kelurahan,
            ))
    return facts
