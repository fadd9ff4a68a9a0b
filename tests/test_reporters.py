"""Reporters and atomic output, on synthetic results shaped like the Pandaan plan's findings.

Snapshots of every format live in tests/snapshots/; regenerate them after a reviewed change with
`UPDATE_SNAPSHOTS=1 python -m pytest -q tests/test_reporters.py`.
"""
from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from telaah.engine.findings import FileResult, Finding, Source
from telaah.engine.output import OutputError, write_atomic
from telaah.engine.reporters import FORMATS, format_value, group_by_table, render
from telaah.engine.reporters.github import escape_data, escape_property
from telaah.engine.reporters.markdown import md

ROOT = Path(__file__).parents[1]
SNAPSHOTS = Path(__file__).parent / "snapshots"
SARIF_SCHEMA = Path(__file__).parents[1] / ".." / "shared" / "testdata" / "sarif-schema-2.1.0.json"
EXTENSIONS = {"text": "txt", "json": "json", "sarif": "sarif", "junit": "xml", "github": "txt",
              "markdown": "md", "html": "html"}
PLAN = "plans/pandaan.yaml"
PROGRAM = "/rencana_program/tujuan/0/sasaran/1/program/0"


@dataclass(frozen=True)
class Rule:
    """Stand-in for the registry's Rule: the attributes reporters read."""

    code: str
    name: str
    severity: str
    category: str
    weight: int = 1
    enforces: str = ""
    fact: str = ""
    message: dict = field(default_factory=dict)
    docs: dict = field(default_factory=dict)
    family: str = ""
    origin: str = ""


RULES = [
    Rule("ANG001", "rp-induk-sama-dengan-jumlah-rincian", "error", "anggaran", 3,
         "Permendagri 86/2017, T-C.27 (Tabel 6.1): Rp induk = Σ Rp rincian", "budget_rollup",
         {"id": "Rp {row} tahun {year} tertulis {declared}.", "en": "Rp of {row} in {year} is {declared}."},
         {"what": {"id": "Rp baris induk sama dengan jumlah Rp rinciannya.",
                   "en": "A parent row's Rp equals the sum of its children's."},
          "why": "Pagu program adalah jumlah pagu kegiatannya.",
          "failing": 'anggaran: {"2025": 3515514000}\n', "passing": 'anggaran: {"2025": 3515514001}\n'}),
    Rule("TGT002", "target-akhir-periode", "warning", "target", 2, "Permendagri 86/2017, T-C.27"),
    Rule("KEL001", "kelurahan-didanai", "info", "kelurahan"),
    Rule("KIN001", "rasio-capaian", "error", "target"),
]


def finding(code="ANG001", severity="error", line=412, column=9, pointer=PROGRAM + "/anggaran/2025",
            source=Source("6.1", "7 01 02", 2025), message="Rp 7 01 02 tahun 2025 tertulis 3.515.514.000, "
            "jumlah rinciannya 3.515.514.001 (selisih -1).", declared=3515514000, expected=3515514001,
            path=PLAN, name=None, category="anggaran") -> Finding:
    names = {r.code: r.name for r in RULES}
    return Finding(code=code, name=name or names.get(code, code.lower()), severity=severity, category=category,
                   message=message, file=path, pointer=pointer, line=line, column=column, source=source,
                   declared=declared, expected=expected,
                   difference=None if declared is None or expected is None else declared - expected)


