"""The Pandaan samples.

Both read, validate and model without errors. The faithful sample holds what the seed text
prints — counted here from the seed's tab-separated lines, independently of the sample: every
Tabel 6.1 row with its code, indicator cells and Rp cells, every money cell of Tabel 2.9, every
number of Tabel 2.1–2.7. The corrected sample differs from the faithful one in exactly the cells
that samples/CORRECTIONS.md lists, with the old and new values it states.
"""
from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from telaah.engine.loader import load
from telaah.engine.validate import read_plan

SAMPLES = Path(__file__).parents[1] / "samples"
FAITHFUL = SAMPLES / "renstra-pandaan-2024-2026.json"
CORRECTED = SAMPLES / "renstra-pandaan-2024-2026.corrected.json"
CORRECTIONS = SAMPLES / "CORRECTIONS.md"
SEED = Path(__file__).parents[1] / ".." / "shared" / "seed" / "renstra-kecamatan-pandaan-2024-2026.txt"

ABSENT = object()
ID_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})*(?:,\d+)?")


def id_number(text: str) -> Decimal:
    """An Indonesian-formatted number, exactly: "8.166.412.447" -> 8166412447, "97,75" -> 97.75."""
    assert ID_NUMBER.fullmatch(text), text
    whole, _, frac = text.partition(",")
    return Decimal(whole.replace(".", "") + ("." + frac if frac else ""))


def is_money(text: str) -> bool:
    """Money cells of Tabel 2.9: no decimal comma, or digit groups (rasio are "96,70", never grouped)."""
    return bool(ID_NUMBER.fullmatch(text)) and ("," not in text or "." in text)


def seed_section(start: str, end: str) -> list[list[str]]:
    """Cells of the tab-separated lines from the caption line `start` up to a line starting with `end`."""
    if not SEED.is_file():
        pytest.skip(f"the seed text is not present at {SEED}")
    lines = SEED.read_text(encoding="utf-8").split("\n")
    first = next(i for i, text in enumerate(lines) if text.rstrip() == start)
    last = next(i for i in range(first, len(lines)) if lines[i].startswith(end))
    return [[re.sub(r"</?b>", "", c).strip() for c in text.split("\t")] for text in lines[first:last] if "\t" in text]


def rows_6_1(plan: dict) -> list[dict]:
    """Tujuan, sasaran, program, kegiatan and sub kegiatan rows in print order."""
    out = []

    def walk(row):
        out.append(row)
        for key in ("sasaran", "program", "kegiatan", "sub_kegiatan"):
            for child in row.get(key, []):
                walk(child)

    for tujuan in plan["rencana_program"]["tujuan"]:
        walk(tujuan)
    return out


def rp_of(row: dict) -> tuple:
    years = row.get("anggaran", {})
    cells = [years.get(y) for y in ("2024", "2025", "2026")] + [row.get("anggaran_akhir")]
    return tuple(None if v is None else Decimal(str(v)) for v in cells)


@pytest.fixture(scope="module")
def faithful() -> dict:
    return load(FAITHFUL).data


@pytest.fixture(scope="module")
def corrected() -> dict:
    return load(CORRECTED).data


# ------------------------------------------------------------------ (a) both samples are valid plans


@pytest.mark.parametrize("path", [FAITHFUL, CORRECTED], ids=["faithful", "corrected"])
def test_sample_reads_validates_and_models(path):
    result = read_plan(str(path))
    assert result.errors == [], [str(e) for e in result.errors]
    assert result.plan is not None


# ------------------------------------------------------------------ (b) faithful = the seed text


def test_table_6_1_rows_codes_and_rp_cells_are_as_printed(faithful):
    printed = []
    for cells in seed_section("Tabel 6.1", "## BAB VII"):
        cells += [""] * (16 - len(cells))
        if cells[0] in ("Tujuan", "(1)") or cells[6] in ("2024", "Target") or not any(cells[:3]):
            continue  # repeated header lines, and a row's second indicator (no Rp of its own)
        rp = tuple(id_number(cells[i]) for i in (7, 9, 11, 13))
        printed.append((cells[2] or None, rp))
    rows = rows_6_1(faithful)
    assert len(rows) == len(printed) == 65  # 1 tujuan, 2 sasaran, 6 programs, 14 kegiatan, 42 sub kegiatan
    assert Counter(c for _, rp in printed for c in rp) == Counter(c for row in rows for c in rp_of(row))
    assert [(row.get("kode"), rp_of(row)) for row in rows] == printed


def printed_cell(text: str):
    """A printed 6.1 target cell as (number, unit): "97,75 nilai" -> (97.75, "nilai"), "100%" -> (100, "%")."""
    if text in ("", "-"):
        return {"": ABSENT, "-": None}[text]
    number, unit = re.fullmatch(r"([\d.,]+)\s*(.*)", text).groups()
    return id_number(number), unit or None


def sample_cell(cell):
    if cell is ABSENT or cell is None:
        return cell
    if isinstance(cell, dict):
        return Decimal(cell["nilai"]), cell.get("satuan")
    return Decimal(cell), None


