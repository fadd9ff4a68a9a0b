"""Target facts (engine/facts/targets.py): end-of-period values, direction, units and bounds on edge
cases, and the TGT rules on the Pandaan samples."""
from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "rules"))
from builders import PANDAAN, PANDAAN_CORRECTED, base, corrections, facts_of  # noqa: E402

from telaah.engine.config import Config, parse_config  # noqa: E402
from telaah.engine.facts import targets  # noqa: E402
from telaah.engine.pipeline import CheckOptions, check_file  # noqa: E402

TUJUAN = "/rencana_program/tujuan/0/indikator/0"
SASARAN = "/rencana_program/tujuan/0/sasaran/0/indikator/0"
SUB = "/rencana_program/tujuan/0/sasaran/0/program/0/kegiatan/0/sub_kegiatan/0/indikator/0"


def indicators(data):
    """The IKM (tujuan), percentage (sasaran) and unit-count (sub kegiatan) indicators of minimal."""
    tujuan = data["rencana_program"]["tujuan"][0]
    sasaran = tujuan["sasaran"][0]
    sub = sasaran["program"][0]["kegiatan"][0]["sub_kegiatan"][0]
    return tujuan["indikator"][0], sasaran["indikator"][0], sub["indikator"][0]


def of_kind(data, tmp_path, kind, config=Config()):
    return {f["pointer"]: f for f in facts_of(targets.build, data, tmp_path, config, kind=kind)}


def test_method_comes_from_occurrence_then_catalogue_then_unit(tmp_path):
    data = base()
    ikm, percent, count = indicators(data)
    facts = of_kind(data, tmp_path, "target_end")
    assert (facts[f"{TUJUAN}/akhir"]["method"], facts[f"{TUJUAN}/akhir"]["method_source"]) == ("tahun_akhir", "katalog")
    assert (facts[f"{SUB}/akhir"]["method"], facts[f"{SUB}/akhir"]["expected"]) == ("jumlah", 15)
    assert facts[f"{SASARAN}/akhir"]["method_source"] == "satuan"
    ikm["akhir_periode"] = "jumlah"  # the occurrence overrides its catalogue entry
    facts = of_kind(data, tmp_path, "target_end")
    assert (facts[f"{TUJUAN}/akhir"]["method_source"], facts[f"{TUJUAN}/akhir"]["expected"]) == ("indikator", 267)


def test_configured_unit_default_and_unknown_unit(tmp_path):
    data = base()
    _ikm, _percent, count = indicators(data)
    config = parse_config({"end-of-period": {"Unit": "tahun_akhir"}}, "telaah.toml")
    assert of_kind(data, tmp_path, "target_end", config)[f"{SUB}/akhir"]["expected"] == 5
    count["satuan"] = "ekor"
    for cell in [*count["target"].values(), count["akhir"], count["baseline"]]:
        cell["satuan"] = "ekor"
    assert f"{SUB}/akhir" not in of_kind(data, tmp_path, "target_end")  # no method for "ekor": not guessed
    assert of_kind(data, tmp_path, "target_end_printed")[f"{SUB}/akhir"]["method"] is None


def test_jumlah_adds_decimal_targets_exactly_and_needs_every_year(tmp_path):
    data = base()
    _ikm, _percent, count = indicators(data)
    count["target"] = {"2024": Decimal("0.5"), "2025": Decimal("0.25"), "2026": Decimal("0.1")}
    count["akhir"] = Decimal("0.85")
    fact = of_kind(data, tmp_path, "target_end")[f"{SUB}/akhir"]
    assert fact["expected"] == Decimal("0.85") and fact["difference"] == 0
    count["target"]["2025"] = None
    assert f"{SUB}/akhir" not in of_kind(data, tmp_path, "target_end")


def test_tahun_akhir_needs_the_last_year(tmp_path):
    data = base()
    ikm, *_ = indicators(data)
    del ikm["target"]["2026"]
    assert f"{TUJUAN}/akhir" not in of_kind(data, tmp_path, "target_end")


def test_eksplisit_is_not_checked_but_must_be_printed(tmp_path):
    data = base()
    _ikm, _percent, count = indicators(data)
    count["akhir_periode"] = "eksplisit"
    count["akhir"] = {"nilai": 7, "satuan": "unit"}
    assert f"{SUB}/akhir" not in of_kind(data, tmp_path, "target_end")
    del count["akhir"]
    printed = of_kind(data, tmp_path, "target_end_printed")[f"{SUB}/akhir"]
    assert (printed["printed"], printed["expected"]) == (False, None)


def test_end_printed_dash_or_text_counts_as_missing(tmp_path):
    data = base()
    ikm, percent, _count = indicators(data)
    percent["akhir"] = None
    ikm["akhir"] = {"nilai": None, "teks": "meningkat"}
    facts = of_kind(data, tmp_path, "target_end_printed")
    assert facts[f"{SASARAN}/akhir"]["printed"] is False and facts[f"{SASARAN}/akhir"]["expected"] == 100
    assert facts[f"{TUJUAN}/akhir"]["printed"] is False
    percent["target"] = {"2024": None}
    assert f"{SASARAN}/akhir" not in of_kind(data, tmp_path, "target_end_printed")  # no target: nothing to end


