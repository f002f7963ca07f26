"""Frame induction for parallel series: the fixed words and slot lengths items share.

参谋辅政更到位 / 督查落实更有力 / 综合协调更高效 share the frame ``[4]更[2]``: a
four-character slot, the fixed character 更, a two-character slot. The frame is
induced from the items themselves (no template list), by keeping the characters
of one item that every other item also has, in order, and measuring the gaps.

A frame is only trusted when it is *strong*: every slot has the same length in
every item (a rigid frame), or the fixed words carry at least three Chinese
characters. Most real series share nothing of the kind and get no frame at all.
Only a rigid frame judges length. Quotation and book-title marks are no
characters of a slot (“清单管理”更规范 fills [4]更[2]), and a quoted name that
misses a slot's length (抓好“三办” against 抓好[4]) breaks no rhythm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

MAX_HEADING = 26  # longer clauses are sentences, not parallel headings
MAX_DEVIANT = 40  # the one item that breaks a frame may run longer (服务保障工作比往年有了明显的改进和提高)
MAX_FIXED_SHARE = 0.6  # a frame is fixed words *and* slots: 抓好[4]，在[4-6]上实现再进一步 is 0.5
MAX_SLOT_SPREAD = 2  # 以文辅政 / 推动决策落实 fill one slot; wider spreads are free text
HAN = re.compile(r"[\u4e00-\u9fff]")
# Quotation and book-title marks frame a slot's words; they are not characters of the slot:
# “清单管理”更规范 fills [4]更[2] as 参谋辅政更到位 does.
MARKS = frozenset("“”‘’《》「」『』〈〉\"")


MARKS_RE = re.compile("[" + re.escape("".join(sorted(MARKS))) + "]")


def width(text: str) -> int:
    """Characters of ``text`` that count in a slot (quotation and book-title marks left out)."""
    return len(text) - len(MARKS_RE.findall(text))


@dataclass(frozen=True)
class Frame:
    """Literal pieces with slots between them; ``slots[i]`` is (min, max) length before ``literals[i]``."""

    literals: tuple[str, ...]
    slots: tuple[tuple[int, int], ...]  # len(literals) + 1 entries

    @property
    def rigid(self) -> bool:
        return all(lo == hi for lo, hi in self.slots)

    @property
    def fixed_han(self) -> int:
        return sum(len(HAN.findall(lit)) for lit in self.literals)

    @property
    def filled_slots(self) -> int:
        return sum(1 for _lo, hi in self.slots if hi > 0)

    @property
    def fixed_share(self) -> float:
        """Share of an average item taken by fixed words (关于无产阶级文化大革命的[2] is nearly all fixed)."""
        fixed = sum(len(lit) for lit in self.literals)
        slots = sum((lo + hi) / 2 for lo, hi in self.slots)
        return fixed / max(1.0, fixed + slots)

    @property
    def strong(self) -> bool:
        if self.fixed_han == 0 or self.fixed_share > MAX_FIXED_SHARE:
            return False  # no fixed words, or a repeated phrase rather than a frame with slots
        if self.rigid:
            return True
        # a loose frame needs real fixed words and slots that vary by a character or two only
        return self.fixed_han >= 3 and all(hi - lo <= MAX_SLOT_SPREAD for lo, hi in self.slots)

    @property
    def pattern(self) -> str:
        """``[4]更[2]``; a slot whose length varies shows its range, ``[4-6]``."""
        out = []
        for i, (lo, hi) in enumerate(self.slots):
            if hi > 0:
                out.append(f"[{lo}]" if lo == hi else f"[{lo}-{hi}]")
            if i < len(self.literals):
                out.append(self.literals[i])
        return "".join(out)

    def regex(self) -> re.Pattern[str]:
        return _frame_regex(self.literals)

    def slot_lengths(self, text: str) -> tuple[int, ...] | None:
        m = self.regex().match(text)
        if not m:
            return None
        return tuple(width(g) for g in m.groups())

    def fits(self, text: str) -> bool:
        """Does ``text`` have the fixed words in order and slots within the observed lengths?"""
        lengths = self.slot_lengths(text)
        if lengths is None:
            return False
        return all(lo <= n <= hi for n, (lo, hi) in zip(lengths, self.slots, strict=True))

    def describe(self, text: str) -> str:
        """``text`` written in the frame's notation, for messages: [6]更[2]."""
        lengths = self.slot_lengths(text)
        if lengths is None:
            return ""
        out = []
        for i, n in enumerate(lengths):
            if n or self.slots[i][1]:
                out.append(f"[{n}]")
            if i < len(self.literals):
                out.append(self.literals[i])
        return "".join(out)


