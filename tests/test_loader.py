"""Loader: every bad input is one clear line with file and line:column, exit 2, no traceback."""
from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from telaah.cli import main
from telaah.engine.errors import InputError, Limits
from telaah.engine.loader import load, loads

BAD = Path(__file__).parent / "badinput"
MINIMAL = Path(__file__).parent.parent / "samples" / "minimal.yaml"


def run(*args):
    result = CliRunner().invoke(main, ["validate", *map(str, args)])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.mark.parametrize(
    "name, where, fragment",
    [
        ("invalid.json", ":3:13:", "JSON tidak sah: titik dua diharapkan"),
        ("truncated.json", ":3:33:", "JSON terpotong"),
        ("trailing-comma.json", ":3:38:", "koma berlebih"),
        ("duplicate-key.json", ":5:5:", 'kunci ganda "judul"'),
        ("duplicate-key.yaml", ":5:3:", 'kunci ganda "kecamatan"'),
        ("nan.json", ":3:11:", "NaN tidak diperbolehkan"),
        ("python-tag.yaml", ":2:10:", "tag YAML tidak diperbolehkan: tag:yaml.org,2002:python/object/apply:os.system"),
        ("alias-bomb.yaml", ":8:8:", "bom alias"),
    ],
)
def test_bad_syntax_fixture(name, where, fragment):
    result = run(BAD / name)
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(str(BAD / name) + where)
    assert fragment in lines[0]


@pytest.mark.parametrize("name, fragment", [("empty.json", "berkas kosong"), ("whitespace.yaml", "berkas kosong (hanya spasi)")])
def test_empty_files(name, fragment):
    result = run(BAD / name)
    assert result.exit_code == 2
    assert result.output == f"{BAD / name}: {fragment}\n"


def test_english_messages():
    result = CliRunner().invoke(main, ["validate", "--lang", "en", str(BAD / "truncated.json")])
    assert result.exit_code == 2
    assert result.output.startswith(f"{BAD / 'truncated.json'}:3:33: truncated JSON")


def _bad_bytes(tmp_path, name, raw):
    path = tmp_path / name
    path.write_bytes(raw)
    return path


def test_latin1_bytes_name_the_byte_offset_and_position(tmp_path):
    path = _bad_bytes(tmp_path, "latin1.yaml", 'versi_format: "1"\nwilayah: {kecamatan: "Caf\xe9"}\n'.encode("latin-1"))
    result = run(path)
    assert result.exit_code == 2
    assert result.output == (
        f"{path}:2:26: bukan teks UTF-8 yang sah: byte 0xE9 pada offset byte 43; simpan berkas sebagai UTF-8\n"
    )


def test_utf8_bom_is_accepted_and_positions_ignore_it(tmp_path):
    text = MINIMAL.read_text(encoding="utf-8")
    ok = _bad_bytes(tmp_path, "bom.yaml", b"\xef\xbb\xbf" + text.encode())
    assert run(ok).exit_code == 0
    bad_text = text.replace("kecamatan: Contoh", "kecamatan: 7", 1)
    line = bad_text.splitlines().index("  kecamatan: 7") + 1
    bad = _bad_bytes(tmp_path, "bom-bad.yaml", b"\xef\xbb\xbf" + bad_text.encode())
    result = run(bad)
    assert result.exit_code == 2
    assert result.output.startswith(f"{bad}:{line}:14: harus teks, bukan bilangan bulat 7")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_decoded(tmp_path, codec):
    bom = b"\xff\xfe" if codec.endswith("le") else b"\xfe\xff"
    text = MINIMAL.read_text(encoding="utf-8").replace("kecamatan: Contoh", "kecamatn: Contoh", 1)
    line = text.splitlines().index("  kecamatn: Contoh") + 1
    path = _bad_bytes(tmp_path, "u16.yaml", bom + text.encode(codec))
    result = run(path)
    assert result.exit_code == 2
    assert f"{path}:{line}:13: kunci tidak dikenal \"kecamatn\"; mungkin maksudnya \"kecamatan\"?" in result.output


def test_utf16_without_bom_is_refused(tmp_path):
    path = _bad_bytes(tmp_path, "u16.json", '{"a": 1}'.encode("utf-16-le"))
    result = run(path)
    assert result.exit_code == 2
    assert "UTF-16 tanpa BOM" in result.output and ":1:2:" in result.output


