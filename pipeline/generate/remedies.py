"""Measure clauses a writer would put under a plan heading, from the draft's own problems and actions.

An office plan answers the draft: each shortcoming the problems section lists
becomes a remedy (调查研究还不够深入 -> 深化调查研究; 人员结构不够合理 -> 优化人员结构;
节约意识有待增强 -> 增强节约意识), and each standing practice the summary reports
goes on (实行清单化管理 -> 深化清单化管理; 组织专题调研12次 -> 常态化开展专题调研).
The verb is chosen by the class of the shortcoming or of the object's head noun
(机制 is 健全ed, 流程 优化d, 培训 常态化开展ed), never glued onto a phrase that is not
a noun phrase; a clause with a figure, a quoted name or a run of ``COPY_RUN``
characters copied from the draft is dropped.
"""

from __future__ import annotations

import re

from pipeline.generate.measures import COPY_RUN, copied_run
from pipeline.vocab.numerals import LABEL_DIGITS, TWO
from pipeline.vocab.ordinals import NUMERAL

HAN = r"\u4e00-\u9fff"
# 一是, 二是 … and the frames a problem clause opens with.
POINT = re.compile(rf"^(?:{NUMERAL}是|其{NUMERAL}是?|[（(]?(?:{NUMERAL}|\d)[)）、.]?)")
# Subjects that name a part, not the work (部分站所, 个别事项), are cut off or the clause is skipped.
PART = re.compile(r"^(?:部分|个别|一些|少数|有的|有些|多数)")
# What a clause says is wrong: subject, (还/仍) 不够|不|有待|偏 …, the quality wanted.
SHORTFALL = re.compile(
    rf"^(?P<subj>[{HAN}、]{{2,14}}?)(?:还|仍|尚|也|仍然)?(?:相对|比较|较为|较)?"
    rf"(?P<neg>不够|不太|不|有待|偏|仍有|亟待|亟需)(?P<adj>[{HAN}]{{1,2}})$")
# A state that is itself the fault: 督查手段还比较单一, 骨干力量相对薄弱.
SHORT_STATE = re.compile(rf"^(?P<subj>[{HAN}、]{{2,14}}?)(?:还|仍|尚|也)?(?:相对|比较|较为|较)?"
                         rf"(?P<adj>单一|薄弱|缓慢)$")
# A bare 还不够 after a measure noun: 调研深度还不够, 协调推进力度不够, 调研成果转化不够.
SHORT_BARE = re.compile(rf"^(?P<subj>[{HAN}、]{{2,14}}?)(?:还|仍|尚)?不够$")

# Shortfall quality -> remedy ("{s}" is the subject).
REMEDY: dict[str, str] = {
    "强": "增强{s}", "高": "提高{s}", "深入": "深化{s}", "深": "深化{s}", "充分": "加大{s}力度",
    "灵活": "创新{s}", "多样": "丰富{s}", "多": "丰富{s}", "丰富": "丰富{s}", "单一": "丰富{s}",
    "顺畅": "推动{s}更加顺畅", "畅通": "推动{s}更加顺畅", "通畅": "推动{s}更加顺畅",
    "紧密": "加强{s}", "精细": "推动{s}更加精细", "规范": "推动{s}更加规范", "合理": "优化{s}",
    "优": "优化{s}", "充实": "充实{s}", "有力": "强化{s}", "到位": "推动{s}落实到位", "健全": "健全{s}",
    "完善": "完善{s}", "及时": "提高{s}时效", "主动": "增强{s}主动性", "扎实": "推动{s}更加扎实",
    "低": "提高{s}", "慢": "加快{s}", "薄弱": "加强{s}", "缓慢": "加快{s}", "空间": "加强{s}",
    "提升": "提升{s}", "提高": "提高{s}", "增强": "增强{s}", "加强": "加强{s}", "改进": "改进{s}",
}
# Supervision done one way only is answered with the ways (the same clause as the standing practice).
MEANS_ENDS = ("手段", "方式", "方法")
MANY_MEANS = "综合运用实地督查、随机抽查、明察暗访等方式"
# Subjects ending in a measure noun take their own verb (调研深度还不够 -> 提升调研深度; 拓展 takes 广度).
BARE_REMEDY: tuple[tuple[str, str], ...] = (("深度", "提升{s}"), ("力度", "加大{s}"), ("广度", "拓展{s}"),
                                            ("转化", "加快{s}"), ("运用", "加大{s}力度"))
# Subjects naming an amount of output (成果) need a noun verb, not 丰富.
OUTPUT = ("成果", "精品", "报告")

