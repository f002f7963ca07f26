"""What a number is about: the metric phrase before it, its period and its comparison frame.

Reports state figures in a fixed order — period, scope, verb and object, then the
figure (全年编发《XX信息》5期；网上答复率达100%；由25条增至32条，增长28%). So the
metric is the clause text before the number with the period, fillers and frame
verbs peeled off both ends; a bare 两次 + verb takes the verb phrase after it.
"""

from __future__ import annotations

import bisect
import re

from pipeline.vocab import fillers
from pipeline.vocab.change import CHANGE_TO, CHANGE_VERBS
from pipeline.vocab.frames import FRAME_RE
from pipeline.vocab.numerals import DIGITS, PLACES, TWO
from pipeline.vocab.periods import ARABIC_YEAR, LAST_YEAR, PERIOD, THIS_YEAR, WRITTEN_YEAR  # noqa: F401  (ctx.PERIOD)

BOUNDARY = "。！？；;：:，,\n（(）)“”"
FILLER_HEAD = re.compile(fillers.head_pattern())
FILLER_TAIL = re.compile(fillers.tail_pattern())
YEAR = rf"(?:{ARABIC_YEAR}|[１２][９０][０-９]{{2}}|{WRITTEN_YEAR})年(?:底|末)?"
PER = r"(?:平均|人均|日均|月均|每人每年|每人|每年|每月|每天|每件)"
FROM = re.compile(rf"(?:由|从)(?:上年|去年|上一年|年初|{YEAR})?(?:同期)?(?:的)?{PER}?$")
TO = re.compile(rf"(?:{'|'.join(CHANGE_TO)}|达到|增到|减至|升至|至|到)(?:{YEAR}(?:的)?)?$")
SHARE = re.compile(r"(?:占|为|是|相当于|等于|等於|相当|完成|达到|超过|实现)[^，。；、0-9０-９]{0,14}的$|占$")
AVERAGE_OR_REAL = re.compile(r"年均|平均每年|每年|年平均|平均|实际|可比价格|可比口径|扣除|剔除|不变价|折合")
CLAUSE_MARKS = "，,；;。：:"
CHANGE = re.compile(rf"({'|'.join(CHANGE_VERBS)})(了|为|达到|达|是)?$")
BASE = re.compile(r"(?<![占对排类评无好正反环同])(?:较|比|与|相比)"
                  rf"(?:上年|去年|上一年|年初|{ARABIC_YEAR}年)?(?:同期|底|末)?(?:的)?$")
COMPARE = re.compile(FRAME_RE)


def period_key(period: str, section: str | None = None) -> str:
    """A comparable form of a period: the report's own year is one key however it is written."""
    p = period.strip("“”")
    if p == "":
        return "plan" if section == "plan" else ""
    if p in THIS_YEAR:
        return ""  # said outright (全年, 今年), the report's own year even in the plan part
    if p in LAST_YEAR:
        return "last"
    return p


def clause_start(text: str, lo: int, pos: int, floor: int | None = None, seen: dict[int, bool] | None = None) -> int:
    """Start of the clause that ends at ``pos`` (paragraph start ``lo`` at the latest).

    A 、 ends the clause only when the part before it holds a number of its own
    (编发信息5期、简报12期), not when it joins two nouns (建议、提案XX件).
    ``floor`` stops the backward scan early (returning ``floor``) and ``seen``
    remembers each 、's verdict, so that many claims in one paragraph cost linear time.
    """
    i = pos - 1
    stop = lo if floor is None else max(lo, floor)
    while i >= stop:
        ch = text[i]
        if ch in BOUNDARY:
            return i + 1
        if ch == "、":
            numbered = seen.get(i) if seen is not None else None
            if numbered is None:
                j = i - 1
                while j >= lo and text[j] not in BOUNDARY and text[j] != "、":
                    j -= 1
                numbered = bool(NUMBERED.search(text, j + 1, i))
                if seen is not None:
                    seen[i] = numbered
            if numbered:
                return i + 1
        i -= 1
    return stop


NUMBERED = re.compile(rf"[0-9０-９%％]|[XＸ]{{1,3}}[件期次篇个项人]|[{DIGITS}{TWO}{PLACES[:4]}][个项件次名人家]")


def clean_metric(s: str) -> str:
    s = s.strip()
    for _ in range(6):
        before = s
        s = PERIOD.sub("", s, count=1) if PERIOD.match(s) else s
        s = FILLER_HEAD.sub("", s)
        s = FILLER_TAIL.sub("", s)
        s = s.strip(" 　")
        if s == before:
            break
    # a comparison phrase inside (较上年的) belongs to the frame, not the metric
    s = COMPARE.sub("", s)
    return s.strip("，、 　的")


def find_period(text: str, lo: int, pos: int) -> str:
    """The last period phrase between ``lo`` and ``pos`` (the number), or ""."""
    last = ""
    for m in PERIOD.finditer(text, lo, pos):
        if m.end() > pos:
            continue
        value = _period_value(text, m)
        if value is not None:
            last = value
    return last


class PeriodScan:
    """``find_period`` for many (lo, pos) windows of one paragraph in O(log n) each.

    The paragraph is scanned once; a window's answer is the last usable match that
    ends by ``pos``. Only a match running across ``pos`` is re-read with the window's
    end, exactly as ``find_period``'s own scan would cut it.
    """

    def __init__(self, text: str, lo: int, hi: int) -> None:
        self.text = text
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.values: list[str] = []
        self.last_usable: list[int] = []  # index of the last usable match at or before each index, or -1
        usable = -1
        for m in PERIOD.finditer(text, lo, hi):
            value = _period_value(text, m)
            if value is not None:
                usable = len(self.starts)
            self.starts.append(m.start())
            self.ends.append(m.end())
            self.values.append(value or "")
            self.last_usable.append(usable)

    def last(self, lo: int, pos: int) -> str:
        """``find_period(text, lo, pos)`` for a window within the paragraph, starting at no match's middle."""
        k = bisect.bisect_right(self.ends, pos)
        if k < len(self.starts) and lo <= self.starts[k] < pos:  # a match cut by the window's end
            tail = find_period(self.text, self.starts[k], pos)
            if tail:
                return tail
        i = self.last_usable[k - 1] if k else -1
        return self.values[i] if i >= 0 and self.starts[i] >= lo else ""


def _period_value(text: str, m: re.Match) -> str | None:
    """A period match as ``find_period`` reports it, or None where it is a comparison's base."""
    if text[max(0, m.start() - 1):m.start()] in ("较", "比", "由", "从", "与", "于", "同") or \
            text[m.end():m.end() + 2] == "同期":
        return None  # 较上年, 比去年同期: the comparison's base, not the claim's own period
    return m.group()[1:] if m.group().startswith("到") else m.group()


def after_phrase(text: str, pos: int, hi: int, limit: int = 14) -> str:
    """The verb or noun phrase right after a number (两次由分管领导带队 → 由分管领导带队)."""
    j = pos
    while j < hi and j - pos < limit and text[j] not in BOUNDARY and text[j] != "、":
        if re.match(r"[0-9０-９]", text[j]):
            break
        j += 1
    phrase = text[pos:j]
    phrase = re.split(r"(?:和|及|以及|与|，)", phrase)[0] if len(phrase) > 8 else phrase
    return phrase.strip()
