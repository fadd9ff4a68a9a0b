"""JSON Schemas compiled to Python code (fastjsonschema) to tell quickly whether data is valid.

`accepts(name, schema)` returns a function data -> bool, about ten times faster than jsonschema,
which still words every error once a document is known to be invalid. Compiling a schema takes
about 0.15 s, so the compiled code is kept between runs in the user's cache directory
($TELAAH_CACHE_DIR, else $XDG_CACHE_HOME/telaah or ~/.cache/telaah), keyed by the schema, the
fastjsonschema version and the Python version: loading it takes about 1 ms. When the directory
cannot be read or written, the schema is compiled in memory; nothing else changes.
"""
from __future__ import annotations

import hashlib
import json
import marshal
import os
import re
import sys
import tempfile
import types
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable


def cache_dir() -> Path:
    if os.environ.get("TELAAH_CACHE_DIR"):
        return Path(os.environ["TELAAH_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "telaah"


# Edits of the generated code (pattern, replacement), for speed on valid documents; only validity
# is used here, never the names the code builds for its error messages:
# - every array item it descends into is named ("data.x[{i}]".format(**locals())) whether or not
#   it will raise: the formatting was most of the time (Pandaan sample 10.4 → 2.3 ms);
# - every call of a definition's validator is passed its name, built by concatenation (−0.15 ms);
# - the property pattern "^x-" (extension keys) is tested with a regex search for every key of
#   every object; str.startswith tells the same (−0.2 ms).
_EDITS = (
    (re.escape(".format(**locals())"), ""),
    (r'custom_formats, \(name_prefix or "data"\) \+ "[^"]*"\)', "custom_formats, None)"),
    (r"REGEX_PATTERNS\['\^x-'\]\.search\((\w+)\)", r'\1.startswith("x-")'),
)


@lru_cache(maxsize=None)
def _compiled(name: str, text: str) -> Callable[[Any], Any]:
    import fastjsonschema

    key = hashlib.sha256(f"{text}\0{fastjsonschema.VERSION}\0{sys.version}\0{_EDITS}".encode()).hexdigest()[:24]
    path = cache_dir() / f"{name}-{key}.marshal"
    try:
        code = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        code = None
    if not isinstance(code, types.CodeType):
        source = fastjsonschema.compile_to_code(json.loads(text))
        for pattern, replacement in _EDITS:
            source = re.sub(pattern, replacement, source)
        code = compile(source, f"<{name} schema>", "exec")
        _store(path, marshal.dumps(code))
    namespace: dict = {}
    exec(code, namespace)  # noqa: S102 — code generated here from our own schema (or read back from our cache)
    root = next(c.co_name for c in code.co_consts if isinstance(c, types.CodeType))  # defined first
    return namespace[root]


def _store(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as tmp:
            tmp.write(data)
        os.replace(tmp.name, path)
    except OSError:
        pass


def accepts(name: str, schema: dict) -> Callable[[Any], bool]:
    """A function telling whether data is valid against `schema` (compiled once per process)."""
    check = _compiled(name, json.dumps(schema, sort_keys=True, ensure_ascii=False))

    def valid(data) -> bool:
        try:
            check(data)
        except Exception:  # noqa: BLE001 — invalid, or anything else: the caller's jsonschema decides
            return False
        return True

    return valid
