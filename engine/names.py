"""Names as printed: the words two names are compared on, kelurahan mentioned in a text, and the
nearest known name with an exact similarity score.

Words are runs of letters and digits, compared case-insensitively, so spacing and punctuation
("Listrik/ Penerangan", "Undang- Undang") never make two names differ. A kelurahan mention is a
marker word ("Kel.", "Kel", "Kelurahan", "Lurah", possibly repeated: "Kelurahan Kel Jogosari")
followed by a name: a capitalised word that is not a common word ("Kelurahan yang …",
"Desa/Kelurahan" mention nothing). "Kec. Pandaan" is a kecamatan, not a kelurahan mention.

Similarity is difflib's ratio 2·M / T computed exactly (a `Fraction`); a name at least
`SUGGEST_AT` similar to a known one is taken as a misspelling of it ("Jogoseari" → Jogosari,
"Pondea" → Pandaan); below that no name is suggested ("Dabunegara").
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from itertools import accumulate
from operator import itemgetter
from typing import NamedTuple

from .exact import round_half_up

SUGGEST_AT = Fraction(55, 100)
WORD = re.compile(r"[^\W_]+")
MARKERS = frozenset({"kel", "kelurahan", "lurah"})
_MARKER_IN = re.compile("|".join(map(re.escape, MARKERS)))
# Words that follow a marker without naming a place ("Kelurahan dan Desa", "Kelurahan Se Kecamatan").
COMMON = frozenset({
    "dan", "di", "yang", "se", "ke", "dari", "untuk", "dalam", "atau", "serta", "pada", "oleh", "tingkat",
    "wilayah", "kec", "kecamatan", "kab", "kabupaten", "kota", "desa", "setempat", "lainnya", "tahun", "rt", "rw",
})
# Leading labels that are not part of a nomenclature name; one is removed, longest first.
LABELS = (("sub", "kegiatan"), ("kegiatan",), ("program",), ("prog",))
LABEL_WORDS = max(len(label) for label in LABELS)


# Characters of a printed name compared with known names: over three times the longest known
# name (281), so no longer name could come close to one; a name of a million characters, which the
# loader accepts, would otherwise keep the comparison busy for minutes.
MAX_COMPARED = 1000


def words(text: str) -> list[str]:
    """The words of a text as printed (letters and digits), in order."""
    return WORD.findall(text)


def similarity(a: str, b: str) -> Fraction:
    """difflib's ratio of two strings, exactly: 2 × matched characters / total characters."""
    total = len(a) + len(b)
    if total == 0:
        return Fraction(1)
    return Fraction(2 * matched(a, b), total)


def matched(a: str, b: str) -> int:
    """The characters of `a` and `b` in difflib's matching blocks (`SequenceMatcher(None, a, b,
    autojunk=False)`)."""
    return sum(size for _, _, size in _blocks(a, b))


def _blocks(a: str, b: str):
    """difflib's matching blocks (i, j, size) of `a` and `b`, unsorted and not merged: the longest
    common block, the leftmost of equals in `a`, then the first in `b`, then the same again left
    and right of it. Found with substring searches, five times faster than difflib's
    character-by-character loops, with the same blocks."""
    todo = [(0, len(a), 0, len(b))]
    while todo:
        alo, ahi, blo, bhi = todo.pop()
        window = b[blo:bhi]
        size = start = 0
        for i in range(alo, ahi):
            if i + size >= ahi:
                break
            if a[i:i + size + 1] not in window:
                continue
            # a block longer than the longest so far starts at i (the first i to reach a length is
            # the leftmost block of that length); as every start of a block found is found too,
            # its length is found by doubling the step, then halving it
            low, high, step = size + 1, ahi - i + 1, 1  # a[i:i + low] is found, a[i:i + high] is not
            while low + step < high and a[i:i + low + step] in window:
                low += step
                step *= 2
            high = min(high, low + step)
            while high - low > 1:
                middle = (low + high) // 2
                if a[i:i + middle] in window:
                    low = middle
                else:
                    high = middle
            size, start = low, i
        if size:
            j = blo + window.find(a[start:start + size])
            yield start, j, size
            if alo < start and blo < j:
                todo.append((alo, start, blo, j))
            if start + size < ahi and j + size < bhi:
                todo.append((start + size, ahi, j + size, bhi))


