"""JSON output; the schema is documented in README.md ("JSON output")."""

from __future__ import annotations

import dataclasses
import json
from itertools import islice
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
        "applicability": f.applicability,
        "related": [_place(doc, at) for at in f.related],
        **word_location(doc, f.start),
    }


def word_location(doc: Document, offset: int) -> dict[str, Any]:
    """For a .docx: "location" as the user finds it in Word (第N段, 表M 第r行第c列) and its numbers."""
    if doc.layout is None:
        return {}
    line = doc.layout.line_of(doc, offset)
    return {"location": line.where if line else "", "word": dict(line.fields) if line else {}}


def _place(doc: Document, offset: int) -> dict[str, int]:
    line, col = doc.line_col(offset)
    return {"line": line, "column": col}


def paragraph_dicts(doc: Document, lazy: bool = False):
    """The paragraphs' JSON entries (a generator with ``lazy``)."""
    gen = (
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
    )
    return gen if lazy else list(gen)


def claim_dicts(doc: Document, lazy: bool = False):
    """The claims' JSON entries (a generator with ``lazy``)."""
    gen = (_claim_dict(doc, c) for c in doc.claims)
    return gen if lazy else list(gen)


def _claim_dict(doc: Document, c) -> dict[str, Any]:
    if hasattr(c, "to_dict"):
        return c.to_dict(doc)
    if dataclasses.is_dataclass(c):
        return dataclasses.asdict(c)
    return dict(c)


def file_head(doc: Document) -> dict[str, Any]:
    """The entry's fields before its lists (shared by ``file_dict`` and ``JsonStream``)."""
    return {
        "path": doc.path,
        "encoding": doc.encoding,
        "genre": doc.genre.to_dict() if doc.genre is not None else None,
        **({"converted_from": doc.layout.converted_from}
           if doc.layout is not None and doc.layout.converted_from else {}),
    }


def file_dict(doc: Document) -> dict[str, Any]:
    return {
        **file_head(doc),
        "findings": [finding_dict(doc, f) for f in doc.findings],
        "paragraphs": paragraph_dicts(doc),
        "claims": claim_dicts(doc),
    }


def error_dict(path: str, message: str) -> dict[str, Any]:
    return {"path": path, "error": message, "genre": None, "findings": [], "paragraphs": [], "claims": []}


def report(files: list[dict[str, Any]]) -> dict[str, Any]:
    return {"version": __version__, "schema": SCHEMA_VERSION, "files": files}


class JsonStream:
    """The ``report`` object written to ``out`` as documents come, with the C encoder.

    ``json.dumps(..., indent=2)`` runs the pure-Python encoder (about 1.5 s of a 1 MB lint).
    Here each part is encoded by ``json.dumps`` without indent (the C encoder) in runs of
    ``RUN`` items, so neither the whole report nor one document's dict or text is ever held
    in memory at once. The output parses to the same object as ``report(files)``.
    """

    RUN = 2000

    def __init__(self, out) -> None:
        self.out = out
        self.count = 0
        head = json.dumps({"version": __version__, "schema": SCHEMA_VERSION}, ensure_ascii=False)
        out.write(head[:-1] + ', "files": [')

    def _sep(self) -> None:
        self.out.write(",\n" if self.count else "\n")
        self.count += 1

    def add(self, item: dict[str, Any]) -> None:
        """One file's entry given as a dict (an error entry)."""
        self._sep()
        self.out.write(json.dumps(item, ensure_ascii=False))

    def add_document(self, doc: Document) -> None:
        """``file_dict(doc)``, streamed part by part."""
        self._sep()
        w = self.out.write
        w(json.dumps(file_head(doc), ensure_ascii=False)[:-1])
        for key, items in (("findings", (finding_dict(doc, f) for f in doc.findings)),
                           ("paragraphs", iter(paragraph_dicts(doc, lazy=True))),
                           ("claims", iter(claim_dicts(doc, lazy=True)))):
            w(f', "{key}": [')
            first = True
            while True:
                run = list(islice(items, self.RUN))
                if not run:
                    break
                if not first:
                    w(", ")
                w(json.dumps(run, ensure_ascii=False)[1:-1])
                first = False
            w("]")
        w("}")

    def close(self) -> None:
        self.out.write("\n]}\n")


def write_report(files, out) -> None:
    """``report(files)`` for a list of file dicts, written through ``JsonStream``."""
    stream = JsonStream(out)
    for f in files:
        stream.add(f)
    stream.close()
