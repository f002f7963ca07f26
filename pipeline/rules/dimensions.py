"""RL6xx: work dimensions — does next year's plan answer what the summary reports?

A report is read dimension by dimension (参谋辅政, 督查落实, 综合协调, 服务保障, 信访维稳,
队伍建设). The dimensions stage tags every unit; these rules compare the summary part
with the plan part. They stay quiet unless the tagging is sure: a summary unit must be
confidently tagged, while any plan unit leaning towards the dimension counts as an
answer, because a false alarm costs more than a miss. They judge office reports only
(``doc.genre.office``): a 政府工作报告, a 讲话 or a 通知 has no such dimensions to cover.
"""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.dimensions.gaps import ANSWERED, SURE
from pipeline.document import Document, Finding, FixRequest
from pipeline.rules.base import rule, this_rule

MIN_PLAN_UNITS = 2  # a plan of one paragraph is too coarse to compare
DOMINANT_SHARE = 0.5
MIN_CHARS = 400


def _units(doc: Document):
    """The dimension units of an office report; none for any other genre."""
    genre = getattr(doc, "genre", None)
    if genre is None or not genre.office:
        return []
    return getattr(doc, "dimension_units", None) or []


def _parts(doc: Document):
    """(taxonomy, summary units, plan units), or None when the report lacks either part."""
    taxonomy = getattr(doc, "dimension_taxonomy", None)
    units = _units(doc)
    summary = [u for u in units if u.section == "summary"]
    plan = [u for u in units if u.section == "plan"]
    if taxonomy is None or not summary or not plan:
        return None
    return taxonomy, summary, plan


def _quote(doc: Document, u) -> str:
    text = (u.heading or doc.text[u.start:u.head_end]).strip()
    return text if len(text) <= 24 else text[:22] + "…"


def _line(doc: Document, offset: int) -> int:
    return doc.line_col(offset)[0]


@rule("RL601", "plan-missing-dimension", "warning", needs=("genre", "dimensions"))
def plan_missing_dimension(doc: Document) -> Iterator[Finding]:
    r"""总结部分报告了某个工作维度，下步打算中却没有对应的安排。

    Okay: 一、主要工作\n一是信访维稳更扎实。全年受理群众来信来访320件次，化解信访积案12件，重点时段实现零非访。\n二是队伍建设更过硬。组织支部学习24次，开展廉政警示教育，干部作风明显转变。\n二、下步打算\n第一，抓好信访工作。完善矛盾纠纷排查化解机制，落实领导接访制度。\n第二，抓好队伍建设。加强理论学习和业务培训，筑牢廉洁防线。
    RL601: 一、主要工作\n一是信访维稳更扎实。全年受理群众来信来访320件次，化解信访积案12件，重点时段实现零非访。\n二是队伍建设更过硬。组织支部学习24次，开展廉政警示教育，干部作风明显转变。\n三是督查落实更有力。对会议议定事项建立督办台账，全年督办事项86件，办结率98%。\n二、下步打算\n第一，抓好信访工作。完善矛盾纠纷排查化解机制，落实领导接访制度。\n第二，抓好督促检查。对重点任务实行清单化督办，确保落地见效。
    """  # noqa: E501 (examples are whole reports)
    parts = _parts(doc)
    if parts is None:
        return
    taxonomy, summary, plan = parts
    if len(plan) < MIN_PLAN_UNITS and not any(u.item is not None or u.heading for u in plan):
        return
    r = this_rule(plan_missing_dimension)
    plan_start = min(u.start for u in plan)
    for gap in doc.plan_gaps:
        if not gap.sure:
            continue
        u = gap.unit
        short = taxonomy.short4(gap.dimension)
        plain, request = _plan_request(gap.dimension, short)
        yield r.finding(
            u.start, u.head_end,
            f"总结部分第{_line(doc, u.start)}行“{_quote(doc, u)}”报告了{short}工作，"
            f"下步打算中没有{short}方面的安排",
            suggestion=plain,
            related=[plan_start],
            request=request,
        )


def _plan_request(name: str, short: str) -> tuple[str, FixRequest]:
    """The plain suggestion, and the request for a plan line in the draft's own frame (filled after the rules)."""
    plain = f"在工作打算中补充一条{short}的安排（如：抓好{short}，……），或说明不再列入的原因"
    return plain, FixRequest("plan_item", template=f"在工作打算中补充一条{short}的安排，如：“{{}}”", dimension=name)


@rule("RL602", "plan-item-without-summary", "info", needs=("genre", "dimensions"))
def plan_item_without_summary(doc: Document) -> Iterator[Finding]:
    r"""下步打算中的某项工作，在总结部分没有对应的回顾。

    Okay: 一、主要工作\n一是信访维稳更扎实。全年受理群众来信来访320件次，化解信访积案12件。\n二是队伍建设更过硬。组织支部学习24次，开展廉政警示教育。\n二、下步打算\n第一，抓好信访工作。完善矛盾纠纷排查化解机制。\n第二，抓好队伍建设。加强理论学习和业务培训。
    RL602: 一、主要工作\n一是信访维稳更扎实。全年受理群众来信来访320件次，化解信访积案12件。\n二是队伍建设更过硬。组织支部学习24次，开展廉政警示教育。\n二、下步打算\n第一，抓好信访工作。完善矛盾纠纷排查化解机制。\n第二，抓好档案管理和会务接待。推进档案数字化，规范公务接待和会议服务。
    """  # noqa: E501 (examples are whole reports)
    parts = _parts(doc)
    if parts is None:
        return
    taxonomy, summary, plan = parts
    r = this_rule(plan_item_without_summary)
    seen: set[str] = set()
    for u in plan:
        name = u.dimension
        if name not in taxonomy.work_names or u.confidence < SURE or name in seen:
            continue
        if u.item is None and not u.heading:
            continue
        if any(s.dimension == name or s.prob(name) >= ANSWERED for s in summary):
            continue
        seen.add(name)
        short = taxonomy.short4(name)
        yield r.finding(
            u.start, u.head_end,
            f"打算中的“{_quote(doc, u)}”属{short}，总结部分没有{short}方面的工作回顾",
            suggestion=f"在总结中补充{short}的做法与成效，或确认该项打算是新增工作",
        )


