"""Fact kinds: the published shape of every fact, read from `schemas/facts.schema.json`.

The schema holds the common fields under `$defs/fact` and one JSON Schema per kind under
`$defs/<kind>` (see the schema's own description). `fact_kinds()` loads it once per process and
checks that it is usable by the engine; `check_fact(fact)` checks one fact against its kind.

`encode_fact` writes a fact as the JSON text the rule engine reads, checking it on the way: only
the kind's fields (absent ones written as null; the adapter asks for just the kind and the fields
its rules read), scalars only, integers within ±(2^63 - 1),
non-integral Decimals with at most 15 significant digits (the engine compares them as binary
doubles; 15 digits keep distinct values distinct), Decimals in plain notation, strings cut to
`MAX_TEXT` characters. A fact that breaks these is refused with a `FactError`; nothing a
document contains reaches the engine in a shape that could crash it.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources

from .errors import InputError

COMMON = ("kind", "pointer", "table", "row", "year", "declared", "expected", "difference")
RESERVED = ("id", "sid")  # the engine's own keys on every encoded fact
MAX_FIELDS = 200  # durable-rules crashes on facts with 255 keys or more
MAX_TEXT = 500  # characters of a string the engine compares; messages keep the whole string
MAX_INT = 2**63 - 1
MAX_DIGITS = 15

JSON_TYPES = {"string": (str,), "integer": (int,), "number": (int, Decimal), "boolean": (bool,), "null": (type(None),)}
FAMILIES = {"string": "string", "integer": "number", "number": "number", "boolean": "boolean"}
NAME = re.compile(r"[a-z][a-z0-9_]{0,63}\Z")
_BILINGUAL = re.compile(r"ID: (.+) / EN: (.+)\Z", re.S)


class FactError(InputError):
    """A fact the engine refuses. `pointer` is the fact's own pointer when it has one."""


@dataclass(frozen=True)
class Field:
    name: str
    types: tuple[str, ...]  # JSON Schema type names
    description: dict  # {"id": …, "en": …}
    plain: bool = False  # printed without thousands separators (years)

    @property
    def nullable(self) -> bool:
        return "null" in self.types

    @property
    def families(self) -> frozenset[str]:
        """What the engine compares the field as: "number", "string" and/or "boolean"."""
        return frozenset(FAMILIES[t] for t in self.types if t != "null")


@dataclass(frozen=True, eq=False)
class FactKind:
    name: str
    description: dict
    fields: dict  # name -> Field, common fields first, in schema order

    def __post_init__(self):
        accept = {}
        for f in self.fields.values():
            accept[f.name] = frozenset(cls for t in f.types for cls in JSON_TYPES[t])
        object.__setattr__(self, "_head", f'"kind":{json.dumps(self.name)}')
        object.__setattr__(self, "_keys", [(n, json.dumps(n) + ":", accept[n]) for n in self.fields if n != "kind"])
        object.__setattr__(self, "_projections", {})

    def keys(self, read: frozenset[str] | None) -> list[tuple[str, str, frozenset]]:
        """(field, its JSON key text, the Python types it accepts) of the fields written for the
        engine after the kind: all of them, or those in `read`, in schema order."""
        if read is None:
            return self._keys
        found = self._projections.get(read)
        if found is None:
            found = self._projections[read] = [entry for entry in self._keys if entry[0] in read]
        return found


# --------------------------------------------------------------------------- loading


def _fnv32(text: str) -> int:
    """The 32-bit FNV-1a hash durable-rules gives property names (collisions would merge fields)."""
    h = 0x811C9DC5
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 16777619) & 0xFFFFFFFF
    return h


def _schema_problem(where: str, problem: str) -> ValueError:
    return ValueError(f"facts schema {where}: {problem}")


def _field(where: str, name: str, spec) -> Field:
    if not NAME.match(name) or name in RESERVED:
        raise _schema_problem(where, f"field name {name!r} must match {NAME.pattern} and not be one of {RESERVED}")
    if not isinstance(spec, dict):
        raise _schema_problem(where, f"field {name!r} must be an object")
    types = spec.get("type")
    types = (types,) if isinstance(types, str) else tuple(types or ())
    if not types or any(t not in JSON_TYPES for t in types):
        raise _schema_problem(where, f"field {name!r}: type must be one or more of {sorted(JSON_TYPES)}")
    match = _BILINGUAL.match(spec.get("description") or "")
    if not match:
        raise _schema_problem(where, f"field {name!r}: description must read \"ID: … / EN: …\"")
    return Field(name, types, {"id": match[1], "en": match[2]}, spec.get("x-format") == "plain")


