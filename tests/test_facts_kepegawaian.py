"""Staff and asset facts (engine/facts/staff.py) on edge cases, and the PEG rules on the Pandaan
samples."""
from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "rules"))
from builders import PANDAAN, PANDAAN_CORRECTED, base, corrections, facts_of  # noqa: E402

from telaah.engine.config import Config  # noqa: E402
from telaah.engine.facts import staff  # noqa: E402
from telaah.engine.pipeline import CheckOptions, check_file  # noqa: E402


def plan():
    return base("tabel-lengkap")


def facts(data, tmp_path, kind, config=Config()):
    return {f["pointer"]: f for f in facts_of(staff.build, data, tmp_path, config, kind=kind)}


def test_every_column_of_every_staff_table_is_summed(tmp_path):
    found = facts(plan(), tmp_path, "staff_column_total")
    assert len(found) == 4 * 3
    assert all(f["difference"] == 0 and f["sesuai"] for f in found.values())


def test_a_count_printed_dash_leaves_its_column_and_row_unchecked(tmp_path):
    data = plan()
    data["pegawai"]["golongan"]["baris"][1]["perempuan"] = None
    columns = facts(data, tmp_path, "staff_column_total")
    assert "/pegawai/golongan/jumlah/perempuan" not in columns
    assert "/pegawai/golongan/jumlah/laki_laki" in columns
    rows = facts(data, tmp_path, "staff_row_total")
    assert "/pegawai/golongan/baris/1/total" not in rows and "/pegawai/golongan/baris/0/total" in rows


def test_a_wrong_row_total_is_not_reported_again_in_the_total_column(tmp_path):
    data = plan()
    data["pegawai"]["golongan"]["baris"][0]["total"] = 3  # 1 + 1 printed as 3
    fact = facts(data, tmp_path, "staff_column_total")["/pegawai/golongan/jumlah/total"]
    assert (fact["declared"], fact["expected"], fact["sesuai"]) == (3, 4, True)  # 3 = the rows' men + women
    assert facts(data, tmp_path, "staff_row_total")["/pegawai/golongan/baris/0/total"]["declared"] == 3
    data["pegawai"]["golongan"]["jumlah"]["laki_laki"] = 3
    assert facts(data, tmp_path, "staff_column_total")["/pegawai/golongan/jumlah/laki_laki"]["sesuai"] is False


def test_row_totals_include_the_total_row(tmp_path):
    data = plan()
    data["pegawai"]["non_asn"]["jumlah"]["total"] = 3
    fact = facts(data, tmp_path, "staff_row_total")["/pegawai/non_asn/jumlah/total"]
    assert (fact["row"], fact["declared"], fact["expected"], fact["laki_laki"], fact["perempuan"]) == ("Jumlah", 3, 2, 1, 1)


def test_tables_counting_the_same_people_use_their_printed_totals(tmp_path):
    data = plan()
    golongan = data["pegawai"]["golongan"]
    golongan["jumlah"] = {"laki_laki": 3, "perempuan": 0, "total": 3}  # rows still 2 / 1
    found = facts(data, tmp_path, "staff_same_people")
    assert [(f["kolom"], f["declared"], f["expected"]) for f in found.values()] == [
        ("Laki-laki", 3, 2), ("Perempuan", 0, 1), ("Total", 3, 3)]
    del golongan["jumlah"]  # without a total row, the sum of the rows
    found = facts(data, tmp_path, "staff_same_people")
    assert {f["pointer"] for f in found.values()} == {"/pegawai/golongan/baris"}
    assert all(f["difference"] == 0 for f in facts_of(staff.build, data, tmp_path, kind="staff_same_people"))


def test_officials_are_bounded_by_the_asn(tmp_path):
    found = facts(plan(), tmp_path, "staff_subset")
    assert [(f["declared"], f["expected"], f["tabel_acuan"]) for f in found.values()] == [(1, 2, "2.1"), (0, 1, "2.1"), (1, 3, "2.1")]


def test_asn_count_needs_both_tables(tmp_path):
    data = plan()
    fact = facts(data, tmp_path, "asn_count")["/ip_asn/baris"]
    assert (fact["declared"], fact["expected"]) == (3, 3)
    del data["pegawai"]["golongan"]
    assert facts(data, tmp_path, "asn_count") == {}


def test_ip_asn_scores_add_up_exactly(tmp_path):
    data = plan()
    row = data["ip_asn"]["baris"][1]
    row["kompetensi"], row["skor"] = Decimal("17.5"), Decimal("62.4")
    fact = facts(data, tmp_path, "ip_asn_score")["/ip_asn/baris/1/skor"]
    assert (fact["expected"], fact["difference"]) == (Decimal("62.5"), Decimal("-0.1"))


def test_a_dimension_out_of_range_is_a_dimension_fact_not_a_score_fact(tmp_path):
    data = plan()
    data["ip_asn"]["baris"][0]["kualifikasi"] = 26
    dims = facts(data, tmp_path, "ip_asn_dimension")
    assert len(dims) == 3 * 4
    fact = dims["/ip_asn/baris/0/kualifikasi"]
    assert (fact["declared"], fact["expected"], fact["dimensi"]) == (26, 25, "kualifikasi")
    assert "/ip_asn/baris/0/skor" not in facts(data, tmp_path, "ip_asn_score")
    # nor can the statements be recomputed, except the count of people
    assert set(facts(data, tmp_path, "ip_asn_statement")) == {"/ip_asn/pernyataan/jumlah_asn"}


