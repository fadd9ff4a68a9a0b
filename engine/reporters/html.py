"""One self-contained HTML page: scores first, findings by table with the document's row labels,
then charts — target vs realisasi per indicator over the years and Rp per program per year with
the rows that have findings highlighted. Inline CSS and SVG, one small inline script, a
Content-Security-Policy that forbids every network load; every string from a plan is escaped."""
from __future__ import annotations

from decimal import ROUND_CEILING, Decimal
from html import escape

from ..findings import SEVERITIES
from . import (counted, format_value, group_by_table, label, line_col, severity_counts, table_title,
               totals, under, version)

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
SEVERITY_COLORS = {"error": "#b42318", "warning": "#b54708", "info": "#175cd3"}
YEAR_COLORS = ("#1f4e79", "#2e86c1", "#85c1e9", "#117864", "#48c9b0", "#7d3c98", "#c39bd3")
TARGET_COLOR, ACTUAL_COLOR, FAIL_COLOR = "#8a94a6", "#1e8449", "#b42318"

STYLE = """
:root{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1d2433;background:#f5f6f8}
body{margin:0}header{background:#1f4e79;color:#fff;padding:18px 28px}header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;opacity:.85;font-size:13px}main{padding:8px 28px 32px;max-width:1240px}
section.file{background:#fff;border:1px solid #dde1e8;border-radius:8px;padding:16px 22px;margin:18px 0}
h2{font-size:18px;margin:0 0 8px;word-break:break-all}h3{font-size:16px;margin:22px 0 8px;border-bottom:1px solid #dde1e8;padding-bottom:4px}
h4{font-size:14px;margin:16px 0 6px}dl.identity{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:0 0 12px;font-size:14px}
dl.identity dt{color:#5b6472}dl.identity dd{margin:0;font-weight:600}
.cards{display:flex;flex-wrap:wrap;gap:12px;align-items:stretch}.card{border:1px solid #dde1e8;border-radius:8px;padding:10px 16px;min-width:110px}
.card .n{font-size:26px;font-weight:700}.card .l{font-size:12px;color:#5b6472;text-transform:uppercase;letter-spacing:.04em}
.card.error .n{color:#b42318}.card.warning .n{color:#b54708}.card.info .n{color:#175cd3}
.bars{display:grid;grid-template-columns:max-content 260px max-content;gap:4px 10px;align-items:center;font-size:13px;margin-top:12px}
.bar{background:#e8ebf0;border-radius:4px;height:12px;overflow:hidden}.bar i{display:block;height:100%;background:#1f4e79}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border:1px solid #dde1e8;padding:5px 7px;text-align:left;vertical-align:top}
th{background:#eef1f5}td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
td.sev{font-weight:700;white-space:nowrap}tr.error td.sev{color:#b42318}tr.warning td.sev{color:#b54708}tr.info td.sev{color:#175cd3}
.rowname{color:#5b6472;font-size:12px}code{font-size:12px}ul.errors li{color:#b42318}
.charts{display:flex;flex-wrap:wrap;gap:16px}figure{margin:0;max-width:100%;box-sizing:border-box;border:1px solid #dde1e8;border-radius:8px;padding:8px}
figcaption{font-size:13px;font-weight:600;margin:0 0 4px;max-width:560px}svg{max-width:100%;height:auto}svg text{font-family:inherit}
.scroll{overflow-x:auto}td code{word-break:break-all}td.code{white-space:nowrap}
.filters{font-size:13px;margin:6px 0}.filters label{margin-right:14px}
body.hide-error tr.error,body.hide-warning tr.warning,body.hide-info tr.info{display:none}
footer{font-size:12px;color:#5b6472;padding:0 28px 24px}
@media print{:root{background:#fff}section.file{border:0;padding:0}.filters{display:none}}
"""

SCRIPT = """
document.querySelectorAll(".filters").forEach(function (box) { box.hidden = false; });
document.querySelectorAll("[data-filter]").forEach(function (input) {
  input.addEventListener("change", function () {
    document.body.classList.toggle("hide-" + input.dataset.filter, !input.checked);
  });
});
document.documentElement.dataset.ready = "1";
"""


def e(value) -> str:
    return escape("" if value is None else str(value), quote=True)


