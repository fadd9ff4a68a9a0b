"""Rule files, the registry, the fact-kind schema, message filling, `telaah rules` / `explain`."""
from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from engine_fixtures.helpers import FIXTURES, RULES_DIR, fixture_kinds, fixture_rules, rule_yaml, write_rule
from telaah.cli import main
from telaah.engine import registry
from telaah.engine.factkinds import MAX_INT, FactError, check_fact, fact_kinds, load_fact_kinds
from telaah.engine.messages import fill, format_value, placeholders
from telaah.engine.registry import DOCS_PATH, RulesError, load_rules, make_finding, render_rules_markdown

KINDS = fixture_kinds()


def lint_errors(tmp_path: Path, text: str, code: str = "TST100", family: str = "fam") -> list[str]:
    folder = tmp_path / family
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{code}.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(RulesError) as info:
        load_rules([tmp_path], builtin=False, kinds=KINDS)
    return info.value.lines("en")


# --------------------------------------------------------------------------- loading


def test_fixture_rules_load_sorted_with_their_origin():
    rules = fixture_rules()
    assert [r.code for r in rules] == ["TST001", "TST002", "TST003", "TST010", "TST011", "TST012"]
    first = rules[0]
    assert (first.family, first.origin, first.fact, first.weight) == ("total", str(RULES_DIR), "t_total", 3)
    assert first.source == str(RULES_DIR / "total" / "TST001.yaml")
    assert first.message["en"].startswith("Rp of {row} in {year}")
    assert rules[1].tags == ("uji",)


def test_rule_is_a_frozen_dataclass_with_the_reporters_attributes():
    rule = fixture_rules()[0]
    names = {f.name for f in dataclasses.fields(rule)}
    assert {"code", "name", "severity", "category", "weight", "enforces", "fact", "when", "message", "docs",
            "family", "source", "origin"} <= names
    with pytest.raises(dataclasses.FrozenInstanceError):
        rule.code = "X"


def test_compiled_pattern_tests_the_kind_first_and_guards_nulls():
    rules = {r.code: r for r in fixture_rules()}
    pattern = json.loads(rules["TST001"].pattern)
    assert pattern == {"$and": [{"kind": "t_total"}, {"$neq": {"expected": None}}, {"$neq": {"declared": {"$m": "expected"}}}]}
    # label = level: level is never null and a null label never equals anything: no guard needed
    assert json.loads(rules["TST003"].pattern) == {"$and": [{"kind": "t_total"}, {"label": {"$m": "level"}}]}
    assert '100.5' in rules["TST011"].pattern and rules["TST011"].paths == 2


def test_equality_of_two_nullable_fields_is_guarded(tmp_path):
    write_rule(tmp_path / "x", "TST100", "t_total", "{declared: {$m: expected}}")
    (rule,) = load_rules([tmp_path], builtin=False, kinds=KINDS)
    assert json.loads(rule.pattern)["$and"][1:] == [{"$neq": {"declared": None}}, {"declared": {"$m": "expected"}}]


def test_builtin_rules_load():
    rules = load_rules()
    assert all(r.origin == "builtin" and r.source == f"rules/{r.family}/{r.code}.yaml" for r in rules)
    assert [r.code for r in rules] == sorted(r.code for r in rules)


def test_get_rule_by_code_or_name_and_unknown():
    rule = registry.get_rule("tst001", [RULES_DIR], builtin=False, kinds=KINDS)
    assert rule.name == "total-equals-children"
    assert registry.get_rule("total-missing", [RULES_DIR], builtin=False, kinds=KINDS).code == "TST002"
    with pytest.raises(KeyError):
        registry.get_rule("TST999", [RULES_DIR], builtin=False, kinds=KINDS)
    assert registry.suggest("TST01", fixture_rules())[0] in ("TST001", "TST010", "TST011", "TST012")


# --------------------------------------------------------------------------- lint


GOOD_WHEN = "{$neq: {declared: {$m: expected}}}"


