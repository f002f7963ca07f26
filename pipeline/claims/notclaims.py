"""Numbers that are not claims: dates, codes, phone numbers, hotlines, ordinals, names, slogans.

GB/T 15835 keeps Chinese numerals for fixed words, ordinals and slogans (一是, 第三季度,
十四五, 三服务, 四个意识); Arabic digits also write dates, document numbers (〔2025〕12号)
and codes (12345). None of these says "how many", so none enters the ledger.
Each test returns a short reason (kept for ``--format json`` debugging) or None.
"""

from __future__ import annotations

import re

from pipeline.vocab.numerals import DIGITS, LABEL_DIGITS, TEN, TWO
from pipeline.vocab.units import POINTS, TIMES

LATIN = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ_/]")
CN_DIGITS = LABEL_DIGITS + TWO
HOTLINES = {"12345", "12315", "12366", "12348", "12388", "12369", "12320", "12306", "12333", "12310", "12350",
            "12380", "12351", "12338", "12355", "12356", "12358", "12328", "12319", "12377", "110", "119", "120",
            "122", "114", "96110"}
HOTLINE_CONTEXT = re.compile(r"^(?:热线|平台|电话|服务|政务|便民|接处警|报警|急救|指挥|号码|专线|工单|诉求|系统|中心)")
# A Chinese numeral opening a short quoted phrase is a slogan: “三服务”, “四个意识”, “一岗双责”.
QUOTE_OPEN = "“「『\"‘"
QUOTE_CLOSE = "”」』\"’"
SLOGANS = re.compile(
    r"四个意识|四个自信|两个维护|两个确立|四个全面|五位一体|三严三实|两学一做|三会一课|八项规定|三大攻坚战|"
    r"一带一路|三个代表|两个一百年|一国两制|三去一降一补|两不愁三保障|三农|四风|六稳|六保|三公|一岗双责|"
    r"两个毫不动摇|三个务必|五个必由之路|两个结合|五大发展理念|四个服务|三个服务|三服务|三办|两个大局|"
    r"四个伟大|一个中心、两个基本点|两个基本点|三步走|两步走|三个有利于|两个文明|三讲|四有|五讲四美|"
    r"两个责任|三项制度|一票否决|三级联动|四级联动|五级书记|两个覆盖|三重一大|两高一资|三大任务|一网通办|"
    r"一件事一次办|最多跑一次|一次办好|只进一扇门|一站式|一张网|一张图|一盘棋|一把手|一线|五项原则|三项纪律|"
    r"八项注意|四项基本原则|两个务必|三个世界"
)
PLAN_NAME = re.compile(rf"(?:{TEN}[{DIGITS}]|[{DIGITS[5:]}]|{TEN})五(?=计划|规划|时期|期间|末|初|以来|”|」|』)")
SESSION = re.compile(r"^(?:次)(?:会议|全会|全体会议|代表大会|党代会|常委会|会员代表大会|主任会议)")
DOC_NUMBER_AFTER = re.compile(r"\s*(?:号|＃|#)")
TIME_AFTER = re.compile(r"[:：]\d{2}|(?:时|点)\d{1,2}分|时(?!代|期|间|段|候|效|限)")
MONTHS_SINCE = re.compile(r"(?:个)?(?:月|天|星期|周)(?:来|以来)")
YEARS_IN_WORDS = re.compile(r"(?:多|余)?(?:年|个年头)")
CN_DIGIT_CHAR = re.compile(rf"[{CN_DIGITS}]")
PERIOD_AROUND_YEARS = re.compile(r"(?:过去|今后|未来|近|最近|这|前|后|头)$")
PERIOD_AFTER_YEARS = re.compile(r"^(?:来|以来|间|内|中|里|多来|半来|规划|计划|行动|攻坚|制|义务|专项|建设规划|"
                                r"发展规划)")


def inside_title(text: str, pos: int) -> bool:
    """Inside 《…》: numbers in a title name the document, they do not count anything."""
    lo = max(0, pos - 40)
    left = text[lo:pos]
    opened = left.rfind("《")
    closed = left.rfind("》")
    if opened <= closed:
        return False
    right = text[pos:pos + 40]
    c = right.find("》")
    o = right.find("《")
    return c >= 0 and (o < 0 or c < o)


