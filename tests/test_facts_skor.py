"""Claim facts (engine/facts/claims.py): categories, cited cells, computed shares and averages,
budget changes, on edge cases; and the SKR rules on the Pandaan samples."""
from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "rules"))
from builders import PANDAAN, PANDAAN_CORRECTED, base, corrections, facts_of, resolve  # noqa: E402

from telaah.engine.config import Config  # noqa: E402
from telaah.engine.facts import claims  # noqa: E402
from telaah.engine.ipasn import contract_share  # noqa: E402
from telaah.engine.pipeline import CheckOptions, check_file  # noqa: E402


def plan():
    return base("tabel-lengkap")


def facts(data, tmp_path, kind, config=Config()):
    return {f["pointer"]: f for f in facts_of(claims.build, data, tmp_path, config, kind=kind)}


def ikm_claim(nilai, kategori):
    return {"jenis": "kategori_ikm", "sumber": {"bagian": "2.3"}, "tahun": 2022, "nilai": nilai, "kategori": kategori}


@pytest.mark.parametrize("nilai, kategori, cocok", [
    (Decimal("88.30"), "Baik", True),
    (Decimal("88.305"), "Sangat Baik", True),  # rounds half up to 88,31
    (Decimal("88.31"), "Baik", False),
    (Decimal("76.61"), "Baik", True),
    (Decimal("76.60"), "Baik", False),
    (Decimal("64.99"), "Tidak Baik", True),
    (Decimal("97.25"), "sangat  baik", True),  # letter case and spaces
    (Decimal("97.25"), "A", True),  # the mutu letter
    (Decimal("80"), "Good", True),  # the English name
])
def test_ikm_categories_follow_the_bands(tmp_path, nilai, kategori, cocok):
    data = plan()
    data["klaim"] = [ikm_claim(nilai, kategori)]
    fact = facts(data, tmp_path, "ikm_category_claim")["/klaim/0/kategori"]
    assert fact["cocok"] is cocok


def test_an_ikm_value_outside_the_scale_makes_no_category_fact(tmp_path):
    data = plan()
    data["klaim"] = [ikm_claim(120, "Sangat Baik")]
    assert facts(data, tmp_path, "ikm_category_claim") == {}


def test_a_claim_without_value_takes_the_cell_it_cites(tmp_path):
    data = plan()
    found = facts(data, tmp_path, "ikm_category_claim")
    assert found["/klaim/1/kategori"]["nilai"] == 90  # the 2026 target of Tabel 4.1
    data["klaim"][1]["tabel"] = "7.1"
    data["indikator_kinerja"]["baris"][0]["target"]["2026"] = Decimal("88.30")
    fact = facts(data, tmp_path, "ikm_category_claim")["/klaim/1/kategori"]
    assert (fact["nilai"], fact["expected"], fact["cocok"]) == (Decimal("88.30"), "Baik", False)
    data["klaim"][1]["tahun"] = 2030  # no such target: nothing to categorise
    assert "/klaim/1/kategori" not in facts(data, tmp_path, "ikm_category_claim")


@pytest.mark.parametrize("nilai, predikat", [(Decimal("80.00"), "BB"), (Decimal("80.005"), "A"), (Decimal("70.01"), "BB"),
                                             (Decimal("30"), "D")])
def test_sakip_predicates_follow_the_bounds(tmp_path, nilai, predikat):
    data = plan()
    data["klaim"] = [{"jenis": "predikat_sakip", "sumber": {"bagian": "2.3"}, "nilai": nilai, "predikat": predikat}]
    assert facts(data, tmp_path, "sakip_predicate_claim")["/klaim/0/predikat"]["cocok"] is True


def test_ip_asn_category_uses_the_stated_average_else_the_table(tmp_path):
    data = plan()
    data["ip_asn"]["pernyataan"]["rata_rata"] = Decimal("60.5")  # stated: Rendah, though the table gives 58,33
    fact = facts(data, tmp_path, "ip_asn_category_claim")["/ip_asn/pernyataan/kategori"]
    assert (fact["nilai"], fact["expected"], fact["cocok"]) == (Decimal("60.5"), "Rendah", False)
    del data["ip_asn"]["pernyataan"]["rata_rata"]
    fact = facts(data, tmp_path, "ip_asn_category_claim")["/ip_asn/pernyataan/kategori"]
    assert (fact["nilai"], fact["cocok"]) == (Decimal("58.33"), True)


def test_a_claim_matches_the_cell_rounded_to_its_decimals(tmp_path):
    data = plan()
    sakip = data["klaim"][3]
    found = facts(data, tmp_path, "claim_table_value")
    assert set(found) == {"/klaim/0/nilai", "/klaim/2/nilai", "/klaim/3/nilai", "/klaim/7/nilai"}
    for written, cocok in ((101, True), (Decimal("101.0"), True), (Decimal("100.9"), False), (100, False)):
        sakip["nilai"] = {"nilai": written, "satuan": "%"}
        fact = facts(data, tmp_path, "claim_table_value")["/klaim/3/nilai"]
        assert (fact["expected"], fact["cocok"]) == (Decimal("100.97"), cocok), written


def test_a_claim_citing_a_dash_or_a_missing_cell_is_not_compared(tmp_path):
    data = plan()
    data["kinerja_pelayanan"]["baris"][1]["rasio"]["2022"] = None
    data["klaim"][7]["tahun"] = 2019
    found = facts(data, tmp_path, "claim_table_value")
    assert "/klaim/3/nilai" not in found and "/klaim/7/nilai" not in found


