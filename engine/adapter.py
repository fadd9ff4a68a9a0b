"""The durable-rules adapter: the only module that imports durable-rules.

`evaluate(facts, rules)` returns the (rule code, fact index) pairs whose violation pattern
matched, sorted by fact index then code. How it stays inside what the engine survives
(measured behaviour: /work/shared/engine-notes/durable-rules.md and tests/test_adapter.py):

- the engine's C core (`durable_rules_engine`, which durable's Python `Host` and `Ruleset`
  wrap) is driven directly: no host, so no timer threads running actions in the background;
  the pending actions of a state are taken here in turn, as durable's own action loop takes them;
- rules grouped into one ruleset per fact kind, split so that a ruleset holds at most
  `MAX_PATHS` condition paths: a fact can then never make more than 64 rules true at once
  (error 303) and no ruleset comes near the 512 rules that hang ruleset creation;
- each ruleset compiled once per process from JSON written here (Decimals in plain notation),
  keyed by its text; each has a catch-all that never fires (a join on a kind no fact has), so no
  fact is unmatched, and a rule on the end-of-document sentinel that always fires;
- per document and kind, facts encoded by `factkinds.encode_fact` with only the fields the
  kind's rules read (a field no rule reads is neither written nor checked: it cannot reach the
  engine), each distinct text once (see `evaluate`); per ruleset, in chunks of at most `CHUNK`
  texts: a fresh state id, explicit ids `str(i)` counted within the chunk, the sentinel last,
  one `assert_facts` batch, actions that only record (code, id) and never raise; the state is
  deleted when everything succeeded, otherwise it is left alone and the ruleset rebuilt on next
  use, and an `EngineError` is raised.

Facts are refused with a `FactError` (see engine/factkinds.py) before anything reaches the engine.
Evaluations are serialised by a lock: the engine's C core holds the GIL, so threads gain nothing
from running it concurrently; use worker processes (engine/workers.py) for parallelism.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import re
import threading

import durable_rules_engine  # the C core of durable-rules

from .errors import InputError
from .factkinds import FactError, FactKind, encode_fact, fact_kinds
from .rulefile import Rule

SENTINEL = "$end"  # kind of the end-of-document fact; fact kinds cannot start with "$"
NEVER = "$never"  # kind no fact has: the catch-all's second pattern
MAX_PATHS = 60  # condition paths per ruleset; the engine holds at most 64 true at once
MAX_FACTS = 2_000_000  # per document; the engine holds at most CHUNK of them at a time
CHUNK = 1_000  # distinct facts per engine state: fastest measured (2 000 or more grow slower per fact), and the
               # ids 0 … CHUNK - 1 hash to distinct 32-bit values (first collision among str(i): 797 186)

ENGINE_ERRORS = {
    303: ("lebih dari 64 aturan benar sekaligus untuk satu fakta", "more than 64 rules true at once for one fact"),
}


class EngineError(InputError):
    """The rule engine failed on this document. Reported like an input error (one line, exit 2),
    though the fault is the engine's; the process stays usable."""


class _Run:
    """What the actions of one assert record."""

    def __init__(self):
        self.hits: list[tuple[str, int]] = []
        self.errors: list[str] = []
        self.ended = False

    def take(self, message: str) -> None:
        """One action: the rule that fired and the fact it matched, {rule: {"m": fact}}."""
        (name, matched), = json.loads(message).items()
        if name == "$end":
            self.ended = True
        elif not name.startswith("$"):
            try:
                self.hits.append((name, int(matched["m"]["id"])))
            except BaseException as exc:  # noqa: BLE001 — never lose a finding silently
                self.errors.append(f"{name}: {type(exc).__name__}")


_lock = threading.Lock()
_rulesets: dict[str, int] = {}  # ruleset text -> the engine's handle of it, compiled
_plans: dict[tuple, dict] = {}  # rule signatures -> {kind: (fields read, [ruleset text])}
_names = itertools.count()
_sids = itertools.count()


def _chunks(rules: list[Rule]) -> list[tuple[str, list[Rule]]]:
    by_kind: dict[str, list[Rule]] = {}
    for rule in sorted(rules, key=lambda r: r.code):
        by_kind.setdefault(rule.fact, []).append(rule)
    chunks = []
    for kind in sorted(by_kind):
        chunk, paths = [], 0
        for rule in by_kind[kind]:
            if chunk and paths + rule.paths > MAX_PATHS:
                chunks.append((kind, chunk))
                chunk, paths = [], 0
            chunk.append(rule)
            paths += rule.paths
        chunks.append((kind, chunk))
    return chunks


def ruleset_text(kind: str, rules: list[Rule]) -> str:
    """The JSON definition of one ruleset (also its identity for compiling once per process)."""
    members = [f'"{r.code}":{{"all":[{{"m":{r.pattern}}}]}}' for r in rules]
    members.append(f'"$catch":{{"all":[{{"m":{{"kind":"{kind}"}}}},{{"n":{{"kind":"{NEVER}"}}}}]}}')
    members.append(f'"$end":{{"all":[{{"m":{{"kind":"{SENTINEL}"}}}}]}}')
    return "{" + ",".join(members) + "}"