def _opcodes(a: str, b: str) -> list[tuple[str, int, int, int, int]]:
    """difflib's `get_opcodes` of `a` and `b` other than "equal": (tag, i1, i2, j1, j2)."""
    merged: list[tuple[int, int, int]] = []  # the blocks in order, adjacent ones joined
    for i, j, size in sorted(_blocks(a, b)):
        if merged and merged[-1][0] + merged[-1][2] == i and merged[-1][1] + merged[-1][2] == j:
            merged[-1] = (merged[-1][0], merged[-1][1], merged[-1][2] + size)
        else:
            merged.append((i, j, size))
    out = []
    i = j = 0
    for block_i, block_j, size in (*merged, (len(a), len(b), 0)):
        if i < block_i or j < block_j:
            tag = "replace" if i < block_i and j < block_j else "delete" if i < block_i else "insert"
            out.append((tag, i, block_i, j, block_j))
        i, j = block_i + size, block_j + size
    return out


def score(value: Fraction) -> Decimal:
    """A similarity as shown to users: two decimals, half up."""
    return round_half_up(value)


def _key(text: str) -> str:
    return " ".join(words(text)).casefold()


@dataclass(frozen=True)
class Match:
    """The known name nearest to a printed one."""

    printed: str
    nearest: str | None  # the most similar known name (None when there are none)
    similarity: Fraction

    @cached_property
    def exact(self) -> bool:
        return self.nearest is not None and _key(self.printed) == _key(self.nearest)

    @cached_property
    def name(self) -> str | None:
        """The known name this printed name stands for: itself, or the misspelt one; else None."""
        return self.nearest if self.nearest is not None and self.similarity >= SUGGEST_AT else None


class Candidates:
    """Named candidates `(value, key)` prepared once for `closest`: in order, with each key's
    length and the letters of all keys counted together, so that the letters one name shares
    with every candidate are added up in a few integer additions instead of one loop per
    candidate.

    The count of candidate i lies in bits 16·i … 16·i + 15 of one integer; `_columns[c][k]`
    holds, for every candidate, how many times it has letter `c`, at most `k` (the letters a key
    with `k` of them shares with it). A sum over a key's letters stays below 2¹⁶ in every field:
    it is at most the key's length, and only MAX_COMPARED characters of a key are compared."""

    def __init__(self, pairs=()):
        pairs = tuple(pairs)
        self.values = tuple(value for value, _ in pairs)
        self.keys = tuple(key for _, key in pairs)
        self.lengths = tuple(len(key) for key in self.keys)
        steps: dict[str, list[int]] = {}  # steps[c][k]: +1 in the field of each candidate with over k letters c
        for i, key in enumerate(self.keys):
            one = 1 << (_FIELD * i)
            for letter, count in Counter(key).items():
                column = steps.setdefault(letter, [])
                count = min(count, MAX_COMPARED)
                if len(column) < count:
                    column.extend([0] * (count - len(column)))
                for k in range(count):
                    column[k] += one
        self._columns = {letter: list(accumulate(column, initial=0)) for letter, column in steps.items()}

    def shared(self, key: str) -> list[int]:
        """How many letters `key` shares with each candidate (counted with repeats, in any order):
        an upper bound of the characters in their matching blocks."""
        packed = 0
        for letter, count in Counter(key).items():
            column = self._columns.get(letter)
            if column is not None:
                packed += column[min(count, len(column) - 1)]
        fields = memoryview(packed.to_bytes(2 * len(self.keys), sys.byteorder)).cast("H").tolist()
        return fields if sys.byteorder == "little" else fields[::-1]


_FIELD = 16  # bits per candidate in Candidates' packed counts


