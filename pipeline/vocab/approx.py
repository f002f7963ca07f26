"""Approximation markers: the words that make a figure an estimate (约300人, 60余个, 5%左右).

Source: the approximate-number forms of GB/T 15835-2011 §4.1.3 / §5.1.4 (约、近、余、左右、上下 …)
and the forms met in State Council reports; ``../shared/reference/conventions.md`` summarises them.
Used by the claim extractor (claims/extract.py), RL301 (rules/numbers.py) and the archive's
text reader of figures (archive/metrics.py).
"""

from __future__ import annotations

# Before the numeral: 约300、将近一半、超过60、不少于5次 (longest first within a shared start).
PREFIX = ("将近", "接近", "大约", "大概", "超过", "不到", "不足", "不少于", "至少", "多达", "约", "近", "逾", "超")
# Between the numeral and the unit: 300余人、60多个.
BEFORE_UNIT = ("余", "多")
# After the unit: 5%左右、100人以上、三年开外.
AFTER_UNIT = ("左右", "上下", "以上", "以下", "以内", "开外", "有余")
SUFFIX = BEFORE_UNIT + AFTER_UNIT


def alternation(words: tuple[str, ...]) -> str:
    """``words`` as a regex alternation, in the order given."""
    return "|".join(words)
