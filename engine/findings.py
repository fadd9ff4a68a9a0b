"""Findings and per-file results: the one data shape every reporter reads.

A finding is made by the engine's generic action from a rule and the fact it matched; a
`FileResult` gathers one file's findings, scores and errors. Both serialise to the JSON contract
(`to_dict`) that `--format json` prints and every other reporter renders.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


def jsonable(value: Any) -> Any:
    """Exact JSON form of a value: Decimals become plain decimal strings, never floats."""
    if isinstance(value, Decimal):
        if value == value.to_integral_value() and abs(value) < 10**15:
            return int(value)
        return format(value, "f")
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


@dataclass(frozen=True)
class Source:
    """Where the finding stands in the printed document."""

    table: str | None = None  # "6.1", "2.9" as printed
    row: str | None = None  # the row's code or label as printed
    year: int | None = None

    def to_dict(self) -> dict:
        return {"table": self.table, "row": self.row, "year": self.year}


@dataclass(frozen=True)
class Finding:
    code: str
    name: str
    severity: str
    category: str
    message: str
    file: str
    pointer: str
    line: int | None = None
    column: int | None = None
    source: Source = field(default_factory=Source)
    declared: Any = None
    expected: Any = None
    difference: Any = None
    weight: int = 1

    def sort_key(self) -> tuple:
        return (
            self.file,
            self.line if self.line is not None else 0,
            self.column if self.column is not None else 0,
            self.pointer,
            self.code,
            self.message,
        )

    def at(self, line: int, column: int) -> Finding:
        """This finding at a line and column: a copy (findings are frozen), made without the
        field-by-field checks of dataclasses.replace."""
        copy = object.__new__(type(self))
        copy.__dict__.update(self.__dict__, line=line, column=column)
        return copy

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "category": self.category,
            "message": self.message,
            "file": self.file,
            "pointer": self.pointer,
            "line": self.line,
            "column": self.column,
            "source": self.source.to_dict(),
            "declared": jsonable(self.declared),
            "expected": jsonable(self.expected),
            "difference": jsonable(self.difference),
        }


@dataclass
class FileResult:
    """Everything known about one checked file."""

    path: str
    valid: bool = True
    findings: list[Finding] = field(default_factory=list)
    suppressed: list[Finding] = field(default_factory=list)
    scores: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # one-line input/engine errors (exit 2)
    # Data the rich reporters (HTML, Markdown) chart: indicator series, Rp per program per year.
    summary: dict = field(default_factory=dict)
    # Human-readable reports list suppressed findings only when asked (--show-suppressed);
    # they always count them.
    show_suppressed: bool = False

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "valid": self.valid,
            "errors": list(self.errors),
            "findings": [f.to_dict() for f in self.findings],
            "suppressed": [f.to_dict() for f in self.suppressed],
            "scores": jsonable(self.scores),
        }


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=Finding.sort_key)