@pytest.mark.parametrize(
    "text, phrase",
    [
        (rule_yaml("TST100", "t_total", GOOD_WHEN).replace("severity: error", "severity: fatal"), "'fatal' is not one of"),
        (rule_yaml("TST100", "t_total", GOOD_WHEN).replace("weight: 1", "weight: 0"), "0 is less than the minimum"),
        (rule_yaml("TST100", "t_total", GOOD_WHEN).replace("weight: 1", "weight: 2.5"), "is not of type 'integer'"),
        (rule_yaml("TST100", "t_total", GOOD_WHEN) + "extra: 1\n", "Additional properties are not allowed"),
        (rule_yaml("TST100", "t_total", GOOD_WHEN).replace("category: target", "category: targets"), "is not one of"),
        (rule_yaml("TST100", "t_total", GOOD_WHEN, name="Not_Kebab"), "does not match"),
        (rule_yaml("TST100", "t_total", "{}"), "should be non-empty"),
        (rule_yaml("TST101", "t_total", GOOD_WHEN), "code TST101 differs from the file name TST100.yaml"),
        (rule_yaml("TST100", "t_nope", GOOD_WHEN), "unknown fact kind: t_nope"),
        (rule_yaml("TST100", "t_total", "{$neq: {nope: 1}}"), "'nope' is not a field of fact kind t_total"),
        (rule_yaml("TST100", "t_total", "{kind: t_total}"), "the engine tests kind itself"),
        (rule_yaml("TST100", "t_total", "{$ex: {declared: 1}}"), "operator $ex is not supported"),
        (rule_yaml("TST100", "t_total", "{$mt: {level: 'a.*'}}"), "operator $mt is not supported"),
        (rule_yaml("TST100", "t_total", "{$add: {declared: 1}}"), "operator $add is not supported"),
        (rule_yaml("TST100", "t_total", "{$and: []}"), "$and must be a non-empty list"),
        (rule_yaml("TST100", "t_total", "{declared: 1, expected: 2}"), "exactly one key (combine with $and)"),
        (rule_yaml("TST100", "t_total", "{$lt: {level: a}}"), "$lt compares numbers only"),
        (rule_yaml("TST100", "t_total", "{level: 5}"), "field level is a string; the value is not"),
        (rule_yaml("TST100", "t_range", "{value: abc}"), "field value is a number; the value is not"),
        (rule_yaml("TST100", "t_range", "{declared: 5}"), "field declared has mixed types"),
        (rule_yaml("TST100", "t_total", "{$neq: {declared: {$m: nope}}}"), "'nope' is not a field"),
        (rule_yaml("TST100", "t_total", "{$neq: {declared: {$m: declared}}}"), "compared with itself"),
        (rule_yaml("TST100", "t_range", "{$lt: {value: {$m: unit}}}"), "value (number) and unit (string) cannot be compared"),
        (rule_yaml("TST100", "t_range", "{$lt: {value: {$m: maks}, x: 1}}"), "$lt must be an object with exactly one field"),
        (rule_yaml("TST100", "t_range", "{value: {$m: maks, $x: 1}}"), "an operand must be a value or {$m: field}"),
        (rule_yaml("TST100", "t_range", "{$lt: {value: null}}"), "null can only be tested for equality"),
        (rule_yaml("TST100", "t_total", "{level: null}"), "field level is never null"),
        (rule_yaml("TST100", "t_range", "{$gt: {value: 1.0e+30}}"), "out of the engine's range"),
        (rule_yaml("TST100", "t_range", "{$gt: {value: 0.12345678901234567}}"), "out of the engine's range"),
        (rule_yaml("TST100", "t_total", GOOD_WHEN, message="{nope}"), "template uses {nope}, not a field"),
        (rule_yaml("TST100", "t_total", GOOD_WHEN, message="{row.__class__}"), "template {row.__class__} is not allowed"),
        (rule_yaml("TST100", "t_total", GOOD_WHEN, message="{0}"), "template {0} is not allowed"),
        (rule_yaml("TST100", "t_total", GOOD_WHEN, message="{row!r}"), "template {row!r} is not allowed"),
        (rule_yaml("TST100", "t_total", GOOD_WHEN, message="{row:>9}"), "template {row:>9} is not allowed"),
        (rule_yaml("TST100", "t_total", GOOD_WHEN).replace("failing: 'a: 1'", "failing: 'a: [1,'"), "failing example is not valid YAML"),
        (rule_yaml("TST100", "t_range", "{$or: [" + ", ".join(f"{{$gt: {{value: {i}}}}}" for i in range(17)) + "]}"),
         "17 alternatives"),
        (rule_yaml("TST100", "t_range", "{$and: [" + "{$or: [{$and: [" * 7 + "{value: 1}" + "]}]}" * 7 + "]}"), "15 $and/$or groups"),
        ("code: TST100\ncode: TST100\n", "duplicate key"),
        ("- a\n- b\n", "is not of type 'object'"),
        ("code: !!python/object/apply:os.system ['true']\n", "YAML tag not allowed"),
    ],
)
def test_lint_errors_name_file_line_and_rule(tmp_path, text, phrase):
    lines = lint_errors(tmp_path, text)
    assert any(phrase in line for line in lines), lines
    assert all(line.startswith(str(tmp_path / "fam" / "TST100.yaml")) for line in lines)
    assert all("\n" not in line for line in lines)