# Head noun of a practice the summary reports -> how it goes on next year (the generic-safe verb).
CONTINUE: tuple[tuple[str, str], ...] = (
    ("作风建设", "深化{o}"), ("机关建设", "深化{o}"), ("调研报告", "提高{o}质量"), ("文稿", "提高{o}质量"),
    ("报送", "提升{o}时效"), ("代表建议", "提高{o}办理质量"), ("提案", "提高{o}办理质量"),
    ("诉求办理", "提升{o}质效"), ("信访办理", "提升{o}质效"), ("事项办理", "提升{o}质效"), ("工单办理", "提升{o}质效"),
    ("信箱", "用好{o}"), ("专线", "畅通{o}"), ("热线", "提升{o}诉求办理质效"), ("竞赛", "常态化开展{o}"),
    ("联络站", "深化{o}建设"), ("食堂", "规范{o}管理"), ("用房", "规范{o}管理"), ("结构", "优化{o}"),
    ("数量", "严格控制{o}"), ("会议文件", "精简{o}"), ("文件材料", "精简{o}"), ("运转", "推动{o}更加高效"),
    ("公文处理", "规范{o}"), ("衔接", "强化{o}"), ("作用", "充分发挥{o}"), ("规模", "严格控制{o}"),
    ("频次", "严格控制{o}"), ("教育", "深化{o}"), ("档案", "规范{o}管理"), ("资产", "规范{o}管理"),
    ("经费", "规范{o}管理"), ("车辆", "规范{o}管理"), ("主体责任", "压紧压实{o}"), ("维稳责任", "压紧压实{o}"),
    ("安全责任", "压紧压实{o}"), ("保密责任", "压紧压实{o}"), ("互通", "深化{o}"), ("筹备", "精心做好{o}"),
    ("联席会议", "健全{o}制度"), ("会商", "完善{o}机制"), ("决策参考", "办好{o}"), ("工作动态", "办好{o}"),
    ("专报", "办好{o}"), ("研判报告", "提高{o}质量"), ("分析报告", "提高{o}质量"), ("巡查", "常态化开展{o}"),
    ("简报", "办好{o}"), ("政务信息", "提升{o}质量"), ("材料", "提高{o}质量"),
    ("机制", "健全{o}"), ("制度", "完善{o}"), ("体系", "健全{o}"), ("办法", "完善{o}"), ("规程", "完善{o}"),
    ("预案", "完善{o}"), ("台账", "完善{o}"), ("清单", "完善{o}"), ("管理", "深化{o}"), ("建设", "深化{o}"),
    ("平台", "拓展{o}"), ("渠道", "拓宽{o}"), ("流程", "优化{o}"), ("调研", "常态化开展{o}"),
    ("培训", "常态化开展{o}"), ("督查", "常态化开展{o}"), ("检查", "常态化开展{o}"), ("练兵", "常态化开展{o}"),
    ("演练", "常态化开展{o}"), ("排查", "常态化开展{o}"), ("学习", "常态化开展{o}"), ("接访", "常态化开展{o}"),
    ("研判", "常态化开展{o}"), ("模式", "完善{o}"), ("标准", "完善{o}"),
    ("把关", "强化{o}"), ("减会", "持续推进{o}"), ("纠纷", "深化{o}排查化解"), ("诉求", "畅通{o}表达渠道"),
    ("投诉", "完善{o}处理流程"), ("值守", "严格落实{o}制度"), ("保密", "筑牢{o}防线"), ("接待", "规范{o}管理"),
    ("用车", "规范{o}管理"), ("督办", "深化{o}"), ("调度", "优化{o}"),
    ("督导", "常态化开展{o}"), ("查房", "常态化开展{o}"), ("暗访", "常态化开展{o}"), ("流转", "推动{o}更加高效"),
    ("带班", "严格落实{o}制度"), ("首问负责", "严格落实{o}制"), ("公文写作", "加强{o}培训"),
    ("碰头会", "坚持{o}制度"), ("回头看", "常态化开展{o}"),
)
# Heads specific enough to be carried on when the summary only names them (矛盾纠纷, 公务用车).
NAMED_PRACTICE = ("纠纷", "诉求", "投诉", "保密", "接待", "用车", "督办", "值守", "减会", "研判", "作风建设", "督导",
                  "查房", "机关建设", "调研报告", "文稿", "报送", "代表建议", "提案", "诉求办理", "事项办理",
                  "信箱", "专线", "热线", "竞赛",
                  "联络站", "食堂", "用房", "结构", "数量", "会议文件", "文件材料", "运转", "公文处理", "培训")
# Verbs a summary reports a practice with; the object runs to the next punctuation mark or figure.
ACTION = re.compile(rf"(?:建立|健全|完善|推行|实行|实施|开展|组织|推进|深化|落实|坚持|制定|出台|修订|规范|"
                    rf"推动|加强|开通|设立|优化|启动|严格|持续|统筹|强化|牵头|控制|发挥|压实|编发|编印|编写|撰写|起草|编制|形成|做好|召开)(?P<obj>[{HAN}]{{2,14}})")
# Objects that say nothing by themselves or name no standing practice.
VAGUE = re.compile(r"^[间之中内外等及和]|"
                   r"^(?:各类|各项|相关|有关|全年|全面|一批|多次|专项行动|中央|办公室|部门|机关|全体|人员)|"
                   r"^(?:工作|管理|建设|服务|机制|制度|活动|检查)$|"
                   r"^(?:协调|执行|落实|推进|做好|完成|实现|加强|严格|规范|完善|健全|建立|优化|提升|提高|强化|深化|推动|统筹)|"
                   rf"省级|国家级|上级|市级|县级|作为|第一|和|及|与|开展|组织|等|的|把|被|[{LABEL_DIGITS}{TWO}]次|每|精神|深入")
# Dictionary tags that never sit inside a named practice: localizer, numeral, particle, preposition,
# conjunction, pronoun, classifier, adverb.
FUNCTION_TAGS = set("fmupcrqd")
INNER_VERBS = set("到 参加 减少 增加 确保 做到 实现 促进 提高 提升 推动 完成 召开 举办 "
                  "起草 撰写 编写 编发 印发 选派".split())  # 起草综合性文稿 is an act, not a practice
