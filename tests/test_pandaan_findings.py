"""The Pandaan Renstra's findings, reviewed: the engine finds the document's real mistakes and
nothing false (samples/FINDINGS.md), and every output format is compared with a snapshot.

- tests/snapshots/pandaan-findings.json holds the faithful sample's findings (code, pointer, line,
  column, source, declared, expected, message) as reviewed; samples/FINDINGS.md gives each one a
  verdict, in the same order.
- Recall against samples/CORRECTIONS.md: the rule is in `exposing`; the figure is printed.
- The corrected sample gives no error and only the warnings CORRECTIONS.md lists as staying.
- Every reporter renders the faithful sample's real result (the real rules), in Indonesian, and
  text and markdown in English too; the SARIF validates against the SARIF 2.1.0 schema.

Everything runs from the repository root on the relative sample paths, so the paths inside the
reports are stable. After a reviewed change of the engine or the samples:
`UPDATE_SNAPSHOTS=1 python -m pytest -q tests/test_pandaan_findings.py`, then review the diff and
bring samples/FINDINGS.md up to date.
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "rules"))
from builders import corrections  # noqa: E402
from test_reporters import EXTENSIONS, SARIF_SCHEMA, check_snapshot  # noqa: E402

from telaah.engine.findings import FileResult  # noqa: E402
from telaah.engine.pipeline import CheckOptions, check_file, rules_for  # noqa: E402
from telaah.engine.reporters import FORMATS, render  # noqa: E402

ROOT = Path(__file__).parents[1]
FAITHFUL = "samples/renstra-pandaan-2024-2026.json"
CORRECTED = "samples/renstra-pandaan-2024-2026.corrected.json"
FINDINGS_MD = ROOT / "samples" / "FINDINGS.md"
CORRECTIONS_MD = ROOT / "samples" / "CORRECTIONS.md"
README = ROOT / "README.md"
FIELDS = ("code", "pointer", "line", "column", "source", "declared", "expected", "message")
# CORRECTIONS.md entries found (of 157) when the findings were reviewed; see samples/FINDINGS.md.
RECALL_MEASURED = 152
REPORTS = [("id", fmt) for fmt in sorted(FORMATS)] + [("en", "markdown"), ("en", "text")]
# Arrays whose items are rows: a pointer's row ends at the index into one of them.
ROW_ARRAYS = {"baris", "rincian", "tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan", "indikator", "klaim"}
# Cells a parent row's (or the table's JUMLAH / TOTAL row's) cell adds up.
AMOUNTS = {"anggaran", "realisasi", "laki_laki", "perempuan", "total", "jumlah", "nilai"}


@pytest.fixture(autouse=True)
def at_repository_root(monkeypatch):
    monkeypatch.chdir(ROOT)


@lru_cache(maxsize=None)
def checked(path: str, lang: str = "id") -> FileResult:
    """The sample checked as `telaah check` checks it (run from the repository root)."""
    result = check_file(path, CheckOptions(lang=lang))
    assert result.valid and not result.errors, result.errors
    return result


def rules(lang: str) -> list:
    """The rules the command passes to the reporters."""
    return sorted(rules_for(CheckOptions(lang=lang)), key=lambda r: r.code)


# ------------------------------------------------------------------ (a) the reviewed findings


def reviewed(result: FileResult) -> list[dict]:
    return [{key: f.to_dict()[key] for key in FIELDS} for f in result.findings]


def test_findings_of_the_faithful_sample_are_the_reviewed_ones():
    text = json.dumps(reviewed(checked(FAITHFUL)), indent=2, ensure_ascii=False) + "\n"
    check_snapshot("pandaan-findings.json", text)


def findings_md_rows() -> list[dict]:
    """The rows of samples/FINDINGS.md's per-table tables: | n | code | … | verdict | note | `pointer` |."""
    rows = []
    for line in FINDINGS_MD.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\| (\d+) \| ([A-Z]{3}\d{3}) \|", line)
        if match:
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            rows.append({"n": int(cells[0]), "code": cells[1], "verdict": cells[5], "pointer": cells[7].strip("`")})
    return rows


def test_findings_md_gives_every_finding_one_verdict_in_order():
    rows = findings_md_rows()
    found = checked(FAITHFUL).findings
    assert [(r["n"], r["code"], r["pointer"]) for r in rows] == [
        (n, f.code, f.pointer) for n, f in enumerate(found, start=1)]
    counts = Counter(r["verdict"] for r in rows)
    assert set(counts) <= {"confirmed", "consequential", "false"}
    summary = (f"**{len(found)} findings: {counts['confirmed']} confirmed, {counts['consequential']} "
               f"consequential, {counts['false']} false.**")
    assert summary in FINDINGS_MD.read_text(encoding="utf-8")


# ------------------------------------------------------------------ (b) recall against CORRECTIONS.md


def row_of(pointer: str) -> tuple[str | None, list[str]]:
    """(pointer of the row holding the cell, the cell's path inside the row)."""
    tokens = pointer.split("/")[1:]
    for i in range(len(tokens) - 1, 0, -1):
        if tokens[i].isdigit() and tokens[i - 1] in ROW_ARRAYS:
            return "/" + "/".join(tokens[: i + 1]), tokens[i + 1:]
    return None, tokens


