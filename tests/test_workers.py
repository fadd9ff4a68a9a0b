"""Worker processes: results in input order, a worker that dies costs only its own item."""
from __future__ import annotations

import ctypes
import os

import pytest

from telaah.engine.workers import WorkerCrash, run_all


def square_with_pid(x: int) -> tuple[int, int]:
    return x * x, os.getpid()


def die_on_three(x: int) -> int:
    if x == 3:
        os._exit(13)
    return x * 10


def segfault_on_two(x: int) -> int:
    if x == 2:
        ctypes.string_at(0)  # reads address 0: SIGSEGV
    return -x


def raise_on_one(x: int) -> int:
    if x == 1:
        raise ValueError("bad item")
    return x


def test_jobs_1_runs_in_this_process():
    assert run_all(square_with_pid, [1, 2, 3], jobs=1) == [(1, os.getpid()), (4, os.getpid()), (9, os.getpid())]


def test_workers_return_results_in_input_order_from_other_processes():
    results = run_all(square_with_pid, list(range(12)), jobs=2)
    assert [r[0] for r in results] == [x * x for x in range(12)]
    assert os.getpid() not in {r[1] for r in results}


def test_a_worker_that_exits_is_that_items_crash_and_the_rest_still_run():
    results = run_all(die_on_three, list(range(8)), jobs=2)
    assert results[3] == WorkerCrash(3)
    assert [r for i, r in enumerate(results) if i != 3] == [x * 10 for x in range(8) if x != 3]
    assert "worker process died" in results[3].text("en") and "proses pekerja" in results[3].text("id")


def test_a_segfault_is_contained_too():
    results = run_all(segfault_on_two, [0, 1, 2, 3, 4], jobs=2)
    assert results == [0, -1, WorkerCrash(2), -3, -4]


def test_an_exception_in_the_function_propagates_as_in_process():
    for jobs in (1, 2):
        with pytest.raises(ValueError, match="bad item"):
            run_all(raise_on_one, [0, 1, 2], jobs=jobs)


def test_empty_input_and_bad_jobs():
    assert run_all(square_with_pid, [], jobs=2) == []
    with pytest.raises(ValueError):
        run_all(square_with_pid, [1], jobs=0)
