"""The bad-input corpus: every case through the real command line, `telaah check` and
`telaah validate`, with the exit code and message the manifest expects.

Cases (tests/corpus/manifest.yaml) come from three places: committed files (tests/corpus/files),
changes to samples/minimal.yaml in the rule-fixture format (tests/corpus/mutations, written out
as JSON by tests/rules/harness.py), and cases made here at test time (`GENERATED`: big files,
binary data, encodings, file-system oddities). For each case:

- the exit code is the manifest's (`validate` exits 2 exactly when the input is refused);
- refused input gives a line holding the message fragment; every error is ONE line that starts
  with the file name, then `:LINE:COL` where the manifest gives a position, and ends with
  `(pointer)` where it gives a pointer; nothing prints a traceback;
- accepted input gives no input error at all.

Cases marked `process: true` (big files, bombs, a named pipe) run in a child process under a
memory ceiling (RLIMIT_AS) and a timeout: they must finish cleanly within generous bounds.
"""
from __future__ import annotations

import codecs
import gzip
import json
import os
import random
import re
import resource
import shutil
import subprocess
import tempfile
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from telaah.cli import main

HERE = Path(__file__).parent
CORPUS = HERE / "corpus"
ROOT = HERE.parent
MINIMAL = ROOT / "samples" / "minimal.yaml"
MANIFEST = yaml.safe_load((CORPUS / "manifest.yaml").read_text(encoding="utf-8"))
MEMORY_CEILING = 4 * 1024**3  # address space of a child process, bytes
PROCESS_TIMEOUT = 900  # seconds; generous: the slowest case takes about 30 s alone

sys.path.insert(0, str(HERE / "rules"))
sys.path.insert(0, str(ROOT))
from benchmarks.generate import Spec, dumps, generate  # noqa: E402
from harness import build, dump_json  # noqa: E402


# --------------------------------------------------------------------------- generated cases


def _clean(**spec) -> dict:
    """A plan consistent by construction (benchmarks/generate.py)."""
    return generate(Spec(**spec))[0]


def _write(path: Path, data) -> Path:
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def _plan_text(**spec) -> str:
    return dumps(_clean(**spec))


def _nested(depth: int, leaf) -> object:
    node = leaf
    for _ in range(depth - 1):
        node = {"isi": node}
    return node


def _rincian_chain(tmp: Path, levels: int) -> Path:
    data = _clean()
    row = data["anggaran_realisasi"]["baris"][0]
    node = row
    for i in range(levels):
        child = {"uraian": f"Rincian tingkat {i + 1}"}
        node["rincian"] = [child]
        node = child
    return _write(tmp / f"rincian-{levels}.json", dumps(data))


def _flat_sub_kegiatan(tmp: Path, count: int) -> Path:
    """A plan whose first kegiatan holds `count` sub kegiatan rows (same code, as rows split per
    kelurahan are), each with Rp for every year."""
    data = _clean(sub_kegiatan=3, kelurahan=1, tables=False)
    kegiatan = data["rencana_program"]["tujuan"][0]["sasaran"][0]["program"][0]["kegiatan"][0]
    code = kegiatan["sub_kegiatan"][0]["kode"]
    years = list(kegiatan["anggaran"])
    kegiatan["sub_kegiatan"] = [{"kode": code, "nama": f"Sub kegiatan {i}", "anggaran": {y: 1000 for y in years}}
                                for i in range(count)]
    return _write(tmp / f"sub-kegiatan-{count}.json", dumps(data))


