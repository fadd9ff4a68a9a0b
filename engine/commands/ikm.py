"""`telaah ikm SURVEY.(csv|xlsx)`: the IKM of a satisfaction survey (PermenPAN-RB 14/2017).

Input: one row per respondent under a header row naming the columns U1 … U9 (any order, any
case; other columns are ignored). CSV is UTF-8 with `,` or `;` as delimiter (the one the header
uses most); XLSX is read from its first sheet. A row with every cell blank is not a respondent
and is passed over. A rating that is not a whole number 1–4 (0, 5, blank, text, 3,5) makes its
row bad: each bad row is one line on stderr naming the file and line, exit 2 — unless
`--skip-invalid`, which leaves those rows out and says how many.
"""
from __future__ import annotations

import csv
import io
import json
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import click

from ..errors import InputError
from ..exact import round_half_up
from ..ikm import RATING_MAX, RATING_MIN, UNSUR, UNSUR_CODES, compute_ikm, ikm_category, krejcie_morgan
from ..refdata import load_data
from ..reporters import format_value

NRR_PLACES = 4  # NRR is shown with the interval table's precision (3,5324)

MESSAGES = {
    "id": {
        "not_found": "berkas tidak ditemukan",
        "unreadable": "berkas tidak dapat dibaca ({reason})",
        "not_utf8": "bukan teks UTF-8 (simpan ulang sebagai CSV UTF-8)",
        "not_xlsx": "bukan berkas XLSX yang sah",
        "format": "format tidak didukung; gunakan .csv atau .xlsx",
        "empty": "berkas kosong: tidak ada baris judul",
        "missing": "kolom {columns} tidak ada di baris judul",
        "duplicate": "kolom {column} muncul lebih dari sekali di baris judul",
        "blank": "{unsur} kosong",
        "bad": "{unsur} bernilai {value!r}, seharusnya bilangan bulat {low}–{high}",
        "bad_rows": "{count} baris tidak sah; perbaiki atau jalankan dengan --skip-invalid",
        "no_rows": "tidak ada responden yang sah",
        "title": "IKM (PermenPAN-RB 14/2017)",
        "respondents": "Responden",
        "skipped": "Baris tidak sah yang dilewati",
        "nrr": "Nilai rata-rata per unsur (NRR)",
        "ikm": "IKM",
        "mutu": "Mutu pelayanan",
        "weakest": "Unsur terlemah (prioritas perbaikan)",
        "sample": "Ukuran sampel (Krejcie–Morgan)",
        "sample_line": "populasi {population}, minimal {required} responden: {verdict}",
        "meets": "terpenuhi",
        "short": "belum terpenuhi (kurang {missing})",
    },
    "en": {
        "not_found": "file not found",
        "unreadable": "cannot read the file ({reason})",
        "not_utf8": "not UTF-8 text (save it again as CSV UTF-8)",
        "not_xlsx": "not a valid XLSX file",
        "format": "unsupported format; use .csv or .xlsx",
        "empty": "empty file: no header row",
        "missing": "column(s) {columns} missing from the header row",
        "duplicate": "column {column} appears more than once in the header row",
        "blank": "{unsur} is blank",
        "bad": "{unsur} is {value!r}, expected a whole number {low}–{high}",
        "bad_rows": "{count} bad row(s); fix them or run with --skip-invalid",
        "no_rows": "no valid respondents",
        "title": "IKM (PermenPAN-RB 14/2017)",
        "respondents": "Respondents",
        "skipped": "Bad rows skipped",
        "nrr": "Mean rating per element (NRR)",
        "ikm": "IKM",
        "mutu": "Service quality",
        "weakest": "Weakest element (improve first)",
        "sample": "Sample size (Krejcie–Morgan)",
        "sample_line": "population {population}, at least {required} respondents: {verdict}",
        "meets": "met",
        "short": "not met ({missing} short)",
    },
}


def _error(path: Path, key: str, line: int | None = None, **params) -> InputError:
    return InputError(
        MESSAGES["id"][key].format(**params), MESSAGES["en"][key].format(**params), file=str(path), line=line
    )


def _bad_row(path: Path, line: int, problems: list[tuple[str, dict]]) -> InputError:
    """One line for a respondent row whose ratings are not whole numbers in range."""
    text = {lang: "; ".join(MESSAGES[lang][key].format(**params) for key, params in problems) for lang in MESSAGES}
    return InputError(text["id"], text["en"], file=str(path), line=line)


def _csv_rows(path: Path) -> Iterator[tuple[int, list]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _error(path, "not_utf8") from None
    header = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";" if header.count(";") > header.count(",") else ",")
    try:
        for row in reader:
            yield reader.line_num, row
    except csv.Error as exc:
        raise _error(path, "unreadable", reader.line_num, reason=exc) from None


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list]]:
    from openpyxl import load_workbook  # only XLSX needs it

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise _error(path, "not_xlsx") from None
    try:
        for number, row in enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1):
            yield number, list(row)
    finally:
        workbook.close()


READERS = {".csv": _csv_rows, ".xlsx": _xlsx_rows}


