"""Properties of the whole check, over plans of random shape and values.

Plans come from the benchmark generator (benchmarks/generate.py: consistent by construction),
with hypothesis choosing the shape and seed, then changing values itself:

- random values in Tabel 6.1 (Rp, targets, baselines, end values, names) never make the check
  raise or fail: a schema-valid plan gives findings, never an error, and the same findings,
  byte for byte, every time it is checked;
- Rp drawn by hypothesis and summed into every parent and end-of-period cell give no budget or
  target error;
- changing any one Rp cell of such a plan gives a finding at that cell or at the parent's cell
  of that year.

Examples per property: the `ci` profile runs 200; `HYPOTHESIS_PROFILE=thorough` runs 5 000
(`HYPOTHESIS_PROFILE=thorough python -m pytest -q tests/test_properties.py`).
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from telaah.engine.loader import join_pointer
from telaah.engine.pipeline import CheckOptions, check_file, rules_for
from telaah.engine.reporters import render

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from benchmarks.generate import Spec, as_decimal, dumps, generate, money  # noqa: E402

settings.register_profile("ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
CHILDREN = {"tujuan": "sasaran", "sasaran": "program", "program": "kegiatan", "kegiatan": "sub_kegiatan"}
BUDGET_TARGET = {"anggaran", "target"}


# --------------------------------------------------------------------------- plans


@st.composite
def specs(draw, tables: bool | None = None) -> Spec:
    kelurahan = draw(st.integers(1, 4))
    return Spec(sub_kegiatan=2 * kelurahan + draw(st.integers(1, 25)), kelurahan=kelurahan,
                years=draw(st.integers(1, 10)), indicators=draw(st.integers(1, 3)),
                seed=draw(st.integers(0, 2**32)), tables=draw(st.booleans()) if tables is None else tables)


def rows_6_1(data: dict):
    """(pointer, row, parent pointer or None, level) for every Tabel 6.1 row, parents first."""
    stack = [(f"/rencana_program/tujuan/{i}", row, None, "tujuan") for i, row in enumerate(data["rencana_program"]["tujuan"])]
    while stack:
        pointer, row, parent, level = stack.pop()
        yield pointer, row, parent, level
        child = CHILDREN.get(level)
        if child:
            stack += [(f"{pointer}/{child}/{i}", c, pointer, child) for i, c in enumerate(row.get(child, []))]


def money_cells(data: dict) -> list[tuple[str, str, dict, str]]:
    """(row pointer, parent pointer, holder, key) of every Tabel 6.1 Rp cell: years, then the end."""
    cells = []
    for pointer, row, parent, _ in rows_6_1(data):
        cells += [(pointer, parent, row["anggaran"], year) for year in row.get("anggaran", {})]
        if "anggaran_akhir" in row:
            cells.append((pointer, parent, row, "anggaran_akhir"))
    return cells


# Rp as plans write it, up to 10^10 with cents: sums of a few hundred such cells stay within the
# 15 significant digits the engine compares a fraction with. Whole Rp may be far larger (up to
# 2^63 - 1), but a sum with cents may not (docs/robustness.md, "Limits").
RUPIAH = st.one_of(st.integers(0, 10**10), st.decimals(0, 10**10, places=2).map(money))
WHOLE_RUPIAH = st.integers(0, 10**15)


@st.composite
def consistent_plans(draw) -> dict:
    """A generated plan (Tabel 6.1 only) whose sub kegiatan Rp hypothesis draws; every parent's
    Rp per year is the sum of its rows' and every end-of-period Rp the sum of the years."""
    data, _ = generate(draw(specs(tables=False)))
    rupiah = draw(st.sampled_from([RUPIAH, WHOLE_RUPIAH]), label="Rp kind")

    def fill(row: dict, level: str) -> dict:
        child = CHILDREN.get(level)
        if child:
            totals: dict[str, Decimal] = {year: Decimal(0) for year in row["anggaran"]}
            for sub in row[child]:
                for year, value in fill(sub, child).items():
                    totals[year] += value
        else:
            totals = {year: as_decimal(draw(rupiah)) for year in row["anggaran"]}
        row["anggaran"] = {year: money(value) for year, value in totals.items()}
        row["anggaran_akhir"] = money(sum(totals.values(), Decimal(0)))
        return totals

    for tujuan in data["rencana_program"]["tujuan"]:
        fill(tujuan, "tujuan")
    return data