def sample(path=PLAN) -> FileResult:
    findings = [
        finding(path=path),
        finding("TGT002", "warning", 300, 15, "/rencana_program/tujuan/0/indikator/0/akhir",
                Source("6.1", "Meningkatnya kualitas pelayanan publik", None),
                "Target akhir IKM tertulis 92 ≠ nilai tahun terakhir 98,25.", 92, Decimal("98.25"), path,
                category="target"),
        # Tabel 2.8 sits lower in the file than these 6.1 rows but comes first in reading order.
        finding("KEL001", "info", 520, 3, "/kinerja_pelayanan/baris/1", Source("2.8", "2", 2022),
                "Realisasi 97,25 jauh di atas target 87,25.", None, None, path, category="kelurahan"),
    ]
    return FileResult(
        path=path, findings=findings,
        suppressed=[finding("ANG001", "error", 50, 3, "/aset/jumlah/nilai", Source("2.6", "1.3", None),
                            "Nilai aset tertulis 10, jumlah rinciannya 12.", 10, 12, path)],
        scores={"overall": Decimal("87.5"), "categories": {"anggaran": Decimal("75"), "target": Decimal("90.25")},
                "evaluated": 40, "failed": 3,
                "by_rule": {"ANG001": {"evaluated": 20, "failed": 1}}},
        summary={
            "document": {"perangkat_daerah": "Kecamatan Pandaan", "pemerintah_daerah": "Kabupaten Pasuruan",
                         "periode": [2024, 2026]},
            "indicators": [
                {"name": "Skor Indeks Kepuasan Masyarakat", "table": "2.8", "unit": "nilai",
                 "pointer": "/kinerja_pelayanan/baris/1", "years": [2019, 2020, 2021, 2022, 2023],
                 "target": [Decimal("84"), Decimal("84"), Decimal("87"), Decimal("87.25"), Decimal("87.5")],
                 "realisasi": [Decimal("85.14"), Decimal("86.54"), Decimal("87.76"), Decimal("97.25"), None]},
                {"name": "Nilai SAKIP Kecamatan", "table": "2.8", "unit": "nilai", "pointer": "/kinerja_pelayanan/baris/5",
                 "years": [2019, 2020, 2021, 2022, 2023],
                 "target": [Decimal("60.5"), Decimal("60.6"), 71, 75, 78],
                 "realisasi": [Decimal("60.34"), Decimal("70.66"), Decimal("74.93"), Decimal("75.73"), None]},
            ],
            "budget": [
                {"row": "7 01 01", "name": "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
                 "pointer": "/rencana_program/tujuan/0/sasaran/0/program/0", "years": [2024, 2025, 2026],
                 "rp": [4970490547, 5517539602, 6014293562]},
                {"row": "7 01 02", "name": "PROGRAM PENYELENGGARAAN PEMERINTAHAN DAN PELAYANAN PUBLIK",
                 "pointer": PROGRAM, "years": [2024, 2025, 2026], "rp": [3195921900, 3515514000, 3867065400]},
            ],
        })


def invalid(path="plans/rusak.yaml") -> FileResult:
    return FileResult(path=path, valid=False, errors=[
        f'{path}:3:7: "8.166.412.447" ditulis dengan format angka Indonesia; tulis 8166412447'])


def results() -> list[FileResult]:
    return [sample(), invalid()]


# -- shared helpers ---------------------------------------------------------------------------

def test_format_value_writes_numbers_as_each_language_does():
    assert format_value(8166412447, "id") == "8.166.412.447"
    assert format_value(8166412447, "en") == "8,166,412,447"
    assert format_value(Decimal("97.75"), "id") == "97,75"
    assert format_value(Decimal("1234567.5"), "en") == "1,234,567.5"
    assert format_value(Decimal("-0.001"), "id") == "-0,001"
    assert format_value(None, "id") == "-"


@given(st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=-10**15, max_value=10**15))
def test_format_value_is_exact(value):
    text = format_value(value, "id")
    assert Decimal(text.replace(".", "").replace(",", ".")) == value


def test_tables_come_in_reading_order_and_findings_without_a_table_last():
    tables = ["10.1", None, "2.9", "Lampiran A", "2.8", "6.1"]
    findings = [finding(source=Source(t, "1", None)) for t in tables]
    assert [t for t, _ in group_by_table(findings)] == ["2.8", "2.9", "6.1", "10.1", "Lampiran A", None]


def test_unknown_format_or_language_is_refused():
    with pytest.raises(ValueError, match="unknown format"):
        render("pdf", results(), RULES, lang="id")
    with pytest.raises(ValueError, match="unknown language"):
        render("text", results(), RULES, lang="fr")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_is_deterministic_and_ends_with_a_newline(fmt):
    first = render(fmt, results(), RULES, lang="id")
    assert first == render(fmt, results(), RULES, lang="id")
    assert first.endswith("\n")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_copes_with_empty_scores_summary_and_unknown_rules(fmt):
    bare = FileResult(path="plans/bare.json", findings=[finding(code="XYZ999", name="aturan-baru", path="plans/bare.json")])
    out = render(fmt, [bare], [], lang="en")
    assert "XYZ999" in out


