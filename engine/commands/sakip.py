"""`telaah sakip LKE.(json|yaml|xlsx)`: a SAKIP evaluation (PermenPAN-RB 88/2021) from LKE answers.

JSON / YAML:

    versi_data: permenpanrb-88-2021/1     # optional; must name the data file's version
    instansi: Kecamatan Pandaan           # optional
    tahun: 2022                           # optional
    komponen:
      perencanaan:                        # perencanaan | pengukuran | pelaporan | evaluasi
        keberadaan: [AA, A, A]            # one grade (AA … E) per criterion
        kualitas: 7.5                     # or the sub-component's value in points (0 … weight)
        pemanfaatan: [BB, B]

XLSX (first sheet): a header row with the columns `komponen`, `sub_komponen`, `jawaban`; one row
per criterion with its grade, or one row per sub-component with its value as a number.
"""
from __future__ import annotations

import json
import sys
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import click

from ..errors import InputError
from ..exact import round_half_up
from ..loader import Document, load, make_pointer
from ..reporters import format_value
from ..refdata import load_data
from ..sakip import DEFAULT_SCHEME, SCHEMA_FILE, SakipError, SakipResult, Scheme, SubScore, evaluate

TOP_KEYS = ("versi_data", "instansi", "tahun", "komponen")
XLSX_COLUMNS = ("komponen", "sub_komponen", "jawaban")

MESSAGES = {
    "id": {
        "format": "format tidak didukung; gunakan .json, .yaml atau .xlsx",
        "not_found": "berkas tidak ditemukan",
        "not_xlsx": "bukan berkas XLSX yang sah",
        "top": "LKE harus berupa objek dengan kunci 'komponen'",
        "unknown_key": "kunci {key!r} tidak dikenal (pilih: {keys})",
        "mapping": "harus berupa objek",
        "version": "LKE ditulis untuk data {given!r}, sedangkan data yang dipakai {used!r}",
        "data": "data SAKIP: {id}",
        "columns": "baris judul harus memuat kolom {columns}",
        "empty": "tidak ada baris jawaban",
        "cell": "kolom {column} kosong",
        "mixed": "sub-komponen {path} diisi nilai huruf dan angka sekaligus, atau angkanya lebih dari satu",
        "title": "Evaluasi SAKIP (PermenPAN-RB 88/2021, data {version})",
        "header": ("Komponen", "Bobot", "Nilai", "Capaian"),
        "total": "Total",
        "predicate": "Predikat",
        "weakest": "Sub-komponen terlemah",
        "of": "dari",
    },
    "en": {
        "format": "unsupported format; use .json, .yaml or .xlsx",
        "not_found": "file not found",
        "not_xlsx": "not a valid XLSX file",
        "top": "an LKE is an object with the key 'komponen'",
        "unknown_key": "unknown key {key!r} (one of: {keys})",
        "mapping": "must be an object",
        "version": "the LKE was written for data {given!r}, but the data in use is {used!r}",
        "data": "SAKIP data: {en}",
        "columns": "the header row must have the columns {columns}",
        "empty": "no answer rows",
        "cell": "column {column} is blank",
        "mixed": "sub-component {path} has both grades and a number, or more than one number",
        "title": "SAKIP evaluation (PermenPAN-RB 88/2021, data {version})",
        "header": ("Component", "Weight", "Value", "Share"),
        "total": "Total",
        "predicate": "Predicate",
        "weakest": "Weakest sub-components",
        "of": "of",
    },
}


def _message(name: str, **params) -> tuple[str, str]:
    return MESSAGES["id"][name].format(**params), MESSAGES["en"][name].format(**params)


# -- reading -----------------------------------------------------------------------------------

Locate = Callable[[SakipError], InputError]  # where an evaluation error stands in the input


