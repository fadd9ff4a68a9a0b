"""IKM (PermenPAN-RB 14/2017): classification bounds, Krejcie–Morgan, exact computation, the
`telaah ikm` command on CSV/XLSX surveys and the shipped sample."""
from __future__ import annotations

import csv
import json
import random
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from telaah.cli import main
from telaah.engine.ikm import UNSUR, UNSUR_CODES, compute_ikm, ikm_category, krejcie_morgan
from telaah.engine.refdata import load_data

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "survei-ikm-pandaan.csv"


# -- classification --------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("value", "mutu", "kinerja"),
    [
        ("100", "A", "Sangat Baik"),
        ("88.31", "A", "Sangat Baik"),
        ("88.30", "B", "Baik"),
        ("76.61", "B", "Baik"),
        ("76.60", "C", "Kurang Baik"),
        ("65.00", "C", "Kurang Baik"),
        ("64.99", "D", "Tidak Baik"),
        ("25", "D", "Tidak Baik"),
        # rounded half-up to 2 decimals before classifying
        ("88.305", "A", "Sangat Baik"),
        ("88.3049", "B", "Baik"),
        ("76.605", "B", "Baik"),
        ("64.995", "C", "Kurang Baik"),
    ],
)
def test_ikm_category_bounds(value, mutu, kinerja):
    category = ikm_category(Decimal(value))
    assert (category.mutu, category.kinerja["id"]) == (mutu, kinerja)


@pytest.mark.parametrize("value", ["24.99", "100.01", "-1"])
def test_ikm_category_rejects_values_outside_25_100(value):
    with pytest.raises(ValueError):
        ikm_category(Decimal(value))


def test_ikm_category_rejects_float():
    with pytest.raises(TypeError):
        ikm_category(88.31)


def test_nrr_intervals_match_ikm_intervals_times_25():
    for band in load_data("ikm-permenpanrb-14-2017.json")["interval"]:
        assert band["nrr_min"] * 25 == band["ikm_min"]
        assert ikm_category(band["ikm_min"]).mutu == band["mutu"]
        assert ikm_category(band["ikm_maks"]).mutu == band["mutu"]


def test_nine_unsur_in_order():
    assert UNSUR_CODES == tuple(f"U{i}" for i in range(1, 10))
    assert dict(UNSUR)["U4"] == "Biaya/Tarif"


# -- Krejcie–Morgan --------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("population", "expected"), [(1000, 278), (10000, 370), (100000, 383), (100, 80), (10, 10)]
)
def test_krejcie_morgan_published_points(population, expected):
    assert krejcie_morgan(population) == expected


@pytest.mark.parametrize(("population", "published"), [(50, 44), (200, 132), (500, 217), (5000, 357)])
def test_krejcie_morgan_rounds_up_so_never_below_the_published_table(population, published):
    # The 1970 table rounds some points to nearest (50 → 44,3 printed 44); rounding up is at
    # most one respondent more, never fewer.
    assert krejcie_morgan(population) - published in (0, 1)


@given(st.integers(min_value=1, max_value=10**7))
def test_krejcie_morgan_is_at_most_the_population_and_grows(population):
    n = krejcie_morgan(population)
    assert 1 <= n <= population
    assert krejcie_morgan(population + 1) >= n


@pytest.mark.parametrize("population", [0, -5, True, "1000"])
def test_krejcie_morgan_rejects_non_positive_or_non_integer(population):
    with pytest.raises(ValueError):
        krejcie_morgan(population)


# -- computation -----------------------------------------------------------------------------

