"""Rule fixtures: every rule has tests/rules/<CODE>/{fail,pass,expected}.yaml.

A fixture is a small change to a clean base plan:

    base: minimal            # samples/minimal.yaml, or a file tests/rules/bases/<name>.yaml
    set:                     # JSON pointer -> new value (the key is created when missing)
      /rencana_program/tujuan/0/anggaran/2025: 120000000
    remove: [/rencana_program/tujuan/0/anggaran_akhir]
    append:                  # JSON pointer of a list -> items added at its end
      /wilayah/kelurahan: [Sukamaju]

A fixture may also carry `config:`, a table as in telaah.toml (e.g. `config: {kelurahan:
{min-rp: 150000000}}`), for rules that only run when configured.

`expected.yaml` lists the exact findings of that rule on fail.yaml, in order:
`[{pointer, declared, expected}]`. pass.yaml must give no finding of that rule.
"""
from __future__ import annotations

import copy
from pathlib import Path

import yaml

from benchmarks.generate import dumps

from telaah.engine.config import parse_config
from telaah.engine.findings import jsonable
from telaah.engine.loader import loads, pointer_tokens
from telaah.engine.pipeline import CheckOptions, check_file

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
BASES = {"minimal": ROOT / "samples" / "minimal.yaml"}


def base_path(name: str) -> Path:
    return BASES.get(name) or HERE / "bases" / f"{name}.yaml"


def load_data(path: Path):
    return loads(path.read_bytes(), str(path)).data


def _parent(data, pointer: str):
    tokens = pointer_tokens(pointer)
    node = data
    for token in tokens[:-1]:
        node = node[int(token)] if isinstance(node, list) else node.setdefault(token, {})
    return node, tokens[-1]


def build(fixture: Path):
    spec = yaml.safe_load(fixture.read_text(encoding="utf-8"))
    data = copy.deepcopy(load_data(base_path(spec.get("base", "minimal"))))
    for pointer, value in (spec.get("set") or {}).items():
        node, key = _parent(data, pointer)
        if isinstance(node, list):
            node[int(key)] = value
        else:
            node[key] = value
    for pointer in spec.get("remove") or []:
        node, key = _parent(data, pointer)
        del node[int(key) if isinstance(node, list) else key]
    for pointer, items in (spec.get("append") or {}).items():
        node, key = _parent(data, pointer)
        (node[int(key)] if isinstance(node, list) else node[key]).extend(items)
    return data


def dump_json(data) -> str:
    """The plan as indented JSON (one value a line, so findings get distinct lines)."""
    return dumps(data, indent=1)


def options(fixture: Path) -> CheckOptions:
    """The check options a fixture asks for with its `config:` table (defaults without one)."""
    table = yaml.safe_load(fixture.read_text(encoding="utf-8")).get("config")
    return CheckOptions(config=parse_config(table, str(fixture))) if table else CheckOptions()


def run(data, tmp_path: Path, name: str = "plan.json", options: CheckOptions = CheckOptions()):
    target = tmp_path / name
    target.write_text(dump_json(data), encoding="utf-8")
    return check_file(str(target), options)


def summary(findings, code: str) -> list[dict]:
    return [
        {"pointer": f.pointer, "declared": jsonable(f.declared), "expected": jsonable(f.expected)}
        for f in findings
        if f.code == code
    ]
