"""What the server does with one draft: lint, coverage, claim ledger, plan items, annotated copy.

One ``Checker`` per process holds the options read at start and keeps the models
warm (they are cached by their loaders; ``warm()`` loads them before the first
request). The stages are CPU-bound Python, so checks run one at a time under a
lock: threads would not run them faster under the GIL, and the lock keeps the
shared caches and the language model's sampling state out of each other's way.
"""

from __future__ import annotations

import base64
import dataclasses
import io
import sys
import threading
import time
import traceback
from pathlib import Path

from pipeline.config import Options
from pipeline.document import Document
from pipeline.lint import analyse
from pipeline.reader import InputError, read_bytes, too_large
from pipeline.rules.base import FAMILIES, SEVERITIES
from pipeline.serve import languagetool as lt
from pipeline.serve.offsets import Utf16Offsets

WARM_TEXT = ("一、主要工作\n（一）加强督查落实。全年办理督查件12件，办结率100%。\n"
             "二、存在的问题\n一是调研不够深入。\n三、下步工作打算\n一是抓好督查落实。")
NO_ANNOTATE = "本版本尚未包含批注版 Word 功能，暂不能下载批注文档 / annotated .docx not available in this version"
ROLES = {"value": "数值", "from": "起点", "to": "终点", "base": "基数", "change": "增减", "share": "占比"}


