"""A review memo in Markdown an auditor can paste: identity, summary and scores, then findings
grouped by table (row, year, message, declared, expected), input errors and suppressed findings."""
from __future__ import annotations

import re

from . import format_value, group_by_table, label, severity_counts, table_title, version
from ..findings import SEVERITIES

# Backslash escapes for the punctuation Markdown (GFM) would read as markup or a cell border.
SPECIAL = re.compile(r"([\\`*_\[\]<>|#!])")


def md(value) -> str:
    text = " ".join(str(value).split())
    return SPECIAL.sub(r"\\\1", text)


def table(head: list[str], rows: list[list]) -> list[str]:
    out = ["| " + " | ".join(md(h) for h in head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(md(c) for c in row) + " |" for row in rows]
    return out


def identity(document: dict, lang: str) -> list[str]:
    periode = document.get("periode") or []
    rows = [
        [label("perangkat_daerah", lang), document.get("perangkat_daerah")],
        [label("pemerintah_daerah", lang), document.get("pemerintah_daerah")],
        [label("periode", lang), "–".join(str(y) for y in periode) if periode else None],
    ]
    return [f"**{md(k)}:** {md(v)}  " for k, v in rows if v]


def file_section(result, lang: str) -> list[str]:
    summary = result.summary or {}
    scores = result.scores or {}
    out = [f"## {md(result.path)}", ""]
    ident = identity(summary.get("document") or {}, lang)
    if ident:
        out += ident + [""]
    counts = severity_counts(result.findings)
    rows = [[label("status", lang), label("valid" if result.valid else "invalid", lang)]]
    rows += [[label(s + "s", lang).capitalize(), counts[s]] for s in SEVERITIES]
    rows.append([label("suppressed", lang).capitalize(), len(result.suppressed)])
    rows += [[label(k, lang), scores[k]] for k in ("evaluated", "failed") if scores.get(k) is not None]
    if scores.get("overall") is not None:
        rows.append([label("overall", lang), format_value(scores["overall"], lang)])
    out += [f"### {label('summary', lang)}", ""] + table(["", ""], rows) + [""]
    categories = scores.get("categories") or {}
    if categories:
        out += [f"### {label('scores', lang)}", ""]
        out += table([label("category", lang), label("score", lang).capitalize()],
                     [[c, format_value(categories[c], lang)] for c in sorted(categories)]) + [""]
    if result.errors:
        out += [f"### {label('input_errors', lang)}", ""] + [f"- {md(e)}" for e in result.errors] + [""]
    out += [f"### {label('findings', lang)}", ""]
    if not result.findings:
        out += [label("no_findings", lang).capitalize() + ".", ""]
    head = [label(k, lang) for k in ("row", "year", "code", "severity", "message", "declared", "expected")]
    for name, findings in group_by_table(result.findings):
        out += [f"#### {md(table_title(name, lang))}", ""]
        out += table(head, [
            [f.source.row or "", "" if f.source.year is None else f.source.year, f.code, label(f.severity, lang),
             f.message, format_value(f.declared, lang), format_value(f.expected, lang)]
            for f in findings
        ]) + [""]
    if result.show_suppressed and result.suppressed:
        out += [f"### {label('suppressed_findings', lang)}", ""]
        out += table([label(k, lang) for k in ("table", "row", "year", "code", "message")], [
            [f.source.table or "", f.source.row or "", "" if f.source.year is None else f.source.year,
             f.code, f.message]
            for f in sorted(result.suppressed, key=lambda f: f.sort_key())
        ]) + [""]
    return out


def render(results, rules, *, lang, color=False) -> str:
    title = label("title", lang)
    if len(results) == 1:
        name = ((results[0].summary or {}).get("document") or {}).get("perangkat_daerah")
        title += f" — {md(name)}" if name else ""
    out = [f"# {title}", ""]
    for result in results:
        out += file_section(result, lang)
    out.append(f"_{label('generated_by', lang)} telaah {md(version())}._")
    return "\n".join(out) + "\n"
