"""Every built-in rule: its failing fixture gives exactly the expected findings, its passing
fixture none, and every clean base plan gives no finding at all."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).parent / "rules"))
from harness import HERE, BASES, build, load_data, options, run, summary  # noqa: E402

from telaah.engine.registry import load_rules  # noqa: E402

RULES = load_rules()
CODES = [rule.code for rule in RULES]
BASE_NAMES = sorted(set(BASES) | {p.stem for p in (HERE / "bases").glob("*.yaml")})


def test_codes_are_unique():
    assert len(CODES) == len(set(CODES))


@pytest.mark.parametrize("code", CODES)
def test_every_rule_has_its_fixtures(code):
    folder = HERE / code
    missing = [name for name in ("fail.yaml", "pass.yaml", "expected.yaml") if not (folder / name).is_file()]
    assert not missing, f"{code}: missing {missing} in {folder}"


@pytest.mark.parametrize("code", CODES)
def test_failing_fixture_gives_exactly_the_expected_findings(code, tmp_path):
    folder = HERE / code
    result = run(build(folder / "fail.yaml"), tmp_path, options=options(folder / "fail.yaml"))
    assert not result.errors, result.errors
    expected = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
    assert expected, f"{code}: expected.yaml must list at least one finding"
    assert summary(result.findings, code) == expected


@pytest.mark.parametrize("code", CODES)
def test_passing_fixture_gives_no_finding_of_the_rule(code, tmp_path):
    result = run(build(HERE / code / "pass.yaml"), tmp_path, options=options(HERE / code / "pass.yaml"))
    assert not result.errors, result.errors
    assert summary(result.findings, code) == []


@pytest.mark.parametrize("name", BASE_NAMES)
def test_bases_are_clean(name, tmp_path):
    from harness import base_path

    result = run(load_data(base_path(name)), tmp_path)
    assert not result.errors, result.errors
    assert [(f.code, f.pointer, f.message) for f in result.findings] == []
