"""Period words: what stretch of time a figure covers (全年, 上半年, 一季度, 2024年1—6月, “十四五”时期).

Source: the period wording of the National Bureau of Statistics' bulletins and State Council
reports (上半年, 前三季度, 1—6月, 同期), GB/T 15835-2011 §4.1.2 for written years (二〇二五年)
and the five-year plan names (“十四五”). Used by the claim context (claims/context.py), the
claim binding (claims/binding.py) and the archive's reading of a title (archive/meta.py).
"""

from __future__ import annotations

import re

from pipeline.vocab.numerals import CIRCLE_ZERO, COUNT_DIGITS, DIGITS, TEN, ZEROS

# Parts of a year, in one word.
PART_YEAR = "上半年|下半年|前三季度"
QUARTER_DIGITS = DIGITS[:4]  # 一季度 … 四季度
# A five-year plan by its ordinal: 十四五 (“十四五”规划, 十四五时期).
PLAN = rf"{TEN}[{DIGITS}]五"
# A count of years in Chinese or Arabic digits (近五年, 三年来).
YEARS_COUNT = rf"[{COUNT_DIGITS}{TEN}\d]+"
# A year in digits, 1900-2099 (2025; \d also takes the full-width digits of pasted text).
ARABIC_YEAR = r"(?:19|20)\d{2}"
# A year written digit by digit in Chinese: 二〇二五, 一九九八.
WRITTEN_YEAR = rf"[{DIGITS[:2]}][{DIGITS[8]}{ZEROS[1]}{ZEROS[0]}][{ZEROS[1]}{ZEROS[0]}{DIGITS}]{{2}}"
# A month range inside a year: 1—6月, 1至9月.
MONTH_RANGE = r"\d{1,2}(?:[—\-－~～至到]\d{1,2})?月"
UNTIL = "(?:截至|截止|到)?"

# The period of a figure, as it stands before the figure.
PERIOD = re.compile(
    rf"{UNTIL}(?:(?:19|20)\d{{2}}|[{COUNT_DIGITS}{TEN}]{{4}})年(?:{MONTH_RANGE}(?:底|末|份)?|"
    rf"{PART_YEAR}|[{QUARTER_DIGITS}1-4]季度|第[{QUARTER_DIGITS}]季度|全年|年底|年末|年初|底|末|初|以来|度)?"
    rf"|{UNTIL}{MONTH_RANGE}(?:底|末|份|中旬|上旬|下旬)?(?:以来)?|今年(?:以来|上半年|下半年)?|去年(?:同期)?|"
    rf"上年(?:同期|度)?|本年度?|当年|全年|年内|"
    rf"一年来|年初以来|年初|年底|年末|{PART_YEAR}|(?:第)?[{QUARTER_DIGITS}]季度|(?:过去|近|最近){YEARS_COUNT}年|"
    rf"{YEARS_COUNT}年来|“[{TEN}][{DIGITS}]五”(?:期间|时期)?|{PLAN}(?:期间|时期)|任期内|届内"
)
# Periods that name the report's own year, and the year before it.
THIS_YEAR = frozenset({"全年", "今年", "今年以来", "本年", "本年度", "年内", "一年来", "年初以来", "当年"})
LAST_YEAR = frozenset({"去年", "上年", "上年度", "去年同期", "上年同期"})
# A year in a report's title, written digit by digit the looser way titles are typed (二○二二, with ○).
TITLE_WRITTEN_YEAR = rf"[{DIGITS[1]}{DIGITS[0]}][{ZEROS[1]}{CIRCLE_ZERO}{ZEROS[0]}{DIGITS}]{{3}}"
# The period a report's title covers (……2025年上半年工作总结); none means the whole year.
TITLE_PERIOD = rf"{PART_YEAR}|第[{QUARTER_DIGITS}]季度|[{QUARTER_DIGITS}]季度|1-6月|1—6月"
