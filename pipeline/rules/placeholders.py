"""RL1xx: unfilled placeholders left in a draft (X件, XX年, 《XX信息》, 【 】, ___).

Drafts are written from last year's text with the numbers blanked out; an
``X`` that survives to the meeting is the most embarrassing slip there is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.document import Document, Finding
from pipeline.rules.base import rule, this_rule
from pipeline.vocab import approx, extend, units
from pipeline.vocab.approx import alternation
from pipeline.vocab.numerals import CIRCLE_ZERO, LABEL_DIGITS, ZEROS

NOT_UNIT_WORDS = {"场所", "处所", "部分", "部队", "所部"}
# ○○ and □□ are common blanks too; ○ next to a Chinese numeral is a zero (二○○八年).
CN_DIGITS = LABEL_DIGITS + ZEROS + CIRCLE_ZERO
MARK = (rf"(?:[XxＸｘ]{{1,4}}|×{{1,4}}|＊{{2,4}}|\*{{2,4}}|某某|□{{2,4}}|■{{2,4}}"
        rf"|(?<![{CN_DIGITS}])○{{2,4}}(?![{CN_DIGITS}]))")
# A placeholder mark must not touch Latin letters or digits (XML, X5, RTX4090 are real).
GUARD_L = r"(?<![A-Za-z0-9Ａ-Ｚａ-ｚ０-９_\-])"
GUARD_R = r"(?![A-Za-z0-9Ａ-Ｚａ-ｚ０-９_\-])"
DIGIT_YEAR = re.compile(r"(?<![0-9A-Za-z])(?:20[0-9][XxＸｘ]|20[XxＸｘ][0-9XxＸｘ]|2[0-9][XxＸｘ]{2})(?=年)")
EMPTY_BRACKETS = re.compile(r"【[\s　]*】|（[\s　]*）|\([\s　]*\)|〔[\s　]*〕|\[[\s　]*\]|_{2,}|＿{2,}")
NAME_SLOT = re.compile(rf"{GUARD_L}{MARK}{GUARD_R}")
# Every mark starts with one of these; scanning for them first keeps the patterns above off
# the 99.9% of positions where no mark can start (a lookbehind at every position is slow).
MARK_CHARS = re.compile("[XxＸｘ×＊*某□■○]")


@extend.on_change
def _compile() -> None:
    """Build the patterns that hold measure words (again when user lists change)."""
    global UNITS, UNIT_WORD, NUMBER_SLOT, BLANK_NUMBER, BLANK_TAIL, STAR_NUMBER
    # Measure words and units that make the slot before them a number.
    UNITS = units.alternation(units.SLOT_UNITS)
    # A word made only of measure words (人次, 余人, 个村, 月份, 场次) still makes a number slot;
    # any other word that merely starts with one (期间, 项目, 部门, 人员, 单位) makes a name slot.
    UNIT_WORD = re.compile(rf"(?:{UNITS})+")
    NUMBER_SLOT = re.compile(rf"{GUARD_L}(?:20|19|２０)?{MARK}(?:[.．]{MARK})?{GUARD_R}(?=(?:{UNITS}))"
                             rf"|(?<=第){MARK}{GUARD_R}")
    # A blank left where a number goes: 于 月份, 共 件, 第 次 (a preposition or counting verb, spaces, a unit);
    # the counts and dates a lone blank or asterisk may stand before are the table's ``blank`` words.
    blank = units.alternation(units.BLANK_UNITS)
    about = alternation(approx.BEFORE_UNIT)
    BLANK_NUMBER = re.compile(rf"(?<=[于在至到共计达约近第为])[ \t　]{{1,6}}(?=(?:{blank}))")
    BLANK_TAIL = re.compile(rf"(?:{about})?(?:{blank})")
    # One asterisk standing for a number before a count (培训*余次, 共*件); ** is handled by MARK.
    STAR_NUMBER = re.compile(rf"(?<=[\u4e00-\u9fff])[*＊](?![*＊])(?=(?:{about})?(?:{blank}))")


UNITS: str
UNIT_WORD: re.Pattern[str]
NUMBER_SLOT: re.Pattern[str]
BLANK_NUMBER: re.Pattern[str]
BLANK_TAIL: re.Pattern[str]
STAR_NUMBER: re.Pattern[str]
_compile()


def _scan(pattern: re.Pattern, text: str, prefixes: tuple[str, ...] = ()) -> list[re.Match]:
    """``pattern.finditer(text)``, tried only where a mark character (or a prefix before one) stands."""
    out: list[re.Match] = []
    end = -1
    for c in MARK_CHARS.finditer(text):
        i = c.start()
        if i < end:
            continue
        starts = [i - len(pre) for pre in prefixes if i >= len(pre) and text[i - len(pre):i] == pre] + [i]
        for st in starts:
            if st < end:
                continue
            m = pattern.match(text, st)
            if m and m.end() > m.start():
                out.append(m)
                end = m.end()
                break
    return out
BLANK_DATE = re.compile(r"年[ \t　]{1,8}月[ \t　]{1,8}日")
MARKDOWN_BOLD = re.compile(r"\*\*[^*\n]{1,80}\*\*")
# Real terms that begin with X: X光, X线, X射线, X型, X染色体.
REAL_X = re.compile(r"^[XＸ](?:光|线|射线|型|染色体|轴)")


def number_slots(doc: Document) -> list[re.Match]:
    """Marks that stand where a number goes (X件, XX人次, X.X%, 第X), judged by the word after them."""
    out = []
    for m in _scan(NUMBER_SLOT, doc.text, ("20", "19", "２０")):
        if REAL_X.match(doc.text[m.start():m.start() + 8]):
            continue
        if doc.text[m.start() - 1:m.start()] == "第":
            out.append(m)
            continue
        after = next((t for t in doc.tokens_in(m.end(), m.end() + 12) if t.start == m.end()), None)
        if after is None or (UNIT_WORD.fullmatch(after.text) and after.text not in NOT_UNIT_WORDS):
            out.append(m)  # no token starts there: the mark and its unit were segmented as one word (XX%)
    return out


def _units_after(text: str, end: int) -> bool:
    return re.match(rf"(?:{UNITS})", text[end:end + 8]) is not None  # a bounded slice: no copy of the rest


@rule("RL101", "placeholder-number", "error")
def placeholder_number(doc: Document) -> Iterator[Finding]:
    """数字位置上的占位符（X件、XX期、202X年、【 】批次）未填写。

    Okay: 全年编发《政务信息》54期。
    Okay: 市民服务热线12345受理诉求3.2万件。
    Okay: 采购X光机2台。
    RL101: 全年办理市政府专题会议督查件X件。
    RL101: 组织业务培训【 】场次。
    RL101: 截至202X年底，累计培训300人次。
    RL101: 走访XX个村，慰问XX余人。
    RL101: 本月共受理○○件。
    RL101: 同比增长X.X%，在全市排名第X。
    RL101: 2025年  月  日
    Okay: 二○○八年以来，累计投入3.2亿元。
    RL101: 截至202x年底，累计培训300人次。
    RL101: 全年开展业务培训*余次。
    RL101: 该项目于 月份完成竣工验收。
    RL101: 信访窗口共 件，均已办结。
    RL101: 全年编发简报■■期，网上办理率为  %。
    RL101: 组织业务培训〔 〕场次，培训干部[ ]人次。
    Okay: 标注*的为年度重点项目。
    Okay: 该项目于2025年6月份完成竣工验收。
    """
    r = this_rule(placeholder_number)
    text = doc.text
    for m in number_slots(doc):
        yield r.finding(m.start(), m.end(), f"数字未填写：“{m.group()}{_unit(text, m.end())}”，请填入实际数字",
                        suggestion="填入核实后的准确数字")
    for m in BLANK_DATE.finditer(text):
        yield r.finding(m.start(), m.end(), f"日期未填写：“{m.group()}”", suggestion="填入具体的月、日")
    for m in DIGIT_YEAR.finditer(text):
        yield r.finding(m.start(), m.end(), f"年份未填写完整：“{m.group()}年”", suggestion="填入具体年份")
    for m in EMPTY_BRACKETS.finditer(text):
        if _units_after(text, m.end()):
            yield r.finding(m.start(), m.end(), f"{_blank_kind(m.group())}“{m.group()}”未填写数字",
                            suggestion="填入实际数字")
    for pattern, lead in ((BLANK_NUMBER, 1), (STAR_NUMBER, 0)):
        for m in pattern.finditer(text):
            tail = BLANK_TAIL.match(text, m.end())
            shown = text[m.start() - lead:m.end()] + (tail.group() if tail else "")
            yield r.finding(m.start(), m.end(), f"数字未填写：“{shown}”中缺少数字", suggestion="填入核实后的准确数字")


@rule("RL102", "placeholder-name", "warning")
def placeholder_name(doc: Document) -> Iterator[Finding]:
    """名称位置上的占位符（《XX信息》、省XX、某某单位、空括号）未替换。

    Okay: 全年编发《政务信息》54期。
    Okay: 升级XML数据交换接口。
    Okay: 采购X光机2台。
    RL102: 全年编发《XX信息》54期。
    RL102: 到省XX劝返非正常上访人员。
    RL102: 完成（ ）的整改。
    RL102: 特别是XX期间，加强值班值守。
    RL102: 配合□□单位做好接待。
    Okay: **加强学习**，提高能力。
    Okay: 同比增长X.X%，在全市排名第X。
    RL102: 县委书记 xx 同志出席会议并讲话。
    RL102: 承办XX市XX区XX街道党工委交办事项。
    Okay: 深入实施“数据要素×”三年行动。
    Okay: 推动数据要素×交通运输场景落地。
    Okay: 开展“人工智能+”行动，推进“互联网+政务服务”。
    """
    r = this_rule(placeholder_name)
    text = doc.text
    bold = _markdown_bold(text)
    in_number = {i for m in number_slots(doc) for i in range(m.start(), m.end())}
    marks = []
    for m in _scan(NAME_SLOT, text):
        if REAL_X.match(text[m.start():m.start() + 8]) or m.start() in bold or m.start() in in_number:
            continue
        if text[m.start() - 2:m.start()] in ("20", "19") or text[m.end():m.end() + 1] == "年":
            continue  # a year slot, reported by RL101
        if _operator_in_name(doc, m):
            continue
        if not _near_han(text, m.start(), m.end()):
            continue
        marks.append((m.start(), m.end()))
    for start, end in _runs(text, marks):
        where = _context(doc, start, end)
        shown = text[start:end]
        yield r.finding(start, end, f"名称未填写：“{where}”中的“{shown}”是占位符", suggestion="替换为实际名称")
    for m in EMPTY_BRACKETS.finditer(text):
        if not _units_after(text, m.end()) and m.group()[0] != "[":  # - [ ] 待办: a Markdown task box
            yield r.finding(m.start(), m.end(), f"{_blank_kind(m.group())}“{m.group()}”未填写",
                            suggestion="填入实际内容或删去")


def _markdown_bold(text: str) -> set[int]:
    """Offsets of the ** marks of Markdown bold (**重点**), which are not placeholders."""
    if "**" not in text:
        return set()
    out: set[int] = set()
    for m in MARKDOWN_BOLD.finditer(text):
        out.update((m.start(), m.end() - 2))
    return out


def _blank_kind(mark: str) -> str:
    return "下划线占位" if mark[0] in "_＿" else "空括号占位"


def _near_han(text: str, start: int, end: int) -> bool:
    """A Chinese character (or an opening mark) right beside the mark; past spaces (书记 xx 同志) only
    for a doubled mark with Chinese on both sides, so that iPhone X 手机 stays a product name."""
    before, after = text[start - 1:start], text[end:end + 1]
    if any(_han_or_open(ch) for ch in before + after):
        return True
    if end - start < 2:
        return False
    before = text[max(0, start - 3):start].rstrip(" 　")[-1:]
    after = text[end:end + 3].lstrip(" 　")[:1]
    return _han_or_open(before) and _han_or_open(after)


def _han_or_open(ch: str) -> bool:
    return ch != "" and ("\u4e00" <= ch <= "\u9fff" or ch in "《“（")


def _operator_in_name(doc: Document, m: re.Match) -> bool:
    """× after a complete noun is the operator of a policy name (“数据要素×”, 数据要素×交通运输), not a blank.

    A single × that follows a Chinese word ending exactly there is read as an operator; ×× (the
    usual blank) and × before a unit (a number slot) are not.
    """
    if m.group() not in ("×", "＊"):
        return False
    start = m.start()
    if start == 0 or not "\u4e00" <= doc.text[start - 1] <= "\u9fff":
        return False
    return any(t.end == start for t in doc.tokens_in(max(0, start - 8), start))


# Level words between two blanks of one name (XX市XX区XX街道, 省××厅××处): the name is one blank.
RUN_GAP = re.compile(r"省|市|区|县|州|盟|旗|镇|乡|村|街道|社区|局|厅|处|科|室|部|委|办|院|所"
                     r"|公司|集团|分公司|支行|分行")


def _runs(text: str, marks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join blanks of one name (XX市XX区, 省××厅××处) into one span: one defect, one finding."""
    out: list[tuple[int, int]] = []
    for start, end in marks:
        if out and RUN_GAP.fullmatch(text[out[-1][1]:start]):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _context(doc: Document, start: int, end: int) -> str:
    """The blank with the whole words around it (never a window that cuts a word)."""
    toks = [t for t in doc.tokens_in(max(0, start - 12), end + 12) if t.text.strip()]
    before = [t for t in toks if t.end <= start and t.end > start - 8]
    after = [t for t in toks if t.start >= end and t.start < end + 8]
    lo = before[-1].start if before and _is_word(before[-1].text) else start
    hi = after[0].end if after and _is_word(after[0].text) else end
    return re.sub(r"\s+", " ", doc.text[lo:hi])


def _is_word(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _unit(text: str, end: int) -> str:
    m = re.match(rf"(?:{UNITS})", text[end:end + 8])
    return m.group() if m else ""
