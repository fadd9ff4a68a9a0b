"""Budget facts (engine/facts/budget.py): Rp sums of Tabel 6.1 and 2.9 on edge cases, and the
ANG rules on the Pandaan samples."""
from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "rules"))
from builders import PANDAAN, PANDAAN_CORRECTED, base, corrections, facts_of, resolve  # noqa: E402

from telaah.engine.config import Config  # noqa: E402
from telaah.engine.facts import budget  # noqa: E402
from telaah.engine.model import to_money  # noqa: E402
from telaah.engine.pipeline import CheckOptions, check_file  # noqa: E402


def levels(data):
    """tujuan, sasaran, program, kegiatan, sub kegiatan of the minimal plan (one of each)."""
    tujuan = data["rencana_program"]["tujuan"][0]
    sasaran = tujuan["sasaran"][0]
    program = sasaran["program"][0]
    kegiatan = program["kegiatan"][0]
    return tujuan, sasaran, program, kegiatan, kegiatan["sub_kegiatan"][0]


def by_pointer(facts):
    return {f["pointer"]: f for f in facts}


def test_every_parent_and_year_is_checked_and_a_clean_plan_agrees(tmp_path):
    facts = facts_of(budget.build, base(), tmp_path, kind="budget_rollup")
    assert len(facts) == 4 * 3  # tujuan, sasaran, program, kegiatan × 2024–2026
    assert all(f["within_tolerance"] and f["difference"] == 0 for f in facts)
    assert {f["level"] for f in facts} == {"tujuan", "sasaran", "program", "kegiatan"}


def test_kelurahan_split_rows_under_one_code_are_added_up(tmp_path):
    data = base()
    *_, kegiatan, sub = levels(data)
    second = dict(sub, nama="Pembangunan Sarana dan Prasarana Kelurahan Sukamulya",
                  anggaran={"2024": 50000000, "2025": 55000000, "2026": 60500000}, anggaran_akhir=165500000)
    kegiatan["sub_kegiatan"].append(second)
    kegiatan["anggaran"]["2024"] = 150000000  # = 100.000.000 + 50.000.000
    facts = by_pointer(facts_of(budget.build, data, tmp_path, kind="budget_rollup"))
    fact_2024 = facts[f"{kegiatan_pointer()}/anggaran/2024"]
    assert (fact_2024["expected"], fact_2024["children"], fact_2024["within_tolerance"]) == (150000000, 2, True)
    fact_2025 = facts[f"{kegiatan_pointer()}/anggaran/2025"]
    assert (fact_2025["declared"], fact_2025["expected"], fact_2025["difference"]) == (110000000, 165000000, -55000000)
    assert fact_2025["within_tolerance"] is False


def kegiatan_pointer():
    return "/rencana_program/tujuan/0/sasaran/0/program/0/kegiatan/0"


def test_a_child_printed_dash_makes_the_sum_not_checkable(tmp_path):
    data = base()
    *_, sub = levels(data)
    sub["anggaran"]["2025"] = None
    facts = by_pointer(facts_of(budget.build, data, tmp_path, kind="budget_rollup"))
    assert f"{kegiatan_pointer()}/anggaran/2025" not in facts
    assert f"{kegiatan_pointer()}/anggaran/2024" in facts
    ends = by_pointer(facts_of(budget.build, data, tmp_path, kind="budget_end"))
    assert f"{kegiatan_pointer()}/sub_kegiatan/0/anggaran_akhir" not in ends  # its own years hold a "-"


def test_a_blank_child_adds_nothing(tmp_path):
    data = base()
    *_, sub = levels(data)
    del sub["anggaran"]["2025"]
    facts = by_pointer(facts_of(budget.build, data, tmp_path, kind="budget_rollup"))
    fact = facts[f"{kegiatan_pointer()}/anggaran/2025"]
    assert (fact["expected"], fact["within_tolerance"]) == (0, False)


def test_a_parent_without_rp_is_not_checked(tmp_path):
    data = base()
    tujuan, *_ = levels(data)
    del tujuan["anggaran"]["2026"]
    facts = by_pointer(facts_of(budget.build, data, tmp_path, kind="budget_rollup"))
    assert "/rencana_program/tujuan/0/anggaran/2026" not in facts


def test_decimal_rupiah_is_added_exactly_and_tolerance_is_explicit(tmp_path):
    data = base()
    *_, sub = levels(data)
    sub["anggaran"]["2024"] = "100000000.50"
    strict = by_pointer(facts_of(budget.build, data, tmp_path, kind="budget_rollup"))[f"{kegiatan_pointer()}/anggaran/2024"]
    assert strict["expected"] == Decimal("100000000.50") and strict["difference"] == Decimal("-0.50")
    assert strict["within_tolerance"] is False
    lenient = by_pointer(facts_of(budget.build, data, tmp_path, Config(tolerance_rupiah=1), kind="budget_rollup"))
    assert lenient[f"{kegiatan_pointer()}/anggaran/2024"]["within_tolerance"] is True


