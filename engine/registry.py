"""The rule registry: built-in rules (package data `telaah.rules`, rules/<family>/<CODE>.yaml)
plus packs given as directories (a kabupaten's own rules, `--rules DIR`).

`load_rules(packs)` reads and checks every rule file (see engine/rulefile.py) and refuses the
whole set with a `RulesError` listing one line per problem: a bad file, a duplicate code or name
across built-ins and packs. `make_finding` is the one generic action result: rule + matched fact
→ `Finding`. `render_rules_markdown()` writes docs/rules.md:

    python -m telaah.engine.registry --write-docs
"""
from __future__ import annotations

import argparse
import difflib
import sys
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .errors import InputError
from .factkinds import FactKind, fact_kinds
from .findings import Finding, Source
from .messages import fill
from .rulefile import Rule, parse_rule

BUILTIN = "builtin"
DOCS_PATH = Path(__file__).resolve().parents[1] / "docs" / "rules.md"

__all__ = ["Rule", "RulesError", "load_rules", "find_rule", "get_rule", "suggest", "make_finding", "render_rules_markdown"]


class RulesError(Exception):
    """Rule files that cannot be used; `errors` holds one InputError per problem."""

    def __init__(self, errors: list[InputError]):
        super().__init__("\n".join(e.format("id") for e in errors))
        self.errors = errors

    def lines(self, lang: str = "id") -> list[str]:
        return [e.format(lang) for e in self.errors]


def _builtin_files():
    root = resources.files("telaah.rules")
    for family in sorted((d for d in root.iterdir() if d.is_dir() and not d.name.startswith(("_", "."))), key=lambda d: d.name):
        for path in sorted((p for p in family.iterdir() if p.name.endswith(".yaml")), key=lambda p: p.name):
            yield path.read_bytes(), f"rules/{family.name}/{path.name}", family.name


def _pack_files(pack: str):
    root = Path(pack)
    if not root.is_dir():
        raise RulesError([InputError("direktori aturan tidak ditemukan", "rules directory not found", file=str(pack))])
    paths = sorted(root.rglob("*.yaml"))
    if not paths:
        raise RulesError([InputError("tidak ada berkas aturan *.yaml di direktori ini", "no *.yaml rule files in this directory", file=str(pack))])
    for path in paths:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise RulesError([InputError(f"tidak dapat dibaca: {exc.strerror}", f"cannot be read: {exc.strerror}", file=str(path))]) from None
        yield raw, str(path), (path.parent.name if path.parent != root else root.resolve().name)


def _load(sources, kinds: dict[str, FactKind]) -> list[Rule]:
    rules: list[Rule] = []
    errors: list[InputError] = []
    by_code: dict[str, Rule] = {}
    by_name: dict[str, Rule] = {}
    for origin, files in sources:
        for raw, source, family in files:
            rule, problems = parse_rule(raw, source, family, origin, kinds)
            errors.extend(problems)
            if rule is None:
                continue
            for index, key, what in ((by_code, rule.code, ("kode", "code")), (by_name, rule.name, ("nama", "name"))):
                other = index.setdefault(key, rule)
                if other is not rule:
                    errors.append(InputError(f"{rule.code}: {what[0]} {key} sudah dipakai di {other.source}",
                                             f"{rule.code}: {what[1]} {key} is already used in {other.source}", file=source))
            rules.append(rule)
    if errors:
        raise RulesError(errors)
    return sorted(rules, key=lambda r: r.code)


@lru_cache(maxsize=None)
def _builtin_rules() -> tuple[Rule, ...]:
    return tuple(_load([(BUILTIN, _builtin_files())], fact_kinds()))


def load_rules(packs=(), *, builtin: bool = True, kinds: dict[str, FactKind] | None = None) -> list[Rule]:
    """Every rule, sorted by code: the built-ins (unless builtin=False) and those of each pack."""
    if not packs and builtin and kinds is None:
        return list(_builtin_rules())
    kinds = fact_kinds() if kinds is None else kinds
    sources = [(BUILTIN, _builtin_files())] if builtin else []
    sources += [(str(pack), _pack_files(str(pack))) for pack in packs]
    return _load(sources, kinds)


def suggest(word: str, rules: list[Rule]) -> list[str]:
    """Codes and names close to `word` (for "did you mean")."""
    candidates = [r.code for r in rules] + [r.name for r in rules]
    return difflib.get_close_matches(word, candidates, n=3, cutoff=0.6) or difflib.get_close_matches(word.upper(), candidates, n=3, cutoff=0.5)


def find_rule(code: str, rules: list[Rule]) -> Rule | None:
    """The rule with this code (any case) or name among `rules`."""
    return next((r for r in rules if code.upper() == r.code or code == r.name), None)


