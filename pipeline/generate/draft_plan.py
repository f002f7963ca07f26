"""What a draft offers a plan: its own frame, and its own words for each dimension.

A writer extends a plan in the rhythm the draft already uses: the plan's own
series when it has one, otherwise the summary's headings (一是参谋辅政更加精准 gives
``[4]更加[2]``). The slots are filled from the draft: the summary item of the
dimension (its heading words and key phrases), the problems section (调查研究还不够深入
-> 调查研究, 深入: what to fix next), and the key phrases of the whole draft that
the classifier puts in the dimension (the office's own vocabulary). Stock
sub-topics of the taxonomy come last, and only those the draft itself mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.generate.phrases import Phrase, key_phrases

# 还不够深入, 仍不够顺畅, 不够到位: the quality the plan should promise next.
WANTED = re.compile(r"(?:还|仍|尚)?不够([\u4e00-\u9fff]{2})")
# Sources, best first, and their ranking bonus.
SOURCE_BONUS = {"problem": 0.5, "heading": 0.35, "summary": 0.3, "office": 0.15, "series": 0.2,
                "quality": 0.05, "name": 0.1, "subtopic": -0.3}
NO_PLAN_TITLE = re.compile(r"讲话|发言|心得|体会")
# Phrases that name a part or a fault, not a work to strengthen (部分事项, 违纪违法, 法定期限).
NOT_A_TOPIC = re.compile(r"^(?:部分|个别|一些|少数|有的|多数|法定)|违纪|违法|不够|不足|滞后|偏慢|期限|"
                         r"(?:会议|代表|委员|党员|科室|中心|单位|精神|报告)$")


def _topics(words) -> list[str]:
    return [w for w in words if not NOT_A_TOPIC.search(w)]


@dataclass
class DraftWords:
    """The draft's words for one dimension, by where they come from."""

    problem: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    heading: list[str] = field(default_factory=list)  # the summary heading's own slot fillers
    office: list[str] = field(default_factory=list)
    wanted: list[str] = field(default_factory=list)  # qualities the problems ask for (深入, 顺畅)

    def phrases(self) -> list[Phrase]:
        out: list[Phrase] = []
        seen: set[str] = set()
        for source, words in (("problem", self.problem), ("heading", self.heading), ("summary", self.summary),
                              ("office", self.office)):
            for w in words:
                if w not in seen:
                    seen.add(w)
                    out.append(Phrase(w, source))
        return out

    def objects(self) -> list[str]:
        """Objects for measure sentences: what the problems name first, then the summary's words."""
        out: list[str] = []
        for w in self.problem + self.summary + self.office:
            if w not in out:
                out.append(w)
        return out


def problem_texts(doc, item_dimension, classify, fallback: str) -> dict[str, str]:
    """Text of the problems section by dimension (items when it has them, else sentence by sentence)."""
    out: dict[str, str] = {}
    items = [it for it in (doc.outline.items if doc.outline else []) if it.section == "problems"
             and it.level >= 0 and it.heading]
    covered: set[int] = set()
    for it in items:
        if re.search(r"问题|不足|差距|短板", it.heading) and len(it.heading) <= 12:
            continue  # 二、存在的问题 names the section
        d = item_dimension(it)
        covered.update(it.paragraphs)
        if d != fallback:
            out[d] = out.get(d, "") + it.text(doc)
    for p in doc.paragraphs:
        if p.section != "problems" or p.index in covered:
            continue
        for sent in re.split(r"(?<=[。；])", p.text):
            if not re.search(r"不够|不足|不强|不高|不多|偏[低少慢弱]|滞后|欠缺|薄弱", sent):
                continue
            d = classify(sent, "").label
            if d != fallback:
                out[d] = out.get(d, "") + sent
    return out


def draft_words(dim, summary_text: str, problem_text: str, heading_fillers: list[str], office: list[str]) -> DraftWords:
    words = DraftWords()
    words.problem = [w for w in _topics(key_phrases(problem_text)) if w != dim.short4]
    words.wanted = list(dict.fromkeys(WANTED.findall(problem_text)))
    words.heading = [f for f in heading_fillers if f]
    words.summary = [w for w in _topics(key_phrases(summary_text)) if w != dim.short4]
    words.office = _topics(office)
    return words


def office_words(doc, classify, taxonomy) -> dict[str, list[str]]:
    """Key phrases of the summary and problems that the classifier reads, alone, as one dimension."""
    text = "".join(p.text for p in doc.paragraphs if p.section in ("summary", "problems", "opening"))
    out: dict[str, list[str]] = {}
    for w in key_phrases(text, top=20):
        pred = classify(w, w)
        if pred.label != taxonomy.fallback and pred.confidence >= 0.5:
            out.setdefault(pred.label, []).append(w)
    return out


def mentioned_subtopics(dim, draft: str) -> list[str]:
    """Stock sub-topics the draft itself speaks of (a two-character piece of it occurs in the draft)."""
    out = []
    for s in dim.subtopics:
        pieces = [s[i:i + 2] for i in range(0, len(s) - 1, 2)]
        if pieces and all(p in draft for p in pieces):
            out.append(s)
    return out


def has_no_plan(doc) -> str | None:
    """Why the document's genre has no plan (a speech or a 体会), or None.

    The genre recogniser (``doc.genre`` / ``pipeline.genre.detect_genre``) decides when
    it is there (its ``plan_part``); before that, a title naming a speech or a 心得体会 with
    no plan section.
    """
    genre = getattr(doc, "genre", None)
    if genre is None:
        try:
            from pipeline.genre import detect_genre  # type: ignore[import-not-found]
        except ImportError:
            detect_genre = None
        if detect_genre is not None:
            try:
                genre = detect_genre(doc)
            except Exception:  # a recogniser failure must not stop suggestions
                genre = None
    if genre is not None:
        # ``plan_part``: a plan belongs to the genre (``has_plan`` says whether this document has one)
        belongs = getattr(genre, "plan_part", None)
        if belongs is None:
            belongs = getattr(genre, "has_plan", True)
        return None if belongs else f"{getattr(genre, 'name', '')}：此类文体没有下步打算"
    if any(p.section == "plan" for p in doc.paragraphs):
        return None
    title = next((p.text for p in doc.paragraphs if p.section == "title"), "")
    if NO_PLAN_TITLE.search(title):
        return "讲话/体会类文稿：此类文体没有下步打算"
    return None
