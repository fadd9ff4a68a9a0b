"""Program / kegiatan / sub kegiatan codes (Permendagri 90/2019 → Kepmendagri 050-5889/2021).

`urusan.bidang.program.kegiatan.subkegiatan`, e.g. `7.01.02.2.01.0002`. Documents also print
`7 01 02 2.01 02` (spaces, 2-digit sub kegiatan). Both are read; the canonical form uses dots and a
4-digit sub kegiatan.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

_TOKEN = re.compile(r"[ .]+")
_SHAPES = tuple(re.compile(shape) for shape in (r"\d", r"\d{2}", r"\d{2}", r"[12]", r"\d{2}", r"\d{2}|\d{4}"))
LEVELS = {3: "program", 5: "kegiatan", 6: "sub_kegiatan"}


@dataclass(frozen=True)
class Code:
    printed: str
    tokens: tuple[str, ...]
    well_formed: bool

    @cached_property
    def canonical(self) -> str:
        if not self.well_formed:
            return self.printed.strip()
        tokens = list(self.tokens)
        if len(tokens) == 6:
            tokens[5] = tokens[5].zfill(4)
        return ".".join(tokens)

    @property
    def level(self) -> str | None:
        return LEVELS.get(len(self.tokens)) if self.well_formed else None

    @property
    def parent(self) -> str | None:
        """Canonical code of the level above (program for a kegiatan, kegiatan for a sub kegiatan)."""
        if not self.well_formed or len(self.tokens) == 3:
            return None
        keep = 3 if len(self.tokens) == 5 else 5
        return Code(self.printed, self.tokens[:keep], True).canonical

    def extends(self, parent: "Code") -> bool:
        return (
            self.well_formed
            and parent.well_formed
            and len(self.tokens) > len(parent.tokens)
            and self.canonical.startswith(parent.canonical + ".")
        )


def parse_code(printed: str) -> Code:
    tokens = tuple(t for t in _TOKEN.split(printed.strip()) if t)
    ok = len(tokens) in LEVELS and all(shape.fullmatch(tok) for shape, tok in zip(_SHAPES, tokens))
    return Code(printed, tokens, ok)
