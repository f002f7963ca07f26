"""Stage ``outline``: the item tree, sibling series, report sections and count claims.

Heading levels are inferred the way a reader infers them: a label family seen
for the first time under another one is its child; a family already open is a
sibling of that open item. So a draft that puts （一） above 一、 gets a tree
that says so, and the level rules compare it with the conventional order
一、 > （一） > 1. > （1）. Inline series (一是…二是…, 第一，…, 首先…其次…) hang
under the item or heading whose text contains them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pipeline.document import Document
from pipeline.parts import APPENDIX, BODY
from pipeline.structure.frames import Deviation, Frame, find_deviation, induce
from pipeline.structure.labels import (
    CN_DIGITS,
    CN_NUM,
    HEADING_RANK,
    INLINE_FAMILIES,
    LabelMatch,
    bare_label,
    heading_label,
    inline_labels,
    markup_prefix,
)
from pipeline.structure.sections import APPENDIX_SECTION, FURNITURE_SECTION, assign_sections
from pipeline.vocab.ordinals import LATER_SEQUENCE

HEADING_END = re.compile(r"[。！？；;!?]")
FIRST_CLAUSE = re.compile(r"[，,：:]")
NEXT_CLAUSE_LABEL = re.compile(
    rf"(?:[；;。，,]\s*)(?:{CN_NUM}[是要]|第{CN_NUM}[，,、]|{LATER_SEQUENCE})"
)


@dataclass(eq=False)
class Item:
    label: str
    style: str
    family: str
    level: int
    number: int
    start: int
    end: int
    heading: str
    heading_start: int
    heading_end: int
    paragraph: int
    inline: bool  # a clause ordinal (一是 / 第一， / 首先), wherever it stands, rather than a heading label
    paragraphs: list[int] = field(default_factory=list)
    parent: Item | None = None
    children: list[Item] = field(default_factory=list)
    section: str | None = None
    series: Series | None = None
    dimension: str | None = None
    confidence: float | None = None
    body_end: int = 0  # offset where this item's text ends
    standalone: bool = False  # opens a paragraph that is only a heading ("第一，全国动员，大办农业")
    part: int = 0  # 0: the body; k: the k-th appendix (its numbering and levels start afresh)

    @property
    def rank(self) -> int | None:
        """Conventional heading rank (一、=0 … ①=4); None for inline families."""
        return HEADING_RANK.get(self.family)

    @property
    def loose(self) -> bool:
        """A clause ordinal (一是…) that does not stand as a heading line of its own."""
        return self.family in INLINE_FAMILIES and not self.standalone

    def text(self, doc: Document) -> str:
        """Heading and body: the unit a dimension classifier reads."""
        return doc.text[self.end:self.body_end].strip()

    def to_dict(self, doc: Document) -> dict[str, Any]:
        line, col = doc.line_col(self.start)
        return {
            "label": self.label, "style": self.style, "level": self.level, "number": self.number,
            "line": line, "column": col, "heading": self.heading, "section": self.section,
            "inline": self.inline, "dimension": self.dimension,
            "confidence": None if self.confidence is None else round(float(self.confidence), 4),
            "frame": self.series.frame.pattern if self.series and self.series.frame else None,
            "children": [c.to_dict(doc) for c in self.children],
        }

    def __repr__(self) -> str:  # keep parent/children out of it
        return f"Item({self.label!r}, {self.heading[:12]!r}, level={self.level}, section={self.section})"


@dataclass(eq=False)
class Series:
    """Sibling items with one label family under one parent, numbered as one run."""

    items: list[Item]
    parent: Item | None
    family: str
    section: str | None = None
    frame: Frame | None = None
    deviation: Deviation | None = None  # the one item that breaks the frame the others share
    basis: str = "heading"  # what the frame was induced from: whole headings or their first clauses

    def frame_text(self, item: Item) -> str:
        """The part of an item's heading the frame describes."""
        if self.basis == "clause":
            return FIRST_CLAUSE.split(item.heading, 1)[0]
        return item.heading

    @property
    def numbers(self) -> list[int]:
        return [it.number for it in self.items]

    def __repr__(self) -> str:
        return f"Series({[it.label for it in self.items]}, section={self.section})"


@dataclass
class CountClaim:
    """以下六个方面 / 做到“四个到位”：a number of things the text promises to list."""

    start: int
    end: int
    claimed: int
    kind: str  # "items" (linked to a series) | "quoted" (a 即/：list after a quoted slogan)
    found: int | None  # how many the text actually lists; None when nothing could be linked
    series: Series | None = None
    keyword: str = ""


