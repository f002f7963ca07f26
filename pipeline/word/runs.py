"""The characters of one Word paragraph and the runs that hold them.

A paragraph's visible text is spread over ``w:r`` runs (inside hyperlinks,
insertions, content controls …); deleted text, field codes and text boxes are
not part of it. ``pieces`` maps every visible character to its run, and
``split_all`` splits runs (copying their ``w:rPr``, so formatting is unchanged)
until a character range is made of whole runs, as comments and revisions need.
"""

from __future__ import annotations

import bisect
import copy
from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn

W_R = qn("w:r")
W_T = qn("w:t")
W_RPR = qn("w:rPr")
HIDDEN = f"{W_RPR}/{qn('w:vanish')}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
SKIP = {qn("w:pPr"), qn("w:del"), qn("w:moveFrom"), qn("w:sdtPr"), qn("w:sdtEndPr"), MC_FALLBACK,
        qn("w:txbxContent")}
SHOWN = {qn("w:tab"): "\t", qn("w:ptab"): "\t", qn("w:br"): " ", qn("w:cr"): " ", qn("w:noBreakHyphen"): "-"}
# characters that would change the line structure of the text the stages see
FLATTEN = str.maketrans({"\n": " ", "\r": " ", "\u2028": " ", "\u2029": " ", "\x0b": " ", "\x0c": " "})


@dataclass(slots=True)
class Piece:
    """One stretch of visible text: a ``w:t`` (editable) or a tab/break (one character)."""

    start: int
    text: str
    r: Any
    child: Any
    editable: bool


def iter_runs(el):
    """The runs whose text Word shows in this paragraph, in order."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in SKIP:
            continue
        if tag == W_R:
            yield child
        else:
            yield from iter_runs(child)


def hidden(r) -> bool:
    """Hidden text (``w:vanish``): Word does not show or print it."""
    vanish = r.find(HIDDEN)
    return vanish is not None and vanish.get(qn("w:val")) not in ("0", "false", "off")


def pieces(p) -> list[Piece]:
    out: list[Piece] = []
    pos = 0
    for r in iter_runs(p):
        if hidden(r):
            continue
        for child in r:
            tag = child.tag
            if tag == W_T:
                text = (child.text or "").translate(FLATTEN)
            elif tag in SHOWN:
                text = SHOWN[tag]
            else:
                continue
            if text:
                out.append(Piece(pos, text, r, child, tag == W_T))
                pos += len(text)
    return out


def visible_text(p) -> str:
    return "".join(pc.text for pc in pieces(p))


def _content(r) -> list:
    return [c for c in r if c.tag != W_RPR]


def split_run(r, child, k: int) -> None:
    """Move ``child`` from character ``k`` on, and every later child, into a copy of ``r`` placed after it."""
    kids = _content(r)
    i = kids.index(child)
    if k == 0 and i == 0:
        return
    new = copy.deepcopy(r)
    new_kids = _content(new)
    if k > 0:
        text = child.text or ""
        child.text, new_kids[i].text = text[:k], text[k:]
        for t in (child, new_kids[i]):
            t.set(XML_SPACE, "preserve")
        drop_here, drop_there = kids[i + 1:], new_kids[:i]
    else:
        drop_here, drop_there = kids[i:], new_kids[:i]
    for c in drop_here:
        r.remove(c)
    for c in drop_there:
        new.remove(c)
    r.addnext(new)


def split_all(p, offsets) -> None:
    """Make every offset a run boundary in one pass (right to left, so the pieces found stay valid)."""
    cuts = sorted({o for o in offsets if o > 0})
    if not cuts:
        return
    for pc in reversed(pieces(p)):
        lo = bisect.bisect_left(cuts, pc.start)
        hi = bisect.bisect_left(cuts, pc.start + len(pc.text))
        for o in reversed(cuts[lo:hi]):
            split_run(pc.r, pc.child, o - pc.start)


class RunIndex:
    """The pieces of one paragraph after ``split_all``: the runs of a range found by bisection."""

    def __init__(self, p) -> None:
        self.p = p
        self.pieces = pieces(p)
        self.starts = [pc.start for pc in self.pieces]

    def runs(self, start: int, end: int) -> list:
        out: list = []
        for pc in self.pieces[bisect.bisect_left(self.starts, start):bisect.bisect_left(self.starts, end)]:
            if not out or out[-1] is not pc.r:
                out.append(pc.r)
        return out

    def whole(self) -> list:
        return self.runs(0, self.starts[-1] + 1) if self.pieces else []

    def at(self, offset: int) -> Piece | None:
        i = bisect.bisect_left(self.starts, offset)
        return self.pieces[i] if i < len(self.pieces) else None