# -- text -------------------------------------------------------------------------------------

def test_text_groups_by_file_then_table_in_reading_order():
    lines = render("text", results(), RULES, lang="id").splitlines()
    assert lines[0] == PLAN
    assert lines[1] == " Tabel 2.8"
    assert lines[2] == "  520:3   Tabel 2.8 · 2 · 2022 — Realisasi 97,25 jauh di atas target 87,25. [KEL001]"
    assert lines[3] == " Tabel 6.1"
    assert lines[4] == ("  300:15  Tabel 6.1 · Meningkatnya kualitas pelayanan publik — Target akhir IKM tertulis 92"
                        " ≠ nilai tahun terakhir 98,25. (92 → 98,25) [TGT002]")
    assert lines[5].startswith("  412:9   Tabel 6.1 · 7 01 02 · 2025 — Rp 7 01 02")
    assert lines[5].endswith("(3.515.514.000 → 3.515.514.001) [ANG001]")
    assert lines[6] == "  1 galat, 1 peringatan, 1 info, 1 diabaikan · skor kepatuhan 87,5"
    assert lines[7] == "plans/rusak.yaml"
    assert lines[8].startswith('  galat masukan: plans/rusak.yaml:3:7: "8.166.412.447"')
    assert lines[9] == "  tidak valid · 0 galat, 0 peringatan, 0 info"
    assert lines[10] == "Total: 2 berkas, 1 galat, 1 peringatan, 1 info, 1 diabaikan · skor kepatuhan 87,50"


def test_text_in_english_and_colour_only_when_asked():
    plain = render("text", results(), RULES, lang="en")
    assert "\x1b[" not in plain
    assert " Table 6.1" in plain and "(3,515,514,000 → 3,515,514,001) [ANG001]" in plain
    assert "  1 error, 1 warning, 1 info, 1 suppressed · compliance score 87.5" in plain
    coloured = render("text", results(), RULES, lang="en", color=True)
    assert "\x1b[31m[ANG001]\x1b[0m" in coloured and "\x1b[33m[TGT002]\x1b[0m" in coloured
    assert re.sub(r"\x1b\[\d+m", "", coloured) == plain


def test_text_clean_file_and_unknown_line():
    clean = FileResult(path="a.yaml", scores={"overall": Decimal(100)})
    assert render("text", [clean], RULES, lang="en") == "a.yaml\n  no findings\n  0 errors, 0 warnings, 0 info · compliance score 100\n"
    nowhere = FileResult(path="b.yaml", findings=[finding(path="b.yaml", line=None, column=None)])
    assert "\n  -  Tabel 6.1 · 7 01 02" in render("text", [nowhere], RULES, lang="id")


@pytest.mark.parametrize("fmt, heading", [("text", " Temuan yang diabaikan"), ("markdown", "### Temuan yang diabaikan"),
                                          ("html", "<h3>Temuan yang diabaikan</h3>")])
def test_suppressed_findings_are_counted_always_and_listed_when_asked(fmt, heading):
    listed = "Nilai aset tertulis 10, jumlah rinciannya 12."
    hidden = render(fmt, [sample()], RULES, lang="id")
    assert heading not in hidden and listed not in hidden
    assert re.search(r"1 diabaikan|\| Diabaikan \| 1 \||>1</div><div class=\"l\">diabaikan", hidden)
    shown = sample()
    shown.show_suppressed = True
    out = render(fmt, [shown], RULES, lang="id")
    assert heading in out and listed in out


# -- json -------------------------------------------------------------------------------------

def test_json_is_the_file_results_plus_a_summary_with_exact_numbers():
    text = render("json", results(), RULES, lang="id")
    data = json.loads(text, parse_float=lambda s: pytest.fail(f"float in JSON output: {s}"))
    assert set(data) == {"files", "summary"}
    assert data["files"] == [json.loads(json.dumps(r.to_dict())) for r in results()]
    assert data["summary"] == {"files": 2, "invalid_files": 1, "input_errors": 1, "findings": 3, "error": 1,
                               "warning": 1, "info": 1, "suppressed": 1, "overall": "87.50"}
    assert text == json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    assert '"expected": "98.25"' in text and "92 ≠ nilai" in text