def load_fact_kinds(text: str, where: str = "schemas/facts.schema.json") -> dict[str, FactKind]:
    """Parse and check a facts schema; a ValueError names the first problem."""
    schema = json.loads(text, parse_float=Decimal)
    defs = schema.get("$defs") or {}
    common_spec = (defs.get("fact") or {}).get("properties") or {}
    if tuple(common_spec) != COMMON:
        raise _schema_problem(where, f"$defs/fact must list exactly the common fields {COMMON}")
    common = {n: _field(f"{where} $defs/fact", n, s) for n, s in common_spec.items()}
    kinds = {}
    for kind, spec in defs.items():
        if kind == "fact":
            continue
        at = f"{where} $defs/{kind}"
        if not NAME.match(kind):
            raise _schema_problem(at, f"kind name must match {NAME.pattern}")
        if spec.get("allOf") != [{"$ref": "#/$defs/fact"}] or spec.get("unevaluatedProperties") is not False:
            raise _schema_problem(at, 'a kind must have "allOf": [{"$ref": "#/$defs/fact"}] and "unevaluatedProperties": false')
        match = _BILINGUAL.match(spec.get("description") or "")
        if not match:
            raise _schema_problem(at, 'description must read "ID: … / EN: …"')
        fields = dict(common)
        for name, fspec in (spec.get("properties") or {}).items():
            field = _field(at, name, fspec)
            if name in common and not set(field.types) <= set(common[name].types):
                raise _schema_problem(at, f"field {name!r} may only narrow the common types {common[name].types}")
            fields[name] = field
        if len(fields) > MAX_FIELDS:
            raise _schema_problem(at, f"{len(fields)} fields; at most {MAX_FIELDS}")
        hashes = {}
        for name in (*fields, *RESERVED):
            other = hashes.setdefault(_fnv32(name), name)
            if other != name:
                raise _schema_problem(at, f"field names {other!r} and {name!r} collide in the engine's hash; rename one")
        kinds[kind] = FactKind(kind, {"id": match[1], "en": match[2]}, fields)
    return kinds


@lru_cache(maxsize=None)
def fact_kinds() -> dict[str, FactKind]:
    """The built-in fact kinds (loaded once per process)."""
    text = resources.files("telaah.schemas").joinpath("facts.schema.json").read_text(encoding="utf-8")
    return load_fact_kinds(text)


# --------------------------------------------------------------------------- checking / encoding


def number_text(value) -> str | None:
    """Plain JSON text of an int or Decimal the engine compares exactly, or None when out of bounds."""
    if isinstance(value, Decimal):
        if not value.is_finite() or value.adjusted() > 18:
            return None
        if value == value.to_integral_value():
            value = int(value)
        else:
            _, digits, exponent = value.normalize().as_tuple()
            if len(digits) > MAX_DIGITS or exponent < -MAX_DIGITS:
                return None
            return format(value.normalize(), "f")
    return str(value) if -MAX_INT <= value <= MAX_INT else None


_encode_text = json.encoder.encode_basestring  # what json.dumps(str, ensure_ascii=False) calls, minus its overhead


def text_json(value: str) -> str:
    """A string as the engine compares it: cut to MAX_TEXT characters, unpaired surrogates replaced."""
    value = value[:MAX_TEXT]
    if not value.isascii():
        value = value.encode("utf-8", "replace").decode("utf-8")
    return _encode_text(value)


def _refuse(fact: dict, msg_id: str, msg_en: str) -> FactError:
    pointer = fact.get("pointer") if isinstance(fact.get("pointer"), str) else None
    kind = str(fact.get("kind"))[:64]
    return FactError(f"fakta {kind} tidak dapat diperiksa: {msg_id}", f"fact {kind} cannot be checked: {msg_en}", pointer=pointer)


def _type_name(value) -> str:
    return {str: "string", int: "integer", Decimal: "number", bool: "boolean", type(None): "null"}.get(type(value), type(value).__name__)


def encode_fact(fact, kinds: dict[str, FactKind] | None = None, read: frozenset[str] | None = None) -> tuple[FactKind, str]:
    """(kind, JSON members without braces) for one fact, or FactError. See the module docstring.
    With `read`, only the kind and those fields are checked and written (what the rules read)."""
    if type(fact) is not dict:
        raise FactError(f"fakta harus berupa dict, bukan {type(fact).__name__}", f"a fact must be a dict, not {type(fact).__name__}")
    kind = (kinds if kinds is not None else fact_kinds()).get(fact.get("kind"))
    if kind is None:
        raise _refuse(fact, "jenis fakta tidak dikenal", "unknown fact kind")
    if not isinstance(fact.get("pointer"), str):
        raise _refuse(fact, "bidang 'pointer' harus berupa string", "field 'pointer' must be a string")
    if not fact.keys() <= kind.fields.keys():
        name = sorted(map(str, fact.keys() - kind.fields.keys()))[0]
        raise _refuse(fact, f"bidang {name!r} bukan bidang jenis ini", f"field {name!r} is not a field of this kind")
    parts = [kind._head]
    for name, key, accept in kind.keys(read):
        value = fact.get(name)
        cls = type(value)
        if cls not in accept:
            types = "|".join(kind.fields[name].types)
            raise _refuse(fact, f"bidang {name!r} bertipe {_type_name(value)}, seharusnya {types}",
                          f"field {name!r} is {_type_name(value)}, expected {types}")
        if cls is bool:
            text = "true" if value else "false"
        elif value is None:
            text = "null"
        elif cls is str:
            text = text_json(value)
        else:
            text = str(value) if cls is int and -MAX_INT <= value <= MAX_INT else number_text(value)
            if text is None:
                raise _refuse(
                    fact,
                    f"bidang {name!r} = {value} di luar jangkauan mesin (bulat sampai ±{MAX_INT}, pecahan sampai {MAX_DIGITS} digit bermakna)",
                    f"field {name!r} = {value} is out of the engine's range (integers up to ±{MAX_INT}, fractions up to {MAX_DIGITS} significant digits)",
                )
        parts.append(key + text)
    return kind, ",".join(parts)


def check_fact(fact, kinds: dict[str, FactKind] | None = None) -> FactKind:
    """The fact's kind when the engine accepts the fact; FactError naming the problem otherwise."""
    return encode_fact(fact, kinds)[0]
