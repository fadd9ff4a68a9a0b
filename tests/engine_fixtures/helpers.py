"""Shared by the rule-engine tests: test-only fact kinds and rules, a plain-Python reading of
rule conditions (the oracle the engine is compared with), synthetic documents."""
from __future__ import annotations

import operator
from decimal import Decimal
from pathlib import Path

from telaah.engine.factkinds import MAX_TEXT, fact_kinds, load_fact_kinds
from telaah.engine.registry import load_rules

FIXTURES = Path(__file__).parent
RULES_DIR = FIXTURES / "rules"

OPS = {"=": operator.eq, "$neq": operator.ne, "$lt": operator.lt, "$lte": operator.le, "$gt": operator.gt, "$gte": operator.ge}


def fixture_kinds() -> dict:
    """The built-in kinds plus the test-only ones (t_total, t_range)."""
    text = (FIXTURES / "facts.schema.json").read_text(encoding="utf-8")
    return {**fact_kinds(), **load_fact_kinds(text, "tests/engine_fixtures/facts.schema.json")}


def fixture_rules(extra=()) -> list:
    return load_rules([RULES_DIR, *extra], builtin=False, kinds=fixture_kinds())


def _engine_view(value):
    """What the engine compares: strings cut to MAX_TEXT, unpaired surrogates replaced."""
    if isinstance(value, str):
        return value[:MAX_TEXT].encode("utf-8", "replace").decode("utf-8")
    return value


def holds(node: dict, fact: dict) -> bool:
    """A rule condition read in Python, with SQL nulls: a comparison with null never holds."""
    (key, value), = node.items()
    if key == "$and":
        return all(holds(n, fact) for n in value)
    if key == "$or":
        return any(holds(n, fact) for n in value)
    if key in OPS:
        op, ((name, operand),) = key, value.items()
    else:
        op, name, operand = "=", key, value
    left = _engine_view(fact.get(name))
    if operand is None:
        return (left is None) == (op == "=")
    right = _engine_view(fact.get(operand["$m"])) if isinstance(operand, dict) else operand
    if left is None or right is None:
        return False
    return OPS[op](left, right)


def oracle(facts: list[dict], rules: list) -> list[tuple[str, int]]:
    hits = [(r.code, i) for i, f in enumerate(facts) for r in rules if f["kind"] == r.fact and holds(r.when, f)]
    return sorted(hits, key=lambda h: (h[1], h[0]))


def synthetic_document(n: int) -> list[dict]:
    """n facts alternating t_total and t_range, about one in seven violating some rule."""
    facts = []
    for i in range(n):
        bad = i % 7 == 3
        if i % 2 == 0:
            facts.append({"kind": "t_total", "pointer": f"/rencana_program/tujuan/{i}", "table": "6.1", "row": f"7 01 {i:02d}",
                          "year": 2024 + i % 3, "declared": 1_000_000 + i + (5 if bad else 0), "expected": 1_000_000 + i,
                          "difference": 5 if bad else 0, "level": "program", "label": f"Program {i}"})
        else:
            facts.append({"kind": "t_range", "pointer": f"/indikator/{i}", "table": "2.8", "row": f"{i}.",
                          "value": Decimal("97.75") + (10 if bad else 0), "maks": 100, "unit": "%", "ok": True})
    return facts


def rule_yaml(code: str, fact: str, when: str, *, name: str | None = None, message: str = "{row}", extra: str = "") -> str:
    """A complete rule file; `when` is YAML flow text, `extra` more top-level lines."""
    return (
        f"code: {code}\nname: {name or 'rule-' + code.lower()}\nseverity: error\ncategory: target\nweight: 1\n"
        f"enforces: test\nfact: {fact}\nwhen: {when}\n"
        f"message: {{id: '{message}', en: '{message}'}}\n"
        "docs: {what: w, why: y, failing: 'a: 1', passing: 'a: 2'}\n" + extra
    )


def write_rule(folder: Path, code: str, fact: str, when: str, **kw) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{code}.yaml"
    path.write_text(rule_yaml(code, fact, when, **kw), encoding="utf-8")
    return path
