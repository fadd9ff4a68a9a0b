"""Cost of one evaluation through the durable-rules adapter vs a plain Python loop doing the same
comparisons, for synthetic documents of the test-only fact kinds and rules.

    python benchmarks/rule_engine.py [SIZES...]      (default 100 1000 10000)

Prints medians in milliseconds. Run from the repository root.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from engine_fixtures.helpers import fixture_kinds, fixture_rules, synthetic_document  # noqa: E402
from telaah.engine.adapter import evaluate  # noqa: E402
from telaah.engine.factkinds import encode_fact  # noqa: E402


def plain(facts):
    """The fixture rules written by hand (SQL nulls as in the engine)."""
    hits = []
    for i, f in enumerate(facts):
        if f["kind"] == "t_total":
            d, e, label = f.get("declared"), f.get("expected"), f.get("label")
            if d is not None and e is not None and d != e:
                hits.append(("TST001", i))
            if d is None and e is not None:
                hits.append(("TST002", i))
            if label is not None and label == f.get("level"):
                hits.append(("TST003", i))
        else:
            v, m, unit = f.get("value"), f.get("maks"), f.get("unit")
            if v is not None and m is not None and v > m:
                hits.append(("TST010", i))
            if unit == "%" and v is not None and (v < 0 or v > 100.5):
                hits.append(("TST011", i))
            if f.get("ok") is False:
                hits.append(("TST012", i))
    return sorted(hits, key=lambda h: (h[1], h[0]))


def median_ms(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main(sizes):
    kinds, rules = fixture_kinds(), fixture_rules()
    print(f"{'facts':>7} {'plain loop':>11} {'encode only':>12} {'evaluate':>10} {'ratio':>7}")
    for n in sizes:
        facts = synthetic_document(n)
        assert evaluate(facts, rules, kinds) == plain(facts)
        repeat = max(5, 2000 // n)
        p = median_ms(lambda: plain(facts), repeat)
        enc = median_ms(lambda: [encode_fact(f, kinds) for f in facts], repeat)
        ev = median_ms(lambda: evaluate(facts, rules, kinds), repeat)
        print(f"{n:>7} {p:>9.2f}ms {enc:>10.2f}ms {ev:>8.2f}ms {ev / p:>6.0f}×")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000, 10000])
