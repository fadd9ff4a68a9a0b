"""SAKIP evaluation (PermenPAN-RB 88/2021): the data file, predicate bounds on both sides,
weighted values, the `telaah sakip` command on YAML/JSON/XLSX LKEs and the shipped sample."""
from __future__ import annotations

import json
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from telaah.cli import main
from telaah.engine.refdata import load_data
from telaah.engine.sakip import COMPONENTS, GRADES, SakipError, evaluate, sakip_predicate

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "lke-sakip.yaml"

# The domain reference's table, typed in independently of the data file.
SUB_WEIGHTS = {
    "perencanaan": {"keberadaan": 6, "kualitas": 9, "pemanfaatan": 15},
    "pengukuran": {"keberadaan": 6, "kualitas": 9, "pemanfaatan": 15},
    "pelaporan": {"keberadaan": 3, "kualitas": Fraction(9, 2), "pemanfaatan": Fraction(15, 2)},
    "evaluasi": {"keberadaan": 5, "kualitas": Fraction(15, 2), "pemanfaatan": Fraction(25, 2)},
}
GRADE_PERCENT = {"AA": 100, "A": 90, "BB": 80, "B": 70, "CC": 60, "C": 50, "D": 30, "E": 0}


# -- the data file -----------------------------------------------------------------------------

def test_weights_and_split_match_the_domain_table():
    assert {c.kode: {s.kode: s.bobot for s in c.sub} for c in COMPONENTS} == SUB_WEIGHTS
    assert sum(c.bobot for c in COMPONENTS) == 100
    assert GRADES == GRADE_PERCENT


def test_every_data_value_carries_a_status():
    data = load_data("sakip-permenpanrb-88-2021.json")
    for section in ("komponen", "sub_komponen", "jawaban", "predikat"):
        assert all(row["status"] in ("reg", "impl", "open") for row in data[section])
    bounds = [row["di_atas"] for row in data["predikat"]]
    assert bounds[:-1] == sorted(bounds[:-1], reverse=True) and bounds[-1] is None  # best first


# -- predicate bounds --------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("value", "predicate", "sebutan"),
    [
        ("100", "AA", "Sangat Memuaskan"), ("90.01", "AA", "Sangat Memuaskan"),
        ("90", "A", "Memuaskan"), ("80.01", "A", "Memuaskan"),
        ("80", "BB", "Sangat Baik"), ("75.73", "BB", "Sangat Baik"), ("70.01", "BB", "Sangat Baik"),
        ("70", "B", "Baik"), ("60.01", "B", "Baik"),
        ("60", "CC", "Cukup (Memadai)"), ("50.01", "CC", "Cukup (Memadai)"),
        ("50", "C", "Kurang"), ("30.01", "C", "Kurang"),
        ("30", "D", "Sangat Kurang"), ("0", "D", "Sangat Kurang"),
        ("90.005", "AA", "Sangat Memuaskan"),  # rounds to 90,01
        ("90.0049", "A", "Memuaskan"),  # rounds to 90,00
    ],
)
def test_predicate_bounds(value, predicate, sebutan):
    p = sakip_predicate(Decimal(value))
    assert (p.kode, p.sebutan["id"]) == (predicate, sebutan)


@pytest.mark.parametrize("value", ["-0.01", "100.01"])
def test_predicate_rejects_out_of_range(value):
    with pytest.raises(ValueError):
        sakip_predicate(Decimal(value))


# -- evaluation --------------------------------------------------------------------------------

def answers_all(answer) -> dict:
    return {c: {s: answer for s in subs} for c, subs in SUB_WEIGHTS.items()}


def test_all_aa_is_100_and_all_e_is_0():
    assert evaluate(answers_all(["AA", "AA"])).total == 100
    result = evaluate(answers_all(["E"]))
    assert (result.total, result.predicate.kode) == (0, "D")


def test_grades_are_averaged_within_a_sub_component():
    answers = answers_all(["AA"])
    answers["pelaporan"]["kualitas"] = ["A", "BB", "C"]  # (90 + 80 + 50) / 3 = 73,33 % of 4,5
    result = evaluate(answers)
    sub = result.components[2].subs[1]
    assert sub.value == Fraction(9, 2) * Fraction(220, 300)
    assert result.total_exact == 100 - Fraction(9, 2) + sub.value
    assert result.weakest[0] is sub


