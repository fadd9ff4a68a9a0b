"""IP ASN: dimension maxima, levels on both sides of every bound, the unit summary, the share of
contract staff; the plan's Tabel 2.5 (30 ASN, average 49,08) as a worked case."""
from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from telaah.engine.ipasn import DIMENSIONS, IpAsnScore, contract_share, ip_asn_level, person_total, summarize


@pytest.mark.parametrize(
    ("value", "level"),
    [
        ("100", "Sangat Tinggi"), ("91", "Sangat Tinggi"), ("90.01", "Sangat Tinggi"),
        ("90", "Tinggi"), ("81", "Tinggi"), ("80.01", "Tinggi"),
        ("80", "Sedang"), ("71", "Sedang"), ("70.01", "Sedang"),
        ("70", "Rendah"), ("61", "Rendah"), ("60.01", "Rendah"), ("60.5", "Rendah"),
        ("60", "Sangat Rendah"), ("49.08", "Sangat Rendah"), ("0", "Sangat Rendah"),
        ("60.004", "Sangat Rendah"),  # rounds to 60,00
        ("60.005", "Rendah"),  # rounds to 60,01
    ],
)
def test_level_bounds(value, level):
    assert ip_asn_level(Decimal(value)).nama["id"] == level


@pytest.mark.parametrize("value", ["-0.01", "100.01"])
def test_level_rejects_out_of_range(value):
    with pytest.raises(ValueError):
        ip_asn_level(Decimal(value))


def test_dimension_maxima_add_up_to_100():
    assert dict(DIMENSIONS) == {"kualifikasi": 25, "kompetensi": 40, "kinerja": 30, "disiplin": 5}


@pytest.mark.parametrize(
    ("dimension", "value"),
    [("kualifikasi", 26), ("kompetensi", Decimal("40.5")), ("kinerja", 31), ("disiplin", 6), ("disiplin", -1)],
)
def test_each_dimension_within_its_maximum(dimension, value):
    fields = {"kualifikasi": 25, "kompetensi": 40, "kinerja": 30, "disiplin": 5, dimension: value}
    with pytest.raises(ValueError, match=dimension):
        person_total(IpAsnScore("X", **fields))


def test_person_total_at_the_maxima_is_100():
    assert person_total(IpAsnScore("X", 25, 40, 30, 5)) == 100


# The plan's Tabel 2.5 (kualifikasi, kompetensi, kinerja, disiplin); kinerja 25 and disiplin 5 for all.
TABEL_2_5 = [
    ("YUDIANTO", 20, 30), ("ARFIAN FAKHRUDIN K.", 15, 10), ("MACHMUD", 15, 15), ("HARIPIN", 15, 15),
    ("NINIK CHOTIYAH", 15, 15), ("BAMBANG SWANDIKA", 20, 0), ("ENDAH YULIATI", 15, 15),
    ("FATONI SULISTIAWAN", 15, 15), ("SHOBAKHUL UYUN", 15, 25), ("ADI PURNOMO PRIBADI", 15, 15),
    ("RIZQI AMALIYAH", 15, 10), ("SUWARTI", 5, 15), ("SUNARSIH", 5, 0), ("RINDIANA CANDRA DEWI", 15, 0),
    ("MERISSA DWI PUTRI", 15, 10), ("TRI PRASTYO MAHARANI", 10, 15), ("HESTIKA CAHYANI", 10, 10),
    ("ARIEF HENDRARTO", 15, 0), ("SHOLEH MISKAN", 15, 0), ("NUJUM", 15, 0), ("DIDIK FEBRIYANTO", 15, 0),
    ("MUDLICAH", 5, 0), ("MUHAMAT ZAINUN ZINAN", 5, 0), ("KHOTJAH", 5, 0), ("MOHAMAD SAMAUN", 5, 0),
    ("MARDIYAH", 5, 0), ("MUHAMMAD SOLIKHIN", 5, 0), ("YUNI PANGESTI", 5, Decimal("17.5")),
    ("ABDUL MADJID", 5, 0), ("SAMSUL ARIFIN", 5, 0),
]


def test_plan_tabel_2_5_summary():
    scores = [IpAsnScore(name, kual, komp, 25, 5) for name, kual, komp in TABEL_2_5]
    summary = summarize(scores)
    assert summary.count == 30
    # 1 472,5 points over 30 people
    assert summary.average_exact == Fraction(14725, 300)
    assert summary.average == Decimal("49.08")
    assert summary.level.nama["id"] == "Sangat Rendah"
    assert (summary.highest, summary.highest_names) == (80, ("YUDIANTO",))
    assert summary.lowest == 35 and len(summary.lowest_names) == 9
    assert summary.lowest_names[0] == "SUNARSIH"
    assert summary.totals[27] == Fraction(105, 2)  # YUNI PANGESTI: 5 + 17,5 + 25 + 5


def test_summarize_rejects_an_empty_unit():
    with pytest.raises(ValueError):
        summarize([])


def test_contract_share_of_the_plan_27_of_57():
    # Tabel 2.4: 27 PTT/THL; Tabel 2.2: 30 ASN → 27 / 57 = 47,368… %
    assert contract_share(27, 30) == Decimal("47.37")
    assert contract_share(0, 30) == Decimal("0.00")
    assert contract_share(5, 0) == Decimal("100.00")


@pytest.mark.parametrize(("contract", "permanent"), [(0, 0), (-1, 5), (Decimal(2), 5), (True, 5)])
def test_contract_share_rejects_bad_counts(contract, permanent):
    with pytest.raises(ValueError):
        contract_share(contract, permanent)


scores = st.builds(
    IpAsnScore,
    st.text(min_size=1, max_size=5),
    st.decimals(0, 25, places=1),
    st.decimals(0, 40, places=1),
    st.decimals(0, 30, places=1),
    st.decimals(0, 5, places=1),
)


@given(st.lists(scores, min_size=1, max_size=30))
def test_average_lies_between_lowest_and_highest(unit):
    summary = summarize(unit)
    assert summary.lowest <= summary.average_exact <= summary.highest
    assert summary.average_exact * summary.count == sum(summary.totals)