MAX_OBJECT = 8  # a longer practice is cut to its last words (重要时段值班值守 -> 值班值守)


def _clean_subject(subj: str) -> str | None:
    subj = POINT.sub("", subj)
    subj = PART.sub("", subj)
    if subj.startswith("对") and "的" in subj:
        subj = subj.rsplit("的", 1)[1]  # 对各部门之间的交叉事项协调 -> 交叉事项协调
        if len(subj) < 4:
            return None
    if subj.startswith(("对", "在", "把", "将", "与", "从", "部门", "办公室工作", "工作", "事项")):
        return None
    subj = subj.replace("的", "")
    if not re.fullmatch(rf"[{HAN}、]{{2,10}}", subj) or subj.endswith("、"):
        return None
    return subj


def remedy(clause: str) -> str | None:
    """The remedy for one shortcoming clause (调查研究还不够深入 -> 深化调查研究), or None."""
    clause = POINT.sub("", clause.strip("，。；：、 "))
    m = SHORT_STATE.match(clause)
    if m:
        subj = _clean_subject(m.group("subj"))
        if subj and m.group("adj") == "单一" and subj.endswith(MEANS_ENDS) and "督" in subj:
            return MANY_MEANS  # 督查手段单一: say which means, not 丰富督查手段 (the problem said round)
        return REMEDY[m.group("adj")].format(s=subj) if subj else None
    m = SHORTFALL.match(clause)
    if m and m.group("adj") != "够":
        subj = _clean_subject(m.group("subj"))
        adj, neg = m.group("adj"), m.group("neg")
        if subj is None:
            return None
        if adj in ("多", "丰富", "灵活", "多样") and subj.endswith(MEANS_ENDS) and "督" in subj:
            return MANY_MEANS  # 督查方式不够灵活: the ways, not 创新督查方式
        if neg in ("有待", "亟待", "亟需") and adj in REMEDY:
            if subj.endswith("意识") and adj in ("加强", "提升", "提高"):
                adj = "增强"  # 意识 is 增强ed
            return REMEDY[adj].format(s=subj)
        if neg == "仍有" and adj == "空间":
            return REMEDY["空间"].format(s=subj)
        if adj in ("多", "丰富") and subj.endswith(OUTPUT):
            return f"推出更多{subj}"
        if adj in ("强", "高") and neg in ("不够", "不"):
            return REMEDY[adj].format(s=subj) if not subj.endswith(OUTPUT) else None
        if adj in REMEDY and neg in ("不够", "不太", "不", "偏"):
            if neg == "偏" and adj not in ("低", "慢", "少"):
                return None
            return REMEDY[adj].format(s=subj)
        if adj == "到位":
            return f"推动{subj}到位" if subj.endswith("落实") else REMEDY[adj].format(s=subj)
        if neg == "偏" and adj == "少":
            return f"增加{subj}"
        return None
    m = SHORT_BARE.match(clause)
    if m:
        subj = _clean_subject(m.group("subj"))
        if subj is None:
            return None
        for tail, pattern in BARE_REMEDY:
            if subj.endswith(tail):
                return pattern.format(s=subj)
    return None


def problem_remedies(problem_text: str) -> list[str]:
    """Remedies for every shortcoming clause of a dimension's problems text, in the draft's order."""
    out: list[str] = []
    for clause in re.split(r"[，；。：]", problem_text):
        r = remedy(clause)
        if r and r not in out:
            out.append(r)
    return out


def noun_phrase(obj: str) -> bool:
    """Is ``obj`` a plain noun phrase by the dictionary tags (no 上, 一批, 了, 到, 参加 … inside)?"""
    from pipeline.segment import dict_pos_tag

    tags = [(t.text, t.pos) for t in dict_pos_tag(obj) if t.text.strip()]
    if not tags or any(pos[:1] in FUNCTION_TAGS or w in INNER_VERBS for w, pos in tags):
        return False
    return True


# Verbs that bring in something new; the continuing verbs (持续, 深化, 巩固, 用好, 完善) are fine for a done practice.
INTRODUCING = ("畅通", "推动", "建立", "开通", "推行", "搭建", "设立", "打造", "启用")
# How a draft reports a practice as done: 开通投诉专线, 全面推行公文网上运转, 建成代表联络站.
DONE = re.compile(r"(?:开通|建立|建成|设立|实现|上线|推行|全面运行|运行|启用|开设|出台|印发|制定)")


def done_in_draft(obj: str, draft: str) -> bool:
    """Does the draft report the practice as done (开通投诉专线, 全面推行公文网上运转)?"""
    if len(obj) < 4:
        return False
    for m in re.finditer(re.escape(obj), draft):
        before = draft[max(0, m.start() - 6):m.start()]
        if DONE.search(before):
            return True
    return False


# Heads of a channel or platform that, once opened, is used well (用好投诉专线), not opened again (畅通).
CHANNELS = ("专线", "热线", "信箱", "平台", "渠道", "系统", "窗口")


