"""RL8xx: wrong characters, set expressions and normative usage (错别字、固定搭配、规范用词).

The ``lexicon`` stage finds the candidates (``pipeline.lexicon``); each rule
here reports one kind of them with the exact characters, the right form as the
replacement and the source of the pair. The level of each pair (必错 error,
疑似 warning, 提示 info) is the finding's severity.
"""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.document import Document, Finding
from pipeline.rules.base import rule, this_rule

NEEDS = ("segment", "lexicon")


def _report(func, doc: Document, kind: str) -> Iterator[Finding]:
    r = this_rule(func)
    for s in doc.slips:
        if s.kind != kind:
            continue
        note = f"，{s.note}" if s.note else ""
        yield r.finding(s.start, s.end, f"“{s.wrong}”应为“{s.right}”（{s.source}{note}）",
                        suggestion=f"改为“{s.right}”", replacement=s.right, severity=s.level,
                        applicability="safe" if s.level == "error" else "unsafe")  # 必错 pairs only


@rule("RL801", "wrong-word", "warning", needs=NEEDS)
def wrong_word(doc: Document) -> Iterator[Finding]:
    """错别字：词表中的错误词形（融汇贯通→融会贯通、声名雀起→声名鹊起）。

    Okay: 要把学到的理论融会贯通。
    RL801: 要把学到的理论融汇贯通。
    Okay: 这一做法在基层声名鹊起。
    RL801: 这一做法在基层声名雀起。
    RL801: 对违规问题决不能明知固犯。
    """
    return _report(wrong_word, doc, "wrong-word")


@rule("RL802", "normative-usage", "warning", needs=NEEDS)
def normative_usage(doc: Document) -> Iterator[Finding]:
    """规范用词：作出决定/部署、截至+时间、登录系统、即使、部署、精简等。

    Okay: 市委对此作出了专门部署。
    Okay: 截至2024年底，全区共建成服务站12个。
    Okay: 申报截止日期为6月30日。
    Okay: 台风登陆前完成人员转移。
    Okay: 这样做风险较小。
    RL802: 截止2024年底，全区共建成服务站12个。
    RL802: 群众可登陆政务服务网查询办理进度。
    RL802: 对下一阶段工作进行了布署。
    RL802: 既使任务再重，也要按时完成。
    """
    return _report(normative_usage, doc, "normative")


@rule("RL803", "near-miss-idiom", "warning", needs=NEEDS)
def near_miss_idiom(doc: Document) -> Iterator[Finding]:
    """成语、固定搭配中的音近/形近错字（全力以付→全力以赴、防患于未燃→防患于未然），比对 jieba 词典和常用固定说法。

    Okay: 各科室全力以赴做好迎检准备工作。
    Okay: 全体干部一如既往地坚守岗位。
    Okay: 两岸同胞血脉相连。
    Okay: 努力在服务决策上有新作为、有新突破。
    RL803: 各科室全力以付做好迎检准备工作。
    RL803: 全体干部一如继往地坚守岗位。
    Okay: 树牢底线思维，做到防患于未然。
    Okay: 一步一个脚印抓好整改落实。
    Okay: 鼓励哲学社会科学界建言献策。
    Okay: 以抓铁有痕、踏石留印的劲头推进落实。
    RL803: 树牢底线思维，做到防患于未燃。
    RL803: 一步一个角印抓好整改落实。
    RL803: 坚持行百里者伴九十，不松劲、不停步。
    RL803: 以抓铁有痕、踏实留印的劲头推进落实。
    RL803: 咬定目标不放送，一张兰图绘到底。
    """
    return _report(near_miss_idiom, doc, "idiom")


@rule("RL804", "context-slip", "warning", needs=NEEDS)
def context_slip(doc: Document) -> Iterator[Finding]:
    """上下文错字（--deep）：换成音近/形近字后组成词典词、句子明显更通顺（逻辑回归评分，阈值按 ODW 分折拟合）。

    Okay: 全面提高群众的积极性。
    Okay: 各乡镇要认真组织实施。
    Okay: 加快农业农村现代化。
    Okay: 全县森林覆盖率达到62%以上。
    Okay: 坚持引才、引技、引智并举。
    RL804: 全县森林复盖率达到62%以上。
    RL804: 全面提高群众的积级性。
    RL804: 各乡镇要认真祖织实施。
    RL804: 加快农业农村现待化。
    """
    return _report(context_slip, doc, "context")