def _read_document(doc: Document, version: str) -> tuple[dict, dict, Locate]:
    """Answers, metadata and the place of an evaluation error (line:column and pointer)."""
    data = doc.data
    if not isinstance(data, dict) or "komponen" not in data:
        raise doc.error(*_message("top"), pointer="")
    for key in data:
        if key not in TOP_KEYS:
            raise doc.error(*_message("unknown_key", key=key, keys=", ".join(TOP_KEYS)), pointer=make_pointer([key]))
    if data.get("versi_data", version) != version:
        raise doc.error(*_message("version", given=data["versi_data"], used=version), pointer="/versi_data")
    answers = data["komponen"]
    for pointer, value in [("/komponen", answers)] + (
        [(make_pointer(["komponen", k]), v) for k, v in answers.items()] if isinstance(answers, dict) else []
    ):
        if not isinstance(value, dict):
            raise doc.error(*_message("mapping"), pointer=pointer)
    meta = {key: data.get(key) for key in ("instansi", "tahun")}
    return answers, meta, lambda exc: doc.error(exc.message["id"], exc.message["en"], pointer=make_pointer(["komponen", *exc.path]))


def _read_xlsx(path: Path) -> tuple[dict, dict, Locate]:
    """Answers, metadata and the place of an evaluation error (the row, and the answer's pointer)."""
    from openpyxl import load_workbook  # only XLSX needs it

    def error(key: str, line: int | None = None, **params) -> InputError:
        return InputError(*_message(key, **params), file=str(path), line=line)

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise error("not_xlsx") from None
    try:
        rows = [(n, list(r)) for n, r in enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1)]
    finally:
        workbook.close()
    rows = [(n, r) for n, r in rows if any(c is not None and str(c).strip() for c in r)]
    if not rows:
        raise error("empty")
    header_line, header = rows[0]
    names = [str(c).strip().lower() if c is not None else "" for c in header]
    if any(column not in names for column in XLSX_COLUMNS):
        raise error("columns", header_line, columns=", ".join(XLSX_COLUMNS))
    index = [names.index(column) for column in XLSX_COLUMNS]
    answers: dict = {}
    lines: dict = {}  # (component, sub) -> first row, for errors found while evaluating
    for line, row in rows[1:]:
        cells = [row[i] if i < len(row) else None for i in index]
        for column, cell in zip(XLSX_COLUMNS, cells):
            if cell is None or (isinstance(cell, str) and not cell.strip()):
                raise error("cell", line, column=column)
        comp, sub, answer = str(cells[0]).strip(), str(cells[1]).strip(), cells[2]
        if isinstance(answer, str):
            answer = answer.strip()
        elif isinstance(answer, (int, float)) and not isinstance(answer, bool):
            answer = Decimal(str(answer))  # the cell's shortest decimal form, as shown in the sheet
        lines.setdefault((comp, sub), line)
        lines.setdefault((comp,), line)
        given = answers.setdefault(comp, {})
        if isinstance(answer, str):
            if not isinstance(given.setdefault(sub, []), list):
                raise error("mixed", line, path=f"{comp}/{sub}")
            given[sub].append(answer)
        elif sub in given:
            raise error("mixed", line, path=f"{comp}/{sub}")
        else:
            given[sub] = answer
    return answers, {"instansi": None, "tahun": None}, lambda exc: InputError(
        exc.message["id"], exc.message["en"], file=str(path), pointer=make_pointer(["komponen", *exc.path]),
        line=lines.get(exc.path[:2]) or lines.get(exc.path[:1]),
    )


def read_scheme(path: Path) -> Scheme:
    """Weights, grades and bounds from a data file shaped like the shipped one (JSON or YAML)."""
    from jsonschema import Draft202012Validator  # only a custom data file needs it

    from ..validate import _describe  # the project's bilingual wording of schema errors

    doc = load(path)
    validator = Draft202012Validator(load_data(SCHEMA_FILE))
    error = min(validator.iter_errors(doc.data), key=lambda e: list(map(str, e.absolute_path)), default=None)
    if error is not None:
        pointer, detail_id, detail_en = next(_describe(error))
        raise doc.error(*_message("data", id=detail_id, en=detail_en), pointer=pointer)
    try:
        return Scheme.from_data(doc.data)
    except SakipError as exc:
        raise doc.error(*_message("data", **exc.message), pointer=make_pointer(exc.path)) from None


