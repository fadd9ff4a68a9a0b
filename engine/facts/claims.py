"""Claim facts (rules/skor): statements in the text (`klaim`, `ip_asn.pernyataan`) against the
tables and the computed scores.

A statement's value is its own `nilai`, else the table cell it cites: Tabel 2.8 (by `ref`,
`subjek` target / realisasi / rasio and `tahun`), the JUMLAH rasio of Tabel 2.9 for a
`rasio_realisasi`, or a target of Tabel 4.1 / 6.1 / 7.1 (by `ref` and `tahun`, `subjek: target`).
A category is compared with letter case, spaces and punctuation ignored; the mutu letter (A–D) of
an IKM band and the predicate's name ("Sangat Baik" for BB) are accepted too.

Kinds:
- `ikm_category_claim`: a `kategori_ikm` against `ikm.ikm_category` of its value.
- `sakip_predicate_claim`: a `predikat_sakip` against `sakip.sakip_predicate` of its value.
- `ip_asn_category_claim`: the IP ASN category stated (`ip_asn.pernyataan.kategori`, or a
  `kategori_ip_asn` statement) against `ipasn.ip_asn_level` of the average stated beside it,
  else of Tabel 2.5's average.
- `claim_table_value`: a statement's value against the table cell it cites; it matches when the
  cell, rounded half up to the statement's decimals, equals it ("97 %" for 97,25).
- `claim_computed_value`: a value the text derives from a table against the engine's figure,
  rounded half up to the statement's decimals: a `persentase` of Tabel 2.4 (the share of
  non-ASN staff, `ipasn.contract_share`; the rows its `subjek` names, else the whole table,
  against all ASN of Tabel 2.1), a `rata_rata` of Tabel 2.5 (`ipasn.summarize`) and a
  `rasio_realisasi` (JUMLAH realisasi × 100 / JUMLAH anggaran of Tabel 2.9 in its year).
- `budget_change_claim`: a `selisih_anggaran` (yearly increase or decrease) against the JUMLAH
  row of Tabel 2.9 (realisasi when the `subjek` says so, else anggaran): the amount within
  `config.tolerance_rupiah`, and the direction.
"""
from __future__ import annotations

from fractions import Fraction

from ..exact import round_half_up
from ..ikm import ikm_category
from ..ipasn import contract_share, ip_asn_level
from ..names import words
from ..sakip import sakip_predicate
from . import make_fact
from .budget import within_tolerance
from .crosstable import VALUE_ORDER, name_key, occurrences
from .formulas import decimals
from .staff import head_count, ip_asn_summary
from .targets import number

SUBJECTS_2_8 = ("target", "realisasi", "rasio")
UP = frozenset({"kenaikan", "naik", "meningkat", "peningkatan", "penambahan", "bertambah"})
DOWN = frozenset({"penurunan", "turun", "menurun", "pengurangan", "berkurang"})
JUMLAH = "JUMLAH"  # the label of Tabel 2.9's total row
KIND_LABELS = {"rata_rata": "rata-rata IP ASN", "kategori_ip_asn": "kategori IP ASN", "persentase": "persentase"}


def _row_2_8(plan, klaim):
    table = plan.kinerja_pelayanan
    if table is None or klaim.tabel != table.tabel or not klaim.ref:
        return None
    return next((row for row in table.baris if row.ref == klaim.ref), None)


def cited_cell(plan, klaim, indicators):
    """The table cell a statement cites, or None; `indicators` are `crosstable.occurrences`."""
    if klaim.tahun is None:
        return None
    row = _row_2_8(plan, klaim)
    if row is not None:
        return getattr(row, klaim.subjek).get(klaim.tahun) if klaim.subjek in SUBJECTS_2_8 else None
    budget = plan.anggaran_realisasi
    if klaim.jenis == "rasio_realisasi" and budget is not None and budget.jumlah is not None and klaim.tabel == budget.tabel:
        return budget.jumlah.rasio.get(klaim.tahun)
    if klaim.ref and klaim.subjek == "target":
        found = [o for o in indicators if o.ref == klaim.ref and o.section in VALUE_ORDER
                 and klaim.tahun in o.targets and (klaim.tabel is None or o.table == klaim.tabel)]
        found.sort(key=lambda o: VALUE_ORDER.index(o.section))
        return found[0].targets[klaim.tahun] if found else None
    return None


