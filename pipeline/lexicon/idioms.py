"""Near-miss idioms: a four-character run one sound-alike or look-alike character away from
an idiom (jieba tag ``i``) or set phrase (``l``) of jieba's own dictionary (融汇贯通 → 融会贯通).

The idioms come from jieba's packaged dictionary, not a hand-typed list:
``data/idioms4.txt`` is derived from it by ``scripts/derive_lexicon.py idioms``
(reading jieba's 350,000 entries at every start would cost 0.1 s). For each
of the four positions the other three characters form a key; the text's windows
are keyed the same way with numpy and looked up by binary search, so the scan is
a few vectorised passes over the text, not a Python loop per character. Only a
window that is itself no dictionary word, that the segmentation leaves as a unit,
and whose differing character is confusable with the idiom's is reported.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pipeline.document import Document
from pipeline.lexicon.confusable import common_chars, confusable
from pipeline.lexicon.slips import Slip, crosses_word
from pipeline.vocab import numerals

IDIOMS = Path(__file__).resolve().parent / "data" / "idioms4.txt"
# Longer idioms and set phrases (防患于未然, 一步一个脚印, 行百里者半九十): jieba's, derived like idioms4.txt,
# and the office set phrases jieba lacks (久久为功, 一张蓝图绘到底), written for report-lint.
LONG_IDIOMS = Path(__file__).resolve().parent / "data" / "idioms_long.txt"
OFFICE_PHRASES = Path(__file__).resolve().parent / "data" / "office_phrases.txt"
LONG_MIN_FREQ = 2  # jieba's longer entries are rarer; a one-character miss of five or more characters is telling
MIN_FREQ = 20  # rarer dictionary idioms are mostly jieba's noise (一不扭众) and draw false alarms
# jieba tags many idioms otherwise (融会贯通 nr, 精益求精 n): four-character words this common count too
ANY_TAG = 20
RARE = 10  # jieba lists some misspellings with a tiny count (迫不急待 3 against 迫不及待 303)
HALF_WORD = 50  # halves this common (社会|活力, 自营|业务, 循序|前进) are words in their own right
# Numerals and function characters: 五位一体 is no slip for 三位一体, nor 在进一步 for 再进一步.
NUMERALS = set(numerals.COUNT_DIGITS + numerals.PLACES + "几")
NEVER = NUMERALS | set("的地得了着过在再于与和及或是为对把被将从向就都也而且")
TAGS = {"i": "成语", "l": "固定搭配"}


def select_long_idioms(entries) -> list[tuple[str, str, int]]:
    """(word, tag, count) of jieba's idioms (i) and set phrases (l) of five to eight Chinese characters."""
    return sorted((w, t, f) for w, f, t in entries if 5 <= len(w) <= 8 and t in TAGS and f >= LONG_MIN_FREQ
                  and all("\u4e00" <= c <= "\u9fff" for c in w))


def select_idioms(entries) -> list[tuple[str, str, int]]:
    """(word, tag, count) of jieba dictionary entries that serve as idioms here: four Chinese characters,
    tagged idiom or set phrase and at least MIN_FREQ, or any tag and at least ANY_TAG."""
    out = []
    for w, f, t in entries:
        if len(w) == 4 and all("\u4e00" <= c <= "\u9fff" for c in w) and f >= min(MIN_FREQ, ANY_TAG):
            if (t in TAGS and f >= MIN_FREQ) or f >= ANY_TAG:
                out.append((w, t, f))
    return sorted(out)


@lru_cache(maxsize=4096)
def _tag(ch: str) -> str:
    from pipeline.segment import word_tag

    return word_tag(ch) or ""


@lru_cache(maxsize=1)
def idiom_index():
    """(idioms, tags, per position k: (sorted keys, idiom numbers)) from jieba's dictionary."""
    import numpy as np

    rows = []
    if IDIOMS.exists():
        for line in IDIOMS.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                w, t, _ = line.split("\t")
                rows.append((w, t))
    words = [w for w, _ in rows]
    tags = [t for _, t in rows]
    if not words:
        return words, tags, [], None
    cps = np.array([[ord(c) for c in w] for w in words], dtype=np.int64)
    index = []
    for k in range(4):
        keys = _pack(*(cps[:, j] for j in range(4) if j != k))
        order = np.argsort(keys, kind="stable")
        index.append((keys[order], order))
    halves = np.zeros((2, 1 << PAIR_BITS), dtype=bool)  # which first halves, which second halves occur
    halves[0, _pair(cps[:, 0], cps[:, 1])] = True
    halves[1, _pair(cps[:, 2], cps[:, 3])] = True
    return words, tags, index, halves


PAIR_BITS = 22


def _pair(a, b):
    """A hash of two code points, for a quick "could this half belong to an idiom" filter."""
    return ((a * 40503) ^ b) & ((1 << PAIR_BITS) - 1)


def _pack(a, b, c):
    return (a << 42) | (b << 21) | c


