"""Write findings back into a copy of the .docx: one 批注 per finding, safe fixes as tracked changes.

Comments are anchored on exactly the characters a finding names: runs are split
at its edges (each half keeps the run's ``w:rPr``), python-docx's comments API
places the range. A finding on a generated list label is anchored on its
paragraph. Fixes become ``w:del``/``w:ins`` pairs by author report-lint, applied
right to left within a paragraph so earlier offsets stay valid. Paragraphs
without findings are not touched.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.run import Run

from pipeline.document import Document, Finding
from pipeline.reader import InputError
from pipeline.word.fixes import choose_fixes
from pipeline.word.runs import W_RPR, W_T, XML_SPACE, isolate, pieces, split_at

if TYPE_CHECKING:
    from pipeline.config import Options

AUTHOR = "report-lint"
INITIALS = "RL"
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


@dataclass
class Annotated:
    data: bytes
    comments: int
    revisions: int


def comment_text(f: Finding, fixed: bool, on_label: bool) -> str:
    """Rule, message, suggestion: what the writer reads in the margin."""
    lines = [f"{f.code} {f.rule}［{SEVERITY_ZH.get(f.severity, f.severity)}］：{f.message}"]
    if on_label:
        lines[0] += "（所指为自动编号）"
    if f.suggestion:
        lines.append(f"建议：{f.suggestion}")
    if fixed:
        lines.append("已作为修订写入，可在“审阅”中接受或拒绝。")
    return "\n".join(lines)


def _whole(p) -> list:
    runs: list = []
    for pc in pieces(p):
        if not runs or runs[-1] is not pc.r:
            runs.append(pc.r)
    return runs


def _empty_run(p):
    r = OxmlElement("w:r")
    ppr = p.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(r)
    else:
        p.insert(0, r)
    return r


def anchor_runs(doc: Document, f: Finding) -> tuple[list, bool]:
    """First and last run of the finding's characters (split out), and whether it fell on a label."""
    lines = doc.layout.lines
    start = min(f.start, max(0, len(doc.text) - 1))
    end = min(max(f.end, start + 1), len(doc.text))
    l1, c1 = doc.line_col(start)
    l2, c2 = doc.line_col(end - 1)
    a, b = lines[l1 - 1], lines[l2 - 1]
    if a.kind == "footnote":
        return ([a.anchor] if a.anchor is not None else []), False
    s = c1 - 1 - a.prefix
    on_label = s < 0
    s = max(0, s)
    if l1 != l2 and b.kind == a.kind:
        first = isolate(a.p, s, len(doc.line_text(l1)) - a.prefix) or _whole(a.p)
        last = isolate(b.p, 0, c2 - b.prefix) or _whole(b.p)
        runs = first[:1] + last[-1:]
    else:
        e = c2 - a.prefix if l1 == l2 else len(doc.line_text(l1)) - a.prefix
        runs = isolate(a.p, s, e) if e > s else []
        if not runs:
            runs, on_label = _whole(a.p), True
    if not runs:
        runs = [_empty_run(a.p)]
    return runs, on_label


def _max_id(root) -> int:
    key = qn("w:id")
    best = 0
    for el in root.iter():
        v = el.get(key) if isinstance(el.tag, str) else None
        if v and v.lstrip("-").isdigit():
            best = max(best, int(v))
    return best


class Revisions:
    """Tracked changes by report-lint, numbered after every id already in the document."""

    def __init__(self, root) -> None:
        self.next_id = _max_id(root) + 1
        self.date = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def mark(self, tag: str):
        el = OxmlElement(tag, {qn("w:id"): str(self.next_id), qn("w:author"): AUTHOR, qn("w:date"): self.date})
        self.next_id += 1
        return el

    def delete(self, r):
        d = self.mark("w:del")
        r.addprevious(d)
        d.append(r)
        for child in r.iter(W_T, qn("w:instrText")):
            child.tag = qn("w:delText") if child.tag == W_T else qn("w:delInstrText")
        return d

    def insert(self, text: str, rpr):
        ins = self.mark("w:ins")
        r = OxmlElement("w:r")
        if rpr is not None:
            r.append(copy.deepcopy(rpr))
        t = OxmlElement("w:t")
        t.text = text
        t.set(XML_SPACE, "preserve")
        r.append(t)
        ins.append(r)
        return ins

    def replace(self, p, s: int, e: int, text: str) -> bool:
        runs = isolate(p, s, e)
        if runs:
            rpr = runs[0].find(W_RPR)
            last = None
            for r in runs:
                last = self.delete(r)
            if text:
                last.addnext(self.insert(text, rpr))
            return True
        if not text:
            return False
        split_at(p, s)
        at = next((pc for pc in pieces(p) if pc.start >= s), None)
        if at is not None:
            at.r.addprevious(self.insert(text, at.r.find(W_RPR)))
            return True
        whole = _whole(p)
        if not whole:
            return False
        whole[-1].addnext(self.insert(text, whole[-1].find(W_RPR)))
        return True


