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
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.run import Run

from pipeline.document import Document, Finding
from pipeline.errors import InputError
from pipeline.word.fixes import choose_fixes
from pipeline.word.runs import W_RPR, W_T, XML_SPACE, RunIndex, split_all

if TYPE_CHECKING:
    from pipeline.config import Options

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # characters XML 1.0 cannot carry
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


def _empty_run(p):
    r = OxmlElement("w:r")
    ppr = p.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(r)
    else:
        p.insert(0, r)
    return r


@dataclass
class Anchor:
    """Where one finding's comment goes: characters [s, e) of paragraph ``a`` (to ``e`` of ``b`` when it
    runs over several paragraphs), or a fixed run (a footnote's reference mark)."""

    a: object = None
    s: int = 0
    b: object = None
    e: int = 0
    on_label: bool = False
    run: object = None


def anchor_of(doc: Document, f: Finding) -> Anchor | None:
    """The finding's span in paragraph coordinates, with generated labels cut off."""
    lines = doc.layout.lines
    start = min(f.start, max(0, len(doc.text) - 1))
    end = min(max(f.end, start + 1), len(doc.text))
    while start < end - 1 and doc.text[start] == "\n":  # a span that begins or ends on a line break
        start += 1
    while end - 1 > start and doc.text[end - 1] == "\n":
        end -= 1
    l1, c1 = doc.line_col(start)
    l2, c2 = doc.line_col(end - 1)
    a, b = lines[l1 - 1], lines[l2 - 1]
    if a.kind == "footnote":
        return Anchor(run=a.anchor) if a.anchor is not None else None
    s = c1 - 1 - a.prefix
    if l1 != l2 and b.kind == a.kind:
        return Anchor(a.p, max(0, s), b.p, c2 - b.prefix, s < 0)
    e = c2 - a.prefix if l1 == l2 else len(doc.line_text(l1)) - a.prefix
    return Anchor(a.p, max(0, s), a.p, e, s < 0)


def anchor_runs(anchor: Anchor, index: dict) -> tuple[list, bool]:
    """First and last run of an anchor (after splitting), and whether it had to fall back to the paragraph."""
    if anchor.run is not None:
        return [anchor.run], False
    first, last = index[anchor.a], index[anchor.b]
    if anchor.a is anchor.b:
        runs = first.runs(anchor.s, anchor.e)
        if runs:
            return runs, anchor.on_label
        runs = first.whole()
        return (runs or [_empty_run(anchor.a)]), True
    head = first.runs(anchor.s, 1 << 30) or first.whole()
    tail = last.runs(0, anchor.e) or last.whole()
    runs = head[:1] + tail[-1:]
    return (runs or [_empty_run(anchor.a)]), anchor.on_label


