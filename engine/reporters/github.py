"""GitHub Actions workflow commands: one annotation per finding on its line and column.

    ::error file=plans/pandaan.yaml,line=412,col=9,title=ANG001 rp-induk…::Tabel 6.1 · … — …

error → `::error`, warning → `::warning`, info → `::notice`. Suppressed findings are not shown.
"""
from __future__ import annotations

from . import describe, error_location, label, relative_path

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, path: str, line, column, title: str, message: str) -> str:
    props = [("file", relative_path(path))]
    if line is not None:
        props.append(("line", str(line)))
        if column is not None:
            props.append(("col", str(column)))
    props.append(("title", title))
    joined = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{kind} {joined}::{escape_data(message)}"


def render(results, rules, *, lang, color=False) -> str:
    lines = []
    for result in results:
        for error in result.errors:
            line, column = error_location(result.path, error)
            lines.append(command("error", result.path, line, column, f"telaah: {label('input_error', lang)}", error))
        for f in sorted(result.findings, key=lambda f: f.sort_key()):
            lines.append(command(COMMANDS.get(f.severity, "warning"), f.file, f.line, f.column,
                                 f"{f.code} {f.name}", describe(f, lang)))
    return "".join(line + "\n" for line in lines)
