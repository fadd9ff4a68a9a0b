"""Kelurahan facts on small plans: which names are mentioned where, which rows a split counts for
each kelurahan, when a row disagrees with itself, and the Rp each kelurahan receives."""
from __future__ import annotations

import copy
import sys
from decimal import Decimal
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "rules"))
from harness import BASES, dump_json, load_data  # noqa: E402

from telaah.engine.config import Config  # noqa: E402
from telaah.engine.facts import Context  # noqa: E402
from telaah.engine.facts import kelurahan  # noqa: E402
from telaah.engine.validate import read_plan  # noqa: E402

KEG = "/rencana_program/tujuan/0/sasaran/0/program/0/kegiatan/0"
BASE = load_data(BASES["minimal"])


def sub(kode: str, nama: str, unit_kerja: str | None = "Camat", lokasi: str | None = "Kec. Contoh", anggaran=None) -> dict:
    row = {"kode": kode, "nama": nama}
    if unit_kerja is not None:
        row["unit_kerja"] = unit_kerja
    if lokasi is not None:
        row["lokasi"] = lokasi
    if anggaran is not None:
        row["anggaran"] = anggaran
    return row


def facts(tmp_path, rows=None, kelurahan_list=("Sukamaju", "Tegalrejo"), min_rp=0, extra=None, kind=None):
    data = copy.deepcopy(BASE)
    data["wilayah"]["kelurahan"] = list(kelurahan_list)
    if rows is not None:
        data["rencana_program"]["tujuan"][0]["sasaran"][0]["program"][0]["kegiatan"][0]["sub_kegiatan"] = rows
    data.update(extra or {})
    path = tmp_path / "plan.json"
    path.write_text(dump_json(data), encoding="utf-8")
    read = read_plan(str(path))
    assert not read.errors, [e.format("en") for e in read.errors]
    ctx = Context(Config(kelurahan_min_rp=min_rp), str(path))
    ctx.plan = read.plan
    out = kelurahan.build(read.plan, ctx)
    return [f for f in out if kind is None or f["kind"] == kind]


def lurah(name):
    return dict(unit_kerja=f"Lurah {name}", lokasi=f"Kel. {name} Kec. Contoh")


def test_no_kelurahan_in_the_plan_means_nothing_to_check(tmp_path):
    assert facts(tmp_path, kelurahan_list=()) == []


def test_names_in_every_cell_with_pointers_and_suggestions(tmp_path):
    rows = [sub("7 01 03 2.02 02", "Pembangunan Sarana dan Prasarana Kelurahan Sukamju", unit_kerja=None, lokasi="Kel. Tegalrejo Kec. Sukamaju")]
    found = facts(tmp_path, rows, kind="kelurahan_name")
    at = f"{KEG}/sub_kegiatan/0"
    assert [(f["pointer"], f["field"], f["declared"], f["known"], f["suggestion"], f["expected"]) for f in found] == [
        (f"{at}/nama", "nama", "Sukamju", False, "Sukamaju", "Sukamaju"),
        (f"{at}/lokasi", "lokasi", "Tegalrejo", True, None, "Tegalrejo"),  # "Kec. Sukamaju" is a kecamatan
    ]
    assert found[0]["similarity"] == Decimal("0.93") and found[0]["kelurahan"] == "Sukamaju, Tegalrejo"
    assert found[0]["row"] == "7 01 03 2.02 02" and found[0]["table"] == "6.1"


def test_unknown_name_without_a_close_one_has_no_suggestion(tmp_path):
    rows = [sub("7 01 03 2.02 02", "Pembangunan Sarana dan Prasarana Kelurahan Dabunegara", unit_kerja=None, lokasi=None)]
    (fact,) = facts(tmp_path, rows, kind="kelurahan_name")
    assert (fact["declared"], fact["known"], fact["suggestion"], fact["expected"]) == ("Dabunegara", False, None, None)


