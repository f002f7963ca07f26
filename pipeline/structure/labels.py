"""Ordinal labels: 一、 （一） 1. （1） ① at paragraph start, 一是/第一，/首先 inside the text.

A label is recognised by its shape and by what stands before it: an inline
一是 must follow the paragraph start or a clause mark, so 统一是 and 唯一是 are
not ordinals. Each label belongs to a *family* (the level it normally marks)
and a *style* (the exact variant, so 1、 and 1. can be told apart).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.vocab.numerals import LABEL_DIGITS, chinese_numeral
from pipeline.vocab.ordinals import (  # noqa: F401  (re-exported: the outline and rules read them from here)
    BOUNDARY,
    CIRCLED,
    FAMILY_NAMES,
    HEADING_PATTERNS,
    HEADING_RANK,
    INLINE_FAMILIES,
    INLINE_PATTERNS,
    NOT_DECIMAL,
    NUMERAL,
    SEQUENCE,
    SEQUENCE_RE,
    YEAR_AHEAD,
)

# The grammar itself (numeral, shapes, families) is defined once in pipeline/vocab/ordinals.py.
CN_DIGITS = LABEL_DIGITS
CN_NUM = NUMERAL
# The same four shapes in one pattern, so a paragraph is scanned once.
INLINE_ANY = re.compile("|".join(f"(?P<{fam}>{pat.pattern})" for fam, _style, pat in INLINE_PATTERNS)
                        .replace("(?P<num>", "(?:"))
SHOUXIAN_NUMBER = SEQUENCE  # 0: "the last one"

_SMALL = {c: i for i, c in enumerate(CN_DIGITS, start=1)}


@lru_cache(maxsize=256)
def cn_number(text: str) -> int:
    """一 -> 1, 十二 -> 12; cn2an for anything beyond the ten digits."""
    if text in _SMALL:
        return _SMALL[text]
    if len(text) == 2 and text[0] == "十" and text[1] in _SMALL:
        return 10 + _SMALL[text[1]]
    import cn2an  # loaded only for rare numerals such as 二十三

    return int(cn2an.cn2an(text, "smart"))


def number_of(family: str, raw: str) -> int:
    if family in ("arabic", "arabic_paren"):
        return int(raw)
    if family == "circled":
        return CIRCLED.index(raw) + 1
    if family == "shouxian":
        return SHOUXIAN_NUMBER[raw]
    return cn_number(raw)


def cn_numeral(n: int) -> str:
    """1 -> 一, 12 -> 十二, 23 -> 二十三 (labels never go beyond 99; a larger count stays in digits)."""
    return chinese_numeral(n)


def make_label(style: str, n: int, like: str = "") -> str:
    """The label of the same style with number ``n`` (for suggestions): 三是, （四）, 3."""
    if style in ("yishi", "yiyao", "diyi"):
        numeral = re.search(rf"{CN_NUM}", like)
        if numeral:
            return like[:numeral.start()] + cn_numeral(n) + like[numeral.end():]
    if style.startswith("arabic"):
        m = re.search(r"[0-9]+", like)
        if m:
            return like[:m.start()] + str(n) + like[m.end():]
    if style == "circled" and 1 <= n <= len(CIRCLED):
        return CIRCLED[n - 1]
    m = re.search(rf"{CN_NUM}", like)
    if m:
        return like[:m.start()] + cn_numeral(n) + like[m.end():]
    return like


@dataclass(frozen=True, slots=True)
class LabelMatch:
    family: str
    style: str
    number: int
    start: int  # offset within the searched text
    end: int
    label: str
    inline: bool


MARKUP = re.compile(r"^(?:#{1,6}\s+|\*\*|__|>\s*)")


def markup_prefix(text: str) -> int:
    """Length of Markdown decoration before a label (``## 一、``, ``**一是``), 0 if none."""
    m = MARKUP.match(text)
    return m.end() if m else 0


def heading_label(text: str) -> LabelMatch | None:
    """The heading label opening a paragraph, if any (一、 （一） 1. （1） ①)."""
    skip = markup_prefix(text)
    body = text[skip:]
    for family, style, pat in HEADING_PATTERNS:
        m = pat.match(body)
        if m:
            rest = body[m.end():]
            if _looks_numeric(family, rest):
                return None
            label = body[:m.end()].rstrip()
            return LabelMatch(family, style, number_of(family, m.group("num")), skip, skip + len(label), label,
                              False)
    return None


BARE = re.compile(rf"^(?P<num>{CN_NUM})(?=[\u4e00-\u9fff])")


def bare_label(text: str, first_word: str) -> LabelMatch | None:
    """一信访工作… : a 一、 label written without its 、, if the numeral stands as a word of its own.

    jieba keeps 一些, 三农, 十分, 一年 and 一季度 whole, so a numeral cut off as a word by itself
    is a candidate only; the outline accepts it where it fills the gap in a run of 一、 labels.
    """
    skip = markup_prefix(text)
    m = BARE.match(text, skip)
    if m is None or first_word != m.group("num") or text[m.end():m.end() + 1] in ("是", "要"):
        return None
    return LabelMatch("cn_num", "cn_bare", cn_number(m.group("num")), skip, m.end(), m.group("num"), False)


def _looks_numeric(family: str, rest: str) -> bool:
    """``1.5万件`` or ``一、二、三类`` are numbers, not labels (but 一、一年来工作回顾 is)."""
    if family == "arabic":
        return rest[:1].isdigit() and re.match(YEAR_AHEAD, rest) is None
    if family == "cn_num":
        return re.match(rf"{CN_NUM}(?:[、，,]|季度|月份?|年级|级|类|等奖|产业|期)", rest) is not None
    return False


def inline_labels(text: str) -> list[LabelMatch]:
    """Clause ordinals in a paragraph: 一是…二是…, 第一，…, 首先，…其次，…"""
    out: list[LabelMatch] = []
    pos = 0
    for a in _INLINE_ANCHOR.finditer(text):
        if a.start() < pos:
            continue
        m = INLINE_ANY.match(text, a.start())
        if m is None:
            continue
        pos = m.end()
        family = m.lastgroup or ""
        num = _INLINE_NUM.search(m.group())
        out.append(LabelMatch(family, family, number_of(family, num.group()), m.start(), m.end(), m.group(), True))
    return out


_INLINE_NUM = re.compile(rf"{SEQUENCE_RE}|{CN_NUM}")
# Where a clause ordinal could start; the full pattern (with its boundary check) is tried only there.
_INLINE_ANCHOR = re.compile(rf"{CN_NUM}[是要]|第{CN_NUM}|{SEQUENCE_RE}")
