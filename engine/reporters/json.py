"""JSON: `{"files": [FileResult.to_dict(), …], "summary": {…}}`, keys sorted, exact numbers.

`summary` holds `files`, `invalid_files`, `input_errors`, `findings`, `error`, `warning`, `info`,
`suppressed` (counts over all files) and `overall` (see `reporters.totals`).

The text is exactly `json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True)`, written
by `_write` for the plain values a report holds (json.dumps with an indent runs the pure-Python
encoder, ~3x slower); any other value leaves the writing to json.dumps.
"""
from __future__ import annotations

import json
from json.encoder import encode_basestring

from ..findings import jsonable
from . import totals


def render(results, rules, *, lang, color=False) -> str:
    document = {"files": [r.to_dict() for r in results], "summary": jsonable(totals(results))}
    out: list[str] = []
    try:
        _write(document, "\n", out)
    except (_Other, TypeError):  # TypeError: keys json.dumps cannot sort either
        return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    out.append("\n")
    return "".join(out)


class _Other(Exception):
    """A value `_write` does not write (json.dumps does, or refuses it)."""


_CONSTANTS = {None: "null", True: "true", False: "false"}


def _write(value, newline: str, out: list[str]) -> None:
    """Append the JSON of `value` to `out`; `newline` is a line break and the current indent."""
    kind = type(value)
    if kind is dict:
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for key in sorted(value):
            if type(key) is not str:
                raise _Other
            out.append(f"{separator}{encode_basestring(key)}: ")
            _write(value[key], inner, out)
            separator = "," + inner
        out.append(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for item in value:
            out.append(separator)
            _write(item, inner, out)
            separator = "," + inner
        out.append(newline + "]")
    elif kind is str:
        out.append(encode_basestring(value))
    elif kind is int:
        out.append(int.__repr__(value))
    elif value is None or kind is bool:
        out.append(_CONSTANTS[value])
    else:
        raise _Other
