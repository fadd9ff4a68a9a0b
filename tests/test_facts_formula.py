"""Formula facts (engine/facts/formulas.py): Tabel 2.8/2.9 ratios and the 2.9 growth columns on edge
cases, target coverage per row and year, and the FRM rules on the Pandaan samples."""
from __future__ import annotations

import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "rules"))
from builders import PANDAAN, PANDAAN_CORRECTED, base, corrections, facts_of  # noqa: E402

from telaah.engine.facts import formulas  # noqa: E402
from telaah.engine.pipeline import CheckOptions, check_file  # noqa: E402

RASIO_28 = "/kinerja_pelayanan/baris/0/rasio"
PROGRAM_29 = "/anggaran_realisasi/baris/0"


def of_kind(data, tmp_path, kind):
    return {f["pointer"]: f for f in facts_of(formulas.build, data, tmp_path, kind=kind)}


def test_decimals_of_a_printed_number():
    assert [formulas.decimals(v) for v in (Decimal("96.70"), Decimal("96.7"), 100, Decimal("1E+2"))] == [2, 1, 0, 0]


def test_rasio_capaian_rounds_half_up_at_the_tables_decimals(tmp_path):
    data = base("tabel-2")
    row = data["kinerja_pelayanan"]["baris"][0]
    row["target"]["2021"], row["realisasi"]["2021"] = 80, Decimal("80.004")  # 100.005 exactly
    row["rasio"]["2021"] = Decimal("100.0")  # one decimal stored; the table prints two
    fact = of_kind(data, tmp_path, "rasio_capaian")[f"{RASIO_28}/2021"]
    assert fact["expected"] == Decimal("100.01") and fact["formula"] == "realisasi / target × 100"
    assert fact["difference"] == Decimal("-0.01")


def test_rasio_capaian_not_computed_without_target_or_realisasi(tmp_path):
    data = base("tabel-2")
    row = data["kinerja_pelayanan"]["baris"][0]
    row["target"]["2021"] = 0
    row["realisasi"]["2022"] = None
    assert of_kind(data, tmp_path, "rasio_capaian") == {}


def test_rasio_capaian_turun_uses_the_inverse_formula(tmp_path):
    data = base("tabel-2")
    data["indikator"].append({"id": "aduan", "nama": "Persentase Aduan", "satuan": "%", "arah": "turun"})
    data["kinerja_pelayanan"]["baris"].append({"no": 2, "indikator": "Persentase Aduan", "ref": "aduan", "satuan": "%",
                                               "target": {"2022": 12}, "realisasi": {"2022": 5}, "rasio": {"2022": 1}})
    fact = of_kind(data, tmp_path, "rasio_capaian")["/kinerja_pelayanan/baris/1/rasio/2022"]
    assert fact["arah"] == "turun" and fact["expected"] == round(Decimal(19 * 100) / 12, 2)  # (2×12 − 5)/12 × 100


def test_rasio_anggaran_rows_jumlah_and_zero_budget(tmp_path):
    data = base("tabel-2")
    kegiatan = data["anggaran_realisasi"]["baris"][0]["rincian"]
    kegiatan.append({"uraian": "Pelatihan", "anggaran": {"2021": 0}, "realisasi": {"2021": 0}, "rasio": {"2021": Decimal("1.00")}})
    kegiatan.append({"uraian": "Belum Terealisasi", "anggaran": {"2022": 5000000}, "rasio": {"2022": 0}})
    facts = of_kind(data, tmp_path, "rasio_anggaran")
    assert facts[f"{PROGRAM_29}/rincian/2/rasio/2021"]["expected"] == Decimal("0.00")
    assert f"{PROGRAM_29}/rincian/3/rasio/2022" not in facts  # realisasi blank: nothing to divide
    assert facts["/anggaran_realisasi/jumlah/rasio/2022"]["row"] == "JUMLAH"
    assert all(f["declared"] == f["expected"] for p, f in facts.items() if "/rincian/2/" not in p)


