"""Code facts on small plans: shape and level, the parent prefix, duplicates versus splits per
kelurahan, and the nomenclature's word on each code and name."""
from __future__ import annotations

import copy
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "rules"))
from harness import BASES, dump_json, load_data  # noqa: E402

from telaah.engine.config import Config  # noqa: E402
from telaah.engine.facts import Context  # noqa: E402
from telaah.engine.facts import codes  # noqa: E402
from telaah.engine.validate import read_plan  # noqa: E402

PROGRAM = "/rencana_program/tujuan/0/sasaran/0/program/0"
KEG = PROGRAM + "/kegiatan/0"
BASE = load_data(BASES["minimal"])


def sub(kode: str, nama: str, **cells) -> dict:
    return {"kode": kode, "nama": nama, **cells}


def facts(tmp_path, program: dict | None = None, kind: str | None = None, kelurahan=("Sukamaju", "Tegalrejo")):
    data = copy.deepcopy(BASE)
    data["wilayah"]["kelurahan"] = list(kelurahan)
    target = data["rencana_program"]["tujuan"][0]["sasaran"][0]["program"][0]
    for key, value in (program or {}).items():
        target[key] = value
    path = tmp_path / "plan.json"
    path.write_text(dump_json(data), encoding="utf-8")
    read = read_plan(str(path))
    assert not read.errors, [e.format("en") for e in read.errors]
    ctx = Context(Config(), str(path))
    ctx.plan = read.plan
    return [f for f in codes.build(read.plan, ctx) if kind is None or f["kind"] == kind]


def kegiatan(kode: str, nama: str, rows: list[dict]) -> dict:
    return {"kode": kode, "nama": nama, "sub_kegiatan": rows}


def test_the_clean_minimal_plan(tmp_path):
    found = facts(tmp_path)
    assert [f["kind"] for f in found] == [
        "code_shape", "code_duplicate", "code_nomenclature", "name_nomenclature",  # program
        "code_shape", "code_parent", "code_duplicate", "code_nomenclature", "name_nomenclature",  # kegiatan
        "code_shape", "code_parent", "code_duplicate", "code_nomenclature", "name_nomenclature",  # sub kegiatan
    ]
    assert all(f["well_formed"] and f["level_matches"] for f in found if f["kind"] == "code_shape")
    assert all(f["extends"] for f in found if f["kind"] == "code_parent")
    assert all(f["duplicate_of"] is None for f in found if f["kind"] == "code_duplicate")
    assert all(f["known"] for f in found if f["kind"] == "code_nomenclature")
    assert all(f["same"] and f["similarity"] == 1 for f in found if f["kind"] == "name_nomenclature")


def test_malformed_code_is_only_checked_for_its_shape_and_duplicates(tmp_path):
    found = facts(tmp_path, {"kegiatan": [kegiatan("7 01 03 2.2", "Kegiatan Pemberdayaan Kelurahan", [])]})
    keg = [f for f in found if f["pointer"] == KEG + "/kode"]
    assert [f["kind"] for f in keg] == ["code_shape", "code_duplicate"]
    assert (keg[0]["well_formed"], keg[0]["expected"], keg[0]["code_level"], keg[0]["level_matches"]) == (False, None, None, None)


def test_level_and_parent(tmp_path):
    rows = [sub("7 01 03 2.02", "Kegiatan Pemberdayaan Kelurahan"), sub("7.01.03.2.01.0001", "Peningkatan Partisipasi Masyarakat dalam Forum Musyawarah Perencanaan Pembangunan di Desa")]
    found = facts(tmp_path, {"kegiatan": [kegiatan("7 01 03 2.02", "Kegiatan Pemberdayaan Kelurahan", rows)]})
    shapes = [(f["level"], f["code_level"], f["level_matches"]) for f in found if f["kind"] == "code_shape"]
    assert shapes == [("program", "program", True), ("kegiatan", "kegiatan", True),
                      ("sub kegiatan", "kegiatan", False), ("sub kegiatan", "sub kegiatan", True)]
    parents = [(f["declared"], f["expected"], f["extends"], f["parent_row"]) for f in found if f["kind"] == "code_parent"]
    assert parents == [
        ("7.01.03.2.02", "7.01.03", True, "7 01 03"),
        ("7.01.03.2.02", "7.01.03.2.02", False, "7 01 03 2.02"),
        ("7.01.03.2.01.0001", "7.01.03.2.02", False, "7 01 03 2.02"),
    ]


