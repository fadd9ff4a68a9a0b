"""`telaah rules` (the rule table) and `telaah explain CODE` (one rule's documentation).

Both read the built-in rules plus any `--rules DIR` pack; a rule file that does not pass the
checks is one line on stderr naming the file, line:column and rule, exit 2.
"""
from __future__ import annotations

import json
import sys

import click

from ..registry import RulesError, find_rule, load_rules, suggest, text_of

COLUMNS = ("code", "name", "severity", "category", "weight")
LABELS = {
    "id": {
        "code": "KODE", "name": "NAMA", "severity": "TINGKAT", "category": "KATEGORI", "weight": "BOBOT",
        "count": "{n} aturan", "unknown": "aturan tidak dikenal: {code}", "did_you_mean": "maksud Anda: {names}?",
        "fact": "Fakta", "source": "Berkas", "enforces": "Menegakkan", "what": "Apa yang diperiksa", "why": "Mengapa",
        "when": "Kondisi pelanggaran (when)", "message": "Pesan", "failing": "Contoh yang melanggar", "passing": "Contoh yang benar",
        "tags": "Tag",
    },
    "en": {
        "code": "CODE", "name": "NAME", "severity": "SEVERITY", "category": "CATEGORY", "weight": "WEIGHT",
        "count": "{n} rules", "unknown": "unknown rule: {code}", "did_you_mean": "did you mean: {names}?",
        "fact": "Fact", "source": "File", "enforces": "Enforces", "what": "What it checks", "why": "Why",
        "when": "Violation condition (when)", "message": "Message", "failing": "Failing example", "passing": "Passing example",
        "tags": "Tags",
    },
}

packs_option = click.option("--rules", "packs", multiple=True, type=click.Path(file_okay=False),
                            help="Direktori paket aturan tambahan / Extra rule pack directory (repeatable).")
lang_option = click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True)


def _load(packs, lang: str) -> list:
    try:
        return load_rules(packs)
    except RulesError as exc:
        for line in exc.lines(lang):
            click.echo(line, err=True)
        sys.exit(2)


def render_table(rules: list, lang: str) -> str:
    labels = LABELS[lang]
    rows = [[labels[c] for c in COLUMNS]] + [[str(getattr(r, c)) for c in COLUMNS] for r in rules]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines.append(labels["count"].format(n=len(rules)))
    return "\n".join(lines) + "\n"


def _indent(text: str) -> str:
    return "\n".join("    " + line if line else "" for line in text.rstrip().splitlines())


def render_explain(rule, lang: str) -> str:
    labels = LABELS[lang]
    when = json.dumps(rule.when, ensure_ascii=False, indent=2, default=lambda d: format(d, "f"))
    out = [
        f"{rule.code} — {rule.name}",
        f"{labels['severity'].title()}: {rule.severity} · {labels['category'].title()}: {rule.category} · "
        f"{labels['weight'].title()}: {rule.weight} · {labels['fact']}: {rule.fact}",
        f"{labels['source']}: {rule.source}",
        f"{labels['enforces']}: {rule.enforces}",
    ]
    if rule.tags:
        out.append(f"{labels['tags']}: {', '.join(rule.tags)}")
    out += ["", f"{labels['what']}:", _indent(text_of(rule.docs["what"], lang)),
            "", f"{labels['why']}:", _indent(text_of(rule.docs["why"], lang)),
            "", f"{labels['when']}:", _indent(when),
            "", f"{labels['message']}:", f"    id: {rule.message['id']}", f"    en: {rule.message['en']}",
            "", f"{labels['failing']}:", _indent(rule.docs["failing"]),
            "", f"{labels['passing']}:", _indent(rule.docs["passing"])]
    return "\n".join(out) + "\n"


@click.command("rules")
@packs_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@lang_option
def rules(packs, fmt: str, lang: str) -> None:
    """Daftar aturan / List the rules."""
    loaded = _load(packs, lang)
    if fmt == "json":
        fields = (*COLUMNS, "fact", "family", "origin")
        click.echo(json.dumps([{f: getattr(r, f) for f in fields} for r in loaded], ensure_ascii=False, indent=2))
    else:
        click.echo(render_table(loaded, lang), nl=False)


@click.command("explain")
@click.argument("code")
@packs_option
@lang_option
def explain(code: str, packs, lang: str) -> None:
    """Jelaskan satu aturan (kode atau nama) / Explain one rule (code or name)."""
    loaded = _load(packs, lang)
    rule = find_rule(code, loaded)
    if rule is not None:
        click.echo(render_explain(rule, lang), nl=False)
        return
    line = LABELS[lang]["unknown"].format(code=code)
    close = suggest(code, loaded)
    if close:
        line += "; " + LABELS[lang]["did_you_mean"].format(names=", ".join(close))
    click.echo(line, err=True)
    sys.exit(2)
