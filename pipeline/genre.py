"""Stage ``genre``: what kind of document this is, before any rule judges it.

An office 工作总结 is read dimension by dimension and its plan answers its summary;
a 政府工作报告, a 党代会报告, a 讲话 or a 通知 follow other conventions, and rules
written for the first raise false alarms on the others. The genre is read the way a
reader reads it: the title (and a ——subtitle) first, then the opening (who reports to
whom: 我代表国务院, 下面我就…作简要交流, 现将…总结如下), the salutation (各位代表, 同志们),
the closing words (谢谢大家, 特此通知, 请予评议) and the structure the outline stage found
(a summary and a plan part). Each cue adds weight to one genre; the heaviest wins and
its margin over the runner-up is the confidence.

``doc.genre`` holds a ``Genre``; ``GENRES`` says for every genre whether it is an office
report (the RL6xx coverage rules apply) and whether a plan part belongs to it (plan
generation applies).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.document import Document
from pipeline.vocab.numerals import DIGITS, LABEL_DIGITS, TWO
from pipeline.vocab.periods import ARABIC_YEAR


@dataclass(frozen=True)
class GenreKind:
    office: bool  # an office work report: dimensions, coverage and summary↔plan rules apply
    plan_part: bool  # a 下步打算 that answers the summary belongs to the genre (plan generation applies)
    about: str


GENRES: dict[str, GenreKind] = {
    "工作总结": GenreKind(True, True, "年度/年终工作总结、工作情况报告"),
    "半年总结": GenreKind(True, True, "上半年（1—6月）工作总结"),
    "汇报材料": GenreKind(True, True, "工作汇报、情况汇报"),
    "交流材料": GenreKind(True, True, "经验交流材料、交流发言、典型材料"),
    "述职报告": GenreKind(True, True, "个人或班子述职（述职述廉、述责述廉）"),
    "工作计划": GenreKind(True, False, "工作计划、工作要点、工作安排（全篇是打算，没有总结）"),
    "讲话稿": GenreKind(False, False, "领导讲话、致辞"),
    "政府工作报告": GenreKind(False, False, "各级人民政府向人民代表大会所作的政府工作报告"),
    "党代会报告": GenreKind(False, False, "向党的代表大会所作的报告"),
    "公文": GenreKind(False, False, "通知、通报、意见、决定、决议、批复、请示、函等法定公文"),
    "其他": GenreKind(False, False, "以上都不是，或无从判断"),
}
FALLBACK = "其他"


@dataclass(frozen=True)
class Genre:
    name: str
    confidence: float
    office: bool
    has_plan: bool  # the document has a plan part (下步打算 …), whatever its genre
    evidence: tuple[str, ...] = field(default=())  # the cues that decided, strongest first

    @property
    def plan_part(self) -> bool:
        """Whether a plan that answers the summary belongs to this genre (plan generation applies)."""
        return GENRES.get(self.name, GENRES[FALLBACK]).plan_part

    def to_dict(self) -> dict:
        return {"name": self.name, "confidence": round(self.confidence, 3), "office": self.office,
                "has_plan": self.has_plan, "evidence": list(self.evidence)}


# Older records (the 1950s reports, translated archives) are in traditional characters; the
# cues below are written once, in simplified characters, and matched on a folded copy.
_TRADITIONAL = str.maketrans(
    "會議國務員們報黨屆總結講話發驗關於為現這個從進決對與軍體區鄉縣辦處見請審謝計劃達開濟產質將過謹詞問題"
    "頒佈經學習擔職責彙專長級幹參謀",
    "会议国务员们报党届总结讲话发验关于为现这个从进决对与军体区乡县办处见请审谢计划达开济产质将过谨词问题"
    "颁布经学习担职责汇专长级干参谋",
)

# Title: the first short lines (a main title, a ——subtitle). First match wins: the more
# specific form first (…关于政府工作报告的决议 is a 决议; 工作总结和明年工作打算 is a 总结).
DOC_TYPE_END = re.compile(r"(?:通知|通报|决定|决议|意见|批复|请示|复函|函|公告|通告|纪要|命令|议案|公报)$")
TITLE_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("党代会报告", re.compile(r"(?:党|共产党|中共)[^，。]{0,30}代表(?:大会|会议)上?的?(?:政治|工作)?报告|党代会报告")),
    ("政府工作报告", re.compile(r"政府工作报告")),
    ("述职报告", re.compile(r"述职|述责述廉|述德述廉")),
    ("讲话稿", re.compile(r"讲话|致辞|讲稿")),
    # a leader 讲话; a unit 发言 at a 座谈会 or 交流会 speaks of its own work (交流发言, 表态发言)
    ("交流材料", re.compile(r"交流材料|经验交流|交流发言|经验材料|典型发言|典型材料|经验做法|发言材料|工作交流|"
                            r"发言稿?$")),
    ("半年总结", re.compile(r"(?:上半年|半年|前半年|1[-—–~至]6月|一至六月)[^，。]{0,12}(?:总结|工作情况|汇报|报告)")),
    ("工作总结", re.compile(r"总结|工作报告|工作情况的?报告|年终|述评")),
    ("汇报材料", re.compile(r"汇报|情况的?报告")),
    ("工作计划", re.compile(r"工作计划|工作要点|工作安排|工作思路|工作打算|工作方案|(?:计划|要点)$")),
)
TITLE_WEIGHT = 3.0

# Opening (the first paragraphs after the title): who speaks to whom, and why.
OPENING_CUES: tuple[tuple[str, float, re.Pattern[str]], ...] = (
    ("政府工作报告", 3.0, re.compile(r"我[^，。]{0,6}(?:代表|受)国务院|向大会(?:作|报告)[^。]{0,6}政府工作|"
                                     r"我?代表[^，。]{0,16}人民政府[，,]?向(?:大会|本次大会)")),
    ("党代会报告", 3.0, re.compile(r"代表[^，。]{0,20}委员会[，,]?(?:向[^，。]{0,20}(?:大会|代表会议))?(?:作|报告)")),
    # naming a congress is weaker: a resolution or a government report names one too
    ("党代会报告", 1.5, re.compile(rf"(?:党|共产党)的?第[{LABEL_DIGITS}]{{1,3}}次(?:全国)?代表大会|上届代表会议|"
                                   r"全国代表大会")),
    ("党代会报告", 2.0, re.compile(r"(?:此次|这次|本次)(?:党的)?代表(?:大会|会议)")),
    ("公文", 3.0, re.compile(r"^(?:[^。]{0,60})会议(?:听取|审议|认为|充分肯定|同意|批准)|通知如下|通报如下|现予通报|"
                             r"经研究，?(?:决定|同意)|现(?:将|就)[^。]{0,40}(?:通知|通报|批复)如下|"
                             rf"[发函字办]〔{ARABIC_YEAR}〕\d{{1,4}}号")),  # 发文字号: 县政办发〔2025〕12号
    ("讲话稿", 3.0, re.compile(rf"(?:讲|强调)(?:几|[{TWO}{DIGITS[2:8]}])点(?:意见|看法|要求|体会)|"
                               rf"讲[{TWO}{DIGITS[2:6]}]个(?:方面|问题)|我(?:再|先)?讲几点|讲几点意见")),
    ("述职报告", 2.0, re.compile(r"述职|本人(?:于|自|从)[^。]{0,20}(?:任|担任)|"
                                 r"(?:履行|履职)[^。]{0,16}(?:报告|汇报)如下")),
    ("交流材料", 2.0, re.compile(r"(?:作|进行)[^。]{0,6}交流|交流如下|经验做法|交流[^。]{0,6}体会")),
    ("汇报材料", 2.0, re.compile(r"(?:现将|下面[，,]?我(?:就|把|将)?)[^。]{0,40}汇报|汇报如下")),
    ("工作总结", 2.0, re.compile(r"现将[^。]{0,40}总结如下|总结如下")),
    ("半年总结", 1.0, re.compile(r"今年上半年|上半年以来|上半年[，,]|1[-—–~至]6月")),
)
OPENING_CHARS = 400
# A line ending in a function word is a sentence broken across lines, not a title.
BROKEN_LINE = re.compile(r"[的了和与及在对把被将向从为等]$")

SALUTATION = re.compile(
    r"^(各位代表|同志们|各位领导|各位同事|尊敬的[^：:，,]{0,20}|女士们|朋友们)[^。]{0,12}[：:！!，,]"
)
SALUTATION_CUES: dict[str, tuple[tuple[str, float], ...]] = {
    "各位代表": (("政府工作报告", 1.0), ("党代会报告", 0.5)),
    "同志们": (("党代会报告", 1.0), ("讲话稿", 1.0)),
    "各位领导": (("汇报材料", 0.5), ("交流材料", 0.5), ("述职报告", 0.5)),
    "各位同事": (("述职报告", 0.5), ("讲话稿", 0.5)),
    "尊敬的": (("讲话稿", 0.5), ("交流材料", 0.5)),
    "女士们": (("讲话稿", 1.0),),
    "朋友们": (("讲话稿", 1.0),),
}

CLOSING_CUES: tuple[tuple[str, float, re.Pattern[str]], ...] = (
    ("公文", 3.0, re.compile(r"特此(?:通知|通报|函告|批复|公告|决定)|妥否，?请批示|请予批复|请批示")),
    ("述职报告", 2.0, re.compile(r"述职完毕|以上述职|请[^。]{0,8}评议")),
    ("讲话稿", 1.0, re.compile(r"谢谢(?:大家|各位)?[。！!]?$")),
    ("汇报材料", 0.5, re.compile(r"不妥之处|批评指正|汇报完毕|以上汇报")),
)
CLOSING_PARAGRAPHS = 3

# Items whose headings name three or more work dimensions (信访维稳, 督查, 会务 …) are the shape of
# an office report; they count for 工作总结 when nothing more specific speaks (an untitled draft).
STRUCTURE_WEIGHT = 1.5
OFFICE_DIMENSIONS = 3
# The voice of a national report: "我国", "全国各族人民", "国民经济" several times per thousand
# characters. An office report speaks of its own unit; this takes the structure's vote away.
NATIONAL = re.compile(r"我国|全国各族人民|国民经济|全党|全国人民|我们伟大的祖国|中华民族")
NATIONAL_PER_1000 = 1.0
NATIONAL_MIN = 5  # and at least this often: a short resolution or notice mentions 我国 once or twice
# The voice of a government report at any level: the region's economic indicators. Office reports
# (the dev drafts, the samples, the composed corpus) name at most one of them; a government report
# names several, so three distinct ones take the structure's vote away too.
ECONOMY = re.compile(r"(地区生产总值|国内生产总值|规模以上工业|固定资产投资|社会消费品零售总额|一般公共预算收入|"
                     r"人均可支配收入|进出口总额|外贸进出口|居民消费价格|城镇新增就业|粮食总?产量|实际使用外资)")
ECONOMY_MIN = 3


def detect_genre(doc: Document, options=None) -> Genre:
    """The genre of a document whose ``segment`` and ``outline`` stages have run.

    Paragraph sections come from the outline stage; without them the structure cue is
    simply absent. ``options.dimensions`` names the taxonomy whose cue words mark office
    work. Linear in the text (the national-voice count is one regex pass).
    """
    paras = doc.paragraphs
    scores: dict[str, float] = {}
    evidence: dict[str, list[str]] = {}

    def vote(name: str, weight: float, why: str) -> None:
        scores[name] = scores.get(name, 0.0) + weight
        evidence.setdefault(name, []).append(why)

    titles, body_at = _title_lines(paras)
    title_name = _title_genre(titles)
    if title_name:
        vote(title_name, TITLE_WEIGHT, "标题：" + " ".join(titles)[:40])

    # the title lines are read again with the opening: a line broken inside a sentence
    # (web pages, converted files) can pass for a title
    opening = _fold("".join(p.text for p in paras[:body_at + 4]))[:sum(map(len, titles)) + OPENING_CHARS]
    for name, weight, pattern in OPENING_CUES:
        m = pattern.search(opening)
        if m:
            vote(name, weight, "开头：" + m.group(0)[:20])
    for p in paras[:body_at + 2]:
        m = SALUTATION.match(_fold(p.text))
        if m:
            key = next((k for k in SALUTATION_CUES if m.group(1).startswith(k)), None)
            for name, weight in SALUTATION_CUES.get(key or "", ()):
                vote(name, weight, "称呼：" + m.group(1))
            break
    for p in paras[-CLOSING_PARAGRAPHS:] if len(paras) > body_at + 1 else ():
        text = _fold(p.text)
        for name, weight, pattern in CLOSING_CUES:
            m = pattern.search(text)
            if m:
                vote(name, weight, "结尾：" + m.group(0)[:12])

    sections = {p.section for p in paras}
    has_plan = "plan" in sections
    national = _national_voice(doc.text)
    economy = _economy_indicators(doc.text)
    dims = 0 if national or len(economy) >= ECONOMY_MIN else _office_dimensions(doc, options)
    if dims >= OFFICE_DIMENSIONS:
        parts = "、".join(n for k, n in (("summary", "总结"), ("problems", "问题"), ("plan", "打算")) if k in sections)
        vote("工作总结", STRUCTURE_WEIGHT, f"结构：条目涉及{dims}个工作维度" + (f"，{parts}" if parts else ""))
    if national:
        vote("政府工作报告" if _says_government(doc.text) else "党代会报告", 1.0, "全国性表述")
    elif len(economy) >= ECONOMY_MIN:
        vote("政府工作报告", 1.0, "经济指标：" + "、".join(economy[:3]))

    if not scores:
        return Genre(FALLBACK, 0.3, False, has_plan)
    if title_name is None and "工作总结" in scores and "半年总结" in scores:
        # an untitled summary that opens with 今年上半年 / 1-6月: both votes are for a half-year one
        scores["半年总结"] += scores.pop("工作总结")
        evidence["半年总结"] += evidence.pop("工作总结")
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], _order(kv[0])))
    name, best = ranked[0]
    runner = ranked[1][1] if len(ranked) > 1 else 0.0
    confidence = min(0.99, best / (best + runner + 1.0))
    return Genre(name, round(confidence, 3), GENRES[name].office, has_plan, tuple(evidence.get(name, ())))


def run(doc: Document, options=None) -> None:
    """Stage ``genre``: set ``doc.genre``."""
    doc.genre = detect_genre(doc, options)


def _fold(text: str) -> str:
    return text.translate(_TRADITIONAL)


def _title_lines(paras) -> tuple[list[str], int]:
    """The title lines (main title, ——subtitle, date and speaker lines) and the index of the body."""
    lines: list[str] = []
    i = 0
    while i < min(len(paras), 6):
        text = paras[i].text.strip()
        if len(text) > 60 or re.search(r"[。；！？]$", text) or SALUTATION.match(text):
            break
        if (i > 0 and re.search(r"[：:]$", text)) or BROKEN_LINE.search(text):
            break
        if i == 0 and paras[i].section not in (None, "title") and not text.startswith("——"):
            break  # the outline found no title line (e.g. an opening 一、… heading)
        lines.append(_fold(re.sub(r"[\s\u3000\u200b\u200d]+", "", text)))
        i += 1
    return lines, i


def _title_genre(lines: list[str]) -> str | None:
    for line in lines:
        core = re.sub(r"[（(][^（）()]*[）)]$", "", line).rstrip("。：: ")
        if DOC_TYPE_END.search(core) and ("关于" in core or len(core) >= 8):
            return "公文"
    joined = "".join(lines)
    for name, pattern in TITLE_CUES:
        if pattern.search(joined):
            return name
    return None


def _office_dimensions(doc: Document, options=None) -> int:
    """How many work dimensions the item headings name by their cue words (0 without items).

    The cue words are the taxonomy's (``corpora/dimensions.yml``, or the user's own file),
    so "office work" means the same here as in the dimension tagger.
    """
    outline = doc.outline
    items = getattr(outline, "items", None) or []
    if len(items) < 2:
        return 0
    from pipeline.dimensions.taxonomy import TaxonomyError, load_taxonomy

    try:
        taxonomy = load_taxonomy(getattr(options, "dimensions", None))
    except TaxonomyError:
        taxonomy = load_taxonomy()
    headings = "".join(it.heading for it in items[:200])
    found = {d.name for d in taxonomy.dimensions if d.name != taxonomy.fallback
             and any(cue in headings for cue in (d.name, d.short4, *d.cues) if len(cue) >= 2)}
    return len(found)


def _national_voice(text: str) -> bool:
    """The national voice, often enough and densely enough (per 1,000 characters)."""
    n = sum(1 for _ in NATIONAL.finditer(text))
    return n >= NATIONAL_MIN and n * 1000 / max(1, len(text)) >= NATIONAL_PER_1000


def _economy_indicators(text: str) -> list[str]:
    """The distinct economic indicators the text names, in order of first mention."""
    return list(dict.fromkeys(m.group(1) for m in ECONOMY.finditer(text)))


def _says_government(text: str) -> bool:
    folded = _fold(text[:3000])
    return len(re.findall(r"政府|国务院", folded)) >= len(re.findall(r"全党|党的建设|党员", folded))


def _order(name: str) -> int:
    return list(GENRES).index(name) if name in GENRES else len(GENRES)
