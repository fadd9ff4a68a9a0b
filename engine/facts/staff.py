"""Staff and asset facts (rules/kepegawaian): Tabel 2.1–2.6 and the statements about Tabel 2.5.

A count printed "-" (null) is not zero: a sum that needs it is not checked. A table's head count
per column is its printed total row (`jumlah`), else the sum of its rows.

Kinds:
- `staff_column_total`: a Tabel 2.1–2.4 total row, per column (laki-laki, perempuan, total),
  against the sum of the column. A printed total that equals the sum of the rows' laki-laki +
  perempuan is consistent: the difference then lies in a row's total, reported by itself.
- `staff_row_total`: a row's (and the total row's) total against laki-laki + perempuan.
- `staff_same_people`: Tabel 2.1 (by golongan) and 2.2 (by pendidikan) count the same ASN: their
  head counts per column agree.
- `staff_subset`: the officials of Tabel 2.3 (eselon) are ASN: at most Tabel 2.1's count per column.
- `asn_count`: the people listed in Tabel 2.5 (IP ASN) against Tabel 2.1's total.
- `ip_asn_score`: a person's printed IP ASN score against the sum of the four dimensions
  (`ipasn.person_total`); no fact when a dimension is missing or out of its range.
- `ip_asn_dimension`: one dimension of one person against its maximum (`ipasn.DIMENSIONS`).
- `ip_asn_statement`: the count, average, highest and lowest value stated in the text
  (`ip_asn.pernyataan`) against Tabel 2.5 (`ipasn.summarize`; the average rounded half up to
  the printed decimals). Needs every person's four dimensions, within range.
- `asset_group_total`: a Tabel 2.6 group row (count and value) against the sum of the rows
  printed under it, and the Jumlah row against the top-level groups. The rows under a group are
  the rows after it with longer codes, up to the next row of its level or above. A group whose
  printed value equals the sum of its rows counted from the detail rows up is consistent: the
  difference then lies in a lower group, which is reported itself.
- `asset_code_nesting`: a Tabel 2.6 row's code extends the code of the group printed above it.
"""
from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

from ..ipasn import DIMENSIONS, IpAsnScore, person_total, summarize
from ..exact import round_half_up
from . import clip, fact, make_fact
from .budget import within_tolerance
from .formulas import decimals

COLUMNS = (("laki_laki", "Laki-laki"), ("perempuan", "Perempuan"), ("total", "Total"))
TOTAL_ROW = "Jumlah"
SAME_PEOPLE = (("golongan", "pendidikan"),)  # (table, table counting the same people)
SUBSETS = (("eselon", "golongan"),)  # (table, table counting a superset of its people)
STATEMENTS = (("jumlah_asn", "jumlah ASN"), ("rata_rata", "rata-rata"), ("tertinggi", "nilai tertinggi"),
              ("terendah", "nilai terendah"))


def exact_number(value: Fraction) -> int | Decimal:
    """A fraction with a finite decimal expansion (sums of printed numbers) as int or Decimal."""
    if value.denominator == 1:
        return value.numerator
    return Decimal(value.numerator) / Decimal(value.denominator)


def row_label(row) -> str:
    return " ".join(str(part) for part in (row.no, row.uraian) if part is not None)


def column_sum(table, column: str) -> int | None:
    values = [getattr(row, column) for row in table.baris]
    return None if not values or None in values else sum(values)


def head_count(table, column: str) -> int | None:
    """The people a Tabel 2.1–2.4 counts in a column: its total row, else the sum of its rows."""
    printed = getattr(table.jumlah, column) if table.jumlah is not None else None
    return printed if printed is not None else column_sum(table, column)


def _count_pointer(table, column: str) -> str:
    if table.jumlah is not None and getattr(table.jumlah, column) is not None:
        return f"{table.jumlah.pointer}/{column}"
    return f"{table.pointer}/baris"


def _staff_tables(plan):
    if plan.pegawai is None:
        return {}
    return {key: table for key in ("golongan", "pendidikan", "eselon", "non_asn")
            if (table := getattr(plan.pegawai, key)) is not None}


def _staff(plan) -> list[dict]:
    tables = _staff_tables(plan)
    facts = []
    for table in tables.values():
        parts = [(row.laki_laki, row.perempuan) for row in table.baris]
        by_sex = None if any(None in p for p in parts) else sum(m + w for m, w in parts)
        for column, heading in COLUMNS:
            declared = getattr(table.jumlah, column) if table.jumlah is not None else None
            expected = column_sum(table, column)
            if declared is not None and expected is not None:
                agree = declared == expected or (column == "total" and declared == by_sex)
                facts.append(make_fact("staff_column_total", f"{table.jumlah.pointer}/{column}", table=table.tabel, row=TOTAL_ROW,
                                       declared=declared, expected=expected, kolom=heading, sesuai=agree))
        rows = [(row_label(row), row) for row in table.baris]
        if table.jumlah is not None:
            rows.append((TOTAL_ROW, table.jumlah))
        for label, row in rows:
            if None not in (row.laki_laki, row.perempuan, row.total):
                facts.append(make_fact("staff_row_total", f"{row.pointer}/total", table=table.tabel, row=label,
                                       declared=row.total, expected=row.laki_laki + row.perempuan,
                                       laki_laki=row.laki_laki, perempuan=row.perempuan))
    for kind, pairs in (("staff_same_people", SAME_PEOPLE), ("staff_subset", SUBSETS)):
        for key, other_key in pairs:
            table, other = tables.get(key), tables.get(other_key)
            if table is None or other is None:
                continue
            for column, heading in COLUMNS:
                declared, expected = head_count(table, column), head_count(other, column)
                if declared is not None and expected is not None:
                    facts.append(make_fact(kind, _count_pointer(table, column), table=table.tabel, row=TOTAL_ROW,
                                           declared=declared, expected=expected, kolom=heading, tabel_acuan=other.tabel))
    return facts


