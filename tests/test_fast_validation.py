"""The compiled fast validators (engine/fastcheck.py) accept exactly the documents the jsonschema
validators accept: plans on every sample, corpus file and mutation, generated plans and randomly
broken documents; rule files on every built-in rule and broken ones. `validate()` and the rule
loader skip jsonschema only when the fast validator accepts, so this agreement is what keeps the
error lists unchanged. The compiled code is kept on disk and read back, and a damaged or
unwritable cache only costs a compile."""
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
from telaah.engine import fastcheck, rulefile  # noqa: E402
from telaah.engine import validate as V  # noqa: E402
from telaah.engine.errors import InputError  # noqa: E402
from telaah.engine.loader import load  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"


def agree(data) -> None:
    assert V.fast_validator()(data) == V.validator().is_valid(data)


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
        assert V.fast_validator()(data) and V.validator().is_valid(data)


def test_validate_reports_the_same_errors_with_and_without_the_fast_path(monkeypatch):
    doc = load(ROOT / "samples" / "lke-sakip.yaml")  # an LKE answer sheet, not a plan: many errors
    fast = [e.format("en") for e in V.validate(doc)]
    monkeypatch.setattr(V, "fast_validator", lambda: lambda data: False)
    assert [e.format("en") for e in V.validate(doc)] == fast != []


RULE_FILES = sorted((ROOT / "rules").glob("*/*.yaml"))


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.stem)
def test_rule_files(path):
    data = load(path).data
    assert rulefile.rule_accepts()(data) == rulefile.rule_validator().is_valid(data) is True
    for key in ("code", "when", "message", "docs"):
        broken = {**data, key: 7}
        assert rulefile.rule_accepts()(broken) == rulefile.rule_validator().is_valid(broken) is False


def test_compiled_code_is_read_back_from_the_cache(tmp_path, monkeypatch):
    import fastjsonschema

    monkeypatch.setenv("TELAAH_CACHE_DIR", str(tmp_path))
    fastcheck._compiled.cache_clear()
    schema = {"type": "object", "properties": {"n": {"type": "integer", "minimum": 0}}, "required": ["n"]}
    first = fastcheck.accepts("t", schema)
    assert [p.name.startswith("t-") for p in tmp_path.iterdir()] == [True]
    fastcheck._compiled.cache_clear()
    monkeypatch.setattr(fastjsonschema, "compile_to_code", lambda *a, **k: pytest.fail("compiled again"))
    again = fastcheck.accepts("t", schema)
    assert [again(d) for d in ({"n": 1}, {"n": -1}, {}, [])] == [first(d) for d in ({"n": 1}, {"n": -1}, {}, [])] == [True, False, False, False]


@pytest.mark.parametrize("damage", [b"", b"not marshal", b"\xe9\x00\x00\x00\x00"])
def test_a_damaged_cache_file_is_compiled_again(damage, tmp_path, monkeypatch):
    monkeypatch.setenv("TELAAH_CACHE_DIR", str(tmp_path))
    fastcheck._compiled.cache_clear()
    schema = {"type": "string", "minLength": 2}
    fastcheck.accepts("d", schema)
    (path,) = tmp_path.iterdir()
    path.write_bytes(damage)
    fastcheck._compiled.cache_clear()
    check = fastcheck.accepts("d", schema)
    assert (check("ab"), check("a"), check(3)) == (True, False, False)


def test_an_unwritable_cache_only_costs_a_compile(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("a file where the directory would be")
    monkeypatch.setenv("TELAAH_CACHE_DIR", str(blocked / "telaah"))
    fastcheck._compiled.cache_clear()
    check = fastcheck.accepts("u", {"type": "integer"})
    assert (check(1), check("1")) == (True, False)


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