def inside_short_quote(text: str, start: int, end: int) -> bool:
    """The numeral opens (or nearly opens) a short quoted phrase: “三服务”, “两个维护”."""
    before = text[max(0, start - 2):start]
    if not any(q in before for q in QUOTE_OPEN):
        return False
    after = text[end:end + 12]
    close = min((after.find(q) for q in QUOTE_CLOSE if q in after), default=-1)
    return 0 <= close <= 10


def not_claim(text: str, num_start: int, num_end: int, tail_end: int, raw_num: str, unit: str,
              chinese: bool, value) -> str | None:
    """Why the number at [num_start, num_end) is not a claim, or None when it is one.

    ``tail_end`` is where magnitude, approximation and unit end; ``unit`` is the
    measure word found there ("" if none).
    """
    before = text[max(0, num_start - 6):num_start]
    after = text[num_end:num_end + 8]
    tail_after = text[tail_end:tail_end + 8]
    prev = before[-1:] or "^"
    nxt = after[:1] or "$"
    # codes and model names: 5G, G20, PM2.5, COVID-19, GB/T 15835
    if LATIN.match(prev) or LATIN.match(nxt) or (prev == " " and LATIN.match(before.rstrip()[-1:] or "^")):
        return "code"
    if prev in "-－–" and LATIN.match(before[-2:-1] or "^"):
        return "code"
    if before.rstrip().endswith("第"):
        return "ordinal"
    if prev in "〔［[〕］]":
        return "document number"
    if DOC_NUMBER_AFTER.match(after):
        return "number or date (号)"
    if inside_title(text, num_start):
        return "title"
    digits = raw_num.replace(",", "").replace(".", "").replace(" ", "")
    if not chinese and digits.isdigit() and len(digits) >= 7 and "." not in raw_num and "," not in raw_num:
        return "phone or ID"
    if not chinese and raw_num in HOTLINES and (not unit or HOTLINE_CONTEXT.match(after)):
        return "hotline"
    if not chinese and raw_num in HOTLINES and HOTLINE_CONTEXT.match(tail_after):
        return "hotline"
    if TIME_AFTER.match(after):
        return "time"
    if unit in ("季度",) or after.startswith("季度"):
        return "ordinal (quarter)"
    if after.startswith(("月", "日", "年代", "世纪", "周年", "届")) and unit in ("", "月", "日", "年"):
        return "date"
    if after.startswith("年"):
        if isinstance(value, int) and value >= 1000 or (not chinese and len(digits) == 4 and "." not in raw_num):
            return "date (year)"
        if isinstance(value, tuple) and value[0] >= 1000:
            return "date (years)"
        if PERIOD_AROUND_YEARS.search(before) or PERIOD_AFTER_YEARS.match(text[num_end + 1:num_end + 5]):
            return "period"
    if MONTHS_SINCE.match(after):
        return "period"
    if unit in ("名", "位") and before.endswith(("前", "后")):
        return "rank (前三名, 前10位)"
    if chinese:
        if YEARS_IN_WORDS.match(after) and unit in ("年", ""):
            return "period (years in words: 五年来, 三年行动)"
        if SESSION.match(after):
            return "ordinal (session)"
        if before.endswith("届"):
            return "ordinal (session)"
        if inside_short_quote(text, num_start, num_end):
            return "slogan"
        lo = max(0, num_start - 8)
        for m in SLOGANS.finditer(text, lo, min(len(text), num_end + 10)):
            if m.start() <= num_start < m.end():
                return "slogan"
        for m in PLAN_NAME.finditer(text, max(0, num_start - 2), min(len(text), num_end + 4)):
            if m.start() <= num_start < m.end():
                return "plan name"
        if unit == "个" and CN_DIGIT_CHAR.match(tail_after):
            return "slogan (五个一, 两个一百年)"
        if unit and (re.search(rf"[{CN_DIGITS}]{re.escape(unit)}、$", text[max(0, num_start - 4):num_start])
                     or re.match(rf"、[{CN_DIGITS}]{re.escape(unit)}", tail_after)):
            return "ordinal series (一类、二类; 一级、二级)"
        if value == 1 and unit not in (*TIMES, *POINTS, "%") and not raw_num.endswith(("万", "亿")):
            return "article (一个, 一次)"
        if before.endswith(("星期", "礼拜", "周", "初", "高", "大", "农历", "正月", "腊月")):
            return "date or grade"
    return None
