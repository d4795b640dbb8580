"""The official Peppol BIS Billing 3.0 and CEN EN 16931 rules as the tests' oracle.

The rule files travel with the repository (this folder is a copy of /work/shared/peppol: the
Schematron, SchXslt and validate.py, unchanged; LICENSES.md). The rules are compiled once per test
process, into a temporary folder (never beside the rules: two test workers may compile at once),
and each document is run through both rule sets, as `python tests/peppol/validate.py FILE.xml`
does by hand."""
from __future__ import annotations

import os
import tempfile
from functools import cache
from pathlib import Path

from . import validate as _validate

HERE = Path(__file__).resolve().parent
RULES = _validate.RULES
PIPELINE = _validate.PIPELINE


@cache
def _executables():
    from saxonche import PySaxonProcessor

    proc = PySaxonProcessor(license=False)
    folder = Path(tempfile.mkdtemp(prefix="peppol-rules-"))
    xslt = proc.new_xslt30_processor()
    pipeline = xslt.compile_stylesheet(stylesheet_file=str(PIPELINE))
    executables = []
    for sch in RULES:
        compiled = folder / (sch.name + ".xsl")
        text = pipeline.transform_to_string(source_file=str(sch))
        tmp = compiled.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(compiled)
        executables.append((sch.stem, proc.new_xslt30_processor().compile_stylesheet(stylesheet_file=str(compiled))))
    return proc, executables


def failed(xml: bytes | str) -> list[dict]:
    """Every failed assertion of both rule sets for the document: id, flag, text, location, rules."""
    proc, executables = _executables()
    text = xml.decode("utf-8") if isinstance(xml, bytes) else xml
    node = proc.parse_xml(xml_text=text)
    found = []
    for rules, exe in executables:
        for f in _validate.failures(exe.transform_to_string(xdm_node=node)):
            found.append({**f, "rules": rules})
    return found


def errors(xml: bytes | str) -> list[dict]:
    """The failed assertions flagged fatal or error: a document with any is invalid."""
    return [f for f in failed(xml) if f["flag"] in ("fatal", "error")]


def error_ids(xml: bytes | str) -> set[str]:
    return {f["id"] for f in errors(xml)}


def describe(found: list[dict]) -> str:
    return "\n".join(f"[{f['flag']}] {f['id']} ({f['rules']}): {f['text'][:160]} at {f['location'][:100]}"
                     for f in found)