def test_lint_line_and_column_point_at_the_problem(tmp_path):
    (line,) = lint_errors(tmp_path, rule_yaml("TST100", "t_total", "{$neq: {nope: 1}}"))
    assert line.startswith(f"{tmp_path / 'fam' / 'TST100.yaml'}:8:") and "TST100:" in line and "(/when/$neq/nope)" in line


def test_loading_never_runs_code(tmp_path):
    marker = tmp_path / "ran"
    lint_errors(tmp_path, f"code: !!python/object/apply:os.system ['touch {marker}']\n")
    assert not marker.exists()


def test_every_problem_of_every_file_is_reported_in_indonesian_too(tmp_path):
    write_rule(tmp_path / "a", "TST100", "t_total", "{$neq: {nope: 1}}", message="{nada}")
    write_rule(tmp_path / "b", "TST101", "t_nope", GOOD_WHEN)
    with pytest.raises(RulesError) as info:
        load_rules([tmp_path], builtin=False, kinds=KINDS)
    lines = info.value.lines("id")
    assert len(lines) == 4  # nope in when, {nada} in both templates, unknown kind
    assert "bukan bidang jenis fakta t_total" in lines[0] and "jenis fakta tidak dikenal: t_nope" in lines[3]


def test_duplicate_code_and_name_across_packs(tmp_path):
    write_rule(tmp_path / "pack1", "TST001", "t_total", GOOD_WHEN, name="total-equals-children")
    with pytest.raises(RulesError) as info:
        load_rules([RULES_DIR, tmp_path / "pack1"], builtin=False, kinds=KINDS)
    lines = info.value.lines("en")
    assert any("code TST001 is already used in" in line and "TST001.yaml" in line for line in lines)
    assert any("name total-equals-children is already used" in line for line in lines)


def test_missing_or_empty_pack_directory(tmp_path):
    with pytest.raises(RulesError, match="direktori aturan tidak ditemukan"):
        load_rules([tmp_path / "nope"], builtin=False, kinds=KINDS)
    with pytest.raises(RulesError, match="tidak ada berkas aturan"):
        load_rules([tmp_path], builtin=False, kinds=KINDS)


def test_pack_family_is_the_folder_name(tmp_path):
    write_rule(tmp_path / "kabupaten", "KAB001", "t_total", GOOD_WHEN)
    write_rule(tmp_path, "KAB002", "t_total", "{$neq: {expected: {$m: declared}}}")
    rules = load_rules([tmp_path], builtin=False, kinds=KINDS)
    assert [(r.code, r.family) for r in rules] == [("KAB001", "kabupaten"), ("KAB002", tmp_path.name)]


# --------------------------------------------------------------------------- findings and messages


def test_make_finding_fills_the_message_per_language():
    rule = fixture_rules()[0]
    fact = {"kind": "t_total", "pointer": "/rencana_program/tujuan/0/anggaran/2025", "table": "6.1", "row": "7 01 02",
            "year": 2025, "declared": 9033053602, "expected": Decimal("9033053600.50"), "difference": Decimal("1.50"), "level": "program"}
    finding = make_finding(rule, fact, kinds=KINDS, file="plan.yaml")
    assert finding.message == "Rp 7 01 02 tahun 2025 tertulis 9.033.053.602, jumlah rinciannya 9.033.053.600,50 (selisih 1,50)."
    english = make_finding(rule, fact, lang="en", kinds=KINDS)
    assert english.message == "Rp of 7 01 02 in 2025 is 9,033,053,602; its children add up to 9,033,053,600.50 (difference 1.50)."
    assert (finding.code, finding.severity, finding.category, finding.weight, finding.file) == ("TST001", "error", "anggaran", 3, "plan.yaml")
    assert finding.pointer == fact["pointer"]
    assert finding.source.to_dict() == {"table": "6.1", "row": "7 01 02", "year": 2025}
    assert finding.expected == Decimal("9033053600.50") and finding.to_dict()["expected"] == "9033053600.50"


def test_message_keeps_long_names_whole():
    rule = {r.code: r for r in fixture_rules()}["TST003"]
    name = "program " * 100
    fact = {"kind": "t_total", "pointer": "/x", "row": "1", "level": name, "label": name}
    assert name in make_finding(rule, fact, kinds=KINDS).message


