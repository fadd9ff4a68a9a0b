"""Input errors and the limits that bound what a plan file may make the engine do.

An `InputError` is one problem with one input file: where it is (file, JSON pointer, 1-based
line and column when known) and what is wrong, in Indonesian and English. `str()` is the one
line printed to users: ``FILE:LINE:COL: message (pointer)``.
"""
from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024

# Characters that would break the one-line form (line breaks, other controls, lone surrogates),
# written as escapes instead: a key or file name holding them stays on its line.
_UNPRINTABLE = {c: f"\\u{c:04x}" for c in [*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029, *range(0xD800, 0xE000)]}
_UNPRINTABLE.update({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})


@dataclass(frozen=True)
class Limits:
    """Bounds on one input file, all configurable.

    max_file_bytes     size on disk, checked before the file is read (default 64 MiB)
    max_depth          nesting of objects/arrays; the top-level object is depth 1 (default 64)
    max_alias_nodes    YAML nodes produced by expanding aliases, counted with repeats; stops
                       "billion laughs" documents (default 1 000 000)
    max_string_chars   characters in one string or key (default 1 000 000, about 1 MB)
    max_array_items    items in one array (default 1 000 000)
    max_number_digits  digits of one number written out in full, so 1e999999999 or a
                       5 000-digit integer cannot make arithmetic or messages explode (default 40)
    max_rows           Tabel 6.1 rows at all levels; checks are measured up to 50 000 sub
                       kegiatan (docs/performance.md), a bigger table is refused at once
                       (default 60 000)
    """

    max_file_bytes: int = 64 * MIB
    max_depth: int = 64
    max_alias_nodes: int = 1_000_000
    max_string_chars: int = 1_000_000
    max_array_items: int = 1_000_000
    max_number_digits: int = 40
    max_rows: int = 60_000


class InputError(Exception):
    """A problem with an input file. `message` is Indonesian, `message_en` English."""

    def __init__(
        self,
        message: str,
        message_en: str | None = None,
        *,
        file: str = "",
        pointer: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.message_en = message_en or message
        self.file = file
        self.pointer = pointer
        self.line = line
        self.column = column

    def text(self, lang: str = "id") -> str:
        return self.message_en if lang == "en" else self.message

    def format(self, lang: str = "id") -> str:
        """One line: ``FILE:LINE:COL: message (pointer)``; unknown parts are left out."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.column if self.column is not None else 1}"
        line = f"{where}: {self.text(lang)}" if where else self.text(lang)
        if self.pointer:
            line += f" ({self.pointer})"
        return line.translate(_UNPRINTABLE)

    def sort_key(self) -> tuple:
        return (
            self.file,
            self.line if self.line is not None else 0,
            self.column if self.column is not None else 0,
            self.pointer or "",
            self.message,
        )

    def to_dict(self, lang: str = "id") -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "pointer": self.pointer,
            "message": self.text(lang),
        }

    def __str__(self) -> str:
        return self.format("id")


def internal_error(path: str, exc: BaseException) -> InputError:
    """An unexpected failure while reading or checking `path`, reported as that file's one-line
    error (exit 2) so the other files are still checked."""
    detail = f"{type(exc).__name__}: {exc}"
    return InputError(f"kesalahan internal: {detail}", f"internal error: {detail}", file=path)
