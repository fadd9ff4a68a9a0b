"""Suppressions written inside the plan: any object may carry

    "x-telaah-abaikan": [{"code": "ANG001", "alasan": "…"}]

A suppression silences the findings of that code whose pointer lies inside the object. Suppressed
findings are kept (counted, listed with --show-suppressed); a suppression that silenced nothing
becomes a `suppression` fact, which the meta rule reports as unused.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import InputError
from .findings import Finding

KEY = "x-telaah-abaikan"
# The key as a JSON string, each character as written or as a \uXXXX escape (none has another).
_JSON_KEY = re.compile('"' + "".join(
    f"(?:{re.escape(c)}|\\\\u{''.join(f'[{h.lower()}{h.upper()}]' for h in format(ord(c), '04x'))})" for c in KEY) + '"')


@dataclass(frozen=True)
class Suppression:
    pointer: str  # the object's pointer; findings at or below it are covered
    code: str
    reason: str
    entry_pointer: str  # where the suppression itself is written

    def covers(self, finding: Finding) -> bool:
        return finding.code == self.code and (
            finding.pointer == self.pointer or finding.pointer.startswith(self.pointer + "/")
        )


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _may_hold_key(text: str, fmt: str) -> bool:
    """False only when the document text cannot hold the key however it is spelled."""
    if KEY in text:
        return True
    if fmt == "json":
        return "\\u" in text and _JSON_KEY.search(text) is not None
    return "\\" in text  # YAML spells a character otherwise only with an escape in a double-quoted scalar


def collect(doc, known_codes: set[str]) -> list[Suppression]:
    """Every suppression in the document (a loader.Document), in document order. Unknown codes
    are input errors."""
    found: list[Suppression] = []
    if not _may_hold_key(doc.text, doc.format):
        return found
    path = doc.path
    stack = [("", doc.data)]
    while stack:
        pointer, node = stack.pop()
        if isinstance(node, dict):
            entries = node.get(KEY)
            if isinstance(entries, list):
                for i, entry in enumerate(entries):
                    if not isinstance(entry, dict):
                        continue
                    code, reason = entry.get("code"), entry.get("alasan")
                    where = f"{pointer}/{KEY}/{i}"
                    if code not in known_codes:
                        raise InputError(f"kode aturan tidak dikenal dalam {KEY}: {code}", file=path, pointer=where + "/code")
                    found.append(Suppression(pointer, code, str(reason or ""), where))
            for key in reversed(list(node)):
                if key != KEY:
                    stack.append((f"{pointer}/{_escape(str(key))}", node[key]))
        elif isinstance(node, list):
            for i in range(len(node) - 1, -1, -1):
                stack.append((f"{pointer}/{i}", node[i]))
    return found


def apply(findings: list[Finding], suppressions: list[Suppression]) -> tuple[list[Finding], list[Finding], list[Suppression]]:
    """Split findings into (kept, suppressed) and return the suppressions that silenced nothing."""
    kept: list[Finding] = []
    suppressed: list[Finding] = []
    used: set[int] = set()
    for finding in findings:
        hits = [i for i, s in enumerate(suppressions) if s.covers(finding)]
        if hits:
            used.update(hits)
            suppressed.append(finding)
        else:
            kept.append(finding)
    unused = [s for i, s in enumerate(suppressions) if i not in used]
    return kept, suppressed, unused