def test_missing_file_and_directory_without_plans(tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    result = run(tmp_path / "nope.json", tmp_path)
    assert result.exit_code == 2
    assert f"{tmp_path}: tidak ada berkas rencana" in result.output
    assert f"{tmp_path / 'nope.json'}: berkas tidak ditemukan" in result.output


def test_directory_and_glob_expansion(tmp_path):
    (tmp_path / "b.yaml").write_text(MINIMAL.read_text(encoding="utf-8"))
    (tmp_path / "a.yml").write_text(MINIMAL.read_text(encoding="utf-8"))
    result = run(tmp_path)
    assert result.exit_code == 0
    assert result.output == f"{tmp_path / 'a.yml'}: sah\n{tmp_path / 'b.yaml'}: sah\n"
    result = run(str(tmp_path / "*.yaml"), str(tmp_path / "nothing-*.json"))
    assert result.exit_code == 2
    assert f"{tmp_path / 'b.yaml'}: sah" in result.output
    assert "tidak ada berkas yang cocok dengan pola ini" in result.output


def _subprocess_validate(path):
    proc = subprocess.run([sys.executable, "-m", "telaah.cli", "validate", str(path)], capture_output=True, text=True, timeout=120)
    assert "Traceback" not in proc.stdout + proc.stderr
    return proc


DEPTH_BOMBS = {".json": ("[" * 100_000 + "]" * 100_000, ":1:65:"), ".yaml": ("- " * 100_000 + "x\n", ":1:129:")}


@pytest.mark.parametrize("suffix", sorted(DEPTH_BOMBS))
def test_depth_bomb_is_refused_without_crashing(tmp_path, suffix):
    # In a child process: a parser that recursed this deep would crash the interpreter.
    text, where = DEPTH_BOMBS[suffix]
    path = tmp_path / f"deep{suffix}"
    path.write_text(text)
    proc = _subprocess_validate(path)
    assert proc.returncode == 2
    assert proc.stdout == f"{path}{where} struktur bersarang terlalu dalam (lebih dari 64 tingkat)\n"


def test_alias_bomb_in_a_real_process():
    proc = _subprocess_validate(BAD / "alias-bomb.yaml")
    assert proc.returncode == 2
    assert "mengembang menjadi lebih dari 1000000 node" in proc.stdout


# --------------------------------------------------------------------------- loader API


def test_numbers_are_decimal_and_int_never_float():
    doc = loads(b'{"a": 97.75, "b": 8166412447, "c": [1e2, -0.5]}', "x.json")
    assert doc.data == {"a": Decimal("97.75"), "b": 8166412447, "c": [Decimal("1e2"), Decimal("-0.5")]}
    assert type(doc.data["b"]) is int
    doc = loads(b"a: 97.75\nb: 8166412447\nc: [1_000, 2.50]\n", "x.yaml")
    assert doc.data == {"a": Decimal("97.75"), "b": 8166412447, "c": [1000, Decimal("2.50")]}
    assert type(doc.data["a"]) is Decimal


def test_yaml_keys_are_strings_and_dates_stay_text():
    doc = loads(b"target:\n  2024: 1\n  2025: 2\ntanggal: 2023-04-11\nok: yes\nnone: ~\n", "x.yaml")
    assert doc.data == {"target": {"2024": 1, "2025": 2}, "tanggal": "2023-04-11", "ok": True, "none": None}


@pytest.mark.parametrize("text, fragment", [
    (b"a: 012\n", 'bilangan bulat "012" tidak jelas'),
    (b"a: 0x1F\n", 'bilangan bulat "0x1F" tidak jelas'),
    (b"a: .nan\n", ".nan tidak diperbolehkan"),
    (b"a: -.inf\n", "-.inf tidak diperbolehkan"),
    (b"b: &x {c: 1}\na:\n  <<: *x\n", "kunci gabung YAML '<<' tidak didukung"),
    (b"a: !custom 1\n", "tag YAML tidak diperbolehkan: !custom"),
    (b"? [1, 2]\n: x\n", "kunci harus berupa teks biasa"),
    (b"a: 1\n---\nb: 2\n", "lebih dari satu dokumen YAML"),
    (b"a: &x [1, *x]\n", "alias *x merujuk jangkar yang belum selesai"),
    (b"a: [1, 2\n", "YAML tidak sah"),
    (b"# only a comment\n", "hanya komentar"),
])
def test_yaml_refusals(text, fragment):
    with pytest.raises(InputError) as info:
        loads(text, "x.yaml")
    assert fragment in str(info.value)
    assert info.value.line is not None or fragment == "hanya komentar"


def test_file_size_is_checked_before_reading(tmp_path):
    path = tmp_path / "big.json"
    path.write_text('{"a": "' + "x" * 2000 + '"}')
    with pytest.raises(InputError) as info:
        load(path, Limits(max_file_bytes=1000))
    assert "berkas terlalu besar" in str(info.value)


@pytest.mark.parametrize("name, text", [("s.json", '{\n "a": {"b": "xxxxxxxxxxx"}}'), ("s.yaml", "a:\n  b: xxxxxxxxxxx\n")])
def test_string_and_array_limits(name, text):
    with pytest.raises(InputError) as info:
        loads(text.encode(), name, Limits(max_string_chars=10))
    assert "string terlalu panjang" in str(info.value)
    assert info.value.line == 2
    with pytest.raises(InputError) as info:
        loads(b'{"a": [1, 2, 3]}' if name.endswith("json") else b"a: [1, 2, 3]\n", name, Limits(max_array_items=2))
    assert "daftar terlalu panjang (lebih dari 2 butir)" in str(info.value)


def test_depth_limit_is_configurable():
    text = b'{"a": {"b": {"c": 1}}}'
    assert loads(text, "d.json", Limits(max_depth=3)).data == {"a": {"b": {"c": 1}}}
    with pytest.raises(InputError) as info:
        loads(text, "d.json", Limits(max_depth=2))
    assert (info.value.line, info.value.column) == (1, 13)


def test_positions_are_lazy_and_fall_back_to_the_parent():
    doc = load(MINIMAL)
    assert doc._positions is None  # nothing asked for yet: nothing computed
    text = MINIMAL.read_text(encoding="utf-8").splitlines()
    line = text.index("  kecamatan: Contoh") + 1
    assert doc.position("/wilayah/kecamatan") == (line, 14)
    assert doc.position("/wilayah/not-there") == doc.position("/wilayah") == (line, 3)


def test_error_line_format():
    error = InputError("pesan", "message", file="a.json", pointer="/x/0", line=3, column=7)
    assert str(error) == "a.json:3:7: pesan (/x/0)"
    assert error.format("en") == "a.json:3:7: message (/x/0)"
    assert InputError("pesan", file="a.json").format() == "a.json: pesan"


TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\ufeff\ufffe\uffff"),
    max_size=8,
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | TEXT
    | st.decimals(allow_nan=False, allow_infinity=False, places=3),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=20,
)


