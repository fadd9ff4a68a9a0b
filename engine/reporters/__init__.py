"""Reporters: one module per output format, all reading the same inputs.

`render(fmt, results, rules, *, lang="id", color=False) -> str` returns the whole report as text
ending with a newline; the caller prints it or hands it to `engine.output.write_atomic`.
`FORMATS` maps each format name to a one-line description (the CLI's `--format` choices).

What a reporter reads
---------------------
`results: list[FileResult]` (engine/findings.py), in the order given:

- `path`, `valid`, `errors` (one-line strings; one starting with `<path>:<line>[:<column>]` is
  placed on that line by the sarif, github and junit reporters), `findings`, `suppressed`.
- `Finding.line` / `Finding.column` are 1-based; `None` when unknown.
- `scores` — every key optional:
  `{"overall": Decimal, "categories": {category: Decimal}, "evaluated": int, "failed": int,
  "by_rule": {code: {"evaluated": int, "failed": int}}}`.
- `summary` — every key optional; only the html and markdown reporters read it:

  ```
  {"document": {"perangkat_daerah": str, "pemerintah_daerah": str, "periode": [awal, akhir]},
   "indicators": [{"name": str, "table": str, "unit": str | None, "pointer": str (optional),
                   "years": [int, ...], "target": [number | None, ...],
                   "realisasi": [number | None, ...]}],
   "budget": [{"row": str, "name": str, "pointer": str,
               "years": [int, ...], "rp": [int | Decimal | None, ...]}]}
  ```

  `indicators` are series to chart as target vs realisasi per year (Tabel 2.8); `budget` is Rp
  per program per year (Tabel 6.1). `target`, `realisasi` and `rp` are parallel to `years`.
  A budget row or indicator fails when an unsuppressed finding's pointer is its `pointer` or
  lies under it (`pointer + "/"`).

Values are written by `messages.format_value` (8.166.412.447 / 97,75 in Indonesian).
Human-readable formats (text, markdown, html) list suppressed findings only when
`FileResult.show_suppressed` is set; every format counts them, sarif and json always carry them.

`rules: list[Rule]` from the registry: attributes `code, name, severity, category, weight,
enforces, message {"id", "en"}, docs {"what", "why", "failing", "passing"}`; any docs entry may
itself be `{"id": …, "en": …}`. A finding whose code is not among `rules` is still reported.
"""
from __future__ import annotations

import importlib
import os
import re
from pathlib import Path

from ..exact import round_half_up, to_fraction
from ..findings import SEVERITIES, Finding, FileResult
from ..messages import format_value  # the one number formatter; re-exported for the commands

FORMATS = {
    "text": "teks untuk terminal / text for a terminal",
    "json": "JSON (kontrak data / the data contract)",
    "sarif": "SARIF 2.1.0 untuk code scanning / for code scanning",
    "junit": "JUnit XML untuk CI / for CI test reports",
    "github": "anotasi GitHub Actions / GitHub Actions annotations",
    "markdown": "memo telaah Markdown / Markdown review memo",
    "html": "laporan HTML mandiri / self-contained HTML report",
}
LANGS = ("id", "en")

