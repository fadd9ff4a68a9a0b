"""Facts: flat, bounded records built from the plan model, with every aggregate precomputed.

`build_facts(plan, ctx)` runs each family's builder in a fixed order and returns one list. Every
fact is made through `make_fact`, which fixes the common fields (see docs/architecture.md) and
computes `difference`; a builder only adds the fields its kind lists in
`schemas/facts.schema.json`. No document decides a fact's shape.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..config import Config

MAX_TEXT = 300  # longest string a fact carries; longer names are cut (the finding keeps the pointer)


@dataclass(frozen=True)
class Context:
    """What builders may consult besides the plan: configuration and reference data."""

    config: Config
    path: str = ""


def clip(text: str | None) -> str | None:
    if text is None:
        return None
    text = " ".join(str(text).split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def difference(declared, expected):
    if isinstance(declared, (int, Decimal)) and isinstance(expected, (int, Decimal)) and not isinstance(declared, bool) and not isinstance(expected, bool):
        return declared - expected
    return None


def make_fact(kind: str, pointer: str, *, table: str | None, row: str | None, year: int | None = None,
              declared=None, expected=None, **fields) -> dict:
    fact = {
        "kind": kind,
        "pointer": pointer,
        "table": table,
        "row": clip(row),
        "year": year,
        "declared": declared,
        "expected": expected,
        "difference": difference(declared, expected),
    }
    for key, value in fields.items():
        fact[key] = clip(value) if isinstance(value, str) else value
    return fact


def build_facts(plan, ctx: Context) -> list[dict]:
    from . import families

    facts: list[dict] = []
    for builder in families.BUILDERS:
        facts.extend(builder(plan, ctx))
    return facts
