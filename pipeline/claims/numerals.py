"""Numbers as they are written in reports: Arabic (half- or full-width), Chinese, fractions.

Chinese numerals are converted with cn2an, imported only when a Chinese numeral
actually needs converting (its import costs about 0.2 s). Two adjacent digits
(三四个, 五六十人) are GB/T 15835's approximate form and become a range; cn2an
would read 三四 as 34.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.vocab.numerals import COUNT_DIGITS, DIGITS, NUMBER_CHARS, PLACE_VALUE, PLACES, TRADITIONAL_FORMS, VALUE

FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－％", "0123456789.,-%")
TRADITIONAL = str.maketrans(TRADITIONAL_FORMS)
CN_DIGIT = COUNT_DIGITS
CN_UNIT = PLACES
CN_CHARS = NUMBER_CHARS
CN_VALUE = VALUE
ADJACENT = re.compile(rf"^([{DIGITS}])([{DIGITS}])([{PLACES[:4]}]?)$")
MAGNITUDE = {"": 1, "万": 10_000, "亿": 100_000_000, "万亿": 1_000_000_000_000, "千": 1000, "百": 100}

Number = int | float
Value = Number | tuple[Number, Number]


def has_full_width(s: str) -> bool:
    return any("０" <= ch <= "９" for ch in s)


def arabic_value(s: str) -> Number:
    """``"1,234.5"`` → 1234.5; full-width digits are read as their half-width twins."""
    s = s.translate(FULL_WIDTH).replace(",", "").replace("·", ".").replace(" ", "")
    if "." in s:
        return float(s)
    return int(s)


def decimals(s: str) -> int:
    """How many digits follow the decimal point (the precision the writer gave)."""
    s = s.translate(FULL_WIDTH).replace(" ", "")
    return len(s.split(".", 1)[1]) if "." in s else 0


@lru_cache(maxsize=4096)
def chinese_value(s: str) -> Value | None:
    """A Chinese numeral's value, a (low, high) pair for 三四/五六十, None if it is not a number."""
    s = s.translate(TRADITIONAL)
    if len(s) == 1 and s in CN_VALUE:
        return CN_VALUE[s]  # one digit (两次, 六个): no need to load cn2an for it
    if s in PLACE_VALUE:
        return PLACE_VALUE[s]
    m = ADJACENT.match(s)
    if m:
        a, b = CN_VALUE[m.group(1)], CN_VALUE[m.group(2)]
        if b == a + 1:
            scale = PLACE_VALUE.get(m.group(3), 1)
            return (a * scale, b * scale)
        if not m.group(3):
            return None  # 三五 etc.: not a numeral in running text
    if len(s) in (2, 3) and not any(ch in CN_UNIT for ch in s):
        return None  # 一一, 五四: not numerals
    if len(s) > 1 and not any(ch in CN_UNIT for ch in s) and "点" not in s:
        # digit by digit (二〇二五): only years are written so
        return int("".join(str(CN_VALUE[ch]) for ch in s)) if all(ch in CN_VALUE for ch in s) else None
    import cn2an  # lazy: 0.2 s import, paid only when a Chinese numeral appears

    try:
        v = cn2an.cn2an(s, "normal")
    except (ValueError, KeyError, IndexError):
        return None
    if isinstance(v, float) and v.is_integer() and "点" not in s:
        v = int(v)
    return v


def scale(value: Value, magnitude: str) -> Value:
    """The value times its magnitude word (3.2万 → 32000)."""
    f = MAGNITUDE.get(magnitude, 1)
    if isinstance(value, tuple):
        return (_mul(value[0], f), _mul(value[1], f))
    return _mul(value, f)


def _mul(v: Number, f: int) -> Number:
    r = v * f
    return int(round(r)) if isinstance(r, float) and abs(r - round(r)) < 1e-9 else r


def half_step(raw_number: str, magnitude: str = "") -> float:
    """Half a unit of the last written digit, in the scaled value's units (rounding tolerance)."""
    if any(ch in CN_CHARS for ch in raw_number):
        # Chinese numerals are exact unless a magnitude ends them (三万 is "about 30,000")
        return 0.5 * MAGNITUDE.get(magnitude, 1) if magnitude else 0.0
    d = decimals(raw_number)
    step = 10.0 ** (-d)
    if magnitude:
        return 0.5 * step * MAGNITUDE.get(magnitude, 1)
    return 0.5 * step if d else 0.0