def get_rule(code: str, packs=(), *, builtin: bool = True, kinds: dict[str, FactKind] | None = None) -> Rule:
    """The rule with this code (or name); KeyError when there is none."""
    rule = find_rule(code, load_rules(packs, builtin=builtin, kinds=kinds))
    if rule is None:
        raise KeyError(code)
    return rule


def make_finding(rule: Rule, fact: dict, *, lang: str = "id", file: str = "", kinds: dict[str, FactKind] | None = None) -> Finding:
    """The finding for `rule` matching `fact` (the original Python fact: values stay exact).
    Line and column are left to the pipeline, which knows the document."""
    plain = _plain((fact_kinds() if kinds is None else kinds)[rule.fact])
    return Finding(
        code=rule.code,
        name=rule.name,
        severity=rule.severity,
        category=rule.category,
        message=fill(rule.message[lang], fact, lang, plain),
        file=file,
        pointer=fact["pointer"],
        source=Source(table=fact.get("table"), row=fact.get("row"), year=fact.get("year")),
        declared=fact.get("declared"),
        expected=fact.get("expected"),
        difference=fact.get("difference"),
        weight=rule.weight,
    )


@lru_cache(maxsize=256)
def _plain(kind: FactKind) -> frozenset[str]:
    """The fields of a kind printed without thousands separators."""
    return frozenset(name for name, f in kind.fields.items() if f.plain)


# --------------------------------------------------------------------------- docs/rules.md


def text_of(value, lang: str = "id") -> str:
    """A docs text that is either one string or {"id": …, "en": …}."""
    return (value.get(lang) or value["id"]) if isinstance(value, dict) else value


def _fence(text: str, lang: str = "yaml") -> str:
    return f"```{lang}\n{text.rstrip()}\n```"


def render_rules_markdown(rules: list[Rule] | None = None) -> str:
    """docs/rules.md: the built-in rules, generated from their files."""
    rules = load_rules() if rules is None else rules
    out = [
        "# Aturan bawaan / Built-in rules",
        "",
        "<!-- Dibuat dari rules/<keluarga>/<KODE>.yaml / generated from the rule files:",
        "     python -m telaah.engine.registry --write-docs -->",
        "",
        "Format berkas aturan / rule file format: `rules/README.md`. "
        "`telaah explain KODE` menampilkan satu aturan / shows one rule.",
        "",
    ]
    if not rules:
        out += ["Belum ada aturan bawaan. / No built-in rules yet.", ""]
        return "\n".join(out)
    out += ["| Kode / Code | Nama / Name | Tingkat / Severity | Kategori / Category | Bobot / Weight | Fakta / Fact |",
            "|---|---|---|---|---|---|"]
    out += [f"| [{r.code}](#{r.code.lower()}) | {r.name} | {r.severity} | {r.category} | {r.weight} | `{r.fact}` |" for r in rules]
    for r in rules:
        out += [
            "",
            f"## {r.code}",
            "",
            f"`{r.name}` — {r.severity}, {r.category}, bobot / weight {r.weight}, fakta / fact `{r.fact}`, `{r.source}`",
            "",
            f"**Menegakkan / Enforces:** {r.enforces}",
            "",
            f"**Apa / What:** {text_of(r.docs['what'], 'id')}",
        ]
        if isinstance(r.docs["what"], dict):
            out += ["", f"*{text_of(r.docs['what'], 'en')}*"]
        out += ["", f"**Mengapa / Why:** {text_of(r.docs['why'], 'id')}"]
        if isinstance(r.docs["why"], dict):
            out += ["", f"*{text_of(r.docs['why'], 'en')}*"]
        out += [
            "",
            "**Pesan / Message:**",
            "",
            f"- id: {r.message['id']}",
            f"- en: {r.message['en']}",
            "",
            "**Melanggar / Failing:**",
            "",
            _fence(r.docs["failing"]),
            "",
            "**Benar / Passing:**",
            "",
            _fence(r.docs["passing"]),
        ]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m telaah.engine.registry", description="Check the built-in rules; write docs/rules.md.")
    parser.add_argument("--write-docs", action="store_true", help=f"write {DOCS_PATH}")
    args = parser.parse_args(argv)
    try:
        text = render_rules_markdown()
    except RulesError as exc:
        print("\n".join(exc.lines("en")), file=sys.stderr)
        return 2
    if args.write_docs:
        DOCS_PATH.write_text(text, encoding="utf-8")
        print(f"wrote {DOCS_PATH}")
    else:
        print(f"{len(load_rules())} built-in rules OK")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
