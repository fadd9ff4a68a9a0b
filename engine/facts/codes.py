"""Code facts for Tabel 6.1: the shape of every program / kegiatan / sub kegiatan code, whether it
extends its parent's, whether it repeats another row's, and what the nomenclature says about it.

Kinds (schemas/facts.schema.json): `code_shape` and `code_duplicate` (one per coded row),
`code_parent` (one per coded row under a coded parent, both well formed), `code_nomenclature`
(one per well-formed code whose bidang the nomenclature list covers) and `name_nomenclature` (one
per row whose code the list holds).

Rows repeating a code under one parent are a split per kelurahan, not a duplicate, when both
name a kelurahan (which one is kelurahan_coverage's concern). A name "belongs to another code"
when an official entry of the same level other than the row's own is at least `OTHER_CODE_AT`
similar to it and more similar than the row's own entry.
"""
from __future__ import annotations

from fractions import Fraction

from ..loader import join_pointer
from ..names import Compared, changes, compared, same_words, score, similarity
from ..nomenclature import load
from . import clip, fact, make_fact

OTHER_CODE_AT = Fraction(9, 10)
SHOWN_LEVEL = {"program": "program", "kegiatan": "kegiatan", "sub_kegiatan": "sub kegiatan"}


def build(plan, ctx) -> list[dict]:
    table = plan.rencana_program.tabel
    places = ctx.places
    nomenclature = load(ctx.config.nomenclature)
    facts: list[dict] = []
    earlier: dict[str, _Earlier] = {}
    for index, info in enumerate(ctx.rows):
        code = info.code
        if code is None:
            continue
        at = join_pointer(info.row.pointer, "kode")
        facts.append(fact("code_shape", at, table, info.label, None, code.printed, code.canonical if code.well_formed else None, {
            "well_formed": code.well_formed, "level": SHOWN_LEVEL[info.level], "code_level": SHOWN_LEVEL.get(code.level),
            "level_matches": code.level == info.level if code.well_formed else None,
        }))
        parent = info.parent
        if code.well_formed and parent is not None and parent.code is not None and parent.code.well_formed:
            facts.append(fact("code_parent", at, table, info.label, None, code.canonical, parent.code.canonical, {
                "extends": code.extends(parent.code), "parent_row": clip(parent.label),
            }))
        seen = earlier.setdefault(code.canonical, _Earlier())
        first = seen.first_apart(index, info, any(ctx.mentions[id(info)].values()))
        facts.append(fact("code_duplicate", at, table, info.label, None, code.printed, None, {
            "duplicate_of": clip(first.label) if first is not None else None,
        }))
        if code.well_formed and nomenclature.covers(code.canonical):
            facts.extend(_nomenclature(info, nomenclature, table, compared(info.row.nama, places, ctx.mentions[id(info)]["nama"])))
    return facts


class _Earlier:
    """The rows seen so far with one code, as much as telling duplicates from a split needs. Two
    rows with one code are a per-kelurahan split when they have one parent and both name a
    kelurahan; a row duplicates the first earlier row it is not a split with."""

    def __init__(self):
        self.first = None  # (index, row): the first row with the code
        self.first_plain = None  # the first naming no kelurahan
        self.first_elsewhere = None  # the first under another parent than the first row's

    def first_apart(self, index: int, info, names_kelurahan: bool):
        """The first earlier row `info` is not a split with (None when there is none); then
        records `info` (the `index`-th row of the table)."""
        found = None
        if self.first is None:
            self.first = (index, info)
        elif not names_kelurahan:
            found = self.first
        else:
            other_parent = self.first if info.parent is not self.first[1].parent else self.first_elsewhere
            found = min((seen for seen in (self.first_plain, other_parent) if seen is not None), default=None, key=lambda seen: seen[0])
        if self.first_plain is None and not names_kelurahan:
            self.first_plain = (index, info)
        if self.first_elsewhere is None and info.parent is not self.first[1].parent:
            self.first_elsewhere = (index, info)
        return found[1] if found else None


def _nomenclature(info, nomenclature, table: str, name: Compared) -> list[dict]:
    """`name`: the row's name as compared."""
    code, row = info.code, info.row
    at = join_pointer(row.pointer, "kode")
    printed = name.words
    key = " ".join(printed).casefold()
    entry = nomenclature.get(code.canonical)
    if entry is None:
        by_code = nomenclature.nearest_by_code(code.canonical, code.level)
        by_name, value = nomenclature.nearest_by_name(key, code.level, nomenclature.known_ancestor(code.canonical))
        return [make_fact(
            "code_nomenclature", at, table=table, row=info.label, declared=code.printed,
            expected=by_code.code if by_code else None, known=False, version=nomenclature.version,
            nearest_code=by_code.code if by_code else None, nearest_name=by_code.name if by_code else None,
            name_code=by_name.code if by_name else None, name_name=by_name.name if by_name else None,
            name_similarity=score(value) if by_name else None,
        )]
    version = clip(nomenclature.version)
    facts = [fact("code_nomenclature", at, table, info.label, None, code.printed, code.canonical, {
        "known": True, "version": version,
    })]
    same = same_words(printed, entry.words)
    own = Fraction(1) if same else similarity(key, entry.key)
    other = None
    if not same:
        best, value = nomenclature.nearest_by_name(key, code.level, at_least=max(own, OTHER_CODE_AT))
        if best is not None and best.code != entry.code and value >= OTHER_CODE_AT and value > own:
            other = best
    facts.append(fact("name_nomenclature", at if other else join_pointer(row.pointer, "nama"), table, info.label, None,
                      row.nama, entry.name, {
                          "code": clip(code.canonical), "version": version, "same": same,
                          "changes": None if same else clip(changes(name, entry.compared)), "similarity": score(own),
                          "other_code": clip(other.code) if other else None, "other_name": clip(other.name) if other else None,
                      }))
    return facts