def test_rounding_sub_component_values_early_would_change_the_predicate():
    """Exact total 80,00 → BB. Rounding the two sub-components 3,825 and 6,375 first (to 3,83 and
    6,38) would add 0,01 and give 80,01 → A. Only the total is rounded."""
    answers = answers_all(["AA"])
    answers["pengukuran"]["pemanfaatan"] = Decimal("4.8")
    answers["pelaporan"]["kualitas"] = ["A", "BB"]  # 85 % of 4,5 = 3,825
    answers["evaluasi"]["kualitas"] = ["A", "BB"]  # 85 % of 7,5 = 6,375
    answers["evaluasi"]["pemanfaatan"] = Decimal("4.5")
    result = evaluate(answers)
    assert result.total_exact == 80
    assert (result.total, result.predicate.kode) == (Decimal("80.00"), "BB")
    early = sum(Fraction(int(s.value * 100 + Fraction(1, 2)), 100) for c in result.components for s in c.subs)
    assert early == Fraction("80.01")
    assert sakip_predicate(early).kode == "A"


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda a: a.update(perencana={}), ("perencana",)),
        (lambda a: a.pop("evaluasi"), ("evaluasi",)),
        (lambda a: a["pengukuran"].pop("kualitas"), ("pengukuran", "kualitas")),
        (lambda a: a["pengukuran"].update(kwalitas=["A"]), ("pengukuran", "kwalitas")),
        (lambda a: a["pelaporan"].update(kualitas=["A", "F"]), ("pelaporan", "kualitas", 1)),
        (lambda a: a["pelaporan"].update(kualitas=[]), ("pelaporan", "kualitas")),
        (lambda a: a["pelaporan"].update(kualitas=Decimal("4.51")), ("pelaporan", "kualitas")),
        (lambda a: a["pelaporan"].update(kualitas=-1), ("pelaporan", "kualitas")),
        (lambda a: a["pelaporan"].update(kualitas=4.5), ("pelaporan", "kualitas")),  # float
        (lambda a: a["pelaporan"].update(kualitas="4,5"), ("pelaporan", "kualitas")),
    ],
)
def test_wrong_answers_name_their_place(change, path):
    answers = answers_all(["A"])
    change(answers)
    with pytest.raises(SakipError) as info:
        evaluate(answers)
    assert info.value.path == path
    assert info.value.message["id"] and info.value.message["en"]


grade_lists = st.lists(st.sampled_from(sorted(GRADE_PERCENT)), min_size=1, max_size=6)


@given(st.fixed_dictionaries({c: st.fixed_dictionaries({s: grade_lists for s in subs}) for c, subs in SUB_WEIGHTS.items()}))
def test_total_is_the_weighted_mean_of_the_grades(answers):
    result = evaluate(answers)
    expected = sum(
        SUB_WEIGHTS[c][s] * Fraction(sum(GRADE_PERCENT[g] for g in grades), 100 * len(grades))
        for c, subs in answers.items() for s, grades in subs.items()
    )
    assert result.total_exact == expected
    assert 0 <= result.total <= 100
    assert result.weakest[0].share == min(s.share for c in result.components for s in c.subs)


# -- the `telaah sakip` command ----------------------------------------------------------------

def run(*args: str):
    return CliRunner().invoke(main, ["sakip", *args])


def test_sample_lke_gives_bb_75_73_worked_out_independently():
    def points(comp: str, sub: str, answer) -> Fraction:
        if isinstance(answer, list):  # grades: the weight × their mean percentage
            return SUB_WEIGHTS[comp][sub] * Fraction(sum(GRADE_PERCENT[g] for g in answer), 100 * len(answer))
        return Fraction(str(answer))  # a value in points

    lke = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))["komponen"]
    expected = sum(points(c, s, a) for c, subs in lke.items() for s, a in subs.items())
    assert expected == Fraction("75.73")  # the plan's 2022 value, "BB (75,73)"
    result = run(str(SAMPLE), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["total"], report["predicate"], report["sebutan"]) == ("75.73", "BB", "Sangat Baik")
    components = {c["code"]: c for c in report["components"]}
    # the plan names Pengukuran Kinerja as the component rated lowest
    assert min(components, key=lambda k: Decimal(components[k]["percent"])) == "pengukuran"
    assert report["weakest_sub_components"][0] == {
        "component": "pengukuran", "sub_component": "pemanfaatan",
        "weight": "15.00", "value": "9.00", "percent": "60.00",
    }
    assert sum(Decimal(c["value"]) for c in report["components"]) == Decimal(report["total"])


