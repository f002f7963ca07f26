"""JSON output; the schema is documented in README.md ("JSON output")."""

from __future__ import annotations

import dataclasses
from typing import Any

from pipeline import __version__
from pipeline.document import Document, Finding

SCHEMA_VERSION = 1


def finding_dict(doc: Document, f: Finding) -> dict[str, Any]:
    line, col = doc.line_col(f.start)
    end_line, end_col = doc.line_col(max(f.start, f.end - 1))
    return {
        "code": f.code,
        "rule": f.rule,
        "severity": f.severity,
        "line": line,
        "column": col,
        "end_line": end_line,
        "end_column": end_col + 1,
        "message": f.message,
        "excerpt": doc.text[f.start:f.end],
        "suggestion": f.suggestion,
    }


def paragraph_dicts(doc: Document) -> list[dict[str, Any]]:
    return [
        {
            "line": p.line,
            "end_line": doc.line_col(max(p.start, p.end - 1))[0],
            "text": p.text,
            "section": p.section,
            "dimension": p.dimension,
            "confidence": None if p.confidence is None else round(float(p.confidence), 4),
        }
        for p in doc.paragraphs
    ]


def claim_dicts(doc: Document) -> list[dict[str, Any]]:
    out = []
    for c in doc.claims:
        if hasattr(c, "to_dict"):
            out.append(c.to_dict(doc))
        elif dataclasses.is_dataclass(c):
            out.append(dataclasses.asdict(c))
        else:
            out.append(dict(c))
    return out


def file_dict(doc: Document) -> dict[str, Any]:
    return {
        "path": doc.path,
        "encoding": doc.encoding,
        "findings": [finding_dict(doc, f) for f in doc.findings],
        "paragraphs": paragraph_dicts(doc),
        "claims": claim_dicts(doc),
    }


def error_dict(path: str, message: str) -> dict[str, Any]:
    return {"path": path, "error": message, "findings": [], "paragraphs": [], "claims": []}


def report(files: list[dict[str, Any]]) -> dict[str, Any]:
    return {"version": __version__, "schema": SCHEMA_VERSION, "files": files}


def write_report(files, out) -> None:
    """The ``report`` object written to ``out`` one file at a time with the C encoder.

    ``json.dumps(..., indent=2)`` runs the pure-Python encoder (about 1.5 s of a 1 MB lint);
    without indent the C encoder does the work, and writing each file's object as soon as it is
    encoded keeps only one of them in memory as text. ``files`` may be any iterable of dicts
    or of their JSON text (encoded as soon as each document is done, so its objects can go).
    """
    import json

    head = json.dumps({"version": __version__, "schema": SCHEMA_VERSION}, ensure_ascii=False)
    out.write(head[:-1] + ', "files": [')
    for i, f in enumerate(files):
        if i:
            out.write(",\n")
        else:
            out.write("\n")
        text = f if isinstance(f, str) else json.dumps(f, ensure_ascii=False)
        for k in range(0, len(text), 1 << 16):
            out.write(text[k:k + (1 << 16)])
    out.write("\n]}\n")
