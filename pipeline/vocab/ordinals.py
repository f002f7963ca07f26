"""The ordinal-label grammar: how reports number their parts and points.

Source: GB/T 9704-2012 §7.3.3 (structure levels 一、 （一） 1. （1） in that order) and the
clause ordinals of official prose (一是…二是…, 第一，…, 首先，…其次，…) as met in State
Council reports; ``../shared/reference/conventions.md`` summarises them. Every ordinal label
the project reads or writes comes from these shapes: the outline (structure/labels.py,
structure/outline.py, structure/counts.py), the dimension features (dimensions/features.py)
and the enumeration check of RL2 (rules/punctuation.py).
"""

from __future__ import annotations

import re

from pipeline.vocab.numerals import DIGITS, TEN

# A numeral as written in a label: 一 … 九, 十, 十二, 二十, 二十三 (never 一一 or 十十).
NUMERAL = rf"(?:[{DIGITS[1:]}]?{TEN}[{DIGITS}]?|[{DIGITS}])"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# Sequence words that number clauses; 0 stands for "the last one".
SEQUENCE = {"首先": 1, "其次": 2, "再次": 3, "最后": 0}
SEQUENCE_RE = "|".join(SEQUENCE)
LATER_SEQUENCE = "|".join(w for w, n in SEQUENCE.items() if n != 1)  # 其次|再次|最后

# Heading families in their conventional order: 一、 > （一） > 1. > （1） > ①.
HEADING_RANK = {"cn_num": 0, "cn_paren": 1, "arabic": 2, "arabic_paren": 3, "circled": 4}
# Inline (clause) families: they order items inside a heading's text, below every heading.
INLINE_FAMILIES = ("yishi", "yiyao", "diyi", "shouxian")
FAMILY_NAMES = {
    "cn_num": "一、", "cn_paren": "（一）", "arabic": "1.", "arabic_paren": "（1）", "circled": "①",
    "yishi": "一是", "yiyao": "一要", "diyi": "第一，", "shouxian": "首先/其次",
}

# 20.2026年全市… is item 20 about the year 2026, not the number 20.2026: a year may follow a label.
YEAR_AHEAD = r"(?:19|20)[0-9]{2}年"
NOT_DECIMAL = rf"(?:(?![0-9])|(?={YEAR_AHEAD}))"

# Paragraph-start heading labels: (family, style, pattern). Group "num" is the numeral.
HEADING_PATTERNS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("cn_num", "cn_dun", re.compile(rf"^(?P<num>{NUMERAL})、")),
    ("cn_num", "cn_dot", re.compile(rf"^(?P<num>{NUMERAL})[．.](?![0-9])")),
    ("cn_paren", "cn_paren", re.compile(rf"^（(?P<num>{NUMERAL})）")),
    ("cn_paren", "cn_paren_half", re.compile(rf"^\((?P<num>{NUMERAL})\)")),
    ("arabic", "arabic_dot", re.compile(rf"^(?P<num>[1-9][0-9]?)\.{NOT_DECIMAL}\s*")),
    ("arabic", "arabic_fullstop", re.compile(rf"^(?P<num>[1-9][0-9]?)．{NOT_DECIMAL}\s*")),
    ("arabic", "arabic_dun", re.compile(rf"^(?P<num>[1-9][0-9]?)、{NOT_DECIMAL}")),
    ("arabic_paren", "arabic_paren", re.compile(r"^（(?P<num>[1-9][0-9]?)）")),
    ("arabic_paren", "arabic_paren_half", re.compile(r"^\((?P<num>[1-9][0-9]?)\)")),
    ("circled", "circled", re.compile(rf"^(?P<num>[{CIRCLED}])")),
)

# What may stand right before an inline ordinal: paragraph start or a clause mark.
BOUNDARY = r"(?:^|(?<=[。；;：:，,！？!?、“（(—…*#>\s]))"
INLINE_PATTERNS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    # 一是 but not 一是一、二是二 and not 一是否
    ("yishi", "yishi", re.compile(rf"{BOUNDARY}(?P<num>{NUMERAL})是(?!否|[{DIGITS}{TEN}][，,、])")),
    ("yiyao", "yiyao", re.compile(rf"{BOUNDARY}(?P<num>{NUMERAL})要(?![求素件点是{DIGITS}{TEN}])")),
    ("diyi", "diyi", re.compile(rf"{BOUNDARY}第(?P<num>{NUMERAL})(?:[，,、：:]|是(?![否]))")),
    ("shouxian", "shouxian", re.compile(rf"{BOUNDARY}(?P<num>{SEQUENCE_RE})(?:[，,：:]|是)")),
)
