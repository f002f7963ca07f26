"""Report sections: title, opening, summary, problems, plan, closing.

A 工作总结 moves through its parts in one direction (what we did, what fell
short, what we will do), so sections are assigned by a state machine that only
moves forward. A part starts at a heading that names it (二、存在的问题,
三、2026年工作打算) or at a lead-in paragraph that introduces items
(下步工作打算，重点在六个方面再进一步。).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.vocab.periods import ARABIC_YEAR

SECTIONS = ("title", "opening", "summary", "problems", "plan", "closing")
# Outside the body's one-way order: attachments and notes (附件, 名词解释), and web-page furniture.
APPENDIX_SECTION, FURNITURE_SECTION = "appendix", "furniture"
ORDER = {name: i for i, name in enumerate(SECTIONS)}

SUMMARY_HEAD = re.compile(
    r"主要工作|工作回顾|工作成效|完成情况|开展情况|主要成效|取得的成绩|主要做法|工作总结|工作情况|主要成绩"
)
PROBLEM_HEAD = re.compile(
    r"存在的?(?:主要)?(?:问题|不足|差距|短板)|问题和不足|不足和问题|问题与不足|不足之处|差距和不足|困难和问题|"
    r"主要问题|薄弱环节|短板弱项|困难和挑战|工作中的(?:问题|不足|差距|短板)"
)
PROBLEM_LEAD = re.compile(
    r"(?:存在|还有|仍有|也有|面临|看到)(?:着)?(?:一些|不少|很多|诸多|许多|较大的|很大的|以下)?(?:的)?"
    r"(?:不足|问题|差距|短板|薄弱环节|困难)|不足之处|问题和不足|差距和不足"
)
PLAN_HEAD = re.compile(
    rf"打算|思路|工作安排|工作计划|下步|下一步|下阶段|今后|明年|新的一年|{ARABIC_YEAR}年(?:的)?(?:工作|主要)?(?:重点|任务)|"
    r"总体要求|努力方向|工作设想|展望"
)
PLAN_LEAD = re.compile(r"下步|下一步|下阶段|下半年|接下来|今后|明年|新的一年")
YEAR_LEAD = re.compile(r"^(?:20|19)\d\d年")
FUTURE = re.compile(r"将|要|拟|计划|打算|重点")
CLOSING_CUES = re.compile(
    r"贡献|新局面|新篇章|新成绩|新的更大|奋力|谱写|开创|再创|而奋斗|而努力|努力把|不懈努力|以更加|更高标准|谢谢|"
    r"交出.{0,6}答卷|不负|不辱|以上报告|特此报告|请予审议|请予评议|请审阅|妥否|批评指正"
)
SALUTATION = re.compile(r"^(?:各位|尊敬的).{0,20}[：:]$")
SENTENCE_MARK = re.compile(r"[。！？；]")


def _first_sentences(text: str, n: int = 2, limit: int = 80) -> str:
    parts = re.split(r"(?<=[。！？；：:])", text)
    return "".join(parts[:n])[:limit]


def is_short_heading(text: str) -> bool:
    """A line that reads as a heading: short and without a sentence inside it."""
    body = text.rstrip("。：:")
    return len(body) <= 40 and not SENTENCE_MARK.search(body)


def assign_sections(texts: Sequence[str], labelled: Sequence[bool], headings: Sequence[bool]) -> list[str]:
    """One section name per paragraph.

    ``labelled[i]``: paragraph i opens with an ordinal (一、 or 一是…);
    ``headings[i]``: it opens with a heading-family label (一、 （一） 1.).
    """
    n = len(texts)
    out = ["summary"] * n
    if n == 0:
        return out
    state = "opening"
    start = 0
    if n > 1 and not labelled[0] and len(texts[0]) <= 60 and not re.search(r"[。！？；：:]$", texts[0]):
        out[0] = "title"
        start = 1
    any_items = any(labelled)
    for i in range(start, n):
        text = texts[i]
        nxt_labelled = i + 1 < n and labelled[i + 1]
        new = state
        if labelled[i]:
            head = text if headings[i] else ""
            head_line = _first_sentences(head, 1, 40) if head else ""
            plan_at = PLAN_HEAD.search(head_line) if head and is_short_heading(text) else None
            problem_at = PROBLEM_HEAD.search(head_line) if head and is_short_heading(text) else None
            if problem_at and state != "plan" and (plan_at is None or problem_at.start() < plan_at.start()):
                new = "problems"  # 四、存在的不足和今后努力方向: the problems come first
            elif plan_at:
                new = "plan"
            elif state == "opening":
                new = "summary"
        else:
            lead = _first_sentences(text)
            if SALUTATION.match(text) and state == "opening":
                new = "opening"
            elif is_short_heading(text) and PLAN_HEAD.search(text) and i > start:
                new = "plan"
            elif is_short_heading(text) and PROBLEM_HEAD.search(text) and state in ("summary", "opening") \
                    and i > start:
                new = "problems"
            elif state in ("summary", "problems") and _plan_lead(text, lead, nxt_labelled):
                new = "plan"
            elif state == "summary" and PROBLEM_LEAD.search(lead[:60]):
                new = "problems"
            elif state == "opening" and is_short_heading(text) and SUMMARY_HEAD.search(text) \
                    and not text.endswith("。"):
                new = "summary"
            elif state == "opening" and not any_items and i > start:
                new = "summary"
        if ORDER[new] >= ORDER[state]:
            state = new
        out[i] = state
    _mark_closing(texts, labelled, out, start)
    return out


def _plan_lead(text: str, lead: str, next_labelled: bool) -> bool:
    """A lead-in paragraph to the plan: 下步工作中，…将重点在五个方面持续用力。"""
    if len(text) > 200:
        return False
    has_items = next_labelled or re.search(r"[：:]\s*(?:一是|第一|首先)", text) is not None
    if not has_items:
        return False
    if PLAN_LEAD.search(lead) and FUTURE.search(text):
        return True
    return bool(YEAR_LEAD.match(text) and re.search(r"将|要", lead))


def _mark_closing(texts: Sequence[str], labelled: Sequence[bool], out: list[str], start: int) -> None:
    """The trailing unlabelled paragraphs that end the report (为…作出新的更大贡献。)."""
    n = len(texts)
    if not any(labelled):
        return
    last_item = max(i for i in range(n) if labelled[i])
    for i in range(max(last_item + 1, n - 2), n):
        if labelled[i] or i <= start:
            continue
        prev = texts[i - 1]
        if labelled[i - 1] and is_short_heading(prev) and i == last_item + 1:
            continue  # the body of a stand-alone heading, not a closing
        if CLOSING_CUES.search(texts[i]):
            for j in range(i, n):
                out[j] = "closing"
            return