def test_names_in_tabel_2_9_rincian_and_2_7_columns(tmp_path):
    extra = {
        "anggaran_realisasi": {
            "tabel": "2.9", "tahun": [2022],
            "baris": [{"uraian": "PROGRAM PEMBERDAYAAN", "rincian": [
                {"uraian": "Pemberdayaan", "rincian": [{"uraian": "Pemberdayaan Masyarakat di Kelurahan Kel Tegalreja"}]},
            ]}],
        },
        "sarana_prasarana": {"tabel": "2.7", "kolom": ["Kecamatan", "Kel. Sukamaju"], "baris": []},
    }
    found = [f for f in facts(tmp_path, extra=extra, kind="kelurahan_name") if f["table"] != "6.1"]
    assert [(f["table"], f["pointer"], f["declared"], f["suggestion"], f["row"]) for f in found] == [
        ("2.9", "/anggaran_realisasi/baris/0/rincian/0/rincian/0/uraian", "Tegalreja", "Tegalrejo", "Pemberdayaan Masyarakat di Kelurahan Kel Tegalreja"),
        ("2.7", "/sarana_prasarana/kolom/1", "Sukamaju", None, "Kel. Sukamaju"),
    ]


def test_split_counts_rows_per_kelurahan_from_name_else_unit_else_lokasi(tmp_path):
    rows = [
        sub("7 01 03 2.02 02", "Pembangunan Sarana dan Prasarana Kelurahan Sukamju", **lurah("Sukamaju")),
        # the name names no kelurahan we know of; the unit kerja does
        sub("7 01 03 2.02 02", "Pembangunan Sarana dan Prasarana Kelurahan Dabunegara", **lurah("Tegalrejo")),
        sub("7 01 03 2.02 03", "Pemberdayaan Masyarakat di Kelurahan Sukamaju", **lurah("Sukamaju")),
        sub("7 01 03 2.02 03", "Pemberdayaan Masyarakat di Kelurahan Sukamaju", **lurah("Sukamaju")),
    ]
    found = facts(tmp_path, rows, kind="kelurahan_coverage")
    assert [(f["split"], f["kelurahan"], f["rows"], f["pointer"].rsplit("/", 1)[1]) for f in found] == [
        ("7.01.03.2.02.0002", "Sukamaju", 1, "0"),
        ("7.01.03.2.02.0002", "Tegalrejo", 1, "1"),
        ("7.01.03.2.02.0003", "Sukamaju", 2, "3"),  # the second row is the one pointed at
        ("7.01.03.2.02.0003", "Tegalrejo", 0, "2"),  # none: the split's first row
    ]
    assert found[2]["declared"] == 2 and found[2]["expected"] == 1 and found[2]["difference"] == 1
    assert found[0]["split_name"] == "Pembangunan Sarana dan Prasarana Kelurahan" and found[0]["row"] == "7 01 03 2.02 02"


def test_any_code_repeated_with_kelurahan_is_a_split_and_a_single_other_row_is_not(tmp_path):
    rows = [
        sub("7 01 03 2.02 01", "Peningkatan Partisipasi Masyarakat dalam Forum Musyawarah Perencanaan Pembangunan di Kelurahan"),
        sub("7 01 03 2.02 04", "Evaluasi Kelurahan Sukamaju", **lurah("Sukamaju")),
        sub("7 01 03 2.02 04", "Evaluasi Kelurahan Sukamaju", **lurah("Sukamaju")),
    ]
    found = facts(tmp_path, rows, kind="kelurahan_coverage")
    assert [(f["split"], f["kelurahan"], f["rows"]) for f in found] == [
        ("7.01.03.2.02.0004", "Sukamaju", 2), ("7.01.03.2.02.0004", "Tegalrejo", 0),
    ]


def test_a_plan_without_the_mandatory_sub_kegiatan_has_no_coverage_fact(tmp_path):
    rows = [sub("7 01 03 2.02 01", "Peningkatan Partisipasi Masyarakat dalam Forum Musyawarah Perencanaan Pembangunan di Kelurahan")]
    assert facts(tmp_path, rows, kind="kelurahan_coverage") == []


