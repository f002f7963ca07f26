"""What makes a generated plan item one a writer would not paste, as checks the generator and the
measuring script share (``scripts/plan_checks.py``).

Each check is one class of defect seen in blind ratings of generated items:

- ``generic``: a measure clause that only names the work area (健全综合协调工作机制, 加大协调推进力度);
- ``thin``: a measure of one clause where the draft offers two;
- ``repeats``: heading and measure say the same words (跟踪问效 … 强化督办事项跟踪问效), or the heading
  says one twice (坚持高效运转，… 更加高效), or its quality echoes its subject (跟踪问效更加高效);
- ``off_topic``: the heading names a sub-topic the measure never touches (理论学习 … 实战大练兵), or a
  measure clause reads as another dimension;
- ``bad_predicate``: a subject–predicate pair the corpora never pair and that is not one of the few
  predicates most work names take (理论学习更加过硬, 服务保障有新变化);
- ``area_only``: every work slot of the heading only names the area (综合协调更加高效, 队伍建设有新举措);
- ``passes_over_own_name``: the area's taxonomy name where the draft has its own (信访维稳 for 安保维稳);
- ``half_said``: a stock sub-topic of two works whose measure speaks of one only (信息调研 … research only);
- ``unsaid``: a heading names the work with words the draft never uses (信访维稳 where it says 诉求办理);
- ``introduces_done``: a clause introduces (畅通, 推动, 建立 …) what the draft reports as done (开通投诉专线);
- ``approach_verb``: the heading's verb does not take its approach (坚持高效运转: an outcome is not kept to;
  聚焦严管厚爱: a principle the corpora only 坚持);
- ``approach_measure``: the approach speaks of things the measure never does (勤俭节约 … 常态化开展行政查房);
- ``echo``: a word of the heading's approach or frame said again in the measure (坚持统筹兼顾 … 统筹安排);
- ``restates_problem``: the measure opens with the problem said in reverse (提高后勤保障精细化程度), not a practice.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.dimensions.taxonomy import Dimension

HAN2 = re.compile(r"[\u4e00-\u9fff]{2}")
# Words a measure object may hold without saying what is worked on.
GENERIC = set("工作 机制 力度 水平 能力 质量 质效 效能 效率 推进 体系 制度 举措 措施 方面 力量 作用 成效 效果 "
              "建设 管理 服务 意识 程度 时效 实效 有关 相关 各项 全面 进一步 更加 高效 顺畅 有力 规范 精细".split())
# Of those, the nouns: a heading and its measure may both say 管理 or 建设 (qualities like 高效 may not repeat).
GENERIC_OBJECTS = GENERIC - set("高效 顺畅 有力 规范 精细 更加 全面 进一步".split())
# Predicates most work names take: allowed for an unseen pair where the corpora pair them with many subjects.
BROAD_PREDICATES = ("有力", "规范", "扎实", "到位", "有效", "新进展", "新成效", "新提升", "新突破")
BROAD_MIN_SUBJECTS = 4
SURE_ELSEWHERE = 0.7  # a measure clause the classifier reads this surely as another dimension is off topic


INNER_PREDICATE = re.compile(r"^([\u4e00-\u9fff]{2,})(?:更加|更为)([\u4e00-\u9fff]{2})$")


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1) if HAN2.fullmatch(text[i:i + 2])}


def _measure_bigrams(measure: str) -> set[str]:
    """A measure's two-character pieces; research said as 研究 also speaks of 调研 (专题调研 … 前瞻性研究)."""
    grams = _bigrams(measure)
    if "研究" in grams:
        grams.add("调研")
    return grams


def _words(text: str) -> list[str]:
    from pipeline.segment import tokenize

    return [t.text for t in tokenize(text) if len(t.text) >= 2 and HAN2.match(t.text)]


def area_words(dim: Dimension) -> set[str]:
    """Words that only name the dimension's area: its names, their halves (not its cues: 台账, 后勤 are things)."""
    out = {dim.name, dim.short4}
    for n in (dim.name, dim.short4):
        out.update(n[i:i + 2] for i in range(0, len(n) - 1, 2))
    return out


def broad(filler: str, dim: Dimension) -> bool:
    """A filler that names the area or a sub-topic as wide (统筹协调, 信息调研): any measure of the area goes
    under it; a narrower work (会务服务, 理论学习, 作风建设) needs a measure about it."""
    if filler in area_words(dim) or (len(filler) >= 4 and filler in dim.cues):
        return True
    halves = [filler[i:i + 2] for i in range(0, len(filler), 2)]
    # a stock sub-topic made of the area's cue words only (统筹协调, 跟踪问效; not 作风建设, 积案化解)
    return filler in dim.subtopics and len(filler) % 2 == 0 and all(h in dim.cues for h in halves)


