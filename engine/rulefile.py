"""One rule file: read it as plain data (no code runs), check it, compile its condition.

`parse_rule` returns the `Rule` and the list of problems found (each an `InputError` naming the
file, line:column and rule code). Checks: the rule schema (`schemas/rule.schema.json`), file name
= code, a known fact kind, a `when` condition made only of the supported operators over fields of
that kind with matching types, message templates using only fields of that kind, and the
`failing`/`passing` examples being YAML.

A condition tests ONE fact: multi-fact rules (joins) are not supported — every aggregate a rule
needs is precomputed into the fact by the facts builder. Null follows SQL: a comparison with a
null operand never holds; test null with `{field: null}` or `{$neq: {field: null}}`. The engine
does not do that by itself for two-field comparisons, so the compiled pattern adds the guards.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from importlib import resources

from .errors import InputError
from .factkinds import MAX_TEXT, FactKind, number_text, text_json
from .loader import join_pointer, loads, make_pointer
from .messages import placeholders

GROUPS = ("$and", "$or")
COMPARISONS = ("$neq", "$lt", "$lte", "$gt", "$gte")
ORDERING = ("$lt", "$lte", "$gt", "$gte")
MAX_PATHS = 16  # alternatives one condition expands to through $or
MAX_GROUPS = 12  # $and/$or groups of the compiled pattern; durable-rules holds 15 at most
HINTS = {
    "$ex": ("tulis {$neq: {bidang: null}}", "write {$neq: {field: null}}"),
    "$nex": ("tulis {bidang: null}", "write {field: null}"),
    "$eq": ("tulis {bidang: nilai}", "write {field: value}"),
}


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    category: str
    weight: int
    enforces: str
    fact: str
    when: dict
    message: dict  # {"id": template, "en": template}
    docs: dict  # {"what", "why", "failing", "passing"}; what/why may be {"id", "en"}
    family: str  # the folder the file sits in
    source: str  # the file, as shown to users
    origin: str  # "builtin" or the pack directory
    tags: tuple[str, ...] = ()
    pattern: str = field(default="", repr=False)  # compiled engine condition (JSON text)
    paths: int = field(default=1, repr=False)  # alternatives of the compiled condition
    reads: tuple[str, ...] = field(default=(), repr=False)  # the fact fields the condition reads, sorted


@lru_cache(maxsize=None)
def rule_schema() -> dict:
    return json.loads(resources.files("telaah.schemas").joinpath("rule.schema.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def rule_accepts():
    """Whether a rule document is valid (engine/fastcheck.py); `rule_validator()` words the errors."""
    from .fastcheck import accepts

    return accepts("rule", rule_schema())


@lru_cache(maxsize=None)
def rule_validator():
    from jsonschema import Draft202012Validator

    return Draft202012Validator(rule_schema())


def dump(value) -> str:
    """JSON text of a compiled pattern: Decimals in plain notation, strings as facts carry them."""
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(k)}:{dump(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(dump(v) for v in value) + "]"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return text_json(value)
    return number_text(value)


def _family(value) -> str | None:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (int, Decimal)):
        return "number"
    return None


def _groups(node) -> int:
    if isinstance(node, dict):
        return sum((k in GROUPS) + _groups(v) for k, v in node.items())
    if isinstance(node, list):
        return sum(_groups(v) for v in node)
    return 0


class _Lint:
    def __init__(self, doc, code: str, kind: FactKind | None):
        self.doc = doc
        self.code = code
        self.kind = kind
        self.problems: list[InputError] = []
        self.reads: set[str] = set()  # fields the condition names

    def problem(self, pointer: str, msg_id: str, msg_en: str) -> None:
        self.problems.append(self.doc.error(f"{self.code}: {msg_id}", f"{self.code}: {msg_en}", pointer))

    def field(self, name, at: str):
        if name == "kind":
            return self.problem(at, "bidang kind diuji oleh mesin sendiri; jangan ditulis", "the engine tests kind itself; leave it out")
        found = self.kind.fields.get(name) if isinstance(name, str) else None
        if found is None:
            self.problem(at, f"{name!r} bukan bidang jenis fakta {self.kind.name}", f"{name!r} is not a field of fact kind {self.kind.name}")
        else:
            self.reads.add(name)
        return found

    def single_family(self, f, at: str) -> str | None:
        if len(f.families) != 1:
            return self.problem(at, f"bidang {f.name} bertipe campuran {f.types}; jenis fakta harus mempersempitnya",
                                f"field {f.name} has mixed types {f.types}; the fact kind must narrow it")
        return next(iter(f.families))

    def condition(self, node, at: str):
        """(compiled node, paths) or None after recording a problem."""
        if not isinstance(node, dict) or len(node) != 1:
            return self.problem(at, "kondisi harus objek dengan tepat satu kunci (gabungkan dengan $and)",
                                "a condition must be an object with exactly one key (combine with $and)")
        (key, value), = node.items()
        here = join_pointer(at, key)
        if key in GROUPS:
            if not isinstance(value, list) or not value:
                return self.problem(here, f"{key} harus daftar kondisi yang tidak kosong", f"{key} must be a non-empty list of conditions")
            parts = [self.condition(item, join_pointer(here, i)) for i, item in enumerate(value)]
            if any(p is None for p in parts):
                return None
            paths = math.prod(p[1] for p in parts) if key == "$and" else sum(p[1] for p in parts)
            return {key: [p[0] for p in parts]}, paths
        if key in COMPARISONS:
            if not isinstance(value, dict) or len(value) != 1:
                return self.problem(here, f"{key} harus objek dengan tepat satu bidang", f"{key} must be an object with exactly one field")
            (name, operand), = value.items()
            return self.comparison(key, name, operand, join_pointer(here, name))
        if isinstance(key, str) and key.startswith("$"):
            hint_id, hint_en = HINTS.get(key, ("", ""))
            supported = "$and, $or, $neq, $lt, $lte, $gt, $gte, $m"
            return self.problem(here, f"operator {key} tidak didukung (yang didukung: {supported}) {hint_id}".rstrip(),
                                f"operator {key} is not supported (supported: {supported}) {hint_en}".rstrip())
        return self.comparison("=", key, value, here)

    def comparison(self, op: str, name, operand, at: str):
        f = self.field(name, at)
        if f is None:
            return None
        test = {name: operand} if op == "=" else {op: {name: operand}}
        if isinstance(operand, dict):
            ref_name = operand.get("$m")
            if set(operand) != {"$m"} or not isinstance(ref_name, str):
                return self.problem(at, "pembanding harus nilai atau {$m: bidang}", "an operand must be a value or {$m: field}")
            ref = self.field(ref_name, join_pointer(at, "$m"))
            if ref is None:
                return None
            if ref.name == f.name:
                return self.problem(at, f"bidang {name} dibandingkan dengan dirinya sendiri", f"field {name} is compared with itself")
            family, ref_family = self.single_family(f, at), self.single_family(ref, at)
            if family is None or ref_family is None:
                return None
            if family != ref_family or (op in ORDERING and family != "number"):
                return self.problem(at, f"{name} ({family}) dan {ref.name} ({ref_family}) tidak dapat dibandingkan dengan {op}",
                                    f"{name} ({family}) and {ref.name} ({ref_family}) cannot be compared with {op}")
            guard = None
            if op == "=" and f.nullable and ref.nullable:
                guard = {"$neq": {name: None}}
            elif op == "$neq" and ref.nullable:
                guard = {"$neq": {ref.name: None}}
            return ({"$and": [guard, test]} if guard else test), 1
        if operand is None:
            if op not in ("=", "$neq"):
                return self.problem(at, f"null hanya dapat diuji dengan kesamaan atau $neq, bukan {op}", f"null can only be tested for equality or $neq, not {op}")
            if not f.nullable:
                return self.problem(at, f"bidang {name} tidak pernah null", f"field {name} is never null")
            return test, 1
        family = self.single_family(f, at)
        if family is None:
            return None
        value_family = _family(operand)
        if value_family != family:
            return self.problem(at, f"bidang {name} bertipe {family}, nilainya bukan", f"field {name} is a {family}; the value is not")
        if op in ORDERING and family != "number":
            return self.problem(at, f"{op} hanya untuk angka", f"{op} compares numbers only")
        if family == "number" and number_text(operand) is None:
            return self.problem(at, f"angka {operand} di luar jangkauan mesin", f"number {operand} is out of the engine's range")
        if family == "string" and (len(operand) > MAX_TEXT or not _encodable(operand)):
            return self.problem(at, f"teks pembanding lebih dari {MAX_TEXT} karakter atau tidak sah", f"comparison text over {MAX_TEXT} characters or invalid")
        return test, 1

    def templates(self, message: dict) -> None:
        for lang in ("id", "en"):
            at = f"/message/{lang}"
            try:
                names = placeholders(message[lang])
            except ValueError as exc:
                self.problem(at, f"templat {exc} tidak diperbolehkan; tulis {{nama_bidang}}", f"template {exc} is not allowed; write {{field_name}}")
                continue
            for name in names:
                if name not in self.kind.fields:
                    self.problem(at, f"templat memakai {{{name}}}, bukan bidang jenis fakta {self.kind.name}",
                                 f"template uses {{{name}}}, not a field of fact kind {self.kind.name}")

    def examples(self, docs: dict, source: str) -> None:
        for key in ("failing", "passing"):
            try:
                loads(docs[key].encode("utf-8"), source)
            except InputError as exc:
                self.problem(f"/docs/{key}", f"contoh {key} bukan YAML yang sah: {exc.text('id')}", f"the {key} example is not valid YAML: {exc.text('en')}")


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def compile_pattern(kind: str, node) -> dict:
    """The engine pattern: the kind test first, then the condition (its $and merged in)."""
    items = node["$and"] if set(node) == {"$and"} else [node]
    return {"$and": [{"kind": kind}, *items]}


def parse_rule(raw: bytes, source: str, family: str, origin: str, kinds: dict[str, FactKind]) -> tuple[Rule | None, list[InputError]]:
    """The rule in one file and the problems found in it (the rule is None when there are any)."""
    try:
        doc = loads(raw, source)
    except InputError as exc:
        return None, [exc]
    data = doc.data
    stem = source.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    code = data.get("code") if isinstance(data, dict) and isinstance(data.get("code"), str) else stem
    lint = _Lint(doc, code, None)
    errors = [] if rule_accepts()(data) else sorted(rule_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    for e in errors:
        detail = e.message if len(e.message) <= 200 else e.message[:199] + "…"
        lint.problem(make_pointer(e.absolute_path), f"tidak sesuai skema aturan: {detail}", f"does not match the rule schema: {detail}")
    if errors:
        return None, lint.problems
    if code != stem:
        lint.problem("/code", f"kode {code} tidak sama dengan nama berkas {stem}.yaml", f"code {code} differs from the file name {stem}.yaml")
    lint.kind = kinds.get(data["fact"])
    if lint.kind is None:
        lint.problem("/fact", f"jenis fakta tidak dikenal: {data['fact']}", f"unknown fact kind: {data['fact']}")
        return None, lint.problems
    compiled = lint.condition(data["when"], "/when")
    lint.templates(data["message"])
    lint.examples(data["docs"], source)
    if compiled is not None:
        node, paths = compiled
        pattern = compile_pattern(data["fact"], node)
        if paths > MAX_PATHS or _groups(pattern) > MAX_GROUPS:
            lint.problem("/when", f"kondisi terlalu rumit: {paths} alternatif, {_groups(pattern)} kelompok $and/$or (batas {MAX_PATHS} dan {MAX_GROUPS})",
                         f"condition too complex: {paths} alternatives, {_groups(pattern)} $and/$or groups (limits {MAX_PATHS} and {MAX_GROUPS})")
    if lint.problems:
        return None, lint.problems
    rule = Rule(
        code=code, name=data["name"], severity=data["severity"], category=data["category"], weight=data["weight"],
        enforces=data["enforces"], fact=data["fact"], when=data["when"], message=dict(data["message"]), docs=dict(data["docs"]),
        family=family, source=source, origin=origin, tags=tuple(data.get("tags", ())), pattern=dump(pattern), paths=paths,
        reads=tuple(sorted(lint.reads)),
    )
    return rule, []
