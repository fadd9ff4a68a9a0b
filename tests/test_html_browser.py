"""The HTML report in a real headless Chromium: it loads with no console messages and no network
requests, its own script runs and a planted one does not, and the screenshot is not blank.

Console messages are read from Chromium's log (`--enable-logging=stderr`); network requests
from its net log (`--log-net-log`), keeping the requests the page made (its network isolation
key is the page's file:// site) apart from the browser's own background traffic.
"""
from __future__ import annotations

import json
import shutil
import struct
import subprocess
import zlib
from collections import Counter
from pathlib import Path

import pytest

from telaah.engine.reporters import render
from test_reporters import RULES, results, sample

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (Debian package `chromium`), so the HTML report "
    "cannot be loaded in a browser here")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--enable-logging=stderr", "--v=0"]
# A script planted in the plan's strings: if it ever ran, it would mark the page.
PLANTED = "<script>document.documentElement.dataset.pwned='1'</script>"


def browse(tmp_path: Path, page: Path, *args: str) -> tuple[str, str, list[str]]:
    """Open `page`; return the dumped DOM or "", the console messages and the page's requests."""
    run_dir = tmp_path / f"run-{len(list(tmp_path.glob('run-*')))}"
    run_dir.mkdir()
    netlog = run_dir / "net.json"
    proc = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={run_dir / 'profile'}", f"--log-net-log={netlog}", *args,
         page.as_uri()],
        capture_output=True, text=True, timeout=180, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stderr[-2000:]
    console = [line for line in proc.stderr.splitlines() if ":CONSOLE" in line]
    return proc.stdout, "\n".join(console), page_requests(netlog)


def page_requests(netlog: Path) -> list[str]:
    text = netlog.read_text(encoding="utf-8").rstrip().rstrip(",")
    try:
        log = json.loads(text)
    except json.JSONDecodeError:  # a log cut short lacks its closing brackets
        log = json.loads(text + "]}")
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return [e["params"]["url"] for e in log["events"]
            if e["type"] == start and str(e.get("params", {}).get("network_isolation_key", "")).startswith("file://")]


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit RGB/RGBA PNG (what Chromium writes) into rows of pixel bytes."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, header
    bpp = 3 if colour == 2 else 4
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytes(width * bpp)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, bpp, rows


def write_report(tmp_path: Path, lang: str = "id") -> Path:
    hostile = sample(path=f"plans/{PLANTED}.yaml")
    hostile.summary["document"]["perangkat_daerah"] = PLANTED
    hostile.summary["indicators"][0]["name"] = PLANTED
    hostile.summary["budget"][0]["name"] = PLANTED
    page = tmp_path / "laporan.html"
    page.write_text(render("html", [hostile, *results()], RULES, lang=lang), encoding="utf-8")
    return page


def test_report_loads_clean_offline_and_only_its_own_script_runs(tmp_path):
    dom, console, requests = browse(tmp_path, write_report(tmp_path), "--dump-dom")
    assert 'data-ready="1"' in dom  # the report's script ran
    assert "data-pwned" not in dom  # the planted one did not
    assert console == ""
    assert requests == []


def test_the_checks_catch_a_page_that_misbehaves(tmp_path):
    """The detectors above are not blind: a page with an error and a remote image trips both."""
    page = tmp_path / "buruk.html"
    page.write_text('<!DOCTYPE html><html><body><img src="https://example.invalid/x.png">'
                    "<script>undefinedFunction()</script></body></html>", encoding="utf-8")
    _, console, requests = browse(tmp_path, page, "--dump-dom")
    assert "undefinedFunction" in console
    assert requests == ["https://example.invalid/x.png"]


def test_screenshot_is_not_blank(tmp_path):
    shot = tmp_path / "laporan.png"
    _, console, _ = browse(tmp_path, write_report(tmp_path, "en"), f"--screenshot={shot}", "--window-size=900,700")
    assert console == ""
    width, bpp, rows = png_pixels(shot.read_bytes())
    pixels = Counter(row[i:i + 3] for row in rows for i in range(0, width * bpp, bpp))
    ((_, count),) = pixels.most_common(1)
    assert len(pixels) > 20, f"screenshot has only {len(pixels)} colours"
    assert sum(pixels.values()) - count > sum(pixels.values()) // 10  # over a tenth is not background
