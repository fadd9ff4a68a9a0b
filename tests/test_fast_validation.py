"""The compiled fast validator (engine/validate.py `fast_validator`) accepts exactly the documents
the jsonschema validator accepts: on every sample, corpus file and mutation, generated plans, and
randomly broken documents. `validate()` skips jsonschema only when the fast validator accepts a
document, so this agreement is what keeps the error lists unchanged."""
from __future__ import annotations

import copy
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "tests" / "rules"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from benchmarks.generate import Spec, generate  # noqa: E402
from harness import build, load_data  # noqa: E402
from telaah.engine import validate as V  # noqa: E402
from telaah.engine.errors import InputError  # noqa: E402
from telaah.engine.loader import load  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"


def fast_accepts(data) -> bool:
    try:
        V.fast_validator()(data)
    except Exception:  # noqa: BLE001 — as validate() reads it: anything but acceptance
        return False
    return True


def agree(data) -> None:
    assert fast_accepts(data) == V.validator().is_valid(data)


def loaded(path: Path):
    try:
        return load(path).data
    except InputError:
        return None


FILES = sorted([*ROOT.glob("samples/*.json"), *ROOT.glob("samples/*.yaml"), *(CORPUS / "files").glob("*"),
                *(ROOT / "tests" / "badinput").glob("*")])
DOCUMENTS = [(path, data) for path in FILES if (data := loaded(path)) is not None]  # what reaches validation


@pytest.mark.parametrize("path,data", DOCUMENTS, ids=[p.name for p, _ in DOCUMENTS])
def test_files(path, data):
    agree(data)


@pytest.mark.parametrize("path", sorted((CORPUS / "mutations").glob("*.yaml")), ids=lambda p: p.stem)
def test_corpus_mutations(path):
    agree(build(path))


@pytest.mark.parametrize("path", sorted((ROOT / "tests" / "rules").glob("*/fail.yaml")), ids=lambda p: p.parent.name)
def test_rule_fixtures(path):
    agree(build(path))


def test_generated_plans_are_accepted():
    for spec in (Spec(), Spec(sub_kegiatan=300, kelurahan=5, years=7, indicators=2, defects=2, seed=4)):
        data, _ = generate(spec)
        assert fast_accepts(data) and V.validator().is_valid(data)


def test_validate_reports_the_same_errors_with_and_without_the_fast_path(monkeypatch):
    doc = load(ROOT / "samples" / "lke-sakip.yaml")  # an LKE answer sheet, not a plan: many errors
    monkeypatch.setattr(V, "FAST_FROM_BYTES", 0)
    fast = [e.format("en") for e in V.validate(doc)]
    monkeypatch.setattr(V, "_surely_valid", lambda doc: False)
    assert [e.format("en") for e in V.validate(doc)] == fast != []


BASES = [load_data(ROOT / "samples" / "minimal.yaml"), generate(Spec(sub_kegiatan=12, kelurahan=2, years=2, seed=9))[0]]
KEYS = ["foo", "x-ext", "2024", "nilai", "teks", "satuan", "kode", "$schema", "x-telaah-abaikan", "title", "uraian"]
VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 10**13), st.sampled_from([Decimal("1.0"), Decimal("1.5"), Decimal("-0.01"), Decimal("97.75")]),
    st.sampled_from(["", " ", "8.166.412.447", "97,75", "12.345", "180387.38", "2024", "ANG001", "x-foo", "7 01 02", "renstra", "naik", "1"]),
    st.text(max_size=6), st.just({}), st.just([]), st.just({"nilai": None}), st.just([{"code": "ANG001", "alasan": "x"}]),
)


def paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from paths(v, (*prefix, i))


@st.composite
def broken(draw):
    data = copy.deepcopy(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(list(paths(data))[1:]))
        parent = data
        for token in where[:-1]:
            parent = parent[token]
        action = draw(st.sampled_from(["replace", "replace", "add", "delete"]))
        if action == "add" and isinstance(parent[where[-1]], dict):
            parent[where[-1]][draw(st.sampled_from(KEYS))] = copy.deepcopy(draw(VALUES))
        elif action == "delete" and isinstance(parent, dict):
            del parent[where[-1]]
        else:
            parent[where[-1]] = copy.deepcopy(draw(VALUES))
    return data


@settings(max_examples=400, deadline=None)
@given(data=broken())
def test_randomly_broken_documents(data):
    agree(data)
