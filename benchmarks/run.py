"""The benchmark suite: every figure of docs/performance.md, each target with PASS/FAIL.

    python -m benchmarks.run [--quick] [--json OUT] [--workdir DIR]

Per size (the Pandaan sample, then generated plans of 1 000 … 50 000 sub kegiatan): the median
of repeated runs of each stage in this process (load, validate, model, facts, rules, report) and
of the whole check (check_file + JSON report), and for the sample that whole check as the first
document of a warmed-up process (`first_sight`); a cold `telaah check FILE --format json` against a
bare `python -c pass`; the peak memory of such a run (ru_maxrss, started from a small launcher
process so that this one's size does not count); the budget family through the
engine against the plain-Python floor (benchmarks/floor.py) on the same model; `telaah validate`
against `check-jsonschema --schemafile schemas/renstra.schema.json FILE`. Then the scaling
exponent (least squares on log-log over the generated sizes) and a batch of Pandaan-size files
with --jobs 2 against --jobs 1. `--quick` shrinks sizes, repeats and the batch (a smoke run).
Generated plans are cached in --workdir (default: <tmp>/telaah-bench); same spec, same bytes.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .generate import Spec, write

ROOT = Path(__file__).resolve().parents[1]
PANDAAN = ROOT / "samples" / "renstra-pandaan-2024-2026.json"
SCHEMA = ROOT / "schemas" / "renstra.schema.json"
STAGES = ("load", "validate", "model", "facts", "rules", "report")
BUDGET_PREFIX = "ANG"

# Targets (docs/performance.md): limit, and whether the figure must stay at or below it.
IN_PROCESS_MS = 50
COLD_RATIO = 12
EXPONENT = 1.1
PEAK_MB = 1024
FLOOR_RATIO = 10
VALIDATION_RATIO = 1.0
BATCH_SPEEDUP = 1.7


@dataclass(frozen=True)
class Size:
    name: str
    sub_kegiatan: int | None  # None: the Pandaan sample
    repeat: int


FULL = (Size("pandaan", None, 15), Size("1k", 1_000, 7), Size("5k", 5_000, 5), Size("10k", 10_000, 3), Size("50k", 50_000, 3))
QUICK = (Size("pandaan", None, 5), Size("1k", 1_000, 3), Size("5k", 5_000, 2))


def _exe(name: str) -> str:
    """A console script installed beside this interpreter (no shell shims in the way)."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: pip install -e '.[bench]'")
    return found


def median(func, repeat: int) -> tuple[float, object]:
    """Median wall time in seconds of `repeat` calls, and the last call's result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def child(argv: list[str], ok=(0,)) -> float:
    """Wall time of one child process."""
    start = time.perf_counter()
    proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if proc.returncode not in ok:
        raise SystemExit(f"{' '.join(argv[:3])} …: exit {proc.returncode}\n{proc.stderr.decode(errors='replace')[-2000:]}")
    return elapsed


def cold(argv: list[str], repeat: int, ok=(0,)) -> float:
    """Median wall time over `repeat` runs."""
    return statistics.median(child(argv, ok) for _ in range(repeat))


# A child's ru_maxrss starts from its parent's resident size at fork, and this process holds
# every plan measured so far: a small launcher process starts the measured one instead.
_LAUNCHER = ("import os, subprocess, sys; p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL); "
             "_, status, usage = os.wait4(p.pid, 0); print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)")


def peak_mb(argv: list[str], ok=(0,)) -> float:
    """Peak resident memory (MB) of one run of `argv`."""
    done = subprocess.run([sys.executable, "-c", _LAUNCHER, *argv], capture_output=True, text=True, check=True)
    code, kib = map(int, done.stdout.split())
    if code not in ok:
        raise SystemExit(f"{' '.join(argv[:3])} …: exit {code}")
    return kib / 1024


# --------------------------------------------------------------------------- in process


def in_process(path: str, repeat: int) -> dict:
    from telaah.engine.adapter import evaluate
    from telaah.engine.facts import Context, build_facts
    from telaah.engine.findings import FileResult
    from telaah.engine.loader import load
    from telaah.engine.model import parse_plan
    from telaah.engine.pipeline import META_KIND, CheckOptions, check_file, rules_for
    from telaah.engine.registry import make_finding
    from telaah.engine.reporters import render
    from telaah.engine.validate import validate

    options = CheckOptions()
    rules = rules_for(options, path)
    plan_rules = [r for r in rules if r.fact != META_KIND]
    by_code = {r.code: r for r in rules}

    def whole():
        return render("json", [check_file(path, options)], rules, lang=options.lang)

    whole()  # warm: validator and rulesets compiled, nomenclature read
    times = {name: [] for name in (*STAGES, "end_to_end")}
    facts = findings = None
    for _ in range(repeat):
        marks = [time.perf_counter()]
        doc = load(path)
        marks.append(time.perf_counter())
        if validate(doc):
            raise SystemExit(f"{path}: not valid")
        marks.append(time.perf_counter())
        plan = parse_plan(doc.data)
        marks.append(time.perf_counter())
        facts = build_facts(plan, Context(options.config, path))
        marks.append(time.perf_counter())
        findings = [make_finding(by_code[code], facts[i], lang=options.lang, file=path) for code, i in evaluate(facts, plan_rules)]
        marks.append(time.perf_counter())
        render("json", [FileResult(path=path, findings=findings)], rules, lang=options.lang)
        marks.append(time.perf_counter())
        for name, start, end in zip(STAGES, marks, marks[1:]):
            times[name].append(end - start)
        start = time.perf_counter()
        whole()
        times["end_to_end"].append(time.perf_counter() - start)
        del doc, plan
    out = {name: statistics.median(values) for name, values in times.items()}
    out["facts_count"] = len(facts)
    out["findings_count"] = len(findings)
    return out


# The whole check of a document this process has not seen, after a warm-up on another one: what
# the in-process figure is without the results kept across documents (names already compared
# with the nomenclature, labels already cut), each repetition in a new process.
_FIRST_SIGHT = """
import sys, time
from telaah.engine.pipeline import CheckOptions, check_file, rules_for
from telaah.engine.reporters import render
warm, path = sys.argv[1:]
options = CheckOptions()
rules = rules_for(options, path)
def whole(p):
    return render("json", [check_file(p, options)], rules, lang=options.lang)