class CommentWriter:
    """Comments in python-docx's comments part, numbered and built here: its own ``add_comment`` rescans
    every comment for the next id (quadratic over thousands of findings) and adds text run by run. The
    range markers are python-docx's; falls back to its plain API if its internals move."""

    def __init__(self, wd) -> None:
        self.wd = wd
        self.comments = wd.comments  # creates the comments part (and its styles) when the draft has none
        self.elm = getattr(self.comments, "_comments_elm", None)
        self.next_id = None
        if self.elm is not None:
            ids = [int(c.get(qn("w:id"))) for c in self.elm.iterchildren(qn("w:comment"))
                   if (c.get(qn("w:id")) or "").isdigit()]
            self.next_id = max(ids, default=-1) + 1
        self.date = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def add(self, first, last, text: str) -> None:
        if self.next_id is None:
            self.wd.add_comment([Run(first, None), Run(last, None)], text=text, author=AUTHOR, initials=INITIALS)
            return
        from xml.sax.saxutils import escape

        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        cid = self.next_id
        self.next_id += 1
        style = '<w:pPr><w:pStyle w:val="CommentText"/></w:pPr>'
        paras = [f'<w:p>{style}<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>'
                 + (f'<w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r>' if line else "") + "</w:p>"
                 if i == 0 else f'<w:p>{style}<w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
                 for i, line in enumerate(NOT_XML.sub(" ", text).split("\n"))]
        self.elm.append(parse_xml(
            f'<w:comment {nsdecls("w")} w:id="{cid}" w:author="{AUTHOR}" w:initials="{INITIALS}" w:date="{self.date}">'
            + "".join(paras) + "</w:comment>"))
        Run(first, None).mark_comment_range(Run(last, None), cid)


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

    def replace(self, index: RunIndex, s: int, e: int, text: str) -> bool:
        """Tracked replacement of characters [s, e) (already run boundaries) by ``text``."""
        runs = index.runs(s, e)
        if runs:
            rpr = runs[0].find(W_RPR)
            last = None
            for r in runs:
                last = self.delete(r)
            if text:
                last.addnext(self.insert(text, rpr))
            return True
        at = index.at(s)
        if not text or at is None and not index.pieces:
            return False
        if at is not None:
            at.r.addprevious(self.insert(text, at.r.find(W_RPR)))
        else:
            end = index.pieces[-1].r
            end.addnext(self.insert(text, end.find(W_RPR)))
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
    anchors = [(f, anchor_of(doc, f)) for f in doc.findings]
    spots = []  # (paragraph, s, e) of each fix, in text order
    for f in fixes:
        line, col = doc.line_col(f.start)
        info = doc.layout.lines[line - 1]
        spots.append((info.p, col - 1 - info.prefix, col - 1 - info.prefix + f.end - f.start))
    cuts: dict = {}
    for _, an in anchors:
        if an is not None and an.run is None:
            cuts.setdefault(an.a, []).append(an.s)
            cuts.setdefault(an.b, []).append(an.e)
            if an.a is not an.b:
                cuts.setdefault(an.a, [])
    for p, s, e in spots:
        cuts.setdefault(p, []).extend((s, e))
    index = {}
    for p, offsets in cuts.items():
        split_all(p, offsets)
        index[p] = RunIndex(p)
    writer = CommentWriter(wd)
    comments = 0
    for f, an in anchors:
        if an is None:
            continue
        runs, on_label = anchor_runs(an, index)
        writer.add(runs[0], runs[-1], comment_text(f, id(f) in fixed, on_label))
        comments += 1
    revisions = 0
    if fixes:
        rev = Revisions(wd.element)
        for f, (p, s, e) in sorted(zip(fixes, spots, strict=True), key=lambda x: x[0].start, reverse=True):
            revisions += rev.replace(index[p], s, e, f.replacement or "")
    buf = io.BytesIO()
    wd.save(buf)
    edited = {wd.part.partname.lstrip("/")} if comments or revisions else set()
    return Annotated(keep_untouched_parts(doc.layout.data, buf.getvalue(), edited), comments, revisions)


def keep_untouched_parts(original: bytes, saved: bytes, edited: set[str] = frozenset()) -> bytes:
    """python-docx rewrites every XML part on save (quotes, declarations); put back the original bytes of
    each part whose canonical XML did not change, so only the parts we edited differ."""
    if not original:
        return saved
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=True)

    def canonical(blob: bytes) -> bytes | None:
        try:
            return etree.tostring(etree.fromstring(blob, parser), method="c14n")
        except etree.LxmlError:
            return None

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as old, zipfile.ZipFile(io.BytesIO(saved)) as new, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        before = {i.filename for i in old.infolist()}
        for info in new.infolist():
            blob = new.read(info)
            if info.filename in before and info.filename not in edited:
                first = old.read(info.filename)
                if first == blob:
                    pass
                elif blob.lstrip().startswith(b"<?xml"):
                    now = canonical(blob)
                    if now is not None and canonical(first) == now:
                        blob = first
            dst.writestr(info.filename, blob)
    return out.getvalue()


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
    from pipeline.reader import empty_file
    from pipeline.word.layout import read_word_bytes

    options = options or Options()
    if not data:
        raise InputError(empty_file(name))
    if len(data) > options.max_bytes:
        raise InputError(f"文件过大（{len(data) / 1024 / 1024:.1f} MB，上限 {options.max_bytes / 1024 / 1024:.0f} MB）"
                         f" / file too large: {name}")
    doc = read_word_bytes(data, name, Path(name).suffix.lower() or ".docx", options.max_bytes)
    if doc is None:
        raise InputError(f"不支持该格式，请另存为 .docx 后再试 / unsupported format, save as .docx: {name}")
    analyse(doc, options)
    return annotate_document(doc, fix_tracked, unsafe_fixes).data