def test_row_agreement(tmp_path):
    rows = [
        sub("7 01 03 2.02 02", "Pembangunan Sarana dan Prasarana Kelurahan Sukamaju", **lurah("Sukamju")),  # same, misspelt
        sub("7 01 03 2.02 02", "Pembangunan Sarana dan Prasarana Kelurahan Dabunegara", **lurah("Tegalrejo")),
        sub("7 01 03 2.02 03", "Pemberdayaan Masyarakat di Kelurahan", unit_kerja="Lurah Tegalrejo", lokasi="Kel. Sukamaju"),
        sub("7 01 03 2.02 03", "Pemberdayaan Masyarakat di Kelurahan Tegalrejo", unit_kerja="Camat", lokasi="Kec. Contoh"),
    ]
    found = facts(tmp_path, rows, kind="kelurahan_row")
    assert [(f["pointer"].split("sub_kegiatan/")[1], f["consistent"], f["declared"], f["expected"]) for f in found] == [
        ("0/nama", True, "Sukamaju", "Sukamaju"),
        ("1/unit_kerja", False, "Tegalrejo", "Dabunegara"),
        ("2/lokasi", False, "Sukamaju", "Tegalrejo"),  # no kelurahan in the name: the unit kerja leads
    ]  # the last row names a kelurahan in one cell only: nothing to compare
    assert (found[1]["nama_kelurahan"], found[1]["unit_kerja_kelurahan"], found[1]["lokasi_kelurahan"]) == ("Dabunegara", "Tegalrejo", "Tegalrejo")
    assert found[2]["nama_kelurahan"] is None


def test_funding_sums_both_sub_kegiatan_exactly_per_year(tmp_path):
    rows = [
        sub("7 01 03 2.02 02", "Pembangunan Sarana dan Prasarana Kelurahan Sukamaju", **lurah("Sukamaju"),
            anggaran={"2024": 100000000, "2025": "50000000.50", "2026": None}),
        sub("7 01 03 2.02 03", "Pemberdayaan Masyarakat di Kelurahan Sukamaju", **lurah("Sukamaju"),
            anggaran={"2024": 20000000, "2025": "0.25", "2026": None}),
        sub("7 01 03 2.02 02", "Pembangunan Sarana dan Prasarana Kelurahan Tegalrejo", **lurah("Tegalrejo"),
            anggaran={"2024": 5}),
        sub("7 01 03 2.02 01", "Peningkatan Partisipasi Masyarakat dalam Forum Musyawarah Perencanaan Pembangunan di Kelurahan Sukamaju",
            **lurah("Sukamaju"), anggaran={"2024": 999}),  # not one of the two funded sub kegiatan
    ]
    found = facts(tmp_path, rows, min_rp=100000000, kind="kelurahan_funding")
    got = [(f["kelurahan"], f["year"], f["declared"], f["expected"], f["pointer"].split("sub_kegiatan/")[1]) for f in found]
    assert got == [
        ("Sukamaju", 2024, 120000000, 100000000, "0/anggaran/2024"),
        ("Sukamaju", 2025, Decimal("50000000.75"), 100000000, "0/anggaran/2025"),
        ("Sukamaju", 2026, None, 100000000, "0/anggaran/2026"),  # both printed "-": nothing to add
        ("Tegalrejo", 2024, 5, 100000000, "2/anggaran/2024"),
        ("Tegalrejo", 2025, None, 100000000, "2/anggaran/2025"),  # blank: no amount
        ("Tegalrejo", 2026, None, 100000000, "2/anggaran/2026"),
    ]
    assert isinstance(found[1]["declared"], Decimal) and found[0]["difference"] == 20000000


def test_no_funding_facts_without_a_minimum(tmp_path):
    assert facts(tmp_path, min_rp=0, kind="kelurahan_funding") == []


@pytest.mark.parametrize("sample", ["renstra-pandaan-2024-2026.json", "renstra-pandaan-2024-2026.corrected.json"])
def test_pandaan_splits_cover_every_kelurahan_once(sample):
    root = Path(__file__).parents[1] / "samples"
    read = read_plan(str(root / sample))
    ctx = Context(Config(), sample)
    ctx.plan = read.plan
    coverage = [f for f in kelurahan.build(read.plan, ctx) if f["kind"] == "kelurahan_coverage"]
    assert sorted({f["split"] for f in coverage}) == ["7.01.02.2.01.0002", "7.01.03.2.02.0002", "7.01.03.2.02.0003"]
    assert {f["rows"] for f in coverage} == {1}