def continuation(obj: str, draft: str = "") -> str | None:
    """A practice the summary reports, carried on next year (清单化管理 -> 深化清单化管理), or None.

    A practice the draft reports as done (开通投诉专线, 全面推行公文网上运转) is continued (用好投诉专线,
    巩固公文网上运转成果), never introduced again (畅通投诉专线, 推动公文网上运转更加高效)."""
    if VAGUE.search(obj) or re.search(r"[0-9０-９]", obj) or not noun_phrase(obj):
        return None
    # disputes go by the name the draft gives them most (矛盾纠纷 ×5 over one case of 权属纠纷)
    if draft and obj.endswith("纠纷") and len(obj) == 4:
        names = re.findall(rf"[{HAN}]{{2}}纠纷", draft)
        if names:
            top = max(set(names), key=lambda n: (names.count(n), n == obj))
            if names.count(top) > names.count(obj):
                obj = top
    # the two kinds of motion an office handles together are named together (人大代表建议 and 政协提案)
    if draft and ((obj.endswith("代表建议") and "提案" in draft) or (obj.endswith("提案") and "代表建议" in draft)):
        obj = "建议提案"
    # a hotline the office only links with (与12345热线对接联动) is not its to run: only one it takes calls on
    if draft and obj.endswith("热线") and not _handles(obj, draft):
        return None
    for head, pattern in CONTINUE:
        if obj.endswith(head) and (len(obj) > len(head) or len(head) >= 4):
            verb = pattern.split("{o}")[0]
            if obj.startswith(verb) or verb in obj:
                return None
            # only where the clause is about the practice itself (畅通{o}表达渠道 opens a channel for it)
            if draft and pattern.startswith(INTRODUCING) and re.search(r"\{o\}(?:更加|$)", pattern) \
                    and done_in_draft(obj, draft):
                pattern = "用好{o}" if obj.endswith(CHANNELS) else "巩固{o}成果"
            # a practice the draft already runs as routine (每周开展行政查房) is made lasting, not regular
            if draft and pattern.startswith("常态化开展") and _routine_in_draft(obj, draft):
                pattern = "健全{o}长效机制"
            return pattern.format(o=obj)
    return None


HANDLING = re.compile(r"(?:受理|接听|办结|办理|来电|工单|接通)")


def _handles(obj: str, draft: str) -> bool:
    """Does the draft report taking calls on the line (便民热线受理来电3200件)?"""
    return any(HANDLING.search(draft[m.end():m.end() + 20]) for m in re.finditer(re.escape(obj), draft))


ROUTINE = re.compile(r"(?:常态化|每周|每月|每季度?|每半年|定期|坚持)")


def _routine_in_draft(obj: str, draft: str) -> bool:
    """Does the draft say the practice already runs at a set interval (院领导每周带队开展行政查房)?"""
    return any(ROUTINE.search(draft[max(0, m.start() - 10):m.start()]) for m in re.finditer(re.escape(obj), draft))


def _word_starts(text: str) -> list[int]:
    """Offsets where a dictionary word of ``text`` begins (a practice is cut at a word edge)."""
    from pipeline.segment import dict_pos_tag

    out, pos, prev, last = [], 0, "", ""
    for t in dict_pos_tag(text):
        # not right after a localizer, particle or preposition (行政后勤下临床制度 is not 临床制度), nor
        # inside a pair of people named together (纳税人缴费人诉求 is not 缴费人诉求)
        if prev[:1] not in ("f", "u", "p") and not (prev == "n" and last.endswith("人")):
            out.append(pos)
        pos += len(t.text)
        prev, last = t.pos, t.text
    return [i for i in out if i <= len(text) - 4]


def summary_continuations(summary_text: str, draft: str = "") -> list[str]:
    """Practices the summary item reports (verb + object ending in a practice noun), carried on."""
    out: list[str] = []
    for sent in re.split(r"[。；！]", summary_text):
        for m in ACTION.finditer(sent):
            obj = m.group("obj")
            # two practices named together: the last one, whole (信息共享和联合处置机制 -> 联合处置机制)
            parts = re.split(r"[和及]", obj)
            if len(parts) > 1 and parts[0] and len(parts[-1]) >= 5:  # not a bare 处理机制
                obj = parts[-1]
            # the longest prefix of the object that ends in a practice noun (专项督查6轮 -> 专项督查)
            best = None
            for start in _word_starts(obj):
                for n in range(min(len(obj), start + MAX_OBJECT), start + 3, -1):
                    best = continuation(obj[start:n], draft)
                    if best is not None and (not draft or copied_run(best, draft) < COPY_RUN):
                        break
                    best = None
                if best is not None:
                    break
            if best and best not in out:
                out.append(best)
    from pipeline.generate.phrases import key_phrases

    for phrase in key_phrases(summary_text):
        c = continuation(phrase, draft) if len(phrase) >= 4 and phrase.endswith(NAMED_PRACTICE) else None
        if c and c not in out:
            out.append(c)
    return out


def usable(clause: str, draft: str, avoid: set[str]) -> bool:
    """A clause may go under a heading: no figure, not copied, naming nothing another item names."""
    if re.search(r"[0-9０-９“”《》]", clause) or copied_run(clause, draft) >= COPY_RUN:
        return False
    return not any(a and a in clause for a in avoid)


VERBS = tuple("常态化开展 严格控制 持续推进 推出更多 严格落实 用好 巩固 坚持 畅通 精简 规范 推动 加大 增强 提高 深化 "
              "创新 丰富 加强 优化 充实 强化 健全 完善 拓展 拓宽 加快 增加 提升 改进 筑牢 严控 细化 推行 压缩 "
              "统筹安排 严格".split())


def object_of(clause: str) -> str:
    """What a measure clause works on, its verb taken off (深化调查研究 -> 调查研究), for keeping items apart."""
    for verb in sorted(VERBS, key=len, reverse=True):
        if clause.startswith(verb):
            return clause[len(verb):]
    return clause