@rule("RL603", "no-team-building", "info", needs=("genre", "dimensions"))
def no_team_building(doc: Document) -> Iterator[Finding]:
    r"""整篇材料没有队伍建设（学习、作风、廉政、培训）方面的内容。

    Okay: 一是参谋辅政更到位。全年起草各类文稿120篇，编发信息50期。\n二是督查落实更有力。建立督办台账，办结率98%。\n三是队伍建设更过硬。组织支部学习24次，开展廉政警示教育。
    RL603: 一是参谋辅政更到位。全年起草各类文稿120篇，编发信息50期，调研报告得到领导批示。\n二是督查落实更有力。建立督办台账，对会议议定事项逐项跟踪，办结率98%。\n三是服务保障更精细。全年承办会议86场，接待来访考察32批次，档案管理通过验收。
    """  # noqa: E501 (examples are whole reports)
    taxonomy = getattr(doc, "dimension_taxonomy", None)
    units = [u for u in _units(doc) if u.section in ("summary", "plan", None)]
    if taxonomy is None:
        return
    team = next((n for n in taxonomy.work_names if taxonomy.short4(n) == "队伍建设" or n == "队伍建设"), None)
    work = [u for u in units if u.dimension in taxonomy.work_names and u.confidence >= SURE]
    if team is None or len({u.dimension for u in work}) < 3:
        return
    if any(u.dimension == team or u.prob(team) >= ANSWERED for u in _units(doc)):
        return
    first = work[0]
    yield this_rule(no_team_building).finding(
        first.start, first.head_end,
        "全文没有队伍建设（理论学习、作风建设、廉洁自律、业务培训）方面的内容",
        suggestion="办公室工作总结通常以队伍建设收尾，可补充一条自身建设的做法与打算",
    )


@rule("RL604", "dimension-dominates", "info", needs=("genre", "dimensions"))
def dimension_dominates(doc: Document) -> Iterator[Finding]:
    r"""一个工作维度占了总结和打算一半以上的篇幅，其他方面显得单薄。

    Okay: 一是参谋辅政更到位。全年起草各类文稿120篇，编发信息50期。\n二是督查落实更有力。建立督办台账，办结率98%。\n三是队伍建设更过硬。组织支部学习24次，开展廉政警示教育。
    RL604: 一是参谋辅政更到位。全年起草各类综合文稿和领导讲话126篇，合计86万字；坚持提纲会商、初稿研讨、定稿把关三道程序，文稿一次通过率明显提高。围绕重点工作开展专题调研12次，形成调研报告9篇，其中5篇得到领导批示，提出的意见建议被采纳11条。全年编发政务信息54期，向上级报送信息286条，被采用97条；在各单位明确信息员46名，信息报送网络上下贯通。编印决策参考18期，为领导研究工作提供资料支撑。每月形成运行分析材料，为常务会议研究部署提供依据。跟踪研究上级政策动向，及时提出贯彻落实意见建议，多项建议转化为工作举措。全年审核各类发文512件，纠正格式和文字差错137处，退回修改不合格文稿46件，公文差错率持续下降。建立重要文稿集体会审制度，重大讲话稿由专人负责、集体把关，确保政治站位准确、表述规范。\n二是督查落实更有力。建立督办台账，办结率98%。\n三是队伍建设更过硬。组织支部学习24次，开展廉政警示教育。\n四是服务保障更精细。承办会议86场。
    """  # noqa: E501 (examples are whole reports)
    taxonomy = getattr(doc, "dimension_taxonomy", None)
    units = [u for u in _units(doc) if u.section in ("summary", "plan", None)]
    if taxonomy is None:
        return
    work = [u for u in units if u.dimension in taxonomy.work_names]
    total = sum(u.chars for u in work)
    if total < MIN_CHARS or len({u.dimension for u in work}) < 3:
        return
    chars: dict[str, int] = {}
    for u in work:
        chars[u.dimension] = chars.get(u.dimension, 0) + u.chars
    name, n = max(chars.items(), key=lambda kv: kv[1])
    if n / total <= DOMINANT_SHARE:
        return
    first = next(u for u in work if u.dimension == name)
    short = taxonomy.short4(name)
    yield this_rule(dimension_dominates).finding(
        first.start, first.head_end,
        f"{short}占总结和打算篇幅的{n / total:.0%}，其他工作维度相对单薄",
        suggestion=f"压缩{short}部分的细节，或充实其他方面的内容，使各项工作详略得当",
    )