def test_tabel_4_1_has_no_end_column_and_tabel_7_1_has_one(tmp_path):
    data = base()
    data["tujuan_sasaran"] = {"tabel": "4.1", "tujuan": [{"no": 1, "nama": "Meningkatnya kualitas pelayanan publik",
                              "indikator": [{"nama": "IKM Kecamatan", "ref": "ikm", "target": {"2024": 88, "2025": 89, "2026": 90}}]}]}
    data["indikator_kinerja"] = {"tabel": "7.1", "baris": [
        {"no": 1, "indikator": "IKM Kecamatan", "ref": "ikm", "kondisi_awal": {"tahun": 2022, "nilai": 87},
         "proyeksi": {"2023": Decimal("87.5")}, "target": {"2024": 88, "2025": 89, "2026": 90}, "kondisi_akhir": 91}]}
    printed = of_kind(data, tmp_path, "target_end_printed")
    assert not any(p.startswith("/tujuan_sasaran") for p in printed)
    end = of_kind(data, tmp_path, "target_end")["/indikator_kinerja/baris/0/kondisi_akhir"]
    assert (end["declared"], end["expected"], end["table"]) == (91, 90, "7.1")
    direction = of_kind(data, tmp_path, "target_direction")["/indikator_kinerja/baris/0/target/2024"]
    assert (direction["previous"], direction["expected"]) == ("proyeksi 2023", Decimal("87.5"))


def test_direction_compares_with_the_last_printed_value(tmp_path):
    data = base()
    ikm, *_ = indicators(data)
    ikm["target"]["2025"] = None
    facts = of_kind(data, tmp_path, "target_direction")
    assert facts[f"{TUJUAN}/target/2024"]["previous"] == "baseline"
    assert f"{TUJUAN}/target/2025" not in facts
    assert (facts[f"{TUJUAN}/target/2026"]["previous"], facts[f"{TUJUAN}/target/2026"]["expected"]) == ("target 2024", 88)


def test_direction_only_where_stated(tmp_path):
    data = base()
    _ikm, percent, count = indicators(data)
    facts = of_kind(data, tmp_path, "target_direction")
    assert all(p.startswith(TUJUAN) for p in facts)  # only IKM has a direction (its catalogue entry)
    count["arah"] = "tetap"
    facts = of_kind(data, tmp_path, "target_direction")
    assert facts[f"{SUB}/target/2024"]["arah"] == "tetap" and facts[f"{SUB}/target/2024"]["expected"] == 3


def test_units_ignore_case_and_spaces_not_words(tmp_path):
    data = base()
    _ikm, _percent, count = indicators(data)
    count["target"]["2024"]["satuan"] = " Unit"
    count["akhir"]["satuan"] = "u nit"
    count["target"]["2025"]["satuan"] = "paket"
    facts = of_kind(data, tmp_path, "target_unit")
    assert facts[f"{SUB}/target/2024"]["same_unit"] is True
    assert facts[f"{SUB}/akhir"]["same_unit"] is True
    assert (facts[f"{SUB}/target/2025"]["same_unit"], facts[f"{SUB}/target/2025"]["column"]) == (False, "target 2025")


def test_unit_reference_is_the_first_target_when_the_indicator_has_none(tmp_path):
    data = base()
    _ikm, _percent, count = indicators(data)
    del count["satuan"]
    count["target"]["2024"]["satuan"] = "paket"
    facts = of_kind(data, tmp_path, "target_unit")
    assert facts[f"{SUB}/target/2025"]["expected"] == "paket" and facts[f"{SUB}/target/2025"]["same_unit"] is False


def test_bounds_for_percent_and_maks(tmp_path):
    data = base()
    _ikm, percent, count = indicators(data)
    facts = of_kind(data, tmp_path, "value_range")
    assert not any(p.startswith(SUB) for p in facts)  # a count has no bound
    assert facts[f"{SASARAN}/target/2024"]["maximum"] == 100
    assert facts[f"{TUJUAN}/akhir"]["maximum"] == 100  # IKM: maks from the catalogue
    percent["target"]["2025"] = 120
    count["maks"] = 4
    facts = of_kind(data, tmp_path, "value_range")
    assert (facts[f"{SASARAN}/target/2025"]["expected"], facts[f"{SASARAN}/target/2025"]["difference"]) == (100, 20)
    assert facts[f"{SUB}/target/2024"]["expected"] == 4 and facts[f"{SUB}/baseline"]["difference"] == 0


def test_tabel_2_8_targets_and_realisasi_are_series_too(tmp_path):
    data = base("tabel-2")
    data["kinerja_pelayanan"]["baris"][0]["realisasi"]["2022"] = Decimal("101.5")
    facts = of_kind(data, tmp_path, "value_range")
    fact = facts["/kinerja_pelayanan/baris/0/realisasi/2022"]
    assert (fact["column"], fact["expected"], fact["year"]) == ("realisasi 2022", 100, 2022)
    assert "/kinerja_pelayanan/baris/0/target/2022" in of_kind(data, tmp_path, "target_direction")


def findings_of(path, prefix):
    result = check_file(str(path), CheckOptions())
    assert not result.errors
    return [f for f in result.findings if f.code.startswith(prefix)]


def test_pandaan_corrected_has_no_target_finding():
    assert [(f.code, f.pointer) for f in findings_of(PANDAAN_CORRECTED, "TGT")] == []


def test_pandaan_faithful_every_end_target_correction_is_found_and_nothing_else():
    found = {f.pointer for f in findings_of(PANDAAN, "TGT")}
    ends = {c["pointer"] for c in corrections() if c["column"] == "target akhir periode"}
    assert len(ends) == 8 and found == ends