# -- sarif ------------------------------------------------------------------------------------

def sarif(res=None, rules=RULES, lang="id") -> dict:
    return json.loads(render("sarif", res if res is not None else results(), rules, lang=lang))


def test_sarif_is_valid_against_the_official_schema():
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"SARIF 2.1.0 schema not found at {SARIF_SCHEMA} (shared test data absent)")
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    from telaah.engine.registry import load_rules

    registry = load_rules()
    docs = (sarif(), sarif([FileResult(path="kosong.yaml")], rules=[]), sarif(lang="en"), sarif(rules=registry))
    for doc in docs:
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_sarif_describes_the_real_registry_rules():
    from telaah.engine.registry import load_rules, text_of

    registry = load_rules()
    described = {r["id"]: r for r in sarif(rules=registry)["runs"][0]["tool"]["driver"]["rules"]}
    for rule in registry:
        assert described[rule.code]["shortDescription"]["text"] == text_of(rule.docs["what"], "id").rstrip()
        assert described[rule.code]["properties"]["enforces"] == rule.enforces


def test_sarif_rules_come_from_the_registry_and_results_point_at_them():
    run = sarif()["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["ANG001", "KEL001", "KIN001", "TGT002"]
    ang = rules[0]
    assert ang["shortDescription"]["text"] == "Rp baris induk sama dengan jumlah Rp rinciannya."
    assert "Pagu program adalah jumlah pagu kegiatannya." in ang["fullDescription"]["text"]
    assert '```yaml\nanggaran: {"2025": 3515514000}\n```' in ang["help"]["markdown"]
    assert ang["defaultConfiguration"]["level"] == "error"
    assert ang["properties"]["category"] == "anggaran" and ang["properties"]["weight"] == 3
    assert rules[1]["defaultConfiguration"]["level"] == "note"
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    english = sarif(lang="en")["runs"][0]["tool"]["driver"]["rules"][0]
    assert english["shortDescription"]["text"] == "A parent row's Rp equals the sum of its children's."


def test_sarif_information_uri_comes_from_the_package_metadata(monkeypatch):
    from email.message import Message

    from telaah.engine.reporters import sarif as sarif_module

    meta = Message()
    meta["Project-URL"] = "Issues, https://example.org/telaah/issues"
    meta["Project-URL"] = "Homepage, https://example.org/telaah"
    monkeypatch.setattr(sarif_module.metadata, "metadata", lambda name: meta)
    assert sarif()["runs"][0]["tool"]["driver"]["informationUri"] == "https://example.org/telaah"
    monkeypatch.setattr(sarif_module.metadata, "metadata", lambda name: Message())
    assert "informationUri" not in sarif()["runs"][0]["tool"]["driver"]


def test_sarif_locations_are_physical_and_logical():
    by_rule = {r["ruleId"]: r for r in sarif()["runs"][0]["results"] if "suppressions" not in r}
    ang = by_rule["ANG001"]
    physical = ang["locations"][0]["physicalLocation"]
    assert physical == {"artifactLocation": {"uri": PLAN}, "region": {"startLine": 412, "startColumn": 9}}
    assert ang["locations"][0]["logicalLocations"] == [{"fullyQualifiedName": PROGRAM + "/anggaran/2025", "kind": "member"}]
    assert by_rule["KEL001"]["locations"][0]["logicalLocations"][0]["kind"] == "element"
    assert ang["level"] == "error" and by_rule["KEL001"]["level"] == "note"
    assert ang["message"]["text"].startswith("Tabel 6.1 · 7 01 02 · 2025 — Rp 7 01 02")
    assert ang["properties"]["declared"] == 3515514000


def test_sarif_uri_is_relative_to_the_working_directory_and_escaped(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = str(tmp_path / "rencana saya" / "pandaan.yaml")
    run = sarif([FileResult(path=path, findings=[finding(path=path)])])["runs"][0]
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "rencana%20saya/pandaan.yaml"


def test_sarif_fingerprints_follow_code_pointer_and_declared_not_the_line():
    def fp(f):
        return sarif([FileResult(path=PLAN, findings=[f])])["runs"][0]["results"][0]["partialFingerprints"]["telaah/v1"]

    base = fp(finding())
    assert base == fp(finding(line=999, column=1, message="lain"))
    assert base != fp(finding(declared=3515514002))
    assert base != fp(finding(pointer=PROGRAM + "/anggaran/2026"))
    assert base != fp(finding(code="KIN001"))


def test_sarif_input_errors_are_notifications_and_suppressions_are_marked():
    run = sarif()["runs"][0]
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "plans/rusak.yaml"}, "region": {"startLine": 3, "startColumn": 7}}
    suppressed = [r for r in run["results"] if "suppressions" in r]
    assert len(suppressed) == 1 and suppressed[0]["suppressions"] == [{"kind": "inSource"}]
    assert sarif([sample()])["runs"][0]["invocations"][0]["executionSuccessful"] is True


