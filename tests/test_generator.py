"""The benchmark plan generator: its plans are valid and consistent by construction (the engine
finds nothing in them), have the asked shape, are byte-for-byte reproducible, and every defect it
injects is reported by the engine at the recorded pointer under the recorded rule family."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.defects import INJECTORS, rows_6_1  # noqa: E402
from benchmarks.generate import KELURAHAN_CODE, Spec, dumps, generate, nomenclature, write  # noqa: E402
from telaah.engine.loader import load  # noqa: E402
from telaah.engine.pipeline import check_file  # noqa: E402
from telaah.engine.validate import validate  # noqa: E402

TABLE_FAMILIES = {"FRM", "LTB", "PEG", "SKR"}


def check(spec: Spec, tmp_path: Path):
    path = tmp_path / "plan.json"
    defects = write(spec, path)
    return path, defects, check_file(str(path))


@pytest.mark.parametrize("spec", [
    Spec(),
    Spec(sub_kegiatan=9, kelurahan=4, years=1),
    Spec(sub_kegiatan=3, kelurahan=1, years=2, tables=False),
    Spec(sub_kegiatan=400, kelurahan=6, years=10, indicators=3, seed=7),
    Spec(sub_kegiatan=1000, kelurahan=10, years=5, seed=1),
], ids=lambda s: f"{s.sub_kegiatan}sk-{s.kelurahan}kel-{s.years}y-{s.indicators}i{'' if s.tables else '-6.1only'}")
def test_clean_plan_is_valid_and_has_no_finding(spec, tmp_path):
    path, defects, result = check(spec, tmp_path)
    assert defects == []
    assert result.errors == [] and result.valid
    assert [(f.code, f.pointer, f.message) for f in result.findings] == []


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kelurahan=st.integers(1, 8), extra=st.integers(1, 120), years=st.integers(1, 10),
       indicators=st.integers(1, 3), seed=st.integers(0, 10**6), tables=st.booleans())
def test_any_shape_is_clean(kelurahan, extra, years, indicators, seed, tables, tmp_path):
    spec = Spec(sub_kegiatan=2 * kelurahan + extra, kelurahan=kelurahan, years=years, indicators=indicators, seed=seed, tables=tables)
    _, _, result = check(spec, tmp_path)
    assert result.errors == []
    assert [(f.code, f.pointer, f.message) for f in result.findings] == []


@pytest.mark.parametrize("spec", [Spec(sub_kegiatan=600, kelurahan=7, years=5, indicators=2, seed=3), Spec(sub_kegiatan=45, years=3)])
def test_shape_is_what_was_asked(spec):
    data, _ = generate(spec)
    rows = list(rows_6_1(data))
    subs = [r for level, _, r in rows if level == "sub_kegiatan"]
    assert len(subs) == spec.sub_kegiatan
    assert len(data["wilayah"]["kelurahan"]) == len(set(data["wilayah"]["kelurahan"])) == spec.kelurahan
    years = [str(spec.start + i) for i in range(spec.years)]
    assert all(list(r["anggaran"]) == years and len(r["indikator"]) == spec.indicators for _, _, r in rows)
    official = {code for code, _, _ in nomenclature()}
    assert {r["kode"] for level, _, r in rows if "kode" in r} <= official
    for number in ("0002", "0003"):  # one row per kelurahan for each kelurahan sub kegiatan
        lurah = sorted(r["unit_kerja"] for r in subs if r["kode"] == f"{KELURAHAN_CODE}.{number}")
        assert lurah == sorted(f"Lurah {k}" for k in data["wilayah"]["kelurahan"])


def test_same_spec_same_bytes_and_seed_matters():
    a, b = dumps(generate(Spec(defects=1, seed=4))[0]), dumps(generate(Spec(defects=1, seed=4))[0])
    assert a == b
    assert a != dumps(generate(Spec(defects=1, seed=5))[0])


def test_numbers_are_exact(tmp_path):
    """Rupiah with cents is a decimal string, other fractions are JSON numbers read as Decimal."""
    path = tmp_path / "plan.json"
    write(Spec(sub_kegiatan=200, kelurahan=4, seed=2), path)
    text = path.read_text(encoding="utf-8")
    assert '"anggaran_akhir":"' in text  # some cents
    doc = load(path)
    assert validate(doc) == []
    floats = []

    def walk(node):
        if isinstance(node, float):
            floats.append(node)
        elif isinstance(node, dict):
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(doc.data)
    assert floats == []


def test_a_plan_too_big_for_its_kelurahan_is_refused():
    with pytest.raises(ValueError, match="more kelurahan"):
        generate(Spec(sub_kegiatan=5000, kelurahan=4))
    with pytest.raises(ValueError, match="2 × kelurahan"):
        generate(Spec(sub_kegiatan=8, kelurahan=4))


@pytest.mark.parametrize("spec", [
    Spec(sub_kegiatan=60, kelurahan=4, defects=2, seed=5),
    Spec(sub_kegiatan=300, kelurahan=5, years=5, indicators=2, defects=3, seed=9),
    Spec(sub_kegiatan=30, kelurahan=3, defects=2, tables=False, seed=1),
], ids=["small", "five-years", "6.1-only"])
def test_every_injected_defect_is_found(spec, tmp_path):
    path, defects, result = check(spec, tmp_path)
    families = set(INJECTORS) - (set() if spec.tables else TABLE_FAMILIES)
    assert {d.family for d in defects} == families
    assert all(sum(d.family == f for d in defects) == spec.defects for f in families)
    assert len({d.pointer for d in defects}) == len(defects)
    found = {(f.code[:3], f.pointer) for f in result.findings}
    assert [d for d in defects if (d.family, d.pointer) not in found] == []
    recorded = json.loads(path.with_suffix(".defects.json").read_text(encoding="utf-8"))
    assert [(d["family"], d["pointer"]) for d in recorded] == [(d.family, d.pointer) for d in defects]


def test_command_line(tmp_path):
    out = tmp_path / "p.json"
    args = [sys.executable, "-m", "benchmarks.generate", "--sub-kegiatan", "40", "--kelurahan", "3", "--years", "2",
            "--indicators", "2", "--defects", "1", "--seed", "8", "-o", str(out)]
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == dumps(generate(Spec(40, 3, 2, 2, 1, 8))[0])
    assert out.with_suffix(".defects.json").is_file()
    bad = subprocess.run([*args[:4], "400", *args[5:]], cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
