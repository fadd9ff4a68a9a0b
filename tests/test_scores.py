"""Compliance scores: the formula of docs/scores.md, exact and rounded half-up once."""
from __future__ import annotations

import dataclasses
from collections import Counter
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine_fixtures.helpers import fixture_rules
from telaah.engine.findings import Finding
from telaah.engine.scores import compute_scores

TEMPLATE = fixture_rules()[0]


def rule(code: str, category: str, weight: int, fact: str):
    return dataclasses.replace(TEMPLATE, code=code, category=category, weight=weight, fact=fact)


def facts(kind: str, n: int) -> Counter:
    """The per-kind count of n facts of one kind."""
    return Counter({kind: n})


def findings(code: str, n: int) -> list[Finding]:
    return [Finding(code=code, name="x", severity="error", category="x", message="m", file="f", pointer=f"/{i}") for i in range(n)]


def test_worked_example_of_docs_scores_md():
    rules = [rule("ANG001", "anggaran", 3, "budget_rollup"), rule("ANG002", "anggaran", 1, "budget_rollup"),
             rule("TGT001", "target", 2, "target_end")]
    scores = compute_scores(rules, facts("budget_rollup", 40) + facts("target_end", 12), findings("ANG001", 2) + findings("TGT001", 3))
    assert scores == {
        "overall": Decimal("93.48"),
        "categories": {"anggaran": Decimal("96.25"), "target": Decimal("75.00")},
        "evaluated": 92,
        "failed": 5,
        "by_rule": {"ANG001": {"evaluated": 40, "failed": 2}, "ANG002": {"evaluated": 40, "failed": 0},
                    "TGT001": {"evaluated": 12, "failed": 3}},
    }


def test_rounding_is_half_up_on_the_exact_value():
    scores = compute_scores([rule("ANG001", "anggaran", 1, "k")], facts("k", 800), findings("ANG001", 3))
    assert scores["overall"] == Decimal("99.63")  # exactly 99.625; half-even would give 99.62


def test_nothing_evaluated_scores_100():
    scores = compute_scores([rule("ANG001", "anggaran", 2, "k"), rule("TGT001", "target", 1, "other")], facts("other", 4), findings("TGT001", 1))
    assert scores["categories"] == {"anggaran": Decimal("100.00"), "target": Decimal("75.00")}
    assert scores["by_rule"]["ANG001"] == {"evaluated": 0, "failed": 0}
    assert compute_scores([], Counter(), [])["overall"] == Decimal("100.00")


def test_findings_of_rules_that_did_not_run_are_not_counted():
    scores = compute_scores([rule("ANG001", "anggaran", 1, "k")], facts("k", 4), findings("XYZ999", 3))
    assert scores["overall"] == Decimal("100.00") and scores["failed"] == 0


def test_more_findings_than_facts_is_a_programming_error():
    with pytest.raises(ValueError, match="ANG001: 3 findings for 2 facts"):
        compute_scores([rule("ANG001", "anggaran", 1, "k")], facts("k", 2), findings("ANG001", 3))


@given(st.lists(st.tuples(st.integers(1, 9), st.integers(0, 50), st.integers(0, 50)), min_size=1, max_size=6))
def test_scores_lie_between_0_and_100_and_reach_them_at_the_extremes(specs):
    rules, all_facts, found = [], Counter(), []
    for i, (weight, n_facts, n_failed) in enumerate(specs):
        n_failed = min(n_failed, n_facts)
        code = f"ANG{i:03d}"
        rules.append(rule(code, "anggaran", weight, f"k{i}"))
        all_facts += facts(f"k{i}", n_facts)
        found += findings(code, n_failed)
    overall = compute_scores(rules, all_facts, found)["overall"]
    assert Decimal(0) <= overall <= Decimal(100) and overall == overall.quantize(Decimal("0.01"))
    total_failed = sum(min(f, n) for _, n, f in specs)
    if total_failed == 0:
        assert overall == 100
    if all(min(f, n) == n for _, n, f in specs) and any(n for _, n, _ in specs):
        assert overall == 0
