"""RL3xx: checks on the numeric-claim ledger (``doc.claims``, built by the claims stage).

Placeholder numbers (X件) are RL101; they sit in the ledger as placeholder claims
and are not reported twice here. Full-width digits are RL2xx's mixed-width rule.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from pipeline.claims import checks
from pipeline.claims.checks import BOUNDED_RATES, UNCAPPED_RATES, is_exact
from pipeline.claims.model import Claim
from pipeline.document import Document, Finding
from pipeline.rules.base import rule, this_rule
from pipeline.vocab import approx, extend, units
from pipeline.vocab.change import LESSENING
from pipeline.vocab.numerals import COUNT_DIGITS, PLACES

NEEDS = ("segment", "claims")


@extend.on_change
def _markers() -> None:
    """The approximation markers as sets (again when user lists change)."""
    global PREFIX_MARKERS, SUFFIX_MARKERS, OUTER_PREFIX
    PREFIX_MARKERS = frozenset(approx.PREFIX)
    SUFFIX_MARKERS = frozenset(approx.SUFFIX)
    OUTER_PREFIX = re.compile(rf"({approx.alternation(approx.PREFIX)})有?$")


PREFIX_MARKERS: frozenset[str]
SUFFIX_MARKERS: frozenset[str]
OUTER_PREFIX: re.Pattern[str]
_markers()


def _claims(doc: Document) -> list[Claim]:
    return [c for c in doc.claims if isinstance(c, Claim)]


@rule("RL301", "redundant-approximation", "warning", needs=NEEDS)
def redundant_approximation(doc: Document) -> Iterator[Finding]:
    """一个数字带两个约数标记（近…余、约…左右、超过…以上、大约…上下），只保留一个。

    Okay: 接待群众来访近450人次。
    Okay: 接待群众来访450余人次，约60个单位参加。
    Okay: 最近3天以内办结。
    RL301: 走访慰问困难职工近450余户。
    RL301: 约60个左右的单位参加。
    RL301: 编发信息超过300篇以上。
    RL301: 全年接待来访群众近千余人次。
    RL301: 全年出动志愿者约有近2000人次。
    Okay: 全年出动志愿者约有2000人次，最近3天以内办结。
    Okay: 全年接待来访群众近千人次。
    """
    r = this_rule(redundant_approximation)
    for c in _claims(doc):
        pre = [a for a in c.approx if a in PREFIX_MARKERS and c.raw.startswith(a)]
        post = [a for a in c.approx if a in SUFFIX_MARKERS]
        if pre and not post:
            outer = OUTER_PREFIX.search(doc.text, max(0, c.start - 4), c.start)
            if outer:  # 约有近2000人次: two markers before the number
                yield r.finding(outer.start(), c.end,
                                f"约数重复：“{outer.group()}{c.raw}”同时用了“{outer.group(1)}”和“{pre[0]}”",
                                suggestion=f"只保留一个，如“{c.raw}”")
            continue
        if not pre or not post:
            continue
        only_pre = pre[0] + _strip_suffixes(c.raw[len(pre[0]):], post)
        only_post = c.raw[len(pre[0]):]
        yield r.finding(c.start, c.end, f"约数重复：“{c.raw}”同时用了“{pre[0]}”和“{post[0]}”",
                        suggestion=f"只保留一个，如“{only_pre}”或“{only_post}”", replacement=only_pre)


def _strip_suffixes(s: str, markers: list[str]) -> str:
    """300余人次 → 300人次, 60个左右 → 60个: drop the trailing markers, keep numeral and unit."""
    for a in markers:
        if s.endswith(a):
            s = s[:-len(a)]
        else:
            s = re.sub(rf"(?<=[0-9０-９{PLACES}{COUNT_DIGITS}]){re.escape(a)}", "", s, count=1)
    return s


@rule("RL302", "rate-over-100", "error", needs=NEEDS)
def rate_over_100(doc: Document) -> Iterator[Finding]:
    """办结率、答复率、覆盖率、参保率、满意率、占比等计数比率超过100%。

    只限“已办/应办”一类的计数比率；计划、目标、任务完成率以数量目标为分母，
    超额完成时可以超过100%，同比、增长率也不在此列。

    Okay: 网上答复率达100%。
    Okay: 信息采用量增长150%。
    Okay: 按期办结率由96%提高到98%。
    Okay: 年度计划完成率达112%。
    Okay: 全年重点项目投资完成率103.5%，超额完成年度任务。
    Okay: 招商引资任务完成率为126%。
    Okay: 税收收入同比增长率108%。
    RL302: 交办事项办结率达102%。
    RL302: 群众满意率为100.5%。
    RL302: 城乡居民医保参保率达101.2%。
    RL302: 问题整改完成率达103%。
    RL302: 形成调研报告5篇，其中3篇获领导批示，批示率达到120%。
    RL302: 全区特种设备定期检验率达到100.5%。
    RL302: 适龄儿童入学率达到101%。
    RL302: 政务服务事项全程网办率达到101%，期末考试及格率为104%。
    RL302: 网上答复率较上年提高4个百分点，达到102%。
    RL302: 交办事项办结率（含转办件）达到102%。
    Okay: 投资计划完成率较上年提高6个百分点，达到112%。
    Okay: 拨备覆盖率为215%，流动性覆盖率保持在130%以上。
    Okay: 全院病床使用率达到108%，平均住院日缩短0.6天。
    Okay: 学前教育毛入学率达到102%。
    """
    r = this_rule(rate_over_100)
    prev: Claim | None = None
    for c in _claims(doc):
        before, prev = prev, c
        if not c.is_percent or c.unit != "%" or c.role in ("change", "share") or c.value is None:
            continue
        top = c.amount[1] if isinstance(c.amount, tuple) else c.amount
        if top is None or top <= 100:
            continue
        metric = re.sub(r"….*$", "", c.metric) or _unnamed_rate(doc.text, c, before)
        if not BOUNDED_RATES.search(metric) or UNCAPPED_RATES.search(metric) or c.frame in ("同比", "环比"):
            continue
        if re.search(r"超额|超过|超出", doc.text[max(0, c.start - 8):c.start]):
            continue
        yield r.finding(c.start, c.end, f"比率超过100%：“{metric}”不可能是{c.raw}",
                        suggestion="核对分子分母，比率最高为100%")


# The rate a figure with no metric of its own is about: the change before it (办结率较上年提高5个百分点，
# 达到103%) or the rate named before a bracket (办结率（含网上信访）达到102%).
RATE_BEFORE_BRACKET = re.compile(r"([\u4e00-\u9fff]{1,12}(?:率|度|占比|比重))[（(][^（）()]{1,20}[）)]"
                                 r"(?:达到了|达到|达|为)?$")


def _unnamed_rate(text: str, c: Claim, before: Claim | None) -> str:
    if before is not None and before.sentence == c.sentence and before.role == "change" \
            and checks.NEW_VALUE_AFTER.match(text, before.end, c.start) and before.metric:
        return re.sub(r"….*$", "", before.metric)
    m = RATE_BEFORE_BRACKET.search(text, max(0, c.start - 40), c.start)
    return m.group(1) if m else ""


@rule("RL303", "sum-mismatch", "warning", needs=NEEDS)
def sum_mismatch(doc: Document) -> Iterator[Finding]:
    """“共N，其中a、b……”“共N，分别为a、b……”“a、b……，合计N”各分项之和与总数不符。

    只在分项构成全部时报告：分别为、括号或冒号列出的分项、合计前的分项，以及
    其中后成对互补（来信/来访）、以“其他”收尾或各项名称出自总数的分项；
    其中后只举几类、以“等”结尾的列举不算。

    Okay: 共受理来信来访150件，其中来信90件、来访60件。
    Okay: 共培训干部500人次，其中处级干部80人次、科级干部200人次。
    Okay: 共受理信访件120件，分别为来信50件、来访40件、网上信访30件。
    Okay: 全年共发放补贴860万元，其中城区120万元、东乡镇90万元等。
    Okay: 全年接待来访群众300人次，其中上半年120人次、下半年180人次。
    Okay: 来信50件、来访40件、网上信访30件，合计120件。
    RL303: 共受理来信来访150件，其中来信80件、来访60件。
    RL303: 全年共办理建议提案96件，其中人大代表建议52件、政协委员提案46件。
    RL303: 共受理信访件120件，分别为来信50件、来访40件、网上信访20件。
    RL303: 全年共办理各类文件1200件，其中收文700件、发文400件。
    RL303: 全年共组织培训45期（市本级12期、区县28期）。
    RL303: 城区发放补贴320万元、东乡镇210万元、西乡镇180万元，合计690万元。
    RL303: 发放助学金126万元和奖学金84万元，两项合计220万元。
    RL303: 全年共排查隐患340处。其中，重大隐患12处、一般隐患318处。
    RL303: 全年共办理政务公开申请86件，主动公开52件、依申请公开30件。
    RL303: 全年办理群众诉求410件，其中咨询类230件、投诉类120件、其他50件。
    Okay: 全年办理群众诉求410件，其中咨询类230件、投诉类120件、其他60件。
    RL303: 项目总投资6.8亿元，其中财政资金2.5亿元、社会资本3.8亿元、其他资金0.2亿元。
    Okay: 发放助学金126万元和奖学金84万元，两项合计210万元。
    RL303: 完成水利投资2.8亿元，其中骨干工程投资1.9亿元、农田水利投资1.2亿元。
    Okay: 完成水利投资2.8亿元，其中骨干工程投资1.9亿元。
    RL303: 办理各类公文2480件，其中收文1520件、发文1060件。
    Okay: 居民人均可支配收入3.2万元，其中城镇居民4.1万元、农村居民2.3万元。
    Okay: 拟安排赤字800亿元，其中中央赤字500亿元，代地方发债300亿元，比上年减少100亿元。
    Okay: 办理各类公文2480件，其中收文1320件。
    Okay: 培训干部600人次，其中处级干部120人次、科级干部260人次。
    Okay: 培训干部600人次，其中党员干部420人次、年轻干部260人次。
    Okay: 共征收农用地0.28公顷（其中耕地0.16公顷）、未利用地1.07公顷。
    RL303: 共设置公益岗位360个，分为保洁岗位150个和护林岗位180个。
    Okay: 共设置公益岗位360个，分为保洁岗位180个和护林岗位180个。
    """
    r = this_rule(sum_mismatch)
    for total, parts, how in checks.sum_groups(_claims(doc), doc.text):
        labels = [p.metric or p.period for p in parts]  # 其中上半年…、下半年…: the period names the part
        s = sum(float(p.amount) for p in parts)  # type: ignore[arg-type]
        tol = sum(p.tolerance for p in parts) + total.tolerance
        t = float(total.amount)  # type: ignore[arg-type]
        if abs(s - t) <= tol + 1e-9:
            continue
        # A partial list (其中处级干部80人次) leaves a wide gap; a list that nearly adds up,
        # or adds up to more than the whole while its parts are kinds of one thing, is a partition.
        near = s < t and (t - s) <= 0.1 * t and len(parts) >= 3 and checks.parallel_labels(labels)
        over = s > t and len({lab[-1:] for lab in labels}) == 1
        remainder = bool(re.match(r"(?:其他|其余|其它)", labels[-1]))  # …、其他50件: the parts are all of it
        if how == "bare" and not remainder and not (
                s > t and (over and total.unit.endswith("元") or checks.exhaustive(labels, total.metric))):
            # 受理120件，其中…: only parts that add up to more than the figure are a slip, and only where they
            # cannot overlap: sums of money, or parts that split the whole (收文/发文); people counted by
            # kind overlap (其中党员干部…、年轻干部…)
            continue
        if not (how == "all" or checks.exhaustive(labels, total.metric) or near or over):
            continue
        shown = checks.plain(s, total)
        listed = "、".join(p.raw for p in parts)
        yield r.finding(total.start, parts[-1].end,
                        f"分项之和与总数不符：{listed}合计{shown}，总数写作{total.raw}",
                        suggestion=f"核对总数（{shown}）或各分项", related=[p.start for p in parts])


@rule("RL304", "metric-conflict", "warning", needs=NEEDS)
def metric_conflict(doc: Document) -> Iterator[Finding]:
    """同一指标、同一时段在文中出现两个不同数值（主体、时段、口径、实绩/目标均一致时才比较）。

    Okay: 全年城镇新增就业6.2万人。\\n今年主要预期目标是：地区生产总值增长5.5%左右；城镇新增就业6万人。
    Okay: 五年来累计新增城镇就业31万人。\\n2025年新增城镇就业6.3万人。
    Okay: 全年编发《政务信息》54期。\\n信息工作扎实，编发《政务信息》54期。
    Okay: 上半年编发《政务信息》24期。\\n全年编发《政务信息》54期。
    Okay: 办结率98%。\\n按期办结率95%。
    RL304: 全年编发《政务信息》5期。\\n信息工作扎实，全年共编发《政务信息》54期。
    RL304: 上半年报送信息120条，被采用35条。信息工作扎实，上半年共报送信息102条。
    Okay: 全年受理信访件300件。其中市本级受理信访件120件。
    Okay: 全年报送信息120条，其中被省办采用的报送信息35条。
    RL304: 全年组织业务培训12期。\\n队伍建设扎实，全年开展业务培训15期。
    RL304: 全年实现营业收入8.6亿元。\\n经营质效提升，全年完成营业收入8.2亿元。
    Okay: 全年开展隐患排查320次。\\n安全生产平稳，全年完成隐患排查290次。
    """
    r = this_rule(metric_conflict)
    for first, second in checks.conflict_pairs(_claims(doc), doc.text, doc.sentences):
        line, _ = doc.line_col(first.start)
        yield r.finding(second.start, second.end,
                        f"同一指标前后不一：“{second.metric}”此处为{second.raw}，第{line}行为{first.raw}",
                        suggestion="核实后统一为同一数字", related=[first.start])


@rule("RL305", "change-arithmetic", "warning", needs=NEEDS)
def change_arithmetic(doc: Document) -> Iterator[Finding]:
    """增减幅度与前后数字不符（由A增至B，增长C%；较上年的A增长C%），建议给出正确数字。

    按可比价格计算的实际增长、生产总值和增加值的增速、年均增速，以及“分别”列举中
    不同主体的数字，都不用名义数字重算。

    Okay: 地区生产总值由3120亿元增加到3480亿元，按可比价格计算，增长6.2%。
    Okay: 城镇和农村居民人均可支配收入分别由48000元和22000元增加到50400元和23540元，分别增长5%和7%。
    Okay: 上报专报由上年的240篇增至300篇，增长25%。
    Okay: 受理诉求3.2万件，较上年的2.8万件增长14.3%。
    Okay: 回复率由91.2%提升至95.0%，提高3.8个百分点。
    RL305: 上报专报由上年的240篇增至300篇，增长20%。
    RL305: 办理时限由5天压缩至3天，缩短了1天。
    RL305: 受理信访件比上年的120件增加30%，达到150件。
    Okay: 受理信访件比上年的120件增加25%，达到150件。
    RL305: 回复率由91.2%提升至95.0%，提高4.1个百分点。
    RL305: 单位产值能耗同比下降15%，从0.82吨标准煤降至0.75吨标准煤。
    Okay: 门诊人次同比增长12.5%，由4.8万人次增加到5.4万人次。
    RL305: 受理投诉218件，同比增长30%（上年180件）。
    Okay: 受理投诉234件，同比增长30%（上年180件）。
    RL305: 交通事故同比下降12.5%，降至84起（上年90起）。
    RL305: 全年巡查河道2.4万次，较上年增加4000次，增长25%。
    RL305: 调解纠纷180起，与上年的150起相比增长25%。
    RL305: 调解纠纷180起，同比增长25%，上年同期为150起。
    Okay: 调解纠纷180起，同比增长20%，上年同期为150起。
    RL305: 审批时限同比缩短30%，缩短至4天（上年5天）。
    Okay: 全年巡查河道2.4万次，较上年增加4000次，增长20%。
    Okay: 交通事故同比下降6.7%，降至84起（上年90起）。
    """
    r = this_rule(change_arithmetic)
    for old, new, change in checks.change_triples(_claims(doc), doc.text):
        p = checks.check_change(old, new, change)
        if p is None or p.kind == "points":
            continue
        yield r.finding(change.start, change.end, p.message, suggestion=p.suggestion, replacement=p.replacement,
                        related=[old.start, new.start])


@rule("RL306", "sign-contradicts-verb", "warning", needs=NEEDS)
def sign_contradicts_verb(doc: Document) -> Iterator[Finding]:
    """减少类动词后又带负号（下降-12%、减少-3件），负负得正，意思反了。

    Okay: 同比下降12%。
    Okay: 气温为-3摄氏度。
    RL306: 信访总量同比下降-12%。
    RL306: 积案减少-3件。
    RL306: 城乡收入差距缩小-0.3个百分点，全年节约经费-12万元。
    Okay: 城乡收入差距缩小0.3个百分点，降幅由-5.2%收窄至-3.1%。
    """
    r = this_rule(sign_contradicts_verb)
    for c in _claims(doc):
        if not c.negative:
            continue
        verb = c.verb if c.role == "change" and checks.is_decrease(c.verb) else _lessening_before(doc.text, c.start)
        if not verb:
            continue
        fixed = c.raw.lstrip("-－−")
        yield r.finding(c.start, c.end, f"符号与动词矛盾：“{verb}{c.raw}”会被理解为增加",
                        suggestion=f"改为“{verb}{fixed}”", replacement=fixed)


LESSENING_BEFORE = re.compile(rf"(?:{'|'.join(LESSENING)})(?=了?$)")


def _lessening_before(text: str, start: int) -> str:
    """缩小-0.3个百分点, 节约了-12万元: the lessening word right before the signed figure, or ""."""
    m = LESSENING_BEFORE.search(text, max(0, start - 3), start)
    return m.group() if m else ""


@rule("RL307", "percent-point-misuse", "warning", needs=NEEDS)
def percent_point_misuse(doc: Document) -> Iterator[Finding]:
    """两个百分比之间的变化写成了“%”，应写“个百分点”（GB/T 15835 用法）。

    Okay: 回复率由91.2%提升至95.0%，提高3.8个百分点。
    Okay: 信息采用量由40条增至50条，增长25%。
    RL307: 回复率由91.2%提升至95.0%，提高了3.8%。
    RL307: 满意率达到98.5%，较上年的95.5%提高3%。
    RL307: 办结率比上年的91.2%提高3.8%，达到95%。
    Okay: 办结率比上年的91.2%提高3.8个百分点，达到95%。
    RL307: 信息采用率为82.5%，采用率较上年的78.1%提高4.4%。
    RL307: 网上办理率比上年提高2.6%（上年为90.3%），达到92.9%。
    """
    r = this_rule(percent_point_misuse)
    for old, new, change in checks.change_triples(_claims(doc), doc.text):
        p = checks.check_change(old, new, change)
        if p is None or p.kind != "points":
            continue
        yield r.finding(change.start, change.end, p.message, suggestion=p.suggestion, replacement=p.replacement,
                        related=[old.start, new.start])




@rule("RL308", "numeral-form-mixed", "info", needs=NEEDS)
def numeral_form_mixed(doc: Document) -> Iterator[Finding]:
    """同类计数在同一文中阿拉伯数字与汉字数字混用（5期与三期），GB/T 15835 要求同一语境统一。

    Okay: 编发信息5期，简报12期。
    Okay: 编发信息5期，年内两次带队检查。
    RL308: 编发信息5期。\\n编发简报三期。
    """
    r = this_rule(numeral_form_mixed)
    by_unit: dict[str, list[Claim]] = defaultdict(list)
    for c in _claims(doc):
        if c.unit in units.COUNT_UNITS and is_exact(c) and not c.magnitude and not c.placeholder:
            by_unit[c.unit].append(c)
    for unit, cs in by_unit.items():
        arabic = [c for c in cs if c.numeral != "chinese"]
        chinese = [c for c in cs if c.numeral == "chinese"]
        if not arabic or not chinese:
            continue
        minority = chinese if len(chinese) <= len(arabic) else arabic
        majority = arabic if minority is chinese else chinese
        form = "阿拉伯数字" if majority is arabic else "汉字数字"
        for c in minority:
            yield r.finding(c.start, c.end,
                            f"数字形式不统一：同为“{unit}”的计数，此处“{c.raw}”，他处用{form}（如“{majority[0].raw}”）",
                            suggestion=f"统一用{form}", related=[majority[0].start])