def test_growth_rate_is_the_mean_of_consecutive_yearly_rates():
    assert Fraction(*formulas.growth_rate({2019: 100, 2020: 110, 2021: 99}, [2019, 2020, 2021])) == (Fraction(10) + Fraction(-10)) / 2
    assert Fraction(*formulas.growth_rate({2019: 0, 2020: 50, 2021: 100}, [2019, 2020, 2021])) == 100  # no rate from 0
    assert formulas.growth_rate({2019: 100, 2021: 150}, [2019, 2020, 2021]) is None  # years not consecutive
    assert formulas.growth_rate({2020: 100}, [2019, 2020, 2021]) is None


def test_growth_column_counts_rows_and_names_the_first_that_is_no_rate(tmp_path):
    data = base("tabel-2")
    table = data["anggaran_realisasi"]
    assert [f["rows_not_rate"] for f in of_kind(data, tmp_path, "pertumbuhan_kolom").values()] == [0, 0]
    table["baris"][0]["rincian"][1]["pertumbuhan"]["anggaran"] = 50000000  # the mean of its two years, in Rupiah
    table["jumlah"]["pertumbuhan"]["anggaran"] = 155000000
    facts = of_kind(data, tmp_path, "pertumbuhan_kolom")
    fact = facts[f"{PROGRAM_29}/rincian/1/pertumbuhan/anggaran"]
    assert (fact["rows_checked"], fact["rows_not_rate"], fact["column"]) == (4, 2, "anggaran")
    assert (fact["declared"], fact["expected"], fact["row"]) == (50000000, Decimal("0.00"), "Koordinasi Kegiatan Pemberdayaan Desa")


def test_growth_column_without_computable_rows_makes_no_fact(tmp_path):
    data = base("tabel-2")
    table = data["anggaran_realisasi"]
    table["tahun"] = [2021, 2022]
    for row in (table["baris"][0], *table["baris"][0]["rincian"], table["jumlah"]):
        row["anggaran"].pop("2022")
        row["realisasi"].pop("2022")
        row["rasio"].pop("2022")
    assert of_kind(data, tmp_path, "pertumbuhan_kolom") == {}


def findings_of(path, prefix):
    result = check_file(str(path), CheckOptions())
    assert not result.errors
    return [f for f in result.findings if f.code.startswith(prefix)]


def test_pandaan_corrected_keeps_only_the_noted_growth_columns():
    """CORRECTIONS.md notes the Rupiah growth columns and keeps them: two warnings, nothing else."""
    found = findings_of(PANDAAN_CORRECTED, "FRM")
    assert sorted((f.code, f.pointer.rsplit("/", 1)[-1]) for f in found) == [("FRM003", "anggaran"), ("FRM003", "realisasi")]


def test_pandaan_faithful_every_ratio_correction_is_found():
    found = {f.pointer for f in findings_of(PANDAAN, "FRM002")}
    ratios = {c["pointer"] for c in corrections() if c["table"] == "2.9" and c["column"].startswith("rasio")}
    assert len(ratios) == 14 and ratios <= found


def test_rasio_right_for_the_rows_but_not_for_a_wrong_printed_total(tmp_path):
    # The program's 2021 anggaran is printed 160 000 000 (its rows add up to 150 000 000); its
    # printed rasio 80,00 is right for the rows' total: only the total is wrong (ANG003's finding).
    data = base("tabel-2")
    data["anggaran_realisasi"]["baris"][0]["anggaran"]["2021"] = 160000000
    fact = of_kind(data, tmp_path, "rasio_anggaran")[f"{PROGRAM_29}/rasio/2021"]
    assert (fact["declared"], fact["expected"], fact["sesuai_rincian"]) == (Decimal("80.0"), Decimal("75.0"), True)
    # A rasio that fits neither the printed nor the recomputed amounts is reported.
    data["anggaran_realisasi"]["baris"][0]["rasio"]["2021"] = Decimal("81.0")
    fact = of_kind(data, tmp_path, "rasio_anggaran")[f"{PROGRAM_29}/rasio/2021"]
    assert fact["sesuai_rincian"] is False
    result = check_file(str(tmp_path / "plan.json"), CheckOptions())
    assert [(f.code, f.pointer) for f in result.findings if f.code in ("FRM002", "ANG003")] == [
        ("ANG003", f"{PROGRAM_29}/anggaran/2021"), ("FRM002", f"{PROGRAM_29}/rasio/2021")]
