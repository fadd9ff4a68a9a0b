"""One plan file through every stage: load → validate → model → facts → rules → findings → scores.

`check_file(path, options)` is a pure function of the file and the options and never raises for
anything a document contains: input problems and engine failures come back as the result's
`errors` (exit 2). `check_files` runs many files in worker processes, results in input order.
"""
from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .config import Config
from .errors import InputError, Limits, internal_error
from .findings import FileResult, Finding, sort_findings

META_KIND = "suppression"


@dataclass(frozen=True)
class CheckOptions:
    """Everything a check depends on besides the file; picklable for worker processes."""

    config: Config = field(default_factory=Config)
    packs: tuple[str, ...] = ()
    lang: str = "id"
    limits: Limits = field(default_factory=Limits)


@lru_cache(maxsize=8)
def _rules(packs: tuple[str, ...]):
    from .registry import load_rules

    return tuple(load_rules(packs))


def rules_for(options: CheckOptions, path: str | None = None) -> list:
    """The rules that run on `path` under the options' configuration (severity overrides applied)."""
    cfg = options.config
    selected = []
    for rule in _rules(options.packs):
        if not cfg.rule_enabled(rule.code, path):
            continue
        severity = cfg.severity_of(rule.code, rule.severity)
        selected.append(rule if severity == rule.severity else dataclasses.replace(rule, severity=severity))
    return selected


def known_codes(options: CheckOptions) -> set[str]:
    return {rule.code for rule in _rules(options.packs)}


def _locate(doc, findings: list[Finding]) -> list[Finding]:
    """The findings with the line and column of each one's pointer (or of its nearest ancestor the
    document has: `Document.positions`), all found in one pass over the document."""
    return [finding if pos is None else finding.at(*pos)
            for finding, pos in zip(findings, doc.positions([f.pointer for f in findings]))]


def _findings(facts: list[dict], rules: list, options: CheckOptions, path: str) -> list[Finding]:
    from .adapter import evaluate
    from .registry import make_finding

    by_code = {rule.code: rule for rule in rules}
    return [make_finding(by_code[code], facts[index], lang=options.lang, file=path) for code, index in evaluate(facts, rules)]


def _suppression_facts(unused_pointers: set[str], suppressions) -> list[dict]:
    from .facts import make_fact

    return [
        make_fact(META_KIND, s.entry_pointer, table=None, row=s.code, declared=s.code, expected=None,
                  code=s.code, alasan=s.reason, used=s.entry_pointer not in unused_pointers)
        for s in suppressions
    ]


def check_file(path: str, options: CheckOptions = CheckOptions()) -> FileResult:
    try:
        return _check_file(path, options)
    except Exception as exc:  # noqa: BLE001 — a bug met by one document is that file's error, not the run's
        return FileResult(path=path, valid=False, errors=[internal_error(path, exc).format(options.lang)])


def _check_file(path: str, options: CheckOptions) -> FileResult:
    from . import suppress
    from .adapter import check_count
    from .facts import Context, family_facts
    from .loader import paused_gc
    from .summary import summarise
    from .validate import read_plan

    lang = options.lang
    read = read_plan(path, options.limits)
    if read.errors:
        return FileResult(path=path, valid=False, errors=[e.format(lang) for e in read.errors])
    doc, plan = read.document, read.plan
    try:
        rules = rules_for(options, path)
        suppressions = suppress.collect(doc, known_codes(options))
        doc.data = None  # the model holds all that later stages read (positions come from the text)
        plan_rules = [r for r in rules if r.fact != META_KIND]
        per_kind: Counter = Counter()
        found: list[Finding] = []
        with paused_gc():  # facts are acyclic; a collection would walk the whole model each time
            for facts in family_facts(plan, Context(options.config, path)):  # one family's facts alive at a time
                per_kind.update(fact["kind"] for fact in facts)
                check_count(per_kind.total())
                found += _findings(facts, plan_rules, options, path)
        kept, silenced, unused = suppress.apply(found, suppressions)
        meta_facts = _suppression_facts({s.entry_pointer for s in unused}, suppressions)
        meta_rules = [r for r in rules if r.fact == META_KIND]
        kept += _findings(meta_facts, meta_rules, options, path)
        per_kind.update(fact["kind"] for fact in meta_facts)
    except InputError as exc:  # FactError and EngineError are InputErrors: that file's error, exit 2
        if not exc.file:
            exc.file = path
        if exc.line is None and exc.pointer is not None:
            exc.line, exc.column = doc.position(exc.pointer) or (None, None)
        return FileResult(path=path, valid=False, errors=[exc.format(lang)])
    from .scores import compute_scores

    located = _locate(doc, kept + silenced)
    return FileResult(
        path=path,
        valid=True,
        findings=sort_findings(located[:len(kept)]),
        suppressed=sort_findings(located[len(kept):]),
        scores=compute_scores(rules, per_kind, kept),
        summary=summarise(plan),
    )


def _check_one(item: tuple[str, CheckOptions]) -> FileResult:
    path, options = item
    return check_file(path, options)


def check_files(paths: list[str], options: CheckOptions, jobs: int | None = None, progress=None) -> list[FileResult]:
    """Every file checked (in worker processes when jobs != 1); a worker that dies becomes that
    file's engine error and the others still run."""
    from .workers import WorkerCrash, run_all

    results = run_all(_check_one, [(p, options) for p in paths], jobs=jobs, progress=progress)
    out = []
    for path, result in zip(paths, results):
        if isinstance(result, WorkerCrash):
            result = FileResult(path=path, valid=False, errors=[f"{path}: {result.text(options.lang)}"])
        out.append(result)
    return out
