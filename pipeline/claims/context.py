"""What a number is about: the metric phrase before it, its period and its comparison frame.

Reports state figures in a fixed order — period, scope, verb and object, then the
figure (全年编发《XX信息》5期；网上答复率达100%；由25条增至32条，增长28%). So the
metric is the clause text before the number with the period, fillers and frame
verbs peeled off both ends; a bare 两次 + verb takes the verb phrase after it.
"""

from __future__ import annotations

import bisect
import re

from pipeline.vocab.change import CHANGE_VERBS
from pipeline.vocab.frames import FRAME_RE
from pipeline.vocab.units import CLASSIFIERS, VERBAL_UNITS  # noqa: F401  (read as ctx.CLASSIFIERS)

CN_NUM = "零〇一二两三四五六七八九十"
PERIOD = re.compile(
    rf"(?:截至|截止|到)?(?:(?:19|20)\d{{2}}|[{CN_NUM}]{{4}})年(?:\d{{1,2}}(?:[—\-－~～至到]\d{{1,2}})?月(?:底|末|份)?|"
    r"上半年|下半年|前三季度|[一二三四1-4]季度|第[一二三四]季度|全年|年底|年末|年初|底|末|初|以来|度)?"
    rf"|(?:截至|截止|到)?\d{{1,2}}(?:[—\-－~～至到]\d{{1,2}})?月(?:底|末|份|中旬|上旬|下旬)?(?:以来)?|今年(?:以来|上半年|下半年)?|去年(?:同期)?|上年(?:同期|度)?|本年度?|当年|全年|年内|"
    rf"一年来|年初以来|年初|年底|年末|上半年|下半年|前三季度|(?:第)?[一二三四]季度|(?:过去|近|最近)[{CN_NUM}\d]+年|"
    rf"[{CN_NUM}\d]+年来|“[十][一二三四五六七八九]五”(?:期间|时期)?|十[一二三四五六七八九]五(?:期间|时期)|任期内|届内"
)
THIS_YEAR = {"全年", "今年", "今年以来", "本年", "本年度", "年内", "一年来", "年初以来", "当年"}
LAST_YEAR = {"去年", "上年", "上年度", "去年同期", "上年同期"}
BOUNDARY = "。！？；;：:，,\n（(）)“”"
FILLER_HEAD = re.compile(
    r"^(?:其中|共计|共|累计|合计|总计|全年|今年|年内|先后|已经|已|还|并|同时|此外|另外|均|都|分别|我们|本年度|一年来|今年以来|截至目前|目前|现|在|当年|又|再|共有|"
    r"完成了|一共|总共|全部|年均|平均|从|由|对|向|为|把|将|使|让|被|和|与|及|以及|、|，)"
)
FILLER_TAIL = re.compile(
    r"(?:达到了|达到|高达|多达|达|为|是|有|约|大约|近|将近|接近|超过|逾|突破|增至|增加到|增加至|增长到|增长至|提高到|提高至|"
    r"提升到|提升至|上升到|上升至|降至|降到|降低到|降低至|下降到|下降至|减少到|减少至|缩短到|缩短至|压缩到|压缩至|扩大到|"
    r"扩大至|增长了|增加了|提高了|提升了|上升了|下降了|减少了|降低了|增长|增加|提高|提升|上升|下降|减少|降低|回落|下滑|缩减|"
    r"缩短|压缩|扩大|翻了|翻|了|共计|共|累计|合计|总计|计|的|较上年同期|较上年|较去年同期|较去年|比上年同期|比上年|"
    r"比去年同期|比去年|与上年相比|同比|环比|由|从|分别|各|均|至|到|于|不到|不足|不少于|至少|超|在|已|占|仅|只|就|"
    r"达到了|实现|完成|保持在|保持|控制在|稳定在|维持在|左右|以上|以下|，|、|\s)$"
)
YEAR = r"(?:(?:19|20)\d{2}|[１２][９０][０-９]{2}|[一二][九〇零][〇零一二三四五六七八九]{2})年(?:底|末)?"
PER = r"(?:平均|人均|日均|月均|每人每年|每人|每年|每月|每天|每件)"
FROM = re.compile(rf"(?:由|从)(?:上年|去年|上一年|年初|{YEAR})?(?:同期)?(?:的)?{PER}?$")
TO = re.compile(r"(?:增至|增加到|增加至|增长到|增长至|提高到|提高至|提升到|提升至|上升到|上升至|降至|降到|降低到|"
                r"降低至|"
                r"下降到|下降至|减少到|减少至|缩短到|缩短至|压缩到|压缩至|扩大到|扩大至|达到|增到|减至|升至|至|到)"
                rf"(?:{YEAR}(?:的)?)?$")
SHARE = re.compile(r"(?:占|为|是|相当于|等于|等於|相当|完成|达到|超过|实现)[^，。；、0-9０-９]{0,14}的$|占$")
AVERAGE_OR_REAL = re.compile(r"年均|平均每年|每年|年平均|平均|实际|可比价格|可比口径|扣除|剔除|不变价|折合")
CLAUSE_MARKS = "，,；;。：:"
CHANGE = re.compile(rf"({'|'.join(CHANGE_VERBS)})(了|为|达到|达|是)?$")
BASE = re.compile(r"(?<![占对排类评无好正反环同])(?:较|比|与|相比)"
                  r"(?:上年|去年|上一年|年初|(?:19|20)\d{2}年)?(?:同期|底|末)?(?:的)?$")
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


NUMBERED = re.compile(r"[0-9０-９%％]|[XＸ]{1,3}[件期次篇个项人]|[一二两三四五六七八九十百千万][个项件次名人家]")


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
