"""`telaah validate FILE...`: load, schema-validate and model plan files; report every input error.

Exit 0 when every file is a valid plan, 2 when any file is invalid or unreadable. Each error is
one line ``FILE:LINE:COL: message (pointer)``; `--format json` prints the same as JSON.
"""
from __future__ import annotations

import json
from pathlib import Path

import click

from ..config import load_config
from ..errors import InputError, internal_error
from ..files import expand
from ..validate import read_plan

VALID = {"id": "sah", "en": "valid"}


def check_paths(paths) -> list[tuple[str, list[InputError]]]:
    """(file, errors) for every file the arguments name, and for arguments naming nothing."""
    files, problems = expand(paths)
    results = [(e.file, [e]) for e in problems]
    for path in files:
        try:
            errors = read_plan(path, load_config(Path(path)).limits).errors  # the limits telaah check applies
        except InputError as exc:  # the configuration's own error
            errors = [exc]
        except Exception as exc:  # an engine bug must still be one line, not a traceback
            errors = [internal_error(path, exc)]
        results.append((path, errors))
    return results


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="FILE...")
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True,
              help="Bahasa pesan / Message language.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Format keluaran / Output format.")
def validate(paths, lang, fmt):
    """Validasi skema dan model dokumen rencana / Validate plan documents (schema and model).

    FILE may be a file, a directory (searched for *.json, *.yaml, *.yml) or a glob pattern.
    """
    try:
        results = check_paths(paths)
    except Exception as exc:
        click.echo(internal_error(", ".join(paths), exc).format(lang))
        raise SystemExit(2)
    ok = all(not errors for _, errors in results)
    if fmt == "json":
        report = {
            "valid": ok,
            "files": [
                {"path": path, "valid": not errors, "errors": [e.to_dict(lang) for e in errors]}
                for path, errors in results
            ],
        }
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        for path, errors in results:
            if errors:
                for error in errors:
                    click.echo(error.format(lang))
            else:
                click.echo(f"{path}: {VALID[lang]}")
    raise SystemExit(0 if ok else 2)