NUMBER = st.one_of(st.integers(-10**6, 10**6), st.decimals(-10**6, 10**6, places=4, allow_nan=False, allow_infinity=False))
UNITS = st.sampled_from(["%", "nilai", "unit", "dokumen", "orang/bulan", "indeks", "x"])
TEXT = st.text(min_size=1, max_size=40).filter(str.strip)
VALUE_CELLS = st.one_of(
    st.none(), NUMBER,
    st.builds(lambda n, u: {"nilai": n, "satuan": u}, st.one_of(st.none(), NUMBER), UNITS),
    st.builds(lambda t: {"nilai": None, "teks": t}, TEXT),
)


@st.composite
def random_plans(draw) -> dict:
    """A generated plan with up to 12 Tabel 6.1 values replaced by anything the schema allows."""
    data, _ = generate(draw(specs()))
    places = []
    for _, row, _, _ in rows_6_1(data):
        places += [(row["anggaran"], year, st.one_of(st.none(), RUPIAH)) for year in row["anggaran"]]
        places += [(row, "anggaran_akhir", st.one_of(st.none(), RUPIAH)), (row, "nama", TEXT)]
        for occurrence in row.get("indikator", []):
            places += [(occurrence["target"], year, VALUE_CELLS) for year in occurrence.get("target", {})]
            places += [(occurrence, key, VALUE_CELLS) for key in ("baseline", "akhir")]
            places.append((occurrence, "nama", TEXT))
    for index in draw(st.lists(st.integers(0, len(places) - 1), max_size=12, unique=True)):
        holder, key, values = places[index]
        holder[key] = draw(values)
    return data


def check(data: dict, times: int = 1) -> list:
    """The results of checking the plan `times` times (the same file each time)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.json"
        path.write_text(dumps(data), encoding="utf-8")
        return [check_file(str(path)) for _ in range(times)]


def as_json(result) -> str:
    return render("json", [result], rules_for(CheckOptions()))


# --------------------------------------------------------------------------- properties


@PROFILE
@given(random_plans())
def test_random_plans_never_fail_and_give_the_same_bytes_every_time(data):
    first, second = check(data, times=2)
    assert first.errors == [] and first.valid, first.errors
    assert as_json(second) == as_json(first)


@PROFILE
@given(consistent_plans())
def test_plans_consistent_by_construction_have_no_budget_or_target_error(data):
    (result,) = check(data)
    assert result.errors == [], result.errors
    assert [(f.code, f.pointer, f.message) for f in result.findings
            if f.category in BUDGET_TARGET and f.severity == "error"] == []


@PROFILE
@given(consistent_plans(), st.data())
def test_changing_one_rp_cell_is_reported_at_that_cell_or_its_parent(data, draw):
    row, parent, holder, key = draw.draw(st.sampled_from(money_cells(data)), label="cell")
    old = as_decimal(holder[key])
    kind = WHOLE_RUPIAH if all(isinstance(value, int) for _, _, h, k in money_cells(data) for value in [h[k]]) else RUPIAH
    new = draw.draw(kind.filter(lambda v: as_decimal(v) != old), label="new value")
    holder[key] = new
    if key == "anggaran_akhir":
        cell, accepted = f"{row}/anggaran_akhir", {f"{row}/anggaran_akhir"}
    else:
        cell = join_pointer(f"{row}/anggaran", key)
        accepted = {cell} | ({join_pointer(f"{parent}/anggaran", key)} if parent else set())
    (result,) = check(data)
    assert result.errors == [], result.errors
    assert {f.pointer for f in result.findings} & accepted, (
        f"{cell}: {old} → {new}; findings: {[(f.code, f.pointer) for f in result.findings]}")


# --------------------------------------------------------------------------- across processes


def test_the_same_output_from_fresh_processes_with_other_hash_seeds(tmp_path):
    """Nothing depends on the order of a set or dict of strings: the report of plans with defects
    in every rule family is the same from processes with different string hashing."""
    paths = []
    for seed, spec in enumerate([Spec(defects=2, seed=3), Spec(sub_kegiatan=30, kelurahan=3, years=5, defects=1, seed=8)]):
        data, _ = generate(spec)
        paths.append(tmp_path / f"plan-{seed}.json")
        paths[-1].write_text(dumps(data), encoding="utf-8")
    outputs = set()
    for hash_seed in ("1", "2", "3"):
        proc = subprocess.run([sys.executable, "-m", "telaah.cli", "check", "--format", "json", "-j", "1", *map(str, paths)],
                              capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": hash_seed}, timeout=300)
        assert proc.returncode == 1, proc.stderr
        outputs.add(proc.stdout)
    assert len(outputs) == 1
