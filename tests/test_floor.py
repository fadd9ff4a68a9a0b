"""The plain-Python floor of the budget family (benchmarks/floor.py) finds exactly what the
engine's ANG rules find — code, pointer, declared and expected — on the samples, on the rule
fixtures, on generated plans with and without defects, and on randomly broken Rupiah cells."""
from __future__ import annotations

import copy
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "tests" / "rules"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from benchmarks.defects import rows_6_1  # noqa: E402
from benchmarks.floor import budget_findings  # noqa: E402
from benchmarks.generate import Spec, dumps, generate  # noqa: E402
from harness import HERE as FIXTURES, build, options  # noqa: E402
from telaah.engine.config import Config  # noqa: E402
from telaah.engine.pipeline import CheckOptions, check_file  # noqa: E402
from telaah.engine.validate import read_plan  # noqa: E402

PREFIX = "ANG"


def both(path: Path, opts: CheckOptions = CheckOptions()) -> tuple[list, list]:
    """(engine, floor) budget findings of a plan file, each as sorted (code, pointer, declared, expected)."""
    result = check_file(str(path), opts)
    assert result.errors == []
    engine = sorted((f.code, f.pointer, str(f.declared), str(f.expected)) for f in result.findings + result.suppressed if f.code.startswith(PREFIX))
    plan = read_plan(str(path)).plan
    floor = sorted((h.code, h.pointer, str(h.declared), str(h.expected)) for h in budget_findings(plan, opts.config))
    return engine, floor


@pytest.mark.parametrize("name", ["renstra-pandaan-2024-2026.json", "renstra-pandaan-2024-2026.corrected.json", "minimal.yaml"])
def test_samples(name):
    engine, floor = both(ROOT / "samples" / name)
    assert floor == engine


def test_the_faithful_sample_has_budget_findings_of_every_6_1_and_2_9_kind():
    engine, floor = both(ROOT / "samples" / "renstra-pandaan-2024-2026.json")
    assert {"ANG001", "ANG002", "ANG003"} <= {code for code, *_ in floor}
    assert floor == engine


FIXTURE_FILES = sorted(p for p in FIXTURES.glob(f"{PREFIX}*/*.yaml") if p.name in ("fail.yaml", "pass.yaml"))


@pytest.mark.parametrize("fixture", FIXTURE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_rule_fixtures(fixture, tmp_path):
    path = tmp_path / "plan.json"
    path.write_text(dumps(build(fixture)), encoding="utf-8")
    engine, floor = both(path, options(fixture))
    assert floor == engine


@pytest.mark.parametrize("spec", [Spec(), Spec(sub_kegiatan=500, kelurahan=5, years=5, seed=2),
                                  Spec(sub_kegiatan=200, kelurahan=4, defects=3, seed=6)], ids=["clean", "clean-5y", "defects"])
def test_generated_plans(spec, tmp_path):
    path = tmp_path / "plan.json"
    data, defects = generate(spec)
    path.write_text(dumps(data), encoding="utf-8")
    engine, floor = both(path)
    assert floor == engine
    assert len(floor) >= sum(d.family == PREFIX for d in defects)


def test_tolerance_is_the_configured_one(tmp_path):
    data, _ = generate(Spec(sub_kegiatan=50, seed=3))
    _, pointer, row = next(r for r in rows_6_1(data) if r[0] == "kegiatan")
    row["anggaran"]["2025"] += 500
    path = tmp_path / "plan.json"
    path.write_text(dumps(data), encoding="utf-8")
    strict = both(path)
    loose = both(path, CheckOptions(config=Config(tolerance_rupiah=500)))
    assert strict[0] == strict[1] and [c for c, *_ in strict[1]] == ["ANG001"]
    assert loose == ([], [])


BASE, _ = generate(Spec(sub_kegiatan=30, kelurahan=3, years=3, seed=11))
ROWS = [(level, row) for level, _, row in rows_6_1(BASE)]
YEARS = sorted(BASE["rencana_program"]["tujuan"][0]["anggaran"])
MONEY = st.one_of(st.none(), st.integers(0, 10**12), st.sampled_from(["12.5", "7.05", "0.01"]))


@st.composite
def breakages(draw):
    """A few cells of Tabel 6.1 (Rp per year, end-of-period Rp, targets) and Tabel 2.9 changed,
    set to "-" (null) or left blank."""
    changes = []
    for _ in range(draw(st.integers(1, 6))):
        what = draw(st.sampled_from(["rp", "akhir", "target", "2.9"]))
        row = draw(st.integers(0, len(ROWS) - 1))
        year = draw(st.sampled_from(YEARS))
        value = draw(st.one_of(st.just("blank"), MONEY))
        changes.append((what, row, year, value))
    return changes


def apply(data, changes):
    rows = [row for _, _, row in rows_6_1(data)]
    table = data["anggaran_realisasi"]
    flat = [table["jumlah"], *table["baris"], *(r for b in table["baris"] for r in b.get("rincian", []))]
    for what, index, year, value in changes:
        row = rows[index]
        if what == "rp":
            holder, key = row["anggaran"], year
        elif what == "akhir":
            holder, key = row, "anggaran_akhir"
        elif what == "target":
            holder, key = row["indikator"][0]["target"], year
            value = value if value in ("blank", None) else {"nilai": 5}
        else:
            target = flat[index % len(flat)]
            column = "anggaran" if index % 2 else "realisasi"
            holder, key = target[column], sorted(target[column])[index % len(target[column])]
        if value == "blank":
            holder.pop(key, None)
        else:
            holder[key] = value


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=breakages())
def test_randomly_broken_cells(changes, tmp_path):
    data = copy.deepcopy(BASE)
    apply(data, changes)
    path = tmp_path / "plan.json"
    path.write_text(dumps(data), encoding="utf-8")
    engine, floor = both(path)
    assert floor == engine
