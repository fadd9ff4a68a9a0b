"""Cross-table facts (engine/facts/crosstable.py): what is compared with what, on edge cases, and
the LTB rules on the Pandaan samples."""
from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "rules"))
from builders import PANDAAN, PANDAAN_CORRECTED, base, corrections, facts_of  # noqa: E402

from telaah.engine.facts import crosstable  # noqa: E402
from telaah.engine.pipeline import CheckOptions, check_file  # noqa: E402

IKM_61 = "/rencana_program/tujuan/0/indikator/0"
INDEKS_61 = "/rencana_program/tujuan/0/sasaran/0/indikator/0"


def plan():
    return base("tabel-lengkap")


def facts(data, tmp_path, kind):
    return {f["pointer"]: f for f in facts_of(crosstable.build, data, tmp_path, kind=kind)}


def test_targets_of_every_year_are_compared_with_tabel_4_1(tmp_path):
    found = facts(plan(), tmp_path, "indicator_target_cross")
    assert len(found) == 2 * 2 * 3  # IKM and Indeks, in 6.1 and 7.1, 2024–2026
    assert {f["tabel_acuan"] for f in found.values()} == {"4.1"}
    assert all(f["difference"] == 0 for f in found.values())


def test_the_same_number_written_with_decimals_is_the_same_target(tmp_path):
    data = plan()
    data["indikator_kinerja"]["baris"][0]["target"]["2025"] = Decimal("89.00")
    fact = facts(data, tmp_path, "indicator_target_cross")["/indikator_kinerja/baris/0/target/2025"]
    assert fact["declared"] == fact["expected"] and fact["difference"] == 0


def test_without_tabel_4_1_tabel_7_1_is_the_reference(tmp_path):
    data = plan()
    del data["tujuan_sasaran"]
    data["rencana_program"]["tujuan"][0]["indikator"][0]["target"]["2026"] = {"nilai": 91, "satuan": "nilai"}
    found = facts(data, tmp_path, "indicator_target_cross")
    assert set(found) == {f"{p}/target/{y}" for p in (IKM_61, INDEKS_61) for y in (2024, 2025, 2026)}
    fact = found[f"{IKM_61}/target/2026"]
    assert (fact["declared"], fact["expected"], fact["tabel_acuan"], fact["difference"]) == (91, 90, "7.1", 1)


def test_missing_dash_and_text_targets_are_not_compared(tmp_path):
    data = plan()
    targets = data["rencana_program"]["tujuan"][0]["indikator"][0]["target"]
    targets["2024"] = None
    targets["2025"] = {"nilai": None, "teks": "sangat baik"}
    del data["indikator_kinerja"]["baris"][0]["target"]["2026"]
    found = facts(data, tmp_path, "indicator_target_cross")
    assert f"{IKM_61}/target/2024" not in found and f"{IKM_61}/target/2025" not in found
    assert f"{IKM_61}/target/2026" in found
    assert "/indikator_kinerja/baris/0/target/2026" not in found


def test_rows_split_per_kelurahan_in_tabel_6_1_are_not_compared_with_each_other(tmp_path):
    data = plan()
    kegiatan = data["rencana_program"]["tujuan"][0]["sasaran"][0]["program"][0]["kegiatan"][0]
    sub = kegiatan["sub_kegiatan"][0]
    other = {**sub, "nama": "Pembangunan Sarana dan Prasarana Kelurahan Sukamulya", "unit_kerja": "Lurah Sukamulya",
             "lokasi": "Kel. Sukamulya Kec. Contoh",
             "indikator": [{**sub["indikator"][0], "target": {"2024": 4, "2025": 4, "2026": 4}}]}
    kegiatan["sub_kegiatan"].append(other)
    found = facts_of(crosstable.build, data, tmp_path)
    assert not any("/sub_kegiatan/" in f["pointer"] for f in found)


def test_the_baseline_is_compared_with_the_value_of_the_year_before_the_period(tmp_path):
    found = facts(plan(), tmp_path, "indicator_baseline_cross")
    fact = found[f"{IKM_61}/baseline"]
    assert (fact["year"], fact["declared"], fact["expected"], fact["tabel_acuan"]) == (2023, Decimal("87.5"), Decimal("87.5"), "7.1")


def test_a_kondisi_awal_of_an_earlier_year_is_not_compared_with_the_baseline(tmp_path):
    data = plan()
    for row in data["indikator_kinerja"]["baris"]:
        del row["proyeksi"]
    found = facts(data, tmp_path, "indicator_baseline_cross")
    assert f"{IKM_61}/baseline" not in found and f"{INDEKS_61}/baseline" not in found
    data["indikator_kinerja"]["baris"][0]["kondisi_awal"] = {"tahun": 2023, "nilai": Decimal("97.5")}
    fact = facts(data, tmp_path, "indicator_baseline_cross")[f"{IKM_61}/baseline"]
    assert (fact["year"], fact["declared"], fact["expected"]) == (2023, Decimal("87.5"), Decimal("97.5"))


