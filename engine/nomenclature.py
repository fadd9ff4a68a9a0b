"""The program / kegiatan / sub kegiatan nomenclature shipped in `engine/data/nomenklatur/`.

One CSV per version (`kode,tingkat,nama`, canonical codes `7.01.02.2.01.0002`), chosen by
`config.nomenclature` (engine/config.py NOMENCLATURES) and read once per process. A list covers
only the bidang it contains (the shipped one: 7.01, kecamatan) and lacks later updates, so a code
it does not hold is unknown, not wrong: `covers` tells whether a code's bidang is in the list, and
`nearest_by_code` / `nearest_by_name` give the official entry to suggest.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from fractions import Fraction
from functools import cache, cached_property, lru_cache
from importlib import resources

from .names import Candidates, Compared, closest, compared

LEVELS = {"program": "program", "kegiatan": "kegiatan", "subkegiatan": "sub_kegiatan"}


@dataclass(frozen=True)
class Entry:
    code: str  # canonical: 7.01.02.2.01.0002
    level: str  # program | kegiatan | sub_kegiatan
    name: str

    @cached_property
    def compared(self) -> Compared:
        """The name as compared (see names.comparable)."""
        return compared(self.name)

    @cached_property
    def words(self) -> tuple[str, ...]:
        """The words the name is compared on (see names.comparable)."""
        return tuple(self.compared.words)

    @cached_property
    def key(self) -> str:
        """The name as compared: its `words`, case-folded."""
        return " ".join(self.words).casefold()

    @cached_property
    def parts(self) -> tuple[str, ...]:
        """The parts of the code: 7, 01, 02, 2, 01, 0002."""
        return tuple(self.code.split("."))

    @cached_property
    def numbers(self) -> tuple[int, ...]:
        """The parts of the code as numbers (a part that is not one counts 0)."""
        return tuple(_number(self.parts, i) for i in range(len(self.parts)))


class Nomenclature:
    def __init__(self, version: str, entries: list[Entry]):
        self.version = version
        self.entries = tuple(entries)
        self._by_code = {e.code: e for e in entries}
        self._bidang = {_bidang(e.code) for e in entries}
        self._by_level: dict[str, list[Entry]] = {}
        for e in entries:
            self._by_level.setdefault(e.level, []).append(e)
        self._candidates: dict[tuple[str, str], Candidates] = {}

    def get(self, code: str) -> Entry | None:
        """The entry of a canonical code, or None."""
        return self._by_code.get(code)

    def covers(self, code: str) -> bool:
        """Whether the list holds the urusan and bidang (`7.01`) of a canonical code."""
        return _bidang(code) in self._bidang

    def nearest_by_code(self, code: str, level: str) -> Entry | None:
        """The entry of `level` sharing the most leading parts with `code`; among those, the one
        whose following parts are numerically closest, in order (7.01.03.2.06 → 7.01.03.2.03)."""
        candidates = self._by_level.get(level)
        if not candidates:
            return None
        parts = code.split(".")
        numbers = [_number(parts, i) for i in range(len(parts))]
        shares = [_shared(parts, entry.parts) for entry in candidates]
        most = max(shares)

        def rank(entry: Entry):
            known = entry.numbers
            return tuple(abs(numbers[i] - (known[i] if i < len(known) else 0)) for i in range(most, len(parts))), entry.code

        return min((entry for entry, shared in zip(candidates, shares) if shared == most), key=rank)

    def nearest_by_name(self, key: str, level: str, under: str = "", at_least: Fraction = Fraction(0)) -> tuple[Entry | None, Fraction]:
        """The entry of `level` (with a code starting with `under`, when given) whose compared
        name is most similar to `key` (a name already passed through names.comparable and
        case-folded), with the similarity; with `at_least`, only entries that may reach that
        similarity are compared ((None, 0) when none does)."""
        return _nearest_by_name(self, key, level, under, at_least)

    def candidates(self, level: str, under: str = "") -> Candidates:
        """The entries of `level` (with a code starting with `under`, when given) by compared name,
        prepared for names.closest once per process."""
        found = self._candidates.get((level, under))
        if found is None:
            prefix = under + "." if under else ""
            found = Candidates((entry, entry.key) for entry in self._by_level.get(level, ()) if entry.code.startswith(prefix))
            self._candidates[level, under] = found
        return found

    def known_ancestor(self, code: str) -> str:
        """The longest parent code of `code` the list holds (its kegiatan, else its program), or ""."""
        parts = code.split(".")
        return next((".".join(parts[:n]) for n in (5, 3) if n < len(parts) and ".".join(parts[:n]) in self._by_code), "")


def _bidang(code: str) -> str:
    return ".".join(code.split(".")[:2])


def _shared(parts, other) -> int:
    """How many leading parts two codes share."""
    count = 0
    for a, b in zip(parts, other):
        if a != b:
            break
        count += 1
    return count


def _number(parts, index: int) -> int:
    return int(parts[index]) if index < len(parts) and parts[index].isdigit() else 0


@lru_cache(maxsize=4096)
def _nearest_by_name(nomenclature: Nomenclature, key: str, level: str, under: str, at_least: Fraction) -> tuple[Entry | None, Fraction]:
    return closest(key, nomenclature.candidates(level, under), at_least)


@cache
def load(version: str) -> Nomenclature:
    """The nomenclature of a version named in config.NOMENCLATURES."""
    text = resources.files("telaah.engine").joinpath("data", "nomenklatur", f"{version}.csv").read_text(encoding="utf-8")
    entries = [Entry(row["kode"], LEVELS[row["tingkat"]], row["nama"]) for row in csv.DictReader(io.StringIO(text))]
    return Nomenclature(version, entries)