def test_a_missing_dimension_leaves_the_score_and_average_unchecked(tmp_path):
    data = plan()
    data["ip_asn"]["baris"][2]["kompetensi"] = None
    assert "/ip_asn/baris/2/skor" not in facts(data, tmp_path, "ip_asn_score")
    assert set(facts(data, tmp_path, "ip_asn_statement")) == {"/ip_asn/pernyataan/jumlah_asn"}


def test_the_stated_average_is_rounded_half_up_to_its_printed_decimals(tmp_path):
    data = plan()
    data["ip_asn"]["baris"].append({"no": 4, "nama": "DEWI", "kualifikasi": 5, "kompetensi": Decimal("14.5"),
                                    "kinerja": 25, "disiplin": 5, "skor": Decimal("49.5")})
    data["ip_asn"]["pernyataan"].update(jumlah_asn=4, rata_rata=Decimal("56.12"), tertinggi=80, terendah=35)
    found = facts(data, tmp_path, "ip_asn_statement")
    # (80 + 60 + 35 + 49,5) / 4 = 56,125: half up is 56,13 (half to even would give 56,12)
    assert found["/ip_asn/pernyataan/rata_rata"]["expected"] == Decimal("56.13")
    data["ip_asn"]["pernyataan"]["rata_rata"] = Decimal("56.1")
    assert facts(data, tmp_path, "ip_asn_statement")["/ip_asn/pernyataan/rata_rata"]["expected"] == Decimal("56.1")


def test_asset_groups_sum_the_rows_printed_under_them(tmp_path):
    data = plan()
    found = facts(data, tmp_path, "asset_group_total")
    assert set(found) == {f"/aset/baris/{i}/{m}" for i in (0, 1, 3, 4) for m in ("jumlah", "nilai")} | {
        "/aset/jumlah/jumlah", "/aset/jumlah/nilai"}
    assert all(f["sesuai"] for f in found.values())


def test_a_wrong_group_is_reported_once_not_again_above(tmp_path):
    data = plan()
    data["aset"]["baris"][3]["jumlah"] = 5  # 01.03.02 over rows of 2; 01.03 (3) was made from the right figure
    found = facts(data, tmp_path, "asset_group_total")
    group, parent = found["/aset/baris/3/jumlah"], found["/aset/baris/0/jumlah"]
    assert (group["declared"], group["expected"], group["sesuai"]) == (5, 2, False)
    assert (parent["expected"], parent["sesuai"]) == (6, True)  # the printed rows, as the message says


def test_a_wrong_detail_row_is_reported_at_its_group_only(tmp_path):
    data = plan()
    data["aset"]["baris"][5]["nilai"] = 140000000
    found = facts(data, tmp_path, "asset_group_total")
    assert [p for p, f in found.items() if not f["sesuai"]] == ["/aset/baris/4/nilai"]


def test_asset_values_are_exact_and_the_tolerance_is_explicit(tmp_path):
    data = plan()
    data["aset"]["baris"][5]["nilai"] = "150000000.50"
    fact = facts(data, tmp_path, "asset_group_total")["/aset/baris/4/nilai"]
    assert (fact["expected"], fact["difference"], fact["sesuai"]) == (Decimal("150000000.50"), Decimal("-0.50"), False)
    lenient = facts(data, tmp_path, "asset_group_total", Config(tolerance_rupiah=1))["/aset/baris/4/nilai"]
    assert lenient["sesuai"] is True
    data["aset"]["baris"][5]["jumlah"] = 3  # counts have no tolerance
    assert facts(data, tmp_path, "asset_group_total", Config(tolerance_rupiah=1))["/aset/baris/4/jumlah"]["sesuai"] is False


def test_a_miscoded_row_stays_under_the_group_printed_above_it(tmp_path):
    data = plan()
    data["aset"]["baris"][5]["kode"] = "01.03.02.13.01"
    nesting = facts(data, tmp_path, "asset_code_nesting")
    fact = nesting["/aset/baris/5/kode"]
    assert (fact["declared"], fact["expected"], fact["bersarang"]) == ("01.03.02.13.01", "01.03.02.05", False)
    assert sum(not f["bersarang"] for f in nesting.values()) == 1
    assert all(f["sesuai"] for f in facts(data, tmp_path, "asset_group_total").values())


def findings(path, prefix):
    result = check_file(str(path), CheckOptions())
    assert not result.errors
    return [f for f in result.findings if f.code.startswith(prefix)]


def test_pandaan_staff_and_asset_mistakes_are_found_at_the_corrected_cells():
    corrected = {c["pointer"] for c in corrections() if c["table"] in ("2.1", "2.6")}
    found = {f.pointer for f in findings(PANDAAN, "PEG")}
    assert found <= corrected
    # every corrected asset cell, and the Tabel 2.1 totals that disagree with Tabel 2.2
    assert {c for c in corrected if c.startswith("/aset/")} | {
        "/pegawai/golongan/jumlah/laki_laki", "/pegawai/golongan/jumlah/perempuan"} == found
    assert findings(PANDAAN_CORRECTED, "PEG") == []