def test_compute_ikm_small_case_by_hand():
    # U9 is rated lower than the rest: NRR = 3,5 for U1…U8 and 3,0 for U9
    result = compute_ikm([(4, 4, 4, 4, 4, 4, 4, 4, 3), (3, 3, 3, 3, 3, 3, 3, 3, 3)])
    assert result.respondents == 2
    assert result.nrr["U1"] == Fraction(7, 2) and result.nrr["U9"] == 3
    assert result.ikm_exact == Fraction(8 * 7 + 6, 2 * 9) * 25  # (8 × 3,5 + 3) / 9 × 25
    assert result.ikm == Decimal("86.11")
    assert result.category.mutu == "B"
    assert result.weakest == ("U9",)


def test_weakest_lists_every_tied_unsur():
    result = compute_ikm([(2, 4, 4, 4, 2, 4, 4, 4, 4)])
    assert result.weakest == ("U1", "U5")


def test_rounding_the_weight_early_changes_the_category():
    """Ten respondents, 318 rating points: exact IKM 318 × 25 / 90 = 88,33 → A. The common
    shortcut Σ NRR × 0,111 × 25 gives 88,245 → 88,25 → B. Only the exact value is produced."""
    responses = [(4, 4, 4, 4, 4, 3, 3, 3, 3)] * 8 + [(4, 4, 4, 4, 3, 3, 3, 3, 3)] * 2
    result = compute_ikm(responses)
    assert sum(map(sum, responses)) == 318
    assert result.ikm == Decimal("88.33") and result.category.mutu == "A"
    rounded_weight = sum(result.nrr.values()) * Fraction("0.111") * 25
    shortcut = ikm_category(rounded_weight)
    assert shortcut.mutu == "B"


ratings = st.integers(min_value=1, max_value=4)
responses_strategy = st.lists(st.tuples(*[ratings] * 9), min_size=1, max_size=60)


@given(responses_strategy)
def test_ikm_equals_total_points_over_nine_n_times_25(responses):
    result = compute_ikm(responses)
    total = sum(map(sum, responses))
    # independent integer route: round half-up of total × 2500 / (9 n) hundredths
    hundredths = (total * 2500 * 2 + 9 * len(responses)) // (2 * 9 * len(responses))
    assert result.ikm == Decimal(hundredths).scaleb(-2)
    assert Decimal(25) <= result.ikm <= Decimal(100)


@given(responses_strategy, st.randoms(use_true_random=False))
def test_ikm_does_not_depend_on_respondent_order(responses, rnd):
    shuffled = list(responses)
    rnd.shuffle(shuffled)
    assert compute_ikm(shuffled) == compute_ikm(responses)


@pytest.mark.parametrize("bad", [(0,) + (4,) * 8, (5,) + (4,) * 8, (4,) * 8, (True,) * 9, ("4",) * 9])
def test_compute_ikm_rejects_bad_ratings(bad):
    with pytest.raises(ValueError):
        compute_ikm([bad])


def test_compute_ikm_rejects_no_responses():
    with pytest.raises(ValueError):
        compute_ikm([])


# -- the `telaah ikm` command ----------------------------------------------------------------

def run(*args: str):
    return CliRunner().invoke(main, ["ikm", *args])