# -- junit ------------------------------------------------------------------------------------

def test_junit_one_suite_per_file_one_case_per_rule():
    root = ET.fromstring(render("junit", results(), RULES, lang="id"))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [PLAN, "plans/rusak.yaml"]
    good, bad = suites
    cases = {c.get("name"): c for c in good.findall("testcase")}
    assert set(cases) == {f"{r.code} {r.name}" for r in RULES}
    assert all(c.get("classname") == PLAN for c in cases.values())
    failure = cases["ANG001 rp-induk-sama-dengan-jumlah-rincian"].find("failure")
    assert failure.text.startswith("412:9  Tabel 6.1 · 7 01 02 · 2025")
    assert cases["KIN001 rasio-capaian"].find("failure") is None
    assert (good.get("tests"), good.get("failures"), good.get("errors")) == ("4", "3", "0")
    error = bad.find("testcase/error")
    assert error.get("message").startswith('plans/rusak.yaml:3:7: "8.166.412.447"')
    assert (bad.get("errors"), bad.get("skipped")) == ("1", "4")
    assert root.get("tests") == "9"


def test_junit_escapes_markup_and_drops_characters_xml_cannot_hold():
    hostile = finding(message='<b>"x" & y</b>\x01', path="a&b<c>.yaml")
    root = ET.fromstring(render("junit", [FileResult(path="a&b<c>.yaml", findings=[hostile])], RULES, lang="id"))
    assert root.find("testsuite").get("name") == "a&b<c>.yaml"
    text = root.find(".//failure").text
    assert '<b>"x" & y</b>\N{REPLACEMENT CHARACTER}' in text


# -- github -----------------------------------------------------------------------------------

def test_github_annotations_sit_on_the_line_and_column():
    lines = render("github", results(), RULES, lang="id").splitlines()
    assert lines[0].startswith("::warning file=plans/pandaan.yaml,line=300,col=15,title=TGT002 target-akhir-periode::")
    assert lines[1].startswith("::error file=plans/pandaan.yaml,line=412,col=9,title=ANG001 ")
    assert lines[2] == ("::notice file=plans/pandaan.yaml,line=520,col=3,title=KEL001 kelurahan-didanai::"
                        "Tabel 2.8 · 2 · 2022 — Realisasi 97,25 jauh di atas target 87,25.")
    assert lines[3].startswith("::error file=plans/rusak.yaml,line=3,col=7,title=telaah%3A galat masukan::")
    assert len(lines) == 4  # the suppressed finding is not annotated


def test_github_escapes_data_and_properties():
    f = finding(message="100% salah\r\nbaris dua", path="a,b:c.yaml")
    (line,) = render("github", [FileResult(path="a,b:c.yaml", findings=[f])], RULES, lang="id").splitlines()
    assert line.startswith("::error file=a%2Cb%3Ac.yaml,line=412,")
    assert "100%25 salah%0D%0Abaris dua" in line


@given(st.text())
def test_github_escaping_round_trips(text):
    def unescape(s):
        return s.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")

    prop = escape_property(text)
    assert not re.search(r"[\r\n,:]", prop) and unescape(prop) == text
    assert not re.search(r"[\r\n]", escape_data(text)) and unescape(escape_data(text)) == text


# -- markdown ---------------------------------------------------------------------------------