@dataclass
class Outline:
    items: list[Item] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    sections: list[tuple[str, int, int]] = field(default_factory=list)
    counts: list[CountClaim] = field(default_factory=list)

    @property
    def roots(self) -> list[Item]:
        return [it for it in self.items if it.parent is None]

    def in_section(self, name: str) -> list[Item]:
        return [it for it in self.items if it.section == name]

    def top_series(self, section: str) -> list[Series]:
        """The outermost series of a section (e.g. the six summary items)."""
        found = [s for s in self.series if s.section == section and len(s.items) >= 2]
        return [s for s in found if not any(_inside(s, o) for o in found if o is not s)]


def _inside(s: Series, o: Series) -> bool:
    p = s.parent
    while p is not None:
        if p.series is o:
            return True
        p = p.parent
    return False


# ---------------------------------------------------------------------------
def build(doc: Document) -> Outline:
    paras = doc.paragraphs
    part_of = _part_numbers(doc)
    heads: list[LabelMatch | None] = [heading_label(p.text) if k >= 0 else None for p, k in zip(paras, part_of,
                                                                                                   strict=True)]
    _bare_labels(doc, heads, part_of)
    inlines: list[list[LabelMatch]] = []
    for p, h, k in zip(paras, heads, part_of, strict=True):
        found = inline_labels(p.text) if k >= 0 else []
        if h is not None:
            found = [m for m in found if m.start >= h.end]
        inlines.append(found)
    opens = [markup_prefix(p.text) for p in paras]  # where a label opening the paragraph would start
    labelled = [h is not None or bool(ils and ils[0].start == o)
                for h, ils, o in zip(heads, inlines, opens, strict=True)]
    sections = _sections(paras, part_of, labelled, heads)
    for p, s in zip(paras, sections, strict=True):
        p.section = s

    outline = Outline()
    stacks: dict[int, list[Item]] = {0: []}
    stack = stacks[0]
    prev_section = None
    prev_part = 0
    for p, head, ils, at, part in zip(paras, heads, inlines, opens, part_of, strict=True):
        if part != prev_part and part >= 0:
            stack = stacks.setdefault(part, [])  # an appendix numbers and nests its headings afresh
            prev_part = part
        if p.section != prev_section:
            while stack and stack[-1].loose:
                stack.pop()
            prev_section = p.section
        lead: Item | None = None
        opener = head
        if opener is None and ils and ils[0].start == at:
            opener, ils = ils[0], ils[1:]
        if opener is not None:
            while stack and stack[-1].loose:
                stack.pop()
            standalone = not opener.inline or _standalone(p.text, opener)
            if opener.family in [it.family for it in stack]:
                while stack[-1].family != opener.family:
                    stack.pop()
                stack.pop()
            lead = _make_item(doc, p, opener, stack[-1] if stack else None, labelled)
            lead.standalone = standalone
            lead.part = part
            stack.append(lead)
        if lead is not None:
            outline.items.append(lead)
            p.item = lead
        for m in ils:
            if lead is not None and m.family == lead.family:
                parent = lead.parent  # 一是…。二是… inside one paragraph: siblings
            elif lead is not None:
                parent = lead
            else:
                same = next((it for it in reversed(stack) if it.family == m.family), None)
                if same is not None:
                    parent = same.parent  # 三是…（heading line）then …。四是… in the body: siblings
                else:
                    # clause ordinals in an unlabelled paragraph belong to the enclosing heading
                    parent = next((it for it in reversed(stack) if not it.loose), None)
            inner = _make_item(doc, p, m, parent)
            inner.part = part
            outline.items.append(inner)
    outline.items.sort(key=lambda it: it.start)
    for it in outline.items:
        if it.parent is not None:
            it.parent.children.append(it)
        it.level = 0 if it.parent is None else it.parent.level + 1
    _bodies(doc, outline.items)
    outline.series = _series(outline.items)
    outline.sections = _section_spans(sections)
    for s in outline.series:
        _series_frame(s)
    return outline


