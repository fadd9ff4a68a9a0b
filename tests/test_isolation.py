"""Documents do not leak into each other: repeated, threaded and multi-process evaluations give
the same findings as one sequential run, and memory stays flat."""
from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from engine_fixtures.helpers import fixture_kinds, fixture_rules, oracle, synthetic_document
from telaah.engine.adapter import evaluate
from telaah.engine.registry import make_finding
from telaah.engine.workers import run_all

KINDS = fixture_kinds()
RULES = fixture_rules()
BY_CODE = {r.code: r for r in RULES}
STATM = Path("/proc/self/statm")


def findings_of(n: int) -> list[dict]:
    facts = synthetic_document(n)
    return [make_finding(BY_CODE[code], facts[i], kinds=KINDS).to_dict() for code, i in evaluate(facts, RULES, KINDS)]


def rss_bytes() -> int:
    return int(STATM.read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.skipif(not STATM.exists(), reason="resident memory is read from /proc/self/statm (Linux only)")
def test_a_thousand_evaluations_give_the_same_findings_in_flat_memory():
    first = findings_of(200)
    assert len(first) == len(oracle(synthetic_document(200), RULES)) > 0
    for _ in range(50):  # warm-up: rulesets compiled, allocator pools filled
        assert findings_of(200) == first
    before = rss_bytes()
    for _ in range(950):
        assert findings_of(200) == first
    growth = rss_bytes() - before
    assert growth < 20 * 1024 * 1024, f"resident memory grew by {growth / 1024 / 1024:.1f} MB over 950 evaluations"


def test_evaluations_interleaved_from_threads_equal_sequential_ones():
    sizes = [5, 40, 120, 300]
    expected = {n: findings_of(n) for n in sizes}
    got: dict[int, list] = {n: [] for n in sizes}

    def work(n: int):
        for _ in range(15):
            got[n].append(findings_of(n))

    threads = [threading.Thread(target=work, args=(n,)) for n in sizes]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for n in sizes:
        assert got[n] == [expected[n]] * 15


def test_evaluations_in_worker_processes_equal_sequential_ones():
    sizes = [3, 60, 7, 250, 60, 1]
    assert run_all(findings_of, sizes, jobs=2) == [findings_of(n) for n in sizes]
