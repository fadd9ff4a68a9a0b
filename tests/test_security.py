"""Security: nothing in a plan, a configuration or a rule pack runs as code, names a file the
engine then reads or writes, reaches the network, or shapes what the rule engine is given; a
hostile rule pack is refused at load in a bounded time; the HTML report keeps every string of a
plan inert.

Complements tests/test_corpus.py (every YAML tag is refused), tests/test_registry.py (rule lint
one problem at a time) and tests/test_html_browser.py (planted strings in a report built from
hand-made results); here every attack goes through the real command line and pipeline.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from telaah.cli import main
from telaah.engine import adapter
from telaah.engine.config import Config
from telaah.engine.factkinds import MAX_FIELDS, MAX_INT, MAX_TEXT, fact_kinds
from telaah.engine.facts import Context, build_facts
from telaah.engine.validate import read_plan

HERE = Path(__file__).parent
ROOT = HERE.parent
MINIMAL = ROOT / "samples" / "minimal.yaml"
sys.path.insert(0, str(HERE / "rules"))
sys.path.insert(0, str(ROOT))
from benchmarks.generate import Spec, dumps, generate  # noqa: E402
from engine_fixtures.helpers import rule_yaml, write_rule  # noqa: E402
from harness import load_data  # noqa: E402

SUB = "/rencana_program/tujuan/0/sasaran/0/program/0/kegiatan/0/sub_kegiatan/0"


def invoke(*args) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def plan_file(tmp_path: Path, data: dict, name: str = "rencana.json") -> Path:
    path = tmp_path / name
    path.write_text(dumps(data), encoding="utf-8")
    return path


def minimal() -> dict:
    return load_data(MINIMAL)


# --------------------------------------------------------------------------- no code runs


@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/new:subprocess.check_call [['touch', '{marker}']]",
    "!!python/object/apply:builtins.exec ['open(\"{marker}\", \"w\")']",
])
def test_yaml_tags_in_a_plan_run_nothing(tmp_path, tag):
    marker = tmp_path / "dijalankan"
    text = MINIMAL.read_text(encoding="utf-8").replace("judul: Rencana", f"judul: {tag.format(marker=marker)}\n  x-judul: Rencana", 1)
    plan = tmp_path / "rencana.yaml"
    plan.write_text(text, encoding="utf-8")
    for command in ("validate", "check"):
        code, out = invoke(command, plan)
        assert code == 2 and "tag YAML tidak diperbolehkan" in out
    assert not marker.exists()


def test_a_rule_pack_runs_nothing_and_its_templates_reach_no_python_object(tmp_path):
    marker = tmp_path / "dijalankan"
    pack = tmp_path / "paket"
    (pack / "anggaran").mkdir(parents=True)
    (pack / "anggaran" / "KAB101.yaml").write_text(f"code: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    write_rule(pack / "anggaran", "KAB102", "rp_tahun", "{$gt: {declared: 0}}", message="{row.__class__.__mro__}")
    write_rule(pack / "anggaran", "KAB103", "rp_tahun", "{$gt: {declared: 0}}", message="{declared.__globals__}")
    for args in (["check", "--rules", pack, MINIMAL], ["rules", "--rules", pack]):
        code, out = invoke(*args)
        assert code == 2
        lines = out.splitlines()
        assert any(l.startswith(str(pack / "anggaran" / "KAB101.yaml")) and "tag YAML tidak diperbolehkan" in l for l in lines)
        assert any(l.startswith(str(pack / "anggaran" / "KAB102.yaml")) and "KAB102:" in l for l in lines)
        assert any(l.startswith(str(pack / "anggaran" / "KAB103.yaml")) and "KAB103:" in l for l in lines)
    assert not marker.exists()


def test_plan_text_that_looks_like_a_template_is_printed_as_written(tmp_path):
    """A tujuan's label is its name; a finding about it quotes the name as written, braces and all."""
    data = minimal()
    odd = "Tujuan {declared} {0.__class__} {row!r} %s"
    tujuan = data["rencana_program"]["tujuan"][0]
    tujuan["nama"] = odd
    tujuan["anggaran"]["2024"] += 1  # its rows no longer add up to it: a finding that names it
    code, out = invoke("check", "--format", "json", plan_file(tmp_path, data))
    messages = [f["message"] for f in json.loads(out)["files"][0]["findings"] if f["code"] == "ANG001"]
    assert code == 1 and messages and all(odd in m for m in messages), messages


