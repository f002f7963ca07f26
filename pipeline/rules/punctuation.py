"""RL2xx: paired punctuation and full-/half-width slips (GB/T 15834-2011, GB/T 15835-2011).

Paired marks “” ‘’ 《》 （） 【】 close in the paragraph that opens them; a
quotation running over several paragraphs opens each of them with “ and closes
only at its end, so that form is accepted. Digits and the percent sign are
half-width in body text; a full-width ５ or ％ is a layout slip, and a document
that mixes both forms shows it at a glance.
"""

from __future__ import annotations

import bisect
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.document import Document, Finding, Paragraph
from pipeline.rules.base import rule, this_rule
from pipeline.vocab.numerals import LABEL_DIGITS

OPENERS = {"“": "”", "‘": "’", "《": "》", "（": "）", "(": ")", "【": "】", "〈": "〉", "「": "」", "『": "』"}
CLOSERS = {v: k for k, v in OPENERS.items()}
# Full- and half-width round brackets pair with each other; the width slip is not this rule's business.
SAME = {"（": "(", "(": "（", "）": ")", ")": "）"}
NAMES = {"“": "引号", "‘": "单引号", "《": "书名号", "（": "括号", "(": "括号", "【": "方头括号",
         "〈": "书名号", "「": "引号", "『": "引号"}
PAIR_CHARS = re.compile("[“”‘’《》（）()【】〈〉「」『』]")
OTHER_PAIR_CHARS = re.compile("[“”‘’《》()【】〈〉「」『』]")  # PAIR_CHARS but the full-width round brackets
# "1）", "a)", "①)" opening a list item: a closer with no opener by design.
ENUMERATOR = re.compile(rf"(?:^|[\s，。；：、,;:])[0-9０-９a-zA-Z{LABEL_DIGITS}]{{1,3}}$")
LATIN = re.compile(r"[A-Za-z]")
JOIN_LINES = 8  # how far a quotation set off on its own lines may run
SENTENCE_FINAL = "。！？；!?;"


def _closes(opener: str, closer: str) -> bool:
    want = OPENERS[opener]
    return closer == want or SAME.get(closer) == want


_CLOSED_BY = {o: [c for c in CLOSERS if _closes(o, c)] for o in OPENERS}  # the closers each opener pairs with


def _scan(p: Paragraph) -> tuple[list[tuple[int, str]], list[tuple[int, str, int | None, str | None]]]:
    """Openers left open, and closers with no opener: (offset, char, offset of a clashing opener, its char)."""
    stack: list[tuple[int, str]] = []
    unclosed: list[tuple[int, str]] = []
    orphans: list[tuple[int, str, int | None, str | None]] = []
    text = p.text
    open_count = dict.fromkeys(OPENERS, 0)  # openers of each kind on the stack: a closer with none to
    for m in PAIR_CHARS.finditer(text):      # match skips the stack walk, so the scan stays linear
        ch, i = m.group(), m.start()
        if ch in ("‘", "’") and _apostrophe(text, i):
            continue
        if ch in OPENERS:
            stack.append((i, ch))
            open_count[ch] += 1
            continue
        # a closer
        if ch in (")", "）") and ENUMERATOR.search(text, max(0, i - 5), i) \
                and not (open_count["（"] or open_count["("]):
            continue
        depth = None
        if open_count[CLOSERS[ch]] or (ch in SAME and open_count[CLOSERS[SAME[ch]]]):
            depth = next((k for k in range(len(stack) - 1, -1, -1) if _closes(stack[k][1], ch)), None)
        if depth is not None:
            unclosed.extend(stack[depth + 1:])  # “…《…” leaves the 《 open
            for _, o in stack[depth:]:
                open_count[o] -= 1
            del stack[depth:]
            continue
        if stack and (stack[-1][1] not in ("“", "‘") or {stack[-1][1], ch} in ({"“", "’"}, {"‘", "”"})):
            # 《…） or （…》: the closer is the wrong kind for the opener just before it
            oi, oc = stack.pop()
            open_count[oc] -= 1
            orphans.append((i, ch, oi, oc))
        else:
            orphans.append((i, ch, None, None))
    return sorted(unclosed + stack), orphans


