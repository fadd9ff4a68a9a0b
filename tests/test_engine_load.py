"""The engine under load, through the real pipeline and the built-in rules: checks run from
threads and from worker processes at the same time give the findings a sequential run gives;
10 000 evaluations keep memory flat; a rule-engine failure or a dying worker costs only the file
being checked, and the next file is still checked.

TELAAH_LOAD_EVALUATIONS sets the number of evaluations of the long run (default 10 000).
"""
from __future__ import annotations

import json
import os
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from telaah.cli import main
from telaah.engine import adapter, pipeline, workers
from telaah.engine.adapter import evaluate
from telaah.engine.config import Config
from telaah.engine.facts import Context, build_facts
from telaah.engine.pipeline import CheckOptions, check_file, check_files, rules_for
from telaah.engine.validate import read_plan

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from benchmarks.generate import Spec, dumps, generate  # noqa: E402

STATM = Path("/proc/self/statm")
EVALUATIONS = int(os.environ.get("TELAAH_LOAD_EVALUATIONS", "10000"))


def write_plans(folder: Path, specs: list[Spec]) -> list[str]:
    paths = []
    for i, spec in enumerate(specs):
        data, _ = generate(spec)
        path = folder / f"rencana-{i}.json"
        path.write_text(dumps(data), encoding="utf-8")
        paths.append(str(path))
    return paths


PLANS = [Spec(defects=1, seed=1), Spec(sub_kegiatan=20, kelurahan=2, years=5, defects=2, seed=2),
         Spec(sub_kegiatan=9, kelurahan=1, years=1, seed=3), Spec(sub_kegiatan=60, kelurahan=5, defects=1, seed=4, tables=False)]


def as_dicts(results) -> list[dict]:
    return [r.to_dict() for r in results]


def rss_bytes() -> int:
    return int(STATM.read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")


# --------------------------------------------------------------------------- concurrency


def test_threads_and_worker_processes_at_once_give_the_sequential_findings(tmp_path):
    paths = write_plans(tmp_path, PLANS)
    sequential = {p: check_file(p).to_dict() for p in paths}
    assert all(sequential[p]["errors"] == [] for p in paths)
    assert sum(len(sequential[p]["findings"]) for p in paths) >= 5  # there is something to get wrong

    from_threads: list[tuple[str, dict]] = []
    lock = threading.Lock()

    def work(order: list[str]):
        for _ in range(3):
            for path in order:
                result = check_file(path).to_dict()
                with lock:
                    from_threads.append((path, result))

    orders = [paths, paths[::-1], paths[1:] + paths[:1], paths[2:] + paths[:2]]
    threads = [threading.Thread(target=work, args=(order,)) for order in orders]
    for t in threads:
        t.start()
    from_workers = as_dicts(check_files(paths * 2, CheckOptions(), jobs=2))  # meanwhile, in worker processes
    for t in threads:
        t.join()

    assert len(from_threads) == 3 * len(orders) * len(paths)
    assert all(result == sequential[path] for path, result in from_threads)
    assert from_workers == [sequential[p] for p in paths * 2]


# --------------------------------------------------------------------------- a long run


@pytest.mark.skipif(not STATM.exists(), reason="resident memory is read from /proc/self/statm (Linux only)")
def test_ten_thousand_evaluations_keep_memory_flat(tmp_path):
    """The engine evaluation of one small plan (with findings) repeated EVALUATIONS times with
    the built-in rules, then 500 whole checks: same findings every time, resident memory grows
    by less than 25 MB after warming up."""
    (path,) = write_plans(tmp_path, [Spec(sub_kegiatan=3, kelurahan=1, defects=1, seed=6, tables=False)])
    plan = read_plan(path).plan
    facts = build_facts(plan, Context(Config(), path))
    rules = [r for r in rules_for(CheckOptions()) if r.fact != pipeline.META_KIND]
    expected = evaluate(facts, rules)
    whole = check_file(path).to_dict()
    assert expected and whole["findings"]
    for _ in range(200):  # warm-up: rulesets compiled, allocator pools filled
        assert evaluate(facts, rules) == expected
    before = rss_bytes()
    for _ in range(EVALUATIONS):
        assert evaluate(facts, rules) == expected
    for _ in range(500):
        assert check_file(path).to_dict() == whole
    growth = rss_bytes() - before
    assert growth < 25 * 1024 * 1024, f"resident memory grew by {growth / 1024 / 1024:.1f} MB"


# --------------------------------------------------------------------------- failures


def test_a_rule_engine_failure_is_that_files_error_and_the_next_file_is_checked(tmp_path, monkeypatch):
    paths = write_plans(tmp_path, PLANS[:3])
    data, _ = generate(Spec(defects=1, seed=9))
    broken = tmp_path / "rusak.json"
    broken.write_text(dumps(data), encoding="utf-8")
    order = [paths[0], str(broken), paths[1], paths[2]]
    clean = {p: check_file(p).to_dict() for p in paths}

    # the engine fails while the broken file is checked (in this process: -j 1)
    checking = [""]
    real_check, real_assert = pipeline._check_file, adapter.durable_rules_engine.assert_facts

    def check(path, options):
        checking[0] = path
        return real_check(path, options)

    def assert_facts(handle, batch):
        if checking[0] == str(broken):
            raise Exception("Could not assert facts, error code: 999")
        return real_assert(handle, batch)

    monkeypatch.setattr(pipeline, "_check_file", check)
    monkeypatch.setattr(adapter.durable_rules_engine, "assert_facts", assert_facts)
    result = CliRunner().invoke(main, ["check", "--format", "json", "-j", "1", *order])
    assert result.exit_code == 2
    files = json.loads(result.stdout)["files"]
    assert [f["path"] for f in files] == order
    (error,) = files[1]["errors"]
    assert error.startswith(f"{broken}: mesin aturan gagal: Could not assert facts, error code: 999")
    assert [f for f in files if f["path"] != str(broken)] == [clean[p] for p in paths]


def die_on_marked_file(item):
    """Runs in a worker process: dies, as a crash in C code would, on the marked file."""
    path, _ = item
    if "mati" in Path(path).name:
        os._exit(3)
    return pipeline._check_one(item)


def test_a_worker_that_dies_costs_only_its_file(tmp_path, monkeypatch):
    paths = write_plans(tmp_path, PLANS[:3])
    dying = tmp_path / "mati.json"
    dying.write_text(Path(paths[0]).read_text(encoding="utf-8"), encoding="utf-8")
    order = [paths[0], str(dying), paths[1], paths[2]]
    real_run_all = workers.run_all
    monkeypatch.setattr(workers, "run_all", lambda func, items, **kw: real_run_all(die_on_marked_file, items, **kw))
    result = CliRunner().invoke(main, ["check", "--format", "json", "-j", "2", *order])
    assert result.exit_code == 2
    files = json.loads(result.stdout)["files"]
    assert files[1]["errors"] == [f"{dying}: galat mesin aturan: proses pekerja berhenti mendadak saat memeriksa berkas ini"]
    assert [f for f in files if f["path"] != str(dying)] == [check_file(p).to_dict() for p in paths]
