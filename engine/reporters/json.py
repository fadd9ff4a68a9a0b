"""JSON: `{"files": [FileResult.to_dict(), …], "summary": {…}}`, keys sorted, exact numbers.

`summary` holds `files`, `invalid_files`, `input_errors`, `findings`, `error`, `warning`, `info`,
`suppressed` (counts over all files) and `overall` (see `reporters.totals`).
"""
from __future__ import annotations

import json

from ..findings import jsonable
from . import totals


def render(results, rules, *, lang, color=False) -> str:
    document = {"files": [r.to_dict() for r in results], "summary": jsonable(totals(results))}
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