def _fifty_megabytes(tmp: Path) -> Path:
    data = _clean()
    line = "Lampiran: tabel pendukung yang disalin apa adanya dari dokumen cetak " * 2
    data["x-lampiran"] = [f"{i:07d} {line}" for i in range(50 * 1024 * 1024 // (len(line) + 10))]
    path = _write(tmp / "lima-puluh-mb.json", dumps(data))
    assert path.stat().st_size >= 50 * 1024 * 1024
    return path


def _sparse(tmp: Path) -> Path:
    path = tmp / "terlalu-besar.json"
    with open(path, "wb") as fh:
        fh.truncate(64 * 1024 * 1024 + 1)
    return path


def _symlink_loop(tmp: Path) -> Path:
    (tmp / "a.json").symlink_to("b.json")
    (tmp / "b.json").symlink_to("a.json")
    return tmp / "a.json"


def _dangling_symlink(tmp: Path) -> Path:
    (tmp / "putus.yaml").symlink_to(tmp / "hilang.yaml")
    return tmp / "putus.yaml"


def _glob_over_link_loop(tmp: Path) -> str:
    root = tmp / "rencana"
    root.mkdir()
    _write(root / "plan.json", _plan_text())
    (root / "ini").symlink_to(".")
    (root / "induk").symlink_to("..")
    return str(root / "**" / "*.json")


def _fifo(tmp: Path) -> Path:
    path = tmp / "pipa.json"
    os.mkfifo(path)
    return path


def _empty_dir(tmp: Path) -> Path:
    path = tmp / "kosong"
    path.mkdir()
    return path


def _dir_without_plans(tmp: Path) -> Path:
    path = tmp / "dokumen"
    path.mkdir()
    _write(path / "catatan.txt", "bukan rencana")
    _write(path / "renstra.pdf", b"%PDF-1.4\n")
    return path


def _dir_named_json(tmp: Path) -> Path:
    path = tmp / "rencana.json"
    path.mkdir()
    return path


def _path_through_file(tmp: Path) -> Path:
    _write(tmp / "berkas.json", "{}")
    return tmp / "berkas.json" / "rencana.json"


GENERATED = {
    # encodings
    "utf16-le-bom": lambda t: _write(t / "u16le.json", codecs.BOM_UTF16_LE + _plan_text().encode("utf-16-le")),
    "utf16-be-bom": lambda t: _write(t / "u16be.yaml", codecs.BOM_UTF16_BE + MINIMAL.read_text(encoding="utf-8").encode("utf-16-be")),
    "utf16-le-no-bom": lambda t: _write(t / "u16.json", _plan_text().encode("utf-16-le")),
    "utf16-odd-length": lambda t: _write(t / "u16odd.json", codecs.BOM_UTF16_LE + '{"a": 1}'.encode("utf-16-le") + b"\x00"),
    "utf32-le-bom": lambda t: _write(t / "u32.json", '{"a": 1}'.encode("utf-32")),
    "random-bytes": lambda t: _write(t / "acak.json", random.Random(20240101).randbytes(4096)),
    "random-bytes-yaml": lambda t: _write(t / "acak.yaml", b"a: " + random.Random(7).randbytes(4096)),
    "gzip-named-json": lambda t: _write(t / "rencana.json", gzip.compress(_plan_text().encode(), mtime=0)),
    "png-named-yaml": lambda t: _write(t / "gambar.yaml", b"\x89PNG\r\n\x1a\n" + bytes(range(256))),
    "elf-named-json": lambda t: _write(t / "program.json", b"\x7fELF\x02\x01\x01" + bytes(200)),
    "zero-bytes": lambda t: _write(t / "nol.json", bytes(1024)),
    "ff-bytes": lambda t: _write(t / "ff.yaml", b"\xff" * 64),
    # sizes, depth, counts
    "fifty-megabytes": _fifty_megabytes,
    "over-size-limit": _sparse,
    "sub-kegiatan-100000": lambda t: _flat_sub_kegiatan(t, 100_000),
    "depth-bomb-json": lambda t: _write(t / "dalam.json", "[" * 100_000 + "]" * 100_000),
    "depth-bomb-yaml": lambda t: _write(t / "dalam.yaml", "- " * 100_000 + "x\n"),
    "depth-bomb-object-json": lambda t: _write(t / "dalam-objek.json", '{"a":' * 100_000 + "1" + "}" * 100_000),
    "extension-50-levels": lambda t: _write(t / "x50.json", dumps({**_clean(), "x-catatan": _nested(50, "dasar")})),
    "extension-70-levels": lambda t: _write(t / "x70.json", dumps({**_clean(), "x-catatan": _nested(70, "dasar")})),
    "rincian-chain-20": lambda t: _rincian_chain(t, 20),
    "rincian-chain-50": lambda t: _rincian_chain(t, 50),
    "string-over-limit": lambda t: _write(t / "panjang.json", dumps({**_clean(), "x-teks": "a" * 1_000_001})),
    "key-over-limit": lambda t: _write(t / "kunci.json", dumps({**_clean(), "x-" + "k" * 1_000_001: 1})),
    "array-over-limit": lambda t: _write(t / "daftar.json", dumps({**_clean(), "x-daftar": [0] * 1_000_001})),
    "array-over-limit-yaml": lambda t: _write(t / "daftar.yaml", "x-daftar:\n" + "- 0\n" * 1_000_001),
    "integer-5000-digits": lambda t: _write(t / "digit.json", '{"x-angka": ' + "9" * 5000 + "}"),
    # periods
    "period-1-year": lambda t: _write(t / "satu-tahun.json", _plan_text(years=1)),
    "period-5-years": lambda t: _write(t / "lima-tahun.json", _plan_text(years=5)),
    "period-10-years": lambda t: _write(t / "sepuluh-tahun.json", _plan_text(years=10)),
    # the file system
    "missing-file": lambda t: t / "tidak-ada.json",
    "empty-directory": _empty_dir,
    "directory-without-plans": _dir_without_plans,
    "directory-named-json": _dir_named_json,
    "glob-matching-nothing": lambda t: str(t / "tidak-ada-*.yaml"),
    "symlink-loop": _symlink_loop,
    "dangling-symlink": _dangling_symlink,
    "glob-over-symlink-loop": _glob_over_link_loop,
    "named-pipe": _fifo,
    "device-null": lambda t: Path(os.devnull),
    "path-through-a-file": _path_through_file,
}


# --------------------------------------------------------------------------- running a case


def materialise(case: dict, tmp: Path) -> str:
    """The command-line argument for the case's input."""
    if "file" in case:
        return str(CORPUS / "files" / case["file"])
    if "mutation" in case:
        path = tmp / (Path(case["mutation"]).stem + ".json")
        path.write_text(dump_json(build(CORPUS / "mutations" / case["mutation"])), encoding="utf-8")
        return str(path)
    return str(GENERATED[case["generated"]](tmp))


def _limit_child():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CEILING, MEMORY_CEILING))


