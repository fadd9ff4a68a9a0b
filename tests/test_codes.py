import pytest

from telaah.engine.codes import parse_code


@pytest.mark.parametrize(
    "printed, canonical, level",
    [
        ("7 01 01", "7.01.01", "program"),
        ("7.01.01", "7.01.01", "program"),
        ("7 01 01 2.02", "7.01.01.2.02", "kegiatan"),
        ("7 01 02 2.01 02", "7.01.02.2.01.0002", "sub_kegiatan"),
        ("7.01.02.2.01.0002", "7.01.02.2.01.0002", "sub_kegiatan"),
        ("7.01.02.2.01.02", "7.01.02.2.01.0002", "sub_kegiatan"),
    ],
)
def test_both_spellings_read_to_one_canonical_form(printed, canonical, level):
    code = parse_code(printed)
    assert code.well_formed
    assert code.canonical == canonical
    assert code.level == level


@pytest.mark.parametrize("printed", ["7 01", "7 1 01", "7 01 01 3.02", "7 01 01 2.2", "7.01.01.2.02.001", "abc", ""])
def test_malformed_codes_are_flagged(printed):
    code = parse_code(printed)
    assert not code.well_formed
    assert code.level is None


def test_parent_and_extension():
    sub = parse_code("7 01 02 2.01 02")
    keg = parse_code("7.01.02.2.01")
    other = parse_code("7 01 03 2.01")
    assert sub.parent == "7.01.02.2.01"
    assert keg.parent == "7.01.02"
    assert parse_code("7 01 02").parent is None
    assert sub.extends(keg)
    assert not sub.extends(other)
    assert not keg.extends(sub)
