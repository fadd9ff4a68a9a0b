"""Expand command-line arguments (files, directories, glob patterns) into plan files."""
from __future__ import annotations

import glob
import os

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
            files = sorted(p for p in glob.glob(arg, recursive=True) if os.path.isfile(p))
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