def test_kondisi_awal_of_tabel_7_1_is_compared_with_the_realisasi_of_tabel_2_8(tmp_path):
    data = plan()
    data["kinerja_pelayanan"]["baris"][0]["realisasi"]["2022"] = Decimal("87.30")
    fact = facts(data, tmp_path, "indicator_baseline_cross")["/indikator_kinerja/baris/0/kondisi_awal/nilai"]
    assert (fact["year"], fact["tabel_acuan"], fact["difference"]) == (2022, "2.8", Decimal("-0.05"))
    # the Indeks has no Tabel 2.8 row: nothing to compare its kondisi awal with
    assert "/indikator_kinerja/baris/1/kondisi_awal/nilai" not in facts(data, tmp_path, "indicator_baseline_cross")


def test_end_values_are_compared_with_tabel_7_1(tmp_path):
    data = plan()
    data["rencana_program"]["tujuan"][0]["indikator"][0]["akhir"] = {"nilai": 92, "satuan": "nilai"}
    found = facts(data, tmp_path, "indicator_end_cross")
    assert set(found) == {f"{IKM_61}/akhir", f"{INDEKS_61}/akhir"}
    assert (found[f"{IKM_61}/akhir"]["declared"], found[f"{IKM_61}/akhir"]["expected"]) == (92, 90)


def test_an_occurrence_without_ref_joins_the_group_of_its_name(tmp_path):
    data = plan()
    del data["indikator_kinerja"]["baris"][0]["ref"]
    data["indikator_kinerja"]["baris"][0]["target"]["2024"] = 87
    fact = facts(data, tmp_path, "indicator_target_cross")["/indikator_kinerja/baris/0/target/2024"]
    assert (fact["declared"], fact["expected"]) == (87, 88)
    # the catalogue's name ties an occurrence to the group as well
    data["indikator_kinerja"]["baris"][0]["indikator"] = "Indeks Kepuasan Masyarakat (IKM) Kecamatan"
    assert "/indikator_kinerja/baris/0/target/2024" in facts(data, tmp_path, "indicator_target_cross")


def test_a_name_joined_without_ref_is_compared_too(tmp_path):
    data = plan()
    del data["tujuan_sasaran"]["tujuan"][0]["indikator"][0]["ref"]  # the first IKM occurrence, joined by its name
    data["indikator_kinerja"]["baris"][0]["indikator"] = "IKM Kabupaten"
    found = facts(data, tmp_path, "indicator_name_cross")
    fact = found["/indikator_kinerja/baris/0/indikator"]
    assert (fact["sama"], fact["expected"], fact["tabel_acuan"]) == (False, "IKM Kecamatan", "4.1")


def test_names_are_compared_within_a_ref_group_ignoring_case_and_punctuation(tmp_path):
    data = plan()
    data["strategi_kebijakan"]["baris"][0]["indikator_sasaran"]["nama"] = "indeks  penyelenggaraan, kecamatan"
    data["indikator_kinerja"]["baris"][1]["indikator"] = "Indeks Penyelenggaraan Pemerintahan Kecamatan"
    found = facts(data, tmp_path, "indicator_name_cross")
    assert len(found) == 2 * 3  # 5.2, 6.1 and 7.1 against Tabel 4.1, for both indicators
    assert found["/strategi_kebijakan/baris/0/indikator_sasaran/nama"]["sama"] is True
    fact = found["/indikator_kinerja/baris/1/indikator"]
    assert (fact["sama"], fact["expected"], fact["tabel_acuan"]) == (False, "Indeks Penyelenggaraan Kecamatan", "4.1")


def test_program_names_pair_exactly_then_by_similarity():
    left = ["Program Pemberdayaan Masyarakat Desa dan Kelurahan", "Program Penyelenggaraan Urusan Pemerintahan Umum",
            "Program Koordinasi Ketentraman dan Ketertiban Umum"]
    right = ["PROGRAM PENYELENGGARAAN PEMERINTAHAN DAN PELAYANAN PUBLIK", "PROG. PEMBERDAJAAN MASYARAKAT DESA DAN KELURAHAN",
             "PROGRAM KOORDINASI KETENTRAMAN DAN KETERTIBAN UMUM"]
    pairs = crosstable.pair_names(left, right)
    # exact (label and case ignored), misspelt (paired, not the same), and two different programs
    # 0,67 alike that are not taken for one another
    assert pairs == [(0, 1, False), (1, None, False), (2, 2, True), (None, 0, False)]


def test_programs_of_the_bab_vi_list_and_tabel_6_1(tmp_path):
    data = plan()
    data["daftar_program"]["program"] = ["Program Pemberdajaan Masyarakat Desa dan Kelurahan",
                                         "Program Pembinaan dan Pengawasan Pemerintahan Desa"]
    items = facts_of(crosstable.build, data, tmp_path, kind="program_list_item")
    assert [(f["sisi"], f["ada"]) for f in items] == [("BAB VI", True), ("Tabel 6.1", True), ("BAB VI", False)]
    assert items[2]["expected"] is None
    names = facts_of(crosstable.build, data, tmp_path, kind="program_list_name")
    assert [(f["pointer"], f["sama"]) for f in names] == [("/rencana_program/tujuan/0/sasaran/0/program/0/nama", False)]
    del data["daftar_program"]
    assert facts_of(crosstable.build, data, tmp_path, kind="program_list_item") == []