@pytest.mark.parametrize(
    "value, lang, plain, text",
    [
        (8166412447, "id", False, "8.166.412.447"),
        (8166412447, "en", False, "8,166,412,447"),
        (Decimal("97.75"), "id", False, "97,75"),
        (Decimal("97.75"), "en", False, "97.75"),
        (Decimal("1234567.5"), "id", False, "1.234.567,5"),
        (Decimal("1E-5"), "en", False, "0.00001"),
        (Decimal("-180387.38"), "id", False, "-180.387,38"),
        (None, "id", False, "-"),
        (None, "en", False, "–"),
        (2025, "id", True, "2025"),
        (True, "id", False, "ya"),
        (False, "en", False, "no"),
        ("7 01 02", "en", False, "7 01 02"),
    ],
)
def test_format_value(value, lang, plain, text):
    assert format_value(value, lang, plain) == text


def test_templates_only_look_up_plain_names():
    assert placeholders("{row} {{literal}} {year}") == ["row", "year"]
    for bad in ("{row.__class__}", "{row[0]}", "{}", "{0}", "{row!s}", "{row:10}"):
        with pytest.raises(ValueError):
            placeholders(bad)
    assert fill("{row.__class__.__mro__}", {"row": "x"}) == "-"  # unchecked templates still reach nothing
    assert fill("{{a}} {a}", {"a": 1000}, "en") == "{a} 1,000"


# --------------------------------------------------------------------------- fact kinds schema


def test_schemas_are_valid_json_schema():
    for name in ("facts.schema.json", "rule.schema.json"):
        schema = json.loads(resources.files("telaah.schemas").joinpath(name).read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator.check_schema(json.loads((FIXTURES / "facts.schema.json").read_text(encoding="utf-8")))


def test_builtin_fact_kinds_load_and_share_the_common_fields():
    kinds = fact_kinds()
    assert fact_kinds() is kinds  # cached
    for kind in kinds.values():
        assert list(kind.fields)[:8] == ["kind", "pointer", "table", "row", "year", "declared", "expected", "difference"]
        assert all(f.description["id"] and f.description["en"] for f in kind.fields.values())


def _schema_with(kind_spec: dict) -> str:
    schema = json.loads((FIXTURES / "facts.schema.json").read_text(encoding="utf-8"))
    schema["$defs"]["t_new"] = kind_spec
    return json.dumps(schema)


def _kind(props: dict, **over) -> dict:
    return {"description": "ID: x / EN: x", "allOf": [{"$ref": "#/$defs/fact"}], "properties": props, "unevaluatedProperties": False, **over}


FIELD = {"type": "string", "description": "ID: a / EN: a"}


@pytest.mark.parametrize(
    "spec, phrase",
    [
        (_kind({"f_loczw": FIELD, "f_vfbpa": FIELD}), "collide in the engine's hash"),
        (_kind({"id": FIELD}), "field name 'id'"),
        (_kind({"Bad": FIELD}), "field name 'Bad'"),
        (_kind({"a": {"type": "array", "description": "ID: a / EN: a"}}), "type must be one or more of"),
        (_kind({"a": {"type": "string", "description": "only one language"}}), 'description must read "ID: … / EN: …"'),
        (_kind({"year": {"type": "string", "description": "ID: a / EN: a"}}), "may only narrow the common types"),
        (_kind({f"f{i}": FIELD for i in range(193)}), "201 fields; at most 200"),
        (_kind({}, unevaluatedProperties=True), '"unevaluatedProperties": false'),
        (_kind({}, description="x"), 'description must read "ID: … / EN: …"'),
    ],
)
def test_facts_schema_problems(spec, phrase):
    with pytest.raises(ValueError, match="facts schema") as info:
        load_fact_kinds(_schema_with(spec))
    assert phrase in str(info.value)


def test_check_fact_accepts_absent_fields_and_long_strings():
    assert check_fact({"kind": "t_total", "pointer": "", "level": "x" * 10_000}, KINDS).name == "t_total"
    with pytest.raises(FactError):
        check_fact({"kind": "t_total", "pointer": "", "level": "x", "declared": 0.5}, KINDS)


scalars = st.one_of(st.none(), st.booleans(), st.integers(-MAX_INT, MAX_INT), st.text(max_size=5),
                    st.decimals(places=2, min_value=-10**9, max_value=10**9))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["t_total", "t_range"]), st.dictionaries(st.sampled_from(["declared", "expected", "difference", "value", "maks", "unit", "ok", "level", "label", "year", "row"]), scalars))
