"""Count claims: "以下六个方面", "从三个方面", "做到“四个到位”，即…".

A count is only checked when the text itself shows what it counts: a series
that starts right after it (一是… / 第一，… / （一）…) or a list introduced by
即 / ： after a quoted slogan. Slogans that list nothing (“三服务”, 四个意识) are
left alone: a reader knows them, and there is nothing to compare with.
"""

from __future__ import annotations

import re

from pipeline.document import Document
from pipeline.structure.labels import CN_DIGITS, CN_NUM, cn_number
from pipeline.structure.outline import CountClaim, Outline
from pipeline.structure.sections import PLAN_HEAD, PROBLEM_HEAD, is_short_heading
from pipeline.vocab.numerals import TWO

NUM = f"(?:{TWO}|{CN_NUM})"
ITEM_CLAIM = re.compile(  # the lookahead names every first character, so a search skips to them
    rf"(?=[以下如{TWO}{CN_DIGITS}])(?:以下|下列|如下)?(?P<num>{NUM})"
    r"(?:个(?:方面|重点|特点|问题|环节|短板)|项(?:重点)?(?:工作|任务|措施|举措)|件(?:大)?事"
    r"|点(?:体会|意见|建议|打算|要求|认识)|条(?:措施|意见|经验|建议))"
    rf"|(?:以下|下列|如下)(?P<num2>{NUM})(?:点|项|条)"
)
QUOTED_CLAIM = re.compile(rf"“(?P<num>{NUM})(?P<ge>个)?(?P<kw>[\u4e00-\u9fff]{{1,5}})”")
LIST_MARK = re.compile(r"\s*(?:[，,]?\s*(?:即|就是|也就是)\s*[：:]?|[：:]|——)\s*")
CLAUSE_END = re.compile(r"[。：:；;！？]")
MAX_ELEMENTS = 60  # a list in one sentence is never longer; a pasted table must not be walked once per count
BREAK_MARK = re.compile("[，,。；;：:、]")  # clause marks, and the 、 of a list
ELEMENT_SEP = re.compile(r"[、，,。；;！？]")  # element separators, then the sentence ends that close the list


def _value(raw: str) -> int:
    return 2 if raw == "两" else cn_number(raw)


def find_counts(doc: Document, outline: Outline) -> list[CountClaim]:
    out: list[CountClaim] = []
    by_para: dict[int, list] = {}
    for it in outline.items:
        by_para.setdefault(it.paragraph, []).append(it)
    for p in doc.paragraphs:
        text = p.text
        quoted = []
        for m in QUOTED_CLAIM.finditer(text):
            claim = _quoted(doc, p, m, by_para)
            if claim is not None:
                quoted.append(claim)
        out.extend(quoted)
        seen, last_break, last_dun = 0, -1, -1
        for m in ITEM_CLAIM.finditer(text):
            if any(c.start <= p.start + m.start() < c.end for c in quoted):
                continue
            raw = m.group("num") or m.group("num2")
            claimed = _value(raw)
            if claimed < 2:
                continue
            if text[max(0, m.start() - 2):m.start()].endswith(("这", "上述", "前述", "以上", "上面", "这些")):
                continue  # 这两件大事 points back, not forward
            if seen < m.start():  # the last clause mark and 、 before the count, found in one pass
                for b in BREAK_MARK.finditer(text, seen, m.start()):
                    if b.group() == "、":
                        last_dun = b.start()
                    else:
                        last_break = b.start()
                seen = m.start()
            if last_dun > last_break:
                continue  # 在A、B、C三个方面: the count names a list before it
            tail = text[m.end():m.end() + 13]  # the clause end must come within 12 characters
            stop = CLAUSE_END.search(tail)
            if stop is None or stop.start() > 12 or re.search(r"[，,]", tail[:stop.start()]):
                continue  # the count does not close its clause: not an announcement of items
            first = _first_item_after(p, p.start + m.end(), by_para, doc)
            if first is None or first.series is None:
                continue
            s = first.series
            out.append(CountClaim(start=p.start + m.start(), end=p.start + m.end(), claimed=claimed, kind="items",
                                  found=len(listed(first)), series=s))
    out.sort(key=lambda c: c.start)
    return out


def listed(first) -> list:
    """The items a count announces: the run from ``first`` up to a heading that opens another part.

    现将工作从五个方面报告如下 is followed by 一、…五、 and then 六、存在的问题,
    七、下步打算; those two headings name other parts of the report and are not counted.
    """
    items = first.series.items
    out = items[:1]
    for it in items[1:]:
        if is_short_heading(it.heading) and (PROBLEM_HEAD.search(it.heading) or PLAN_HEAD.search(it.heading)):
            break
        out.append(it)
    return out


def _first_item_after(p, offset: int, by_para: dict[int, list], doc: Document):
    """The item that opens the announced list: in the same paragraph or the next one, numbered 1."""
    for idx in (p.index, p.index + 1):
        if idx >= len(doc.paragraphs):
            break
        cands = [it for it in by_para.get(idx, []) if it.start >= offset]
        if cands:
            first = min(cands, key=lambda it: it.start)
            if idx == p.index + 1 and first.start != doc.paragraphs[idx].start:
                return None
            return first if first.number == 1 else None
        if idx == p.index + 1:
            return None
    return None


def _quoted(doc: Document, p, m: re.Match, by_para: dict[int, list]) -> CountClaim | None:
    text = p.text
    claimed = _value(m.group("num"))
    kw = m.group("kw")
    if claimed < 2:
        return None
    mark = LIST_MARK.match(text, m.end())
    if mark is None:
        return None  # a slogan with nothing listed after it
    start, end = p.start + m.start(), p.start + m.end()
    first = _first_item_after(p, p.start + mark.end(), by_para, doc)
    if first is not None and first.series is not None and first.start - (p.start + mark.end()) <= 1:
        return CountClaim(start, end, claimed, "items", len(listed(first)), first.series, kw)
    found = 0
    pos = mark.end()
    for _ in range(MAX_ELEMENTS):  # the elements one by one up to the sentence end (not a split of the rest)
        sep = ELEMENT_SEP.search(text, pos)
        if sep is not None and sep.group() in "。；;！？":
            sep, element = None, text[pos:sep.start()]
        else:
            element = text[pos:sep.start() if sep else len(text)]
        # 认识到位和措施到位 holds two; a one-character key (“三个一”) counts once per element
        hits = element.count(kw) if len(kw) >= 2 else int(kw in element)
        if hits == 0:
            break
        found += hits
        if sep is None:
            break
        pos = sep.end()
    if found < 2:
        return None
    return CountClaim(start, end, claimed, "quoted", found, None, kw)
