"""Validation: schema errors and semantic checks, each one line with pointer and line:column."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from telaah.cli import main
from telaah.engine.loader import loads
from telaah.engine.validate import schema, schema_text, validate

ROOT = Path(__file__).parent.parent
MINIMAL = ROOT / "samples" / "minimal.yaml"
SUB = "/rencana_program/tujuan/0/sasaran/0/program/0/kegiatan/0/sub_kegiatan/0"


def variant(tmp_path, old: str, new: str, name: str = "plan.yaml", at: str | None = None) -> tuple[Path, int]:
    """minimal.yaml with the one place holding `old` changed; returns the file and the line of
    the change (or of the text `at`)."""
    text = MINIMAL.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    changed = text.replace(old, new)
    line = changed[: changed.index(at or new)].count("\n") + 1
    path = tmp_path / name
    path.write_text(changed, encoding="utf-8")
    return path, line


def run(*args):
    result = CliRunner().invoke(main, ["validate", *map(str, args)])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def assert_one_error(result, path, line, column, fragment, pointer):
    assert result.exit_code == 2
    assert result.output.splitlines() == [result.output.strip()], result.output
    expected = f"{path}:{line}:{column}: "
    assert result.output.startswith(expected), result.output
    assert fragment in result.output
    assert result.output.rstrip().endswith(f"({pointer})")


def test_minimal_sample_is_valid():
    result = run(MINIMAL)
    assert result.exit_code == 0
    assert result.output == f"{MINIMAL}: sah\n"


@pytest.mark.parametrize(
    "old, new, column, fragment, pointer",
    [
        # wrong type
        ("kelurahan: [Sukamaju]", "kelurahan: Sukamaju", 14, 'harus daftar, bukan teks "Sukamaju"', "/wilayah/kelurahan"),
        # missing required field
        ("  perangkat_daerah: Kecamatan Contoh\n", "", 3, 'kunci wajib "perangkat_daerah" tidak ada', "/dokumen"),
        # unknown field with did-you-mean
        ("unit_kerja: Lurah Sukamaju", "unit_kerj: Lurah Sukamaju", 34, 'kunci tidak dikenal "unit_kerj"; mungkin maksudnya "unit_kerja"?', f"{SUB}/unit_kerj"),
        # Indonesian-formatted Rp
        ('anggaran_akhir: 331000000\n                      unit_kerja: Lurah',
         'anggaran_akhir: "8.166.412.447"\n                      unit_kerja: Lurah', 39,
         '"8.166.412.447" tampak seperti angka format Indonesia; tulis 8166412447 (bilangan bulat) atau "8166412447.00"',
         f"{SUB}/anggaran_akhir"),
        # ambiguous Indonesian number string
        ('anggaran_akhir: 331000000\n                      unit_kerja: Lurah',
         'anggaran_akhir: "1.234"\n                      unit_kerja: Lurah', 39,
         '"1.234" ambigu: 1234 dalam format Indonesia, atau 1.234 dengan 3 desimal?', f"{SUB}/anggaran_akhir"),
        # Rp with 3 decimals
        ('anggaran_akhir: 331000000\n                      unit_kerja: Lurah',
         'anggaran_akhir: "331000000.125"\n                      unit_kerja: Lurah', 39,
         '"331000000.125": Rp paling banyak 2 angka desimal', f"{SUB}/anggaran_akhir"),
        # negative Rp
        ('anggaran_akhir: 331000000\n                      unit_kerja: Lurah',
         'anggaran_akhir: -5\n                      unit_kerja: Lurah', 39, "Rp tidak boleh negatif (-5)", f"{SUB}/anggaran_akhir"),
        # decimal comma in a value cell
        ('baseline: 87.5', 'baseline: "87,5"', 21, '"87,5" tampak seperti angka format Indonesia; tulis 87.5 (angka)',
         "/rencana_program/tujuan/0/indikator/0/baseline"),
        # period of 0 years
        ("periode: {awal: 2024, akhir: 2026}", "periode: {awal: 2024, akhir: 2023}", 12,
         "periode 2024–2023 lamanya 0 tahun", "/dokumen/periode"),
        # period of 11 years
        ("periode: {awal: 2024, akhir: 2026}", "periode: {awal: 2024, akhir: 2034}", 12,
         "periode 2024–2034 lamanya 11 tahun; harus 1–10 tahun", "/dokumen/periode"),
        # unknown catalogue reference
        ("ref: ikm", "ref: ikn", 16, 'ref "ikn" tidak ada dalam katalog indikator; mungkin maksudnya "ikm"?',
         "/rencana_program/tujuan/0/indikator/0/ref"),
        # year key that is not a year
        ('"2024": {nilai: 88, satuan: nilai}', '"20x4": {nilai: 88, satuan: nilai}', 21,
         'kunci "20x4" bukan tahun empat angka', "/rencana_program/tujuan/0/indikator/0/target/20x4"),
        # suppression without a reason
        ("  tujuan:\n", "  x-telaah-abaikan: [{code: ANG001, alasan: \"\"}]\n  tujuan:\n", 45,
         "tidak boleh kosong", "/rencana_program/x-telaah-abaikan/0/alasan"),
    ],
)
def test_schema_and_semantic_errors(tmp_path, old, new, column, fragment, pointer):
    # A missing key is reported where its object starts.
    path, line = variant(tmp_path, old, new, at="  jenis: renstra" if not new else None)
    assert_one_error(run(path), path, line, column, fragment, pointer)


def test_year_outside_period(tmp_path):
    path, line = variant(tmp_path, 'anggaran: {"2024": 100000000, "2025": 110000000, "2026": 121000000}\n      anggaran_akhir',
                         'anggaran: {"2024": 100000000, "2025": 110000000, "2027": 121000000}\n      anggaran_akhir')
    assert_one_error(run(path), path, line, 64, "tahun 2027 di luar periode 2024–2026 (Tabel 6.1)",
                     "/rencana_program/tujuan/0/anggaran/2027")


def test_english_messages(tmp_path):
    path, line = variant(tmp_path, "unit_kerja: Lurah Sukamaju", "unit_kerj: Lurah Sukamaju")
    result = CliRunner().invoke(main, ["validate", "--lang", "en", str(path)])
    assert result.exit_code == 2
    assert result.output == f'{path}:{line}:34: unknown key "unit_kerj"; did you mean "unit_kerja"? ({SUB}/unit_kerj)\n'


def test_all_errors_at_once_sorted_by_position_and_json_output(tmp_path):
    text = MINIMAL.read_text(encoding="utf-8")
    text = text.replace("kelurahan: [Sukamaju]", "kelurahan: Sukamaju").replace("ref: ikm", "ref: nope")
    text = text.replace("unit_kerja: Lurah Sukamaju", "unit_kerja: 5").replace("jenis: renstra", "jenis: renstr")
    path = tmp_path / "many.yaml"
    path.write_text(text)
    result = run(path)
    lines = result.output.splitlines()
    assert result.exit_code == 2 and len(lines) == 4
    positions = [tuple(map(int, re.match(rf"{re.escape(str(path))}:(\d+):(\d+):", l).groups())) for l in lines]
    assert positions == sorted(positions)
    assert '"renstr" bukan pilihan yang sah ("renstra", "renja"); mungkin maksudnya "renstra"?' in lines[0]

    as_json = CliRunner().invoke(main, ["validate", "--format", "json", "--lang", "en", str(path), str(MINIMAL)])
    assert as_json.exit_code == 2
    report = json.loads(as_json.output)
    assert report["valid"] is False
    assert [f["valid"] for f in report["files"]] == [False, True]
    errors = report["files"][0]["errors"]
    assert [(e["line"], e["column"]) for e in errors] == positions
    assert errors[-1]["pointer"] == f"{SUB}/unit_kerja" and errors[-1]["message"] == "must be a string, not an integer 5; put it in quotes"


def test_output_is_deterministic(tmp_path):
    path, _ = variant(tmp_path, "kelurahan: [Sukamaju]", "kelurahan: Sukamaju")
    first = run(path, MINIMAL).output
    assert all(run(path, MINIMAL).output == first for _ in range(3))


def test_input_file_is_not_modified(tmp_path):
    path, _ = variant(tmp_path, "ref: ikm", "ref: ikn")
    before = path.read_bytes()
    run(path)
    assert path.read_bytes() == before


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=1000, max_value=10**15))
def test_indonesian_thousands_in_rp_are_refused_with_the_plain_number(n):
    printed = f"{n:,}".replace(",", ".")
    doc = loads(MINIMAL.read_bytes().replace(b"anggaran_akhir: 331000000\n      unit_kerja",
                                             f'anggaran_akhir: "{printed}"\n      unit_kerja'.encode()), "p.yaml")
    errors = validate(doc)
    assert len(errors) == 1
    assert errors[0].pointer == "/rencana_program/tujuan/0/anggaran_akhir"
    assert str(n) in errors[0].message and "format Indonesia" in errors[0].message


def test_money_as_a_float_number(tmp_path):
    path, line = variant(tmp_path, "anggaran_akhir: 331000000\n      unit_kerja", "anggaran_akhir: 1.234\n      unit_kerja")
    result = run(path)
    assert result.exit_code == 2
    assert f"{path}:{line}:23: Rp 1.234 ambigu: 3 angka desimal, atau 1234 dalam format Indonesia?" in result.output


# --------------------------------------------------------------------------- the schema itself


def test_schema_is_valid_2020_12_with_id():
    Draft202012Validator.check_schema(schema())
    assert schema()["$id"] == "https://telaah.dev/schemas/renstra/1/renstra.schema.json"
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_every_section_and_definition_has_a_bilingual_title():
    sections = {k: v for k, v in schema()["properties"].items() if k != "x-telaah-abaikan"}  # a $ref to $defs
    for name, sub in list(sections.items()) + list(schema()["$defs"].items()):
        item = sub.get("items", sub)
        assert " / " in item.get("title", "") or " / " in sub.get("title", ""), name


def test_objects_refuse_unknown_keys_and_allow_suppressions():
    def objects(node, path="#"):
        if isinstance(node, dict):
            if node.get("type") == "object" or "object" in node.get("type", []):
                yield path, node
            for key, value in node.items():
                yield from objects(value, f"{path}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from objects(value, f"{path}/{i}")

    found = list(objects(schema()))
    assert len(found) > 40
    for path, node in found:
        if path.endswith("/$defs/abaikan/items"):
            continue  # the suppression entry itself
        assert "x-telaah-abaikan" in node.get("properties", {}), path
        assert node.get("additionalProperties") is not True, path


def test_format_doc_sections_are_in_the_schema():
    doc = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    block = doc.split("## Top level", 1)[1].split("```yaml", 1)[1].split("```", 1)[0]
    sections = [line.split(":", 1)[0] for line in block.splitlines() if line and not line.startswith(" ")]
    assert "rencana_program" in sections and len(sections) == 17
    assert set(sections) == set(schema()["properties"]) - {"x-telaah-abaikan"}
    required = re.search(r"Only (.*?) are required", doc).group(1)
    assert set(re.findall(r"`(\w+)`", required)) == set(schema()["required"])


def test_schema_command_prints_the_file_exactly():
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    assert result.output == schema_text() == (ROOT / "schemas" / "renstra.schema.json").read_text(encoding="utf-8")


def test_json_and_yaml_give_the_same_errors_at_the_same_places(tmp_path):
    data = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    data["wilayah"]["kelurahan"] = "Sukamaju"
    as_json = tmp_path / "p.json"
    as_json.write_text(json.dumps(data, indent=2, ensure_ascii=False))
    result = run(as_json)
    line = as_json.read_text().splitlines().index('    "kelurahan": "Sukamaju",') + 1
    assert result.output == f'{as_json}:{line}:18: harus daftar, bukan teks "Sukamaju" (/wilayah/kelurahan)\n'


def test_an_engine_failure_is_one_line_and_exit_2(monkeypatch):
    import telaah.engine.commands.validate as command

    def broken(path, limits=None):
        raise RuntimeError("boom")

    monkeypatch.setattr(command, "read_plan", broken)
    result = run(MINIMAL)
    assert result.exit_code == 2
    assert result.output == f"{MINIMAL}: kesalahan internal: RuntimeError: boom\n"