class CheckError(Exception):
    """A request the page should answer with this message and a 4xx status."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


class Checker:
    def __init__(self, options: Options | None = None):
        self.options = options or Options()
        self.lock = threading.Lock()
        from pipeline.rules import load_all

        self.summaries = {code: r.summary for code, r in load_all().items()}

    @property
    def max_bytes(self) -> int:
        return self.options.max_bytes

    def request_options(self, select: list[str] | None = None, ignore: list[str] | None = None) -> Options:
        """A fresh copy of the start-up options for one request (its own warnings list)."""
        return dataclasses.replace(self.options, select=list(select if select is not None else self.options.select),
                                   ignore=list(ignore if ignore is not None else self.options.ignore), warnings=[])

    def warm(self) -> float:
        """Load every model once (segmenter, dimension classifier, language model); returns seconds."""
        t0 = time.perf_counter()
        doc = self.lint(Document(WARM_TEXT, path="<warm-up>"), self.request_options())
        self.suggest(doc, self.request_options())
        from pipeline.generate.lm import load_lm

        load_lm()  # the sample may need no generation: load the language model (when torch is there) all the same
        return time.perf_counter() - t0

    # ---- the steps --------------------------------------------------------
    def lint(self, doc: Document, opts: Options) -> Document:
        with self.lock:
            return analyse(doc, opts)

    def suggest(self, doc: Document, opts: Options) -> dict:
        """``report-lint suggest``'s plan block and rewrites; without torch the template fill, with its note."""
        from pipeline.generate.cli import plan_block, suggestions_dict
        from pipeline.stages import run_stages

        # no seed or creative flag on the options: the stage then uses `report-lint suggest`'s fixed seed
        try:
            with self.lock:
                run_stages(doc, ["suggest"], opts)
        except Exception as exc:  # a broken generator must not cost the user the findings
            log_exception("suggest")
            return {"available": False, "notes": [f"生成建议时出错（{type(exc).__name__}），本次不提供建议"
                                                  f" / suggestion failed"]}
        out = suggestions_dict(doc)
        out["plan_block"] = plan_block(doc)
        out["available"] = True
        out["notes"] = list(opts.warnings)
        return out

    def annotated(self, data: bytes | None, doc: Document, name: str, opts: Options) -> dict:
        """The annotated .docx as base64, built from the upload (or from the text when there is no .docx)."""
        try:
            from pipeline.word.annotate import annotate_bytes
        except ImportError:
            return {"available": False, "note": NO_ANNOTATE}
        stem = Path(name).stem or "draft"
        if data is None or doc.source != "docx":
            data, name = text_docx(doc.text), f"{stem}.docx"
        try:
            with self.lock:
                out = annotate_bytes(data, name=name, options=opts)
        except InputError as exc:  # the Word reader refuses what the plain reader let through (encrypted parts …)
            return {"available": False, "note": str(exc)}
        except Exception as exc:
            log_exception("annotate")
            return {"available": False, "note": f"生成批注版 Word 时出错（{type(exc).__name__}） / annotation failed"}
        return {"available": True, "filename": f"{stem}（批注）.docx", "base64": base64.b64encode(out).decode("ascii")}

    # ---- one request from the page ---------------------------------------
    def check_upload(self, data: bytes, name: str, suggest: bool = True, docx: bool = True) -> dict:
        opts = self.request_options()
        name = name or "draft.txt"
        if len(data) > opts.max_bytes:
            raise CheckError(too_large(len(data), opts.max_bytes, name), 413)
        try:
            doc = read_bytes(data, name, opts.encoding, opts.max_bytes)
        except InputError as exc:
            raise CheckError(str(exc)) from exc
        return self.page_result(doc, data if doc.source == "docx" else None, name, opts, suggest, docx)

    def check_text(self, text: str, suggest: bool = True, docx: bool = True) -> dict:
        opts = self.request_options()
        size = len(text.encode("utf-8"))
        if size > opts.max_bytes:
            raise CheckError(f"文字过长（{size / 1024 / 1024:.1f} MB，上限 {opts.max_bytes / 1024 / 1024:.0f} MB），"
                             f"请拆分后再检查 / text too large", 413)
        if not text.strip():
            raise CheckError("没有可检查的文字，请粘贴材料正文或上传文件 / nothing to check")
        return self.page_result(Document(text, path="粘贴的文字.txt"), None, "粘贴的文字.txt", opts, suggest, docx)

    def page_result(self, doc: Document, data: bytes | None, name: str, opts: Options, suggest: bool,
                    docx: bool) -> dict:
        from pipeline.dimensions.coverage import coverage_rows
        from pipeline.output.jsonout import claim_dicts, file_dict, report

        t0 = time.perf_counter()
        self.lint(doc, opts)
        t_lint = time.perf_counter() - t0
        to16 = Utf16Offsets(doc.text)
        rows, has_plan = coverage_rows(doc)
        result = {
            "name": name,
            "source": doc.source,
            "text": doc.text,
            "findings": [self.finding(doc, i, f, to16) for i, f in enumerate(doc.findings)],
            "severities": list(SEVERITIES),
            "families": dict(FAMILIES),
            "coverage": {"rows": rows, "has_plan": has_plan},
            "claims": [claim_row(c, to16) for c in claim_dicts(doc)],
            "report": report([file_dict(doc)]),
            "warnings": list(opts.warnings),
        }
        t1 = time.perf_counter()
        result["suggest"] = self.suggest(doc, opts) if suggest else {"available": False, "notes": []}
        result["report"]["suggestions"] = result["suggest"] if suggest else None
        result["docx"] = self.annotated(data, doc, name, opts) if docx else {"available": False, "note": ""}
        result["timing"] = {"check_s": round(t_lint, 3), "extras_s": round(time.perf_counter() - t1, 3)}
        return result

    def finding(self, doc: Document, index: int, f, to16: Utf16Offsets) -> dict:
        from pipeline.output.jsonout import finding_dict

        d = finding_dict(doc, f)
        d.update(id=index, start16=to16(f.start), end16=to16(f.end), family=f.code[:3],
                 summary=self.summaries.get(f.code, ""), replacement=f.replacement)
        return d

    # ---- LanguageTool's /v2/check -----------------------------------------
    def languagetool(self, form) -> dict:
        lt.check_language(form.get("language"))
        source = lt.source_from_form(form.get("text"), form.get("data"))
        select, ignore = lt.rule_options(self.options.select, self.options.ignore, form)
        opts = self.request_options(select, ignore)
        size = len(source.text.encode("utf-8"))
        if size > opts.max_bytes:
            raise lt.ApiError(f"文字过长（{size / 1024 / 1024:.1f} MB，上限 {opts.max_bytes / 1024 / 1024:.0f} MB）"
                              f" / text too large")
        # Windows line ends keep their length (a space stands for the CR) so offsets stay the client's
        text = source.text.replace("\r\n", " \n").replace("\r", "\n")
        doc = self.lint(Document(text, path="<languagetool>"), opts)
        return lt.check_response(doc, source, self.summaries)


def claim_row(c: dict, to16: Utf16Offsets) -> dict:
    return {"line": c.get("line"), "column": c.get("column"), "raw": c["raw"], "value": c["value"],
            "unit": c["unit"], "metric": c["metric"], "period": c["period"], "role": ROLES.get(c["role"], c["role"]),
            "section": c["section"], "dimension": c["dimension"], "placeholder": c["placeholder"],
            "start16": to16(c["start"]), "end16": to16(c["end"])}


def text_docx(text: str) -> bytes:
    """A plain .docx with one paragraph per line, for annotating pasted text or a .txt upload."""
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def log_exception(what: str) -> None:
    """The operator's terminal gets the traceback; the page gets one line."""
    print(f"report-lint serve: {what} failed", file=sys.stderr)
    traceback.print_exc(file=sys.stderr)