def generic(clause: str, dim: Dimension) -> bool:
    """A clause whose object holds nothing but the area's names and generic words (健全综合协调工作机制)."""
    from pipeline.generate.remedies import object_of

    obj = object_of(clause)
    names = area_words(dim)
    # the area's how-phrases and its wide sub-topics say no more (做好服务决策, 深化督查督办)
    wide = {a for a in dim.approaches} | {t for t in dim.subtopics if broad(t, dim)}
    for n in sorted(names | wide, key=len, reverse=True):
        if len(n) >= 4:
            obj = obj.replace(n, "")
    plain = GENERIC | names
    # 信访工作 is one dictionary word made of two words that say nothing here
    rest = [w for w in _words(obj) if w not in plain and not (len(w) == 4 and w[:2] in plain and w[2:] in plain)]
    return not rest


def repeats(heading: str, fillers: list[str], measure: str, quality: str | None = None,
            subject: str | None = None) -> str | None:
    """Why heading and measure repeat themselves, or None."""
    grams: dict[str, int] = {}
    for part in re.split(r"[，。；、]", heading):
        for i in range(len(part) - 1):
            g = part[i:i + 2]
            if HAN2.fullmatch(g):
                grams[g] = grams.get(g, 0) + 1
    twice = [g for g, n in grams.items() if n > 1 and g not in ("更加",)]
    if twice:
        return f"heading says {twice[0]} twice"
    if quality and subject and set(quality.lstrip("新")) & set(subject[-2:]):
        return f"{quality} echoes {subject}"
    if measure:
        for f in fillers:
            if len(f) >= 3 and f in measure:
                return f"{f} in heading and measure"
        # two words of the heading's fillers said again (坚持高效运转 … 推动会议运转更加高效)
        halves = {f[i:i + 2] for f in fillers if len(f) % 2 == 0 for i in range(0, len(f), 2)}
        shared = halves & _bigrams(measure) - GENERIC_OBJECTS
        if len(shared) >= 2:
            return f"{'、'.join(sorted(shared))} in heading and measure"
    return None


# Words a heading and its measure may share without reading as a repetition.
ECHO_FREE = frozenset("工作 机制 制度 管理 建设 质量 水平 能力 服务 体系 流程 标准 事项 更加 进一步 上下功夫".split())


def echo(heading: str, fillers: list[str], measure: str, dim: Dimension) -> str | None:
    """A word of the heading's approach or of its frame said again in the measure (坚持统筹兼顾 … 统筹安排
    公务活动; 突出规范运转 … 规范公文处理; 坚持协同联动 … 加强上下联动), or None. The work the heading
    names may come back (在督查督办上 … 完善督办台账): that is what the measure is about."""
    work = [f for f in fillers if f not in dim.approaches and f in heading]
    rest = heading
    for f in work:
        rest = rest.replace(f, "，")
    said = _with_halves(_words(rest)) - ECHO_FREE - area_words(dim)
    hit = sorted(said & _with_halves(_words(measure)))
    return hit[0] if hit else None


def _with_halves(words: list[str]) -> set[str]:
    """Words and the halves of four-character ones (统筹兼顾 says 统筹)."""
    out = set(words)
    out.update(h for w in words if len(w) == 4 for h in (w[:2], w[2:]))
    return out


def off_topic(fillers: list[str], measure: str, dim: Dimension, classify=None, fallback: str = "其他") -> bool:
    """The heading's own sub-topic (not the area's name, not a how-phrase) shares nothing with the measure,
    or a measure clause reads, alone, as another dimension."""
    specific = [f for f in fillers if len(f) >= 3 and not broad(f, dim) and f not in dim.approaches]
    if specific and measure and not any(_bigrams(f) & _measure_bigrams(measure) for f in specific):
        return True
    if classify is not None:
        for clause in measure.split("，"):
            if clause:
                pred = classify(clause, clause)
                if pred.label not in (dim.name, fallback) and pred.confidence >= SURE_ELSEWHERE:
                    return True
    return False


@lru_cache(maxsize=1)
def predicate_counts() -> tuple[dict[tuple[str, str], int], dict[str, int]]:
    """(subject head, predicate) counts from the corpora, and how many subjects each predicate takes."""
    import json

    from pipeline.resources import models_dir

    path = models_dir() / "generate" / "collocations.json"
    if not path.is_file():
        return {}, {}
    data = json.loads(path.read_text(encoding="utf-8")).get("predicates", {})
    pairs = {tuple(k.split(" ", 1)): int(v) for k, v in data.items()}
    subjects: dict[str, int] = {}
    for _h, q in pairs:
        subjects[q] = subjects.get(q, 0) + 1
    return pairs, subjects  # type: ignore[return-value]