def _bare_labels(doc: Document, heads: list[LabelMatch | None], part_of: list[int]) -> None:
    """Accept 一信访工作 as the label 一、 where the run of 一、 labels around it lacks exactly that number.

    The label must open a line shaped like its siblings (a heading alone, or a short
    heading sentence with text after it) and fill a gap: its neighbour number is a 一、
    label before or after it, and its own number is not.
    """
    numbers: dict[int, dict[int, int]] = {}  # part -> number -> paragraph index of a 一、 label
    shapes: dict[int, list[bool]] = {}  # part -> whether each 一、 line is a heading alone
    for i, (h, k) in enumerate(zip(heads, part_of, strict=True)):
        if h is not None and h.family == "cn_num" and k >= 0:
            numbers.setdefault(k, {}).setdefault(h.number, i)
            shapes.setdefault(k, []).append(_heading_alone(doc.paragraphs[i].text[h.end:]))
    if not numbers:
        return
    for i, p in enumerate(doc.paragraphs):
        k = part_of[i]
        if heads[i] is not None or k not in numbers or not BARE_START.match(p.text):
            continue
        words = doc.words_in(p.start, p.end)
        m = bare_label(p.text, words[0] if words else "")
        if m is None or len(HEADING_END.split(p.text[m.end:], 1)[0]) > BARE_HEADING:
            continue
        alone = shapes[k]
        if _heading_alone(p.text[m.end:]) != (2 * sum(alone) >= len(alone)):
            continue  # 六稳六保工作扎实推进，… among heading lines is prose, not a heading
        have = numbers[k]
        before, after = have.get(m.number - 1), have.get(m.number + 1)
        if m.number in have or not ((before is not None and before < i) or (after is not None and after > i)):
            continue
        heads[i] = m


BARE_START = re.compile(rf"^[{CN_DIGITS}]")
BARE_HEADING = 30  # a heading's first sentence; longer text opening with a numeral is prose


def _heading_alone(rest: str) -> bool:
    """A line that is a heading and nothing else: short, no sentence mark at all."""
    return len(rest) <= 40 and not HEADING_END.search(rest)


def _part_numbers(doc: Document) -> list[int]:
    """Per paragraph: 0 in the body, k in the k-th appendix, -1 in web-page furniture."""
    out = [0 if p.part == BODY else -1 for p in doc.paragraphs]
    for k, part in enumerate((x for x in doc.parts if x.kind == APPENDIX), start=1):
        for i in range(part.first, part.last + 1):
            out[i] = k
    return out


def _sections(paras, part_of: list[int], labelled: list[bool], heads: list) -> list[str]:
    """Report sections of the body; appendices and furniture are sections of their own."""
    body = [i for i, k in enumerate(part_of) if k == 0]
    out = [APPENDIX_SECTION if k > 0 else FURNITURE_SECTION for k in part_of]
    found = assign_sections([paras[i].text for i in body], [labelled[i] for i in body],
                            [heads[i] is not None for i in body])
    for i, s in zip(body, found, strict=True):
        out[i] = s
    return out


def _standalone(text: str, m: LabelMatch) -> bool:
    """第一，全国动员，大办农业 (a heading line) as opposed to 一是参谋辅政更到位。紧紧围绕…"""
    rest = text[m.end:].strip(" \u3000，,：:*_")
    return len(rest) <= 40 and not HEADING_END.search(rest.rstrip("。"))


def _make_item(doc: Document, p, m: LabelMatch, parent: Item | None, labelled: list[bool] | None = None) -> Item:
    start = p.start + m.start
    end = p.start + m.end
    rest = p.text[m.end:]
    text_start = end
    if not rest.strip(" \u3000，,：:*_") and labelled is not None and p.index + 1 < len(doc.paragraphs) \
            and not labelled[p.index + 1]:
        # "第二、" alone on its line: the heading is the next paragraph
        nxt = doc.paragraphs[p.index + 1]
        rest, text_start = nxt.text, nxt.start
    stop = HEADING_END.search(rest)
    cut = stop.start() if stop else len(rest)
    if m.inline:
        nxt = NEXT_CLAUSE_LABEL.search(rest[:cut])
        if nxt:
            cut = nxt.start()
    heading = rest[:cut]
    lead_strip = len(heading) - len(heading.lstrip(" \u3000，,：:*_、．"))
    heading = heading.strip(" \u3000，,：:*_、．")
    hs = text_start + lead_strip
    return Item(label=m.label, style=m.style, family=m.family, level=0, number=m.number, start=start, end=end,
                heading=heading, heading_start=hs, heading_end=hs + len(heading), paragraph=p.index,
                inline=m.inline, parent=parent, section=p.section)