LABELS = {
    "id": {
        "error": "galat", "warning": "peringatan", "info": "info",
        "errors": "galat", "warnings": "peringatan", "infos": "info",
        "suppressed": "diabaikan", "score": "skor kepatuhan", "no_findings": "tidak ada temuan",
        "invalid": "tidak valid", "valid": "valid", "input_error": "galat masukan",
        "table": "Tabel", "document": "Dokumen", "row": "Baris", "year": "Tahun",
        "code": "Kode", "message": "Pesan", "declared": "Tertulis", "expected": "Seharusnya",
        "location": "Letak", "files": "berkas", "total": "Total", "category": "Kategori",
        "title": "Memo Telaah Renstra", "report_title": "Laporan Telaah Renstra",
        "summary": "Ringkasan", "findings": "Temuan", "scores": "Skor per kategori",
        "status": "Status", "file": "berkas", "perangkat_daerah": "Perangkat daerah",
        "pemerintah_daerah": "Pemerintah daerah", "periode": "Periode",
        "input_errors": "Galat masukan", "suppressed_findings": "Temuan yang diabaikan",
        "severity": "Tingkat", "overall": "Skor keseluruhan", "evaluated": "Diperiksa",
        "failed": "Gagal", "not_evaluated": "tidak dinilai: berkas tidak valid",
        "generated_by": "Dibuat dengan", "target": "Target", "realisasi": "Realisasi",
        "indicators": "Target dan realisasi indikator", "budget": "Pagu per program per tahun (Rp)",
        "failing_row": "baris bertemuan", "input": "masukan",
        "findings_in": "temuan",
    },
    "en": {
        "error": "error", "warning": "warning", "info": "info",
        "errors": "errors", "warnings": "warnings", "infos": "info",
        "suppressed": "suppressed", "score": "compliance score", "no_findings": "no findings",
        "invalid": "invalid", "valid": "valid", "input_error": "input error",
        "table": "Table", "document": "Document", "row": "Row", "year": "Year",
        "code": "Code", "message": "Message", "declared": "Declared", "expected": "Expected",
        "location": "Location", "files": "files", "total": "Total", "category": "Category",
        "title": "Renstra Review Memo", "report_title": "Renstra Review Report",
        "summary": "Summary", "findings": "Findings", "scores": "Scores by category",
        "status": "Status", "file": "file", "perangkat_daerah": "Regional unit",
        "pemerintah_daerah": "Regional government", "periode": "Period",
        "input_errors": "Input errors", "suppressed_findings": "Suppressed findings",
        "severity": "Severity", "overall": "Overall score", "evaluated": "Checks evaluated",
        "failed": "Checks failed", "not_evaluated": "not evaluated: invalid file",
        "generated_by": "Generated by", "target": "Target", "realisasi": "Actual",
        "indicators": "Indicator targets and actuals", "budget": "Budget per program per year (Rp)",
        "failing_row": "row with findings", "input": "input",
        "findings_in": "findings",
    },
}


def render(fmt: str, results: list[FileResult], rules: list, *, lang: str = "id", color: bool = False) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of: {', '.join(FORMATS)}")
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; one of: {', '.join(LANGS)}")
    module = importlib.import_module(f".{fmt}", __name__)
    return module.render(results, rules, lang=lang, color=color)


def label(key: str, lang: str) -> str:
    return LABELS[lang][key]


def version() -> str:
    from importlib import metadata  # 12 ms to import; only some formats print the version

    try:
        return metadata.version("telaah")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def relative_path(path: str) -> str:
    """The file's path relative to the working directory (the repository root in CI), with `/`
    separators; a file outside it keeps its absolute path."""
    p = Path(os.path.normpath(path))
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            pass
    return p.as_posix()


def rules_by_code(rules: list) -> dict:
    return {r.code: r for r in rules}


def ordered_rules(results: list[FileResult], rules: list) -> list:
    """Every rule of the registry, plus a stand-in for any finding's code the registry lacks,
    sorted by code (the order SARIF's ruleIndex and JUnit's test cases follow)."""
    known = rules_by_code(rules)
    for result in results:
        for f in [*result.findings, *result.suppressed]:
            if f.code not in known:
                known[f.code] = FindingRule(f)
    return [known[code] for code in sorted(known)]


class FindingRule:
    """Stand-in rule built from a finding whose code is not in the registry."""

    def __init__(self, finding: Finding):
        self.code, self.name, self.severity = finding.code, finding.name, finding.severity
        self.category, self.weight = finding.category, finding.weight
        self.enforces, self.message, self.docs = "", {}, {}


def severity_counts(findings: list[Finding]) -> dict:
    counts = {s: 0 for s in SEVERITIES}
    for f in findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    return counts


