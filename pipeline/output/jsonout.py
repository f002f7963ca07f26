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
        "replacement": f.replacement,
        **word_location(doc, f.start),
    }


def word_location(doc: Document, offset: int) -> dict[str, Any]:
    """For a .docx: "location" as the user finds it in Word (第N段, 表M 第r行第c列) and its numbers."""
    if doc.layout is None:
        return {}
    line = doc.layout.line_of(doc, offset)
    return {"location": line.where if line else "", "word": dict(line.fields) if line else {}}


def paragraph_dicts(doc: Document) -> list[dict[str, Any]]:
    return [
        {
            "line": p.line,
            "end_line": doc.line_col(max(p.start, p.end - 1))[0],
            "text": p.text,
            "section": p.section,
            "part": p.part,
            "dimension": p.dimension,
            "confidence": None if p.confidence is None else round(float(p.confidence), 4),
            **word_location(doc, p.start),
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
        "genre": doc.genre.to_dict() if doc.genre is not None else None,
        **({"converted_from": doc.layout.converted_from}
           if doc.layout is not None and doc.layout.converted_from else {}),
        "findings": [finding_dict(doc, f) for f in doc.findings],
        "paragraphs": paragraph_dicts(doc),
        "claims": claim_dicts(doc),
    }


def error_dict(path: str, message: str) -> dict[str, Any]:
    return {"path": path, "error": message, "genre": None, "findings": [], "paragraphs": [], "claims": []}


def report(files: list[dict[str, Any]]) -> dict[str, Any]:
    return {"version": __version__, "schema": SCHEMA_VERSION, "files": files}