def near_miss_idioms(doc: Document, shield) -> list[Slip]:
    text = doc.text
    if len(text) < 4:
        return []
    import numpy as np

    words, tags, index, halves = idiom_index()
    if not index:
        return []
    from pipeline.segment import tokenizer

    freq = tokenizer().FREQ
    common = common_chars()
    cp = np.frombuffer(text.encode("utf-32-le"), dtype="<u4").astype(np.int64)
    n = len(cp) - 3
    cols = [cp[j:j + n] for j in range(4)]
    # one changed character leaves one half whole: windows whose halves no idiom has are skipped
    whole_second = np.nonzero(halves[1, _pair(cols[2], cols[3])])[0]
    whole_first = np.nonzero(halves[0, _pair(cols[0], cols[1])])[0]
    out: list[Slip] = []
    seen: set[int] = set()
    for k in range(4):
        keys, order = index[k]
        where = whole_second if k < 2 else whole_first
        q = _pack(*(cols[j][where] for j in range(4) if j != k))
        at = np.searchsorted(keys, q)
        found = np.nonzero(keys[np.minimum(at, len(keys) - 1)] == q)[0]
        for f in found.tolist():
            i = int(where[f])
            if i in seen:
                continue
            window = text[i:i + 4]
            ch = window[k]
            seen_freq = freq.get(window, 0)
            if ch not in common or ch in NEVER or seen_freq > RARE:
                continue
            if sum(c in NUMERALS for c in window) >= 2:
                continue  # 二十八期: a count, not an idiom
            half = window[:2] if k < 2 else window[2:]
            hf, of = freq.get(half, 0), freq.get(window[2:] if k < 2 else window[:2], 0)
            if (hf >= 2 * HALF_WORD and of > 0) or (hf >= HALF_WORD and of >= HALF_WORD):
                continue  # two good words side by side (社会|活力, 血脉|相连), not a broken idiom
            if k == 1 and of >= HALF_WORD and _tag(ch).startswith("a") and _tag(window[0]).startswith("v"):
                continue  # a verb, then an adjective before a whole word (有|新|作为 beside 有所作为)
            j = int(at[f])
            while j < len(keys) and keys[j] == q[f]:
                w = words[int(order[j])]
                j += 1
                if seen_freq and freq.get(w, 0) < 10 * seen_freq:
                    continue  # both forms are in use
                if w[k] in NEVER:
                    continue
                how = confusable(ch, w[k])
                if how is None:
                    continue
                if crosses_word(doc, i) or crosses_word(doc, i + 4) or shield.overlaps(i, i + 4):
                    break
                tag = TAGS.get(tags[int(order[j - 1])], "四字词语")
                out.append(Slip(i, i + 4, window, w, "warning", f"jieba 词典{tag}（{how}）", "idiom",
                                note=f"“{ch}”与“{w[k]}”{how}"))
                seen.add(i)
                break
    out.sort(key=lambda s: s.start)
    return out


@lru_cache(maxsize=1)
def long_index() -> tuple[dict[str, list[tuple[str, str]]], dict[str, list[tuple[str, str]]]]:
    """Longer idioms by their first two and by their last two characters: one changed character of a
    phrase of four or more leaves one of the two whole."""
    rows: list[tuple[str, str]] = []
    for path, default in ((LONG_IDIOMS, ""), (OFFICE_PHRASES, "office")):
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line and not line.startswith("#"):
                    w, _, rest = line.partition("\t")
                    rows.append((w.strip(), rest.split("\t")[0] or default))
    heads: dict[str, list[tuple[str, str]]] = {}
    tails: dict[str, list[tuple[str, str]]] = {}
    for w, tag in rows:
        heads.setdefault(w[:2], []).append((w, tag))
        tails.setdefault(w[-2:], []).append((w, tag))
    return heads, tails


@lru_cache(maxsize=1)
def known_long() -> frozenset[str]:
    heads, _ = long_index()
    return frozenset(w for group in heads.values() for w, _ in group)


def near_miss_long_idioms(doc: Document, shield) -> list[Slip]:
    """Windows one confusable character away from a longer idiom or office set phrase (防患于未燃 → 防患于未然)."""
    text = doc.text
    heads, tails = long_index()
    if not heads:
        return []
    from pipeline.segment import tokenizer

    freq = tokenizer().FREQ
    common = common_chars()
    out: list[Slip] = []
    taken: set[int] = set()
    for i in range(len(text) - 1):
        pair = text[i:i + 2]
        for w, tag in heads.get(pair, ()):
            _try_long(doc, text, i, w, tag, freq, common, shield, out, taken)
        for w, tag in tails.get(pair, ()):
            _try_long(doc, text, i + 2 - len(w), w, tag, freq, common, shield, out, taken)
    out.sort(key=lambda s: s.start)
    return out


def _try_long(doc, text, i, w, tag, freq, common, shield, out, taken) -> None:
    n = len(w)
    if i < 0 or i in taken or i + n > len(text):
        return
    window = text[i:i + n]
    if window in known_long():
        return  # another listed phrase written right (一张蓝图干到底 beside 一张蓝图绘到底)
    diff = [k for k in range(n) if window[k] != w[k]]
    if len(diff) != 1:
        return
    k = diff[0]
    ch, right = window[k], w[k]
    if ch not in common or ch in NEVER or right in NEVER or freq.get(window, 0) > RARE:
        return
    if k in (0, n - 1) and freq.get(window[1:] if k == 0 else window[:-1], 0) >= HALF_WORD:
        return  # a word and an affix (社会科学|界 beside 社会科学家), not a broken phrase
    how = confusable(ch, right)
    if how is None:
        return
    if crosses_word(doc, i) or crosses_word(doc, i + n) or shield.overlaps(i, i + n):
        return
    source = "常用固定说法" if tag == "office" else f"jieba 词典{TAGS.get(tag, '固定搭配')}"
    out.append(Slip(i, i + n, window, w, "warning", f"{source}（{how}）", "idiom", note=f"“{ch}”与“{right}”{how}"))
    taken.add(i)