def _plan(rules: list[Rule]) -> dict[str, tuple[frozenset[str], list[str]]]:
    """kind -> (the fields its rules read, [ruleset text])."""
    key = (MAX_PATHS, *((r.code, r.pattern) for r in rules))
    plan = _plans.get(key)
    if plan is None:
        plan = {}
        for kind, chunk in _chunks(rules):
            read = frozenset(name for r in rules if r.fact == kind for name in r.reads)
            plan.setdefault(kind, (read, []))[1].append(ruleset_text(kind, chunk))
        _plans[key] = plan
    return plan


def _ruleset(text: str) -> int:
    handle = _rulesets.get(text)
    if handle is None:
        name = f"telaah-{hashlib.sha256(text.encode()).hexdigest()[:16]}-{next(_names)}"
        handle = _rulesets[text] = durable_rules_engine.create_ruleset(name, text)
    return handle


def _engine_error(detail: str) -> EngineError:
    match = re.search(r"error code: (\d+)", detail)
    known = ENGINE_ERRORS.get(int(match[1])) if match else None
    msg_id, msg_en = known or (detail, detail)
    return EngineError(f"mesin aturan gagal: {msg_id} ({detail})" if known else f"mesin aturan gagal: {detail}",
                       f"rule engine failed: {msg_en} ({detail})" if known else f"rule engine failed: {detail}")


def _assert(text: str, sid: str, batch: str) -> list[tuple[str, int]]:
    run = _Run()
    failure = None
    try:
        handle = _ruleset(text)
        result, state = durable_rules_engine.assert_facts(handle, batch)
        if result != 0:
            failure = f"assert_facts returned {result}"
        else:
            # each pending action in turn, as durable's own action loop does, minus its threads
            action = durable_rules_engine.start_action_for_state(handle, state)
            message = action[1] if action else None
            while message:
                run.take(message)
                durable_rules_engine.update_state(handle, action[0])
                message = durable_rules_engine.complete_and_start_action(handle, state)
    except Exception as exc:  # noqa: BLE001 — every engine failure becomes this document's error
        failure = str(exc) or type(exc).__name__
    failure = failure or "; ".join(run.errors) or (None if run.ended else "end-of-document rule did not fire")
    if failure is None:
        try:
            durable_rules_engine.delete_state(handle, sid)
            return run.hits
        except Exception as exc:  # noqa: BLE001
            failure = str(exc) or type(exc).__name__
    _rulesets.pop(text, None)  # never delete a failed state; build a fresh ruleset next time
    raise _engine_error(failure)


def check_count(count: int) -> None:
    """FactError when a document has more than MAX_FACTS facts."""
    if count > MAX_FACTS:
        raise FactError(f"terlalu banyak fakta: {count}, batas {MAX_FACTS}", f"too many facts: {count}, limit {MAX_FACTS}")


def evaluate(facts: list[dict], rules: list[Rule], kinds: dict[str, FactKind] | None = None) -> list[tuple[str, int]]:
    """(rule code, fact index) for every rule whose violation pattern matches a fact; sorted,
    without repeats. FactError for a fact the engine refuses, EngineError if the engine fails.

    Facts of a kind no rule reads never reach the engine (nor are they checked), nor do the fields
    no rule of the fact's kind reads. Rules test one fact at a time, so a fact's matches depend on
    its encoded text alone: facts written alike are asserted once, and the rules that match that
    text match every one of them (most facts, reduced to the fields rules read, are alike:
    `{"kind":"row_year","has_rp":true,"has_target":true,"rp_required":true}`). The distinct texts
    are asserted in chunks of at most CHUNK, each chunk in a state of its own with ids counted
    from 0, so memory stays bounded and ids stay far below the first 32-bit hash collision. A
    refused fact stops the evaluation before its kind reaches the engine."""
    kinds = fact_kinds() if kinds is None else kinds
    check_count(len(facts))
    rulesets = _plan(rules)
    by_kind: dict[str, list[int]] = {}
    for index, fact in enumerate(facts):
        name = fact.get("kind") if type(fact) is dict else None
        if name in rulesets:
            by_kind.setdefault(name, []).append(index)
        elif name not in kinds:
            encode_fact(fact, kinds)  # not a dict, or an unknown kind: refused
    hits: set[tuple[str, int]] = set()
    with _lock:
        for kind, indices in by_kind.items():
            read, kind_rulesets = rulesets[kind]
            alike: dict[str, list[int]] = {}  # encoded text -> the facts written so
            for i in indices:
                alike.setdefault(encode_fact(facts[i], kinds, read)[1], []).append(i)
            distinct = list(alike.items())
            for start in range(0, len(distinct), CHUNK):
                chunk = distinct[start:start + CHUNK]
                for text in kind_rulesets:
                    sid = f"d{next(_sids)}"
                    head = f'{{"sid":"{sid}",'
                    batch = "[" + ",".join(f'{head}"id":"{n}",{body}}}' for n, (body, _) in enumerate(chunk)) + f',{head}"id":"end","kind":"{SENTINEL}"}}]'
                    for code, n in _assert(text, sid, batch):
                        hits.update((code, i) for i in chunk[n][1])
    return sorted(hits, key=lambda h: (h[1], h[0]))
