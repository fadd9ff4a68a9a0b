"""The durable-rules adapter: results equal a plain-Python reading of the rules, bad facts are
refused before they reach the engine, engine limits are kept or reported."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine_fixtures.helpers import fixture_kinds, fixture_rules, oracle, synthetic_document, write_rule
from telaah.engine import adapter
from telaah.engine.adapter import EngineError, evaluate
from telaah.engine.factkinds import MAX_INT, FactError, check_fact
from telaah.engine.registry import load_rules

KINDS = fixture_kinds()
RULES = fixture_rules()


def total(**fields) -> dict:
    return {"kind": "t_total", "pointer": "/p", "row": "7 01", "year": 2024, "level": "program", **fields}


def rng(**fields) -> dict:
    return {"kind": "t_range", "pointer": "/q", "row": "1.", **fields}


def test_each_fixture_rule_fires_on_its_violation_only():
    facts = [
        total(declared=100, expected=90, difference=10),  # TST001
        total(declared=None, expected=90, label="Program X"),  # TST002
        total(declared=90, expected=90, label="program"),  # TST003 (label == level)
        rng(value=Decimal("100.75"), maks=100, unit="%"),  # TST010 and TST011
        rng(value=Decimal("100.25"), maks=Decimal("100.5"), unit="%", ok=False),  # TST012 only
        rng(value=-1, maks=None, unit="orang"),  # nothing: unit is not %, maks unknown
        total(declared=5, expected=None),  # nothing: null is never unequal under SQL nulls
    ]
    assert evaluate(facts, RULES, KINDS) == [
        ("TST001", 0), ("TST002", 1), ("TST003", 2), ("TST010", 3), ("TST011", 3), ("TST012", 4),
    ]


def test_clean_document_gives_nothing_and_can_be_evaluated_again():
    facts = [total(declared=90, expected=90), rng(value=50, maks=100, unit="%", ok=True)]
    for _ in range(20):
        assert evaluate(facts, RULES, KINDS) == []


def test_empty_inputs():
    assert evaluate([], RULES, KINDS) == []
    assert evaluate([total(declared=1, expected=2)], [], KINDS) == []


def test_rulesets_are_compiled_once_per_process():
    evaluate(synthetic_document(10), RULES, KINDS)
    compiled = dict(adapter._rulesets)
    evaluate(synthetic_document(30), RULES, KINDS)
    assert adapter._rulesets == compiled


# --------------------------------------------------------------------------- equals the oracle

POOL = [0, 1, -1, 5, 100, 2**53 + 1, MAX_INT, -MAX_INT, Decimal("100"), Decimal("100.0"), Decimal("100.5"),
        Decimal("100.50"), Decimal("-0.01"), Decimal("0.00001"), Decimal("1E-5"), Decimal("99999999999999.9"),
        Decimal("123456789012.345")]
numbers = st.one_of(st.sampled_from(POOL), st.integers(-1000, 1000),
                    st.builds(lambda k, e: Decimal(k).scaleb(-e), st.integers(-10**15 + 1, 10**15 - 1), st.integers(0, 15)))
texts = st.one_of(st.sampled_from(["%", "program", "Program", "", 'a"b', "a\\b", "x,y}{", "Pétungasri ✓", "\x00", "\ud800"]),
                  st.text(max_size=20), st.text(alphabet="ab", min_size=499, max_size=502))
optional = lambda s: st.one_of(st.none(), s)  # noqa: E731

total_facts = st.builds(lambda d, e, lvl, lbl: total(declared=d, expected=e, level=lvl, label=lbl),
                        optional(numbers), optional(numbers), texts, optional(texts))
range_facts = st.builds(lambda v, m, u, ok: rng(value=v, maks=m, unit=u, ok=ok),
                        optional(numbers), optional(numbers), optional(texts), optional(st.booleans()))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(total_facts, range_facts), max_size=25))
def test_engine_agrees_with_plain_python(facts):
    assert evaluate(facts, RULES, KINDS) == oracle(facts, RULES)


def test_strings_are_compared_on_their_first_500_characters():
    long_a, long_b = "x" * 500 + "a", "x" * 500 + "b"
    facts = [total(declared=1, expected=1, level=long_a, label=long_b), total(declared=1, expected=1, level="x" * 499 + "a", label="x" * 499 + "b")]
    assert evaluate(facts, RULES, KINDS) == [("TST003", 0)]


def test_overlapping_or_branches_give_one_hit(tmp_path):
    write_rule(tmp_path / "extra", "TST020", "t_range", "{$or: [{$gt: {value: 1}}, {$gt: {value: 2}}]}")
    rules = fixture_rules([tmp_path])
    assert evaluate([rng(value=5, unit="x")], rules, KINDS) == [("TST020", 0)]


def test_facts_written_alike_are_matched_alike():
    # only what the rules read counts: the pointers, rows and years differ, the matches follow
    bad = [total(declared=1, expected=2, pointer=f"/b/{i}", year=2024 + i) for i in range(3)]
    good = [total(declared=2, expected=2, pointer=f"/g/{i}", row=f"r{i}") for i in range(2)]
    facts = [good[0], bad[0], bad[1], good[1], bad[2]]
    assert evaluate(facts, RULES, KINDS) == [("TST001", 1), ("TST001", 2), ("TST001", 4)]
    assert evaluate(facts * 1500, RULES, KINDS) == [("TST001", i) for i in range(7500) if i % 5 in (1, 2, 4)]


def test_fifty_thousand_facts_have_distinct_ids():
    facts = [total(declared=i, expected=i if i % 1000 else i + 1) for i in range(50_000)]
    assert evaluate(facts, RULES, KINDS) == [("TST001", i) for i in range(0, 50_000, 1000)]


# --------------------------------------------------------------------------- refused facts


@pytest.mark.parametrize(
    "fact, phrase",
    [
        ({"kind": "t_nope", "pointer": "/x"}, "unknown fact kind"),
        (total(declared=1, expected=1, extra=1), "'extra' is not a field"),
        (total(declared=1.5, expected=1), "'declared' is float"),
        (total(declared=[1], expected=1), "'declared' is list"),
        (total(declared="1", expected=1), "'declared' is string"),
        (total(declared=True, expected=1), "'declared' is boolean"),
        (total(declared=MAX_INT + 1, expected=1), "out of the engine's range"),
        (total(declared=-MAX_INT - 1, expected=1), "out of the engine's range"),
        (total(declared=Decimal("1234567890.1234567"), expected=1), "out of the engine's range"),
        (total(declared=Decimal("1E-16"), expected=1), "out of the engine's range"),
        (total(declared=Decimal("NaN"), expected=1), "out of the engine's range"),
        (total(declared=Decimal("Infinity"), expected=1), "out of the engine's range"),
        (total(declared=Decimal("1E+30"), expected=1), "out of the engine's range"),
        (total(level=None), "'level' is null"),
        ({"kind": "t_total", "level": "x"}, "'pointer' must be a string"),
    ],
)
def test_bad_facts_are_refused_with_their_pointer(fact, phrase):
    with pytest.raises(FactError) as info:
        evaluate([total(declared=1, expected=1), fact], RULES, KINDS)
    assert phrase in info.value.text("en")
    assert info.value.pointer == fact.get("pointer")
    assert info.value.text("id") != info.value.text("en")


def test_fields_no_rule_reads_are_neither_checked_nor_sent():
    # t_total's rules read declared, expected, label and level; year and row never reach the engine
    facts = [total(declared=1, expected=2, year=MAX_INT + 1, row=None), total(declared=1, expected=1, table=Decimal("NaN"))]
    assert evaluate(facts, RULES, KINDS) == [("TST001", 0)]
    with pytest.raises(FactError, match="'year'"):
        check_fact(facts[0], KINDS)  # the whole fact still breaks its kind


@pytest.mark.parametrize("sample", ["renstra-pandaan-2024-2026.json", "renstra-pandaan-2024-2026.corrected.json", "minimal.yaml"])
def test_every_fact_built_from_the_samples_fits_its_kind_in_full(sample):
    from telaah.engine.config import Config
    from telaah.engine.facts import Context, build_facts
    from telaah.engine.validate import read_plan

    path = str(Path(__file__).parents[1] / "samples" / sample)
    read = read_plan(path)
    assert not read.errors
    facts = build_facts(read.plan, Context(Config(), path))
    assert facts and all(check_fact(fact) for fact in facts)


def test_a_fact_must_be_a_dict():
    with pytest.raises(FactError, match="harus berupa dict"):
        evaluate([[("kind", "t_total")]], RULES, KINDS)


def test_too_many_facts(monkeypatch):
    monkeypatch.setattr(adapter, "MAX_FACTS", 3)
    with pytest.raises(FactError, match="terlalu banyak fakta: 4"):
        evaluate([total(declared=1, expected=1)] * 4, RULES, KINDS)


def test_integral_and_tiny_decimals_compare_exactly():
    facts = [
        total(declared=Decimal("100.00"), expected=100),
        total(declared=Decimal("1E+2"), expected=Decimal("100")),
        total(declared=Decimal("0.00001"), expected=Decimal("0.00002")),
        total(declared=MAX_INT, expected=MAX_INT - 1),
        total(declared=Decimal("99999999999999.9"), expected=Decimal("99999999999999.8")),
    ]
    assert evaluate(facts, RULES, KINDS) == [("TST001", 2), ("TST001", 3), ("TST001", 4)]


# --------------------------------------------------------------------------- engine limits


def _many_true_rules(tmp_path, n: int) -> list:
    folder = tmp_path / "many"
    for i in range(n):
        write_rule(folder, f"MNY{i:03d}", "t_range", f"{{$gt: {{value: {i}}}}}")
    return load_rules([folder], builtin=False, kinds=KINDS)


def test_seventy_rules_true_at_once_are_split_across_rulesets(tmp_path):
    rules = _many_true_rules(tmp_path, 70)
    assert evaluate([rng(value=1000)], rules, KINDS) == [(f"MNY{i:03d}", 0) for i in range(70)]


def test_error_303_is_an_engine_error_and_the_ruleset_is_rebuilt(tmp_path, monkeypatch):
    rules = _many_true_rules(tmp_path, 70)
    monkeypatch.setattr(adapter, "MAX_PATHS", 1000)  # one ruleset for all 70: the engine's stack overflows
    with pytest.raises(EngineError) as info:
        evaluate([rng(value=1000)], rules, KINDS)
    assert "more than 64 rules true at once" in info.value.text("en")
    assert "303" in info.value.text("id")
    # The failed ruleset was dropped; a fresh one serves the next document.
    assert evaluate([rng(value=10)], rules, KINDS) == [(f"MNY{i:03d}", 0) for i in range(10)]


def test_the_most_complex_condition_the_lint_allows_compiles_and_runs(tmp_path):
    from telaah.engine.rulefile import MAX_GROUPS, MAX_PATHS

    depth = MAX_GROUPS - 1  # plus the kind test's $and
    nested = "{$or: [{$and: [" * (depth // 2) + "{$gt: {value: 1}}" + "]}]}" * (depth // 2)
    if depth % 2:
        nested = "{$or: [" + nested + "]}"
    alternatives = "{$or: [" + ", ".join(f"{{value: {i}}}" for i in range(MAX_PATHS)) + "]}"
    write_rule(tmp_path / "x", "TST030", "t_range", nested)
    write_rule(tmp_path / "x", "TST031", "t_range", alternatives)
    rules = load_rules([tmp_path], builtin=False, kinds=KINDS)
    assert json.loads(rules[0].pattern) and rules[0].pattern.count('"$and"') + rules[0].pattern.count('"$or"') == MAX_GROUPS
    assert rules[1].paths == MAX_PATHS
    facts = [rng(value=5), rng(value=0), rng(value=MAX_PATHS)]
    assert evaluate(facts, rules, KINDS) == [("TST030", 0), ("TST031", 0), ("TST031", 1), ("TST030", 2)]


def test_the_engine_starts_no_threads():
    before = threading.active_count()
    evaluate(synthetic_document(50), RULES, KINDS)
    assert threading.active_count() == before


def test_only_the_adapter_imports_durable_rules():
    engine = Path(adapter.__file__).parent
    importers = sorted(str(p.relative_to(engine)) for p in engine.rglob("*.py") if "import durable" in p.read_text(encoding="utf-8")
                       or "from durable" in p.read_text(encoding="utf-8"))
    assert importers == ["adapter.py"]
    code = "import sys; from telaah.engine.registry import load_rules; load_rules(); assert 'durable' not in sys.modules"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0


def test_an_action_that_fails_is_an_engine_error_not_a_lost_finding(monkeypatch):
    class Refusing(list):
        def append(self, item):
            raise RuntimeError("cannot record")

    class BrokenRun(adapter._Run):
        def __init__(self):
            super().__init__()
            self.hits = Refusing()

    monkeypatch.setattr(adapter, "_Run", BrokenRun)
    with pytest.raises(EngineError, match="TST001: RuntimeError"):
        evaluate([total(declared=1, expected=2)], RULES, KINDS)
    monkeypatch.undo()
    assert evaluate([total(declared=1, expected=2)], RULES, KINDS) == [("TST001", 0)]