def _in_heading(obj: str, heading: str) -> bool:
    """Does the heading already say the whole object (队伍建设更加扎实 and 深化队伍建设)?"""
    return len(obj) >= 2 and obj in heading


def measure_clauses(problem_text: str, summary_text: str, draft: str, avoid: set[str],
                    heading: str = "") -> list[str]:
    """Clauses for one item, best first: the problems' remedies, then the summary's practices carried on.

    ``avoid``: objects other items already name; a clause repeating the heading's verb phrase is left out.
    """
    out: list[str] = []
    seen: set[str] = set()
    for clause in problem_remedies(problem_text) + summary_continuations(summary_text, draft):
        obj = object_of(clause)
        if obj in seen or (heading and _in_heading(obj, heading)):
            continue
        if not usable(clause, draft, avoid):
            continue
        seen.add(obj)
        out.append(clause)
    return out


def _shares(a: str, b: str) -> bool:
    return a in b or b in a or any(a[i:i + 2] in b for i in range(len(a) - 1))


def _same_object(a: str, b: str) -> bool:
    """Two objects that name one thing (专题调研 / 调研; 调研成果 / 调研成果转化), not two things of one
    work (调研成果转化 / 专题调研 / 调研报告 may stand side by side)."""
    a, b = re.sub(r"更加.*$", "", a), re.sub(r"更加.*$", "", b)
    if a in b or b in a or a[-2:] == b[-2:] or any(a[i:i + 4] in b for i in range(len(a) - 3)):
        return True
    return _restates(a, b) or _restates(b, a)


def _restates(a: str, b: str) -> bool:
    """``a`` names the work ``b`` is: its head opens ``b`` with two characters more (专题调研 / 调研深度,
    集中学习 / 学习教育), or is ``b``'s short form (专题调研 / 调查研究); 调研成果转化 is another thing."""
    head = a[-2:]
    if len(b) == 4 and b.startswith(head):
        return True
    return len(b) == 4 and b[0] + b[2] == head


# Words two clauses of one measure may both say (管理, 机制); any other shared word reads as a repetition
# (提升诉求办理质效，加强诉求源头排查).
SHAREABLE = frozenset("工作 机制 制度 管理 建设 质量 水平 能力 服务 体系 流程 标准 事项 工作机制 开展 常态化 "
                      "行政 机关 公务 办公".split())  # 行政后勤 and 行政查房 are two things


def _shared_word(a: str, b: str) -> bool:
    """Do two clauses both name one word of substance (诉求 … 诉求)?"""
    from pipeline.segment import tokenize

    def words(text: str) -> set[str]:
        out = set()
        for t in tokenize(text):
            if len(t.text) >= 2 and re.fullmatch(rf"[{HAN}]+", t.text):
                out.add(t.text)
                if len(t.text) == 4:  # 党组会议 and 办公会议 both say 会议 (行政后勤 and 行政查房 are two things)
                    out.add(t.text[2:])
        if text.endswith(("调研", "研究")):  # research said twice in other words (专题调研 … 前瞻性研究)
            out.add("〈research〉")
        return out

    return bool((words(a) & words(b)) - SHAREABLE)


def measure_sentence(clauses: list[str], limit: int = 2) -> str:
    """One or two clauses that do not repeat each other's object or verb, joined as a plan sentence;
    with no second verb, two objects of one verb share it (常态化开展专题培训和实战大练兵)."""
    picked: list[str] = []
    twin = ""
    for c in clauses:
        verb = c[:len(c) - len(object_of(c))]
        if all(not _same_object(object_of(c), object_of(p)) and not p.startswith(verb or c)
               and not _shared_word(c, p) for p in picked):
            picked.append(c)
        elif len(picked) == 1 and not twin and verb and picked[0] == verb + object_of(picked[0]) \
                and c == verb + object_of(c) and not _same_object(object_of(c), object_of(picked[0])):
            twin = object_of(c)  # the verb takes the object bare (not 推动{o}更加高效)
        if len(picked) >= limit:
            break
    if len(picked) == 1 and twin and "和" not in picked[0] + twin:
        return f"{picked[0]}和{twin}"
    return "，".join(picked)


