"""Names: kelurahan mentions in printed text, exact similarity, the nearest known name, and the
words a nomenclature name is compared on."""
from __future__ import annotations

import difflib
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from telaah.engine.names import (
    SUGGEST_AT,
    Gazetteer,
    closest,
    comparable,
    _opcodes,
    find_mentions,
    matched,
    same_words,
    score,
    similarity,
    word_changes,
)

PANDAAN = Gazetteer(["Jogosari", "Kutorejo", "Pandaan", "Petungasri"])


@pytest.mark.parametrize(
    "printed, meant",
    [
        ("Jogoseari", "Jogosari"),
        ("Petungasari", "Petungasri"),
        ("Petungari", "Petungasri"),
        ("Petugasari", "Petungasri"),
        ("Pegungari", "Petungasri"),
        ("Pandan", "Pandaan"),
        ("Pondea", "Pandaan"),
        ("Jogosen", "Jogosari"),
        ("Jogonalan", "Jogosari"),
        ("Dabunegara", None),
    ],
)
def test_misspellings_of_the_pandaan_kelurahan(printed, meant):
    match = PANDAAN.nearest(printed)
    assert match.name == meant
    assert not match.exact


def test_similarity_is_difflibs_ratio_exactly():
    # "pandan" / "pandaan": 6 characters match out of 13.
    assert similarity("pandan", "pandaan") == Fraction(12, 13)
    assert score(similarity("pandan", "pandaan")) == Decimal("0.92")
    assert similarity("", "") == 1
    assert similarity("abc", "xyz") == 0


def test_threshold_decides_the_suggestion():
    # "dabunegara" / "petungasri" is exactly 1/2, below 0.55; "pondea" / "pandaan" is 8/13, above.
    assert similarity("dabunegara", "petungasri") == Fraction(1, 2) < SUGGEST_AT
    assert similarity("pondea", "pandaan") == Fraction(8, 13) >= SUGGEST_AT


def test_exact_ignores_case_and_punctuation_and_ties_go_to_the_first():
    assert PANDAAN.nearest("PANDAAN").exact
    assert PANDAAN.nearest("Jogo-sari").nearest == "Jogosari"
    assert Gazetteer(["Ax", "Bx"]).nearest("Ab").nearest == "Ax"
    assert Gazetteer(["Kutorejo", "KUTOREJO"]).nearest("kutorejo").nearest == "Kutorejo"
    assert Gazetteer().nearest("x").nearest is None and Gazetteer().nearest("x").name is None


def test_closest_takes_the_first_of_equals():
    candidates = [("a", "pandaan"), ("b", "xyz"), ("c", "pandan"), ("d", "pandan")]
    assert closest("pandan", candidates) == ("c", 1)
    assert closest("pondea", candidates) == ("c", Fraction(2, 3))
    assert closest("q", []) == (None, 0)


@pytest.mark.parametrize(
    "text, mentioned",
    [
        ("Kel. Jogonalan", ["Jogonalan"]),
        ("Kelurahan Kel Jogosari", ["Jogosari"]),
        ("Lurah Pegungari", ["Pegungari"]),
        ("Kel. Pegungari Kec. Pandaan", ["Pegungari"]),
        ("Kec. Pandaan", []),
        ("Kecamatan Pandaan", []),
        ("Kel. Pandaan Kec. Pandaan", ["Pandaan"]),
        ("Desa/Kelurahan", []),
        ("PROGRAM PEMBERDAYAAN MASYARAKAT DESA DAN KELURAHAN", []),
        ("Persentase masyarakat Kelurahan yang mengikuti pemberdayaan di Kelurahan", []),
        ("Kegiatan Pemberdayaan dan Kesejahteraan Keluarga Tingkat Kecamatan dan Kelurahan", []),
        ("PEMBANGUNAN SARANA KELURAHAN JOGOSARI", ["JOGOSARI"]),
        ("Lurah Kutorejo dan Lurah Pandaan", ["Kutorejo", "Pandaan"]),
        ("Kel. 12", []),
        ("Sekretariat Kelurahan RW 05", []),
        (None, []),
        ("", []),
    ],
)
def test_mentions(text, mentioned):
    assert [m.text for m in find_mentions(text, PANDAAN)] == mentioned