def test_the_non_asn_share_counts_the_rows_the_subject_names(tmp_path):
    data = plan()
    data["pegawai"]["non_asn"]["baris"] = [{"no": 1, "uraian": "PTT", "laki_laki": 1, "perempuan": 0, "total": 1},
                                          {"no": 2, "uraian": "THL", "laki_laki": 1, "perempuan": 1, "total": 2}]
    data["pegawai"]["non_asn"]["jumlah"] = {"laki_laki": 2, "perempuan": 1, "total": 3}
    share = data["klaim"][4]
    assert facts(data, tmp_path, "claim_computed_value")["/klaim/4/nilai"]["expected"] == 40  # THL: 2 / (3 + 2)
    share["subjek"] = "THL dan PTT"
    assert facts(data, tmp_path, "claim_computed_value")["/klaim/4/nilai"]["expected"] == 50  # 3 / (3 + 3)


def test_a_share_is_rounded_once_to_the_printed_decimals(tmp_path):
    # 73 of 157 is 46,4968…: 46 with no decimals, although 46,50 with two would round to 47
    assert (contract_share(73, 84), contract_share(73, 84, 0)) == (Decimal("46.50"), Decimal("46"))
    data = plan()
    data["pegawai"]["golongan"]["jumlah"]["total"] = 84
    data["pegawai"]["non_asn"]["jumlah"]["total"] = 73
    data["klaim"][4].update(subjek="THL dan PTT", nilai={"nilai": 46, "satuan": "%"})
    fact = facts(data, tmp_path, "claim_computed_value")["/klaim/4/nilai"]
    assert (fact["declared"], fact["expected"], fact["difference"]) == (46, 46, 0)


def test_a_stated_ip_asn_average_is_recomputed_from_the_dimensions(tmp_path):
    data = plan()
    data["ip_asn"]["baris"][2]["skor"] = 45  # a wrong printed score does not change the average
    fact = facts(data, tmp_path, "claim_computed_value")["/klaim/5/nilai"]
    assert fact["expected"] == Decimal("58.33")


def test_a_stated_realisation_ratio_is_recomputed_from_the_jumlah_row(tmp_path):
    data = plan()
    data["anggaran_realisasi"]["jumlah"]["rasio"]["2022"] = Decimal("96.00")  # the printed ratio is wrong
    table = facts(data, tmp_path, "claim_table_value")["/klaim/7/nilai"]
    computed = facts(data, tmp_path, "claim_computed_value")["/klaim/7/nilai"]
    assert (table["expected"], table["cocok"]) == (Decimal("96.00"), False)
    assert (computed["expected"], computed["difference"]) == (Decimal("95.00"), 0)
    data["anggaran_realisasi"]["jumlah"]["anggaran"]["2022"] = 0  # no ratio of a zero budget
    assert "/klaim/7/nilai" not in facts(data, tmp_path, "claim_computed_value")


def change_claim(**fields):
    return {"jenis": "selisih_anggaran", "sumber": {"bagian": "2.3"}, "tabel": "2.9", "tahun": 2023,
            "tahun_pembanding": 2022, **fields}


@pytest.mark.parametrize("subjek, rp, arah, arah_cocok, within", [
    ("kenaikan", 10000000, "kenaikan", True, True),
    ("terjadi penurunan anggaran", 10000000, "penurunan", False, True),
    ("selisih", 10000001, None, None, False),
    ("realisasi naik", 9500000, "kenaikan", True, True),
])
def test_budget_changes(tmp_path, subjek, rp, arah, arah_cocok, within):
    data = plan()
    data["klaim"] = [change_claim(subjek=subjek, rp=rp)]
    fact = facts(data, tmp_path, "budget_change_claim")["/klaim/0/rp"]
    assert (fact["arah"], fact["arah_tabel"], fact["arah_cocok"], fact["within_tolerance"]) == (arah, "kenaikan", arah_cocok, within)


def test_budget_change_tolerance_is_explicit_and_a_missing_year_is_not_checked(tmp_path):
    data = plan()
    data["klaim"] = [change_claim(subjek="kenaikan", rp=10000003), change_claim(subjek="kenaikan", rp=1, tahun=2024)]
    strict = facts(data, tmp_path, "budget_change_claim")
    assert set(strict) == {"/klaim/0/rp"} and strict["/klaim/0/rp"]["within_tolerance"] is False
    assert facts(data, tmp_path, "budget_change_claim", Config(tolerance_rupiah=3))["/klaim/0/rp"]["within_tolerance"] is True


def findings(path, prefix):
    result = check_file(str(path), CheckOptions())
    assert not result.errors
    return [f for f in result.findings if f.code.startswith(prefix)]


def test_pandaan_claims_that_disagree_with_the_tables_are_found():
    """Every statement reported contradicts a cell CORRECTIONS.md changes: the statement itself, or
    the Tabel 2.8 / 2.9 cell it is checked against; and the corrected sample has none."""
    data = json.loads(PANDAAN.read_text(encoding="utf-8"))
    corrected = {c["pointer"] for c in corrections()}
    found = findings(PANDAAN, "SKR")
    assert found
    for f in found:
        klaim = resolve(data, f.pointer.rsplit("/", 1)[0])
        cited = {f"/anggaran_realisasi/jumlah/{column}/{year}" for column in ("anggaran", "realisasi", "rasio")
                 for year in (klaim.get("tahun"), klaim.get("tahun_pembanding"))}
        assert f.pointer in corrected or cited & corrected, f.pointer
    assert "/klaim/15/nilai" in {f.pointer for f in found}  # "80 %" where Tabel 2.8 records 100 %
    assert findings(PANDAAN_CORRECTED, "SKR") == []
