"""Common plan frames and the fixed phrase pools that fill their short slots.

When a draft has no plan at all there is no series to take a frame from, so
the generator offers the rhythms office plans are usually written in. Each
frame is a structure ``Frame`` (fixed words, slot lengths), so a generated
item is checked with the very ``fits`` the structure rules use.

Slots are written ``[n]`` (``[4-6]`` for a range); ``Frame`` keeps the fixed
words between them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.structure.frames import Frame

# (name, pattern, what each slot holds) — written for report-lint, in the register of 下步工作打算.
# An "approach" slot says how the work is done (围绕中心, 跟踪问效), a "work" slot names the work
# itself (参谋辅政, 督查督办): 提升[work]水平 and 在[work]上 only read well with a work's name.
PLAN_FRAMES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("zaifali", "聚焦[4]，在[4]上再发力", ("approach", "work")),
    ("qiutupo", "坚持[4]，在[4]上求突破", ("approach", "work")),
    ("tisheng", "突出[4]，提升[4]水平", ("approach", "work")),
    ("xiagongfu", "坚持[4]，在[4]上下功夫", ("approach", "work")),
    ("gengjia", "在[4]上更加[2]", ("work", "quality")),
    ("zhuahao", "聚焦[4]，推动[4]提质增效", ("approach", "work")),
)

# Two-character qualities for 更[2] / 更加[2] slots (参谋辅政更到位, 队伍建设更过硬).
QUALITIES: tuple[str, ...] = (
    "到位", "有力", "高效", "精细", "扎实", "过硬", "顺畅", "精准", "规范", "有效",
    "务实", "优质", "周到", "严实", "坚实", "有序", "给力", "出彩",
)
# Two-character nouns of what is new (有新突破, 见新成效): the slot after a fixed word ending in 新.
NEW_THINGS: tuple[str, ...] = ("突破", "成效", "进展", "提升", "举措", "气象", "作为", "局面", "亮点", "变化")
# Literals after which a two-character slot holds a quality rather than a work name.
QUALITY_LEAD = re.compile(r"(?:更加|更为|更|越来越|愈加|再)$")

SLOT = re.compile(r"\[(\d+)(?:-(\d+))?\]")


@dataclass(frozen=True)
class PlanFrame:
    name: str
    frame: Frame
    roles: tuple[str, ...]  # one per non-empty slot, in order

    @property
    def pattern(self) -> str:
        return self.frame.pattern


def parse_pattern(pattern: str) -> Frame:
    """``抓好[4]，在[4]上实现再进一步`` as a structure ``Frame`` (empty slots where no [n] stands)."""
    literals: list[str] = []
    slots: list[tuple[int, int]] = []
    pos = 0
    pending = (0, 0)
    for m in SLOT.finditer(pattern):
        lit = pattern[pos:m.start()]
        if lit:
            slots.append(pending)
            literals.append(lit)
            pending = (0, 0)
        lo = int(m.group(1))
        hi = int(m.group(2) or lo)
        pending = (lo, hi)
        pos = m.end()
    tail = pattern[pos:]
    if tail:
        slots.append(pending)
        literals.append(tail)
        pending = (0, 0)
    slots.append(pending)
    return Frame(tuple(literals), tuple(slots))


def plan_frames() -> list[PlanFrame]:
    return [PlanFrame(name, parse_pattern(p), roles) for name, p, roles in PLAN_FRAMES]


def library_roles(pattern: str) -> tuple[str, ...] | None:
    """The slot roles of a library frame (None for a frame taken from the draft)."""
    return next((roles for _name, p, roles in PLAN_FRAMES if p == pattern), None)


def render(frame: Frame, fillers: list[str]) -> str:
    """Fixed words with ``fillers`` in the frame's non-empty slots, in order."""
    out: list[str] = []
    it = iter(fillers)
    for i, (_lo, hi) in enumerate(frame.slots):
        if hi > 0:
            out.append(next(it))
        if i < len(frame.literals):
            out.append(frame.literals[i])
    return "".join(out)


def literal_before(frame: Frame, j: int) -> str:
    """The fixed words right before open slot ``j`` (有新 for [4]有新[2]'s second slot)."""
    k = 0
    for i, (_lo, hi) in enumerate(frame.slots):
        if hi > 0:
            if k == j:
                return frame.literals[i - 1] if i > 0 else ""
            k += 1
    return ""


def open_slots(frame: Frame) -> list[tuple[int, int, str]]:
    """(min, max, role guess) of every non-empty slot; role is "quality" after 更/更加, else "work"."""
    out = []
    for i, (lo, hi) in enumerate(frame.slots):
        if hi <= 0:
            continue
        before = frame.literals[i - 1] if i > 0 else ""
        role = "quality" if hi <= 2 and QUALITY_LEAD.search(before) else "work"
        out.append((lo, hi, role))
    return out