def test_a_known_name_of_several_words_is_one_mention():
    known = Gazetteer(["Pondok Kelapa", "Cipinang"])
    found = find_mentions("Pembangunan Sarana Kelurahan Pondok Kelapa Kec. Duren Sawit", known)
    assert [(m.text, m.match.nearest, m.match.exact) for m in found] == [("Pondok Kelapa", "Pondok Kelapa", True)]
    misspelt = find_mentions("Kel. Pondok Kelapaa", known)
    assert [(m.text, m.match.name) for m in misspelt] == [("Pondok Kelapaa", "Pondok Kelapa")]


def test_a_lowercase_known_name_is_still_a_mention():
    assert [m.text for m in find_mentions("lurah kutorejo", PANDAAN)] == ["kutorejo"]


@pytest.mark.parametrize(
    "printed, official",
    [
        ("PROG. PEMBERDAYAAN MASYARAKAT DESA DAN KELURAHAN", "PROGRAM PEMBERDAYAAN MASYARAKAT DESA DAN KELURAHAN"),
        ("Kegiatan Pemberdayaan Kelurahan", "Kegiatan Pemberdayaan Kelurahan"),
        ("Sub kegiatan Fasilitasi Administrasi Tata Pemerintahan Desa", "Fasilitasi Administrasi Tata Pemerintahan Desa"),
        ("Penyediaan Komponen Instalasi Listrik/ Penerangan Bangunan Kantor", "Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor"),
        ("Pemberdayaan Masyarakat di Kelurahan Jogoseari", "Pemberdayaan Masyarakat di Kelurahan"),
        ("Pembangunan Sarana dan Prasarana Kelurahan Kel Petungasari", "Pembangunan Sarana dan Prasarana Kelurahan"),
        ("Sub Kegiatan Peningkatan Efektifitas Kegiatan Pemerintahan di Tingkat Kecamatan Kel. Dabunegara",
         "Peningkatan Efektifitas Kegiatan Pemerintahan di Tingkat Kecamatan"),
    ],
)
def test_names_that_compare_equal(printed, official):
    assert same_words(comparable(printed, PANDAAN), comparable(official))


@pytest.mark.parametrize(
    "printed, official, changes",
    [
        ("PROGRAM PEMUDANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA (P3)",
         "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA", "«PEMUDANG» → «PENUNJANG»; «P3» → «»"),
        ("PROGRAM PROGRAM PENYELENGGARAAN PEMERINTAHAN DAN PELAYANAN PUBLIK",
         "PROGRAM PENYELENGGARAAN PEMERINTAHAN DAN PELAYANAN PUBLIK", "«PROGRAM» → «»"),
        ("Pengadaan Pakaian Dinas Beserta Atribut Berlembangkan",
         "Pengadaan Pakaian Dinas Beserta Atribut Kelengkapannya", "«Berlembangkan» → «Kelengkapannya»"),
        ("Kegiatan Penyelenggaraan Urusan Pemerintahan Umum Sesuai Perutusan Kepala Daerah",
         "Penyelenggaraan Urusan Pemerintahan Umum sesuai Penugasan Kepala Daerah", "«Perutusan» → «Penugasan»"),
        ("Sinergitas dengan Kepolisian, TNI dan Instansi Vertikal",
         "Sinergitas dengan Kepolisian, Tentara Nasional Indonesia dan Instansi Vertikal", "«TNI» → «Tentara Nasional Indonesia»"),
        ("Pembangunan Sarana Kelurahan Jogosari", "Pembangunan Sarana dan Prasarana Kelurahan",
         "«Sarana Kelurahan» → «Sarana dan Prasarana Kelurahan»"),
        ("PROG. PEMBERDAYAAN MASYARAKAT DESA/KELURAHAN", "PROGRAM PEMBERDAYAAN MASYARAKAT DESA DAN KELURAHAN",
         "«DESA KELURAHAN» → «DESA DAN KELURAHAN»"),
        ("Pemberdayaan Masyarakat di Kelurahn Jogosari", "Pemberdayaan Masyarakat di Kelurahan",
         "«Kelurahn Jogosari» → «Kelurahan»"),
    ],
)
def test_real_differences_are_reported_word_by_word(printed, official, changes):
    assert not same_words(comparable(printed, PANDAAN), comparable(official))
    assert word_changes(printed, official, PANDAAN) == changes