def test_a_program_naming_a_kelurahan_is_paired_like_any_other(tmp_path):
    data = plan()
    kelurahan = data["wilayah"]["kelurahan"][0]
    tabel = data["rencana_program"]["tujuan"][0]["sasaran"][0]["program"][0]
    tabel["nama"] = f"Program Pemberdayaan Masyarakat Kelurahan {kelurahan}"
    data["daftar_program"]["program"] = [f"Program Pemberdayaan Masyarakat Kel. {kelurahan}"]
    items = facts_of(crosstable.build, data, tmp_path, kind="program_list_item")
    assert [(f["sisi"], f["ada"]) for f in items] == [("BAB VI", True), ("Tabel 6.1", True)]


def test_a_program_printed_under_two_sasaran_is_one_program_of_the_list(tmp_path):
    data = plan()
    tujuan = data["rencana_program"]["tujuan"][0]
    tujuan["sasaran"].append({**tujuan["sasaran"][0], "nama": "Meningkatnya akuntabilitas kinerja kecamatan",
                              "indikator": []})
    items = facts_of(crosstable.build, data, tmp_path, kind="program_list_item")
    assert [(f["pointer"], f["ada"]) for f in items] == [
        ("/daftar_program/program/0", True), ("/rencana_program/tujuan/0/sasaran/0/program/0/nama", True)]


def test_the_formula_counts_the_programs_under_the_row_carrying_the_index(tmp_path):
    data = plan()
    count = facts(data, tmp_path, "formula_program_count")["/indikator/1/jumlah_komponen"]
    assert (count["declared"], count["expected"], count["baris_rencana"]) == (1, 1, "Meningkatnya pemberdayaan masyarakat kelurahan")
    # carried by the tujuan, the index counts the programs of all its sasaran
    tujuan = data["rencana_program"]["tujuan"][0]
    tujuan["indikator"].append({"nama": "Indeks Penyelenggaraan Kecamatan", "ref": "indeks_penyelenggaraan"})
    counts = facts_of(crosstable.build, data, tmp_path, kind="formula_program_count")
    assert [(f["baris_rencana"], f["expected"]) for f in counts] == [
        ("Meningkatnya kualitas pelayanan publik di tingkat kecamatan", 1), ("Meningkatnya pemberdayaan masyarakat kelurahan", 1)]


def test_the_stated_count_comes_first_then_the_components(tmp_path):
    data = plan()
    entry = data["indikator"][1]
    entry["komponen"].append("Program Koordinasi Ketentraman dan Ketertiban Umum")
    fact = facts(data, tmp_path, "formula_program_count")["/indikator/1/jumlah_komponen"]
    assert fact["declared"] == 1
    del entry["jumlah_komponen"]
    fact = facts(data, tmp_path, "formula_program_count")["/indikator/1/komponen"]
    assert (fact["declared"], fact["expected"]) == (2, 1)
    names = facts(data, tmp_path, "formula_program_name")
    assert [names[p]["ada"] for p in ("/indikator/1/komponen/0", "/indikator/1/komponen/1")] == [True, False]


def test_only_an_index_of_programs_is_counted(tmp_path):
    data = plan()
    data["indikator"][0]["komponen"] = ["Persyaratan", "Biaya/Tarif"]  # IKM: survey elements, not programs
    data["indikator"][0]["jumlah_komponen"] = 9
    assert [f["pointer"] for f in facts_of(crosstable.build, data, tmp_path, kind="formula_program_count")] == [
        "/indikator/1/jumlah_komponen"]


def findings(path, prefix):
    result = check_file(str(path), CheckOptions())
    assert not result.errors
    return [f for f in result.findings if f.code.startswith(prefix)]


def test_pandaan_cross_table_mistakes_are_found_at_the_corrected_cells():
    found = findings(PANDAAN, "LTB")
    corrected = {c["pointer"] for c in corrections()}
    still = {(f.code, f.pointer) for f in findings(PANDAAN_CORRECTED, "LTB")}
    # the IKM baseline 87,5 (Tabel 7.1: 97,5 for 2023) and end value 92 (Tabel 7.1: 98,25)
    assert {"/rencana_program/tujuan/0/indikator/0/baseline", "/rencana_program/tujuan/0/indikator/0/akhir"} <= {
        f.pointer for f in found if f.code in ("LTB002", "LTB003")}
    for f in found:
        assert f.pointer in corrected or (f.code, f.pointer) in still, (f.code, f.pointer)
    # what the corrected sample still shows is a name warning, no error
    assert {f.severity for f in findings(PANDAAN_CORRECTED, "LTB")} <= {"warning"}