# How each approach of a plan heading turns into a concrete measure, by the head of the draft's own object
# it applies to (闭环管理 + 督办事项 -> 对督办事项实行清单化管理、销号式推进), in other words than the approach's
# own (a heading and its measure saying 闭环 twice read as an echo); an approach not listed makes no clause.
APPROACH_MEASURES: dict[str, dict[str, str]] = {
    "闭环管理": dict.fromkeys(("事项", "任务", "问题", "批示件"), "对{o}实行清单化管理、销号式推进"),
    "跟踪问效": dict.fromkeys(("事项", "任务", "批示件"), "对{o}按月调度、定期通报"),
    "真督实查": dict.fromkeys(("任务", "项目", "事项"), "对{o}开展实地督查"),
    "决策落地": dict.fromkeys(("任务", "事项", "项目"), "推动{o}按时序进度完成"),
    "统筹兼顾": {"会议": "优化{o}筹备流程", "活动": "完善{o}计划管理"},
    "协同联动": dict.fromkeys(("事项", "难题", "问题"), "健全{o}会商办理机制"),
    "高效运转": {"公文": "压缩{o}办理时限", "文件": "压缩{o}办理时限", "会议": "提高{o}议事效率"},
    "规范运转": {"公文": "严格{o}办理流程", "文件": "严格{o}办理流程", "会议": "严格{o}审批"},
    "勤俭节约": {**dict.fromkeys(("用车", "接待", "经费"), "严控{o}支出"), "食堂": "加强{o}成本核算"},
    "精细服务": dict.fromkeys(("会议", "接待", "用车", "食堂", "服务", "查房"), "细化{o}工作标准"),
    "优质高效": dict.fromkeys(("服务", "后勤", "会务", "食堂"), "建立{o}满意度评价制度"),
    "源头化解": dict.fromkeys(("纠纷", "矛盾"), "加强{o}早发现、早处置"),
    "关口前移": dict.fromkeys(("纠纷", "矛盾", "风险", "隐患"), "健全{o}预警研判机制"),
    "以人为本": dict.fromkeys(("诉求", "投诉", "来访", "来信"), "推行{o}限时办结"),
    "底线思维": dict.fromkeys(("风险", "隐患", "矛盾"), "健全{o}预警研判机制"),
    "严管厚爱": dict.fromkeys(("干部", "人员", "职工"), "健全{o}关心关爱机制"),
    "从严从实": dict.fromkeys(("干部", "人员", "职工", "队伍"), "严格{o}日常管理"),
    "素质过硬": dict.fromkeys(("干部", "人员", "职工", "队伍"), "加强{o}岗位练兵"),
    "固本强基": dict.fromkeys(("干部", "人员", "职工", "队伍"), "加强{o}基础业务培训"),
    "精益求精": dict.fromkeys(("接待", "会务", "食堂", "用车", "服务"), "细化{o}工作流程"),
    "服务决策": dict.fromkeys(("课题", "改革", "中心工作", "重点工作"), "围绕{o}开展前瞻性研究"),
    "服务大局": dict.fromkeys(("课题", "改革", "中心工作", "重点工作"), "围绕{o}开展前瞻性研究"),
    "服务中心": dict.fromkeys(("课题", "改革", "中心工作", "重点工作"), "围绕{o}开展前瞻性研究"),
    "超前谋划": dict.fromkeys(("课题", "改革", "中心工作", "重点工作"), "围绕{o}开展前瞻性研究"),
}
# Heads that name the draft's own thing without a word before them (加强食堂成本核算, 加强纠纷早发现、早处置).
SOLO_HEADS = frozenset("食堂 接待 能耗 用车 用房 经费 纠纷 投诉 诉求 隐患 会务".split())
# A word before the head that does not make the object the draft's own (各类事项, 全年任务).
OBJECT_STOP = frozenset("各类 各项 全年 有关 相关 其他 其余 一批 上述 以上 上级 所有 全部 个别 具体 模范 合理 依法 "
                        "规范 重要 一般 主要 视频 上线 部分 办理 排查 日常 本职 本单位 方式 方面 渠道".split())
OBJECT_TAGS = ("n", "nt", "nz", "j")  # a noun before the head: not 紧盯任务, 开通投诉, 办理诉求


def draft_objects(text: str, heads) -> list[str]:
    """The text's own objects with one of ``heads`` (重点任务, 患者投诉, 办公室人员, 公务接待), in order."""
    from pipeline.segment import dict_pos_tag

    toks = [t for t in dict_pos_tag(text)]
    out: list[str] = []
    for i, t in enumerate(toks):
        obj = None
        if len(t.text) == 4 and t.text.endswith(tuple(heads)) and re.fullmatch(rf"[{HAN}]+", t.text) \
                and t.text[:2] not in OBJECT_STOP:
            obj = t.text
        elif i > 0 and toks[i - 1].text + t.text in heads:  # 中心 + 工作
            obj = toks[i - 1].text + t.text
        elif t.text in heads and i > 0:
            prev = toks[i - 1]
            if t.text in SOLO_HEADS and not prev.pos.startswith("n"):
                obj = t.text
            elif 2 <= len(prev.text) <= 3 and re.fullmatch(rf"[{HAN}]+", prev.text) \
                    and prev.pos in OBJECT_TAGS and prev.text not in OBJECT_STOP:
                obj = prev.text + t.text
        if obj and obj not in out:
            out.append(obj)
    return out


def approach_clauses(approach: str, text: str, draft: str, avoid: set[str]) -> list[str]:
    """The heading's approach as measures on the dimension's own objects (闭环管理 -> 对重点任务实行清单化
    管理、销号式推进), one per object in the text's order; none where the approach has no measure or the text
    names no object it applies to."""
    table = APPROACH_MEASURES.get(approach)
    out: list[str] = []
    for obj in draft_objects(text, table or {}):
        head = next(h for h in table if obj.endswith(h))
        clause = table[head].format(o=obj)
        if usable(clause, draft, avoid):
            out.append(clause)
    return out


def approach_clause(approach: str, text: str, draft: str, avoid: set[str]) -> str | None:
    """The first of ``approach_clauses``, or None."""
    found = approach_clauses(approach, text, draft, avoid)
    return found[0] if found else None