whole(warm)
start = time.perf_counter()
whole(path)
print(time.perf_counter() - start)
"""


def first_sight(path: str, repeat: int, workdir: Path) -> float:
    """Median seconds of the whole check of `path` as the first document after a warm-up on a
    generated plan with defects of every family (validator and rulesets compiled, data read)."""
    warm = workdir / "warm-up.json"
    if not warm.exists():
        write(Spec(defects=5, seed=2), warm)
    times = []
    for _ in range(repeat):
        done = subprocess.run([sys.executable, "-c", _FIRST_SIGHT, str(warm), path], capture_output=True, text=True, check=True)
        times.append(float(done.stdout))
    return statistics.median(times)


def budget_vs_floor(path: str, repeat: int) -> dict:
    """The budget family through the engine (its facts, evaluate() with only the ANG rules, the
    findings) against the floor, on the same model; both must give the same findings."""
    from telaah.engine.adapter import evaluate
    from telaah.engine.facts import Context, budget
    from telaah.engine.loader import load
    from telaah.engine.model import parse_plan
    from telaah.engine.pipeline import CheckOptions, rules_for
    from telaah.engine.registry import make_finding

    from .floor import budget_findings

    options = CheckOptions()
    rules = [r for r in rules_for(options, path) if r.code.startswith(BUDGET_PREFIX)]
    by_code = {r.code: r for r in rules}
    plan = parse_plan(load(path).data)

    def facts():
        return budget.build(plan, Context(options.config, path, plan))

    def engine():
        built = facts()
        return [make_finding(by_code[code], built[i], lang=options.lang, file=path) for code, i in evaluate(built, rules)]

    def keyed(findings):
        return sorted((f.code, f.pointer, str(f.declared), str(f.expected)) for f in findings)

    engine()  # warm: rulesets compiled
    engine_s, found = median(engine, repeat)
    facts_s, built = median(facts, repeat)
    evaluate_s, _ = median(lambda: evaluate(built, rules), repeat)
    floor_s, floor_found = median(lambda: budget_findings(plan, options.config), repeat)
    if keyed(found) != keyed(floor_found):
        raise SystemExit(f"{path}: the floor and the engine disagree on the budget findings")
    return {"rules": [r.code for r in rules], "facts": len(built), "findings": len(found), "engine_s": engine_s,
            "facts_s": facts_s, "evaluate_s": evaluate_s, "floor_s": floor_s, "ratio": engine_s / floor_s}


# --------------------------------------------------------------------------- the run


def plan_file(size: Size, workdir: Path) -> Path:
    if size.sub_kegiatan is None:
        return PANDAAN
    spec = Spec(sub_kegiatan=size.sub_kegiatan, kelurahan=max(4, size.sub_kegiatan // 100), years=3, indicators=1, seed=1)
    path = workdir / f"plan-{spec.sub_kegiatan}-{spec.kelurahan}-{spec.years}-{spec.indicators}-s{spec.seed}.json"
    if not path.exists():
        write(spec, path)
    return path


def batch_dir(count: int, workdir: Path) -> Path:
    folder = workdir / f"batch-{count}"
    folder.mkdir(parents=True, exist_ok=True)
    data = PANDAAN.read_bytes()
    for i in range(count):
        target = folder / f"plan-{i:04d}.json"
        if not target.exists():
            target.write_bytes(data)
    return folder


def fit_exponent(points: list[tuple[int, float]]) -> float | None:
    """Slope of log(time) against log(size), least squares."""
    if len(points) < 2:
        return None
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def write_bytecode(telaah: str) -> None:
    """Compile telaah's modules to __pycache__ as pip does when it installs a package: an editable
    checkout run with PYTHONDONTWRITEBYTECODE=1 would otherwise compile every module at every
    start, which no installed copy does."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for argv in ([telaah, "check", str(PANDAAN), "--format", "json"], [telaah, "validate", str(PANDAAN)]):
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def run(quick: bool, workdir: Path, only: list[str] | None = None) -> dict:
    telaah, peer = _exe("telaah"), _exe("check-jsonschema")
    write_bytecode(telaah)
    sizes = QUICK if quick else FULL
    if only:
        by_name = {s.name: s for s in FULL}
        sizes = tuple(next((q for q in sizes if q.name == n), by_name[n]) for n in only)
    report = {"machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
                          "affinity": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None},
              "quick": quick, "sizes": []}
    for size in sizes:
        path = str(plan_file(size, workdir))
        log(f"[{size.name}] {path}")
        entry = {"name": size.name, "sub_kegiatan": size.sub_kegiatan, "bytes": os.path.getsize(path)}
        entry["in_process"] = in_process(path, size.repeat)
        if size.sub_kegiatan is None:
            entry["first_sight_s"] = first_sight(path, size.repeat, workdir)
        cold_repeat = max(3, min(size.repeat, 10))
        entry["python_pass_s"] = cold([sys.executable, "-c", "pass"], cold_repeat)
        entry["cold_check_s"] = cold([telaah, "check", path, "--format", "json"], cold_repeat, ok=(0, 1))
        entry["peak_mb"] = peak_mb([telaah, "check", path, "--format", "json"], ok=(0, 1))
        entry["budget"] = budget_vs_floor(path, size.repeat)
        peer_repeat = 1 if size.sub_kegiatan and size.sub_kegiatan >= 50_000 else cold_repeat
        entry["telaah_validate_s"] = cold([telaah, "validate", path], peer_repeat)
        entry["check_jsonschema_s"] = cold([peer, "--schemafile", str(SCHEMA), path], peer_repeat)
        report["sizes"].append(entry)
    points = [(s["sub_kegiatan"], s["in_process"]["end_to_end"]) for s in report["sizes"] if s["sub_kegiatan"]]
    report["scaling_exponent"] = fit_exponent(points)
    count = 100 if quick else 1000
    folder = str(batch_dir(count, workdir))
    log(f"[batch] {count} files")
    batch_repeat = 1 if quick else 3
    load_before = os.getloadavg()
    one = cold([telaah, "check", folder, "--format", "json", "--jobs", "1"], batch_repeat, ok=(0, 1))
    two = cold([telaah, "check", folder, "--format", "json", "--jobs", "2"], batch_repeat, ok=(0, 1))
    report["batch"] = {"files": count, "jobs1_s": one, "jobs2_s": two, "speedup": one / two,
                       "load_before": load_before, "load_after": os.getloadavg()}
    report["targets"] = targets(report)
    return report