def test_markdown_memo_has_identity_scores_and_findings_by_table():
    out = render("markdown", results(), RULES, lang="id")
    assert out.startswith("# Memo Telaah Renstra\n")
    assert "**Perangkat daerah:** Kecamatan Pandaan" in out and "**Periode:** 2024–2026" in out
    assert "| Skor keseluruhan | 87,5 |" in out and "| target | 90,25 |" in out
    assert out.index("#### Tabel 2.8") < out.index("#### Tabel 6.1")
    assert ("| 7 01 02 | 2025 | ANG001 | galat | Rp 7 01 02 tahun 2025 tertulis 3.515.514.000, jumlah rinciannya "
            "3.515.514.001 (selisih -1). | 3.515.514.000 | 3.515.514.001 |") in out
    assert "### Galat masukan" in out


def test_markdown_escapes_pipes_in_cells():
    f = finding(message="a | b", source=Source("6.1", "7|01", 2025))
    out = render("markdown", [FileResult(path=PLAN, findings=[f])], RULES, lang="en")
    (row,) = [line for line in out.splitlines() if "ANG001" in line]
    assert row.count("|") - row.count("\\|") == 8  # 7 columns, no extra cell border
    assert "a \\| b" in row and "7\\|01" in row


@given(st.text())
def test_markdown_cell_never_breaks_the_table(text):
    cell = md(text)
    assert "\n" not in cell and not re.search(r"(?<!\\)\|", cell.replace("\\\\", ""))


# -- html -------------------------------------------------------------------------------------

HOSTILE = "<script>alert('x')</script>"


def hostile_results() -> list[FileResult]:
    r = sample(path=f"plans/{HOSTILE}.yaml")
    r.findings[0] = replace(r.findings[0], message=HOSTILE, source=Source("6.1", HOSTILE, 2025), name=HOSTILE)
    r.summary["document"]["perangkat_daerah"] = HOSTILE
    r.summary["indicators"][0]["name"] = HOSTILE
    r.summary["indicators"][0]["unit"] = '"><img src=x onerror=alert(1)>'
    r.summary["budget"][1]["name"] = HOSTILE
    r.summary["budget"][1]["row"] = HOSTILE
    r.scores["categories"][HOSTILE] = Decimal(50)
    return [r, invalid(path=f"plans/{HOSTILE}.json")]


def test_html_escapes_every_string_from_the_plan():
    out = render("html", hostile_results(), RULES, lang="id")
    assert "<script>alert" not in out and "<img" not in out
    assert out.count("<script>") == 1  # the report's own script only
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in out


def test_html_is_self_contained():
    out = render("html", results(), RULES, lang="id")
    assert "Content-Security-Policy" in out and "default-src 'none'" in out
    refs = re.findall(r"""(?:src|href)\s*=\s*["']?([^"'\s>]+)""", out, flags=re.I)
    assert all(r.startswith("#") for r in refs), refs
    assert not re.search(r"@import|url\(", out)


def test_html_charts_highlight_failing_budget_rows_and_indicators():
    out = render("html", results(), RULES, lang="id")
    assert "⚠ 7 01 02" in out and "⚠ 7 01 01" not in out
    assert out.count("baris bertemuan") == 1  # only the IKM series has a finding under it
    assert out.count("<svg") == 3  # two indicator charts and the budget chart
    assert "Rp 3.515.514.000" in out and ">97,25<" in out


CELLS = st.one_of(st.none(), st.integers(-10**16, 10**16), st.text(max_size=5),
                  st.decimals(allow_nan=True, allow_infinity=True, places=3))


@given(st.lists(st.integers(1990, 2100), max_size=6), st.lists(CELLS, max_size=7), st.lists(CELLS, max_size=7))
def test_html_charts_take_any_series(years, first, second):
    r = sample()
    r.summary["indicators"] = [{"name": "x", "years": years, "target": first, "realisasi": second}]
    r.summary["budget"] = [{"row": "7 01", "name": "y", "pointer": PROGRAM, "years": years, "rp": second}]
    out = render("html", [r], RULES, lang="id")
    assert out.count("<svg") == 2
    assert not re.search(r'(?:x|y|x1|x2|y1|y2|width|height)="[^"]*(?:NaN|Inf)', out, flags=re.I)