# What each approach is about (勤俭节约: costs, 用车, 接待 …; 严管厚爱: care and discipline; 闭环管理: the
# ledger of what is supervised): a measure under it must speak of such a thing, or the heading promises one
# thing and the measure does another (严管厚爱 … 优化人员结构 read as unrelated to every rater).
APPROACH_SCOPE: dict[str, tuple[str, ...]] = {
    "勤俭节约": ("用车", "接待", "会议", "用房", "食堂", "经费", "能耗", "资产", "节约", "成本", "支出", "公务"),
    "精细服务": ("服务", "保障", "会议", "会务", "接待", "用车", "食堂", "后勤", "查房", "用房", "值守", "值班", "保密",
                 "档案", "机要", "印章", "安全"),
    "优质高效": ("服务", "保障", "会议", "会务", "接待", "用车", "食堂", "后勤", "查房", "用房", "响应", "时限", "档案",
                 "数字化", "值班"),
    "精益求精": ("标准", "流程", "细化", "精细", "服务", "会务", "接待", "文稿", "质量"),
    "以人为本": ("诉求", "投诉", "来访", "来信", "群众", "患者", "接访", "热线", "信箱", "纠纷", "满意"),
    "源头化解": ("纠纷", "矛盾", "诉求", "投诉", "信访", "隐患", "排查", "研判"),
    "关口前移": ("排查", "研判", "预警", "隐患", "风险", "源头", "纠纷", "矛盾"),
    "底线思维": ("风险", "隐患", "安全", "预案", "研判", "值守", "稳控", "应急"),
    "严管厚爱": ("关爱", "关心", "激励", "谈心", "监督", "纪律", "考核", "日常管理", "作风"),
    "从严从实": ("管理", "作风", "纪律", "考核", "监督", "规矩", "学习", "练兵"),
    "素质过硬": ("培训", "学习", "练兵", "竞赛", "能力", "素质", "轮岗", "锻炼", "比武", "讲堂", "培养"),
    "固本强基": ("基础", "业务", "培训", "制度", "结构", "骨干", "培养"),
    "统筹兼顾": ("统筹", "安排", "计划", "会议", "活动", "议题", "衔接", "调度", "协调", "协同", "部门", "事项", "沟通",
                 "联动"),
    "高效运转": ("公文", "会议", "流转", "运转", "流程", "时限", "效率", "办理", "电子", "网上", "精简", "发文", "协调",
                 "事项"),
    "协同联动": ("协同", "联动", "衔接", "联席", "沟通", "会商", "部门", "科室", "站所", "跨", "协调", "事项"),
    "规范运转": ("公文", "流程", "制度", "程序", "标准", "会议", "审核", "把关", "发文"),
    "跟踪问效": ("跟踪", "问效", "督办", "督查", "台账", "通报", "销号", "反馈", "提醒", "滞后", "回头看"),
    "决策落地": ("任务", "决策", "部署", "落实", "督查", "督办", "批示", "事项", "落地", "建议提案", "代表建议"),
    "真督实查": ("督查", "实地", "暗访", "检查", "抽查", "核查", "回头看", "巡查", "督导"),
    "闭环管理": ("台账", "清单", "销号", "闭环", "督办", "督查", "反馈", "跟踪", "事项", "批示", "建议提案", "办理"),
    "服务中心": ("调研", "研究", "决策", "课题", "信息", "文稿", "前瞻", "参考", "建议"),
    "服务大局": ("调研", "研究", "决策", "课题", "信息", "文稿", "前瞻", "参考", "建议"),
    "服务决策": ("调研", "研究", "决策", "课题", "信息", "文稿", "前瞻", "参考", "建议", "研判"),
    "超前谋划": ("调研", "研究", "前瞻", "课题", "规划", "谋划", "预判", "研判"),
}


def approach_fits(approach: str, measure: str) -> bool:
    """Does the measure speak of what the approach is about (勤俭节约 … 规范公务用车管理; not … 行政查房)?"""
    scope = APPROACH_SCOPE.get(approach)
    return not scope or any(h in measure for h in scope)