def _apostrophe(text: str, i: int) -> bool:
    """’ inside a Latin word (China’s) or before a short year (’99) is an apostrophe, not a quote."""
    if text[i] == "’" and re.match(r"[0-9]{2}(?![0-9])", text[i + 1:i + 4]):
        return True
    return bool(LATIN.match(text[i - 1:i])) and bool(LATIN.match(text[i + 1:i + 2]))


def _join_broken_lines(doc: Document, scans: dict) -> None:
    """Pair an opener left open in a paragraph that breaks off mid-sentence with a stray closer below.

    Hard-wrapped text (copied from PDF or a web page) breaks a title or a
    bracket over two lines: “根据《⏎著作权法⏎》第五条”, and a long quotation may
    stand on lines of its own after “说：“”. The pair is complete, only the line is
    broken, so both halves are dropped from the report. A paragraph that ends
    its sentence keeps what it left open.

    Each opener takes the first stray closer of its kind before the first opener of a
    paragraph below; those closers are queued per paragraph and kind, so a pasted table of
    thousands of marks is paired in one pass (not each opener against every closer).
    """
    queues: dict[int, tuple[dict[str, deque], list[int]]] = {}  # paragraph -> closers by kind, [left]

    def queue_of(nxt: int) -> tuple[dict[str, deque], list[int]]:
        if nxt not in queues:
            later_open, orphans = scans[nxt]
            first_open = min((i for i, _ in later_open), default=None)
            by_kind: dict[str, deque] = {}
            for o in orphans:
                if o[2] is None and (first_open is None or o[0] < first_open):
                    by_kind.setdefault(o[1], deque()).append(o)
            queues[nxt] = (by_kind, [len(orphans)])
        return queues[nxt]

    taken: dict[int, set[int]] = {}  # paragraph -> offsets of its closers paired with an opener above
    for idx in sorted(scans):
        open_left, _ = scans[idx]
        if doc.paragraphs[idx].text[-1] in SENTENCE_FINAL:
            continue  # a finished sentence: what it left open stays open
        joined: set[int] = set()  # indices into open_left
        for j in range(len(open_left) - 1, -1, -1):
            oc = open_left[j][1]
            for nxt in range(idx + 1, min(idx + 1 + JOIN_LINES, len(doc.paragraphs))):
                if nxt not in scans:
                    continue
                by_kind, left = queue_of(nxt)
                hit = None
                for ch in _CLOSED_BY[oc]:  # the first stray closer of a kind that closes oc
                    q = by_kind.get(ch)
                    if q and (hit is None or q[0][0] < hit[0]):
                        hit = q[0]
                if hit is not None:
                    by_kind[hit[1]].popleft()
                    taken.setdefault(nxt, set()).add(hit[0])
                    left[0] -= 1
                    joined.add(j)
                    break
                if left[0] or scans[nxt][0]:
                    break
        if joined:
            open_left[:] = [o for j, o in enumerate(open_left) if j not in joined]
    for nxt, offsets in taken.items():
        scans[nxt][1][:] = [o for o in scans[nxt][1] if o[0] not in offsets]


def _last_body(doc: Document) -> int:
    """Index of the last paragraph of the document's own text (web-page furniture after it left out)."""
    return next((p.index for p in reversed(doc.paragraphs) if p.part != "furniture"), -1)


def _ends_sentence(text: str) -> bool:
    return text.rstrip("”’」』）)》】").endswith(("。", "！", "？", "!", "?", "…"))


def _one_per_defect(text: str, open_left: list, orphans: list) -> tuple[list, list]:
    """Merge what one slip leaves behind into one report.

    《《 or 》》 typed twice is one slip; an opener left open followed by a stray closer
    of another kind (“纲要（草案）》) is one wrong mark, not two; and ”五讲四美” with
    its opening mark typed the wrong way round leaves two stray ” that are one slip.
    """
    open_left = [o for k, o in enumerate(open_left)
                 if not (k and o[1] == open_left[k - 1][1] and o[0] == open_left[k - 1][0] + 1)]
    kept: list = []
    for o in orphans:
        prev = kept[-1] if kept else None
        if prev is not None and prev[2] is None and o[2] is None and o[1] == prev[1]:
            between = text[prev[0] + 1:o[0]]
            if o[0] == prev[0] + 1 or (prev[1] in "”’" and len(between) <= 30 and not PAIR_CHARS.search(between)):
                continue  # 》》, or ”…” (the first ” should open)
        kept.append(o)
    # an opener and the first stray closer of another kind after it, with no mark between them but
    # round brackets, are one wrong mark. Only closers up to the next such mark can qualify, so each
    # opener looks at those alone (found by bisection): a long run of marks stays linear.
    marks = [m.start() for m in OTHER_PAIR_CHARS.finditer(text)]
    at = [o[0] for o in kept]
    merged: set[tuple[int, str]] = set()
    for oi, oc in open_left:
        j = bisect.bisect_right(marks, oi)
        bound = marks[j] if j < len(marks) else len(text)
        for k in range(bisect.bisect_right(at, oi), len(kept)):
            o = kept[k]
            if o[0] > bound:
                break
            if o[2] is None and not _closes(oc, o[1]):
                kept[k] = (o[0], o[1], oi, oc)
                merged.add((oi, oc))
                break
    if merged:
        open_left = [o for o in open_left if o not in merged]
    return open_left, kept


