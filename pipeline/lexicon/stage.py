"""Stage `lexicon`: the wrong forms of one document, as ``Slip`` records for the RL8 rules.

A match counts only where the document's own segmentation agrees that it is a
unit: no jieba word may run across its first or last character (这样做风险
holds 做风 across 做|风险, which is no slip). Names in 《》 and short quoted
names are shielded: a title is spelled as its author spelled it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from pipeline.document import Document

SHIELD = re.compile(r"《[^《》\n]{1,60}》|“[^“”\n]{1,16}”|[0-9０-９A-Za-zＡ-Ｚａ-ｚ.．%％]+")


@dataclass(slots=True)
class Slip:
    start: int
    end: int
    wrong: str
    right: str
    level: str  # error | warning | info
    source: str
    kind: str  # wrong-word | normative | idiom | context
    note: str = ""
    score: float = 0.0  # the context check's gain; 0 for table matches


def shielded_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in SHIELD.finditer(text)]


class Shield:
    """The shielded spans of a text, looked for only around the candidates that are asked about.

    Table matches are few, so scanning 130 characters around each is cheaper than
    scanning a whole megabyte; ``whole()`` scans everything once for the context
    check, which asks about every character.
    """

    def __init__(self, text: str):
        self.text = text
        self.spans: Spans | None = None

    def whole(self) -> Spans:
        if self.spans is None:
            self.spans = Spans(shielded_spans(self.text))
        return self.spans

    def overlaps(self, start: int, end: int) -> bool:
        if self.spans is not None:
            return self.spans.overlaps(start, end)
        lo = max(0, start - 64)
        return any(m.start() + lo < end and m.end() + lo > start for m in SHIELD.finditer(self.text[lo:end + 64]))


class Spans:
    """Sorted, non-overlapping spans with an overlap test by bisection."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, end - 1) - 1
        return i >= 0 and self.ends[i] > start


def crosses_word(doc: Document, pos: int) -> bool:
    """Does a dictionary word of ``doc``'s segmentation run across offset ``pos``?

    A token that jieba's HMM made up from unknown characters (要持 in 要持之以衡)
    does not count: a slip is exactly what leaves such fragments.
    """
    starts = doc.token_starts()
    i = bisect.bisect_right(starts, pos) - 1
    if i < 0:
        return False
    t = doc.tokens[i]
    if not t.start < pos < t.end:
        return False
    from pipeline.segment import tokenizer

    return tokenizer().FREQ.get(t.text, 0) > 0


def run(doc: Document, options=None) -> None:
    from pipeline.lexicon.matcher import lexicon

    extra = tuple(getattr(options, "lexicon", ()) or ())
    exc = tuple(getattr(options, "lexicon_exceptions", ()) or ())
    shield = Shield(doc.text)
    slips: list[Slip] = []
    taken_until = -1
    for s, e, pair in lexicon(extra, exc).scan(doc.text):
        if s < taken_until:
            continue  # inside a longer match already taken
        if crosses_word(doc, s) or crosses_word(doc, e) or shield.overlaps(s, e):
            continue
        slips.append(Slip(s, e, pair.wrong, pair.right, pair.level, pair.source, pair.kind))
        taken_until = e
    from pipeline.lexicon.idioms import near_miss_idioms

    taken = Spans([(x.start, x.end) for x in slips])
    for slip in near_miss_idioms(doc, shield):
        if not taken.overlaps(slip.start, slip.end):
            slips.append(slip)
    if getattr(options, "deep", False):
        from pipeline.lexicon.context import context_slips

        taken = Spans(sorted((x.start, x.end) for x in slips))
        for slip in context_slips(doc, shield.whole()):
            if not taken.overlaps(slip.start, slip.end):
                slips.append(slip)
    slips.sort(key=lambda x: x.start)
    doc.slips = slips