def number(value) -> Decimal | None:
    """A chartable value: exact numbers only (a missing cell or text is not charted)."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        return None
    value = Decimal(value)
    return value if value.is_finite() else None


def c(value: Decimal) -> str:
    """An SVG coordinate, one decimal place."""
    return format(value.quantize(Decimal("0.1")), "f")


def nice_ceiling(value: Decimal) -> Decimal:
    """A round axis maximum at or above `value` (steps of half a power of ten)."""
    if value <= 0:
        return Decimal(1)
    step = Decimal(5).scaleb(value.adjusted() - 1)
    return (value / step).to_integral_value(ROUND_CEILING) * step


def short(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def indicator_chart(ind: dict, failing: bool, lang: str) -> str:
    """Clustered columns: target and realisasi per year (like the plan's Gambar 2.2–2.6)."""
    years = list(ind.get("years") or [])
    series = [(label("target", lang), TARGET_COLOR, ind.get("target") or []),
              (label("realisasi", lang), ACTUAL_COLOR, ind.get("realisasi") or [])]
    values = [number(v) for _, _, vs in series for v in vs]
    top = nice_ceiling(max([v for v in values if v is not None], default=Decimal(0)))
    width, height, left, right, top_pad, bottom = 500, 250, 56, 12, 26, 44
    plot_w, plot_h = Decimal(width - left - right), Decimal(height - top_pad - bottom)
    base = Decimal(height - bottom)
    group = plot_w / max(len(years), 1)
    bar = group * Decimal("0.32")
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img">']
    for tick in (Decimal(0), top / 2, top):
        y = base - tick / top * plot_h
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{c(y)}" y2="{c(y)}" stroke="#dde1e8"/>'
                     f'<text x="{left - 6}" y="{c(y + 4)}" font-size="11" text-anchor="end" fill="#5b6472">'
                     f'{e(format_value(tick.normalize(), lang))}</text>')
    for i, year in enumerate(years):
        x0 = left + group * i + (group - bar * 2 - 4) / 2
        for j, (_, color, vs) in enumerate(series):
            v = number(vs[i]) if i < len(vs) else None
            x = x0 + (bar + 4) * j
            text = format_value(v, lang)
            if v is not None:
                h = max(v, Decimal(0)) / top * plot_h
                parts.append(f'<rect x="{c(x)}" y="{c(base - h)}" width="{c(bar - 2)}" height="{c(h)}" fill="{color}">'
                             f'<title>{e(year)}: {e(text)}</title></rect>')
            else:
                h = Decimal(0)
            parts.append(f'<text x="{c(x + bar / 2 - 1)}" y="{c(base - h - 4)}" font-size="9" '
                         f'text-anchor="middle" fill="#1d2433">{e(text)}</text>')
        parts.append(f'<text x="{c(left + group * i + group / 2)}" y="{c(base + 16)}" font-size="12" '
                     f'text-anchor="middle">{e(year)}</text>')
    for j, (name, color, _) in enumerate(series):
        x = left + 110 * j
        parts.append(f'<rect x="{x}" y="{height - 16}" width="10" height="10" fill="{color}"/>'
                     f'<text x="{x + 14}" y="{height - 7}" font-size="11">{e(name)}</text>')
    parts.append("</svg>")
    unit = f" ({e(ind['unit'])})" if ind.get("unit") else ""
    table = f" · {e(label('table', lang))} {e(ind['table'])}" if ind.get("table") else ""
    mark = f' <span style="color:{FAIL_COLOR}">⚠ {e(label("failing_row", lang))}</span>' if failing else ""
    return f"<figure><figcaption>{e(ind.get('name'))}{unit}{table}{mark}</figcaption>{''.join(parts)}</figure>"