def slot_fillers(frame: Frame, text: str) -> list[str] | None:
    """What ``text`` puts in each non-empty slot of ``frame`` (None when the fixed words are absent)."""
    m = frame.regex().match(text)
    if not m:
        return None
    return [g for g, (_lo, hi) in zip(m.groups(), frame.slots, strict=True) if hi > 0]


# Long slots (坚持[10]上求突破, 聚焦[4]，[10]) are filled piece by piece.
# Aspects that rise and results that say they rose (综合协调 质效 明显提高): every pair reads well.
ASPECTS: tuple[str, ...] = ("水平", "质效", "能力", "效能", "质量")
RESULTS: tuple[str, ...] = ("稳步提升", "持续提升", "明显提高", "不断增强", "显著增强", "进一步提高")
# What a work's name itself can be followed by (综合协调更加顺畅, not 矛盾纠纷明显提高: 提高 needs 水平).
WORK_RESULTS: tuple[str, ...] = ("更加顺畅", "更加有力", "更加规范", "更加精准", "更加扎实", "更加高效", "提质增效")
LONG_SLOT = 6  # longer slots hold more than one phrase


def _resplit(frame: Frame, texts: list[str], split) -> tuple[list[str], list[tuple[int, int]]] | None:
    """Walk ``frame``'s slots with every item's fillers; ``split(contents, lo, hi)`` may cut one slot
    into (slots before, literals, last slot). None when fewer than two items fit the frame."""
    rows = [slot_fillers(frame, t) for t in texts]
    rows = [r for r in rows if r is not None]
    if len(rows) < 2:
        return None
    literals: list[str] = []
    slots: list[tuple[int, int]] = []
    k = 0
    for i, (lo, hi) in enumerate(frame.slots):
        if hi > 0:
            cut = split([r[k] for r in rows], lo, hi)
            k += 1
            if cut is not None:
                before, lits, (lo, hi) = cut
                slots.extend(before)
                literals.extend(lits)
        slots.append((lo, hi))
        if i < len(frame.literals):
            literals.append(frame.literals[i])
    return literals, slots


def refine(frame: Frame, texts: list[str]) -> Frame:
    """Split long slots at fixed words all items share inside them (坚持[10]上求突破 -> 坚持[4]，在[4]上求突破)."""

    def at_shared_words(contents: list[str], lo: int, hi: int):
        inner = _aligned(contents) if hi > LONG_SLOT else None
        return None if inner is None else (list(inner.slots[:-1]), list(inner.literals), inner.slots[-1])

    walked = _resplit(frame, texts, at_shared_words)
    if walked is None:
        return frame
    literals, slots = walked
    # merge empty slots between two literals
    out_lit: list[str] = []
    out_slots: list[tuple[int, int]] = [slots[0]]
    for lit, slot in zip(literals, slots[1:], strict=True):
        if out_lit and out_slots[-1] == (0, 0):
            out_lit[-1] += lit
            out_slots[-1] = slot
        else:
            out_lit.append(lit)
            out_slots.append(slot)
    refined = Frame(tuple(out_lit), tuple(out_slots))
    return refined if all(refined.fits(t) for t in texts) else frame


def _aligned(contents: list[str]) -> Frame | None:
    """Fixed characters at the same place in every filler of one length (服务大局，在参谋辅政 …: ，在)."""
    if len({len(c) for c in contents}) != 1:
        return None
    n = len(contents[0])
    same = [all(c[i] == contents[0][i] for c in contents) for i in range(n)]
    literals: list[str] = []
    slots: list[tuple[int, int]] = []
    gap = 0
    i = 0
    while i < n:
        if same[i]:
            j = i
            while j < n and same[j]:
                j += 1
            slots.append((gap, gap))
            literals.append(contents[0][i:j])
            gap = 0
            i = j
        else:
            gap += 1
            i += 1
    slots.append((gap, gap))
    frame = Frame(tuple(literals), tuple(slots))
    if not literals or frame.fixed_han == 0 or any(hi == 0 for lo, hi in slots[1:-1]):
        return None
    return frame


def split_clauses(frame: Frame, texts: list[str]) -> Frame:
    """Split a long slot at the comma every item has inside it (强化[9]更有[1]度 -> 强化[4]，[4]更有[1]度)."""

    def at_comma(contents: list[str], lo: int, hi: int):
        parts = [c.split("，") for c in contents]
        if hi <= LONG_SLOT or not all(len(p) == 2 and all(p) for p in parts):
            return None
        firsts, seconds = [len(p[0]) for p in parts], [len(p[1]) for p in parts]
        return [(min(firsts), max(firsts))], ["，"], (min(seconds), max(seconds))

    walked = _resplit(frame, texts, at_comma)
    if walked is None:
        return frame
    split = Frame(tuple(walked[0]), tuple(walked[1]))
    return split if all(split.fits(t) for t in texts) else frame
