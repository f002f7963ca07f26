"""Automatic list labels (一是、第一，、（一）…) rendered as Word renders them.

Most offices number their 一是/第一 items with Word's numbering, so the label
lives in numbering.xml, not in the paragraph's runs. ``Numbering.label`` is
called once per paragraph in document order and keeps the counters Word keeps:
per abstract list, restarted by ``lvlRestart`` and by a ``startOverride`` the
first time its ``w:num`` is used.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.oxml.ns import qn

from pipeline.vocab.numerals import DIGITS, PLACES, ZEROS
from pipeline.vocab.ordinals import CIRCLED

CN_DIGITS = ZEROS[1] + DIGITS  # 〇 … 九: Word's counting digits
CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
FULLSTOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
TIANGAN = "甲乙丙丁戊己庚辛壬癸"
DIZHI = "子丑寅卯辰巳午未申酉戌亥"
ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
         (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def chinese_counting(n: int, digits: str = CN_DIGITS, units: str = PLACES[:3]) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (Word's chineseCounting / chineseCountingThousand)."""
    if n <= 0:
        return digits[0]
    if n >= 10000:
        return str(n)
    parts: list[str] = []
    text = str(n)
    zero = False
    for i, ch in enumerate(text):
        d = int(ch)
        place = len(text) - 1 - i
        if d == 0:
            zero = bool(parts)
            continue
        if zero:
            parts.append("零")
            zero = False
        if not (d == 1 and place == 1 and not parts and digits is CN_DIGITS):
            parts.append(digits[d])
        if place:
            parts.append(units[place - 1])
    return "".join(parts)


def roman(n: int) -> str:
    out = []
    for value, sym in ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def letters(n: int) -> str:
    """Word's upperLetter: A…Z, then AA, BB …"""
    if n <= 0:
        return ""
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _table(chars: str, n: int) -> str:
    return chars[n - 1] if 1 <= n <= len(chars) else str(n)


def format_number(n: int, fmt: str) -> str:
    """One counter in one of Word's ``w:numFmt`` styles; unknown styles fall back to decimal."""
    if fmt in ("none", "bullet"):
        return ""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
               "japaneseCounting", "koreanCounting"):
        return chinese_counting(n)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional", "japaneseLegal"):
        return chinese_counting(n, CN_LEGAL, "拾佰仟")
    if fmt in ("ideographDigital", "taiwaneseDigital", "koreanDigital", "japaneseDigitalTenThousand"):
        return "".join(CN_DIGITS[int(c)] for c in str(n))
    if fmt == "ideographTraditional":
        return _table(TIANGAN, n)
    if fmt == "ideographZodiac":
        return _table(DIZHI, n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _table(CIRCLED, n)
    if fmt == "decimalEnclosedParen":
        return _table(PAREN, n)
    if fmt == "decimalEnclosedFullstop":
        return _table(FULLSTOP, n)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(c)) for c in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperRoman":
        return roman(n)
    if fmt == "lowerRoman":
        return roman(n).lower()
    if fmt == "upperLetter":
        return letters(n)
    if fmt == "lowerLetter":
        return letters(n).lower()
    return str(n)


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # lvlRestart: restart after a level above this (1-based) is used; 0 = never
    legal: bool = False


@dataclass
class NumDef:
    abstract: str
    levels: dict[int, Level] = field(default_factory=dict)  # overridden levels
    starts: dict[int, int] = field(default_factory=dict)  # startOverride per level


def _val(el, tag: str) -> str | None:
    child = el.find(qn(tag)) if el is not None else None
    return None if child is None else child.get(qn("w:val"))


