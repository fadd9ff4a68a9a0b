"""Expand command-line arguments (files, directories, glob patterns) into plan files."""
from __future__ import annotations

import os
from pathlib import Path

from .errors import InputError

PLAN_SUFFIXES = (".json", ".yaml", ".yml")
_GLOB_CHARS = ("*", "?", "[")


def expand(args, suffixes=PLAN_SUFFIXES) -> tuple[list[str], list[InputError]]:
    """Files named by `args`, in argument order (directories and globs sorted), without repeats,
    and one error for each argument that names nothing usable."""
    found: list[str] = []
    errors: list[InputError] = []
    for arg in args:
        if os.path.isdir(arg):
            files = _search(arg, suffixes)
            if not files:
                errors.append(InputError(
                    f"tidak ada berkas rencana ({', '.join('*' + s for s in suffixes)}) di direktori ini",
                    f"no plan file ({', '.join('*' + s for s in suffixes)}) in this directory", file=arg))
        elif os.path.exists(arg) or not any(c in arg for c in _GLOB_CHARS):
            files = [arg]  # a missing file is reported by the loader, with the same wording
        else:
            files = _glob(arg)
            if not files:
                errors.append(InputError("tidak ada berkas yang cocok dengan pola ini",
                                         "no file matches this pattern", file=arg))
        found.extend(files)
    return list(dict.fromkeys(found)), errors


def _search(directory: str, suffixes) -> list[str]:
    files = []
    for root, dirs, names in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files.extend(os.path.join(root, n) for n in names if n.lower().endswith(suffixes))
    return sorted(files)


def _glob(pattern: str) -> list[str]:
    """Files matching a glob pattern, sorted. `**` does not follow symbolic links to folders, so
    a link loop cannot make it run forever; as with the shell, a wildcard does not match a name
    starting with "." unless the pattern spells a leading "." itself."""
    parts = Path(pattern).parts
    first = next(i for i, part in enumerate(parts) if any(c in part for c in _GLOB_CHARS))
    base = Path(*parts[:first]) if first else Path()
    rest = parts[first:]
    dotted = any(part.startswith(".") for part in rest)
    return sorted(str(p) for p in base.glob("/".join(rest))
                  if (dotted or not any(n.startswith(".") for n in p.relative_to(base).parts)) and p.is_file())