def predicate_fits(subject: str, predicate: str) -> bool:
    """Do the corpora pair the subject's head with the predicate (运转更加高效), or is the predicate one most
    subjects take there (更加有力)? Without the table every pair passes (nothing to judge by)."""
    pairs, subjects = predicate_counts()
    if not pairs:
        return True
    head = subject[-2:]
    if pairs.get((head, predicate), 0) > 0:
        return True
    return predicate in BROAD_PREDICATES and subjects.get(predicate, 0) >= BROAD_MIN_SUBJECTS


# Verbs before an approach slot: those that keep to a principle, those that put a work in focus, and the
# words before an outcome (推动决策落地); a noun right before it is the outcome's subject (机关高效运转).
PRINCIPLE_VERBS = ("坚持", "注重", "厉行", "倡导", "提倡", "秉持", "践行")
FOCUS_VERBS = ("聚焦", "突出", "强化", "狠抓", "抓好", "做实", "深化", "着力")
# Approaches that name a state reached (素质过硬, 优质高效, 决策落地), not a way of working.
OUTCOME_ENDS = ("过硬", "高效", "有力", "到位", "落地")
OUTCOME_LEFT = ("推动", "确保", "实现", "促进", "保持", "保障", "保证", "着眼", "力求")


@lru_cache(maxsize=1)
def approach_lefts() -> dict[str, dict[str, int]]:
    """approach -> {the two characters before it: count} in the corpora (collocations.json)."""
    import json

    from pipeline.resources import models_dir

    path = models_dir() / "generate" / "collocations.json"
    if not path.is_file():
        return {}
    out: dict[str, dict[str, int]] = {}
    for key, n in json.loads(path.read_text(encoding="utf-8")).get("approach_left", {}).items():
        left, approach = key.split(" ", 1)
        out.setdefault(approach, {})[left] = int(n)
    return out


def _outcome_left(word: str) -> bool:
    from pipeline.segment import dict_pos_tag

    if word in OUTCOME_LEFT:
        return True
    tags = list(dict_pos_tag(word))
    return len(tags) == 1 and tags[0].pos in ("n", "nz", "j")


def approach_verb_fits(verb: str, approach: str) -> bool:
    """Does the heading verb take the approach? Seen together in the corpora: yes. Otherwise a principle
    verb (坚持) takes no outcome (高效运转: only 机关高效运转, 推动…), and a focus verb (聚焦, 突出) no
    principle the corpora only keep to (严管厚爱: only 坚持). Without evidence either way it passes."""
    if verb in PRINCIPLE_VERBS and approach.endswith(OUTCOME_ENDS):
        return False  # 坚持素质过硬, 坚持优质高效: a state reached is not a principle kept to
    lefts = approach_lefts().get(approach)
    if not lefts or lefts.get(verb, 0) > 0:
        return True
    principle = sum(n for w, n in lefts.items() if w in PRINCIPLE_VERBS)
    focus = sum(n for w, n in lefts.items() if w in FOCUS_VERBS)
    outcome = sum(n for w, n in lefts.items() if w not in PRINCIPLE_VERBS + FOCUS_VERBS and _outcome_left(w))
    if verb in PRINCIPLE_VERBS:
        return not (outcome and not principle)
    if verb in FOCUS_VERBS:
        return not (principle and not focus)
    return True


def area_only(fillers: list[str], qualities: set[int], dim: Dimension) -> bool:
    """Every work slot of the heading only names the area (综合协调更加高效, 信息调研有新提升)."""
    work = [f for j, f in enumerate(fillers) if j not in qualities]
    return bool(work) and all(broad(f, dim) for f in work)


def unsaid(fillers: list[str], qualities: set[int], dim: Dimension, draft: str) -> str | None:
    """A work slot filled with a name the draft never uses, whole or in both its halves (信息调研 for an
    office that never says 调研; the area's own name with neither half: 信访维稳 where it only speaks of
    诉求 and 投诉), or None."""
    for j, f in enumerate(fillers):
        if j in qualities or f in dim.approaches or len(f) < 4 or f in draft:
            continue
        halves = [f[i:i + 2] for i in range(0, len(f) - 1, 2)]
        # the area's own name is the genre's word for it: one half said is enough (队伍 for 队伍建设)
        said = any if f in (dim.name, dim.short4) else all
        if not said(h in draft for h in halves):
            return f
    return None