def annotate_document(doc: Document, fix_tracked: bool = False, unsafe_fixes: bool = False) -> Annotated:
    """The .docx bytes of ``doc`` (read by pipeline.word, already analysed) with comments and revisions.

    Edits the python-docx document held in ``doc.layout``: call once per Document.
    """
    if doc.layout is None:
        raise InputError(f"只能为 Word 文件写批注 / comments need a .docx input: {doc.path}")
    wd = doc.layout.docx
    fixes = choose_fixes(doc, doc.findings, unsafe_fixes) if fix_tracked else []
    fixed = {id(f) for f in fixes}
    comments = 0
    for f in doc.findings:
        runs, on_label = anchor_runs(doc, f)
        if not runs:
            continue
        wd.add_comment([Run(runs[0], None), Run(runs[-1], None)], text=comment_text(f, id(f) in fixed, on_label),
                       author=AUTHOR, initials=INITIALS)
        comments += 1
    revisions = 0
    if fixes:
        rev = Revisions(wd.element)
        for f in sorted(fixes, key=lambda f: f.start, reverse=True):
            line, col = doc.line_col(f.start)
            info = doc.layout.lines[line - 1]
            s = col - 1 - info.prefix
            revisions += rev.replace(info.p, s, s + f.end - f.start, f.replacement or "")
    buf = io.BytesIO()
    wd.save(buf)
    return Annotated(buf.getvalue(), comments, revisions)


def default_output(path: str) -> Path:
    """draft.docx → draft.report-lint.docx beside it (a .doc/.wps gets a .docx copy too)."""
    p = Path(path)
    return p.with_name(f"{p.stem}.report-lint.docx")


def write_copy(data: bytes, out: Path, source: str, force: bool) -> None:
    """Write the annotated copy; never over the input, never over a file unless ``force``."""
    src = Path(source)
    if src.exists() and out.exists() and out.resolve() == src.resolve():
        raise InputError(f"输出文件不能覆盖原稿 / refusing to overwrite the input: {out}")
    if out.exists() and not force:
        raise InputError(f"输出文件已存在，如需覆盖请加 --force / output exists (use --force): {out}")
    try:
        with open(out, "wb" if force else "xb") as fh:
            fh.write(data)
    except FileExistsError as exc:
        raise InputError(f"输出文件已存在，如需覆盖请加 --force / output exists (use --force): {out}") from exc
    except OSError as exc:
        raise InputError(f"无法写出批注副本（{exc.strerror or exc}）/ cannot write {out}") from exc


def annotate_bytes(data: bytes, *, name: str = "draft.docx", options: Options | None = None,
                   fix_tracked: bool = False, unsafe_fixes: bool = False) -> bytes:
    """Lint a .docx given as bytes and return the annotated copy's bytes (InputError on a bad file)."""
    from pipeline.config import Options
    from pipeline.lint import analyse
    from pipeline.word.layout import read_word_bytes

    options = options or Options()
    if not data:
        raise InputError(f"文件为空，没有可检查的内容 / empty file: {name}")
    if len(data) > options.max_bytes:
        raise InputError(f"文件过大（{len(data) / 1024 / 1024:.1f} MB，上限 {options.max_bytes / 1024 / 1024:.0f} MB）"
                         f" / file too large: {name}")
    doc = read_word_bytes(data, name, Path(name).suffix.lower() or ".docx", options.max_bytes)
    if doc is None:
        raise InputError(f"不支持该格式，请另存为 .docx 后再试 / unsupported format, save as .docx: {name}")
    analyse(doc, options)
    return annotate_document(doc, fix_tracked, unsafe_fixes).data
