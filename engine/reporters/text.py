"""Plain text for a terminal: per file, findings grouped by table, then a count line.

    plans/pandaan.yaml
     Tabel 6.1
      412:9   Tabel 6.1 · 7 01 01 · 2025 — message (8.166.412.447 → 8.166.412.448) [ANG001]
      2 galat, 0 peringatan, 0 info · skor kepatuhan 87,5
"""
from __future__ import annotations

from ..findings import SEVERITIES, Finding
from . import count_line, counted, describe, format_value, group_by_table, label, line_col, table_title, totals

COLORS = {"error": "31", "warning": "33", "info": "36", "bold": "1", "dim": "2"}


def paint(text: str, style: str, color: bool) -> str:
    return f"\x1b[{COLORS[style]}m{text}\x1b[0m" if color else text


def location(finding) -> str:
    return line_col(finding.line, finding.column) or "-"


def render(results, rules, *, lang, color=False) -> str:
    out: list[str] = []
    for result in results:
        out.append(paint(result.path, "bold", color))
        for error in result.errors:
            out.append(f"  {paint(label('input_error', lang), 'error', color)}: {error}")
        width = max((len(location(f)) for f in [*result.findings, *result.suppressed]), default=0)
        for table, findings in group_by_table(result.findings):
            out.append(" " + paint(table_title(table, lang), "bold", color))
            for f in findings:
                loc = paint(location(f).ljust(width), "dim", color)
                out.append(f"  {loc}  {describe(f, lang)} {paint('[' + f.code + ']', f.severity, color)}")
        if result.show_suppressed and result.suppressed:
            out.append(" " + paint(label("suppressed_findings", lang), "dim", color))
            for f in sorted(result.suppressed, key=Finding.sort_key):
                out.append(f"  {paint(location(f).ljust(width), 'dim', color)}  {describe(f, lang)} [{f.code}]")
        if not result.findings and not result.errors:
            out.append(f"  {label('no_findings', lang)}")
        worst = "error" if result.errors else next(
            (s for s in SEVERITIES if any(f.severity == s for f in result.findings)), None)
        line = count_line(result, lang)
        out.append("  " + (paint(line, worst, color) if worst else line))
    if len(results) > 1:
        t = totals(results)
        counts = ", ".join(counted(t[s], s, lang) for s in SEVERITIES)
        line = f"{label('total', lang)}: {counted(t['files'], 'file', lang)}, {counts}"
        if t["suppressed"]:
            line += f", {t['suppressed']} {label('suppressed', lang)}"
        if t["overall"] is not None:
            line += f" · {label('score', lang)} {format_value(t['overall'], lang)}"
        out.append(paint(line, "bold", color))
    return "\n".join(out) + "\n"