@given(st.text(max_size=200))
def test_any_text_is_read_without_error(text):
    for mention in find_mentions(text, PANDAAN):
        assert mention.text in text
        assert 0 <= mention.match.similarity <= 1
    comparable(text, PANDAAN)


@given(st.sampled_from(PANDAAN.names), st.sampled_from(["Kel. ", "Kelurahan ", "Lurah ", "Kelurahan Kel "]),
       st.sampled_from(["", " Kec. Pandaan", ", Kabupaten Pasuruan"]))
def test_every_marked_known_name_is_found_exactly(name, marker, tail):
    found = find_mentions(f"Pembangunan {marker}{name}{tail}", PANDAAN)
    assert [(m.text, m.match.exact, m.match.name) for m in found] == [(name, True, name)]


def test_closest_with_a_floor_finds_the_same_match_or_none():
    from fractions import Fraction

    from telaah.engine.names import closest, similarity

    candidates = [("a", "pembangunan sarana kelurahan"), ("b", "pemberdayaan masyarakat kelurahan"),
                  ("c", "penyediaan gaji dan tunjangan asn")]
    key = "pemberdayaan masyarakat di kelurahan"
    best, value = closest(key, candidates)
    assert best == "b" and value == similarity(key, "pemberdayaan masyarakat kelurahan")
    assert closest(key, candidates, at_least=value) == (best, value)
    assert closest(key, candidates, at_least=Fraction(99, 100)) == (None, 0)


def _difflib_matched(a: str, b: str) -> int:
    return sum(block.size for block in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="ab c", max_size=40), st.text(alphabet="ab c", max_size=40))
def test_matched_characters_are_difflibs_on_small_alphabets(a, b):
    assert matched(a, b) == _difflib_matched(a, b)


NAMES = ["pemberdayaan masyarakat di kelurahan", "penyelenggaraan urusan pemerintahan umum",
         "koordinasi penerapan dan penegakan perda", "pelayanan administrasi perkantoran"]


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(NAMES), st.sampled_from(NAMES), st.lists(st.tuples(st.integers(0, 60), st.sampled_from("aeiou ")), max_size=6))
def test_matched_characters_are_difflibs_on_misspelt_names(a, b, edits):
    for at, char in edits:
        b = b[:at] + char + b[at + 1:]
    assert matched(a, b) == _difflib_matched(a, b)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="abcd", max_size=25), st.text(alphabet="abcd", max_size=25))
def test_word_edits_are_difflibs_opcodes(a, b):
    expected = [op for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != "equal"]
    assert _opcodes(a, b) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abc d", max_size=20), st.lists(st.text(alphabet="abc d", max_size=20), max_size=12),
       st.sampled_from([Fraction(0), Fraction(1, 2), Fraction(9, 10)]))
def test_closest_skips_only_candidates_that_cannot_win(key, names, at_least):
    pairs = [(i, name) for i, name in enumerate(names)]
    best = max(((similarity(key, name), -i) for i, name in pairs), default=None)
    found, value = closest(key, pairs, at_least)
    if best is None:
        assert (found, value) == (None, 0)
    elif best[0] >= at_least:  # a floor only spares comparing candidates that cannot reach it
        assert (found, value) == (-best[1], best[0])
    else:
        assert value < at_least