def budget_chart(rows: list[dict], failing: set[int], lang: str) -> str:
    """Horizontal bars: Rp per program, one bar per year; rows with findings in red."""
    years = sorted({y for r in rows for y in (r.get("years") or [])})
    values = [number(v) for r in rows for v in (r.get("rp") or [])]
    top = nice_ceiling(max([v for v in values if v is not None], default=Decimal(0)))
    bar_h, gap, left, right = 14, 16, 300, 120
    width = 1040
    plot_w = Decimal(width - left - right)
    group_h = max(bar_h * len(years), 30) + gap
    height = 30 + group_h * len(rows)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img">']
    for k, year in enumerate(years):
        x = left + 120 * k
        parts.append(f'<rect x="{x}" y="6" width="10" height="10" fill="{YEAR_COLORS[k % len(YEAR_COLORS)]}"/>'
                     f'<text x="{x + 14}" y="15" font-size="11">{e(year)}</text>')
    for i, row in enumerate(rows):
        y0 = 30 + group_h * i
        bad = i in failing
        if bad:
            parts.append(f'<rect x="0" y="{y0 - gap // 2 + 2}" width="{width}" height="{group_h - 4}" '
                         f'fill="#fdecea"/>')
        fill = FAIL_COLOR if bad else "#1d2433"
        name = f"{row.get('row') or ''} {row.get('name') or ''}".strip()
        weight = ' font-weight="700"' if bad else ""
        parts.append(f'<text x="{left - 10}" y="{y0 + 12}" font-size="12" text-anchor="end" fill="{fill}"'
                     f'{weight}><title>{e(name)}</title>'
                     f'{"⚠ " if bad else ""}{e(short(row.get("row") or "", 24))}</text>'
                     f'<text x="{left - 10}" y="{y0 + 26}" font-size="10" text-anchor="end" fill="#5b6472">'
                     f'{e(short(row.get("name") or "", 40))}</text>')
        by_year = dict(zip(row.get("years") or [], row.get("rp") or []))
        for k, year in enumerate(years):
            v = number(by_year.get(year))
            y = y0 + bar_h * k
            text = format_value(by_year.get(year), lang)
            w = max(v, Decimal(0)) / top * plot_w if v is not None else Decimal(0)
            color = YEAR_COLORS[k % len(YEAR_COLORS)]
            stroke = f' stroke="{FAIL_COLOR}" stroke-width="2"' if bad else ""
            parts.append(f'<rect x="{left}" y="{y}" width="{c(w)}" height="{bar_h - 2}" fill="{color}"{stroke}>'
                         f'<title>{e(name)} · {e(year)}: Rp {e(text)}</title></rect>'
                         f'<text x="{c(left + w + 4)}" y="{y + bar_h - 4}" font-size="10" fill="#1d2433">{e(text)}</text>')
    parts.append("</svg>")
    return f"<figure>{''.join(parts)}</figure>"


def row_name(finding, summary: dict) -> str | None:
    """The printed name of the finding's row, from the budget or indicator rows of the summary."""
    for row in [*(summary.get("budget") or []), *(summary.get("indicators") or [])]:
        if row.get("row", finding.source.row) == finding.source.row and under(finding.pointer, row.get("pointer")):
            return row.get("name")
    return None


def findings_table(findings: list, summary: dict, lang: str) -> str:
    head = "".join(f"<th>{e(label(k, lang))}</th>" for k in
                   ("row", "year", "code", "severity", "message", "declared", "expected", "location"))
    body = []
    for f in findings:
        name = row_name(f, summary)
        row = e(f.source.row or "") + (f'<div class="rowname">{e(name)}</div>' if name else "")
        body.append(
            f'<tr class="{e(f.severity)}"><td>{row}</td><td>{e("" if f.source.year is None else f.source.year)}</td>'
            f'<td class="code"><code title="{e(f.name)}">{e(f.code)}</code></td><td class="sev">{e(label(f.severity, lang))}</td>'
            f'<td>{e(f.message)}<div class="rowname"><code>{e(f.pointer)}</code></div></td>'
            f'<td class="num">{e(format_value(f.declared, lang))}</td>'
            f'<td class="num">{e(format_value(f.expected, lang))}</td><td class="num">{e(line_col(f.line, f.column))}</td></tr>')
    return f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>'