def test_duplicates_and_splits(tmp_path):
    rows = [
        sub("7 01 03 2.02 02", "Pembangunan Sarana dan Prasarana Kelurahan Sukamaju", unit_kerja="Lurah Sukamaju"),
        sub("7.01.03.2.02.0002", "Pembangunan Sarana dan Prasarana Kelurahan Tegalrejo"),  # a split: other spelling, same code
        sub("7 01 03 2.02 02", "Pembangunan Sarana dan Prasarana Kelurahan", lokasi="Kec. Contoh"),  # names no kelurahan
    ]
    other = kegiatan("7 01 03 2.02", "Kegiatan Pemberdayaan Kelurahan", [sub("7 01 03 2.02 02", "Pembangunan Sarana dan Prasarana Kelurahan Sukamaju")])
    found = facts(tmp_path, {"kegiatan": [kegiatan("7 01 03 2.02", "Kegiatan Pemberdayaan Kelurahan", rows), other]}, kind="code_duplicate")
    got = [(f["pointer"].removeprefix(PROGRAM), f["duplicate_of"]) for f in found]
    assert got == [
        ("/kode", None),
        ("/kegiatan/0/kode", None),
        ("/kegiatan/0/sub_kegiatan/0/kode", None),
        ("/kegiatan/0/sub_kegiatan/1/kode", None),
        ("/kegiatan/0/sub_kegiatan/2/kode", "7 01 03 2.02 02 · Kelurahan Sukamaju"),
        ("/kegiatan/1/kode", "7 01 03 2.02 · Kelurahan"),  # the same kegiatan twice under one program
        ("/kegiatan/1/sub_kegiatan/0/kode", "7 01 03 2.02 02 · Kelurahan Sukamaju"),  # another parent
    ]


def test_codes_outside_the_lists_bidang_are_not_looked_up(tmp_path):
    program = {"kode": "1 02 02", "nama": "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT",
               "kegiatan": [kegiatan("1 02 02 2.01", "Kegiatan X", [sub("1 02 02 2.01 01", "Sub X")])]}
    found = facts(tmp_path, program)
    assert not [f for f in found if f["kind"] in ("code_nomenclature", "name_nomenclature")]


def test_unknown_code_with_the_nearest_entries(tmp_path):
    rows = [sub("7 01 03 2.06 06", "Sub kegiatan Peningkatan Kesadaran Keluarga dalam Peningkatan Pendidikan")]
    keg = kegiatan("7 01 03 2.06", "Kegiatan Pemberdayaan dan Kesejahteraan Keluarga Tingkat Kecamatan dan Kelurahan", rows)
    found = facts(tmp_path, {"kegiatan": [keg]}, kind="code_nomenclature")
    unknown = [f for f in found if not f["known"]]
    assert [(f["declared"], f["expected"], f["nearest_code"]) for f in unknown] == [
        ("7 01 03 2.06", "7.01.03.2.03", "7.01.03.2.03"),
        ("7 01 03 2.06 06", "7.01.03.2.03.0005", "7.01.03.2.03.0005"),
    ]
    # the most similar name is searched under the nearest known ancestor, program 7.01.03
    assert all(f["name_code"].startswith("7.01.03.") for f in unknown)
    assert all(isinstance(f["name_similarity"], Decimal) for f in unknown)
    assert unknown[0]["version"] == "kepmendagri-050-5889-2021"


def test_names_against_the_nomenclature(tmp_path):
    rows = [
        sub("7 01 03 2.02 02", "Pembangunan Sarana dan Prasarana Kelurahan Kel. Sukamju", unit_kerja="Lurah Sukamaju"),
        sub("7 01 03 2.02 03", "Pemberdayaan Masyarakat di Kelurahan Sukamaju"),
        sub("7 01 03 2.02 04", "Evaluasi  kelurahan"),
        sub("7 01 03 2.02 01", "Pembangunan Sarana dan Prasarana Kelurahan Tegalrejo"),  # the name of 0002
    ]
    found = facts(tmp_path, {"nama": "PROG. PEMBERDAYAAN MASYARAKAT DESA/KELURAHAN",
                             "kegiatan": [kegiatan("7 01 03 2.02", "Kegiatan Pemberdayaan Kelurahan", rows)]}, kind="name_nomenclature")
    got = [(f["code"], f["same"], f["changes"], f["other_code"], f["pointer"].rsplit("/", 1)[1]) for f in found]
    assert got == [
        ("7.01.03", False, "«DESA KELURAHAN» → «DESA DAN KELURAHAN»", None, "nama"),
        ("7.01.03.2.02", True, None, None, "nama"),
        ("7.01.03.2.02.0002", True, None, None, "nama"),
        ("7.01.03.2.02.0003", True, None, None, "nama"),
        ("7.01.03.2.02.0004", True, None, None, "nama"),
        ("7.01.03.2.02.0001", False, found[5]["changes"], "7.01.03.2.02.0002", "kode"),  # points at the code
    ]
    assert found[5]["other_name"] == "Pembangunan Sarana dan Prasarana Kelurahan"
    assert found[5]["expected"] == "Peningkatan Partisipasi Masyarakat dalam Forum Musyawarah Perencanaan Pembangunan di Kelurahan"
    assert found[0]["similarity"] < 1


def test_a_small_typo_is_a_name_difference_not_another_code(tmp_path):
    rows = [sub("7 01 03 2.02 03", "Pemberdayaan Masyarakat di Kelurahn Sukamaju")]
    found = facts(tmp_path, {"kegiatan": [kegiatan("7 01 03 2.02", "Kegiatan Pemberdayaan Kelurahan", rows)]}, kind="name_nomenclature")
    assert [(f["changes"], f["other_code"]) for f in found if not f["same"]] == [("«Kelurahn Sukamaju» → «Kelurahan»", None)]