def test_the_configuration_names_no_file(tmp_path):
    """The nomenclature is chosen by name from those shipped, never by path."""
    (tmp_path / "telaah.toml").write_text('nomenclature = "../../../../etc/passwd"\n', encoding="utf-8")
    plan = tmp_path / "rencana.yaml"
    plan.write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    code, out = invoke("check", plan)
    assert code == 2
    (line,) = out.splitlines()
    assert line.startswith(str(tmp_path / "telaah.toml")) and "root:" not in out


# --------------------------------------------------------------------------- no reads, writes, network

AUDIT = """
import json, os, sys
events = []
watched = ("open", "socket.", "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "urllib.Request",
           "os.remove", "os.rename", "os.replace", "os.mkdir", "shutil.")
def hook(event, args):
    if event.startswith(watched):
        events.append([event, [a if isinstance(a, (str, int)) else str(a) for a in args[:3]]])
sys.addaudithook(hook)
from telaah.cli import main
try:
    main(sys.argv[2:])
except SystemExit as exc:
    code = exc.code
seen = list(events)  # not the writing of this record
with open(sys.argv[1], "w") as fh:
    json.dump({"code": code, "events": seen}, fh)
"""

PLANTED_PATHS = ["/etc/passwd", "/etc/shadow", "../../../../etc/hostname", "file:///etc/issue", "~/.ssh/id_rsa",
                 "\\\\server\\share\\x.json", "http://127.0.0.1:9/rencana.json", "/dev/zero", "/proc/self/environ"]


def test_paths_in_a_plan_are_never_opened_and_nothing_reaches_the_network(tmp_path):
    data, _ = generate(Spec(defects=1, seed=5))
    data["$schema"] = PLANTED_PATHS[0]
    data["dokumen"]["dasar_hukum"] = PLANTED_PATHS
    data["x-sertakan"] = {"berkas": PLANTED_PATHS[1], "url": PLANTED_PATHS[6]}
    rows = [data["rencana_program"]["tujuan"][0], data["rencana_program"]["tujuan"][0]["sasaran"][0]]
    for row, path in zip(rows, PLANTED_PATHS[2:]):
        row["nama"], row["lokasi"], row["unit_kerja"] = path, path, path
    plan = plan_file(tmp_path, data)
    outputs = tmp_path / "keluaran"
    outputs.mkdir()
    record = tmp_path / "audit.json"
    args = ["check", str(plan), "--output", f"html={outputs / 'laporan.html'}", "--output", f"sarif={outputs / 'laporan.sarif'}"]
    env = {**os.environ, "TELAAH_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.run([sys.executable, "-c", AUDIT, str(record), *args], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    audit = json.loads(record.read_text(encoding="utf-8"))
    assert audit["code"] == 1
    events = audit["events"]
    allowed = (str(outputs) + os.sep, str(tmp_path / "cache"))
    file_events = ("os.mkdir", "os.replace", "os.rename", "os.remove")
    assert [e for e in events if e[0] != "open" and e[0] not in file_events] == []  # no network, no process, …
    assert [e for e in events if e[0] in file_events and not str(e[1][0]).startswith(allowed)] == []
    opened = [e[1][0] for e in events if e[0] == "open" and isinstance(e[1][0], str)]
    assert str(plan) in opened  # the hook saw the reads
    planted = [p for p in opened if any(frag in p for frag in ("passwd", "shadow", "hostname", "issue", "ssh", "server",
                                                               "127.0.0.1", "/dev/zero", "environ"))]
    assert planted == []
    # open(path, mode, flags): a mode with w/a/x/+ or flags with O_WRONLY/O_RDWR write (descriptors: opened before)
    writes = [path for event, (path, mode, flags) in events if event == "open" and isinstance(path, str)
              and ((isinstance(mode, str) and any(c in mode for c in "wax+"))
                   or (isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR)))]
    assert [w for w in writes if not w.startswith(allowed)] == []
    assert sorted(p.name for p in outputs.iterdir()) == ["laporan.html", "laporan.sarif"]


# --------------------------------------------------------------------------- bounded facts


def engine_batches(monkeypatch) -> list[str]:
    """Every batch of facts handed to durable-rules from now on (the JSON text it parses)."""
    batches: list[str] = []
    real = adapter.durable_rules_engine.assert_facts

    def spy(handle, batch):
        batches.append(batch)
        return real(handle, batch)

    monkeypatch.setattr(adapter.durable_rules_engine, "assert_facts", spy)
    return batches