def _continues_quote(doc: Document, p: Paragraph, offset: int) -> bool:
    """A “ opening this paragraph, with the next one opening with “ too: a multi-paragraph quotation."""
    if offset != p.start or p.text[0] not in "“「":
        return False
    nxt = doc.paragraphs[p.index + 1] if p.index + 1 < len(doc.paragraphs) else None
    return nxt is not None and nxt.text[:1] == p.text[0]


@rule("RL201", "unmatched-punctuation", "warning")
def unmatched_punctuation(doc: Document) -> Iterator[Finding]:
    """成对标点（“” ‘’ 《》 （） 【】）在本段内缺少另一半或多出一半。

    One finding per slip (a wrong mark is not also an unclosed one); a text that breaks
    off inside a pair (an excerpt) is left alone.

    Okay: 建立“清单管理、限时办结”工作机制，印发《督查督办办法》（试行）。
    Okay: “学习贯彻要深入。\\n“调查研究要扎实。”
    Okay: 1）完善制度；2）加强培训。
    Okay: 根据《\\n中华人民共和国著作权法\\n》第五条，办理著作权登记。
    Okay: 报送英文简报“China’s Office Work”2期。
    Okay: 全年编发简报24期。\\n暂时调整实施《中华人民共和国药品管理法
    RL201: 以“三个一”主题活动为契机，开展“学习型机关创建活动。
    RL201: 严格执行《公文处理办法，提高办文质量。
    RL201: 印发《关于规范会议活动的通知）。
    RL201: 做到件件有回复”。
    RL201: 认真落实“纲要（草案）》提出的各项任务。
    RL201: 开展“学习型机关创建活动。\\n做好会务工作。\\n做到件件有回复”。
    """
    r = this_rule(unmatched_punctuation)
    scans = {p.index: _scan(p) for p in doc.paragraphs if PAIR_CHARS.search(p.text)}
    _join_broken_lines(doc, scans)
    last = _last_body(doc)
    for idx, (open_left, orphans) in sorted(scans.items()):
        p = doc.paragraphs[idx]
        if idx == last and not _ends_sentence(p.text):
            open_left = []  # the text breaks off inside the pair (an excerpt): the rest is missing, not the mark
        open_left, orphans = _one_per_defect(p.text, open_left, orphans)
        for i, ch, oi, oc in orphans:
            if oi is not None and oc is not None:
                want = OPENERS[oc]
                yield r.finding(p.start + oi, p.start + i + 1,
                                f"标点不配对：前半个{NAMES[oc]} {oc} 却以 {ch} 收尾",
                                suggestion=f"将 {ch} 改为 {want}，或将 {oc} 改为 {CLOSERS[ch]}", replacement=None)
            else:
                opener = CLOSERS[ch]
                yield r.finding(p.start + i, p.start + i + 1,
                                f"多出后半个{NAMES[opener]} {ch}，本段没有与之对应的 {opener}",
                                suggestion=f"删去多余的 {ch}，或在引用内容前补上 {opener}")
        for i, ch in open_left:
            off = p.start + i
            if _continues_quote(doc, p, off):
                continue
            tail = p.text[i + 1:i + 13]
            yield r.finding(off, off + 1,
                            f"前半个{NAMES[ch]} {ch} 没有对应的 {OPENERS[ch]}：{ch}{tail}…",
                            suggestion=f"在引用或标题结束处补上 {OPENERS[ch]}")