@pytest.mark.parametrize("off, agrees", [(5, True), (6, False)])
def test_tolerance_bound_is_inclusive(tmp_path, off, agrees):
    data = base()
    *_, kegiatan, _sub = levels(data)
    kegiatan["anggaran"]["2026"] += off
    kegiatan["anggaran_akhir"] += off
    facts = by_pointer(facts_of(budget.build, data, tmp_path, Config(tolerance_rupiah=5), kind="budget_rollup"))
    assert facts[f"{kegiatan_pointer()}/anggaran/2026"]["within_tolerance"] is agrees


def test_a_wrong_total_is_reported_where_it_is_not_again_above(tmp_path):
    data = base()
    _tujuan, _sasaran, program, _kegiatan, _sub = levels(data)
    program["anggaran"]["2025"] = 120000000  # its kegiatan: 110.000.000; the sasaran keeps 110.000.000
    facts = by_pointer(facts_of(budget.build, data, tmp_path, kind="budget_rollup"))
    program_fact = facts["/rencana_program/tujuan/0/sasaran/0/program/0/anggaran/2025"]
    sasaran_fact = facts["/rencana_program/tujuan/0/sasaran/0/anggaran/2025"]
    assert program_fact["within_tolerance"] is False
    assert sasaran_fact["expected"] == 120000000  # the printed program, as the message says
    assert sasaran_fact["within_tolerance"] is True  # it adds up with the program recomputed from its kegiatan
    end = by_pointer(facts_of(budget.build, data, tmp_path, kind="budget_end"))
    assert end["/rencana_program/tujuan/0/sasaran/0/program/0/anggaran_akhir"]["within_tolerance"] is True


def test_a_wrong_lowest_row_is_reported_once_at_its_parent(tmp_path):
    data = base()
    *_, sub = levels(data)
    sub["anggaran"]["2024"] = 90000000
    sub["anggaran_akhir"] = 321000000
    facts = by_pointer(facts_of(budget.build, data, tmp_path, kind="budget_rollup"))
    assert facts[f"{kegiatan_pointer()}/anggaran/2024"]["within_tolerance"] is False
    assert facts["/rencana_program/tujuan/0/sasaran/0/program/0/anggaran/2024"]["within_tolerance"] is True


def test_end_of_period_rp_adds_the_years_present(tmp_path):
    data = base()
    *_, sub = levels(data)
    del sub["anggaran"]["2026"]
    facts = by_pointer(facts_of(budget.build, data, tmp_path, kind="budget_end"))
    fact = facts[f"{kegiatan_pointer()}/sub_kegiatan/0/anggaran_akhir"]
    assert (fact["expected"], fact["years"], fact["difference"]) == (210000000, 2, 121000000)
    assert fact["within_tolerance"] is False


def tabel_2_9(data):
    return data["anggaran_realisasi"]


def test_2_9_jumlah_and_program_rows_per_column_and_year(tmp_path):
    facts = facts_of(budget.build, base("tabel-2"), tmp_path, kind="budget_rollup_2_9")
    keys = {(f["row"], f["column"], f["year"]) for f in facts}
    assert keys == {(row, column, year) for row in ("JUMLAH", "PROGRAM PEMBERDAYAAN MASYARAKAT DESA DAN KELURAHAN")
                    for column in ("anggaran", "realisasi") for year in (2021, 2022)}
    assert all(f["within_tolerance"] for f in facts)


def test_2_9_programs_of_other_years_leave_their_cells_blank(tmp_path):
    data = base("tabel-2")
    table = tabel_2_9(data)
    table["baris"].append({"uraian": "PROGRAM LAMA", "anggaran": {"2021": 7000000}, "realisasi": {"2021": 7000000},
                           "rincian": [{"uraian": "Kegiatan Lama", "anggaran": {"2021": 7000000}, "realisasi": {"2021": 7000000}}]})
    table["jumlah"]["anggaran"]["2021"] = 157000000
    facts = {(f["row"], f["column"], f["year"]): f for f in facts_of(budget.build, data, tmp_path, kind="budget_rollup_2_9")}
    assert facts[("JUMLAH", "anggaran", 2021)]["within_tolerance"] is True
    assert facts[("JUMLAH", "anggaran", 2022)]["expected"] == 160000000  # the old program adds nothing in 2022
    assert facts[("JUMLAH", "realisasi", 2021)]["expected"] == 127000000
    assert ("PROGRAM LAMA", "anggaran", 2022) not in facts


