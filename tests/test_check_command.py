"""`telaah check`: exit codes, configuration discovery and overrides, suppressions, outputs."""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from click.testing import CliRunner

from telaah.cli import main

sys.path.insert(0, str(Path(__file__).parent / "rules"))
from harness import build, dump_json  # noqa: E402

ROOT = Path(__file__).parents[1]
MINIMAL = ROOT / "samples" / "minimal.yaml"


def invoke(*args):
    return CliRunner().invoke(main, ["check", *map(str, args)])


def stale_suppression_plan(tmp_path: Path) -> Path:
    """The minimal plan with one suppression that silences nothing (a TLH001 warning)."""
    data = build(ROOT / "tests" / "rules" / "TLH001" / "fail.yaml")
    path = tmp_path / "plan.json"
    path.write_text(dump_json(data), encoding="utf-8")
    return path


def test_clean_plan_exits_zero():
    result = invoke(MINIMAL)
    assert result.exit_code == 0, result.output
    assert "100,00" in result.output


def test_warning_fails_only_when_asked(tmp_path):
    plan = stale_suppression_plan(tmp_path)
    assert invoke(plan).exit_code == 0
    flagged = invoke(plan, "--fail-on", "warning")
    assert flagged.exit_code == 1
    assert "TLH001" in flagged.output
    assert invoke(plan, "--fail-on", "warning", "--exit-zero").exit_code == 0


def test_json_contract_has_findings_with_location(tmp_path):
    plan = stale_suppression_plan(tmp_path)
    result = invoke(plan, "--format", "json")
    report = json.loads(result.output)
    finding = report["files"][0]["findings"][0]
    for key in ("code", "severity", "message", "pointer", "line", "column", "source", "declared", "expected"):
        assert key in finding
    assert finding["code"] == "TLH001"
    assert finding["line"] > 1 and finding["column"] >= 1
    assert set(finding["source"]) == {"table", "row", "year"}


def test_english_messages(tmp_path):
    plan = stale_suppression_plan(tmp_path)
    result = invoke(plan, "--lang", "en", "--format", "json")
    assert "silences no finding" in json.loads(result.output)["files"][0]["findings"][0]["message"]


def test_config_file_is_found_walking_up_and_flags_override(tmp_path):
    nested = tmp_path / "plans" / "2024"
    nested.mkdir(parents=True)
    plan = stale_suppression_plan(nested)
    (tmp_path / "telaah.toml").write_text('fail-on = "warning"\nlang = "en"\n', encoding="utf-8")
    assert invoke(plan).exit_code == 1
    shown = json.loads(invoke(plan, "--show-config").output)
    assert shown["fail-on"] == "warning" and shown["lang"] == "en"
    assert shown["source"].endswith("telaah.toml")
    assert invoke(plan, "--fail-on", "error").exit_code == 0
    (tmp_path / "telaah.toml").write_text('ignore = ["TLH"]\nfail-on = "warning"\n', encoding="utf-8")
    assert invoke(plan).exit_code == 0


def test_pyproject_tool_table_is_read(tmp_path):
    plan = stale_suppression_plan(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.telaah]\nfail-on = "warning"\n', encoding="utf-8")
    assert invoke(plan).exit_code == 1


def test_bad_configuration_is_one_line_exit_2(tmp_path):
    plan = stale_suppression_plan(tmp_path)
    for text, fragment in (
        ('fail-on = "sometimes"\n', "fail-on"),
        ('selct = ["ANG"]\n', "selct"),
        ('ignore = ["XYZ999"]\n', "XYZ999"),
        ("fail-on = \n", "konfigurasi"),
    ):
        (tmp_path / "telaah.toml").write_text(text, encoding="utf-8")
        result = invoke(plan)
        assert result.exit_code == 2, text
        assert fragment in result.output
        assert "Traceback" not in result.output


def test_unknown_code_in_suppression_is_an_input_error(tmp_path):
    data = build(ROOT / "tests" / "rules" / "TLH001" / "fail.yaml")
    data["rencana_program"]["tujuan"][0]["x-telaah-abaikan"] = [{"code": "NOP999", "alasan": "x"}]
    path = tmp_path / "plan.json"
    path.write_text(dump_json(data), encoding="utf-8")
    result = invoke(path)
    assert result.exit_code == 2
    assert "NOP999" in result.output


def test_outputs_are_written_and_unknown_format_refused(tmp_path):
    out = tmp_path / "r.sarif"
    result = invoke(MINIMAL, "--output", f"sarif={out}", "--output", f"json={tmp_path / 'r.json'}")
    assert result.exit_code == 0
    assert json.loads(out.read_text())["version"] == "2.1.0"
    assert json.loads((tmp_path / "r.json").read_text())["files"][0]["valid"] is True
    assert invoke(MINIMAL, "--format", "pdf").exit_code == 2
    assert invoke(MINIMAL, "--output", "sarif").exit_code == 2
    bad = invoke(MINIMAL, "--output", f"json={tmp_path / 'missing-dir' / 'r.json'}")
    assert bad.exit_code == 2 and "Traceback" not in bad.output


def test_many_files_keep_argument_order_and_input_errors_exit_2(tmp_path):
    first = tmp_path / "b.yaml"
    shutil.copy(MINIMAL, first)
    second = stale_suppression_plan(tmp_path)
    broken = tmp_path / "c.json"
    broken.write_text("{", encoding="utf-8")
    result = invoke(first, second, broken, "--format", "json", "--jobs", "2")
    report = json.loads(result.output)
    assert [Path(f["path"]).name for f in report["files"]] == ["b.yaml", "plan.json", "c.json"]
    assert result.exit_code == 2
    assert report["files"][2]["valid"] is False


def test_input_files_are_not_modified(tmp_path):
    plan = stale_suppression_plan(tmp_path)
    before = (plan.read_bytes(), plan.stat().st_mtime_ns)
    invoke(plan, "--format", "html", "--output", f"sarif={tmp_path / 'x.sarif'}")
    assert (plan.read_bytes(), plan.stat().st_mtime_ns) == before
