"""Read a plan file (JSON or YAML) safely into plain Python data.

Plain data means JSON semantics: dict with `str` keys, list, str, int, `Decimal` (never float),
bool, None. Every failure is an `InputError` naming the file and, where it can be known, the
line and column. Positions of values (`Document.position`) are computed only when asked for.
"""
from __future__ import annotations

import codecs
import contextlib
import errno
import gc
import json
import json.decoder
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Callable

import yaml

from .errors import MIB, InputError, Limits

# --------------------------------------------------------------------------- JSON pointers


def escape_token(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def join_pointer(base: str, token: str | int) -> str:
    return f"{base}/{escape_token(token)}"


def pointer_tokens(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/")]


def make_pointer(tokens) -> str:
    return "".join("/" + escape_token(t) for t in tokens)


@contextlib.contextmanager
def paused_gc():
    """Pause the cyclic garbage collector while building many acyclic objects; with a big
    document alive, each collection would otherwise walk all of it (3× slower builds)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# --------------------------------------------------------------------------- document


@dataclass
class Document:
    path: str
    format: str  # "json" | "yaml"
    data: Any
    text: str = field(repr=False)
    limits: Limits = field(repr=False, default_factory=Limits)
    _positions: Any = field(default=None, repr=False)

    def position(self, pointer: str) -> tuple[int, int] | None:
        """1-based (line, column) of the value at `pointer`, else of its nearest ancestor (also
        when the text cannot be read that deep)."""
        while True:
            found = self.positions([pointer])[0]
            if found is not None or not pointer:
                return found
            pointer = pointer.rsplit("/", 1)[0]

    def positions(self, pointers: list[str]) -> list[tuple[int, int] | None]:
        """`position` of each pointer, found together (one pass for many)."""
        if not pointers:
            return []
        try:
            with paused_gc():
                if self._positions is None:
                    self._positions = _JsonPositions(self.text) if self.format == "json" else _YamlPositions(self)
                return self._positions.find_all([pointer_tokens(p) for p in pointers])
        except (InputError, RecursionError, ValueError, IndexError, yaml.YAMLError):
            return [None] * len(pointers) if len(pointers) < 2 else [self.position(p) for p in pointers]

    def error(self, message: str, message_en: str | None = None, pointer: str | None = None) -> InputError:
        """An InputError about this file at `pointer`, with its line and column."""
        pos = self.position(pointer) if pointer is not None else None
        return InputError(
            message, message_en, file=self.path, pointer=pointer,
            line=pos[0] if pos else None, column=pos[1] if pos else None,
        )


# --------------------------------------------------------------------------- entry point

JSON_SUFFIXES = (".json",)
YAML_SUFFIXES = (".yaml", ".yml")


def load(path: str | os.PathLike, limits: Limits | None = None) -> Document:
    limits = limits or Limits()
    name = os.fspath(path)
    try:
        size = os.stat(name).st_size
        if os.path.isdir(name):
            raise InputError("adalah direktori, bukan berkas", "is a directory, not a file", file=name)
        if size > limits.max_file_bytes:
            raise InputError(
                f"berkas terlalu besar: {size} byte, batas {limits.max_file_bytes} byte ({limits.max_file_bytes // MIB} MiB)",
                f"file too large: {size} bytes, limit {limits.max_file_bytes} bytes ({limits.max_file_bytes // MIB} MiB)",
                file=name,
            )
        # Non-blocking open: a named pipe with no writer reads as empty instead of waiting forever.
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK)
        os.set_blocking(fd, True)
        with open(fd, "rb") as fh:
            raw = fh.read(limits.max_file_bytes + 1)
    except FileNotFoundError:
        raise InputError("berkas tidak ditemukan", "file not found", file=name) from None
    except PermissionError:
        raise InputError("berkas tidak dapat dibaca (izin ditolak)", "file cannot be read (permission denied)", file=name) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError("tautan simbolik berputar (symlink loop); berkas tidak dapat dibaca",
                             "symbolic links form a loop; the file cannot be read", file=name) from None
        raise InputError(f"berkas tidak dapat dibaca: {exc.strerror}", f"file cannot be read: {exc.strerror}", file=name) from None
    if len(raw) > limits.max_file_bytes:
        raise InputError("berkas terlalu besar", "file too large", file=name)
    return loads(raw, name, limits)


def loads(raw: bytes, name: str = "<input>", limits: Limits | None = None) -> Document:
    """Parse file bytes; the format follows the file suffix, else the first character."""
    limits = limits or Limits()
    text = _decode(raw, name)
    if not text.strip():
        raise InputError(
            "berkas kosong (hanya spasi)" if text else "berkas kosong",
            "file is empty (whitespace only)" if text else "file is empty",
            file=name,
        )
    lower = name.lower()
    if lower.endswith(JSON_SUFFIXES):
        fmt = "json"
    elif lower.endswith(YAML_SUFFIXES):
        fmt = "yaml"
    else:
        fmt = "json" if text.lstrip()[:1] in ("{", "[") else "yaml"
    if fmt == "json":
        data = _load_json(text, name, limits)
    else:
        data = _build_yaml(text, name, limits)
    return Document(path=name, format=fmt, data=data, text=text, limits=limits)


# --------------------------------------------------------------------------- decoding

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _decode(raw: bytes, name: str) -> str:
    encoding = "utf-8"
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            encoding = enc
            break
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line, col = _byte_line_col(raw, exc.start)
        what = "UTF-16" if encoding == "utf-16" else "UTF-8"
        raise InputError(
            f"bukan teks {what} yang sah: byte 0x{raw[exc.start]:02X} pada offset byte {exc.start}; simpan berkas sebagai UTF-8",
            f"not valid {what} text: byte 0x{raw[exc.start]:02X} at byte offset {exc.start}; save the file as UTF-8",
            file=name, line=line, column=col,
        ) from None
    nul = text.find("\x00")
    if nul >= 0:
        line, col = _text_line_col(text, nul)
        raise InputError(
            "berisi karakter NUL; berkas mungkin UTF-16 tanpa BOM — simpan sebagai UTF-8",
            "contains a NUL character; the file may be UTF-16 without a BOM — save it as UTF-8",
            file=name, line=line, column=col,
        )
    return text


def _byte_line_col(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, offset - line_start + 1


def _text_line_col(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


# --------------------------------------------------------------------------- JSON


class _Duplicate(Exception):
    def __init__(self, key: str):
        self.key = key


class _Constant(Exception):
    def __init__(self, name: str):
        self.name = name


def _pairs(pairs: list) -> dict:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen = set()
        for key, _ in pairs:
            if key in seen:
                raise _Duplicate(key)
            seen.add(key)
    return result


def _refuse_constant(name: str):
    raise _Constant(name)


_JSON_MESSAGES = {
    "Expecting value": ("nilai diharapkan", "a value was expected"),
    "Expecting property name enclosed in double quotes": (
        "nama kunci dalam tanda kutip ganda diharapkan (koma berlebih sebelum '}'?)",
        "a key in double quotes was expected (a trailing comma before '}'?)",
    ),
    "Expecting ',' delimiter": ("koma diharapkan", "a ',' was expected"),
    "Expecting ':' delimiter": ("titik dua diharapkan", "a ':' was expected"),
    "Unterminated string starting at": ("string tidak ditutup", "unterminated string"),
    "Extra data": ("ada data setelah akhir dokumen", "extra data after the end of the document"),
    "Invalid control character at": ("karakter kontrol dalam string (tulis sebagai \\n atau \\t)", "control character inside a string (write it as \\n or \\t)"),
    "Invalid \\escape": ("escape tidak sah dalam string", "invalid escape in a string"),
    "Invalid \\uXXXX escape": ("escape \\uXXXX tidak sah", "invalid \\uXXXX escape"),
    "Unexpected UTF-8 BOM (decode using utf-8-sig)": ("tanda BOM UTF-8 kedua di awal berkas", "a second UTF-8 BOM at the start of the file"),
}

# Strings (skipped) and the tokens the JSON checks below look for.
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|([\[{])|([\]}])|(-?Infinity|NaN)', re.S)


class _LongNumber(Exception):
    def __init__(self, literal: str):
        self.literal = literal


def _digits(value: Decimal) -> int:
    """Digits of a Decimal written out in plain notation."""
    return max(value.adjusted() + 1, 1) + max(-value.as_tuple().exponent, 0)


def _long_number(name, limits, line, column) -> InputError:
    return InputError(f"angka terlalu panjang: lebih dari {limits.max_number_digits} digit bila ditulis lengkap",
                      f"number too long: more than {limits.max_number_digits} digits written out in full",
                      file=name, line=line, column=column)


def _load_json(text: str, name: str, limits: Limits) -> Any:
    def parse_int(literal: str) -> int:
        if len(literal) - literal.startswith("-") > limits.max_number_digits:
            raise _LongNumber(literal)
        return int(literal)

    def parse_float(literal: str) -> Decimal:
        value = Decimal(literal)
        if _digits(value) > limits.max_number_digits:
            raise _LongNumber(literal)
        return value

    try:
        with paused_gc():  # JSON data is a tree: nothing for the cyclic collector, which would walk it again and again
            data = json.loads(text, parse_float=parse_float, parse_int=parse_int, parse_constant=_refuse_constant,
                              object_pairs_hook=_pairs)
    except _LongNumber as exc:
        line, col = _find_json_number(text, exc.literal)
        raise _long_number(name, limits, line, col) from None
    except json.JSONDecodeError as exc:
        msg_id, msg_en = _JSON_MESSAGES.get(exc.msg, (exc.msg, exc.msg))
        if exc.msg == "Expecting value" and text[: exc.pos].rstrip().endswith(","):
            msg_id, msg_en = msg_id + " (koma berlebih?)", msg_en + " (a trailing comma?)"
        if exc.pos >= len(text.rstrip()):
            msg_id = f"JSON terpotong: dokumen berakhir sebelum selesai ({msg_id})"
            msg_en = f"truncated JSON: the document ends too early ({msg_en})"
        else:
            msg_id, msg_en = f"JSON tidak sah: {msg_id}", f"invalid JSON: {msg_en}"
        raise InputError(msg_id, msg_en, file=name, line=exc.lineno, column=exc.colno) from None
    except _Constant as exc:
        line, col = _find_json_token(text, 3)
        raise InputError(
            f"{exc.name} tidak diperbolehkan; JSON hanya mengenal angka biasa (tulis null bila tidak ada nilai)",
            f"{exc.name} is not allowed; JSON has only ordinary numbers (write null when there is no value)",
            file=name, line=line, column=col,
        ) from None
    except _Duplicate as exc:
        pos = _json_duplicate_position(text, exc.key)
        raise InputError(
            f'kunci ganda "{exc.key}" dalam satu objek', f'duplicate key "{exc.key}" in one object',
            file=name, line=pos[0] if pos else None, column=pos[1] if pos else None,
        ) from None
    except RecursionError:
        raise _depth_error(name, limits, _json_depth_position(text, limits.max_depth)) from None
    _check_data(data, name, limits, text)
    return data


_JSON_NUMBERS = re.compile(r'"(?:[^"\\]|\\.)*"|(-?[0-9][0-9.eE+-]*)', re.S)


def _find_json_number(text: str, literal: str) -> tuple[int, int] | tuple[None, None]:
    for m in _JSON_NUMBERS.finditer(text):
        if m.group(1) == literal:
            return _text_line_col(text, m.start())
    return None, None


def _find_json_token(text: str, group: int) -> tuple[int, int] | tuple[None, None]:
    for m in _JSON_TOKENS.finditer(text):
        if m.group(group):
            return _text_line_col(text, m.start())
    return None, None


def _json_depth_position(text: str, max_depth: int) -> tuple[int, int] | None:
    depth = 0
    for m in _JSON_TOKENS.finditer(text):
        if m.group(1):
            depth += 1
            if depth > max_depth:
                return _text_line_col(text, m.start())
        elif m.group(2):
            depth -= 1
    return None


def _depth_error(name: str, limits: Limits, pos) -> InputError:
    return InputError(
        f"struktur bersarang terlalu dalam (lebih dari {limits.max_depth} tingkat)",
        f"nesting too deep (more than {limits.max_depth} levels)",
        file=name, line=pos[0] if pos else None, column=pos[1] if pos else None,
    )


def _json_source_map(text: str):
    from json_source_map import handle, types

    return handle.value(source=text, current_location=types.Location(0, 0, 0))


def _json_duplicate_position(text: str, key: str) -> tuple[int, int] | None:
    """Line and column of the second occurrence of a duplicated key."""
    seen: set[str] = set()
    wanted = "/" + json.dumps(key, ensure_ascii=False)[1:-1]
    try:
        entries = _json_source_map(text)
    except Exception:  # json-source-map is best effort here: the error is reported anyway
        return None
    for pointer, entry in entries:
        if pointer in seen and pointer.endswith(wanted) and entry.key_start is not None:
            return entry.key_start.line + 1, entry.key_start.column + 1
        seen.add(pointer)
    return None


_WHITESPACE = re.compile(r"[ \t\n\r]*")
_KEY = re.compile(r'"([^"\\]*)"[ \t\n\r]*:[ \t\n\r]*')  # an object key without escapes, and the ':'
_COLON = re.compile(r"[ \t\n\r]*:[ \t\n\r]*")
_SEPARATOR = re.compile(r"[ \t\n\r]*(?:,[ \t\n\r]*)?")
_skip = json.JSONDecoder().scan_once  # (value, end) of the JSON value at an offset
_scanstring = json.decoder.scanstring


class _JsonPositions:
    """Positions in valid JSON text, found on demand for a batch of pointers at once.

    The containers on the requested paths are scanned child by child; a container on a path is
    descended into where it stands (its bytes are read once, not skipped and read again one level
    down), every other value is skipped with the C parser. Each container's children are
    remembered, so later batches continue where earlier ones stopped."""

    def __init__(self, text: str):
        self.text = text
        self.root = _WHITESPACE.match(text, 0).end()
        # container offset -> [children {key or index: value offset}, resume offset, children passed, end offset]
        self.scans: dict[int, list] = {}

    def find_all(self, paths: list[list[str]]) -> list[tuple[int, int]]:
        """(line, column) of each path's value, else of its nearest ancestor in the document."""
        trie: dict = {}
        for tokens in paths:
            node = trie
            for token in tokens:
                node = node.setdefault(token, {})
        self._visit(self.root, trie, False)
        offsets = [self._offset(tokens) for tokens in paths]
        return self._line_columns(offsets)

    def _offset(self, tokens: list[str]) -> int:
        offset = self.root
        for token in tokens:
            scan = self.scans.get(offset)
            child = None if scan is None else scan[0].get(token if self.text[offset] == "{" else _index(token))
            if child is None:
                break
            offset = child
        return offset

    def _line_columns(self, offsets: list[int]) -> list[tuple[int, int]]:
        """Newlines counted once over the text up to the last offset, however many offsets."""
        text = self.text
        found: dict[int, tuple[int, int]] = {}
        line, line_start, previous = 1, 0, 0
        for offset in sorted(set(offsets)):
            newlines = text.count("\n", previous, offset)
            if newlines:
                line += newlines
                line_start = text.rfind("\n", previous, offset) + 1
            found[offset] = (line, offset - line_start + 1)
            previous = offset
        return [found[offset] for offset in offsets]

    def _visit(self, start: int, wanted: dict, need_end: bool) -> int | None:
        """Scan the container at `start` until every wanted child is found (descending into those
        with wanted children of their own); to its end and return the end offset if `need_end`."""
        text = self.text
        if text[start] not in "{[":
            return None
        is_object = text[start] == "{"
        scan = self.scans.get(start)
        if scan is None:
            scan = self.scans[start] = [{}, _WHITESPACE.match(text, start + 1).end(), 0, None]
        children = scan[0]
        subs, pending = {}, set()
        for token, sub in wanted.items():
            key = token if is_object else _index(token)
            if key is None:
                continue
            subs.setdefault(key, []).append(sub)  # a list: "1" and "01" name the same item
            at = children.get(key)
            if at is None:
                pending.add(key)
            elif sub:
                self._visit(at, sub, False)
        i = scan[1]
        while scan[3] is None and (pending or need_end):
            if text[i] in "}]":
                scan[3] = i + 1
                break
            if is_object:
                key = _KEY.match(text, i)
                if key is not None:
                    name, j = key[1], key.end()
                else:
                    name, j = _scanstring(text, i + 1)
                    j = _COLON.match(text, j).end()
            else:
                name, j = scan[2], i
            children[name] = j
            end = None
            if name in subs:
                pending.discard(name)
                more = bool(pending) or need_end  # False: nothing after this child is needed here
                for sub in subs[name]:
                    if sub:
                        end = self._visit(j, sub, more)
                if not more:
                    break  # stopped before this child: the next scan reads it again
            if end is None:
                inner = self.scans.get(j)
                end = inner[3] if inner is not None and inner[3] is not None else _skip(text, j)[1]
            i = _SEPARATOR.match(text, end).end()
            scan[1], scan[2] = i, scan[2] + 1
        return scan[3]


def _index(token: str) -> int | None:
    """The array index a pointer token names, None when it names none."""
    try:
        return int(token) if token.isdigit() else None
    except ValueError:
        return None


# A \uD800–\uDFFF escape: JSON text can spell a lone surrogate, which is no character at all.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_data(data: Any, name: str, limits: Limits, text: str) -> None:
    """Depth, string-length and array-length limits over parsed JSON data; no lone surrogates."""
    max_depth, max_chars, max_items = limits.max_depth, limits.max_string_chars, limits.max_array_items
    surrogates = _SURROGATE_ESCAPE.search(text) is not None
    if not surrogates and len(text) <= max_chars and len(text) <= 2 * max_items:
        # No string is longer than the text, no array has more items than half its length: only
        # the depth can be over its limit, and only containers need visiting.
        if _deeper_than(data, max_depth):
            raise _depth_error(name, limits, _json_depth_position(text, max_depth))
        return

    def bad(s: str) -> bool:
        return len(s) > max_chars or (surrogates and _SURROGATE.search(s) is not None)

    def refuse(s: str, path) -> InputError:
        if len(s) > max_chars:
            return _long_string(name, limits, path, text)
        char = f"\\u{ord(_SURROGATE.search(s)[0]):04x}"
        return _limit_error(name, _linked_pointer(path), text, "json",
                            f"teks berisi surrogate UTF-16 tunggal ({char}) yang bukan karakter sah; perbaiki escape-nya",
                            f"text holds a lone UTF-16 surrogate ({char}), which is not a character; fix the escape")

    stack = [(data, 1, ())]
    while stack:
        value, depth, path = stack.pop()
        if isinstance(value, dict):
            if depth > max_depth:
                raise _depth_error(name, limits, _json_depth_position(text, max_depth))
            for k, v in value.items():
                if bad(k):
                    raise refuse(k, path if len(k) > max_chars else (path, k))
                if isinstance(v, (dict, list)):
                    stack.append((v, depth + 1, (path, k)))
                elif isinstance(v, str) and bad(v):
                    raise refuse(v, (path, k))
        elif isinstance(value, list):
            if depth > max_depth:
                raise _depth_error(name, limits, _json_depth_position(text, max_depth))
            if len(value) > max_items:
                raise _too_many_items(name, limits, path, text)
            for i, v in enumerate(value):
                if isinstance(v, (dict, list)):
                    stack.append((v, depth + 1, (path, i)))
                elif isinstance(v, str) and bad(v):
                    raise refuse(v, (path, i))
        elif isinstance(value, str) and bad(value):
            raise refuse(value, path)


def _deeper_than(data: Any, max_depth: int) -> bool:
    stack = [(data, 1)] if type(data) is dict or type(data) is list else []
    while stack:
        value, depth = stack.pop()
        if depth > max_depth:
            return True
        for v in value.values() if type(value) is dict else value:
            if type(v) is dict or type(v) is list:
                stack.append((v, depth + 1))
    return False


def _linked_pointer(path: tuple) -> str:
    tokens = []
    while path:
        path, token = path
        tokens.append(token)
    return make_pointer(reversed(tokens))


def _limit_error(name, pointer, text, fmt, msg_id, msg_en) -> InputError:
    doc = Document(path=name, format=fmt, data=None, text=text) if text is not None else None
    pos = doc.position(pointer) if doc else None
    return InputError(msg_id, msg_en, file=name, pointer=pointer or None,
                      line=pos[0] if pos else None, column=pos[1] if pos else None)


def _long_string(name, limits, path, text=None, fmt="json") -> InputError:
    pointer = _linked_pointer(path) if isinstance(path, tuple) else path
    return _limit_error(name, pointer, text, fmt,
                        f"string terlalu panjang (lebih dari {limits.max_string_chars} karakter)",
                        f"string too long (more than {limits.max_string_chars} characters)")


def _too_many_items(name, limits, path, text=None, fmt="json") -> InputError:
    pointer = _linked_pointer(path) if isinstance(path, tuple) else path
    return _limit_error(name, pointer, text, fmt,
                        f"daftar terlalu panjang (lebih dari {limits.max_array_items} butir)",
                        f"array too long (more than {limits.max_array_items} items)")


# --------------------------------------------------------------------------- YAML

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG = "tag:yaml.org,2002:"
_PLAIN_INT = re.compile(r"[-+]?(0|[1-9][0-9_]*)\Z")
_TRUE = {"yes", "true", "on"}


def _mark(m) -> tuple[int, int]:
    return m.line + 1, m.column + 1


def _yaml_error(name, mark, msg_id, msg_en) -> InputError:
    line, col = _mark(mark) if mark is not None else (None, None)
    return InputError(msg_id, msg_en, file=name, line=line, column=col)


def _scalar(ev, loader, name: str, limits: Limits) -> Any:
    value = ev.value
    if len(value) > limits.max_string_chars:
        raise _yaml_error(name, ev.start_mark, f"string terlalu panjang (lebih dari {limits.max_string_chars} karakter)",
                          f"string too long (more than {limits.max_string_chars} characters)")
    tag = ev.tag
    if tag is None or tag == "!":
        tag = loader.resolve(yaml.ScalarNode, value, ev.implicit)
    if not tag.startswith(_TAG):
        raise _bad_tag(name, ev, tag)
    kind = tag[len(_TAG):]
    if kind in ("str", "timestamp"):  # dates stay the text as written (JSON semantics)
        return value
    if kind == "null":
        return None
    if kind == "bool":
        return value.lower() in _TRUE
    if kind == "int":
        if _PLAIN_INT.match(value):
            digits = value.replace("_", "")
            if len(digits.lstrip("+-")) > limits.max_number_digits:
                raise _long_number(name, limits, *_mark(ev.start_mark))
            return int(digits)
        raise _yaml_error(
            name, ev.start_mark,
            f"bilangan bulat \"{value}\" tidak jelas (oktal/heksadesimal/nol di depan); tulis angka desimal biasa atau beri tanda kutip",
            f"integer \"{value}\" is ambiguous (octal/hex/leading zero); write a plain decimal number or quote it",
        )
    if kind == "float":
        text = value.replace("_", "")
        if text.lower().lstrip("+-") in (".inf", ".nan"):
            raise _yaml_error(name, ev.start_mark, f"{value} tidak diperbolehkan; tulis null bila tidak ada nilai",
                              f"{value} is not allowed; write null when there is no value")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise _yaml_error(name, ev.start_mark, f"angka \"{value}\" tidak dikenali", f"number \"{value}\" not understood") from None
        if _digits(number) > limits.max_number_digits:
            raise _long_number(name, limits, *_mark(ev.start_mark))
        return number
    if kind == "merge":
        raise _yaml_error(name, ev.start_mark, "kunci gabung YAML '<<' tidak didukung; tulis isinya secara lengkap",
                          "YAML merge keys '<<' are not supported; write the content out in full")
    raise _bad_tag(name, ev, tag)


def _bad_tag(name, ev, tag) -> InputError:
    return _yaml_error(name, ev.start_mark, f"tag YAML tidak diperbolehkan: {tag} (hanya data biasa)",
                       f"YAML tag not allowed: {tag} (plain data only)")


class _Frame:
    __slots__ = ("value", "is_map", "key", "key_mark", "anchor", "start", "pointer")

    def __init__(self, value, is_map, anchor, start, pointer):
        self.value = value
        self.is_map = is_map
        self.key = None
        self.key_mark = None
        self.anchor = anchor
        self.start = start
        self.pointer = pointer


def _build_yaml(text: str, name: str, limits: Limits, record: Callable[[str, Any], None] | None = None) -> Any:
    """Build plain data from the YAML event stream, iteratively (deep input cannot crash it).

    With `record`, each value's JSON pointer and start mark are passed to it (used for
    positions, computed only when asked for).
    """
    loader = _Loader(text)
    try:
        return _yaml_events(loader, name, limits, record)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "?"
        raise _yaml_error(name, mark, f"YAML tidak sah: {problem}", f"invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise InputError(f"YAML tidak sah: {exc}", f"invalid YAML: {exc}", file=name) from None
    finally:
        loader.dispose()


def _yaml_events(loader, name: str, limits: Limits, record) -> Any:
    stack: list[_Frame] = []
    anchors: dict[str, tuple[Any, int]] = {}
    nodes = 0  # nodes made, aliases counted with their full size
    expanded = 0
    root = _NOTHING = object()
    documents = 0

    def place(value, mark):
        nonlocal root
        if not stack:
            root = value
            if record:
                record("", mark)
            return
        top = stack[-1]
        if top.is_map:
            key = top.key
            top.key = None
            top.value[key] = value
            if record:
                record(join_pointer(top.pointer, key), mark)
        else:
            if len(top.value) >= limits.max_array_items:
                raise _yaml_error(name, mark, f"daftar terlalu panjang (lebih dari {limits.max_array_items} butir)",
                                  f"array too long (more than {limits.max_array_items} items)")
            if record:
                record(join_pointer(top.pointer, len(top.value)), mark)
            top.value.append(value)

    def child_pointer():
        if not record or not stack:
            return ""
        top = stack[-1]
        return join_pointer(top.pointer, top.key if top.is_map else len(top.value))

    while True:
        ev = loader.get_event()
        if isinstance(ev, yaml.StreamEndEvent):
            break
        if isinstance(ev, (yaml.StreamStartEvent, yaml.DocumentEndEvent)):
            continue
        if isinstance(ev, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _yaml_error(name, ev.start_mark, "lebih dari satu dokumen YAML dalam berkas ('---')",
                                  "more than one YAML document in the file ('---')")
            continue
        awaiting_key = bool(stack) and stack[-1].is_map and stack[-1].key is None
        if awaiting_key and not isinstance(ev, (yaml.ScalarEvent, yaml.MappingEndEvent)):
            raise _yaml_error(name, ev.start_mark, "kunci harus berupa teks biasa", "keys must be plain scalars")
        if isinstance(ev, yaml.ScalarEvent):
            if awaiting_key:
                key = _scalar_key(ev, loader, name, limits)
                top = stack[-1]
                if key in top.value:
                    raise _yaml_error(name, ev.start_mark, f'kunci ganda "{key}" dalam satu objek',
                                      f'duplicate key "{key}" in one object')
                top.key, top.key_mark = key, ev.start_mark
                continue
            value = _scalar(ev, loader, name, limits)
            nodes += 1
            if ev.anchor:
                anchors[ev.anchor] = (value, 1)
            place(value, ev.start_mark)
        elif isinstance(ev, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            is_map = isinstance(ev, yaml.MappingStartEvent)
            tag = ev.tag
            if tag not in (None, "!", _TAG + ("map" if is_map else "seq")):
                raise _bad_tag(name, ev, tag)
            if len(stack) >= limits.max_depth:
                raise _depth_error(name, limits, _mark(ev.start_mark))
            nodes += 1
            pointer = child_pointer()
            frame = _Frame({} if is_map else [], is_map, ev.anchor, nodes, pointer)
            place(frame.value, ev.start_mark)
            stack.append(frame)
        elif isinstance(ev, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = stack.pop()
            if frame.anchor:
                anchors[frame.anchor] = (frame.value, nodes - frame.start + 1)
        elif isinstance(ev, yaml.AliasEvent):
            if ev.anchor not in anchors:
                raise _yaml_error(name, ev.start_mark, f"alias *{ev.anchor} merujuk jangkar yang belum selesai atau tidak ada",
                                  f"alias *{ev.anchor} refers to an anchor that is unfinished or undefined")
            value, size = anchors[ev.anchor]
            nodes += size
            expanded += size
            if expanded > limits.max_alias_nodes:
                raise _yaml_error(
                    name, ev.start_mark,
                    f"alias YAML mengembang menjadi lebih dari {limits.max_alias_nodes} node (bom alias?)",
                    f"YAML aliases expand to more than {limits.max_alias_nodes} nodes (alias bomb?)",
                )
            place(value, ev.start_mark)
    if root is _NOTHING:
        raise InputError("berkas tidak berisi data (hanya komentar)", "file holds no data (comments only)", file=name)
    return root


def _scalar_key(ev, loader, name: str, limits: Limits) -> str:
    """Keys are strings (JSON semantics): the key as written, so `2024:` is "2024"."""
    if ev.anchor:
        raise _yaml_error(name, ev.start_mark, "jangkar pada kunci tidak didukung", "anchors on keys are not supported")
    tag = ev.tag
    if tag is None or tag == "!":
        tag = loader.resolve(yaml.ScalarNode, ev.value, ev.implicit)
    if tag == _TAG + "merge":
        _scalar(ev, loader, name, limits)  # raises the merge-key error
    if not tag.startswith(_TAG) or tag[len(_TAG):] not in ("str", "int", "float", "bool", "null", "timestamp"):
        raise _bad_tag(name, ev, tag)
    if len(ev.value) > limits.max_string_chars:
        raise _yaml_error(name, ev.start_mark, f"kunci terlalu panjang (lebih dari {limits.max_string_chars} karakter)",
                          f"key too long (more than {limits.max_string_chars} characters)")
    return ev.value


class _YamlPositions:
    """Positions of every value, recorded by a second pass over the YAML events when first asked."""

    def __init__(self, doc: Document):
        self.positions: dict[str, tuple[int, int]] = {}

        def record(pointer, mark):
            self.positions[pointer] = _mark(mark)

        _build_yaml(doc.text, doc.path, doc.limits, record)

    def find_all(self, paths: list[list[str]]) -> list[tuple[int, int] | None]:
        return [self.find(tokens) for tokens in paths]

    def find(self, tokens: list[str]) -> tuple[int, int] | None:
        while True:
            found = self.positions.get(make_pointer(tokens))
            if found is not None or not tokens:
                return found
            tokens = tokens[:-1]