def test_sample_text_in_both_languages_and_deterministic():
    before = SAMPLE.read_bytes()
    text = run(str(SAMPLE)).stdout
    assert "Total: 75,73\nPredikat: BB (Sangat Baik)\n" in text
    assert "Pengukuran Kinerja / Pemanfaatan 9,00 dari 15,00 (60,00 %)" in text
    assert "Total: 75.73\nPredicate: BB (Very good)\n" in run(str(SAMPLE), "--lang", "en").stdout
    assert run(str(SAMPLE)).stdout == text
    assert SAMPLE.read_bytes() == before


def test_json_lke_and_xlsx_lke_give_the_same_result(tmp_path):
    from openpyxl import Workbook

    lke = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    json_path = tmp_path / "lke.json"
    json_path.write_text(json.dumps(lke), encoding="utf-8")
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Komponen", "Sub_Komponen", "Jawaban", "Catatan"])
    for comp, subs in lke["komponen"].items():
        for sub, answer in subs.items():
            for grade in answer if isinstance(answer, list) else [answer]:
                sheet.append([comp, sub, grade, "-"])
    xlsx_path = tmp_path / "lke.xlsx"
    workbook.save(xlsx_path)
    reports = [json.loads(run(str(p), "--format", "json").stdout) for p in (SAMPLE, json_path, xlsx_path)]
    for report in reports:
        report.pop("file"), report.pop("instansi"), report.pop("tahun")
    assert reports[0] == reports[1] == reports[2]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("komponen:\n  perencanaan:\n    keberadaan: [AA, X]\n",
         ":3:22: nilai huruf 'X' tidak dikenal (pilih: AA, A, BB, B, CC, C, D, E) (/komponen/perencanaan/keberadaan/1)"),
        ("komponen:\n  perencanaan: {keberadaan: [AA], kualitas: 9.5, pemanfaatan: [A]}\n",
         ":2:45: nilai 9,5 di luar rentang 0 … 9 (bobot sub-komponen) (/komponen/perencanaan/kualitas)"),
        ("komponen:\n  perencanaan:\n    keberadaan: 3,5\n",
         ":3:17: jawaban harus daftar nilai huruf (AA … E) atau angka, bukan '3,5' (/komponen/perencanaan/keberadaan)"),
        ("komponen: {}\nkomponen2: 1\n",
         ":2:12: kunci 'komponen2' tidak dikenal (pilih: versi_data, instansi, tahun, komponen) (/komponen2)"),
        ("versi_data: lama\nkomponen: {}\n",
         ":1:13: LKE ditulis untuk data 'lama', sedangkan data yang dipakai 'permenpanrb-88-2021/1' (/versi_data)"),
        ("komponen:\n  perencanaan: [AA]\n", ":2:16: harus berupa objek (/komponen/perencanaan)"),
        ("- 1\n", ":1:1: LKE harus berupa objek dengan kunci 'komponen'"),
    ],
)
def test_wrong_lke_is_one_line_with_place_exit_2(tmp_path, text, message):
    path = tmp_path / "lke.yaml"
    path.write_text(text, encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"{path}{message}\n"


def test_missing_component_in_english(tmp_path):
    path = tmp_path / "lke.yaml"
    path.write_text("komponen:\n  perencanaan: {keberadaan: [AA], kualitas: [A], pemanfaatan: [A]}\n", encoding="utf-8")
    result = run(str(path), "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.endswith(": the component is not answered (/komponen/pengukuran)\n")


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([["komponen", "sub_komponen"], ["perencanaan", "keberadaan"]],
         ":1:1: baris judul harus memuat kolom komponen, sub_komponen, jawaban"),
        ([["komponen", "sub_komponen", "jawaban"], ["perencanaan", None, "AA"]], ":2:1: kolom sub_komponen kosong"),
        ([["komponen", "sub_komponen", "jawaban"], ["perencanaan", "keberadaan", "AA"], ["perencanaan", "keberadaan", 3]],
         ":3:1: sub-komponen perencanaan/keberadaan diisi nilai huruf dan angka sekaligus, atau angkanya lebih dari satu"),
        ([["komponen", "sub_komponen", "jawaban"], ["perencanaan", "keberadaan", "ZZ"]],
         ":2:1: nilai huruf 'ZZ' tidak dikenal (pilih: AA, A, BB, B, CC, C, D, E) (/komponen/perencanaan/keberadaan/0)"),
        ([["komponen", "sub_komponen", "jawaban"], ["perencanaan", "keberadaan", "AA"]],
         ":2:1: sub-komponen belum diisi (/komponen/perencanaan/kualitas)"),
        ([["komponen", "sub_komponen", "jawaban"], ["perencanaan", "keberadaan", "AA"], ["perencanaan", "kualitas", "AA"],
          ["perencanaan", "pemanfaatan", "AA"]], ": komponen belum diisi (/komponen/pengukuran)"),
        ([], ": tidak ada baris jawaban"),
    ],
)
def test_wrong_xlsx_lke_names_the_row(tmp_path, rows, message):
    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    path = tmp_path / "lke.xlsx"
    workbook.save(path)
    result = run(str(path))
    assert result.exit_code == 2
    assert result.stderr == f"{path}{message}\n"