def run(args: list[str], in_process: bool = True) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `telaah ARGS`."""
    if in_process:
        result = CliRunner().invoke(main, args)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception  # a crash: let pytest show it
        return result.exit_code, result.stdout, result.stderr
    proc = subprocess.run([sys.executable, "-m", "telaah.cli", *args], capture_output=True, text=True,
                          timeout=PROCESS_TIMEOUT, preexec_fn=_limit_child, stdin=subprocess.DEVNULL)
    return proc.returncode, proc.stdout, proc.stderr


def expected_exits(case: dict) -> tuple[set[int], int]:
    exit_ = case["exit"]
    check = set(exit_) if isinstance(exit_, list) else {exit_}
    return check, case.get("validate", 2 if check == {2} else 0)


def assert_error_lines(lines: list[str], arg: str, case: dict, message: str) -> None:
    """Every line names the file; one of them holds the fragment, at the expected place."""
    assert lines, "no error reported"
    for line in lines:
        assert "\n" not in line and "\r" not in line
        assert line.startswith(arg), f"{line!r} does not start with the file name"
    fragments = message if isinstance(message, list) else [message]
    hits = [line for line in lines if all(fragment in line for fragment in fragments)]
    assert hits, f"no line holds {fragments!r}: {lines}"
    line = hits[0]
    where = re.match(re.escape(arg) + r"(?::(\d+):(\d+))?: ", line)
    assert where, f"{line!r}: no 'FILE[:LINE:COL]: ' prefix"
    at = case.get("at")
    if at == "-":
        assert where.group(1) is None, f"{line!r}: unexpected position"
    elif at is not None:
        assert f"{where.group(1)}:{where.group(2)}" == at, f"{line!r}: expected {at}"
    else:
        assert where.group(1) is not None, f"{line!r}: no line:column"
    if "pointer" in case:
        assert line.endswith(f" ({case['pointer']})"), f"{line!r}: expected pointer {case['pointer']}"


def check_case(case: dict, tmp: Path, lang: str = "id") -> None:
    arg = materialise(case, tmp)
    message = case.get("message" if lang == "id" else "message_en")
    check_exits, validate_exit = expected_exits(case)
    in_process = not case.get("process", False)
    lang_args = ["--lang", "en"] if lang == "en" else []
    commands = case.get("commands", ["check", "validate"])

    if "check" in commands:
        code, out, err = run(["check", "--format", "json", *lang_args, arg], in_process)
        assert "Traceback" not in out + err, err
        assert code in check_exits, f"check exit {code}, expected {sorted(check_exits)}: {out[-2000:]} {err[-2000:]}"
        report = json.loads(out)
        errors = [e for f in report["files"] for e in f["errors"]]
        if check_exits == {2}:
            assert_error_lines(errors, arg, case, message)
        else:
            assert errors == []
        if "finding" in case:  # a finding of this rule at the pointer, located in the file
            found = [f for file in report["files"] for f in file["findings"]
                     if f["code"] == case["finding"] and f["pointer"] == case["pointer"]]
            assert found and found[0]["line"] is not None, report["files"][0]["findings"]

    if "validate" in commands:
        code, out, err = run(["validate", *lang_args, arg], in_process)
        assert "Traceback" not in out + err, err
        assert code == validate_exit, f"validate exit {code}, expected {validate_exit}: {out[-2000:]}"
        lines = out.splitlines()
        if validate_exit == 2:
            assert_error_lines(lines, arg, case, message)
        else:  # a pattern names the one file it matches (a link loop must not multiply it)
            (line,) = lines
            name, _, verdict = line.rpartition(": ")
            assert verdict == ("sah" if lang == "id" else "valid")
            assert name == arg or (any(c in arg for c in "*?[") and Path(name).is_file())


CASES = {case["case"]: case for case in MANIFEST}


@pytest.mark.parametrize("name", list(CASES))
def test_case(name, tmp_path):
    check_case(CASES[name], tmp_path)


@pytest.mark.parametrize("name", [n for n, c in CASES.items() if "message_en" in c])
def test_case_in_english(name, tmp_path):
    check_case(CASES[name], tmp_path, lang="en")


# --------------------------------------------------------------------------- the corpus itself


def test_manifest_is_complete_and_consistent():
    names = [c["case"] for c in MANIFEST]
    assert len(names) == len(set(names)), "case names repeat"
    assert len(MANIFEST) >= 150
    sources = [(k, c[k]) for c in MANIFEST for k in ("file", "mutation", "generated") if k in c]
    assert len(sources) == len(MANIFEST), "every case has exactly one source"
    files = {p.name for p in (CORPUS / "files").iterdir()}
    mutations = {p.name for p in (CORPUS / "mutations").glob("*.yaml")}
    assert {v for k, v in sources if k == "file"} == files, "every committed file is a case, every case file exists"
    assert {v for k, v in sources if k == "mutation"} == mutations
    assert {v for k, v in sources if k == "generated"} == set(GENERATED)
    for case in MANIFEST:
        check_exits, _ = expected_exits(case)
        assert check_exits <= {0, 1, 2} and (check_exits == {2}) == ("message" in case), case["case"]
        assert ("finding" in case) <= (check_exits == {1} and "pointer" in case), case["case"]
    # every kind of input the robustness brief lists has at least one case
    listed = {"empty", "whitespace", "bom", "utf16", "latin1", "random-bytes", "truncated", "trailing-comma",
              "duplicate", "nan", "infinity", "rp-thousands", "decimal-comma", "rp-negative", "decimals",
              "rp-1e20", "year", "period", "empty-tujuan", "rincian-chain", "extension-50", "sub-kegiatan-100000",
              "fifty-megabytes", "alias", "python", "directory", "missing-file", "symlink-loop"}  # unreadable: below
    missing = {word for word in listed if not any(word in n for n in names)}
    assert missing == set()


@pytest.mark.parametrize("name", ["random-bytes", "gzip-named-json", "utf16-le-bom", "rincian-chain-20"])
def test_generated_inputs_are_the_same_bytes_every_time(name, tmp_path):
    first, second = tmp_path / "1", tmp_path / "2"
    first.mkdir()
    second.mkdir()
    assert GENERATED[name](first).read_bytes() == GENERATED[name](second).read_bytes()


# --------------------------------------------------------------------------- an unreadable file

DROP_AND_RUN = """
import importlib, os, pkgutil, sys
from click.testing import CliRunner
import telaah
from telaah.cli import main
# import every module while still allowed to read them (the checkout may sit in a folder
# `nobody` cannot enter, and some modules are imported only on an error path)
for module in pkgutil.walk_packages(telaah.__path__, "telaah."):
    importlib.import_module(module.name)