def introduces_done(clause: str, draft: str) -> bool:
    """A clause that brings in (畅通, 推动 …) a practice the draft says is already done."""
    from pipeline.generate.remedies import INTRODUCING, done_in_draft, object_of

    if not clause.startswith(INTRODUCING):
        return False
    obj = re.sub(r"更加.*$", "", object_of(clause))
    return done_in_draft(obj, draft)


def quality_slots(frame) -> set[int]:
    """Open slots that say how well, not what (更加[2], 有新[2], 更有[1]度)."""
    from pipeline.generate.frames import literal_before, open_slots

    out = set()
    for j, (_lo, hi, role) in enumerate(open_slots(frame)):
        if role == "quality" or hi <= 1 or literal_before(frame, j).endswith("新"):
            out.add(j)
    return out


def heading_predicate(frame, fillers: list[str]) -> tuple[str, str] | None:
    """(subject, predicate) of a heading whose quality slot follows a work slot: (理论学习, 过硬) in
    理论学习更加过硬, (服务保障, 新变化) in 服务保障有新变化; None when the frame has no such pair."""
    from pipeline.generate.frames import literal_before, open_slots

    slots = open_slots(frame)
    qual = quality_slots(frame)
    for j in sorted(qual):
        if j > 0 and slots[j][1] >= 2 and j - 1 not in qual and j < len(fillers):
            lead = "新" if literal_before(frame, j).endswith("新") else ""
            return fillers[j - 1], lead + fillers[j]
    for f in fillers:  # a long slot filled piece by piece: 安保维稳更加顺畅
        m = INNER_PREDICATE.match(f)
        if m:
            return m.group(1), m.group(2)
    return None


def related(fillers: list[str], measure: str, dim: Dimension) -> bool:
    """Does the measure speak of the heading's own sub-topic (a two-character piece of a filler that is
    not the area's name)?"""
    names = area_words(dim)
    grams = {g for f in fillers for g in _bigrams(f) if g not in names}
    return bool(grams & _measure_bigrams(measure))


def passes_over_own_name(fillers: list[str], own: list[str], dim: Dimension) -> bool:
    """The heading names the area by the taxonomy (信访维稳) where the draft's summary heading has its own
    name for it, sharing a half (安保维稳)."""
    mine = [f for f in own if f != dim.name and len(f) == 4 and (f[:2] in dim.name or f[2:] in dim.name)]
    return bool(mine) and dim.name in fillers and not any(m in fillers for m in mine)


def half_said(fillers: list[str], measure: str, dim: Dimension) -> str | None:
    """A stock sub-topic of two works in the heading whose measure speaks of one only (信息调研 over a
    measure about research and nothing of 信息), or None."""
    names = area_words(dim)
    for f in fillers:
        if f not in dim.subtopics or len(f) != 4 or f in dim.approaches:
            continue
        halves = (f[:2], f[2:])
        if any(h in names for h in halves):
            continue  # 督查督办: one half is the area itself
        said = [h in _measure_bigrams(measure) for h in halves]
        if any(said) and not all(said):
            return f
    return None


def approach_mismatch(fillers: list[str], measure: str, dim: Dimension) -> bool:
    """The heading's approach applies to things the measure never names (勤俭节约 … 常态化开展行政查房)."""
    from pipeline.generate.remedies import approach_fits

    return bool(measure) and any(f in dim.approaches and not approach_fits(f, measure) for f in fillers)


# A remedy whose object is a degree or a disposition only turns the problem sentence round
# (后勤保障精细化程度不高 -> 提高后勤保障精细化程度; 节约意识有待增强 -> 增强节约意识).
DEGREE_ENDS = ("程度", "意识", "水平", "能力", "深度", "广度", "精细化", "主动性", "自觉性")


# Verbs that only turn a shortcoming round when their object is the problem's own words (增强督办问效刚性
# 约束 from 督办问效的刚性约束还不够强, 深化调查研究 from 调查研究还不够深入); 优化 and 加快 name a way of
# working and stay.
TURN_VERBS = ("增强", "提升", "提高", "加大", "推动", "推出更多", "丰富", "创新", "增加", "深化")


def restates_problem(clause: str, problems: str = "") -> bool:
    """A clause that only says the shortcoming in reverse, no practice: its object is a degree (提高后勤保障
    精细化程度), or a turning verb over the problems' own words (加大信息化手段运用力度, 推动后勤服务更加精细)."""
    from pipeline.generate.remedies import object_of

    obj = object_of(clause)
    if obj.endswith(DEGREE_ENDS):
        return True
    if not problems or not clause.startswith(TURN_VERBS):
        return False
    core = re.sub(r"(?:更加.*|力度|时效|质效)$", "", obj)
    return len(core) >= 2 and core in problems.replace("的", "")