def test_check_fact_agrees_with_the_json_schema(kind, fields):
    schema = json.loads((FIXTURES / "facts.schema.json").read_text(encoding="utf-8"))
    fact = {"kind": kind, "pointer": "/x", "level": "program", **fields} if kind == "t_total" else {"kind": kind, "pointer": "/x", **fields}
    validator = jsonschema.Draft202012Validator({**schema, "$ref": f"#/$defs/{kind}"})
    try:
        check_fact(fact, KINDS)
        accepted = True
    except FactError:
        accepted = False
    # absent means null for the engine; the JSON Schema only sees present keys, so compare with nulls filled in
    full = {name: fact.get(name) for name in KINDS[kind].fields} | fact
    assert accepted == validator.is_valid(full)


@given(st.floats(), st.sampled_from(["declared", "expected", "difference"]))
def test_floats_are_always_refused(value, field):
    with pytest.raises(FactError, match="bertipe float"):
        check_fact({"kind": "t_total", "pointer": "", "level": "x", field: value}, KINDS)


# --------------------------------------------------------------------------- docs/rules.md


def test_committed_rules_doc_is_up_to_date():
    assert DOCS_PATH.read_text(encoding="utf-8") == render_rules_markdown(), (
        "docs/rules.md is out of date; regenerate it with: python -m telaah.engine.registry --write-docs")


def test_rules_doc_lists_every_rule_with_its_examples():
    rules = fixture_rules()
    text = render_rules_markdown(rules)
    for rule in rules:
        assert f"## {rule.code}" in text and rule.message["en"] in text
    assert "rincian: [{anggaran: {\"2024\": 60}}, {anggaran: {\"2024\": 30}}]" in text
    assert "*A difference means a missing child row or a typo.*" in text


# --------------------------------------------------------------------------- commands


@pytest.fixture
def with_test_kinds(monkeypatch):
    """The commands, with the test-only fact kinds known."""
    monkeypatch.setattr(registry, "fact_kinds", lambda: KINDS)
    registry._builtin_rules.cache_clear()
    yield
    registry._builtin_rules.cache_clear()


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_rules_command_table_and_json(with_test_kinds):
    everything = load_rules([RULES_DIR])  # the built-ins and the pack
    result = run("rules", "--rules", str(RULES_DIR))
    assert result.exit_code == 0, result.stderr
    lines = result.output.splitlines()
    assert lines[0].split() == ["KODE", "NAMA", "TINGKAT", "KATEGORI", "BOBOT"]
    assert [line.split()[0] for line in lines[1:-1]] == [r.code for r in everything]
    assert ["TST001", "total-equals-children", "error", "anggaran", "3"] in [line.split() for line in lines]
    assert lines[-1] == f"{len(everything)} aturan"
    data = json.loads(run("rules", "--rules", str(RULES_DIR), "--format", "json").output)
    assert [d["code"] for d in data] == [r.code for r in everything]
    assert {"code": "TST001", "name": "total-equals-children", "severity": "error", "category": "anggaran",
            "weight": 3, "fact": "t_total", "family": "total", "origin": str(RULES_DIR)} in data
    assert run("rules", "--rules", str(RULES_DIR), "--lang", "en").output.splitlines()[-1] == f"{len(everything)} rules"


def test_explain_command(with_test_kinds):
    result = run("explain", "tst001", "--rules", str(RULES_DIR), "--lang", "en")
    assert result.exit_code == 0
    text = result.output
    assert text.startswith("TST001 — total-equals-children\n")
    for part in ("Enforces: Uji: Rp induk = jumlah rincian", "A difference means a missing child row", '"$neq": {',
                 "en: Rp of {row} in {year}", "Failing example:\n    anggaran: {\"2024\": 100}"):
        assert part in text
    assert run("explain", "total-missing", "--rules", str(RULES_DIR)).output.startswith("TST002 — total-missing")


def test_explain_unknown_code_suggests(with_test_kinds):
    result = run("explain", "TST01", "--rules", str(RULES_DIR))
    assert result.exit_code == 2
    assert result.stderr.startswith("aturan tidak dikenal: TST01; maksud Anda: ")
    assert result.stdout == ""


def test_commands_report_bad_packs_without_traceback(with_test_kinds, tmp_path):
    write_rule(tmp_path / "x", "TST100", "t_total", "{$neq: {nope: 1}}")
    for args in (("rules",), ("explain", "TST100")):
        result = run(*args, "--rules", str(tmp_path), "--lang", "en")
        assert result.exit_code == 2
        assert result.stderr.startswith(str(tmp_path / "x" / "TST100.yaml") + ":8:")
        assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1