def targets(report: dict) -> list[dict]:
    sizes = {s["name"]: s for s in report["sizes"]}
    pandaan = sizes["pandaan"]
    largest = report["sizes"][-1]
    out = []

    def target(name, figure, limit, ratio, ok):
        out.append({"target": name, "figure": figure, "limit": limit, "ratio": ratio, "pass": ok})

    ms = pandaan["in_process"]["end_to_end"] * 1000
    target("Pandaan in-process, all stages (ms)", ms, IN_PROCESS_MS, ms / IN_PROCESS_MS, ms <= IN_PROCESS_MS)
    ratio = pandaan["cold_check_s"] / pandaan["python_pass_s"]
    target("Pandaan cold telaah check / python -c pass", ratio, COLD_RATIO, ratio, ratio <= COLD_RATIO)
    exponent = report["scaling_exponent"]
    generated = [s["name"] for s in report["sizes"] if s["sub_kegiatan"]]
    span = f"{generated[0]}→{generated[-1]}" if len(generated) > 1 else "(needs two generated sizes)"
    target(f"scaling exponent {span}", exponent, EXPONENT, None if exponent is None else exponent / EXPONENT,
           exponent is not None and exponent <= EXPONENT)
    target(f"peak memory {largest['name']} (MB)", largest["peak_mb"], PEAK_MB, largest["peak_mb"] / PEAK_MB, largest["peak_mb"] <= PEAK_MB)
    for s in report["sizes"]:
        r = s["budget"]["ratio"]
        target(f"budget engine / floor, {s['name']}", r, FLOOR_RATIO, r, r <= FLOOR_RATIO)
    for s in report["sizes"]:
        r = s["telaah_validate_s"] / s["check_jsonschema_s"]
        target(f"telaah validate / check-jsonschema, {s['name']}", r, VALIDATION_RATIO, r, r <= VALIDATION_RATIO)
    b = report["batch"]
    target(f"batch of {b['files']}: --jobs 1 / --jobs 2", b["speedup"], BATCH_SPEEDUP, b["speedup"] / BATCH_SPEEDUP, b["speedup"] >= BATCH_SPEEDUP)
    return out


