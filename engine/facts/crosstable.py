"""Cross-table facts (rules/lintas-tabel): the same indicator, the same programs, wherever printed.

An indicator occurrence is one indicator on a row of Tabel 4.1, 5.2, 6.1 or 7.1 (and, for past
values only, Tabel 2.8). Occurrences are the same indicator when they carry the same `ref`; one
without `ref` joins the group whose name it has (words compared as `names.words` reads them), else
it forms a group by its name. Tables are taken by their section, not their printed number.

Values are compared like with like:
- targets of the same year; the reference is the first of Tabel 4.1, 7.1, 6.1 printing them;
- the value at the start of the period: a baseline of 4.1 or 6.1 ("data capaian pada tahun
  awal") is the value of the year before the period, so it is compared with Tabel 7.1's value
  for that year (its projection, else its kondisi awal when that is the year); 7.1's kondisi
  awal (an actual value of its year) is compared with Tabel 2.8's realisasi of the same year;
- the end-of-period value; the reference is the first of 4.1, 7.1, 6.1 printing one;
- the name, within a `ref` group; the reference is the first of 4.1, 5.2, 6.1, 7.1.
Only occurrences in different tables are compared (rows split per kelurahan within Tabel 6.1 may
differ). Where either side is missing ("-", text only, blank) no fact is made.

Programs: the list in the text of BAB VI (`daftar_program`) against the programs of Tabel 6.1,
paired one to one — same words first (`names.comparable`: without the leading "Program"
label), then the most similar remaining names when at least `PROGRAM_MATCH_AT` alike (a
misspelling). The same pairing ties the components an indicator formula names (the programs of
Indeks Penyelenggaraan Kecamatan, catalogue `jenis: indeks_penyelenggaraan`) to the programs
under the Tabel 6.1 row that carries the indicator.

Kinds: `indicator_target_cross`, `indicator_baseline_cross`, `indicator_end_cross`,
`indicator_name_cross`, `program_list_item`, `program_list_name`, `formula_program_count`,
`formula_program_name`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from ..names import NO_PLACES, Gazetteer, comparable, same_words, similarity, words
from . import make_fact
from .targets import number

# Sections in the order their values are taken as the reference.
VALUE_ORDER = ("tujuan_sasaran", "indikator_kinerja", "rencana_program")
NAME_ORDER = ("tujuan_sasaran", "strategi_kebijakan", "rencana_program", "indikator_kinerja")
INDEX_KIND = "indeks_penyelenggaraan"
# Two program names at least this alike are one program misspelt. Distinct programs of bidang
# 7.01 are at most 0,67 alike ("Penyelenggaraan Pemerintahan dan Pelayanan Publik" /
# "Penyelenggaraan Urusan Pemerintahan Umum"); the Pandaan misspellings are 0,92.
PROGRAM_MATCH_AT = Fraction(8, 10)


@dataclass
class Occurrence:
    section: str
    table: str  # as printed
    row: str  # the row's label as printed
    name: str
    pointer: str  # of the occurrence (the indicator, or the table row)
    name_pointer: str
    ref: str | None
    targets: dict = field(default_factory=dict)  # year -> Cell
    start: object = None  # Cell: the value just before the period (baseline)
    end: object = None  # Cell: end of period
    end_pointer: str | None = None
    actual: dict = field(default_factory=dict)  # year -> Cell: values of past years (kondisi awal, realisasi)
    projection: dict = field(default_factory=dict)  # year -> Cell (Tabel 7.1 proyeksi)


def label(no, name: str) -> str:
    """A row label as printed: its number, else its name."""
    return str(no) if no is not None else name


def name_key(text: str) -> str:
    return " ".join(words(text)).casefold()


def occurrences(plan, ctx) -> list[Occurrence]:
    """Every indicator occurrence of Tabel 4.1, 5.2, 6.1, 7.1 and 2.8, in that order."""
    out: list[Occurrence] = []

    def indicator(section, table, row, ind, end: bool):
        out.append(Occurrence(section, table, row, ind.nama, ind.pointer, f"{ind.pointer}/nama", ind.ref,
                              targets=dict(ind.target), start=ind.baseline, end=ind.akhir if end else None,
                              end_pointer=f"{ind.pointer}/akhir" if end else None))

    ts = plan.tujuan_sasaran
    if ts is not None:
        for tujuan in ts.tujuan:
            for row in (tujuan, *tujuan.sasaran):
                for ind in row.indikator:
                    indicator("tujuan_sasaran", ts.tabel, label(row.no, row.nama), ind, True)
    sk = plan.strategi_kebijakan
    if sk is not None:
        for row in sk.baris:
            for attr, owner in (("indikator_tujuan", row.tujuan), ("indikator_sasaran", row.sasaran)):
                ind = getattr(row, attr)
                if ind is not None:
                    out.append(Occurrence("strategi_kebijakan", sk.tabel, owner or ind.nama, ind.nama, ind.pointer,
                                          f"{ind.pointer}/nama", ind.ref))
    for info in ctx.rows:
        for ind in info.row.indikator:
            indicator("rencana_program", plan.rencana_program.tabel, info.label, ind, True)
    ik = plan.indikator_kinerja
    if ik is not None:
        for row in ik.baris:
            awal = row.kondisi_awal
            actual = {awal.tahun: awal.nilai} if awal is not None and awal.tahun is not None and awal.nilai is not None else {}
            out.append(Occurrence("indikator_kinerja", ik.tabel, label(row.no, row.indikator), row.indikator, row.pointer,
                                  f"{row.pointer}/indikator", row.ref, targets=dict(row.target), end=row.kondisi_akhir,
                                  end_pointer=f"{row.pointer}/kondisi_akhir", actual=actual, projection=dict(row.proyeksi)))
    kp = plan.kinerja_pelayanan
    if kp is not None:
        for row in kp.baris:
            if row.realisasi:
                out.append(Occurrence("kinerja_pelayanan", kp.tabel, label(row.no, row.indikator), row.indikator,
                                      row.pointer, f"{row.pointer}/indikator", row.ref, actual=dict(row.realisasi)))
    return out


def indicator_groups(plan, ctx) -> list[list[Occurrence]]:
    """Occurrences of the same indicator, groups in order of first appearance."""
    catalogue = plan.catalogue()
    groups: dict = {}
    by_name: dict[str, object] = {}
    items = occurrences(plan, ctx)
    for occ in items:
        if occ.ref is not None:
            groups.setdefault(("ref", occ.ref), []).append(occ)
            by_name.setdefault(name_key(occ.name), ("ref", occ.ref))
            if occ.ref in catalogue:
                by_name.setdefault(name_key(catalogue[occ.ref].nama), ("ref", occ.ref))
    for occ in items:
        if occ.ref is None:
            name = name_key(occ.name)
            groups.setdefault(by_name.get(name, ("nama", name)), []).append(occ)
    position = {id(occ): i for i, occ in enumerate(items)}
    ordered = sorted(groups.values(), key=lambda g: min(position[id(o)] for o in g))
    return [sorted(g, key=lambda o: position[id(o)]) for g in ordered]


def _first(group, order, has) -> Occurrence | None:
    for section in order:
        for occ in group:
            if occ.section == section and has(occ):
                return occ
    return None


def _value_facts(group: list[Occurrence], year_before: int) -> list[dict]:
    facts = []
    in_values = [o for o in group if o.section in VALUE_ORDER]

    # targets, year by year
    ref = _first(in_values, VALUE_ORDER, lambda o: any(number(c) is not None for c in o.targets.values()))
    if ref is not None:
        for occ in in_values:
            if occ.section == ref.section:
                continue
            for year in sorted(occ.targets):
                declared, expected = number(occ.targets[year]), number(ref.targets.get(year))
                if declared is not None and expected is not None:
                    facts.append(make_fact("indicator_target_cross", occ.targets[year].pointer, table=occ.table, row=occ.row,
                                           year=year, declared=declared, expected=expected, indikator=occ.name,
                                           tabel_acuan=ref.table))

    # the value just before the period
    def before(o: Occurrence):
        projected = number(o.projection.get(year_before))
        return projected if projected is not None else number(o.actual.get(year_before))

    iku = _first(group, ("indikator_kinerja",), lambda o: before(o) is not None)
    starts = [o for o in in_values if o.section != "indikator_kinerja" and number(o.start) is not None]
    start_ref = iku or _first(starts, VALUE_ORDER, lambda o: True)
    for occ in starts:
        if occ.section == start_ref.section:
            continue
        expected = before(start_ref) if start_ref is iku else number(start_ref.start)
        facts.append(make_fact("indicator_baseline_cross", occ.start.pointer, table=occ.table, row=occ.row, year=year_before,
                               declared=number(occ.start), expected=expected, indikator=occ.name,
                               tabel_acuan=start_ref.table))
    # kondisi awal of Tabel 7.1 against the realisasi of Tabel 2.8 in the same year
    history = _first(group, ("kinerja_pelayanan",), lambda o: True)
    if history is not None:
        for occ in group:
            if occ.section != "indikator_kinerja":
                continue
            for year, cell in sorted(occ.actual.items()):
                declared, expected = number(cell), number(history.actual.get(year))
                if declared is not None and expected is not None:
                    facts.append(make_fact("indicator_baseline_cross", cell.pointer, table=occ.table, row=occ.row, year=year,
                                           declared=declared, expected=expected, indikator=occ.name,
                                           tabel_acuan=history.table))

    # end of period
    end_ref = _first(in_values, VALUE_ORDER, lambda o: number(o.end) is not None)
    if end_ref is not None:
        for occ in in_values:
            if occ.section != end_ref.section and number(occ.end) is not None:
                facts.append(make_fact("indicator_end_cross", occ.end_pointer, table=occ.table, row=occ.row,
                                       declared=number(occ.end), expected=number(end_ref.end), indikator=occ.name,
                                       tabel_acuan=end_ref.table))
    return facts


def _name_facts(group: list[Occurrence]) -> list[dict]:
    if all(o.ref is None for o in group):
        return []  # grouped by name: the names agree by construction
    named = [o for o in group if o.section in NAME_ORDER]
    ref = _first(named, NAME_ORDER, lambda o: True)
    return [
        make_fact("indicator_name_cross", occ.name_pointer, table=occ.table, row=occ.row, declared=occ.name,
                  expected=ref.name, tabel_acuan=ref.table, sama=same_words(words(occ.name), words(ref.name)))
        for occ in named
        if occ.section != ref.section
    ]


def pair_names(left: list[str], right: list[str], known: Gazetteer = NO_PLACES) -> list[tuple[int | None, int | None, bool]]:
    """One-to-one pairs (left index, right index, same words) of two lists of names: equal names
    first, then the most similar remaining pairs at least `PROGRAM_MATCH_AT` alike; unpaired names
    come with None on the other side. Names are compared as `names.comparable` reads them."""
    keys_l = [comparable(n, known) for n in left]
    keys_r = [comparable(n, known) for n in right]
    pairs: list[tuple[int | None, int | None, bool]] = []
    free_r = list(range(len(right)))
    free_l = []
    for i, key in enumerate(keys_l):
        j = next((j for j in free_r if same_words(key, keys_r[j])), None)
        if j is None:
            free_l.append(i)
        else:
            free_r.remove(j)
            pairs.append((i, j, True))
    text_l = {i: " ".join(keys_l[i]).casefold() for i in free_l}
    text_r = {j: " ".join(keys_r[j]).casefold() for j in free_r}
    candidates = sorted(
        ((similarity(text_l[i], text_r[j]), i, j) for i in free_l for j in free_r),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    for value, i, j in candidates:
        if value >= PROGRAM_MATCH_AT and i in free_l and j in free_r:
            free_l.remove(i)
            free_r.remove(j)
            pairs.append((i, j, False))
    pairs += [(i, None, False) for i in free_l] + [(None, j, False) for j in free_r]
    return sorted(pairs, key=lambda p: (p[0] if p[0] is not None else len(left), p[1] if p[1] is not None else -1))


def _program_facts(plan, ctx) -> list[dict]:
    listed = plan.daftar_program
    if listed is None:
        return []
    programs = []  # a program printed under several sasaran is listed once
    seen = set()
    for info in ctx.rows:
        key = info.code.canonical if info.code is not None else name_key(info.row.nama)
        if info.level == "program" and key not in seen:
            seen.add(key)
            programs.append(info)
    names = [info.row.nama for info in programs]
    bagian = listed.bagian or "BAB VI"
    table = plan.rencana_program.tabel
    known = ctx.places
    facts = []
    for i, j, same in pair_names(listed.program, names, known):
        text = listed.program[i] if i is not None else None
        program = programs[j] if j is not None else None
        list_pointer = f"{listed.pointer}/program/{i}" if i is not None else None
        name_pointer = f"{program.row.pointer}/nama" if program is not None else None
        if i is not None:
            facts.append(make_fact("program_list_item", list_pointer, table=None, row=f"{bagian} {i + 1}", declared=text,
                                   expected=program.row.nama if program else None, sisi=bagian,
                                   pembanding=f"Tabel {table}", ada=program is not None))
        if program is not None:
            facts.append(make_fact("program_list_item", name_pointer, table=table, row=program.label, declared=program.row.nama,
                                   expected=text, sisi=f"Tabel {table}", pembanding=bagian, ada=text is not None))
        if text is not None and program is not None:
            facts.append(make_fact("program_list_name", name_pointer, table=table, row=program.label, declared=program.row.nama,
                                   expected=text, bagian=bagian, sama=same))
    return facts


def _formula_facts(plan, ctx, groups) -> list[dict]:
    facts = []
    known = ctx.places
    for entry in plan.indikator:
        if entry.jenis != INDEX_KIND or not (entry.komponen or entry.jumlah_komponen is not None):
            continue
        group = next((g for g in groups if any(o.ref == entry.id for o in g)), [])
        pointers = {o.pointer for o in group if o.section == "rencana_program"}
        table = entry.sumber.tabel if entry.sumber else None
        row = (entry.sumber.baris if entry.sumber and entry.sumber.baris else None) or entry.nama
        for info in ctx.rows:
            if not any(ind.pointer in pointers for ind in info.row.indikator):
                continue
            programs = _programs_under(info)
            if entry.jumlah_komponen is not None:
                declared, pointer = entry.jumlah_komponen, f"{entry.pointer}/jumlah_komponen"
            else:
                declared, pointer = len(entry.komponen), f"{entry.pointer}/komponen"
            facts.append(make_fact("formula_program_count", pointer, table=table, row=row, declared=declared,
                                   expected=len(programs), indikator=entry.nama, baris_rencana=info.label,
                                   tabel_rencana=plan.rencana_program.tabel))
            names = [p.row.nama for p in programs]
            for i, j, same in pair_names(entry.komponen, names, known):
                if i is None:
                    continue
                facts.append(make_fact("formula_program_name", f"{entry.pointer}/komponen/{i}", table=table, row=row,
                                       declared=entry.komponen[i], expected=names[j] if j is not None else None,
                                       indikator=entry.nama, baris_rencana=info.label,
                                       tabel_rencana=plan.rencana_program.tabel, ada=j is not None))
    return facts


def _programs_under(info) -> list:
    if info.level == "program":
        return [info]
    return [p for child in info.children for p in _programs_under(child)]


def build(plan, ctx) -> list[dict]:
    groups = indicator_groups(plan, ctx)
    year_before = plan.dokumen.periode.awal - 1
    facts: list[dict] = []
    for group in groups:
        facts += _value_facts(group, year_before)
        facts += _name_facts(group)
    facts += _program_facts(plan, ctx)
    facts += _formula_facts(plan, ctx, groups)
    return facts