def test_2_9_nested_rows_and_a_parent_zero_over_blank_rows(tmp_path):
    data = base("tabel-2")
    program = tabel_2_9(data)["baris"][0]
    kegiatan = program["rincian"][0]
    kegiatan["rincian"] = [
        {"uraian": "Sub Kegiatan A", "anggaran": {"2021": 60000000, "2022": 60000000}},
        {"uraian": "Sub Kegiatan B", "anggaran": {"2021": 40000000, "2022": 50000000}},
    ]
    kegiatan["realisasi"]["2022"] = 104500000
    facts = {(f["row"], f["column"], f["year"]): f for f in facts_of(budget.build, data, tmp_path, kind="budget_rollup_2_9")}
    assert facts[("Kegiatan Pemberdayaan Masyarakat", "anggaran", 2021)]["level"] == "kegiatan"
    assert facts[("Kegiatan Pemberdayaan Masyarakat", "anggaran", 2021)]["within_tolerance"] is True
    # The sub kegiatan print no realisasi: the kegiatan's realisasi is compared with 0 (they add nothing).
    assert facts[("Kegiatan Pemberdayaan Masyarakat", "realisasi", 2022)]["expected"] == 0


def test_row_year_presence(tmp_path):
    data = base()
    tujuan, _sasaran, program, _kegiatan, sub = levels(data)
    del tujuan["anggaran"]["2024"]
    program["indikator"][0]["target"]["2025"] = None
    sub["indikator"][0]["target"]["2026"] = {"nilai": None, "teks": "lima unit"}
    facts = {(f["row"], f["year"]): f for f in facts_of(budget.build, data, tmp_path, kind="row_year")}
    assert len(facts) == 5 * 3
    tujuan_2024 = facts[("Meningkatnya kualitas pelayanan publik di tingkat kecamatan", 2024)]
    assert (tujuan_2024["has_rp"], tujuan_2024["has_target"], tujuan_2024["rp_required"]) == (False, True, False)
    assert facts[("7 01 03", 2025)]["has_target"] is False
    assert facts[("7 01 03 2.02 02", 2026)]["has_target"] is True  # a target printed as text is a target
    assert facts[("7 01 03 2.02 02", 2026)]["rp_required"] is True


def findings_of(path, prefix):
    result = check_file(str(path), CheckOptions())
    assert not result.errors
    return [f for f in result.findings if f.code.startswith(prefix)]


def test_pandaan_corrected_has_no_budget_finding():
    assert [(f.code, f.pointer) for f in findings_of(PANDAAN_CORRECTED, "ANG")] == []


def rows_sum_as_printed(data, pointer: str):
    """Independent oracle: the sum of a total's rows (or of a row's years) as printed."""
    tokens = pointer.split("/")
    if tokens[-1] == "anggaran_akhir":
        return sum(to_money(v) for v in resolve(data, "/".join(tokens[:-1]))["anggaran"].values() if v is not None)
    column, year = tokens[-2], tokens[-1]
    row = resolve(data, "/".join(tokens[:-2]))
    if tokens[-3] == "jumlah":
        rows = data["anggaran_realisasi"]["baris"]
    else:
        rows = row.get("rincian") or next(row[k] for k in ("sasaran", "program", "kegiatan", "sub_kegiatan") if k in row)
    return sum(to_money(r.get(column, {}).get(year) or 0) for r in rows)


def test_pandaan_faithful_totals_found_and_nothing_else():
    """Every Rp total CORRECTIONS.md recomputes from its rows, where the printed total differs from
    its printed rows, is reported at that cell; every finding sits on a corrected cell or on a
    total whose rows hold a corrected cell."""
    data = json.loads(PANDAAN.read_text(encoding="utf-8"))
    found = {f.pointer for f in findings_of(PANDAAN, "ANG")}
    fixes = [c for c in corrections() if c["table"] in ("6.1", "2.9")]
    totals = [c for c in fixes if ("sum of" in c["why"] or "Rp = Rp" in c["why"]) and "evident slip" not in c["why"]]
    must = {c["pointer"] for c in totals if to_money(c["old"]) != rows_sum_as_printed(data, c["pointer"])}
    assert len(must) >= 40 and must <= found
    fixed = {c["pointer"] for c in fixes if c["column"] not in ("nama", "uraian", "kode", "unit_kerja", "lokasi")}
    for pointer in found:
        row = pointer.rsplit("/", 2)[0] if not pointer.endswith("anggaran_akhir") else pointer.rsplit("/", 1)[0]
        row = "/anggaran_realisasi" if row.endswith("/jumlah") else row
        assert pointer in fixed or any(p.startswith(row + "/") and p != pointer for p in fixed), pointer