FULL_DIGITS = re.compile(r"[０-９]+(?:[．.][０-９0-9]+)?")
HALF_DIGITS = re.compile(r"[0-9]")
HALF_RUNS = re.compile(r"(?<![0-9A-Za-z.])[0-9]+(?:\.[0-9]+)?(?![0-9A-Za-z])")
MIXED_POINT = re.compile(r"[0-9]．[0-9]")
HALF_POINT = re.compile(r"[0-9]\.[0-9]")
FULL_PCT = re.compile("％")
HALF_PCT = re.compile("%")
FULL_TO_HALF = str.maketrans("０１２３４５６７８９．％", "0123456789.%")


@dataclass
class _Forms:
    """The full- and half-width occurrences of one kind of mark (digits, %, decimal point) in a text."""

    full: list[re.Match]
    half: list[re.Match]


def _forms(text: str, lo: int = 0, hi: int | None = None) -> dict[str, _Forms]:
    hi = len(text) if hi is None else hi
    return {
        "digit": _Forms(list(FULL_DIGITS.finditer(text, lo, hi)), list(HALF_RUNS.finditer(text, lo, hi))),
        "percent": _Forms(list(FULL_PCT.finditer(text, lo, hi)), list(HALF_PCT.finditer(text, lo, hi))),
        "point": _Forms(list(MIXED_POINT.finditer(text, lo, hi)), list(HALF_POINT.finditer(text, lo, hi))),
    }


@rule("RL202", "mixed-width", "warning", fix="safe")
def mixed_width(doc: Document) -> Iterator[Finding]:
    """全角数字、全角百分号或全角小数点（５、％、98．5）与半角混用：正文数字和 % 应用半角（GB/T 15835）。

    A document that writes both forms shows a slip. The full-width form is reported (GB/T 15835
    wants half width) unless the document is plainly typeset in full width (at least three times
    as many full-width runs), where the stray half-width ones are. One finding per paragraph and
    form; only the first of each form is a warning (it says how many the document has), the
    rest are hints, so a report that mixes them throughout is one warning. A document
    consistently in full width (５、％, or 77．7％ throughout, as older typesetting did)
    gets a hint only.

    Okay: 编发简报24期，办结率98.5%。
    RL202: 召开座谈会１２次，形成报告5篇。
    RL202: 回复率97.2%，满意率95.8％。
    RL202: 办结率98．5%。
    RL202: 回复率９７．２％，满意率９５．８％，办结率99%。
    """
    yield from _mixed_width(doc)


def _mixed_width(doc: Document) -> Iterator[Finding]:
    """The findings of RL202; the first paragraph of each form warns, later ones are hints, so a report
    that mixes ％ and % throughout raises one warning that says how many, not one per paragraph."""
    r = this_rule(mixed_width)
    text = doc.text
    whole = _forms(text)
    if not any(f.full for f in whole.values()):
        return
    warned: set[str] = set()
    for kind, f in _width_findings(doc, r, text, whole):
        if f.severity == "warning":
            if kind in warned:
                f.severity = "info"
            warned.add(kind)
        yield f


def _width_findings(doc: Document, r, text: str, whole) -> Iterator[tuple[str, Finding]]:
    # each paragraph's forms are the whole text's matches that start inside it (no form runs over a
    # line break): each match is put in its paragraph by bisection, instead of scanning every
    # paragraph six times again
    starts = [p.start for p in doc.paragraphs]
    per: dict[int, dict[str, _Forms]] = {}
    for kind, f in whole.items():
        for full, matches in ((True, f.full), (False, f.half)):
            for m in matches:
                i = bisect.bisect_right(starts, m.start()) - 1
                if i < 0:
                    continue  # (no paragraph starts before it: only whitespace is outside paragraphs)
                forms = per.get(i)
                if forms is None:
                    forms = per[i] = {k: _Forms([], []) for k in whole}
                (forms[kind].full if full else forms[kind].half).append(m)
    for i in sorted(per):
        p = doc.paragraphs[i]
        if p.part == "furniture":
            continue
        here = per[i]
        for kind, f in here.items():
            doc_full, doc_half = len(whole[kind].full), len(whole[kind].half)
            if kind == "point":
                if f.full:  # 98．5%: a full-width point among half-width digits
                    mixed = bool(whole["point"].half or whole["percent"].half)
                    yield kind, _width_finding(r, f.full, "point", "warning" if mixed else "info")
                continue
            # GB/T 15835 wants half width: full width is the slip unless the document is plainly
            # typeset in full width (three times as many full-width runs), where the few half-width ones stray
            if not doc_half or doc_full < max(3, 3 * doc_half):
                if f.full:
                    touching = kind == "digit" and any(_touches_half(text, m.start(), m.end()) for m in f.full)
                    yield kind, _width_finding(r, f.full, kind, "warning" if doc_half or touching else "info",
                                               doc_other=doc_half)
            elif f.half:
                yield f"half_{kind}", _width_finding(r, f.half, f"half_{kind}", "warning", doc_other=doc_full)