warm, target = sys.argv[1], sys.argv[2]
for command in ("validate", "check"):  # import everything while still allowed to read it
    CliRunner().invoke(main, [command, warm])
os.setgid(65534)
os.setuid(65534)
for command in (["validate", target], ["check", "--format", "json", target]):
    result = CliRunner().invoke(main, command)
    print(result.exit_code)
    print(result.stdout.replace(chr(10), " "))
"""


def test_unreadable_file(tmp_path):
    """A file its reader may not open. Tests run as root, whom permissions do not stop: then the
    child process drops to the `nobody` user (uid 65534) after importing everything it needs."""
    if os.geteuid() != 0:
        plan = tmp_path / "rahasia.json"
        plan.write_text(_plan_text(), encoding="utf-8")
        plan.chmod(0)
        try:
            plan.read_bytes()
        except PermissionError:
            pass
        else:
            pytest.skip("this user can read a file with mode 000 (a capability overrides permissions)")
        codes_and_outputs = [run(["validate", str(plan)])[:2], run(["check", "--format", "json", str(plan)])[:2]]
    else:
        folder = Path(tempfile.mkdtemp(prefix="telaah-terkunci-"))  # under /tmp: `nobody` can reach it
        try:
            folder.chmod(0o755)
            plan = folder / "rahasia.json"
            plan.write_text(_plan_text(), encoding="utf-8")
            plan.chmod(0)
            proc = subprocess.run([sys.executable, "-c", DROP_AND_RUN, str(MINIMAL), str(plan)],
                                  capture_output=True, text=True, timeout=300)
        finally:
            shutil.rmtree(folder)
        assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
        lines = proc.stdout.splitlines()
        codes_and_outputs = [(int(lines[0]), lines[1]), (int(lines[2]), lines[3])]
    (validate_code, validate_out), (check_code, check_out) = codes_and_outputs
    assert validate_code == 2 and check_code == 2
    assert validate_out.strip() == f"{plan}: berkas tidak dapat dibaca (izin ditolak)"
    assert json.loads(check_out)["files"][0]["errors"] == [f"{plan}: berkas tidak dapat dibaca (izin ditolak)"]


# --------------------------------------------------------------------------- limits from the configuration


@pytest.mark.parametrize("limits, fragment", [
    ("max-file-bytes = 1000", "berkas terlalu besar: {size} byte, batas 1000 byte"),
    ("max-depth = 3", "struktur bersarang terlalu dalam (lebih dari 3 tingkat)"),
    ("max-string-chars = 20", "string terlalu panjang (lebih dari 20 karakter)"),
    ("max-rows = 3", "Tabel 6.1 terlalu besar"),
    ("max-deep = 3", "'limits' menerima max-alias-nodes, max-array-items, max-depth"),
    ("max-depth = 0", "masing-masing bilangan bulat ≥ 1"),
])
def test_limits_come_from_the_configuration(tmp_path, limits, fragment):
    """`[limits]` in telaah.toml sets the bounds for `telaah check` and `telaah validate` alike."""
    plan = tmp_path / "rencana.yaml"
    plan.write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "telaah.toml").write_text(f"[limits]\n{limits}\n", encoding="utf-8")
    fragment = fragment.format(size=plan.stat().st_size)
    check_code, out, err = run(["check", "--format", "json", str(plan)])
    validate_code, lines, _ = run(["validate", str(plan)])
    assert check_code == validate_code == 2
    if "limits" in fragment or "≥ 1" in fragment:  # the configuration itself is wrong: one line naming it
        assert fragment in err and err.count("\n") == 1 and err.startswith(str(tmp_path / "telaah.toml"))
        assert lines.startswith(str(tmp_path / "telaah.toml")) and fragment in lines
    else:
        assert any(fragment in e for e in json.loads(out)["files"][0]["errors"])
        assert fragment in lines and lines.startswith(str(plan))
