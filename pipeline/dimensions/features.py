"""Features of a text unit for the dimension model: jieba words plus character 2-3-grams.

Training (``scripts/train_dimensions.py``) and inference (``model.py``) both call
``features`` so the two can never drift apart. Words are jieba tokens of the raw text
(the pipeline passes the tokens the segment stage already made, so nothing is cut
twice); ordinal labels and numbers are dropped: 一是 or 2023年 say nothing about the
dimension.
"""

from __future__ import annotations

import re
from collections import Counter

from pipeline.vocab.numerals import LABEL_DIGITS
from pipeline.vocab.ordinals import CIRCLED, NUMERAL, SEQUENCE_RE

# Labels come from the ordinal grammar (pipeline/vocab/ordinals.py); on the training reports, the
# dev drafts and State Council text this strips exactly what the older hand-written pattern did.
LABEL = re.compile(
    rf"^\s*(?:{NUMERAL}[、是要．.]|（(?:{NUMERAL}|\d{{1,3}})）|\((?:{NUMERAL}|\d{{1,3}})\)|"
    rf"第{NUMERAL}[，,、：:]|[1-9]\d?[.．、](?!\d)|[{CIRCLED}]|(?:{SEQUENCE_RE})[，,])"
)
INLINE_LABEL = re.compile(rf"(?<=[。；;：:，,]){NUMERAL}是")
NUMBER = re.compile(r"[0-9０-９.．%％]+")
NOT_HAN = re.compile(r"[^\u4e00-\u9fff]+")
SKIP_WORD = re.compile(r"^[\W_0-9０-９]+$")
# A word that is an ordinal or a bare run of numeral characters (一是, 第三, 一一, 十四五): the model's
# vocabulary was built without them, so the filter keeps this wider shape rather than the label grammar.
ORDINAL_WORD = re.compile(rf"^(?:[{LABEL_DIGITS}]{{1,3}}是?|第[{LABEL_DIGITS}]{{1,3}})$")


def clean(text: str) -> str:
    text = LABEL.sub("", text)
    text = INLINE_LABEL.sub("，", text)
    return NUMBER.sub("0", text)


def features(text: str, cut=None, words: list[str] | None = None) -> Counter[str]:
    """Counts of word features (``w…``) and character n-gram features (``c…``).

    ``words``: jieba tokens of ``text`` when the caller has them; otherwise ``cut(text)``.
    """
    if words is None:
        words = cut(text)
    items = ["w" + w for w in words if not SKIP_WORD.match(w) and not ORDINAL_WORD.match(w)]
    for run in NOT_HAN.split(clean(text)):
        if len(run) > 1:
            items += ["c" + run[i:i + 2] for i in range(len(run) - 1)]
            items += ["c" + run[i:i + 3] for i in range(len(run) - 2)]
    return Counter(items)


def unfiltered_features(text: str, words: list[str]) -> Counter[str]:
    """``features`` without the word filters, for inference: a filtered word is never in the
    vocabulary (the vocabulary was built from ``features``), so it drops out at lookup anyway."""
    items = ["w" + w for w in words]
    for run in NOT_HAN.split(clean(text)):
        if len(run) > 1:
            items += ["c" + run[i:i + 2] for i in range(len(run) - 1)]
            items += ["c" + run[i:i + 3] for i in range(len(run) - 2)]
    return Counter(items)