def read_lke(path: Path, scheme: Scheme = DEFAULT_SCHEME) -> tuple[SakipResult, dict]:
    """Evaluate an LKE file; every problem is one InputError."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        if not path.is_file():
            raise InputError(*_message("not_found"), file=str(path))
        answers, meta, locate = _read_xlsx(path)
    elif suffix in (".json", ".yaml", ".yml"):
        answers, meta, locate = _read_document(load(path), scheme.version)
    else:
        raise InputError(*_message("format"), file=str(path))
    try:
        return evaluate(answers, scheme), meta
    except SakipError as exc:
        raise locate(exc) from None


# -- output ------------------------------------------------------------------------------------

def _entry(score) -> dict:
    """Weight, value and share (in %) of a component or sub-component score."""
    return {
        "weight": round_half_up(score.sub.bobot if isinstance(score, SubScore) else score.component.bobot),
        "value": round_half_up(score.value),
        "percent": round_half_up(score.share * 100),
    }


def sakip_report(path: str, result: SakipResult, meta: dict, version: str) -> dict:
    """The JSON form of an evaluation (numbers exact, rounded half-up to 2 decimals)."""
    return {
        "file": path,
        "data_version": version,
        **meta,
        "components": [
            {
                "code": c.component.kode,
                "name": c.component.nama["id"],
                **_entry(c),
                "sub_components": [{"code": s.sub.kode, "name": s.sub.nama["id"], **_entry(s)} for s in c.subs],
            }
            for c in result.components
        ],
        "total": result.total,
        "predicate": result.predicate.kode,
        "sebutan": result.predicate.sebutan["id"],
        "weakest_sub_components": [
            {"component": s.component.kode, "sub_component": s.sub.kode, **_entry(s)} for s in result.weakest
        ],
    }


def render_text(result: SakipResult, meta: dict, path: str, version: str, lang: str) -> str:
    m = MESSAGES[lang]

    def num(value) -> str:
        return format_value(round_half_up(value), lang)

    rows = [m["header"]]
    for c in result.components:
        rows.append((c.component.nama[lang], num(c.component.bobot), num(c.value), num(c.share * 100) + " %"))
        rows += [("  " + s.sub.nama[lang], num(s.sub.bobot), num(s.value), num(s.share * 100) + " %") for s in c.subs]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [f"{m['title'].format(version=version)}: {path}"]
    if meta.get("instansi") or meta.get("tahun"):
        lines.append(", ".join(str(meta[k]) for k in ("instansi", "tahun") if meta.get(k)))
    lines += [
        f"{row[0]:<{widths[0]}}  " + "  ".join(f"{cell:>{w}}" for cell, w in zip(row[1:], widths[1:]))
        for row in rows
    ]
    lines.append(f"{m['total']}: {num(result.total)}")
    lines.append(f"{m['predicate']}: {result.predicate.kode} ({result.predicate.sebutan[lang]})")
    weakest = "; ".join(
        f"{s.component.nama[lang]} / {s.sub.nama[lang]} {num(s.value)} {m['of']} {num(s.sub.bobot)} ({num(s.share * 100)} %)"
        for s in result.weakest
    )
    lines.append(f"{m['weakest']}: {weakest}")
    return "\n".join(lines) + "\n"


@click.command("sakip")
@click.argument("lke", type=click.Path(path_type=Path))
@click.option("--data", "data_file", type=click.Path(path_type=Path),
              help="Berkas bobot/nilai huruf/batas predikat pengganti / Replacement weights, grades and bounds (JSON/YAML).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True)
def sakip(lke: Path, data_file: Path | None, fmt: str, lang: str) -> None:
    """Hitung nilai dan predikat SAKIP / Compute a SAKIP evaluation from LKE answers (JSON/YAML/XLSX)."""
    try:
        scheme = read_scheme(data_file) if data_file is not None else DEFAULT_SCHEME
        result, meta = read_lke(lke, scheme)
    except InputError as exc:
        click.echo(exc.format(lang), err=True)
        sys.exit(2)
    if fmt == "json":
        report = sakip_report(str(lke), result, meta, scheme.version)
        # Decimals as strings with their fixed places ("75.73"), never floats
        click.echo(json.dumps(report, default=lambda d: format(d, "f"), ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(result, meta, str(lke), scheme.version, lang), nl=False)