def ip_asn_summary(plan):
    """`ipasn.summarize` of Tabel 2.5, or None when a person's dimension is missing or out of range."""
    table = plan.ip_asn
    if table is None or not table.baris:
        return None
    scores = [IpAsnScore(row.nama, *(getattr(row, d) for d, _ in DIMENSIONS)) for row in table.baris]
    if any(getattr(s, d) is None for s in scores for d, _ in DIMENSIONS):
        return None
    try:
        return summarize(scores)
    except ValueError:
        return None


def _ip_asn(plan) -> list[dict]:
    table = plan.ip_asn
    if table is None:
        return []
    facts = []
    golongan = _staff_tables(plan).get("golongan")
    if golongan is not None and table.baris and head_count(golongan, "total") is not None:
        facts.append(make_fact("asn_count", f"{table.pointer}/baris", table=table.tabel, row=None,
                               declared=len(table.baris), expected=head_count(golongan, "total"), tabel_acuan=golongan.tabel))
    summary = ip_asn_summary(plan)  # every person's total, when all are valid
    maxima = [exact_number(maximum) for _, maximum in DIMENSIONS]
    for index, row in enumerate(table.baris):
        label = " ".join(str(part) for part in (row.no, row.nama) if part is not None)
        values = [getattr(row, d) for d, _ in DIMENSIONS]
        nama = clip(row.nama)
        for (dimension, _), maximum, value in zip(DIMENSIONS, maxima, values):
            if value is not None:
                facts.append(fact("ip_asn_dimension", f"{row.pointer}/{dimension}", table.tabel, label, None, value, maximum, {
                    "nama": nama, "dimensi": dimension,
                }))
        if row.skor is None or None in values:
            continue
        try:
            total = summary.totals[index] if summary is not None else person_total(IpAsnScore(row.nama, *values))
        except ValueError:
            continue  # a dimension out of its range: reported by ip_asn_dimension
        facts.append(fact("ip_asn_score", f"{row.pointer}/skor", table.tabel, label, None, row.skor, exact_number(total), {
            "nama": nama,
        }))
    stated = table.pernyataan
    if stated is None:
        return facts
    for key, phrase in STATEMENTS:
        declared = getattr(stated, key)
        if declared is None:
            continue
        if key == "jumlah_asn":
            expected = len(table.baris) if table.baris else None
        elif summary is None:
            expected = None
        elif key == "rata_rata":
            expected = round_half_up(summary.average_exact, decimals(declared))
        else:
            expected = exact_number(summary.highest if key == "tertinggi" else summary.lowest)
        if expected is not None:
            facts.append(make_fact("ip_asn_statement", f"{stated.pointer}/{key}", table=table.tabel, row=phrase,
                                   declared=declared, expected=expected, aspek=key))
    return facts


def _segments(code: str) -> tuple[str, ...]:
    return tuple(part for part in re.split(r"[.\s]+", code.strip()) if part)


def _assets(plan, ctx) -> list[dict]:
    table = plan.aset
    if table is None:
        return []
    rows = table.baris
    segments = [_segments(row.kode) for row in rows]
    parent: list[int | None] = []
    for i, seg in enumerate(segments):
        parent.append(next((j for j in range(i - 1, -1, -1) if len(segments[j]) < len(seg)), None))
    children: dict[int, list[int]] = {i: [] for i in range(len(rows))}
    for k, j in enumerate(parent):
        if j is not None:
            children[j].append(k)
    facts = []
    for i, row in enumerate(rows):
        j = parent[i]
        if j is not None:
            nests = segments[i][: len(segments[j])] == segments[j]
            facts.append(fact("asset_code_nesting", f"{row.pointer}/kode", table.tabel, row.kode, None, row.kode, rows[j].kode, {
                "uraian": clip(row.uraian), "bersarang": nests,
            }))

    memo: dict[tuple[int, str], object] = {}

    def recomputed(i: int, measure: str):
        """The row's value counted from the detail rows up (None when a value is missing)."""
        if not children[i]:
            return getattr(rows[i], measure)
        found = memo.get((i, measure), memo)
        if found is memo:
            values = [recomputed(k, measure) for k in children[i]]
            found = memo[i, measure] = None if None in values else sum(values)
        return found

    def group_fact(pointer, label, declared, kids, measure):
        printed = [getattr(rows[k], measure) for k in kids]
        deep = [recomputed(k, measure) for k in kids]
        if declared is None or None in printed:
            return None
        expected = sum(printed)
        agree = _agree(declared, expected, measure, ctx) or (None not in deep and _agree(declared, sum(deep), measure, ctx))
        return fact("asset_group_total", pointer, table.tabel, label, None, declared, expected, {"ukuran": measure, "sesuai": agree})

    for i, row in enumerate(rows):
        if children[i]:
            for measure in ("jumlah", "nilai"):
                found = group_fact(f"{row.pointer}/{measure}", row.kode, getattr(row, measure), children[i], measure)
                if found:
                    facts.append(found)
    tops = [i for i in range(len(rows)) if parent[i] is None]
    if table.jumlah is not None and tops:
        for measure in ("jumlah", "nilai"):
            found = group_fact(f"{table.jumlah.pointer}/{measure}", TOTAL_ROW, getattr(table.jumlah, measure), tops, measure)
            if found:
                facts.append(found)
    return facts


def _agree(declared, expected, measure: str, ctx) -> bool:
    return within_tolerance(declared, expected, ctx) if measure == "nilai" else declared == expected


def build(plan, ctx) -> list[dict]:
    return [*_staff(plan), *_ip_asn(plan), *_assets(plan, ctx)]