def test_table_6_1_indicators_are_as_printed(faithful):
    printed = []
    for cells in seed_section("Tabel 6.1", "## BAB VII"):
        cells += [""] * (16 - len(cells))
        if cells[0] in ("Tujuan", "(1)") or cells[6] in ("2024", "Target") or not cells[4]:
            continue
        printed.append((cells[4], *(printed_cell(cells[i]) for i in (5, 6, 8, 10, 12))))
    found = []
    for row in rows_6_1(faithful):
        for ind in row["indikator"]:
            name = f"{ind['no']} {ind['nama']}" if "no" in ind else ind["nama"]
            cells = [ind.get("baseline", ABSENT)] + [ind["target"].get(y, ABSENT) for y in ("2024", "2025", "2026")]
            found.append((name, *(sample_cell(c) for c in cells + [ind.get("akhir", ABSENT)])))
    assert len(found) == len(printed) == 68  # 65 rows, three of them with a second indicator
    assert found == printed


def test_table_2_9_money_cells_are_as_printed(faithful):
    printed, rows = Counter(), 0
    for cells in seed_section("**Tabel 2.9**", "Berdasarkan tabel 2.5"):
        if cells[0] in ("Uraian**)", "", "1"):
            continue  # the header block, printed three times
        rows += 1
        printed.update(id_number(c) for c in cells[1:] if is_money(c))
    table = faithful["anggaran_realisasi"]
    found, count = Counter(), 0

    def walk(row):
        nonlocal count
        count += 1
        for key in ("anggaran", "realisasi", "pertumbuhan"):
            found.update(Decimal(str(v)) for v in row.get(key, {}).values() if v is not None)
        for child in row.get("rincian", []):
            walk(child)

    for row in table["baris"] + [table["jumlah"]]:
        walk(row)
    assert count == rows == 126  # 125 program and kegiatan rows and JUMLAH
    assert found == printed


@pytest.mark.parametrize(
    ("start", "end", "section"),
    [
        ("Tabel 2.1", "- 2)", "pegawai"),
        ("Tabel 2.2", "- 3)", "pegawai"),
        ("Tabel 2.3", "- 4)", "pegawai"),
        ("Tabel 2.4", "- 3) Kualitas", "pegawai"),
        ("Tabel 2.5", "Secara kualitas", "ip_asn"),
        ("Tabel 2.6", "Sarana dan prasarana kantor", "aset"),
        ("Tabel 2.7", "Berdasarkan uraian", "sarana_prasarana"),
    ],
)
def test_numbers_of_tables_2_1_to_2_7_are_as_printed(faithful, start, end, section):
    printed = Counter()
    for cells in seed_section(start, end):
        if re.fullmatch(r"\d+|TOTAL|Jumlah|[\d.]+", cells[0]):
            printed.update(id_number(m) for c in cells[2:] for m in ID_NUMBER.findall(c))
    assert printed
    found = Counter()

    def walk(value, key=None):
        if key in ("no", "tabel", "pernyataan"):
            return
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            found[Decimal(value)] += 1

    data = faithful[section]
    if section == "pegawai":
        table = start.split()[1]
        data = next(t for t in data.values() if t["tabel"] == table)
    walk(data)
    assert found == printed


# ------------------------------------------------------------------ (c) corrected = faithful + CORRECTIONS.md


def leaves(value, pointer=""):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from leaves(v, f"{pointer}/{k.replace('~', '~0').replace('/', '~1')}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from leaves(v, f"{pointer}/{i}")
    else:
        yield pointer, value


def resolve(data, pointer):
    for token in pointer[1:].split("/"):
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(data, list):
            data = data[int(token)]
        elif token in data:
            data = data[token]
        else:
            return ABSENT
    return data


def shown(value) -> str:
    """A value as CORRECTIONS.md writes it."""
    if value is ABSENT:
        return "(blank)"
    if value is None:
        return "null"
    if isinstance(value, dict):
        return f"{value['nilai']} {value['satuan']}"
    return str(value)


def listed_corrections() -> list[dict]:
    rows = []
    for line in CORRECTIONS.read_text(encoding="utf-8").splitlines():
        if not re.match(r"\| \d+ \|", line):
            continue
        cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        assert len(cells) == 8, line
        rows.append({"old": cells[4], "new": cells[5], "pointer": cells[7].strip("`")})
    return rows


def test_corrected_differs_in_exactly_the_listed_cells(faithful, corrected):
    listed = listed_corrections()
    pointers = [row["pointer"] for row in listed]
    assert len(pointers) == len(set(pointers)) > 100
    before, after = dict(leaves(faithful)), dict(leaves(corrected))
    changed = {p for p in before.keys() | after.keys() if before.get(p, ABSENT) != after.get(p, ABSENT)}

    def covers(listed_pointer, leaf):
        return leaf == listed_pointer or leaf.startswith(listed_pointer + "/")

    assert {leaf for leaf in changed if not any(covers(p, leaf) for p in pointers)} == set()
    assert [p for p in pointers if not any(covers(p, leaf) for leaf in changed)] == []
    for row in listed:
        assert (shown(resolve(faithful, row["pointer"])), shown(resolve(corrected, row["pointer"]))) == (
            row["old"],
            row["new"],
        ), row["pointer"]