def induce(texts: list[str], memo: dict | None = None) -> Frame | None:
    """The frame shared by all ``texts`` (at least two), or None when they share no fixed words.

    ``memo`` keeps the characters of one text that another matches, for the calls of one series
    (``find_deviation`` induces the frame of each subset, comparing the same pairs again)."""
    if len(texts) < 2 or any(not t or width(t) > MAX_HEADING for t in texts):
        return None
    common = set(texts[0]).intersection(*texts[1:])
    if not any(HAN.match(ch) for ch in common):
        return None  # no Chinese character in every item: no fixed words, no frame
    ref = min(texts, key=width)
    keep = [ch not in MARKS for ch in ref]  # marks are never the frame's fixed words
    for other in texts:
        if other is ref:
            continue
        matched = _matched(ref, other) if memo is None else memo.get((ref, other))
        if matched is None:
            matched = memo[(ref, other)] = _matched(ref, other)
        keep = [k and m for k, m in zip(keep, matched, strict=True)]
        if not any(k and HAN.match(ch) for k, ch in zip(keep, ref, strict=True)):
            return None
    literals = _runs(ref, keep)
    while literals:
        frame = _measure(literals, texts)
        if frame is not None:
            return frame
        # drop the weakest piece (shortest, then latest) and try again
        weakest = min(range(len(literals)), key=lambda i: (len(literals[i]), -i))
        literals = literals[:weakest] + literals[weakest + 1:]
    return None


def _matched(ref: str, other: str) -> list[bool]:
    """For each character of ``ref``: is it in a block ``other`` matches (difflib, no junk heuristic)?"""
    matched = [False] * len(ref)
    for a, _b, size in SequenceMatcher(None, ref, other, autojunk=False).get_matching_blocks():
        matched[a:a + size] = [True] * size
    return matched


@lru_cache(maxsize=4096)
def _frame_regex(literals: tuple[str, ...]) -> re.Pattern[str]:
    parts = ["^"]
    for lit in literals:
        parts.append("(.*?)")
        parts.append(re.escape(lit))
    parts.append("(.*)$")
    return re.compile("".join(parts), re.S)


def _runs(text: str, keep: list[bool]) -> list[str]:
    runs, cur = [], []
    for ch, k in zip(text, keep, strict=True):
        if k:
            cur.append(ch)
        elif cur:
            runs.append("".join(cur))
            cur = []
    if cur:
        runs.append("".join(cur))
    return [r for r in runs if r.strip()]


def _measure(literals: list[str], texts: list[str]) -> Frame | None:
    probe = Frame(tuple(literals), tuple((0, 0) for _ in range(len(literals) + 1)))
    rows = []
    for t in texts:
        lengths = probe.slot_lengths(t)
        if lengths is None:
            return None
        rows.append(lengths)
    slots = tuple((min(col), max(col)) for col in zip(*rows, strict=True))
    return Frame(tuple(literals), slots)


def _rhythm_break(frame: Frame, lengths: tuple[int, ...]) -> bool:
    """Is a rigid frame broken by slot lengths alone?

    With two or more slots ([4]更[2]) any change breaks the rhythm. With one slot
    only a near miss on a long slot does ([6]化 vs [8]化); 关于[4] vs 关于[12], or
    [2]工作 vs [4]工作, are headings of different length, not a broken frame.
    """
    if frame.filled_slots >= 2:
        return True
    want = max(hi for _lo, hi in frame.slots)
    diff = sum(abs(n - lo) for n, (lo, _hi) in zip(lengths, frame.slots, strict=True))
    return want >= 4 and diff <= 3