def closest(key: str, candidates, at_least: Fraction = Fraction(0)) -> tuple[object, Fraction]:
    """(value, similarity) of the candidate `(value, candidate_key)` (or of the `Candidates`)
    whose key is most similar to `key`; the first of equals; (None, 0) without candidates.
    Candidates are compared in order of the characters they share with `key` (an exact upper
    bound of the ratio), most first, until no remaining one could beat or tie the best, or reach
    `at_least` (a caller that only wants a match at least that similar: the others are not
    compared). Only the first MAX_COMPARED characters of `key` are compared."""
    if not isinstance(candidates, Candidates):
        candidates = Candidates(candidates)
    key = key[:MAX_COMPARED]
    size = len(key)
    floor_numerator, floor_denominator = at_least.numerator, at_least.denominator
    # bounds 2·shared / total are sorted on one integer, 2·shared·2^scale // total: exact, as two
    # different fractions with denominators up to T lie at least 1/T² apart, and 2^scale > T²
    scale = 2 * (size + max(candidates.lengths, default=0)).bit_length()
    bounded = []
    for position, (shared, length) in enumerate(zip(candidates.shared(key), candidates.lengths)):
        total = size + length
        if not total:  # two empty names: the ratio is 1
            if floor_numerator <= floor_denominator:
                bounded.append((1 << scale, position, 1, 1))
        elif 2 * shared * floor_denominator >= floor_numerator * total:
            bounded.append(((2 * shared << scale) // total, position, 2 * shared, total))
    bounded.sort(key=itemgetter(0), reverse=True)  # stable: equal bounds stay in candidate order
    best, best_value, best_position = None, Fraction(-1), len(bounded)
    for _, position, numerator, denominator in bounded:
        # numerator / denominator against the best so far, in integers
        against_best = numerator * best_value.denominator - best_value.numerator * denominator
        if against_best < 0:
            break
        if against_best == 0 and position > best_position:
            continue  # at most a tie, and an earlier candidate holds it
        found = similarity(key, candidates.keys[position])
        if found > best_value or (found == best_value and position < best_position):
            best, best_value, best_position = candidates.values[position], found, position
    return best, max(best_value, Fraction(0))


class Gazetteer:
    """The kelurahan of a kecamatan, prepared once for looking names up in many texts."""

    def __init__(self, names=()):
        self.names = tuple(names)
        keyed = tuple((name, _key(name)) for name in self.names)
        self._exact: dict[str, str] = {}
        for name, key in keyed:
            self._exact.setdefault(key, name)
        self.words = frozenset(word for _, key in keyed for word in key.split())
        self.longest = max((len(key.split()) for _, key in keyed), default=1)
        self._keyed = keyed
        self._nearest: dict[str, tuple[str | None, Fraction]] = {}

    @cached_property
    def _candidates(self) -> Candidates:
        return Candidates(self._keyed)

    def nearest(self, printed: str) -> Match:
        """The known name most similar to `printed` (case and punctuation ignored; the first of
        equals)."""
        key = _key(printed)
        found = self._nearest.get(key)
        if found is None:
            found = (self._exact[key], Fraction(1)) if key in self._exact else closest(key, self._candidates)
            self._nearest[key] = found
        return Match(printed, *found)


NO_PLACES = Gazetteer()


@dataclass(frozen=True)
class Mention:
    """A kelurahan named in a text: the name as printed and where its words are."""

    text: str
    first_word: int  # index in words(source text) of the name's first word
    last_word: int  # index of its last word
    match: Match


def _names_a_place(word: str, known_words: frozenset[str]) -> bool:
    folded = word.casefold()
    if folded in known_words:
        return True
    return word[:1].isupper() and not word.isdigit() and folded not in COMMON and folded not in MARKERS


def find_mentions(text: str | None, places: Gazetteer) -> list[Mention]:
    """Every kelurahan mentioned in `text`, in order. A name of several words is recognised when
    it is one of `places`; otherwise the mention is the single word after the marker."""
    if not text:
        return []
    if not _MARKER_IN.search(text.casefold()):  # folded letter by letter, it holds each of its words folded
        return []
    spans = list(WORD.finditer(text))
    out: list[Mention] = []
    i = 0
    while i < len(spans):
        if spans[i].group().casefold() not in MARKERS:
            i += 1
            continue
        j = i + 1
        while j < len(spans) and spans[j].group().casefold() in MARKERS:
            j += 1
        if j == len(spans) or not _names_a_place(spans[j].group(), places.words):
            i = j
            continue
        best = None
        for size in range(1, places.longest + 1):
            end = j + size - 1
            if end >= len(spans) or not _names_a_place(spans[end].group(), places.words):
                break
            printed = text[spans[j].start():spans[end].end()]
            match = places.nearest(printed)
            if best is None or match.exact or match.similarity > best[1].similarity:
                best = (end, match)
            if match.exact:
                break
        end, match = best
        out.append(Mention(match.printed, j, end, match))
        i = end + 1
    return out


class Compared(NamedTuple):
    """A name as compared (see `comparable`)."""

    words: list[str]  # the words compared
    tail: list[str]  # the marker words removed from its end
    cut: bool  # whether anything was removed from its end


def compared(text: str, places: Gazetteer = NO_PLACES, mentions: list[Mention] | None = None) -> Compared:
    """`text` as compared; `mentions`: its `find_mentions` in `places`, when already found."""
    found = words(text)
    total = len(found)
    if mentions is None:
        mentions = find_mentions(text, places)
    if mentions and mentions[-1].last_word == len(found) - 1:
        found = found[: mentions[-1].first_word]
    end = len(found)
    while end and found[end - 1].casefold() in MARKERS:
        end -= 1
    found, tail = found[:end], found[end:]
    head = tuple(w.casefold() for w in found[:LABEL_WORDS])
    # Only one label is removed: "PROGRAM PROGRAM X" keeps a "PROGRAM" and differs from "PROGRAM X".
    label = next((label for label in LABELS if head[: len(label)] == label and len(found) > len(label)), ())
    return Compared(found[len(label):], tail, end < total)


def comparable(text: str, places: Gazetteer = NO_PLACES) -> list[str]:
    """The words a nomenclature name is compared on: without a leading label ("Program",
    "PROG.", "Kegiatan", "Sub Kegiatan"), without the kelurahan at the end of a row split per
    kelurahan ("… Kelurahan Jogosari", "… Kel. Pandaan") and without a trailing "Kelurahan" /
    "Kel" word, so that "Pemberdayaan Masyarakat di Kelurahan Kutorejo" compares equal to
    "Pemberdayaan Masyarakat di Kelurahan"."""
    return compared(text, places).words


def same_words(a: list[str], b: list[str]) -> bool:
    return [w.casefold() for w in a] == [w.casefold() for w in b]


def word_changes(printed: str, official: str, places: Gazetteer = NO_PLACES) -> str:
    """The word differences between two names as compared (see `comparable`), from the printed
    to the official: «PEMUDANG» → «PENUNJANG»; «TNI» → «Tentara Nasional Indonesia»; «PROGRAM» →
    «» (a word too many); a missing word is shown with its neighbours: «DESA KELURAHAN» →
    «DESA DAN KELURAHAN»."""
    return changes(compared(printed, places), compared(official))


def changes(printed: Compared, official: Compared) -> str:
    """`word_changes` of two names already `compared`."""
    a = printed.words + (official.tail if printed.cut else [])
    b = official.words + official.tail
    # difflib's opcodes of the two word lists (case ignored), each distinct word one character
    letters: dict[str, str] = {}
    a_letters = "".join([letters.setdefault(w.casefold(), chr(len(letters))) for w in a])
    b_letters = "".join([letters.setdefault(w.casefold(), chr(len(letters))) for w in b])
    parts = []
    for tag, i1, i2, j1, j2 in _opcodes(a_letters, b_letters):
        if tag == "insert":
            i1, i2, j1, j2 = max(i1 - 1, 0), min(i2 + 1, len(a)), max(j1 - 1, 0), min(j2 + 1, len(b))
        parts.append(f"«{' '.join(a[i1:i2])}» → «{' '.join(b[j1:j2])}»")
    return "; ".join(parts)