def _int(value: str | None, default: int | None = None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _level(lvl) -> Level:
    return Level(
        start=_int(_val(lvl, "w:start"), 1) or 0,
        fmt=_val(lvl, "w:numFmt") or "decimal",
        text=_val(lvl, "w:lvlText") or "",
        restart=_int(_val(lvl, "w:lvlRestart")),
        legal=lvl.find(qn("w:isLgl")) is not None and _val(lvl, "w:isLgl") not in ("0", "false"),
    )


class Numbering:
    """Counters for every list of one document, advanced paragraph by paragraph."""

    def __init__(self, numbering_el, styles_el) -> None:
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.nums: dict[str, NumDef] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.used: set[str] = set()
        self.style_num: dict[str, tuple[str | None, int | None]] = {}
        self.style_base: dict[str, str] = {}
        self.links: dict[str, str] = {}  # abstractNum → list style it takes its levels from (numStyleLink)
        if numbering_el is not None:
            for ab in numbering_el.iterchildren(qn("w:abstractNum")):
                levels = {}
                for lvl in ab.iterchildren(qn("w:lvl")):
                    levels[_int(lvl.get(qn("w:ilvl")), 0) or 0] = _level(lvl)
                self.abstracts[ab.get(qn("w:abstractNumId"))] = levels
                link = _val(ab, "w:numStyleLink")
                if link:
                    self.links[ab.get(qn("w:abstractNumId"))] = link
            for num in numbering_el.iterchildren(qn("w:num")):
                nd = NumDef(_val(num, "w:abstractNumId") or "")
                for ov in num.iterchildren(qn("w:lvlOverride")):
                    ilvl = _int(ov.get(qn("w:ilvl")), 0) or 0
                    start = _int(_val(ov, "w:startOverride"))
                    if start is not None:
                        nd.starts[ilvl] = start
                    lvl = ov.find(qn("w:lvl"))
                    if lvl is not None:
                        nd.levels[ilvl] = _level(lvl)
                self.nums[num.get(qn("w:numId"))] = nd
        if styles_el is not None:
            for st in styles_el.iterchildren(qn("w:style")):
                sid = st.get(qn("w:styleId"))
                num_pr = st.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
                if num_pr is not None:
                    self.style_num[sid] = (_val(num_pr, "w:numId"), _int(_val(num_pr, "w:ilvl")))
                base = _val(st, "w:basedOn")
                if base:
                    self.style_base[sid] = base

    def _num_pr(self, p) -> tuple[str | None, int]:
        """The paragraph's list and level: its own numPr, else its style's (following basedOn)."""
        ppr = p.find(qn("w:pPr"))
        num_id, ilvl = None, None
        if ppr is not None:
            num_pr = ppr.find(qn("w:numPr"))
            if num_pr is not None:
                num_id, ilvl = _val(num_pr, "w:numId"), _int(_val(num_pr, "w:ilvl"))
            style = _val(ppr, "w:pStyle")
            seen = set()
            while style and style not in seen and (num_id is None or ilvl is None):
                seen.add(style)
                s_num, s_lvl = self.style_num.get(style, (None, None))
                num_id = num_id if num_id is not None else s_num
                ilvl = ilvl if ilvl is not None else s_lvl
                style = self.style_base.get(style)
        return num_id, ilvl or 0

    def _abstract(self, abstract: str) -> str:
        """Follow numStyleLink: a list style's numbering lives in the abstractNum its own numId names."""
        for _ in range(4):
            link = self.links.get(abstract)
            num_id = self.style_num.get(link, (None, None))[0] if link else None
            if num_id is None or num_id not in self.nums:
                break
            abstract = self.nums[num_id].abstract
        return abstract

    def _level_def(self, nd: NumDef, ilvl: int) -> Level | None:
        return nd.levels.get(ilvl) or self.abstracts.get(self._abstract(nd.abstract), {}).get(ilvl)

    def label(self, p) -> str:
        """The label Word draws before paragraph ``p`` ("" when it has none); advances the counters."""
        if not self.nums:
            return ""
        num_id, ilvl = self._num_pr(p)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        nd = self.nums[num_id]
        lvl = self._level_def(nd, ilvl)
        if lvl is None:
            return ""
        counts = self.counters.setdefault(self._abstract(nd.abstract), {})
        if num_id not in self.used:
            self.used.add(num_id)
            for ov_lvl, start in nd.starts.items():
                counts[ov_lvl] = start - 1
                for deeper in [k for k in counts if k > ov_lvl]:
                    del counts[deeper]
        counts[ilvl] = counts[ilvl] + 1 if ilvl in counts else lvl.start
        for deeper in [k for k in counts if k > ilvl]:
            d = self._level_def(nd, deeper)
            restart = d.restart if d else None
            if restart is None or (restart > 0 and ilvl <= restart - 1):
                del counts[deeper]
        if lvl.fmt == "bullet":
            return ""
        text = lvl.text
        for k in range(9, 0, -1):
            token = f"%{k}"
            if token in text:
                d = self._level_def(nd, k - 1) or Level()
                n = counts.get(k - 1, d.start)
                fmt = "decimal" if (lvl.legal and k - 1 != ilvl) else d.fmt
                text = text.replace(token, format_number(n, fmt))
        return text