def _quoted_keywords(frame: Frame, texts: list[str]) -> bool:
    """Is it the quoted-keyword series (在“准”字上下功夫 / 在“实”字上下功夫 / 在“严”字上下功夫)?

    Nearly all of such an item is fixed words, which ``strong`` takes for a repeated phrase;
    but a rigid frame whose every slot is a quoted word in every item is the classic frame of
    office headings, chosen on purpose.
    """
    if not frame.rigid or frame.fixed_han < 3 or frame.filled_slots == 0:
        return False
    for text in texts:
        m = frame.regex().match(text)
        if m is None:
            return False
        for g, (_lo, hi) in zip(m.groups(), frame.slots, strict=True):
            if hi > 0 and not (g[:1] in "“‘「『" and g[-1:] in "”’」』"):
                return False
    return True


def _quoted_misfit(frame: Frame, text: str) -> bool:
    """Does a slot that misses its length hold a quoted or titled name (抓好“三办” against 抓好[4])?

    A name in quotation or title marks has the length it has; the writer could not
    have fitted it to the slot, so its length breaks no rhythm.
    """
    m = frame.regex().match(text)
    if m is None:
        return False
    return any(not lo <= width(g) <= hi and any(ch in MARKS for ch in g)
               for g, (lo, hi) in zip(m.groups(), frame.slots, strict=True))


@dataclass(frozen=True)
class Deviation:
    index: int  # which item breaks the frame
    frame: Frame  # the frame the other items share
    how: str  # "length" | "words"


_UNSET = object()


ODD_SLOT = 3  # a fixed-length slot this short that all items but one fill alike is a fixed word (求突破)


def _one_character_odd(whole: Frame, texts: list[str], min_conforming: int,
                       memo: dict | None = None) -> Deviation | None:
    """The one item whose short fixed-length slot differs where every other item has the same words
    (再加力 ×3 and 再发力; 求突破 ×3 and 下功夫)."""
    rows = [whole.regex().match(t) for t in texts]
    if any(r is None for r in rows):
        return None
    found: list[Deviation] = []
    for j, (lo, hi) in enumerate(whole.slots):
        if lo != hi or hi > ODD_SLOT:
            continue
        chars = [r.group(j + 1) for r in rows]  # type: ignore[union-attr]
        common = max(chars, key=chars.count)  # first of tied characters, not set order
        odd = [i for i, ch in enumerate(chars) if ch != common]
        if len(odd) != 1 or len(texts) - 1 < min_conforming or not HAN.match(common):
            continue
        i = odd[0]
        frame = induce(texts[:i] + texts[i + 1:], memo)
        if frame is not None and frame.strong and not frame.fits(texts[i]):
            found.append(Deviation(i, frame, "words"))
    return found[0] if len(found) == 1 else None


def find_deviation(texts: list[str], min_conforming: int = 3, whole: Frame | None | object = _UNSET,
                   memo: dict | None = None) -> Deviation | None:
    """The one item that breaks a strong frame all the others share, if exactly one does.

    ``whole``: ``induce(texts)`` when the caller has it already; ``memo`` as for ``induce``."""
    if len(texts) < min_conforming + 1 or any(not t or width(t) > MAX_DEVIANT for t in texts):
        return None
    long = [i for i, t in enumerate(texts) if width(t) > MAX_HEADING]
    if len(long) > 1:
        return None  # sentences, not headings
    memo = {} if memo is None else memo
    if whole is _UNSET:
        whole = induce(texts, memo)
    if whole is not None and whole.strong:
        # all items share a strong frame (a slot a character or two longer is no break), unless a
        # one-character slot is the same in all but one: 再加力 ×3 and 再发力 miss a fixed word
        return _one_character_odd(whole, texts, min_conforming, memo)
    found: list[Deviation] = []
    sets = [set(t) for t in texts]
    for i in range(len(texts)):
        if long and i not in long:
            continue  # only the one over-long item can be the odd one out
        others = texts[:i] + texts[i + 1:]
        shared = set.intersection(*(sets[:i] + sets[i + 1:]))
        if not any(HAN.match(ch) for ch in shared):
            continue
        frame = induce(others, memo)
        if frame is None or not (frame.strong or _quoted_keywords(frame, others)):
            continue
        lengths = frame.slot_lengths(texts[i])
        if lengths is None:
            found.append(Deviation(i, frame, "words"))
        elif frame.rigid and not frame.fits(texts[i]) and _rhythm_break(frame, lengths) \
                and not _quoted_misfit(frame, texts[i]):
            found.append(Deviation(i, frame, "length"))
    if len(found) != 1:
        return None
    return found[0]