def totals(results: list[FileResult]) -> dict:
    """Counts over all files and the overall score: the mean of the files' overall scores,
    rounded half-up to 2 decimals (`None` when no file has one)."""
    findings = [f for r in results for f in r.findings]
    overall = [r.scores["overall"] for r in results if (r.scores or {}).get("overall") is not None]
    mean = round_half_up(sum(to_fraction(v) for v in overall) / len(overall)) if overall else None
    return {
        "files": len(results),
        "invalid_files": sum(1 for r in results if not r.valid),
        "input_errors": sum(len(r.errors) for r in results),
        "findings": len(findings),
        **severity_counts(findings),
        "suppressed": sum(len(r.suppressed) for r in results),
        "overall": mean,
    }


def counted(n: int, noun: str, lang: str) -> str:
    """"1 error", "2 errors", "2 files" (Indonesian has one form)."""
    return f"{n} {label(noun if n == 1 else noun + 's', lang)}"


def count_line(result: FileResult, lang: str) -> str:
    """"2 galat, 1 peringatan, 0 info, 1 diabaikan · skor kepatuhan 87,5" for one file."""
    counts = severity_counts(result.findings)
    parts = [counted(counts[s], s, lang) for s in SEVERITIES]
    if result.suppressed:
        parts.append(f"{len(result.suppressed)} {label('suppressed', lang)}")
    line = ", ".join(parts)
    if not result.valid:
        line = f"{label('invalid', lang)} · {line}"
    overall = (result.scores or {}).get("overall")
    if overall is not None:
        line += f" · {label('score', lang)} {format_value(overall, lang)}"
    return line


def table_key(table: str | None) -> tuple:
    """Tables in reading order: 2.8 before 2.9 before 10.1; findings without a table last."""
    if table is None:
        return (1, ())
    return (0, tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[.\s]+", table)))


def group_by_table(findings: list[Finding]) -> list[tuple[str | None, list[Finding]]]:
    groups: dict = {}
    for f in sorted(findings, key=Finding.sort_key):
        groups.setdefault(f.source.table, []).append(f)
    return sorted(groups.items(), key=lambda kv: table_key(kv[0]))


def table_title(table: str | None, lang: str) -> str:
    return f"{label('table', lang)} {table}" if table else label("document", lang)


def place(finding: Finding, lang: str) -> str:
    """"Tabel 6.1 · 7 01 02 · 2025": where a finding stands in the printed document."""
    parts = [f"{label('table', lang)} {finding.source.table}" if finding.source.table else None,
             finding.source.row, None if finding.source.year is None else str(finding.source.year)]
    return " · ".join(p for p in parts if p)


def describe(finding: Finding, lang: str) -> str:
    """"Tabel 6.1 · 7 01 02 · 2025 — message (declared → expected)"."""
    text = finding.message
    if finding.declared is not None or finding.expected is not None:
        text += f" ({format_value(finding.declared, lang)} → {format_value(finding.expected, lang)})"
    where = place(finding, lang)
    return f"{where} — {text}" if where else text


def line_col(line: int | None, column: int | None) -> str:
    """"412:9", "412" or "" — a place in the file as editors write it."""
    if line is None:
        return ""
    return f"{line}:{column}" if column is not None else str(line)


def error_location(path: str, error: str) -> tuple[int | None, int | None]:
    """Line and column of an input error written as `<path>:<line>[:<column>]: …`."""
    m = re.match(re.escape(path) + r":(\d+)(?::(\d+))?", error)
    if not m:
        return None, None
    return int(m.group(1)), int(m.group(2)) if m.group(2) else None


def under(pointer: str | None, row_pointer: str | None) -> bool:
    """True when `pointer` is `row_pointer` or lies inside it (JSON pointers)."""
    if pointer is None or row_pointer is None:
        return False
    return pointer == row_pointer or pointer.startswith(row_pointer.rstrip("/") + "/")
