"""The example kabupaten rule pack: loaded with --rules, run beside the built-in rules."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from click.testing import CliRunner

from telaah.cli import main

sys.path.insert(0, str(Path(__file__).parent / "rules"))
from harness import build, dump_json  # noqa: E402

ROOT = Path(__file__).parents[1]
PACK = ROOT / "samples" / "rules-kabupaten"
SUB = "/rencana_program/tujuan/0/sasaran/0/program/0/kegiatan/0/sub_kegiatan/0"


def plan_with_growth(tmp_path: Path, rp_2025: int) -> Path:
    spec = tmp_path / "fixture.yaml"
    spec.write_text("base: minimal\n", encoding="utf-8")
    data = build(spec)
    data["rencana_program"]["tujuan"][0]["sasaran"][0]["program"][0]["kegiatan"][0]["sub_kegiatan"][0]["anggaran"]["2025"] = rp_2025
    path = tmp_path / "plan.json"
    path.write_text(dump_json(data), encoding="utf-8")
    return path


def findings(path: Path, *extra):
    result = CliRunner().invoke(main, ["check", "--format", "json", *extra, str(path)])
    return result, [f for f in json.loads(result.output)["files"][0]["findings"] if f["code"].startswith("KAB")]


def test_pack_rule_fires_above_the_ceiling(tmp_path):
    # 100 000 000 → 125 000 000 is +25 %; 2026 (121 000 000) is then a fall, not a rise.
    result, found = findings(plan_with_growth(tmp_path, 125_000_000), "--rules", str(PACK))
    assert [(f["code"], f["pointer"], f["declared"], f["source"]["year"]) for f in found] == [
        ("KAB001", SUB + "/anggaran/2025", 125_000_000, 2025)
    ]
    assert "25,00 %" in found[0]["message"]


def test_pack_rule_is_quiet_at_the_ceiling(tmp_path):
    # minimal.yaml grows exactly 10 % a year: at the ceiling, not above it.
    _, found = findings(plan_with_growth(tmp_path, 110_000_000), "--rules", str(PACK))
    assert found == []


def test_pack_is_listed_and_absent_without_the_flag(tmp_path):
    listed = CliRunner().invoke(main, ["rules", "--rules", str(PACK)])
    assert "KAB001" in listed.output
    _, found = findings(plan_with_growth(tmp_path, 125_000_000))
    assert found == []
