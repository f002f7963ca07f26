"""Chinese numerals as reports write them: the digit characters, the zeros, 两, the place words.

Source: GB/T 15835-2011 (出版物上数字用法) §4.1 and §5.2: Chinese digits 一 … 九, 〇 as the
zero of a year written digit by digit (二〇二五年), 零 inside a number, 两 for two before a
measure word (两次), and the place words 十百千万亿. Every table of Chinese numeral characters
in the project is derived from the strings here (tests/test_vocab.py holds the rule).
"""

from __future__ import annotations

DIGITS = "一二三四五六七八九"  # 1 … 9, in order: DIGITS[n - 1] is n
ZEROS = "零〇"  # 零 in a number (一百零五), 〇 in a year written digit by digit
TWO = "两"  # two before a measure word (两次, 两个)
TEN = "十"
PLACES = "十百千万亿"  # place words, ten to a hundred million
TRADITIONAL = "萬億兩"  # traditional forms met in pasted text (萬, 億, 兩)
# Each traditional form (and 點, the decimal point) with its simplified twin.
TRADITIONAL_FORMS = dict(zip("點" + TRADITIONAL, "点" + PLACES[3:] + TWO, strict=True))
# A zero typed as a circle (○, U+25CB) in placeholders such as ○○件.
CIRCLE_ZERO = "○"

# Characters of a label numeral (一 … 十, 十二, 二十三).
LABEL_DIGITS = DIGITS + TEN
# Characters of a numeral in running text: digits, zeros and 两 (a class, order not meaningful).
COUNT_DIGITS = ZEROS + DIGITS[0] + DIGITS[1] + TWO + DIGITS[2:]
# Every character that may belong to a Chinese number.
NUMBER_CHARS = COUNT_DIGITS + PLACES + TRADITIONAL

VALUE = {**dict.fromkeys(ZEROS, 0), **{d: i for i, d in enumerate(DIGITS, start=1)}, TWO: 2}
PLACE_VALUE = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}


def chinese_numeral(n: int) -> str:
    """1 -> 一, 12 -> 十二, 23 -> 二十三, as label numerals are written (0 … 99; larger stay in digits)."""
    if n < 0 or n > 99:
        return str(n)
    if n == 0:
        return ZEROS[0]
    if n <= 9:
        return DIGITS[n - 1]
    tens, ones = divmod(n, 10)
    head = TEN if tens == 1 else DIGITS[tens - 1] + TEN
    return head + (DIGITS[ones - 1] if ones else "")
