"""Plan model: typed values, normalised cells, pointers that lead back to the document."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from telaah.engine.loader import load, pointer_tokens
from telaah.engine.model import Cell, Kegiatan, Plan, iter_rows_6_1, parse_plan, to_money
from telaah.engine.validate import read_plan

ROOT = Path(__file__).parent.parent
MINIMAL = ROOT / "samples" / "minimal.yaml"
PANDAAN = ROOT / "samples" / "renstra-pandaan-2024-2026.json"


def resolve(data, pointer: str):
    for token in pointer_tokens(pointer):
        data = data[int(token)] if isinstance(data, list) else data[token]
    return data


def nodes(obj):
    """Every model object reachable from `obj`."""
    if isinstance(obj, BaseModel):
        yield obj
        for name in type(obj).model_fields:
            yield from nodes(getattr(obj, name))
    elif isinstance(obj, dict):
        for value in obj.values():
            yield from nodes(value)
    elif isinstance(obj, list):
        for value in obj:
            yield from nodes(value)


@pytest.fixture(scope="module")
def minimal():
    result = read_plan(str(MINIMAL))
    assert result.errors == []
    return result


def test_rows_in_document_order_with_parents(minimal):
    rows = list(iter_rows_6_1(minimal.plan))
    assert [level for level, _, _ in rows] == ["tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan"]
    for (_, row, parent), (_, previous, _) in zip(rows[1:], rows):
        assert parent is previous
        assert row.pointer.startswith(parent.pointer + "/")
    sub = rows[-1][1]
    assert sub.pointer == "/rencana_program/tujuan/0/sasaran/0/program/0/kegiatan/0/sub_kegiatan/0"
    assert sub.kode == "7 01 03 2.02 02" and isinstance(rows[-2][1], Kegiatan)


def test_years_are_int_and_money_exact(minimal):
    tujuan = minimal.plan.rencana_program.tujuan[0]
    assert tujuan.anggaran == {2024: 100000000, 2025: 110000000, 2026: 121000000}
    assert all(type(v) is int for v in tujuan.anggaran.values())
    assert tujuan.anggaran_akhir == 331000000
    assert minimal.plan.dokumen.periode.years == range(2024, 2027)


def test_cells_are_normalised(minimal):
    tujuan = minimal.plan.rencana_program.tujuan[0]
    ikm = tujuan.indikator[0]
    assert ikm.baseline == Cell(pointer="/rencana_program/tujuan/0/indikator/0/baseline", nilai=Decimal("87.5"))
    assert ikm.target[2024].nilai == 88 and ikm.target[2024].satuan == "nilai" and not ikm.target[2024].missing
    program = tujuan.sasaran[0].program[0]
    assert program.indikator[0].baseline.missing and program.indikator[0].baseline.nilai is None
    kegiatan = program.kegiatan[0]
    assert kegiatan.indikator[0].baseline is None  # left out, not printed "-"


def test_money_strings_keep_their_exact_value():
    assert to_money("180387.38") == Decimal("180387.38") and isinstance(to_money("180387.38"), Decimal)
    assert to_money("100") == 100 and type(to_money("100")) is int
    assert to_money(None) is None and to_money(7) == 7


@given(st.integers(min_value=0, max_value=10**18), st.integers(min_value=0, max_value=99))
def test_money_string_round_trip(whole, cents):
    text = f"{whole}.{cents:02d}"
    assert format(to_money(text), "f") == text


def test_text_only_cell():
    data = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    data["rencana_program"]["tujuan"][0]["indikator"][0]["akhir"] = {"nilai": None, "teks": "BB"}
    cell = parse_plan(data).rencana_program.tujuan[0].indikator[0].akhir
    assert (cell.nilai, cell.teks, cell.missing) == (None, "BB", False)


@pytest.mark.parametrize("path", [MINIMAL, PANDAAN], ids=["minimal", "pandaan"])
def test_every_pointer_leads_back_to_its_value(path):
    result = read_plan(str(path))
    assert result.errors == [], [str(e) for e in result.errors]
    data = result.document.data
    count = 0
    for node in nodes(result.plan):
        value = resolve(data, node.pointer)
        count += 1
        if isinstance(node, Cell):
            expected = value.get("nilai") if isinstance(value, dict) else value
            assert node.nilai == expected, node.pointer
        else:
            assert isinstance(value, dict), node.pointer
            for field in ("nama", "kode", "uraian", "indikator"):
                if isinstance(getattr(node, field, None), str):
                    assert value[field] == getattr(node, field), node.pointer
    assert count > 20


def test_suppressions_and_extensions_are_not_modelled():
    data = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    data["x-sumber"] = {"anything": 1}
    data["rencana_program"]["x-telaah-abaikan"] = [{"code": "ANG001", "alasan": "dicek manual"}]
    data["rencana_program"]["tujuan"][0]["anggaran"]["x-telaah-abaikan"] = [{"code": "ANG001", "alasan": "x"}]
    plan = parse_plan(data)
    assert isinstance(plan, Plan)
    assert plan.rencana_program.tujuan[0].anggaran == {2024: 100000000, 2025: 110000000, 2026: 121000000}


def test_row_pointer_maps_to_the_row_line_in_json_and_yaml(tmp_path):
    """A finding about a row cites its pointer; the pointer's line is where the row's code is."""
    as_json = tmp_path / "minimal.json"
    as_json.write_text(json.dumps(yaml.safe_load(MINIMAL.read_text(encoding="utf-8")), indent=2, ensure_ascii=False))
    for path in (MINIMAL, as_json):
        doc = load(path)
        plan = parse_plan(doc.data)
        lines = path.read_text(encoding="utf-8").splitlines()
        for level, row, _ in iter_rows_6_1(plan):
            if level in ("program", "kegiatan", "sub_kegiatan"):
                line, _ = doc.position(row.pointer + "/kode")
                assert row.kode in lines[line - 1] and "kode" in lines[line - 1], (path, row.pointer)
            line, _ = doc.position(row.pointer + "/anggaran_akhir")
            assert "anggaran_akhir" in lines[line - 1], (path, row.pointer)


@pytest.mark.parametrize("path", [MINIMAL, PANDAAN], ids=["minimal", "pandaan"])
def test_objects_are_what_pydantics_model_construct_makes(path):
    """The model is built without pydantic's constructor (engine/model.py `_construct`): every
    object must be the one `model_construct` makes from the same values, and serialise."""
    plan = read_plan(str(path)).plan
    count = 0
    for obj in nodes(plan):
        ref = type(obj).model_construct(_fields_set=set(obj.model_fields_set), **obj.__dict__)
        assert obj == ref and obj.__dict__ == ref.__dict__ and list(obj.__dict__) == list(type(obj).model_fields)
        assert obj.model_fields_set == ref.model_fields_set == set(type(obj).model_fields)
        assert (obj.__pydantic_extra__, obj.__pydantic_private__) == (ref.__pydantic_extra__, ref.__pydantic_private__)
        count += 1
    assert count >= 40
    assert plan.model_dump(mode="json")