# Standing practices of each work area, for a second clause where the draft's own problems and practices
# give only one: each is offered only when the dimension's own text names one of its anchors (a draft that
# never speaks of 暗访 is not told to do more of it); ``{a}`` takes the anchor the text uses (年轻员工,
# 年轻干部). Each area's list runs from the narrow practices to the wide ones (干部考核激励 fits any
# office, so it comes last). Written for the genre, in the project's words; the draft's own clauses
# always come first.
STANDING: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {
    "参谋辅政": (
        (("信息报送", "政务信息", "信息工作", "报送信息"), "提高信息报送的时效性和针对性"),
        (("文稿", "讲话", "材料起草", "综合材料"), "加强重要文稿统筹谋划和提前准备"),
        (("调研", "课题"), "推动调研成果进决策、进文件"),
        (("规划", "中长期"), "围绕规划实施开展前瞻性、对策性研究"),
        (("研判", "分析"), "提高分析研判的精准度"),
        (("文稿", "材料", "讲话"), "严把文稿政治关、政策关、文字关"),
        (("建议", "对策", "参考"), "提出更具针对性的对策建议"),
        (("信息",), "拓宽信息来源渠道"),
    ),
    "督查落实": (
        (("推进偏慢", "进度滞后", "滞后", "逾期", "偏慢"), "对进度滞后事项及时预警、限期整改"),
        (("实地", "暗访", "现场"), "加大实地督查和随机暗访比重"),
        (("通报", "考核", "结果运用"), "强化督查结果通报和考核运用"),
        (("台账", "销号", "清单"), "实行督办事项办结销号管理"),
        (("督查", "督办"), "强化督查结果通报和考核运用"),
        (("批示", "交办"), "对领导批示、交办事项逐件跟踪办理"),
        (("督查", "督办", "督导"), MANY_MEANS),
    ),
    "综合协调": (
        (("会议", "文件", "发文", "文山会海"), "从严控制会议规模和发文数量"),
        (("公文", "办文", "收文"), "压缩公文流转和办理时限"),
        (("衔接", "沟通", "上下", "联动"), "加强上下联动和横向沟通"),
        (("部门", "科室", "站所", "处室"), "健全跨{a}事项会商协调机制"),
        (("议题", "会议"), "推行会议议题提前报审"),
        (("协调", "统筹", "牵头"), "健全重大事项协调推进机制"),
    ),
    "服务保障": (
        (("经费", "支出", "节约", "过紧日子", "成本"), "持续压减一般性支出"),
        (("后勤", "物业", "食堂"), "推进后勤服务标准化、规范化"),
        (("值班", "值守"), "严格落实重要时段值班值守"),
        (("保密", "机要"), "压实保密工作责任"),
        (("会务", "会议服务", "接待"), "完善会务接待工作规程"),
        (("档案",), "加强档案规范化管理"),
        (("用车", "车辆", "公车"), "规范公务用车使用管理"),
        (("安全", "消防", "安保"), "加强机关安全防范"),
    ),
    "信访维稳": (
        (("纠纷", "矛盾"), "完善矛盾纠纷排查化解机制"),
        (("诉求", "投诉", "工单"), "建立{a}办理回访制度"),
        (("重大活动", "敏感", "重点时段", "节假日"), "做好重点时段风险防控"),
        (("信访",), "压实信访工作责任"),
        (("隐患", "风险"), "健全风险隐患动态排查机制"),
        (("来访", "来信", "接访", "信访"), "落实领导干部接访下访制度"),
        (("矛盾", "纠纷", "调解"), "推动矛盾纠纷就地化解"),
    ),
    "队伍建设": (
        (("年轻干部", "年轻员工", "青年干部", "年轻同志"), "加强{a}培养锻炼"),
        (("挂职", "轮岗", "交流"), "完善岗位交流和挂职锻炼机制"),
        (("练兵", "竞赛", "比武"), "常态化开展岗位练兵"),
        (("作风", "八项规定", "纪律"), "持续深化作风建设"),
        (("理论", "学习"), "加强政治理论和业务知识学习"),
        (("培训", "讲堂", "课堂"), "分层分类开展业务培训"),
        (("党建", "支部"), "推动党建与业务深度融合"),
        (("廉政", "廉洁"), "加强廉政风险防控"),
        (("干部", "员工", "职工", "人员"), "健全{a}考核激励机制"),
    ),
}


def standing_clauses(dim: str, text: str, draft: str, avoid: set[str]) -> list[str]:
    """The area's standing practices the dimension's own ``text`` gives an anchor for, in table order."""
    out: list[str] = []
    for anchors, pattern in STANDING.get(dim, ()):  # the table runs from the narrow practices to the wide
        for anchor in (a for a in anchors if a in text):  # each wording the text allows (诉求, 投诉)
            clause = pattern.format(a=anchor)
            if usable(clause, draft, avoid) and clause not in out:
                out.append(clause)
            if "{a}" not in pattern:
                break
    return out


# The topics a summary says its research covered: 围绕|聚焦|紧扣 A、B、C 等 … 调研.
TOPIC_RUN = re.compile(r"(?:围绕|聚焦|紧扣)(?P<run>[^，。；：]{4,60}?)(?:等(?:课题|重点领域|领域|重点|方面)?)?，?"
                       r"(?:牵头|协助[^，。；]{0,8})?(?:组织开展|开展|组织)[^，。；]{0,4}调研")
TOPIC_ITEM = re.compile(rf"[{HAN}]{{2,10}}")
TOPIC_STOP = ("编制", "规划", "工作会议", "领导关注")


def topic_clauses(text: str, draft: str, avoid: set[str], heading: str = "") -> list[str]:
    """Research that goes on with the topics the summary names (围绕产业链招商、城市更新、县域经济发展等课题
    组织专题调研 -> 围绕产业链招商、县域经济发展等方面开展前瞻性研究): at most two of its topics, never a
    run of ``COPY_RUN`` characters of the draft."""
    out: list[str] = []
    for m in TOPIC_RUN.finditer(text):
        items = [i for i in re.split(r"[、和及与]", m.group("run"))
                 if TOPIC_ITEM.fullmatch(i) and not any(s in i for s in TOPIC_STOP)]
        if not items:
            continue
        # two topics where the draft allows it without a copied run, else one
        choices = [(items[0], items[-1])] if len(items) >= 2 else []
        choices += [(items[i], items[j]) for i in range(len(items)) for j in range(i + 1, len(items))]
        choices += [(i,) for i in items]
        for picks in choices:
            # not the draft's own opening, nor a word the heading says (聚焦服务决策 … 聚焦普惠金融)
            lead = next((w for w in ("围绕", "聚焦", "紧扣") if not m.group(0).startswith(w) and w not in heading),
                        "紧扣")
            # one topic alone reads too narrow for a year's plan: it stands for the kind (普惠金融等重点课题)
            clause = f"{lead}{'、'.join(picks)}等方面开展前瞻性研究" if len(picks) == 2 \
                else f"{lead}{picks[0]}等重点课题开展前瞻性研究"
            if usable(clause, draft, avoid):
                if clause not in out:
                    out.append(clause)
                break
    return out
