"""Finding messages: rule templates filled from a fact, values written the way each language reads.

A template is Python `str.format` syntax restricted to plain field names: `{row}`, `{declared}`.
No attribute or index access, no conversions, no format specs — `placeholders` refuses them and
`fill` looks names up in a dict, so a template can never reach anything but the fact's values.
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from string import Formatter

LANGS = ("id", "en")
NONE = {"id": "-", "en": "–"}
BOOL = {"id": ("tidak", "ya"), "en": ("no", "yes")}
_ID_SEPARATORS = str.maketrans({",": ".", ".": ","})
_PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def format_value(value, lang: str = "id", plain: bool = False) -> str:
    """8166412447 → "8.166.412.447" (id) / "8,166,412,447" (en); Decimal 97.75 → "97,75" / "97.75";
    None → "-" / "–". `plain` writes integers without separators (years). Exact: never rounds."""
    if value is None:
        return NONE[lang]
    if isinstance(value, bool):
        return BOOL[lang][value]
    if isinstance(value, int):
        text = str(value) if plain else format(value, ",d")
    elif isinstance(value, Decimal):
        text = format(value, "f" if plain else ",f")
    else:
        return str(value)
    return text.translate(_ID_SEPARATORS) if lang == "id" else text


def placeholders(template: str) -> list[str]:
    """Field names a template uses, in order; ValueError for anything but `{plain_name}`."""
    names = []
    for _, name, spec, conversion in Formatter().parse(template):
        if name is None:
            continue
        if not _PLAIN_NAME.match(name) or spec or conversion:
            raise ValueError(f"{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}")
        names.append(name)
    return names


def fill(template: str, values: dict, lang: str = "id", plain: frozenset[str] = frozenset()) -> str:
    """The template with each `{name}` replaced by `format_value(values.get(name))`."""
    return "".join([literal if name is None else literal + format_value(values.get(name), lang, name in plain)
                    for literal, name in _pieces(template)])


@lru_cache(maxsize=1024)
def _pieces(template: str) -> tuple[tuple[str, str | None], ...]:
    """(literal text, field name or None) of a template, parsed once."""
    return tuple((literal, name) for literal, name, _, _ in Formatter().parse(template))