def _label(plan, klaim) -> str:
    row = _row_2_8(plan, klaim)
    if row is not None:
        return row.indikator
    if klaim.jenis == "rasio_realisasi":
        return JUMLAH
    entry = plan.catalogue().get(klaim.ref) if klaim.ref else None
    return entry.nama if entry is not None else (klaim.subjek or KIND_LABELS.get(klaim.jenis, klaim.jenis))


def _common(plan, klaim) -> dict:
    return {"table": klaim.tabel, "row": _label(plan, klaim), "year": klaim.tahun, "bagian": klaim.sumber.bagian}


def _value(plan, klaim, indicators):
    value = number(klaim.nilai)
    return value if value is not None else number(cited_cell(plan, klaim, indicators))


def _categories(plan, indicators) -> list[dict]:
    facts = []
    for klaim in plan.klaim:
        if klaim.jenis not in ("kategori_ikm", "predikat_sakip", "kategori_ip_asn"):
            continue
        stated = (klaim.predikat or klaim.kategori) if klaim.jenis == "predikat_sakip" else klaim.kategori
        value = _value(plan, klaim, indicators)
        if value is None and klaim.jenis == "kategori_ip_asn" and _cites_ip_asn(plan, klaim):
            summary = ip_asn_summary(plan)
            value = summary.average if summary is not None else None
        if stated is None or value is None:
            continue
        pointer = f"{klaim.pointer}/{'predikat' if klaim.predikat and klaim.jenis == 'predikat_sakip' else 'kategori'}"
        fact = _category_fact(klaim.jenis, pointer, stated, value, **_common(plan, klaim))
        if fact is not None:
            facts.append(fact)
    ip_asn = plan.ip_asn
    stated = ip_asn.pernyataan if ip_asn is not None else None
    if stated is not None and stated.kategori is not None:
        value = stated.rata_rata
        if value is None:
            summary = ip_asn_summary(plan)
            value = summary.average if summary is not None else None
        if value is not None:
            fact = _category_fact("kategori_ip_asn", f"{stated.pointer}/kategori", stated.kategori, value, table=ip_asn.tabel,
                                  row="kategori", year=None, bagian=stated.sumber.bagian if stated.sumber else None)
            if fact is not None:
                facts.append(fact)
    return facts


def _cites_ip_asn(plan, klaim) -> bool:
    return plan.ip_asn is not None and klaim.tabel in (None, plan.ip_asn.tabel)


def _category_fact(jenis: str, pointer: str, stated: str, value, **common) -> dict | None:
    """The fact of one stated category, or None when the value is outside the scale."""
    try:
        if jenis == "kategori_ikm":
            band = ikm_category(value)
            return make_fact("ikm_category_claim", pointer, declared=stated, expected=band.kinerja["id"], nilai=value,
                             mutu=band.mutu, cocok=_same(stated, band.kinerja["id"], band.kinerja["en"], band.mutu), **common)
        if jenis == "predikat_sakip":
            grade = sakip_predicate(value)
            return make_fact("sakip_predicate_claim", pointer, declared=stated, expected=grade.kode, nilai=value,
                             sebutan=grade.sebutan["id"],
                             cocok=_same(stated, grade.kode, grade.sebutan["id"], grade.sebutan["en"]), **common)
        level = ip_asn_level(value)
        return make_fact("ip_asn_category_claim", pointer, declared=stated, expected=level.nama["id"], nilai=value,
                         cocok=_same(stated, level.nama["id"], level.nama["en"]), **common)
    except ValueError:
        return None


def _same(stated: str, *accepted: str) -> bool:
    return name_key(stated) in {name_key(a) for a in accepted}


def _table_values(plan, indicators) -> list[dict]:
    facts = []
    for klaim in plan.klaim:
        declared = number(klaim.nilai)
        if declared is None or klaim.jenis == "rata_rata":
            continue
        expected = number(cited_cell(plan, klaim, indicators))
        if expected is None:
            continue
        subject = "rasio" if klaim.jenis == "rasio_realisasi" else klaim.subjek
        facts.append(make_fact("claim_table_value", klaim.nilai.pointer, declared=declared, expected=expected,
                               subjek=subject, cocok=round_half_up(expected, decimals(declared)) == declared,
                               **_common(plan, klaim)))
    return facts