def assert_bounded(batches: list[str]) -> int:
    """Every fact the engine was given has only its kind's fields, short strings and numbers in
    range; returns how many facts there were."""
    kinds = fact_kinds()
    count = 0
    for batch in batches:
        for fact in json.loads(batch, parse_float=Decimal):
            count += 1
            assert len(fact) <= MAX_FIELDS + 2
            kind = fact["kind"]
            if kind in kinds:
                assert set(fact) <= set(kinds[kind].fields) | {"id", "sid"}
            for value in fact.values():
                if isinstance(value, str):
                    assert len(value) <= MAX_TEXT
                elif isinstance(value, int) and not isinstance(value, bool):
                    assert -MAX_INT <= value <= MAX_INT
                elif isinstance(value, Decimal):
                    assert len(value.normalize().as_tuple().digits) <= 15
                else:
                    assert value is None or isinstance(value, bool), value
    return count


def test_a_plan_with_300_field_objects_and_a_long_name_reaches_the_engine_as_bounded_facts(tmp_path, monkeypatch):
    data = minimal()
    wide = {f"kolom_{i}": i for i in range(300)}
    long_name = "Pembangunan Sarana " + "sangat panjang " * 66_000  # about 990 000 characters: under the string limit
    data["x-lampiran"] = wide
    tujuan = data["rencana_program"]["tujuan"][0]
    tujuan["x-rincian"] = wide
    tujuan["sasaran"][0]["program"][0]["kegiatan"][0]["sub_kegiatan"][0]["nama"] = long_name
    plan = plan_file(tmp_path, data)
    batches = engine_batches(monkeypatch)
    code, out = invoke("check", "--format", "json", plan)
    assert code in (0, 1) and json.loads(out)["files"][0]["errors"] == []
    assert assert_bounded(batches) > 0
    facts = build_facts(read_plan(str(plan)).plan, Context(Config(), str(plan)))
    assert max(len(f) for f in facts) <= MAX_FIELDS  # (strings stay whole here, for messages; the engine gets MAX_TEXT)


def test_an_object_with_300_unknown_fields_is_refused_one_line_each(tmp_path):
    data = minimal()
    data["rencana_program"]["tujuan"][0].update({f"kolom_{i}": i for i in range(300)})
    plan = plan_file(tmp_path, data)
    for command in ("validate", "check"):
        code, out = invoke(command, plan)
        assert code == 2
        unknown = [l for l in out.splitlines() if 'kunci tidak dikenal "kolom_' in l]
        assert len(unknown) == 300


def test_a_ten_megabyte_name_is_refused(tmp_path, monkeypatch):
    data = minimal()
    data["rencana_program"]["tujuan"][0]["nama"] = "T" * 10 * 1024 * 1024
    plan = plan_file(tmp_path, data)
    batches = engine_batches(monkeypatch)
    code, out = invoke("check", "--format", "json", plan)
    assert code == 2 and batches == []
    (error,) = json.loads(out)["files"][0]["errors"]
    assert "string terlalu panjang" in error and error.endswith("(/rencana_program/tujuan/0/nama)")


