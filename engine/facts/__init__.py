"""Facts: flat, bounded records built from the plan model, with every aggregate precomputed.

`build_facts(plan, ctx)` runs each family's builder in a fixed order and returns one list. Every
fact is made through `fact` (or `make_fact`, its form with named fields), which fixes the common
fields (see docs/architecture.md) and computes `difference`; a builder only adds the fields its
kind lists in `schemas/facts.schema.json`. No document decides a fact's shape.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property, lru_cache
from typing import Iterator

from ..codes import Code, parse_code
from ..config import Config
from ..names import Gazetteer, Mention, find_mentions

MAX_TEXT = 300  # longest string a fact carries; longer names are cut (the finding keeps the pointer)
ROW_FIELDS = ("nama", "unit_kerja", "lokasi")  # the Tabel 6.1 cells that may name a kelurahan


@dataclass(frozen=True)
class Row:
    """A Tabel 6.1 row with what every family needs about it, computed once."""

    level: str
    row: object  # model.Row61
    parent: "Row | None"
    label: str  # as printed: the code (with the name where siblings share the code), else the name
    code: Code | None
    children: list = field(default_factory=list, compare=False)


@dataclass
class Context:
    """What builders may consult besides the plan: configuration, and values computed once."""

    config: Config
    path: str = ""
    plan: object = None

    @cached_property
    def rows(self) -> list[Row]:
        """Every Tabel 6.1 row in document order."""
        out: list[Row] = []

        def visit(model_rows, parent):
            groups: dict[str, list[str]] = {}
            for r in model_rows:
                if getattr(r, "kode", None) is not None:
                    groups.setdefault(r.kode, []).append(r.nama)
            # words every name of a shared code starts with, counted once per code (not per row:
            # 100 000 rows under one code would otherwise take hours)
            shared = {kode: _common_words(names) for kode, names in groups.items() if len(names) > 1}
            for model_row in model_rows:
                kode = getattr(model_row, "kode", None)
                if kode is None:
                    label = model_row.nama
                elif kode in shared:
                    label = f"{kode} · {_distinct_tail(model_row.nama, shared[kode])}"
                else:
                    label = kode
                info = Row(model_row.level, model_row, parent, label, parse_code(kode) if kode else None)
                out.append(info)
                if parent is not None:
                    parent.children.append(info)
                visit(model_row.children, info)

        visit(self.plan.rencana_program.tujuan, None)
        return out

    @cached_property
    def places(self) -> Gazetteer:
        """The plan's kelurahan (`wilayah.kelurahan`), prepared once for finding them in texts."""
        return Gazetteer(self.plan.wilayah.kelurahan)

    @cached_property
    def mentions(self) -> dict[int, dict[str, list[Mention]]]:
        """The kelurahan each Tabel 6.1 row mentions, per cell of ROW_FIELDS, by `id` of its Row."""
        return {id(info): {field: find_mentions(getattr(info.row, field), self.places) for field in ROW_FIELDS}
                for info in self.rows}


def _common_words(names: list[str]) -> int:
    """How many leading words all `names` share."""
    split = [n.split() for n in names]
    common = 0
    while all(len(words) > common and words[common] == split[0][common] for words in split):
        common += 1
    return common


def _distinct_tail(name: str, common: int) -> str:
    """The end of `name` that tells it apart from the other names of its group (which share its
    first `common` words), with the word before it ("Kelurahan Jogoseari", "Kel. Kutorejo")."""
    words = name.split()
    return " ".join(words[max(0, common - 1):]) or name


def clip(value):
    """A text as a fact carries it (see `_clipped`); any other value as it is."""
    return _clipped(value) if isinstance(value, str) else value


@lru_cache(maxsize=1 << 16)
def _clipped(text: str) -> str:
    """Whitespace runs as one space, at most MAX_TEXT characters; the same labels and names come
    back for every year and fact of a row, so results are kept."""
    text = " ".join(text.split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


_NUMBERS = (int, Decimal)  # the types `difference` subtracts (bool, an int, excepted)


def difference(declared, expected):
    """declared − expected when both are numbers (int or Decimal, not bool), else None."""
    if declared.__class__ in _NUMBERS and expected.__class__ in _NUMBERS:  # most facts, without a subclass
        return declared - expected
    if (isinstance(declared, _NUMBERS) and isinstance(expected, _NUMBERS)
            and not isinstance(declared, bool) and not isinstance(expected, bool)):
        return declared - expected
    return None


def fact(kind: str, pointer: str, table: str | None, row, year: int | None, declared, expected, fields: dict) -> dict:
    """A fact: the common fields — `row` clipped, `difference` worked out — then the kind's own
    `fields`, as given: a builder passes the texts it takes from the document through `clip`."""
    fact = {
        "kind": kind,
        "pointer": pointer,
        "table": table,
        "row": None if row is None else _clipped(str(row)),
        "year": year,
        "declared": declared,
        "expected": expected,
        "difference": None if declared is None or expected is None else difference(declared, expected),
    }
    fact.update(fields)
    return fact


def make_fact(kind: str, pointer: str, *, table: str | None, row: str | None, year: int | None = None,
              declared=None, expected=None, **fields) -> dict:
    """`fact` with its fields named, every string among them clipped."""
    return fact(kind, pointer, table, row, year, declared, expected, {key: clip(value) for key, value in fields.items()})


def family_facts(plan, ctx: Context) -> Iterator[list[dict]]:
    """Each family's facts in turn, in the builders' order: a caller can let one family's facts
    go before the next family's are built (a 50 000 sub kegiatan plan has over a million)."""
    from . import families

    ctx.plan = plan
    for builder in families.BUILDERS:
        yield builder(plan, ctx)


def build_facts(plan, ctx: Context) -> list[dict]:
    """Every fact of the plan, in one list."""
    return [fact for part in family_facts(plan, ctx) for fact in part]