def expected_from_csv(path: Path, population: int | None = None) -> dict:
    """The sample's result worked out independently: integer sums per column, one division."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    n = len(rows)
    sums = {code: sum(int(row[code]) for row in rows) for code in UNSUR_CODES}
    total = sum(sums.values())
    hundredths = (total * 2500 * 2 + 9 * n) // (2 * 9 * n)  # total × 25 / (9 n), half-up, in 1/100
    ikm = Decimal(hundredths).scaleb(-2)
    low = min(sums.values())
    return {
        "respondents": n,
        "nrr": {code: format(Decimal(s) / n, ".4f") for code, s in sums.items()},  # n = 400: exact
        "ikm": format(ikm, "f"),
        "mutu": next(m for m, bound in (("A", "88.31"), ("B", "76.61"), ("C", "65.00"), ("D", "25")) if ikm >= Decimal(bound)),
        "weakest": [code for code, s in sums.items() if s == low],
    }


def test_sample_survey_matches_an_independent_computation():
    expected = expected_from_csv(SAMPLE)
    assert expected["respondents"] >= 300  # "a few hundred respondents"
    result = run(str(SAMPLE), "--format", "json", "--populasi", "10000")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["respondents"] == expected["respondents"]
    assert report["skipped"] == 0
    assert report["nrr"] == expected["nrr"]
    assert report["ikm"] == expected["ikm"]
    assert report["mutu"] == expected["mutu"]
    assert [w["unsur"] for w in report["weakest_unsur"]] == expected["weakest"]
    assert report["sample_size"] == {"population": 10000, "required": 370, "meets": expected["respondents"] >= 370}


def test_sample_text_output_in_both_languages():
    expected = expected_from_csv(SAMPLE)
    text_id = run(str(SAMPLE), "--populasi", "10000").stdout
    assert f"IKM: {expected['ikm'].replace('.', ',')}\n" in text_id
    assert f"Mutu pelayanan: {expected['mutu']} (" in text_id
    assert "populasi 10.000, minimal 370 responden" in text_id
    text_en = run(str(SAMPLE), "--populasi", "10000", "--lang", "en").stdout
    assert f"IKM: {expected['ikm']}\n" in text_en
    assert "population 10,000, at least 370 respondents" in text_en


def test_output_is_deterministic_and_input_untouched():
    before = SAMPLE.read_bytes()
    first = run(str(SAMPLE), "--format", "json").stdout
    second = run(str(SAMPLE), "--format", "json").stdout
    assert first == second
    assert SAMPLE.read_bytes() == before


def test_sample_size_not_met(tmp_path):
    path = tmp_path / "kecil.csv"
    path.write_text("U1,U2,U3,U4,U5,U6,U7,U8,U9\n" + "4,4,4,4,4,4,4,4,4\n" * 10, encoding="utf-8")
    report = json.loads(run(str(path), "--format", "json", "--populasi", "1000").stdout)
    assert report["sample_size"] == {"population": 1000, "required": 278, "meets": False}
    assert "belum terpenuhi (kurang 268)" in run(str(path), "--populasi", "1000").stdout


def random_responses(seed: int, count: int) -> list[tuple[int, ...]]:
    rnd = random.Random(seed)
    return [tuple(rnd.randint(1, 4) for _ in range(9)) for _ in range(count)]


def test_semicolon_bom_reordered_lowercase_columns(tmp_path):
    responses = random_responses(1, 50)
    order = [8, 0, 3, 1, 7, 2, 6, 4, 5]  # columns in another order
    lines = ["nama;" + ";".join(f"u{i + 1}" for i in order)]
    lines += [f"R{n};" + ";".join(str(r[i]) for i in order) for n, r in enumerate(responses)]
    path = tmp_path / "titik-koma.csv"
    path.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))
    report = json.loads(run(str(path), "--format", "json").stdout)
    assert report["respondents"] == 50
    assert report["ikm"] == format(compute_ikm(responses).ikm, "f")


def test_xlsx_first_sheet(tmp_path):
    from openpyxl import Workbook

    responses = random_responses(2, 40)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["No", "Layanan", *UNSUR_CODES])
    for n, response in enumerate(responses, start=1):
        sheet.append([n, "KTP-el", *response])
    sheet.append([None] * 11)  # an empty row is not a respondent
    workbook.create_sheet("lain").append(["U1"])
    path = tmp_path / "survei.xlsx"
    workbook.save(path)
    report = json.loads(run(str(path), "--format", "json").stdout)
    assert report["respondents"] == 40
    assert report["ikm"] == format(compute_ikm(responses).ikm, "f")


BAD_SURVEY = (
    "no,U1,U2,U3,U4,U5,U6,U7,U8,U9\n"
    "1,4,4,4,4,4,4,4,4,4\n"
    "2,0,4,4,4,4,4,4,4,4\n"
    "3,4,4,4,4,4,4,4,4,5\n"
    "4,4,,4,4,4,4,4,4,4\n"
    ",,,,,,,,,\n"
    "5,4,4,empat,4,4,4,4,4,3\n"
    "6,4,4,4,\"3,5\",4,4,4,4,4\n"
    "7,3,3,3,3,3,3,3,3,3\n"
)


def test_bad_rows_are_reported_with_their_line(tmp_path):
    path = tmp_path / "buruk.csv"
    path.write_text(BAD_SURVEY, encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{path}:3:1: U1 bernilai '0', seharusnya bilangan bulat 1–4",
        f"{path}:4:1: U9 bernilai '5', seharusnya bilangan bulat 1–4",
        f"{path}:5:1: U2 kosong",
        f"{path}:7:1: U3 bernilai 'empat', seharusnya bilangan bulat 1–4",
        f"{path}:8:1: U4 bernilai '3,5', seharusnya bilangan bulat 1–4",
        f"{path}: 5 baris tidak sah; perbaiki atau jalankan dengan --skip-invalid",
    ]
    assert "Traceback" not in result.output


def test_bad_rows_in_english(tmp_path):
    path = tmp_path / "buruk.csv"
    path.write_text(BAD_SURVEY, encoding="utf-8")
    lines = run(str(path), "--lang", "en").stderr.splitlines()
    assert lines[2] == f"{path}:5:1: U2 is blank"
    assert lines[-1] == f"{path}: 5 bad row(s); fix them or run with --skip-invalid"


def test_skip_invalid_computes_over_the_good_rows_and_says_how_many(tmp_path):
    path = tmp_path / "buruk.csv"
    path.write_text(BAD_SURVEY, encoding="utf-8")
    result = run(str(path), "--skip-invalid", "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert (report["respondents"], report["skipped"]) == (2, 5)
    assert report["ikm"] == format(compute_ikm([(4,) * 9, (3,) * 9]).ikm, "f")
    assert "Baris tidak sah yang dilewati: 5" in run(str(path), "--skip-invalid").stdout


def test_xlsx_bad_cells(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(UNSUR_CODES)
    sheet.append([4, 4, 4, 4, 4, 4, 4, 4, 4])
    sheet.append([4, 4, 4, 4.5, 4, 4, 4, 4, True])
    path = tmp_path / "buruk.xlsx"
    workbook.save(path)
    result = run(str(path))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"{path}:3:1: U4 bernilai 4.5, seharusnya bilangan bulat 1–4; U9 bernilai True, seharusnya bilangan bulat 1–4"
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("kurang.csv", "U1,U2,U3,U4,U5,U6,U7\n4,4,4,4,4,4,4\n", ":1:1: kolom U8, U9 tidak ada di baris judul"),
        ("ganda.csv", "U1,U2,U3,U4,U5,U6,U7,U8,U9,u1\n", ":1:1: kolom U1 muncul lebih dari sekali di baris judul"),
        ("kosong.csv", "\n\n", ": berkas kosong: tidak ada baris judul"),
        ("judul.csv", "U1,U2,U3,U4,U5,U6,U7,U8,U9\n", ": tidak ada responden yang sah"),
        ("latin1.csv", "U1,U2,U3,U4,U5,U6,U7,U8,U9,kécamatan\n".encode("latin-1"), ": bukan teks UTF-8 (simpan ulang sebagai CSV UTF-8)"),
        ("palsu.xlsx", b"bukan zip", ": bukan berkas XLSX yang sah"),
        ("survei.ods", b"", ": format tidak didukung; gunakan .csv atau .xlsx"),
    ],
)
def test_file_level_errors_are_one_line_exit_2(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    result = run(str(path))
    assert result.exit_code == 2
    assert result.stderr == f"{path}{message}\n"


def test_missing_file(tmp_path):
    result = run(str(tmp_path / "tidak-ada.csv"), "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path / 'tidak-ada.csv'}: file not found\n"