def test_a_million_rows_are_refused_in_bounded_time_and_memory(tmp_path):
    data, _ = generate(Spec(sub_kegiatan=3, kelurahan=1, tables=False))
    kegiatan = data["rencana_program"]["tujuan"][0]["sasaran"][0]["program"][0]["kegiatan"][0]
    kegiatan["sub_kegiatan"] = [{"kode": kegiatan["sub_kegiatan"][0]["kode"], "nama": "S"} for _ in range(1_000_000)]
    plan = plan_file(tmp_path, data)
    ceiling = "import resource; resource.setrlimit(resource.RLIMIT_AS, (3 * 1024**3,) * 2); "
    proc = subprocess.run([sys.executable, "-c", ceiling + "from telaah.cli import main; main()", "check", "--format", "json",
                           str(plan)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 2, proc.stderr[-2000:]
    (error,) = json.loads(proc.stdout)["files"][0]["errors"]
    assert re.search(r"Tabel 6\.1 terlalu besar: 1000009 baris, batas \d+ \(/rencana_program\)$", error)


# --------------------------------------------------------------------------- hostile rule packs

HOSTILE = {
    "join-durable-style": "{all: [{m: {kind: rp_tahun}}, {c: {$lt: {declared: {m: declared}}}}]}",
    "join-other-fact": "{$lt: {declared: {$c: expected}}}",
    "join-dotted-field": "{$lt: {declared: {$m: other.declared}}}",
    "empty-condition": "{}",
    "empty-and": "{$and: []}",
    "empty-or-member": "{$or: [{}]}",
    "null-condition": "null",
    "python-tag": "!!python/object/apply:os.getcwd []",
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_rule_pack_is_refused_at_load_in_a_real_process(tmp_path, name):
    pack = tmp_path / "paket" / "anggaran"
    pack.mkdir(parents=True)
    (pack / "KAB201.yaml").write_text(rule_yaml("KAB201", "rp_tahun", HOSTILE[name]), encoding="utf-8")
    write_rule(pack, "KAB202", "rp_tahun", "{$gt: {declared: 0}}")  # a good rule beside it: the pack is refused whole
    proc = subprocess.run([sys.executable, "-m", "telaah.cli", "check", "--rules", str(tmp_path / "paket"), str(MINIMAL)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stdout + proc.stderr
    lines = (proc.stdout + proc.stderr).splitlines()
    assert lines and all(l.startswith(str(pack / "KAB201.yaml")) for l in lines), lines
    assert all("KAB201" in l or "tag" in l for l in lines), lines


def test_six_hundred_rules_on_one_fact_kind_load_and_run_in_a_real_process(tmp_path):
    """600 rules that all start with the same test (the fact kind) — more than the 512 that make
    durable-rules loop forever in one ruleset: the adapter splits them, every one fires."""
    pack = tmp_path / "paket" / "anggaran"
    for i in range(600):
        write_rule(pack, f"KAB{i:03d}", "rp_tahun", f"{{$gt: {{declared: {i}}}}}", extra="tags: [uji]\n")
    code = ("import json, sys; from telaah.cli import main; main()")
    proc = subprocess.run([sys.executable, "-c", code, "check", "--format", "json", "--rules", str(tmp_path / "paket"),
                           str(MINIMAL)], capture_output=True, text=True, timeout=600)
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert proc.returncode == 1, proc.stderr[-2000:]
    findings = json.loads(proc.stdout)["files"][0]["findings"]
    plan = read_plan(str(MINIMAL)).plan
    rp_cells = [f for f in build_facts(plan, Context(Config(), str(MINIMAL))) if f["kind"] == "rp_tahun" and f["declared"] > 599]
    assert len([f for f in findings if f["code"].startswith("KAB")]) == 600 * len(rp_cells) > 0


# --------------------------------------------------------------------------- the HTML report

PLANTED = "<script>document.documentElement.dataset.pwned='1'</script>"
ATTRIBUTE = "\"><img src=x onerror=\"document.documentElement.dataset.pwned='2'\">"


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts = 0
        self.handlers: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.scripts += tag == "script"
        self.handlers += [name for name, _ in attrs if name.startswith("on")]


def hostile_report(tmp_path: Path) -> Path:
    data, _ = generate(Spec(defects=1, seed=11))
    data["dokumen"]["perangkat_daerah"] = PLANTED
    data["dokumen"]["judul"] = ATTRIBUTE
    data["wilayah"]["kecamatan"] = PLANTED
    for tujuan in data["rencana_program"]["tujuan"]:
        tujuan["nama"] = PLANTED
        for sasaran in tujuan["sasaran"]:
            sasaran["nama"] = ATTRIBUTE
            for program in sasaran["program"]:
                program["nama"] = PLANTED  # differs from the nomenclature: quoted in a finding
                program["indikator"][0]["nama"] = ATTRIBUTE
    plan = plan_file(tmp_path, data, name="rencana <img src=x onerror=alert(1)>.json")
    page = tmp_path / "laporan.html"
    code, _ = invoke("check", plan, "--output", f"html={page}")
    assert code == 1
    return page


def test_plan_strings_in_the_html_report_are_escaped(tmp_path):
    text = hostile_report(tmp_path).read_text(encoding="utf-8")
    elements = _Elements()
    elements.feed(text)
    assert elements.scripts == 1  # the report's own
    assert elements.handlers == []
    assert PLANTED not in text and "&lt;script&gt;" in text and "&lt;img src=x onerror=alert(1)&gt;" in text


def test_plan_strings_in_the_html_report_are_inert_in_chromium(tmp_path):
    import test_html_browser as browser

    if browser.CHROMIUM is None:
        pytest.skip("Chromium is not installed (Debian package `chromium`), so the report cannot be loaded in a browser")
    dom, console, requests = browser.browse(tmp_path, hostile_report(tmp_path), "--dump-dom")
    assert 'data-ready="1"' in dom  # the report's own script ran
    assert "data-pwned" not in dom  # nothing planted did
    assert console == "" and requests == []