# --------------------------------------------------------------------------- table


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f}"


def table(report: dict) -> str:
    lines = []
    head = ["size", "sub keg.", "MB file", "facts", *STAGES, "Σ stages", "end-to-end", "cold CLI", "python", "peak MB"]
    rows = []
    for s in report["sizes"]:
        p = s["in_process"]
        rows.append([s["name"], str(s["sub_kegiatan"] or "sample"), f"{s['bytes'] / 1e6:.2f}", str(p["facts_count"]),
                     *(_ms(p[name]) for name in STAGES), _ms(sum(p[name] for name in STAGES)), _ms(p["end_to_end"]),
                     _ms(s["cold_check_s"]), _ms(s["python_pass_s"]), f"{s['peak_mb']:.0f}"])
    lines += _grid("Stages, medians in ms (in process unless marked)", head, rows)
    lines += [f"{s['name']}: the whole check as the first document of a warmed-up process (nothing of it kept from "
              f"an earlier run): {_ms(s['first_sight_s'])} ms" for s in report["sizes"] if "first_sight_s" in s] + [""]
    head = ["size", "ANG rules", "facts", "findings", "facts ms", "evaluate ms", "engine ms", "floor ms", "engine/floor"]
    rows = [[s["name"], ",".join(s["budget"]["rules"]) or "-", str(s["budget"]["facts"]), str(s["budget"]["findings"]),
             _ms(s["budget"]["facts_s"]), _ms(s["budget"]["evaluate_s"]), _ms(s["budget"]["engine_s"]), _ms(s["budget"]["floor_s"]),
             f"{s['budget']['ratio']:.1f}×"] for s in report["sizes"]]
    lines += _grid("Budget family: engine (facts + evaluate + findings) vs plain-Python floor", head, rows)
    head = ["size", "telaah validate ms", "check-jsonschema ms", "ratio"]
    rows = [[s["name"], _ms(s["telaah_validate_s"]), _ms(s["check_jsonschema_s"]), f"{s['telaah_validate_s'] / s['check_jsonschema_s']:.2f}×"]
            for s in report["sizes"]]
    lines += _grid("Validation, cold processes", head, rows)
    b = report["batch"]
    lines += [f"Batch of {b['files']} Pandaan-size files: --jobs 1 {b['jobs1_s']:.2f} s, --jobs 2 {b['jobs2_s']:.2f} s, speed-up {b['speedup']:.2f}× "
              f"(1-minute load average {b['load_before'][0]:.2f} before, {b['load_after'][0]:.2f} after; other processes take cores too)", ""]
    head = ["target", "figure", "limit", "ratio", "result"]
    rows = [[t["target"], "-" if t["figure"] is None else f"{t['figure']:.2f}", f"{t['limit']}",
             "-" if t["ratio"] is None else f"{t['ratio']:.2f}", "PASS" if t["pass"] else "FAIL"] for t in report["targets"]]
    lines += _grid("Targets", head, rows)
    return "\n".join(lines)


def _grid(title: str, head: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    fmt = "  ".join(f"{{:{'<' if i == 0 else '>'}{w}}}" for i, w in enumerate(widths))
    return [title, fmt.format(*head), fmt.format(*("-" * w for w in widths)), *(fmt.format(*r) for r in rows), ""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer sizes and repeats, a batch of 100 (a smoke run)")
    parser.add_argument("--json", dest="json_out", help="also write every figure as JSON to this file")
    parser.add_argument("--sizes", help=f"only these sizes, comma-separated ({', '.join(s.name for s in FULL)})")
    parser.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "telaah-bench"), help="where generated plans are kept")
    args = parser.parse_args(argv)
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    only = args.sizes.split(",") if args.sizes else None
    if only and any(n not in {s.name for s in FULL} for n in only):
        parser.error(f"--sizes: choose from {', '.join(s.name for s in FULL)}")
    report = run(args.quick, workdir, only)
    print(table(report))
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0 if all(t["pass"] for t in report["targets"]) else 1


if __name__ == "__main__":
    sys.exit(main())