def _blank(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _rating(cell) -> int | None:
    """The rating in a cell, or None when it is not a whole number in range."""
    if isinstance(cell, float) and cell.is_integer():  # XLSX numbers may come as 4.0
        cell = int(cell)
    if isinstance(cell, str) and cell.strip().isascii() and cell.strip().isdigit():
        cell = int(cell.strip())
    if isinstance(cell, int) and not isinstance(cell, bool) and RATING_MIN <= cell <= RATING_MAX:
        return cell
    return None


def read_survey(path: Path) -> tuple[list[tuple[int, ...]], list[InputError]]:
    """The valid responses (U1…U9 order) and one error per bad row; InputError for the file."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise _error(path, "format")
    if not path.is_file():
        raise _error(path, "not_found")
    rows = reader(path)
    try:
        header_line, header = next((n, r) for n, r in rows if not all(map(_blank, r)))
    except StopIteration:
        raise _error(path, "empty") from None
    names = [str(cell).strip().upper() if cell is not None else "" for cell in header]
    for code in UNSUR_CODES:
        if names.count(code) > 1:
            raise _error(path, "duplicate", header_line, column=code)
    missing = [code for code in UNSUR_CODES if code not in names]
    if missing:
        raise _error(path, "missing", header_line, columns=", ".join(missing))
    index = [names.index(code) for code in UNSUR_CODES]
    responses, bad = [], []
    for line, row in rows:
        if all(map(_blank, row)):
            continue
        cells = [row[i] if i < len(row) else None for i in index]
        ratings = [_rating(cell) for cell in cells]
        if None in ratings:
            bad.append(_bad_row(path, line, [
                ("blank", {"unsur": code}) if _blank(cell) else
                ("bad", {"unsur": code, "value": cell, "low": RATING_MIN, "high": RATING_MAX})
                for code, cell, rating in zip(UNSUR_CODES, cells, ratings) if rating is None
            ]))
        else:
            responses.append(tuple(ratings))
    return responses, bad


def ikm_report(path: str, responses, skipped: int, population: int | None) -> dict:
    """The JSON form of a survey's result (numbers exact; labels as the regulation writes them)."""
    result = compute_ikm(responses)
    names = dict(UNSUR)
    sample = None
    if population is not None:
        required = krejcie_morgan(population)
        sample = {"population": population, "required": required, "meets": result.respondents >= required}
    return {
        "file": path,
        "data_version": load_data("ikm-permenpanrb-14-2017.json")["versi"],
        "respondents": result.respondents,
        "skipped": skipped,
        "nrr": {code: round_half_up(value, NRR_PLACES) for code, value in result.nrr.items()},
        "ikm": result.ikm,
        "mutu": result.category.mutu,
        "kinerja": result.category.kinerja["id"],
        "weakest_unsur": [
            {"unsur": code, "nama": names[code], "nrr": round_half_up(result.nrr[code], NRR_PLACES)}
            for code in result.weakest
        ],
        "sample_size": sample,
    }


def render_text(report: dict, lang: str) -> str:
    m = MESSAGES[lang]

    def num(value) -> str:
        return format_value(value, lang)

    names = dict(UNSUR)
    width = max(len(name) for name in names.values())
    lines = [f"{m['title']}: {report['file']}", f"{m['respondents']}: {num(report['respondents'])}"]
    if report["skipped"]:
        lines.append(f"{m['skipped']}: {num(report['skipped'])}")
    lines.append(f"{m['nrr']}:")
    lines += [f"  {code}  {names[code]:<{width}}  {num(value)}" for code, value in report["nrr"].items()]
    kinerja = ikm_category(report["ikm"]).kinerja[lang]
    lines.append(f"{m['ikm']}: {num(report['ikm'])}")
    lines.append(f"{m['mutu']}: {report['mutu']} ({kinerja})")
    weakest = ", ".join(f"{w['unsur']} {w['nama']} (NRR {num(w['nrr'])})" for w in report["weakest_unsur"])
    lines.append(f"{m['weakest']}: {weakest}")
    sample = report["sample_size"]
    if sample is not None:
        missing = sample["required"] - report["respondents"]
        verdict = m["meets"] if sample["meets"] else m["short"].format(missing=num(missing))
        lines.append(f"{m['sample']}: " + m["sample_line"].format(
            population=num(sample["population"]), required=num(sample["required"]), verdict=verdict))
    return "\n".join(lines) + "\n"


def _fail(lines: list[str]) -> None:
    for line in lines:
        click.echo(line, err=True)
    sys.exit(2)


@click.command("ikm")
@click.argument("survey", type=click.Path(path_type=Path))
@click.option("--populasi", "population", type=click.IntRange(min=1), help="Jumlah populasi pengguna layanan / Population size (Krejcie–Morgan check).")
@click.option("--skip-invalid", is_flag=True, help="Lewati baris tidak sah / Leave bad rows out and count them.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True)
def ikm(survey: Path, population: int | None, skip_invalid: bool, fmt: str, lang: str) -> None:
    """Hitung IKM dari survei / Compute the IKM of a survey (CSV/XLSX, U1…U9 rated 1–4)."""
    try:
        try:
            responses, bad = read_survey(survey)
        except OSError as exc:
            raise _error(survey, "unreadable", reason=exc.strerror or exc) from None
        if bad and not skip_invalid:
            _fail([row.format(lang) for row in bad] + [_error(survey, "bad_rows", count=len(bad)).format(lang)])
        if not responses:
            raise _error(survey, "no_rows")
    except InputError as exc:
        _fail([exc.format(lang)])
    report = ikm_report(str(survey), responses, len(bad), population)
    if fmt == "json":
        # Decimals as strings with their fixed places ("62.00"), never floats
        click.echo(json.dumps(report, default=lambda d: format(d, "f"), ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(report, lang), nl=False)