def exposing(pointer: str) -> set[str]:
    """Finding pointers that count as finding the correction at `pointer`.

    A correction entry is found when a finding's pointer is:
    1. the entry's pointer itself;
    2. the pointer of the entry's row, or of its parent row (a finding about the whole row);
    3. a cell that depends on the entry's cell:
       - the rasio of the same row and year, when the entry is an anggaran or realisasi cell
         (Tabel 2.8, 2.9);
       - the same column (and year) of the parent row, when the entry is an amount the parent adds
         up (anggaran, realisasi, laki_laki, perempuan, total, jumlah, nilai); for a top-level row
         of a table, the table's `jumlah` row;
       - the row's end-of-period Rp (`anggaran_akhir`), when the entry is a yearly Rp of Tabel 6.1.
    Nothing further up counts: a grandparent's total or JUMLAH, which add up many rows, does not
    find a mistake two levels down.
    """
    row, cell = row_of(pointer)
    found = {pointer}
    if row is None:
        return found
    found.add(row)
    tokens = row.split("/")[1:]
    above = "/" + "/".join(tokens[:-2])
    parent, _ = row_of(above)
    amount = bool(cell) and cell[0] in AMOUNTS
    if parent == above:
        found.add(parent)
        if amount:
            found.add("/".join([parent, *cell]))
    elif tokens[-2] == "baris" and amount:
        found.add("/".join([above, "jumlah", *cell]))
    if len(cell) == 2 and cell[0] in ("anggaran", "realisasi"):
        found.add(f"{row}/rasio/{cell[1]}")
    if cell[:1] == ["anggaran"] and pointer.startswith("/rencana_program/"):
        found.add(f"{row}/anggaran_akhir")
    return found


def test_exposing_follows_the_stated_rule():
    assert exposing("/pegawai/golongan/baris/2/laki_laki") == {
        "/pegawai/golongan/baris/2/laki_laki", "/pegawai/golongan/baris/2", "/pegawai/golongan/jumlah/laki_laki"}
    assert exposing("/anggaran_realisasi/baris/13/rincian/2/rincian/2/anggaran/2023") == {
        "/anggaran_realisasi/baris/13/rincian/2/rincian/2/anggaran/2023",
        "/anggaran_realisasi/baris/13/rincian/2/rincian/2",
        "/anggaran_realisasi/baris/13/rincian/2/rincian/2/rasio/2023",
        "/anggaran_realisasi/baris/13/rincian/2",
        "/anggaran_realisasi/baris/13/rincian/2/anggaran/2023"}
    program = "/rencana_program/tujuan/0/sasaran/1/program/0"
    assert exposing(f"{program}/kegiatan/1/nama") == {f"{program}/kegiatan/1/nama", f"{program}/kegiatan/1", program}
    assert f"{program}/anggaran_akhir" in exposing(f"{program}/anggaran/2026")
    assert exposing("/klaim/20/rp") == {"/klaim/20/rp", "/klaim/20"}


def missed_entries() -> dict[int, str]:
    """The numbers FINDINGS.md's recall section lists as not found: | n | Tabel | … |."""
    text = FINDINGS_MD.read_text(encoding="utf-8")
    section = text[text.index("## Recall"):]
    return {int(m.group(1)): m.group(0) for m in re.finditer(r"^\| (\d+) \| \d\.\d[^|]* \|", section, flags=re.M)}


def test_recall_against_corrections_stays_at_the_reviewed_level():
    pointers = {f.pointer for f in checked(FAITHFUL).findings}
    entries = corrections()
    found = [e for e in entries if exposing(e["pointer"]) & pointers]
    missed = sorted(e["no"] for e in entries if not exposing(e["pointer"]) & pointers)
    print(f"recall against CORRECTIONS.md: {len(found)} of {len(entries)} entries found "
          f"({100 * len(found) / len(entries):.1f} %); not found: {missed}")
    assert len(found) >= RECALL_MEASURED
    assert set(missed) <= set(missed_entries()), "an entry is missed that FINDINGS.md does not explain"


# ------------------------------------------------------------------ (c) the corrected sample


def staying_warnings() -> list[tuple[str, str]]:
    """(code, pointer) rows of CORRECTIONS.md's "Warnings the corrected sample still gives"."""
    text = CORRECTIONS_MD.read_text(encoding="utf-8")
    section = text[text.index("### Warnings the corrected sample still gives"):]
    return re.findall(r"^\| ([A-Z]{3}\d{3}) \| `([^`]+)` \|", section, flags=re.M)


def test_corrected_sample_gives_only_the_warnings_corrections_md_explains():
    result = checked(CORRECTED)
    assert [f for f in result.findings if f.severity != "warning"] == []
    assert sorted((f.code, f.pointer) for f in result.findings) == sorted(staying_warnings())
    assert len(staying_warnings()) == 4


# ------------------------------------------------------------------ reporters on the real result


@pytest.mark.parametrize("lang, fmt", REPORTS)
def test_report_of_the_faithful_sample(lang, fmt):
    text = render(fmt, [checked(FAITHFUL, lang)], rules(lang), lang=lang)
    assert FAITHFUL in text
    check_snapshot(f"pandaan.{lang}.{fmt}.{EXTENSIONS[fmt]}", text)


def test_sarif_of_the_faithful_sample_is_valid():
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"SARIF 2.1.0 schema not found at {SARIF_SCHEMA} (shared test data absent)")
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    document = json.loads(render("sarif", [checked(FAITHFUL)], rules("id"), lang="id"))
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    assert len(document["runs"][0]["results"]) == len(checked(FAITHFUL).findings)


def test_readme_shows_real_output_of_the_faithful_sample():
    """The excerpt under README.md's "What it finds" is lines of the text report, as printed."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## What it finds"):]
    excerpt = re.search(r"```text\n(.*?)```", section, flags=re.S).group(1).splitlines()
    report = render("text", [checked(FAITHFUL)], rules("id"), lang="id").splitlines()
    assert excerpt and [line for line in excerpt if line not in report and line.strip() != "…"] == []
    assert report[-1] in excerpt  # the summary line
