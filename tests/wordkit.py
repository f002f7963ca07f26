"""Test helpers for Word files: build drafts with auto-numbering and mixed runs, read comments, accept changes."""

from __future__ import annotations

import io
import re

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor

from pipeline.vocab.numerals import LABEL_DIGITS

LABEL = re.compile(rf"^(?:([{LABEL_DIGITS}]+)是|第([{LABEL_DIGITS}]+)，)")
W_P = qn("w:p")


def add_list(document, lvl_text: str, fmt: str = "chineseCounting", start: int = 1) -> str:
    """A one-level list in numbering.xml; returns its numId."""
    numbering = document.part.numbering_part.element
    ab_ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.iterchildren(qn("w:abstractNum"))]
    num_ids = [int(n.get(qn("w:numId"))) for n in numbering.iterchildren(qn("w:num"))]
    ab_id, num_id = max(ab_ids, default=0) + 1, max(num_ids, default=0) + 1
    ab = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{ab_id}"><w:multiLevelType w:val="singleLevel"/>'
        f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{lvl_text}"/><w:suff w:val="nothing"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>'
    )
    first_num = next(numbering.iterchildren(qn("w:num")), None)
    if first_num is not None:
        first_num.addprevious(ab)
    else:
        numbering.append(ab)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{ab_id}"/></w:num>'))
    return str(num_id)


def set_num(paragraph, num_id: str, ilvl: int = 0) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def add_mixed_runs(paragraph, text: str) -> None:
    """The text in runs of 1–6 characters with changing bold/italic/colour/size, as pasted drafts have."""
    i = k = 0
    while i < len(text):
        n = 1 + (k * 5) % 6
        run = paragraph.add_run(text[i:i + n])
        run.bold = k % 3 == 0
        run.italic = k % 4 == 1
        if k % 5 == 2:
            run.font.color.rgb = RGBColor(0x80, 0, 0)
        run.font.size = Pt(14 + k % 3)
        i += n
        k += 1


def build_draft(lines: list[str], table: list[list[str]] | None = None, table_after: int | None = None) -> bytes:
    """A .docx of ``lines``: 一是…/第一，… labels become Word auto-numbering, text goes into mixed runs."""
    document = docx.Document()
    shi = di = None
    for i, line in enumerate(lines):
        p = document.add_paragraph()
        m = LABEL.match(line)
        if m:
            if m.group(1):
                shi = shi or add_list(document, "%1是")
                set_num(p, shi)
            else:
                di = di or add_list(document, "第%1，")
                set_num(p, di)
            line = line[m.end():]
        add_mixed_runs(p, line)
        if table and table_after == i:
            t = document.add_table(rows=len(table), cols=len(table[0]))
            for r, row in enumerate(table):
                for c, value in enumerate(row):
                    t.cell(r, c).paragraphs[0].add_run(value)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


VISIBLE = {qn("w:t"): None, qn("w:tab"): "\t", qn("w:br"): " ", qn("w:cr"): " "}


def comment_ranges(data: bytes) -> dict[str, str]:
    """Comment id → the visible text between its range markers in the body."""
    body = docx.Document(io.BytesIO(data)).element.body
    open_ids: list[str] = []
    out: dict[str, str] = {}
    for el in body.iter():
        tag = el.tag
        if tag == qn("w:commentRangeStart"):
            open_ids.append(el.get(qn("w:id")))
            out[el.get(qn("w:id"))] = ""
        elif tag == qn("w:commentRangeEnd"):
            open_ids.remove(el.get(qn("w:id")))
        elif tag in VISIBLE and not any(a.tag == qn("w:del") for a in el.iterancestors()):
            text = el.text or "" if tag == qn("w:t") else VISIBLE[tag]
            for cid in open_ids:
                out[cid] += text
    return out


def comments(data: bytes) -> list[tuple[str, str, str]]:
    """(id, author, text) of every comment."""
    document = docx.Document(io.BytesIO(data))
    return [(str(c.comment_id), c.author, c.text) for c in document.comments]


def accept_all(data: bytes) -> bytes:
    """What Word's "accept all changes" leaves: deletions gone, insertions kept as plain runs."""
    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    for d in list(body.iter(qn("w:del"))):
        d.getparent().remove(d)
    for ins in list(body.iter(qn("w:ins"))):
        parent = ins.getparent()
        for child in list(ins):
            ins.addprevious(child)
        parent.remove(ins)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def paragraph_xml(data: bytes) -> list[bytes]:
    from lxml import etree

    body = docx.Document(io.BytesIO(data)).element.body
    return [etree.tostring(p) for p in body.iter(W_P)]


def part_changes(before: bytes, after: bytes) -> tuple[set[str], set[str], set[str]]:
    """(added, removed, changed) zip members between two .docx files, byte for byte."""
    import zipfile

    a, b = zipfile.ZipFile(io.BytesIO(before)), zipfile.ZipFile(io.BytesIO(after))
    old = {i.filename: a.read(i) for i in a.infolist()}
    new = {i.filename: b.read(i) for i in b.infolist()}
    return set(new) - set(old), set(old) - set(new), {k for k in old if k in new and old[k] != new[k]}


# Runs report-lint in a fresh process and prints its peak memory (VmHWM) to stderr.
PROBE = """
import sys
from pipeline.cli import main
sys.argv = ["report-lint", *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    code = exc.code
peak = next(ln.split()[1] for ln in open("/proc/self/status") if ln.startswith("VmHWM"))  # reset by exec
print("PEAK_KB", peak, file=sys.stderr)
sys.exit(code)
"""
