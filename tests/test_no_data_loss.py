"""No data loss: no command changes a file it reads (bytes, modification time, mode); reports are
written beside their target and renamed into place, so a run that fails, is interrupted or is
killed while writing leaves each report either as it was or complete; a report is never written
over a file being checked."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from telaah.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
PAST = (1_000_000_000, 1_000_000_000)  # 2001-09-09: any write would move the mtime off it
FORMATS = ["text", "json", "sarif", "junit", "github", "markdown", "html"]


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """Copies of the sample inputs (plans, survey, LKE, a rule pack, a configuration), aged."""
    folder = tmp_path / "masukan"
    folder.mkdir()
    for name in ("minimal.yaml", "renstra-pandaan-2024-2026.json", "survei-ikm-pandaan.csv", "lke-sakip.yaml"):
        shutil.copy(SAMPLES / name, folder / name)
    shutil.copytree(SAMPLES / "rules-kabupaten", folder / "aturan")
    (folder / "rusak.json").write_text('{"versi_format": "1",', encoding="utf-8")
    (folder / "telaah.toml").write_text('lang = "en"\nfail-on = "warning"\n', encoding="utf-8")
    for path in folder.rglob("*"):
        os.utime(path, PAST)
    return folder


def snapshot(folder: Path) -> dict:
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None, p.stat().st_mtime_ns, p.stat().st_mode)
            for p in sorted(folder.rglob("*"))}


# name -> (exit code, arguments); {d} is the folder of inputs, {o} a folder for reports
COMMANDS = {
    **{f"check-{fmt}": (1, ["check", "--format", fmt, "{d}/minimal.yaml", "{d}/renstra-pandaan-2024-2026.json"]) for fmt in FORMATS},
    "check-outputs": (1, ["check", "{d}/renstra-pandaan-2024-2026.json", *[f"--output={f}={{o}}/laporan.{f}" for f in FORMATS]]),
    "check-folder-config-pack": (2, ["check", "--config", "{d}/telaah.toml", "--rules", "{d}/aturan", "{d}"]),
    "check-workers": (2, ["check", "-j", "2", "{d}/minimal.yaml", "{d}/renstra-pandaan-2024-2026.json", "{d}/rusak.json"]),
    "check-show-config": (0, ["check", "--show-config", "{d}/minimal.yaml"]),
    "validate": (2, ["validate", "{d}"]),
    "validate-json": (2, ["validate", "--format", "json", "{d}/minimal.yaml", "{d}/rusak.json"]),
    "ikm": (0, ["ikm", "--format", "json", "{d}/survei-ikm-pandaan.csv"]),
    "sakip": (0, ["sakip", "--format", "json", "{d}/lke-sakip.yaml"]),
    "rules-with-pack": (0, ["rules", "--rules", "{d}/aturan"]),
    "explain": (0, ["explain", "ANG001"]),
    "schema": (0, ["schema"]),
}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_leaves_its_inputs_untouched(name, inputs, tmp_path):
    outputs = tmp_path / "keluaran"
    outputs.mkdir()
    exit_code, template = COMMANDS[name]
    args = [a.format(d=inputs, o=outputs) for a in template]
    before = snapshot(inputs)
    result = CliRunner().invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == exit_code, result.output[-3000:]
    assert snapshot(inputs) == before
    if name == "check-outputs":
        assert sorted(p.name for p in outputs.iterdir()) == sorted(f"laporan.{f}" for f in FORMATS)


def test_a_report_is_never_written_over_a_file_being_checked(inputs):
    plan = inputs / "minimal.yaml"
    before = snapshot(inputs)
    for target in (plan, inputs / "." / "minimal.yaml"):
        result = CliRunner().invoke(main, ["check", str(plan), "--output", f"json={target}"])
        assert result.exit_code == 2
        assert result.output == f"{target}: tidak dapat menulis keluaran (berkas itu adalah masukan yang diperiksa)\n"
    link = inputs.parent / "tautan.json"
    link.symlink_to(plan)
    result = CliRunner().invoke(main, ["check", "--lang", "en", str(plan), "--output", f"sarif={link}"])
    assert result.exit_code == 2 and "that file is one of the inputs" in result.output
    config = CliRunner().invoke(main, ["check", "--config", str(inputs / "telaah.toml"), str(plan),
                                       "--output", f"json={inputs / 'telaah.toml'}"])
    assert config.exit_code == 2
    assert snapshot(inputs) == before


def test_an_interrupt_while_writing_keeps_the_old_report_and_leaves_nothing_behind(inputs, tmp_path, monkeypatch):
    outputs = tmp_path / "keluaran"
    outputs.mkdir()
    report = outputs / "laporan.json"
    report.write_text("laporan lama", encoding="utf-8")

    def interrupted(fd):
        raise KeyboardInterrupt  # Ctrl-C after the new text is written, before it is renamed

    monkeypatch.setattr(os, "fsync", interrupted)
    CliRunner().invoke(main, ["check", str(inputs / "minimal.yaml"), "--output", f"json={report}"])
    assert report.read_text(encoding="utf-8") == "laporan lama"
    assert [p.name for p in outputs.iterdir()] == ["laporan.json"]


KILL_WHILE_WRITING = """
import os, signal, sys
from telaah.cli import main
real_write = os.fdopen
calls = []

def fdopen(fd, *args, **kwargs):
    handle = real_write(fd, *args, **kwargs)
    calls.append(fd)
    if len(calls) == int(sys.argv[1]):  # the n-th report: die half-way through writing it
        real = handle.write
        def write(text):
            real(text[: len(text) // 2])
            handle.flush()
            os.kill(os.getpid(), signal.SIGKILL)
        handle.write = write
    return handle

os.fdopen = fdopen
main(sys.argv[2:])
"""


@pytest.mark.parametrize("killed_at", [1, 2, 3])
def test_a_process_killed_while_writing_leaves_each_report_old_or_whole(inputs, tmp_path, killed_at):
    """A real process, killed (SIGKILL: nothing can be cleaned up) half-way through writing its
    n-th report: every report is either the old one or complete; the half-written text exists
    only in a hidden temporary file beside it."""
    plan = inputs / "renstra-pandaan-2024-2026.json"
    outputs = tmp_path / "keluaran"
    outputs.mkdir()
    names = ["laporan.json", "laporan.sarif", "laporan.html"]
    for name in names:
        (outputs / name).write_text("lama", encoding="utf-8")
    args = ["check", str(plan), *[f"--output={n.split('.')[1]}={outputs / n}" for n in names]]
    proc = subprocess.run([sys.executable, "-c", KILL_WHILE_WRITING, str(killed_at), *args],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    reference = tmp_path / "acuan"
    reference.mkdir()
    done = CliRunner().invoke(main, [*args[:2], *[f"--output={n.split('.')[1]}={reference / n}" for n in names]])
    assert done.exit_code == 1
    for index, name in enumerate(names, start=1):
        text = (outputs / name).read_text(encoding="utf-8")
        if index < killed_at:
            assert text == (reference / name).read_text(encoding="utf-8")
        else:
            assert text == "lama"
    leftovers = sorted(p.name for p in outputs.iterdir() if p.name not in names)
    assert len(leftovers) == 1 and leftovers[0].startswith(f".{names[killed_at - 1]}.") and leftovers[0].endswith(".tmp")
