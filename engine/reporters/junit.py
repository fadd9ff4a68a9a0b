"""JUnit XML: one test suite per file, one test case per rule (`CODE name`); a rule's findings
are its failure. A file's input errors are one errored test case; its rules are then skipped."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from . import describe, error_location, label, line_col, ordered_rules

# Characters XML 1.0 cannot hold at all, even escaped.
NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    return NOT_XML.sub("\N{REPLACEMENT CHARACTER}", text)


def location(line, column) -> str:
    place = line_col(line, column)
    return f"{place}  " if place else ""


def suite(result, ordered: list, lang: str) -> ET.Element:
    by_code: dict = {}
    for f in sorted(result.findings, key=lambda f: f.sort_key()):
        by_code.setdefault(f.code, []).append(f)
    node = ET.Element("testsuite", name=result.path)
    failures = errors = skipped = 0
    if result.errors:
        errors = 1
        case = ET.SubElement(node, "testcase", classname=result.path, name=label("input", lang))
        error = ET.SubElement(case, "error", type="input", message=result.errors[0])
        error.text = "\n".join(location(*error_location(result.path, e)) + e for e in result.errors)
    for rule in ordered:
        case = ET.SubElement(node, "testcase", classname=result.path, name=f"{rule.code} {rule.name}")
        findings = by_code.get(rule.code)
        if not result.valid and not findings:
            skipped += 1
            ET.SubElement(case, "skipped", message=label("not_evaluated", lang))
        elif findings:
            failures += 1
            failure = ET.SubElement(case, "failure", type=rule.code,
                                    message=f"{len(findings)} {label('findings_in', lang)}")
            failure.text = "\n".join(location(f.line, f.column) + describe(f, lang) for f in findings)
    node.set("tests", str(len(node)))
    node.set("failures", str(failures))
    node.set("errors", str(errors))
    node.set("skipped", str(skipped))
    return node


def render(results, rules, *, lang, color=False) -> str:
    ordered = ordered_rules(results, rules)
    root = ET.Element("testsuites", name="telaah")
    for result in results:
        root.append(suite(result, ordered, lang))
    for key in ("tests", "failures", "errors", "skipped"):
        root.set(key, str(sum(int(s.get(key)) for s in root)))
    for element in root.iter():
        element.text = clean(element.text) if element.text else element.text
        element.attrib.update({k: clean(v) for k, v in element.attrib.items()})
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
