"""Run one function over many inputs in worker processes, surviving workers that die.

`run_all(func, items, jobs)` returns func(item) for every item, in input order. jobs=1 runs in
this process; otherwise up to `jobs` spawned worker processes (default: all cores) run at most
one item each at a time. When a worker dies (a crash in C code, os._exit), the pool breaks and
every item then in flight is a suspect: each suspect is run again alone in a fresh worker, the
one that dies again gets a `WorkerCrash` in its place, and the remaining items go to a new pool.
An exception raised by `func` itself is not a crash: it propagates as it would with jobs=1.
`func` and the items must be picklable (a module-level function).
"""
from __future__ import annotations

import os
from collections import deque
from dataclasses import dataclass
from typing import Any, Callable


@dataclass(frozen=True)
class WorkerCrash:
    """Stands in for the result of an item whose worker process died."""

    item: Any

    def text(self, lang: str = "id") -> str:
        if lang == "en":
            return "rule engine error: the worker process died while checking this file"
        return "galat mesin aturan: proses pekerja berhenti mendadak saat memeriksa berkas ini"


_MISSING = object()


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _alone(func: Callable, item, context) -> Any:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        try:
            return pool.submit(func, item).result()
        except BrokenProcessPool:
            return WorkerCrash(item)


def _ticker(progress, total: int) -> Callable[[], None]:
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    return tick


def run_all(func: Callable, items, jobs: int | None = None, progress: Callable[[int, int], None] | None = None) -> list:
    """`progress(done, total)`, when given, is called in this process after each item."""
    items = list(items)
    tick = _ticker(progress, len(items))
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    if jobs == 1:
        out = []
        for item in items:
            out.append(func(item))
            tick()
        return out
    # Imported here: one file in this process (jobs=1) needs none of it, and it costs ~10 ms to start.
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("spawn")
    results = [_MISSING] * len(items)
    queue = deque(range(len(items)))
    while queue:
        suspects: list[int] = []
        with ProcessPoolExecutor(max_workers=min(jobs, len(queue)), mp_context=context) as pool:
            running: dict = {}
            while (queue or running) and not suspects:
                while queue and len(running) < jobs:
                    index = queue.popleft()
                    running[pool.submit(func, items[index])] = index
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    index = running.pop(future)
                    try:
                        results[index] = future.result()
                        tick()
                    except BrokenProcessPool:
                        suspects.append(index)
            suspects.extend(running.values())  # in flight when the pool broke
        for index in sorted(suspects):
            results[index] = _alone(func, items[index], context)
            tick()
    return results
