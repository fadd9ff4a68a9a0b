"""Compliance scores: how much of what was checked passed, weighted by rule weight.

A check is one rule tested against one fact of its kind. For every rule, checks evaluated = the
number of facts of the rule's kind in the document; checks failed = its findings after
suppression. Per category and overall:

    score = 100 × (1 − Σ weight × failed / Σ weight × evaluated)

computed exactly and rounded half-up to 2 decimals at the end; 100 when nothing was evaluated.
Worked example: docs/scores.md.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

from .exact import round_half_up
from .findings import Finding
from .rulefile import Rule


def score(weight_failed: int, weight_evaluated: int) -> Decimal:
    if weight_evaluated == 0:
        return round_half_up(100)
    return round_half_up(100 * (1 - Fraction(weight_failed, weight_evaluated)))


def compute_scores(rules: list[Rule], per_kind: Mapping[str, int], findings: list[Finding]) -> dict:
    """{"overall": Decimal, "categories": {category: Decimal}, "evaluated": int, "failed": int,
    "by_rule": {code: {"evaluated": int, "failed": int}}} — `rules` are the rules that ran,
    `per_kind` the number of facts of each kind, `findings` those left after suppression
    (findings of other codes are not counted)."""
    failed = Counter(f.code for f in findings)
    by_rule: dict[str, dict] = {}
    weights: dict[str, list[int]] = {}  # category -> [weight failed, weight evaluated]
    for rule in sorted(rules, key=lambda r: r.code):
        evaluated, bad = per_kind.get(rule.fact, 0), failed[rule.code]
        if bad > evaluated:
            raise ValueError(f"{rule.code}: {bad} findings for {evaluated} facts of kind {rule.fact}")
        by_rule[rule.code] = {"evaluated": evaluated, "failed": bad}
        sums = weights.setdefault(rule.category, [0, 0])
        sums[0] += rule.weight * bad
        sums[1] += rule.weight * evaluated
    return {
        "overall": score(sum(w[0] for w in weights.values()), sum(w[1] for w in weights.values())),
        "categories": {category: score(*weights[category]) for category in sorted(weights)},
        "evaluated": sum(r["evaluated"] for r in by_rule.values()),
        "failed": sum(r["failed"] for r in by_rule.values()),
        "by_rule": by_rule,
    }