def _json_text(v) -> str:
    """JSON text of a value, Decimals written exactly (always with a decimal point)."""
    if isinstance(v, Decimal):
        text = format(v, "f")
        return text if "." in text else text + ".0"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{_json_text(k)}: {_json_text(x)}" for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(_json_text(x) for x in v) + "]"
    return json.dumps(v, ensure_ascii=False)


@settings(max_examples=60, deadline=None)
@given(json_values)
def test_json_and_yaml_read_the_same_data(value):
    text = _json_text({"v": value})
    from_json = loads(text.encode(), "h.json").data
    from_yaml = loads(text.encode(), "h.yaml").data  # JSON is YAML flow syntax
    assert from_json == from_yaml == {"v": value}
    assert not _floats(from_json) and not _floats(from_yaml)


def _floats(v) -> bool:
    if isinstance(v, dict):
        return any(_floats(x) for x in v.values())
    if isinstance(v, list):
        return any(_floats(x) for x in v)
    return isinstance(v, float)


PLAIN_KEYS = st.text(alphabet="abcxyz09 _-.é", max_size=4)
json_trees = st.recursive(
    st.none() | st.integers() | st.text(alphabet='ab,:{}[]"\\ é', max_size=6),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(PLAIN_KEYS, inner, max_size=3),
    max_leaves=15,
)


@settings(max_examples=60, deadline=None)
@given(json_trees, st.sampled_from([None, 1, 2]))
def test_json_positions_agree_with_json_source_map(tree, indent):
    from json_source_map import calculate

    text = json.dumps({"v": tree}, indent=indent, ensure_ascii=False)
    doc = loads(text.encode(), "p.json")
    for pointer, entry in calculate(text).items():
        expected = (entry.value_start.line + 1, entry.value_start.column + 1)
        assert doc.position(pointer) == expected, pointer


@settings(max_examples=60, deadline=None)
@given(json_trees, st.sampled_from([None, 1, 2]), st.randoms(use_true_random=False))
def test_many_positions_found_together_agree_with_json_source_map(tree, indent, rnd):
    from json_source_map import calculate

    text = json.dumps({"v": tree}, indent=indent, ensure_ascii=False)
    expected = {pointer: (e.value_start.line + 1, e.value_start.column + 1) for pointer, e in calculate(text).items()}
    pointers = list(expected)
    rnd.shuffle(pointers)
    absent = [f"{pointer}/absent~1key/0" for pointer in pointers[:3]]  # located at their nearest ancestor
    found = loads(text.encode(), "p.json").positions(pointers + absent)
    assert found == [expected[p] for p in pointers] + [expected[p] for p in pointers[:3]]


@pytest.mark.parametrize("sample", ["renstra-pandaan-2024-2026.json", "renstra-pandaan-2024-2026.corrected.json"])
def test_every_position_of_the_samples_found_together_is_json_source_maps(sample):
    from json_source_map import calculate

    path = MINIMAL.parent / sample
    text = path.read_text(encoding="utf-8")
    expected = {pointer: (e.value_start.line + 1, e.value_start.column + 1) for pointer, e in calculate(text).items()}
    pointers = sorted(expected, reverse=True)  # any order: deepest-last, siblings backwards
    assert load(path).positions(pointers) == [expected[p] for p in pointers]
