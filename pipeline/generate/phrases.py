"""Slot fillers for one dimension: canonical names, sub-topics and the draft's own key phrases.

A plan item should read like the draft it belongs to, so the words the summary
item of that dimension already uses (TF-IDF key nouns, and two-word
compounds that occur in it verbatim) come first, then the taxonomy's
canonical name and sub-topics, which always fit the dimension.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from pipeline.dimensions.taxonomy import Dimension

NOUNISH = ("n", "vn", "nz", "nt", "ns", "j")
# Phrases that open with a manner word are actions, not topics (jieba tags 严格执行 as a noun).
MANNER = set("严格 认真 充分 明显 积极 切实 全面 不断 持续 深入 扎实 稳步 主动 及时 高度 大力 着力 努力 普遍 "
             "科学 有效 进一步 坚决 更加 广泛".split())
HAN_ONLY = re.compile(r"^[\u4e00-\u9fff“”]+$")
# Words that carry no topic: they make fillers like 进一步加强 or 各项工作.
STOP = set("工作 各项 进一步 加强 做好 积极 认真 全面 不断 持续 有效 及时 切实 主动 坚持 确保 提高 提升 开展 "
           "推进 推动 围绕 全年 今年 以来 我们 我局 我市 我县 单位 部门 领导 同志 方面 情况 问题 重点 "
           "一是 二是 三是 实现 取得 进行 较好 良好 明显 成效 效果 水平 能力 质量 作用 意识 相关".split())


@dataclass(frozen=True)
class Phrase:
    text: str
    source: str  # "draft" (the summary item), "name" (canonical), "subtopic", "cue", "quality"


@lru_cache(maxsize=64)
def key_phrases(text: str, top: int = 12) -> tuple[str, ...]:
    """Topic phrases of ``text``, best first: nouns ranked by TF-IDF, and noun compounds found verbatim.

    The IDF comes from jieba's own dictionary frequencies and the tags from its
    dictionary, so lint-time suggestions never load ``jieba.analyse`` or
    ``jieba.posseg`` (1.4 s of start-up between them). A compound is two
    two-character nouns or verbal nouns in a row (专题调研, 行业维稳, 应急管理);
    决策提供, 认真执行 or 做到群众 are not topics and are left out.
    """
    if not text:
        return ()
    from pipeline.segment import dict_pos_tag, tokenizer

    dt = tokenizer()
    tokens = [(t.text, t.pos) for t in dict_pos_tag(text) if t.text.strip()]
    tf = Counter(w for w, f in tokens if f in NOUNISH and len(w) >= 2 and HAN_ONLY.match(w) and w not in STOP)
    log_total = math.log(dt.total)
    score = {w: n * (log_total - math.log(dt.FREQ.get(w) or 1)) for w, n in tf.items()}
    words = sorted(score, key=lambda w: (-score[w], w))[: top * 3]
    weight = {w: len(words) - i for i, w in enumerate(words)}
    pos = dict(tokens)
    pairs: Counter[str] = Counter()
    for (a, fa), (b, fb) in zip(tokens, tokens[1:], strict=False):
        if a in STOP or b in STOP or not (HAN_ONLY.match(a) and HAN_ONLY.match(b)):
            continue
        if len(a) == 2 and len(b) == 2 and fb in NOUNISH and fa in NOUNISH and a not in MANNER and b not in WHO \
                and (a in weight or b in weight):
            pairs[a + b] += weight.get(a, 0) + weight.get(b, 0)
    compounds = [p for p, _ in pairs.most_common(top)]
    singles = [w for w in words if pos.get(w, "") in NOUNISH and not topical_start(w) and w[-2:] not in WHO]
    out: list[str] = []
    for w in compounds + singles:
        if w not in out:
            out.append(w)
    return tuple(out[: top * 2])


WHO = set("部门 人员 单位 群众 领导 同志 干部 任务 活动".split())  # 信访部门 names who or what, not the work


def topical_start(phrase: str) -> bool:
    """Does the phrase open with a manner word (严格执行, 认真落实)?"""
    return phrase[:2] in MANNER or phrase[:3] in MANNER


def dimension_phrases(dim: Dimension, draft_text: str = "", name_first: bool = False) -> list[Phrase]:
    """Candidate fillers for ``dim``, the draft's own words first (the canonical name first if asked)."""
    seen: set[str] = set()
    out: list[Phrase] = []

    def add(text: str, source: str) -> None:
        if text and text not in seen:
            seen.add(text)
            out.append(Phrase(text, source))

    if name_first:
        add(dim.short4, "name")
    for w in key_phrases(draft_text):
        add(w, "draft")
    add(dim.short4, "name")
    for s in dim.subtopics:
        add(s, "subtopic")
    add(dim.name, "name")
    for c in dim.cues:
        add(c, "cue")
    return out


def fitting(phrases: list[Phrase], lo: int, hi: int) -> list[Phrase]:
    return [p for p in phrases if lo <= len(p.text) <= hi]