def _non_asn_share(plan, klaim, places: int):
    staff = plan.pegawai
    table = staff.non_asn if staff is not None else None
    asn = staff.golongan if staff is not None else None
    if table is None or asn is None or klaim.tabel != table.tabel:
        return None
    subject = {w.casefold() for w in words(klaim.subjek or "")}
    named = [row for row in table.baris if name_key(row.uraian) in subject]
    if named and len(named) < len(table.baris):
        if any(row.total is None for row in named):
            return None
        contract = sum(row.total for row in named)
    else:
        contract = head_count(table, "total")
    permanent = head_count(asn, "total")
    if contract is None or permanent is None or contract + permanent == 0:
        return None
    return contract_share(contract, permanent, places), f"Tabel {table.tabel} / (Tabel {asn.tabel} + Tabel {table.tabel}) × 100"


def _realisation_ratio(plan, klaim, places: int):
    table = plan.anggaran_realisasi
    if table is None or table.jumlah is None or klaim.tabel != table.tabel:
        return None
    budget, spent = table.jumlah.anggaran.get(klaim.tahun), table.jumlah.realisasi.get(klaim.tahun)
    if not budget or spent is None:
        return None
    return round_half_up(Fraction(spent) * 100 / Fraction(budget), places), f"realisasi × 100 / anggaran {klaim.tahun}, Tabel {table.tabel} {JUMLAH}"


def _computed_values(plan) -> list[dict]:
    facts = []
    for klaim in plan.klaim:
        declared = number(klaim.nilai)
        if declared is None:
            continue
        found = None
        if klaim.jenis == "persentase":
            found = _non_asn_share(plan, klaim, decimals(declared))
        elif klaim.jenis == "rasio_realisasi":
            found = _realisation_ratio(plan, klaim, decimals(declared))
        elif klaim.jenis == "rata_rata" and _cites_ip_asn(plan, klaim):
            summary = ip_asn_summary(plan)
            if summary is not None:
                found = round_half_up(summary.average_exact, decimals(declared)), f"rata-rata skor Tabel {plan.ip_asn.tabel}"
        if found is not None:
            common = _common(plan, klaim)
            if klaim.jenis == "rasio_realisasi":
                common["row"] = f"rasio realisasi {JUMLAH}"
            facts.append(make_fact("claim_computed_value", klaim.nilai.pointer, declared=declared, expected=found[0],
                                   dasar=found[1], **common))
    return facts


def _direction(subject: str | None) -> str | None:
    said = {w.casefold() for w in words(subject or "")}
    if said & UP and not said & DOWN:
        return "kenaikan"
    if said & DOWN and not said & UP:
        return "penurunan"
    return None


def _budget_changes(plan, ctx) -> list[dict]:
    table = plan.anggaran_realisasi
    if table is None or table.jumlah is None:
        return []
    facts = []
    for klaim in plan.klaim:
        if klaim.jenis != "selisih_anggaran" or klaim.tabel != table.tabel or klaim.rp is None:
            continue
        realisasi = "realisasi" in {w.casefold() for w in words(klaim.subjek or "")}
        series = table.jumlah.realisasi if realisasi else table.jumlah.anggaran
        now, before = series.get(klaim.tahun), series.get(klaim.tahun_pembanding)
        if now is None or before is None:
            continue
        change = now - before
        direction = "kenaikan" if change > 0 else "penurunan" if change < 0 else "tetap"
        stated = _direction(klaim.subjek)
        facts.append(make_fact("budget_change_claim", f"{klaim.pointer}/rp", table=table.tabel, row=JUMLAH,
                               year=klaim.tahun, declared=klaim.rp, expected=abs(change), bagian=klaim.sumber.bagian,
                               tahun_pembanding=klaim.tahun_pembanding, kolom="realisasi" if realisasi else "anggaran",
                               arah=stated, arah_tabel=direction,
                               arah_cocok=None if stated is None else stated == direction,
                               within_tolerance=within_tolerance(klaim.rp, abs(change), ctx)))
    return facts


def build(plan, ctx) -> list[dict]:
    indicators = occurrences(plan, ctx) if plan.klaim else []
    return [*_categories(plan, indicators), *_table_values(plan, indicators), *_computed_values(plan),
            *_budget_changes(plan, ctx)]
