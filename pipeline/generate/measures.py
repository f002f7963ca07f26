"""Measure sentences for a plan item: verb + the draft's own noun phrase, one or two clauses.

Human plan items follow their heading with what will be done (完善督办台账，强化跟踪问效).
The objects come from the draft (its problems and summary of that dimension); the
verb is the one the project's corpora pair most often with the object's head noun
(``models/generate/collocations.json``, written by ``scripts/collocations.py``). No
parser runs: the counts were taken with the same dictionary tags used here. A phrase
no plan verb has ever been seen with gets no clause (nothing is guessed).
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache

from pipeline.resources import models_dir
from pipeline.vocab import numerals

# Verbs plan measures are written with (the register of 下步工作打算); the counts choose among them.
PLAN_VERBS = tuple("加强 完善 健全 强化 深化 优化 规范 推进 提升 提高 落实 建立 拓展 创新 压实 夯实 畅通 细化 "
                   "推动 加大 抓好 做好 改进 丰富 严格 精简 统筹 巩固".split())
MIN_COUNT = 3  # the verb was seen with the head at least three times
# Words that make an object say nothing (中国建设, 干部职工 as a thing to improve, 办公室).
GENERIC_HEADS = set("精神 中心 报告 建议 中国 全国 全省 全市 全县 全区 我们 干部 职工 群众 人员 单位 部门 办公 领导 "
                    "年度 上年 全年".split())
COPY_RUN = 8  # an item must not copy this many characters in a row from the draft
NO_FIGURES = re.compile(rf"[0-9０-９{numerals.DIGITS}{numerals.PLACES}%％]{{2,}}|[0-9０-９]")


@lru_cache(maxsize=1)
def collocations() -> dict[tuple[str, str], int]:
    path = models_dir() / "generate" / "collocations.json"
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {tuple(k.split(" ", 1)): int(v) for k, v in data["pairs"].items()}  # type: ignore[misc]


def head_word(phrase: str) -> str:
    """The last dictionary word of a noun phrase (督办事项台账 -> 台账)."""
    from pipeline.segment import tokenize

    words = [t.text for t in tokenize(phrase) if t.text.strip()]
    return words[-1] if words else phrase


@lru_cache(maxsize=1)
def verb_totals() -> dict[str, int]:
    out: dict[str, int] = {}
    for (v, _n), c in collocations().items():
        out[v] = out.get(v, 0) + c
    return out


def verb_fit(verb: str, phrase: str) -> float:
    """How well ``verb`` takes ``phrase`` as its object: log count of (verb, head) and (verb, whole phrase),
    less a share of the verb's own frequency (加强 goes with everything; 健全 with 机制)."""
    table = collocations()
    pair = table.get((verb, head_word(phrase)), 0)
    if pair <= 0:
        return 0.0
    return math.log1p(pair) + 0.5 * math.log1p(table.get((verb, phrase), 0)) \
        - 0.25 * math.log1p(verb_totals().get(verb, 0)) + 2.0


def best_verbs(phrase: str, avoid: set[str] = frozenset(), k: int = 2) -> list[tuple[str, float]]:
    """Plan verbs seen with the phrase's head, best first; a verb the phrase already holds is skipped."""
    scored = [(v, verb_fit(v, phrase)) for v in PLAN_VERBS if v not in avoid and v not in phrase]
    table = collocations()
    scored = [s for s in scored if table.get((s[0], head_word(phrase)), 0) >= MIN_COUNT]
    scored.sort(key=lambda s: (-s[1], PLAN_VERBS.index(s[0])))
    return scored[:k]


def copied_run(text: str, draft: str) -> int:
    """Length of the longest run of ``text`` that occurs verbatim in ``draft``."""
    best = 0
    n = len(text)
    for i in range(n):
        lo = best + 1
        while i + lo <= n and text[i:i + lo] in draft:
            best = lo
            lo += 1
    return best


def clean_object(phrase: str) -> bool:
    """An object a measure may name: Chinese words only, no figure, no quoted name."""
    return bool(re.fullmatch(r"[\u4e00-\u9fff]{4,8}", phrase)) and not NO_FIGURES.search(phrase) \
        and phrase[:2] not in GENERIC_HEADS and phrase[-2:] not in GENERIC_HEADS


def measures(objects: list[str], heading: str, draft: str, used: set[str], limit: int = 4) -> list[tuple[str, float]]:
    """Up to ``limit`` measure sentences (one or two clauses) with their mean verb fit, best first.

    ``objects``: the draft's phrases for the dimension, best first; ``used``: objects other items
    already name (no two items repeat one). A clause that would copy ``COPY_RUN`` characters of
    the draft in a row is dropped.
    """
    heading_verbs = {v for v in PLAN_VERBS if v in heading}
    clauses: list[tuple[str, str, str, float]] = []  # (text, verb, object, fit)
    for obj in objects:
        if obj in used or obj in heading or not clean_object(obj):
            continue
        for verb, fit in best_verbs(obj, heading_verbs):
            text = verb + obj
            if copied_run(text, draft) >= COPY_RUN:
                continue
            clauses.append((text, verb, obj, fit))
            break
        if len(clauses) >= 6:
            break
    out: list[tuple[str, float]] = []
    for i, a in enumerate(clauses):
        for b in clauses[i + 1:]:
            if a[1] == b[1] or _shares(a[2], b[2]):
                continue
            out.append((f"{a[0]}，{b[0]}", (a[3] + b[3]) / 2))
            if len(out) >= limit:
                return out
    out += [(a[0], a[3] / 2) for a in clauses[: max(0, limit - len(out))]]
    return out


def objects_of(text: str) -> list[str]:
    """The objects a measure sentence names (what follows each plan verb)."""
    out = []
    for clause in re.split(r"[，。；]", text):
        if clause[:2] in PLAN_VERBS:
            out.append(clause[2:])
    return out


def _shares(a: str, b: str) -> bool:
    return a in b or b in a or any(a[i:i + 2] in b for i in range(len(a) - 1))
