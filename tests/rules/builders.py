"""Helpers for the fact builders' unit tests: run one builder on a plan given as data, and read
the corrections listed in samples/CORRECTIONS.md."""
from __future__ import annotations

import copy
import re
from pathlib import Path

from harness import ROOT, base_path, dump_json, load_data

from telaah.engine.loader import pointer_tokens

from telaah.engine.config import Config
from telaah.engine.facts import Context
from telaah.engine.validate import read_plan

PANDAAN = ROOT / "samples" / "renstra-pandaan-2024-2026.json"
PANDAAN_CORRECTED = ROOT / "samples" / "renstra-pandaan-2024-2026.corrected.json"
_CORRECTION = re.compile(r"\| (\d+) \| ([0-9./]+(?: text)?) \| (.*?) \| (.*?) \| (.*?) \| (.*?) \| (.*) \| `(.*)` \|$")


def base(name: str = "minimal") -> dict:
    """A fresh copy of a clean base plan (samples/minimal.yaml or tests/rules/bases/<name>.yaml)."""
    return copy.deepcopy(load_data(base_path(name)))


def facts_of(builder, data: dict, tmp_path: Path, config: Config = Config(), kind: str | None = None) -> list[dict]:
    """The facts `builder` makes for `data` (validated as a file first), optionally of one kind."""
    path = tmp_path / "plan.json"
    path.write_text(dump_json(data), encoding="utf-8")
    read = read_plan(str(path))
    assert not read.errors, [e.format("en") for e in read.errors]
    ctx = Context(config, str(path))
    ctx.plan = read.plan
    return [f for f in builder(read.plan, ctx) if kind is None or f["kind"] == kind]


def corrections() -> list[dict]:
    """The rows of the "Corrections" tables of samples/CORRECTIONS.md."""
    out = []
    for line in (ROOT / "samples" / "CORRECTIONS.md").read_text(encoding="utf-8").splitlines():
        match = _CORRECTION.match(line)
        if match:
            no, table, row, column, old, new, why, pointer = match.groups()
            out.append({"no": int(no), "table": table, "row": row, "column": column, "old": old, "new": new,
                        "why": why, "pointer": pointer})
    return out


def resolve(data, pointer: str):
    """The value at a JSON pointer."""
    for token in pointer_tokens(pointer):
        data = data[int(token)] if isinstance(data, list) else data[token]
    return data