@pytest.mark.parametrize(("name", "message"), [("lke.txt", ": format tidak didukung; gunakan .json, .yaml atau .xlsx"),
                                               ("tidak-ada.yaml", ": berkas tidak ditemukan"),
                                               ("tidak-ada.xlsx", ": berkas tidak ditemukan")])
def test_file_level_errors(tmp_path, name, message):
    result = run(str(tmp_path / name))
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path / name}{message}\n"


# -- a replacement data file (--data) ----------------------------------------------------------

def shipped_data() -> dict:
    path = Path(__file__).resolve().parent.parent / "engine" / "data" / "sakip-permenpanrb-88-2021.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_shipped_data_matches_its_schema():
    from jsonschema import Draft202012Validator

    schema = load_data("sakip-data.schema.json")
    Draft202012Validator.check_schema(schema)
    assert list(Draft202012Validator(schema).iter_errors(shipped_data())) == []


def test_replacement_grade_percentages_change_the_result(tmp_path):
    data = shipped_data()
    data["versi"] = "uji/1"
    for row in data["jawaban"]:
        if row["kode"] == "CC":
            row["persen"] = 65  # the sample uses CC three times in Pengukuran Kinerja
    data_path = tmp_path / "data.json"
    data_path.write_text(json.dumps(data), encoding="utf-8")
    lke = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    lke["versi_data"] = "uji/1"
    lke_path = tmp_path / "lke.yaml"
    lke_path.write_text(yaml.safe_dump(lke), encoding="utf-8")
    report = json.loads(run(str(lke_path), "--data", str(data_path), "--format", "json").stdout)
    # CC in pengukuran/kualitas (1 of 3, weight 9) and pemanfaatan (2 of 4, weight 15): +5 % each
    delta = Fraction(9, 3) * Fraction(5, 100) + Fraction(15, 4) * 2 * Fraction(5, 100)
    exact = Fraction("75.73") + delta  # 76,255
    assert Fraction(report["total"]) == Fraction(int(exact * 100 + Fraction(1, 2)), 100)
    assert report["data_version"] == "uji/1"
    # the shipped sample names the shipped data version: refused with another data file
    result = run(str(SAMPLE), "--data", str(data_path))
    assert result.exit_code == 2
    assert result.stderr.endswith(": LKE ditulis untuk data 'permenpanrb-88-2021/1', sedangkan data yang dipakai 'uji/1' (/versi_data)\n")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["komponen"][0].update(bobot=31), "data SAKIP: jumlah bobot 101, seharusnya 100 (/komponen)"),
        (lambda d: d["sub_komponen"][2].update(persen_bobot=40), "data SAKIP: jumlah bobot 90, seharusnya 100 (/sub_komponen)"),
        # schema problems are worded as in plan validation; only the prefix and the place are ours
        (lambda d: d["komponen"][0].update(bobot="30"), "data SAKIP: .+ (/komponen/0/bobot)"),
        (lambda d: d["jawaban"][1].update(kode="AA"), "data SAKIP: kode 'AA' ganda (/jawaban/1/kode)"),
        (lambda d: d["predikat"][1].update(di_atas=95),
         "data SAKIP: batas 'di_atas' harus menurun tegas, dan hanya predikat terakhir tanpa batas (null) (/predikat)"),
        (lambda d: d.pop("jawaban"), "data SAKIP: .*jawaban.*"),
    ],
)
def test_wrong_data_file_is_one_line_exit_2(tmp_path, change, message):
    data = shipped_data()
    change(data)
    data_path = tmp_path / "data.json"
    data_path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    result = run(str(SAMPLE), "--data", str(data_path))
    assert result.exit_code == 2
    pattern = re.escape(f"{data_path}:") + r"(\d+:\d+: )?" + re.escape(message).replace(r"\.\+", ".+").replace(r"\.\*", ".*")
    assert re.fullmatch(pattern + "\n", result.stderr), result.stderr
