"""SARIF 2.1.0 for code scanning (GitHub `upload-sarif`, GitLab, IDE viewers).

One run; `tool.driver.rules` is the rule registry sorted by code. Each finding is a result placed
on its line and column in the plan file and, logically, on its JSON pointer. Suppressed findings
are results with an in-source suppression. Input errors are tool execution notifications.
"""
from __future__ import annotations

import hashlib
import json
from importlib import metadata
from pathlib import Path
from urllib.parse import quote

from ..findings import jsonable
from ..registry import text_of
from . import describe, error_location, label, ordered_rules, relative_path, version

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
# Plan objects keyed by year ("2025"): a numeric last token under them names a member, not an
# array element (docs/format.md).
YEAR_KEYED = frozenset({"anggaran", "target", "realisasi", "rasio", "proyeksi"})


def artifact_uri(path: str) -> str:
    """The file as a URI relative to the working directory (the repository root in CI);
    a file outside it keeps its absolute `file://` URI."""
    rel = relative_path(path)
    return Path(rel).as_uri() if Path(rel).is_absolute() else quote(rel, safe="/")


def fingerprint(finding) -> str:
    declared = json.dumps(jsonable(finding.declared), sort_keys=True, ensure_ascii=False)
    key = "\x00".join((finding.code, finding.pointer, declared))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def region(line, column) -> dict:
    out = {"startLine": line}
    if column is not None:
        out["startColumn"] = column
    return out


def rule_descriptor(rule, lang: str) -> dict:
    docs = getattr(rule, "docs", None) or {}
    what, why, failing, passing = ((text_of(docs.get(k), lang) or "").rstrip()
                                   for k in ("what", "why", "failing", "passing"))
    enforces = getattr(rule, "enforces", "") or ""
    full = "\n\n".join(t for t in (what, why) if t) or rule.name
    text = full + (f"\n\n{enforces}" if enforces else "")
    markdown = text
    if failing:
        markdown += f"\n\n**{'Contoh salah' if lang == 'id' else 'Failing example'}**\n\n```yaml\n{failing}\n```"
    if passing:
        markdown += f"\n\n**{'Contoh benar' if lang == 'id' else 'Passing example'}**\n\n```yaml\n{passing}\n```"
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": what or rule.name},
        "fullDescription": {"text": full},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
        "properties": {
            "category": rule.category,
            "weight": jsonable(getattr(rule, "weight", None)),
            "enforces": enforces,
            "tags": sorted({rule.category, *getattr(rule, "tags", ())} - {""}),
        },
    }


def location(finding, uri: str) -> dict:
    physical = {"artifactLocation": {"uri": uri}}
    if finding.line is not None:
        physical["region"] = region(finding.line, finding.column)
    out = {"physicalLocation": physical}
    if finding.pointer:
        parent, _, last = finding.pointer.rpartition("/")
        is_year = parent.rsplit("/", 1)[-1] in YEAR_KEYED
        kind = "element" if last.isdigit() and not is_year else "member"
        out["logicalLocations"] = [{"fullyQualifiedName": finding.pointer, "kind": kind}]
    return out


def result_entry(finding, index: dict, lang: str, suppressed: bool) -> dict:
    entry = {
        "ruleId": finding.code,
        "ruleIndex": index[finding.code],
        "level": LEVELS.get(finding.severity, "warning"),
        "message": {"text": describe(finding, lang)},
        "locations": [location(finding, artifact_uri(finding.file))],
        "partialFingerprints": {"telaah/v1": fingerprint(finding)},
        "properties": {
            "table": finding.source.table,
            "row": finding.source.row,
            "year": finding.source.year,
            "declared": jsonable(finding.declared),
            "expected": jsonable(finding.expected),
            "difference": jsonable(finding.difference),
        },
    }
    if suppressed:
        entry["suppressions"] = [{"kind": "inSource"}]
    return entry


def notification(result, error: str, lang: str) -> dict:
    physical = {"artifactLocation": {"uri": artifact_uri(result.path)}}
    line, column = error_location(result.path, error)
    if line is not None:
        physical["region"] = region(line, column)
    return {
        "level": "error",
        "message": {"text": f"{label('input_error', lang)}: {error}"},
        "locations": [{"physicalLocation": physical}],
    }


def render(results, rules, *, lang, color=False) -> str:
    ordered = ordered_rules(results, rules)
    index = {rule.code: i for i, rule in enumerate(ordered)}
    entries = [
        result_entry(f, index, lang, suppressed)
        for r in results
        for suppressed, findings in ((False, r.findings), (True, r.suppressed))
        for f in sorted(findings, key=lambda f: f.sort_key())
    ]
    notifications = [notification(r, e, lang) for r in results for e in r.errors]
    driver = {
        "name": "telaah",
        "version": version(),
        "language": "id-ID" if lang == "id" else "en-US",
        "rules": [rule_descriptor(rule, lang) for rule in ordered],
    }
    info_uri = information_uri()
    if info_uri:
        driver["informationUri"] = info_uri
    run = {
        "tool": {"driver": driver},
        "invocations": [{
            "executionSuccessful": not notifications,
            "toolExecutionNotifications": notifications,
        }],
        "columnKind": "unicodeCodePoints",
        "results": entries,
    }
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def information_uri() -> str | None:
    """The project's home page from the installed package metadata, if it declares one."""
    try:
        urls = metadata.metadata("telaah").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    for entry in urls:
        name, _, url = entry.partition(",")
        if name.strip().lower() in ("homepage", "documentation", "repository", "source"):
            return url.strip()
    return None