def test_html_row_labels_come_from_the_document():
    out = render("html", results(), RULES, lang="en")
    assert '<td>7 01 02<div class="rowname">PROGRAM PENYELENGGARAAN PEMERINTAHAN DAN PELAYANAN PUBLIK</div></td>' in out


# -- output -----------------------------------------------------------------------------------

def test_write_atomic_writes_and_replaces(tmp_path):
    target = tmp_path / "laporan.sarif"
    write_atomic(target, "satu\n")
    write_atomic(target, "dua — Σ\n")
    assert target.read_bytes() == "dua — Σ\n".encode("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["laporan.sarif"]


@pytest.mark.parametrize("make, reason", [
    (lambda d: d / "tidak-ada" / "r.json", "folder tidak ada"),
    (lambda d: d, "path itu sebuah folder"),
    (lambda d: (d / "berkas").write_text("x") and d / "berkas" / "r.json", "bagian path bukan folder"),
])
def test_write_atomic_reports_unwritable_paths_in_one_line(tmp_path, make, reason):
    path = make(tmp_path)
    with pytest.raises(OutputError) as info:
        write_atomic(path, "x")
    assert str(info.value) == f"{path}: tidak dapat menulis keluaran ({reason})"


def test_write_atomic_refuses_a_read_only_file(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("running as root: file permissions do not stop root from writing")
    target = tmp_path / "r.json"
    target.write_text("lama")
    target.chmod(0o444)
    with pytest.raises(OutputError, match="permission denied"):
        write_atomic(target, "baru", lang="en")
    assert target.read_text() == "lama"


def test_write_atomic_leaves_nothing_half_written(tmp_path, monkeypatch):
    target = tmp_path / "r.html"
    target.write_text("laporan lama")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OutputError, match="ruang disk habis"):
        write_atomic(target, "laporan baru")
    assert target.read_text() == "laporan lama"
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]


def test_write_atomic_text_that_cannot_be_encoded_is_an_output_error(tmp_path):
    with pytest.raises(OutputError):
        write_atomic(tmp_path / "r.txt", "\ud800")
    assert list(tmp_path.iterdir()) == []


# -- CI integration files -------------------------------------------------------------------

def test_pre_commit_hook_checks_plan_files_under_a_plans_folder():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "telaah" and hook["entry"] == "telaah check"
    assert 'telaah = "telaah.cli:main"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    pattern = re.compile(hook["files"])
    for path in ("plans/pandaan.yaml", "plans/2024/pandaan.yml", "dinas/plans/renja.json"):
        assert pattern.search(path), path
    for path in ("plans/catatan.md", "rencana/pandaan.yaml", "myplans/a.yaml", "plans.yaml"):
        assert not pattern.search(path), path


def test_ci_doc_job_runs_sarif_and_uploads_the_same_file():
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    blocks = [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", text, flags=re.S)]
    workflow = blocks[0]
    steps = workflow["jobs"]["telaah"]["steps"]
    (check,) = [s for s in steps if "telaah check" in s.get("run", "")]
    assert "telaah check --format sarif --output sarif=telaah.sarif" in check["run"]
    (upload,) = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    assert upload["with"]["sarif_file"] == "telaah.sarif"
    assert workflow["jobs"]["telaah"]["permissions"]["security-events"] == "write"
    assert "--format github" in blocks[1][0]["run"]
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    local = blocks[-1]["repos"][0]["hooks"][0]
    assert (local["entry"], local["files"]) == (hook["entry"], hook["files"])
    assert blocks[-2]["repos"][0]["hooks"][0]["id"] == hook["id"]


# -- snapshots --------------------------------------------------------------------------------

def check_snapshot(name: str, text: str) -> None:
    """Compare with tests/snapshots/<name>; UPDATE_SNAPSHOTS=1 rewrites it instead."""
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
        return
    assert path.is_file(), f"missing snapshot {path}; create it with UPDATE_SNAPSHOTS=1 and review it"
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; review, then UPDATE_SNAPSHOTS=1"


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("lang", ["id", "en"])
def test_snapshot(fmt, lang):
    res = results()
    res[0].show_suppressed = True
    check_snapshot(f"synthetic.{lang}.{fmt}.{EXTENSIONS[fmt]}", render(fmt, res, RULES, lang=lang))
