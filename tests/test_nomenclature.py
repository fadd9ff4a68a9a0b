"""The shipped nomenclature: every version named in the configuration loads, its codes are
well formed and of the level they claim, and lookups by code and by name find the right entry."""
from __future__ import annotations

import pytest

from telaah.engine.codes import parse_code
from telaah.engine.config import NOMENCLATURES
from telaah.engine.names import comparable
from telaah.engine.nomenclature import load

DEFAULT = NOMENCLATURES[0]


def key(name: str) -> str:
    return " ".join(comparable(name)).casefold()


@pytest.mark.parametrize("version", NOMENCLATURES)
def test_every_configured_version_loads_with_consistent_entries(version):
    nomenclature = load(version)
    assert nomenclature.version == version and nomenclature.entries
    codes = [e.code for e in nomenclature.entries]
    assert len(codes) == len(set(codes))
    for entry in nomenclature.entries:
        code = parse_code(entry.code)
        assert code.well_formed and code.canonical == entry.code, entry
        assert code.level == entry.level, entry
        if code.parent is not None:
            assert nomenclature.get(code.parent) is not None, f"{entry.code} has no parent entry"


def test_lookup_and_coverage():
    nomenclature = load(DEFAULT)
    assert nomenclature.get("7.01.03.2.02.0003").name == "Pemberdayaan Masyarakat di Kelurahan"
    assert nomenclature.get("7.01.03.2.06") is None
    assert nomenclature.covers("7.01.03.2.06") and nomenclature.covers("7.01.99")
    assert not nomenclature.covers("1.02.02.2.01")


def test_nearest_by_code_keeps_the_level_and_the_longest_shared_beginning():
    nomenclature = load(DEFAULT)
    assert nomenclature.nearest_by_code("7.01.03.2.06", "kegiatan").code == "7.01.03.2.03"
    assert nomenclature.nearest_by_code("7.01.03.2.02.0009", "sub_kegiatan").code == "7.01.03.2.02.0004"
    assert nomenclature.nearest_by_code("7.01.09", "program").code == "7.01.06"


def test_nearest_by_name_finds_the_entry_a_name_belongs_to():
    nomenclature = load(DEFAULT)
    printed = key("Penyelenggaraan Urusan Pemerintahan yang tidak dilaksanankan oleh Unit Kerja Perangkat Daerah yang Ada di Kecamatan")
    entry, value = nomenclature.nearest_by_name(printed, "kegiatan")
    assert entry.code == "7.01.02.2.02" and value > 0.95
    entry, value = nomenclature.nearest_by_name(key("Pemberdayaan Masyarakat di Kelurahan"), "sub_kegiatan", "7.01.03")
    assert entry.code == "7.01.03.2.02.0003" and value == 1
    entry, _ = nomenclature.nearest_by_name(key("Pemberdayaan Masyarakat di Kelurahan"), "sub_kegiatan", "7.01.01")
    assert entry.code.startswith("7.01.01.")


def test_known_ancestor():
    nomenclature = load(DEFAULT)
    assert nomenclature.known_ancestor("7.01.03.2.06.0006") == "7.01.03"
    assert nomenclature.known_ancestor("7.01.03.2.02.0009") == "7.01.03.2.02"
    assert nomenclature.known_ancestor("7.09.01") == ""