def _bodies(doc: Document, items: list[Item]) -> None:
    """Paragraphs and end offset of each item's text.

    An item that opens its paragraph also takes the unlabelled paragraphs after it
    (and those of its sub-items); an item inside a paragraph ends where its next
    sibling starts. A clause ordinal ends its body at the next labelled paragraph.
    """
    paras = doc.paragraphs
    openers = {it.paragraph: it for it in items if it.start == paras[it.paragraph].start + markup_prefix(
        paras[it.paragraph].text)}
    next_sib: dict[int, Item] = {}
    last: dict[tuple[int, int, str], Item] = {}
    for it in items:  # items are in text order: the next sibling in the same paragraph
        key = (it.paragraph, id(it.parent), it.family)
        if key in last:
            next_sib[id(last[key])] = it
        last[key] = it
    for it in items:
        p = paras[it.paragraph]
        sib = next_sib.get(id(it))
        body = [p.index]
        if sib is None and openers.get(p.index) is it:
            j = p.index + 1
            while j < len(paras) and paras[j].section == p.section:
                opener = openers.get(j)
                if opener is not None and (it.loose or not _descends(opener, it)):
                    break
                body.append(j)
                j += 1
        it.paragraphs = body
        it.body_end = sib.start if sib is not None else paras[body[-1]].end


def _descends(item: Item | None, ancestor: Item) -> bool:
    while item is not None:
        if item.parent is ancestor:
            return True
        item = item.parent
    return False


def _series(items: list[Item]) -> list[Series]:
    """Group siblings into series; numbering restarts at 一 (the plan's 一是 starts a new series)."""
    out: list[Series] = []
    open_: dict[tuple, list[Series]] = {}
    for it in items:
        key = (id(it.parent), it.family, it.part)
        runs = open_.setdefault(key, [])
        cur = runs[-1] if runs else None
        if cur is not None and it.number > 1 and it.number != cur.items[-1].number + 1:
            # an inner list reused the family (一、…五、 inside 二、): resume the run this one continues
            cur = next((s for s in reversed(runs) if s.items[-1].number + 1 == it.number), cur)
        if cur is None or it.number == 1:
            cur = Series(items=[], parent=it.parent, family=it.family, section=it.section)
            runs.append(cur)
            out.append(cur)
        cur.items.append(it)
        it.series = cur
    for runs in open_.values():
        for a, b in zip(runs, runs[1:], strict=False):
            if _repeated_first(a, b):
                a.items.extend(b.items)  # 一是…一是…二是…: one run whose 一 is written twice
                for it in b.items:
                    it.series = a
                b.items = []
    out = [s for s in out if s.items]
    for s in out:
        secs = [it.section for it in s.items]
        s.section = max(secs, key=secs.count)  # ties go to the first section (a set would make it vary by run)
    return out


def _repeated_first(a: Series, b: Series) -> bool:
    """Is ``b`` the continuation of ``a`` with its first label repeated (一是, 一是, 二是 …)?

    Two runs of one item each (一是A，一是B) are the old idiom "the one…, the other…",
    and a lone 一是 paragraphs away is its own list; neither is merged.
    """
    if len(a.items) != 1 or len(b.items) < 2 or a.items[0].number != 1 or b.items[1].number != 2:
        return False
    if a.family in INLINE_FAMILIES:
        return b.items[0].paragraph - a.items[0].paragraph <= 1
    return True


def _series_frame(s: Series) -> None:
    """Frame (and deviant item) of the series' items in its main section.

    七、存在的问题 closing a run of summary headings is not one of them, so only
    the items of the series' own section are compared.
    """
    members = [it for it in s.items if it.section == s.section]
    if len(members) < 2:
        return
    shown: Frame | None = None
    memo: dict = {}  # difflib's matches between two items, for every subset compared
    for basis in ("heading", "clause"):
        if basis == "clause" and not all(FIRST_CLAUSE.search(it.heading) for it in members):
            break
        s.basis = basis
        texts = [s.frame_text(it) for it in members]
        frame = induce(texts, memo)
        if shown is None and frame is not None and frame.strong:
            shown = frame
        dev = find_deviation(texts, whole=frame, memo=memo)
        if dev is not None:
            s.deviation = Deviation(s.items.index(members[dev.index]), dev.frame, dev.how)
            s.frame = dev.frame
            return
    s.basis = "heading"
    s.frame = shown


def _section_spans(sections: list[str]) -> list[tuple[str, int, int]]:
    spans: list[tuple[str, int, int]] = []
    for i, s in enumerate(sections):
        if spans and spans[-1][0] == s:
            spans[-1] = (s, spans[-1][1], i)
        else:
            spans.append((s, i, i))
    return spans
