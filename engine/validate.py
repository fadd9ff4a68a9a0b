"""Validate a loaded plan document: JSON Schema plus the checks a schema cannot express.

`validate(doc)` returns every problem at once as `InputError`s (each with pointer, line and
column, Indonesian and English text), sorted by position. The schema validator is compiled once
per process.
"""
from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Iterator

from .errors import InputError, Limits
from .loader import Document, escape_token, join_pointer, load, make_pointer
from .model import Plan, parse_plan

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SCHEMA_FILE = "renstra.schema.json"
MONEY_PATTERN = "^[0-9]+(\\.[0-9]{1,2})?$"
MAX_PERIOD_YEARS = 10


@lru_cache(maxsize=1)
def schema_text() -> str:
    return resources.files("telaah.schemas").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def schema() -> dict:
    return json.loads(schema_text())


@lru_cache(maxsize=1)
def validator() -> Draft202012Validator:
    """The jsonschema validator: imported and built only for a document the fast one refuses."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(_inline_refs(schema()))


def _inline_refs(root: dict) -> dict:
    """The schema with every non-recursive local `$ref` replaced by its target.

    Same meaning, about twice as fast to validate with (reference lookups dominate otherwise).
    A recursive definition (a row holding rows) keeps its `$ref`.
    """
    defs = root.get("$defs", {})
    prefix = "#/$defs/"

    def walk(node, active):
        if isinstance(node, list):
            return [walk(item, active) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(prefix) and ref[len(prefix):] in defs and ref[len(prefix):] not in active:
            name = ref[len(prefix):]
            rest = {k: v for k, v in node.items() if k not in ("$ref", "title", "description")}
            target = walk(defs[name], active | {name})
            return {**target, **walk(rest, active)} if rest else target
        return {k: v if k in ("enum", "const") else walk(v, active) for k, v in node.items()}

    return walk(root, frozenset())


@lru_cache(maxsize=1)
def fast_validator():
    """Whether a document is valid, told by the schema compiled to Python code (engine/fastcheck.py):
    about ten times faster than `validator()`, which then words every error of an invalid one."""
    from .fastcheck import accepts

    return accepts("renstra", _without_annotations(schema()))


def _without_annotations(node, names: bool = False):
    """The schema without `title` and `description` (they validate nothing); `names` marks a map
    whose keys are property or definition names, not keywords."""
    if isinstance(node, list):
        return [_without_annotations(item) for item in node]
    if not isinstance(node, dict):
        return node
    if names:
        return {k: _without_annotations(v) for k, v in node.items()}
    return {k: v if k in ("enum", "const") else _without_annotations(v, k in ("properties", "patternProperties", "$defs"))
            for k, v in node.items() if k not in ("title", "description")}


def validate(doc: Document) -> list[InputError]:
    issues: dict[tuple, str] = {}
    for error in () if fast_validator()(doc.data) else validator().iter_errors(doc.data):
        for pointer, msg_id, msg_en in _describe(error):
            issues.setdefault((pointer, msg_id), msg_en)
    for pointer, msg_id, msg_en in _semantic(doc.data, doc.limits):
        issues.setdefault((pointer, msg_id), msg_en)
    positions = doc.positions([pointer for pointer, _ in issues])  # one pass for every issue
    errors = [
        InputError(msg_id, msg_en, file=doc.path, pointer=pointer,
                   line=pos[0] if pos else None, column=pos[1] if pos else None)
        for ((pointer, msg_id), msg_en), pos in zip(issues.items(), positions)
    ]
    return sorted(errors, key=InputError.sort_key)


@dataclass
class PlanInput:
    """A plan file read as far as it could be: `plan` is set only when there are no errors."""

    path: str
    document: Document | None
    plan: Plan | None
    errors: list[InputError]


def read_plan(path: str, limits: Limits | None = None) -> PlanInput:
    """Load, validate and model one plan file; every input problem is in `errors`."""
    try:
        doc = load(path, limits)
    except InputError as exc:
        return PlanInput(path, None, None, [exc])
    errors = validate(doc)
    if errors:
        return PlanInput(path, doc, None, errors)
    return PlanInput(path, doc, parse_plan(doc.data), [])


# --------------------------------------------------------------------------- messages

_TYPE_NAMES = {
    "null": ("null", "null"),
    "integer": ("bilangan bulat", "an integer"),
    "number": ("angka", "a number"),
    "string": ("teks", "a string"),
    "object": ("objek", "an object"),
    "array": ("daftar", "an array"),
    "boolean": ("true/false", "true/false"),
}


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, Decimal):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    return type(value).__name__


def _show(value: Any) -> str:
    if isinstance(value, str):
        return json.dumps(value if len(value) <= 60 else value[:57] + "...", ensure_ascii=False)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (dict, list)):
        return _TYPE_NAMES[_kind(value)][0]
    return json.dumps(value)


def _did_you_mean(word: str, choices) -> tuple[str, str]:
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    if not close:
        return "", ""
    return f'; mungkin maksudnya "{close[0]}"?', f'; did you mean "{close[0]}"?'


def _is_money(schema: dict) -> bool:
    return schema.get("pattern") == MONEY_PATTERN


def _types(schema: dict) -> list[str]:
    t = schema.get("type", [])
    return [t] if isinstance(t, str) else list(t)


def _describe(error: ValidationError) -> Iterator[tuple[str, str, str]]:
    """(pointer, Indonesian message, English message) for one schema error."""
    pointer = make_pointer(error.absolute_path)
    kw, inst, sch = error.validator, error.instance, error.schema

    if kw in ("oneOf", "anyOf") and error.context:
        from jsonschema.exceptions import best_match

        yield from _describe(best_match(error.context))
        return
    if "propertyNames" in error.relative_schema_path:
        if isinstance(sch, dict) and sch.get("pattern", "").startswith("^([0-9]{4}"):
            yield (join_pointer(pointer, inst), f'kunci "{inst}" bukan tahun empat angka (mis. "2024")',
                   f'key "{inst}" is not a four-digit year (e.g. "2024")')
        else:
            yield (join_pointer(pointer, inst), f'nama kunci "{inst}" tidak sah', f'key name "{inst}" is not allowed')
        return
    if kw == "required":
        for key in error.validator_value:
            if isinstance(inst, dict) and key not in inst:
                yield pointer, f'kunci wajib "{key}" tidak ada', f'required key "{key}" is missing'
        return
    if kw == "additionalProperties":
        known = set(sch.get("properties", {}))
        patterns = list(sch.get("patternProperties", {}))
        for key in inst:
            if key in known or any(re.search(p, key) for p in patterns):
                continue
            hint_id, hint_en = _did_you_mean(key, known)
            yield (join_pointer(pointer, key), f'kunci tidak dikenal "{key}"{hint_id}', f'unknown key "{key}"{hint_en}')
        return
    if _is_money(sch):
        yield (pointer, *_money_message(inst))
        return
    if kw == "type" and "number" in _types(sch) and isinstance(inst, str):
        yield (pointer, *_number_text_message(inst, _types(sch)))
        return
    if kw == "type":
        want = _types(sch)
        want_id = " atau ".join(_TYPE_NAMES.get(t, (t, t))[0] for t in want)
        want_en = " or ".join(_TYPE_NAMES.get(t, (t, t))[1] for t in want)
        got_id, got_en = _TYPE_NAMES.get(_kind(inst), (_kind(inst), _kind(inst)))
        extra_id = extra_en = ""
        if "string" in want and isinstance(inst, (int, Decimal)) and not isinstance(inst, bool):
            extra_id, extra_en = "; beri tanda kutip", "; put it in quotes"
        shown = "" if inst is None or isinstance(inst, (dict, list)) else f" {_show(inst)}"  # not "daftar daftar"
        yield (pointer, f"harus {want_id}, bukan {got_id}{shown}{extra_id}",
               f"must be {want_en}, not {got_en}{shown}{extra_en}")
        return
    if kw == "enum":
        options = ", ".join(_show(v) for v in error.validator_value)
        hint_id, hint_en = _did_you_mean(inst, [v for v in error.validator_value if isinstance(v, str)]) if isinstance(inst, str) else ("", "")
        yield (pointer, f"{_show(inst)} bukan pilihan yang sah ({options}){hint_id}",
               f"{_show(inst)} is not one of {options}{hint_en}")
        return
    if kw == "const":
        yield pointer, f"harus {_show(error.validator_value)}", f"must be {_show(error.validator_value)}"
        return
    if kw == "minLength" and error.validator_value == 1:
        yield pointer, "tidak boleh kosong", "must not be empty"
        return
    if kw == "pattern" and error.validator_value == "\\S":
        yield pointer, "tidak boleh kosong", "must not be empty"
        return
    if kw == "pattern":
        hint = sch.get("description", "")
        yield (pointer, f"{_show(inst)} tidak sesuai pola {error.validator_value}",
               f"{_show(inst)} does not match the pattern {error.validator_value}" + (f" ({hint})" if hint else ""))
        return
    if kw == "minimum":
        yield (pointer, f"{_show(inst)} lebih kecil dari batas bawah {error.validator_value}",
               f"{_show(inst)} is less than the minimum {error.validator_value}")
        return
    if kw == "maximum":
        yield (pointer, f"{_show(inst)} lebih besar dari batas atas {error.validator_value}",
               f"{_show(inst)} is greater than the maximum {error.validator_value}")
        return
    if kw == "uniqueItems":
        yield pointer, "daftar berisi butir yang sama lebih dari sekali", "the array holds the same item more than once"
        return
    if kw == "minItems":
        yield (pointer, f"daftar harus berisi paling sedikit {error.validator_value} butir",
               f"the array must hold at least {error.validator_value} items")
        return
    yield pointer, f"tidak sesuai skema: {error.message}", f"does not match the schema: {error.message}"


# Indonesian number formats: "8.166.412.447", "57.529.249.512,00", "97,75".
_ID_THOUSANDS = re.compile(r"-?[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?\Z")
_ID_DECIMAL = re.compile(r"-?[0-9]+,[0-9]+\Z")
_PLAIN_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?\Z")
_WITH_UNIT = re.compile(r"(-?[0-9][0-9.,]*)\s*(\S.*)\Z")


def _indonesian(text: str) -> tuple[str, bool] | None:
    """(plain decimal text, ambiguous) for an Indonesian-formatted number, else None.

    Ambiguous: one dot group and no comma ("1.234") may be 1234 or 1.234.
    """
    if _ID_THOUSANDS.match(text):
        whole, _, frac = text.partition(",")
        plain = whole.replace(".", "") + (f".{frac}" if frac else "")
        return plain, whole.count(".") == 1 and not frac
    if _ID_DECIMAL.match(text):
        return text.replace(",", "."), False
    return None


def _money_message(inst: Any) -> tuple[str, str]:
    if isinstance(inst, (int, Decimal)) and not isinstance(inst, bool) and inst < 0:
        return (f"Rp tidak boleh negatif ({_show(inst)})", f"Rp must not be negative ({_show(inst)})")
    if isinstance(inst, Decimal):
        text = format(inst, "f")
        if re.fullmatch(r"[0-9]{1,3}\.[0-9]{3}", text):
            whole = text.replace(".", "")
            return (f"Rp {text} ambigu: 3 angka desimal, atau {whole} dalam format Indonesia? Rp paling banyak 2 desimal; tulis {whole} bila maksudnya {whole}",
                    f"Rp {text} is ambiguous: 3 decimals, or {whole} in Indonesian format? Rp has at most 2 decimals; write {whole} if {whole} is meant")
        if inst == inst.to_integral_value():
            whole = format(inst.to_integral_value(), "f")
            return (f"Rp {text} bukan bilangan bulat; tulis {whole}", f"Rp {text} is not an integer; write {whole}")
        if -inst.as_tuple().exponent > 2:
            return (f"Rp {text}: paling banyak 2 angka desimal", f"Rp {text}: at most 2 decimals")
        return (f"Rp {text} bukan bilangan bulat; tulis pecahan sebagai string \"{text}\"",
                f"Rp {text} is not an integer; write a fraction as the string \"{text}\"")
    if isinstance(inst, str):
        text = inst.strip()
        rp = re.match(r"(?i)rp\.?\s*", text)
        if rp:
            text = text[rp.end():]
        if text.startswith("-"):
            return (f"Rp tidak boleh negatif ({_show(inst)})", f"Rp must not be negative ({_show(inst)})")
        found = _indonesian(text)
        if found:
            plain, ambiguous = found
            if ambiguous:
                return (f"{_show(inst)} ambigu: {plain} dalam format Indonesia, atau {text} dengan 3 desimal? Rp paling banyak 2 desimal; tulis {plain} (bilangan bulat) bila maksudnya {plain}",
                        f"{_show(inst)} is ambiguous: {plain} in Indonesian format, or {text} with 3 decimals? Rp has at most 2 decimals; write {plain} (an integer) if {plain} is meant")
            whole, _, frac = plain.partition(".")
            if len(frac) > 2:
                return (f"{_show(inst)} tampak seperti angka format Indonesia dengan lebih dari 2 desimal; Rp paling banyak 2 desimal",
                        f"{_show(inst)} looks like an Indonesian-formatted number with more than 2 decimals; Rp has at most 2 decimals")
            if not frac or int(frac) == 0:
                return (f"{_show(inst)} tampak seperti angka format Indonesia; tulis {whole} (bilangan bulat) atau \"{whole}.00\"",
                        f"{_show(inst)} looks like an Indonesian-formatted number; write {whole} (an integer) or \"{whole}.00\"")
            return (f"{_show(inst)} tampak seperti angka format Indonesia; tulis \"{plain}\"",
                    f"{_show(inst)} looks like an Indonesian-formatted number; write \"{plain}\"")
        if _PLAIN_DECIMAL.match(text):
            if rp:
                return (f"{_show(inst)}: tulis tanpa \"Rp\": {text}", f"{_show(inst)}: write it without \"Rp\": {text}")
            return (f"{_show(inst)}: Rp paling banyak 2 angka desimal", f"{_show(inst)}: Rp has at most 2 decimals")
        return (f"{_show(inst)} bukan nilai Rupiah; tulis bilangan bulat (8166412447) atau string desimal (\"180387.38\")",
                f"{_show(inst)} is not a Rupiah amount; write an integer (8166412447) or a decimal string (\"180387.38\")")
    got_id, got_en = _TYPE_NAMES.get(_kind(inst), (_kind(inst), _kind(inst)))
    return (f"Rp harus bilangan bulat, string desimal atau null, bukan {got_id}",
            f"Rp must be an integer, a decimal string or null, not {got_en}")


def _number_text_message(inst: str, types: list[str]) -> tuple[str, str]:
    """A string where a number (value cell) is expected."""
    text = inst.strip()
    cell = "object" in types
    unit = ""
    m = _WITH_UNIT.match(text)
    if m and cell and not _PLAIN_DECIMAL.match(text) and not _indonesian(text):
        text, unit = m.group(1), m.group(2)
    found = _indonesian(text)
    if found:
        plain, ambiguous = found
        if ambiguous:
            number_id = f"{plain} (format Indonesia) atau {text} (desimal)"
            number_en = f"{plain} (Indonesian format) or {text} (decimal)"
            return (f"{_show(inst)} ambigu: {number_id}? tulis angkanya tanpa pemisah ribuan",
                    f"{_show(inst)} is ambiguous: {number_en}? write the number without thousands separators")
        text = plain
    if _PLAIN_DECIMAL.match(text):
        if unit:
            suggestion = json.dumps({"nilai": "__N__", "satuan": unit}, ensure_ascii=False).replace('"__N__"', text)
            return (f"{_show(inst)} adalah teks; tulis {suggestion}", f"{_show(inst)} is text; write {suggestion}")
        if found:
            return (f"{_show(inst)} tampak seperti angka format Indonesia; tulis {text} (angka)",
                    f"{_show(inst)} looks like an Indonesian-formatted number; write {text} (a number)")
        return (f"{_show(inst)} adalah teks; tulis {text} (angka, tanpa tanda kutip)",
                f"{_show(inst)} is text; write {text} (a number, without quotes)")
    if cell:
        teks = json.dumps({"nilai": None, "teks": inst}, ensure_ascii=False)
        return (f"{_show(inst)} bukan angka; sel berisi teks ditulis {teks}",
                f"{_show(inst)} is not a number; a text cell is written {teks}")
    return (f"{_show(inst)} bukan angka", f"{_show(inst)} is not a number")


# --------------------------------------------------------------------------- semantic checks


def _dicts(value: Any) -> Iterator[tuple[int, dict]]:
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, dict):
                yield i, item


def _year_keys(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key in value:
            if not key.startswith("x-"):
                yield key


def _semantic(data: Any, limits: Limits) -> Iterator[tuple[str, str, str]]:
    if not isinstance(data, dict):
        return
    period = _period(data)
    yield from period.issues
    catalogue = {}
    for i, item in _dicts(data.get("indikator")):
        ident = item.get("id")
        if isinstance(ident, str):
            if ident in catalogue:
                yield (f"/indikator/{i}/id", f'id indikator "{ident}" ganda (sudah dipakai di /indikator/{catalogue[ident]})',
                       f'duplicate indicator id "{ident}" (already used at /indikator/{catalogue[ident]})')
            else:
                catalogue[ident] = i

    def refs(pointer: str, obj: dict):
        ref = obj.get("ref")
        if isinstance(ref, str) and ref not in catalogue:
            hint_id, hint_en = _did_you_mean(ref, catalogue)
            yield (join_pointer(pointer, "ref"), f'ref "{ref}" tidak ada dalam katalog indikator{hint_id}',
                   f'ref "{ref}" is not in the indicator catalogue{hint_en}')

    def in_period(pointer: str, table: str, years: Any):
        if period.years is None or not isinstance(years, dict):
            return
        for key in years:  # "x-" keys are not digits
            if key.isdigit() and int(key) not in period.years:
                yield (join_pointer(pointer, key), f"tahun {key} di luar periode {period.label} (Tabel {table})",
                       f"year {key} is outside the period {period.label} (Table {table})")

    def occurrences(pointer: str, row: dict, table: str):
        for i, occ in _dicts(row.get("indikator")):
            p = f"{pointer}/indikator/{i}"
            yield from refs(p, occ)
            yield from in_period(f"{p}/target", table, occ.get("target"))

    plan = data.get("rencana_program")
    if isinstance(plan, dict):
        rows = list(_rows_6_1(plan))
        if len(rows) > limits.max_rows:
            yield ("/rencana_program", f"Tabel 6.1 terlalu besar: {len(rows)} baris, batas {limits.max_rows}",
                   f"Table 6.1 too large: {len(rows)} rows, limit {limits.max_rows}")
        for pointer, row in rows:
            yield from occurrences(pointer, row, "6.1")
            yield from in_period(f"{pointer}/anggaran", "6.1", row.get("anggaran"))

    goals = data.get("tujuan_sasaran")
    if isinstance(goals, dict):
        for i, tujuan in _dicts(goals.get("tujuan")):
            p = f"/tujuan_sasaran/tujuan/{i}"
            yield from occurrences(p, tujuan, "4.1")
            for j, sasaran in _dicts(tujuan.get("sasaran")):
                yield from occurrences(f"{p}/sasaran/{j}", sasaran, "4.1")

    kpi = data.get("indikator_kinerja")
    if isinstance(kpi, dict):
        for i, row in _dicts(kpi.get("baris")):
            p = f"/indikator_kinerja/baris/{i}"
            yield from refs(p, row)
            yield from in_period(f"{p}/target", "7.1", row.get("target"))

    strategy = data.get("strategi_kebijakan")
    if isinstance(strategy, dict):
        for i, row in _dicts(strategy.get("baris")):
            for key in ("indikator_tujuan", "indikator_sasaran"):
                if isinstance(row.get(key), dict):
                    yield from refs(f"/strategi_kebijakan/baris/{i}/{key}", row[key])

    for i, claim in _dicts(data.get("klaim")):
        yield from refs(f"/klaim/{i}", claim)

    service = data.get("kinerja_pelayanan")
    if isinstance(service, dict):
        years = _table_years(service)
        for i, row in _dicts(service.get("baris")):
            p = f"/kinerja_pelayanan/baris/{i}"
            yield from refs(p, row)
            for key in ("target", "realisasi", "rasio"):
                yield from _in_table_years(f"{p}/{key}", "2.8", years, row.get(key))

    budget = data.get("anggaran_realisasi")
    if isinstance(budget, dict):
        years = _table_years(budget)
        rows = [(f"/anggaran_realisasi/baris/{i}", row) for i, row in _dicts(budget.get("baris"))]
        if isinstance(budget.get("jumlah"), dict):
            rows.append(("/anggaran_realisasi/jumlah", budget["jumlah"]))
        while rows:
            p, row = rows.pop()
            for key in ("anggaran", "realisasi", "rasio"):
                yield from _in_table_years(f"{p}/{key}", "2.9", years, row.get(key))
            rows.extend((f"{p}/rincian/{i}", child) for i, child in _dicts(row.get("rincian")))

    facilities = data.get("sarana_prasarana")
    if isinstance(facilities, dict) and isinstance(facilities.get("kolom"), list):
        columns = set(c for c in facilities["kolom"] if isinstance(c, str))
        for i, row in _dicts(facilities.get("baris")):
            for key in _year_keys(row.get("nilai")):
                if key not in columns:
                    hint_id, hint_en = _did_you_mean(key, columns)
                    yield (f"/sarana_prasarana/baris/{i}/nilai/{escape_token(key)}",
                           f'kolom "{key}" tidak ada dalam "kolom"{hint_id}', f'column "{key}" is not in "kolom"{hint_en}')


def _table_years(table: dict) -> set[int] | None:
    years = table.get("tahun")
    if isinstance(years, list) and all(isinstance(y, int) for y in years):
        return set(years)
    return None


def _in_table_years(pointer: str, table: str, years: set[int] | None, values: Any):
    if years is None or not isinstance(values, dict):
        return
    for key in values:  # "x-" keys are not digits
        if key.isdigit() and int(key) not in years:
            yield (join_pointer(pointer, key), f'tahun {key} tidak ada dalam "tahun" Tabel {table}',
                   f'year {key} is not in the "tahun" list of Table {table}')


_LEVELS_6_1 = (("tujuan", "sasaran"), ("sasaran", "program"), ("program", "kegiatan"), ("kegiatan", "sub_kegiatan"), ("sub_kegiatan", None))


def _rows_6_1(plan: dict) -> Iterator[tuple[str, dict]]:
    """(pointer, row) for every Tabel 6.1 row, in document order, guarding against bad shapes."""
    stack = [(f"/rencana_program/tujuan/{i}", row, 0) for i, row in reversed(list(_dicts(plan.get("tujuan"))))]
    while stack:
        pointer, row, level = stack.pop()
        yield pointer, row
        child = _LEVELS_6_1[level][1]
        if child:
            stack.extend((f"{pointer}/{child}/{i}", c, level + 1) for i, c in reversed(list(_dicts(row.get(child)))))


class _Period:
    def __init__(self):
        self.years: range | None = None
        self.label = ""
        self.issues: list[tuple[str, str, str]] = []


def _period(data: dict) -> _Period:
    result = _Period()
    dokumen = data.get("dokumen")
    periode = dokumen.get("periode") if isinstance(dokumen, dict) else None
    if not isinstance(periode, dict):
        return result
    start, end = periode.get("awal"), periode.get("akhir")
    if not (type(start) is int and type(end) is int):
        return result
    length = end - start + 1
    label = f"{start}–{end}"
    if length < 1:
        result.issues.append(("/dokumen/periode", f"periode {label} lamanya {length} tahun: tahun akhir sebelum tahun awal",
                              f"period {label} is {length} years long: the last year comes before the first"))
    elif length > MAX_PERIOD_YEARS:
        result.issues.append(("/dokumen/periode", f"periode {label} lamanya {length} tahun; harus 1–{MAX_PERIOD_YEARS} tahun",
                              f"period {label} is {length} years long; it must be 1–{MAX_PERIOD_YEARS} years"))
    else:
        result.years, result.label = range(start, end + 1), label
    return result
