"""Reference data shipped in `engine/data/` (score weights, category bounds), read once per process.

Non-integers are read as `Decimal`, never `float`.
"""
from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from importlib import resources


@cache
def load_data(name: str) -> dict:
    text = resources.files("telaah.engine").joinpath("data", name).read_text(encoding="utf-8")
    return json.loads(text, parse_float=Decimal)