def _touches_half(text: str, start: int, end: int) -> bool:
    return bool(HALF_DIGITS.match(text[end:end + 1]) or HALF_DIGITS.match(text[start - 1:start] or "x"))


def _width_finding(r, runs: list[re.Match], kind: str, severity: str, doc_other: int = 0) -> Finding:
    """One finding for all ``runs`` of one form in one paragraph, at the first of them."""
    first = runs[0]
    shown = "、".join(f"“{m.group()}”" for m in runs[:3]) + ("等" if len(runs) > 3 else "")
    many = len(runs) > 1
    count = f"（本段{len(runs)}处）" if many else ""
    if kind == "digit":
        half = first.group().translate(FULL_TO_HALF)
        msg = f"全角数字{shown}与文中半角数字混用" if doc_other else f"全角数字{shown}：正文数字宜用半角"
        return r.finding(first.start(), first.end(), msg + count,
                         suggestion=f"改为半角“{half}”" + ("，本段同类一并修改" if many else ""),
                         replacement=None if many else half, severity=severity)
    if kind == "percent":
        msg = f"全角百分号“％”与文中 {doc_other} 处半角“%”混用" if doc_other else "全角百分号“％”：正文宜用半角“%”"
        return r.finding(first.start(), first.end(), msg + count, suggestion="改为半角“%”",
                         replacement=None if many else "%", severity=severity)
    if kind == "point":
        return r.finding(first.start() + 1, first.start() + 2, f"半角数字中夹了全角小数点{shown}{count}",
                         suggestion=f"改为“{first.group().replace('．', '.')}”", replacement=None if many else ".",
                         severity=severity)
    what = "半角“%”" if kind == "half_percent" else f"半角数字{shown}"
    return r.finding(first.start(), first.end(), f"{what}夹在全角的文中，全文应统一{count}",
                     suggestion="全文统一用半角（GB/T 15835）", severity=severity)


DOUBLED = re.compile(r"([，。、；：？！])\1+")


@rule("RL203", "doubled-punctuation", "warning", fix="safe")
def doubled_punctuation(doc: Document) -> Iterator[Finding]:
    """标点重复（，，、。。、、、）：多按了一次键。

    Okay: 真抓实干……久久为功——这是我们的体会。
    RL203: 全年编发简报24期，，报送信息120条。
    RL203: 圆满完成任务。。
    """
    r = this_rule(doubled_punctuation)
    for m in DOUBLED.finditer(doc.text):
        yield r.finding(m.start(), m.end(), f"标点重复：“{m.group()}”", suggestion=f"保留一个“{m.group(1)}”",
                        replacement=m.group(1))


HALF_PUNCT = re.compile(r"(?<=[\u4e00-\u9fff])[,;:?!](?=[\u4e00-\u9fff“《（])")
FULL_OF = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}


@rule("RL204", "halfwidth-punctuation", "warning", fix="safe")
def halfwidth_punctuation(doc: Document) -> Iterator[Finding]:
    """汉字之间用了半角标点（, ; : ? !），中文正文应用全角（GB/T 15834）。

    Okay: 全年编发简报24期，报送信息1,200条。
    Okay: 访问 https://example.org:8080 了解详情。
    RL204: 全年编发简报24期,报送信息120条。
    RL204: 主要做法是:建立台账、跟踪督办。
    """
    r = this_rule(halfwidth_punctuation)
    for m in HALF_PUNCT.finditer(doc.text):
        full = FULL_OF[m.group()]
        yield r.finding(m.start(), m.end(), f"汉字之间用了半角“{m.group()}”", suggestion=f"改为全角“{full}”",
                        replacement=full)