def score_cards(result, lang: str) -> str:
    scores = result.scores or {}
    counts = severity_counts(result.findings)
    cards = []
    if scores.get("overall") is not None:
        cards.append(f'<div class="card"><div class="n">{e(format_value(scores["overall"], lang))}</div>'
                     f'<div class="l">{e(label("overall", lang))}</div></div>')
    for s in SEVERITIES:
        cards.append(f'<div class="card {s}"><div class="n">{counts[s]}</div><div class="l">{e(label(s, lang))}</div></div>')
    cards.append(f'<div class="card"><div class="n">{len(result.suppressed)}</div>'
                 f'<div class="l">{e(label("suppressed", lang))}</div></div>')
    out = f'<div class="cards">{"".join(cards)}</div>'
    categories = scores.get("categories") or {}
    if categories:
        rows = []
        for name in sorted(categories):
            value = number(categories[name])
            pct = c(min(max(value, Decimal(0)), Decimal(100))) if value is not None else "0"
            rows.append(f'<span>{e(name)}</span><span class="bar"><i style="width:{pct}%"></i></span>'
                        f'<span>{e(format_value(categories[name], lang))}</span>')
        out += f'<h4>{e(label("scores", lang))}</h4><div class="bars">{"".join(rows)}</div>'
    return out


def file_section(index: int, result, lang: str) -> str:
    summary = result.summary or {}
    document = summary.get("document") or {}
    out = [f'<section class="file" id="file-{index}"><h2>{e(result.path)}</h2>']
    periode = document.get("periode") or []
    ident = [(label("perangkat_daerah", lang), document.get("perangkat_daerah")),
             (label("pemerintah_daerah", lang), document.get("pemerintah_daerah")),
             (label("periode", lang), "–".join(str(y) for y in periode) if periode else None),
             (label("status", lang), label("valid" if result.valid else "invalid", lang))]
    out.append('<dl class="identity">' + "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in ident if v) + "</dl>")
    out.append(score_cards(result, lang))
    if result.errors:
        out.append(f'<h3>{e(label("input_errors", lang))}</h3><ul class="errors">'
                   + "".join(f"<li>{e(err)}</li>" for err in result.errors) + "</ul>")
    out.append(f'<h3>{e(label("findings", lang))}</h3>')
    if not result.findings:
        out.append(f"<p>{e(label('no_findings', lang).capitalize())}.</p>")
    for table, findings in group_by_table(result.findings):
        out.append(f"<h4>{e(table_title(table, lang))}</h4>{findings_table(findings, summary, lang)}")
    indicators = summary.get("indicators") or []
    budget = summary.get("budget") or []
    if indicators:
        out.append(f'<h3>{e(label("indicators", lang))}</h3><div class="charts">')
        out += [indicator_chart(ind, any(under(f.pointer, ind.get("pointer")) for f in result.findings), lang)
                for ind in indicators]
        out.append("</div>")
    if budget:
        failing = {i for i, row in enumerate(budget) if any(under(f.pointer, row.get("pointer")) for f in result.findings)}
        out.append(f'<h3>{e(label("budget", lang))}</h3><div class="charts">{budget_chart(budget, failing, lang)}</div>')
    if result.show_suppressed and result.suppressed:
        out.append(f'<h3>{e(label("suppressed_findings", lang))}</h3>')
        out.append(findings_table(sorted(result.suppressed, key=lambda f: f.sort_key()), summary, lang))
    out.append("</section>")
    return "".join(out)


def render(results, rules, *, lang, color=False) -> str:
    title = label("report_title", lang)
    if len(results) == 1:
        name = ((results[0].summary or {}).get("document") or {}).get("perangkat_daerah")
        title += f" — {name}" if name else ""
    t = totals(results)
    filters = "".join(f'<label><input type="checkbox" data-filter="{s}" checked> {e(label(s, lang))}</label>'
                      for s in SEVERITIES)
    nav = ""
    if len(results) > 1:
        nav = "<nav><ul>" + "".join(f'<li><a href="#file-{i}">{e(r.path)}</a></li>' for i, r in enumerate(results)) + "</ul></nav>"
    counts = " · ".join(counted(t[s], s, lang) for s in SEVERITIES)
    overall = f" · {e(label('overall', lang))} {e(format_value(t['overall'], lang))}" if t["overall"] is not None else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{e(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<header><h1>{e(title)}</h1><p>{e(counted(t['files'], 'file', lang))} · {e(counts)}{overall}</p></header>\n"
        f'<main>\n<div class="filters" hidden>{filters}</div>\n{nav}\n'
        + "\n".join(file_section(i, r, lang) for i, r in enumerate(results))
        + f"\n</main>\n<footer>{e(label('generated_by', lang))} telaah {e(version())}</footer>\n"
        f"<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )
