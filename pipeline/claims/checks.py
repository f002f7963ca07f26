"""Arithmetic on claims: changes, totals and conflicts, tolerant of the rounding the text shows.

Every comparison allows for the precision each figure was written with: 3.2万
may be anything from 31,500 to 32,499, and a stated 14% may be a rounded or a
truncated 14.x%. A check fires only when no reading of the figures fits.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.claims.binding import TARGET_WORDS
from pipeline.claims.context import period_key
from pipeline.claims.model import Claim
from pipeline.vocab.change import CHANGE_TO, DECREASE
from pipeline.vocab.units import POINTS

BOUNDED_RATES = re.compile(
    r"(?:办结|答复|回复|覆盖|满意|处置|归档|知晓|合格|达标|准确|正确|参与|到位|落实|化解|回访|受理|采用|出勤|到会|通过|及时|"
    r"签收|办理|反馈|(?:整改|办理|按期|按时|销号|处置|化解)完成|兑现|整改|销号|上线|接通|解决|转办|录入|公开|使用|普及|接种|参保|参训|入党|审结|结案|调解成功|"
    r"按期办结|按时办结|办复|答复满意|群众满意|测评满意|好评|评价满意|批示|采纳|转化|上报|报送|出席|参会|回收|"
    r"在岗|到岗|持证|建档|签约|核实|核查|审核|审批|响应|抽查|复查|走访|入户|联系|办件|登记|备案|培训|考核|"
    r"检验|检测|检定|抽检|年检|体检|验收|完好|治愈|就业|执结|(?<!毛)入学|入园|在线|清零|立卷|投票|上岗|督办|送达|应答|"
    r"网办|即办|兑付|发放|优良|优秀|及格|入网|联网|接入|实名|认证|核验)率$|(?:满意|知晓|认可|认同)度$|占比$|比重$|比例$|覆盖面$"
)
# Rates measured against a quantity target or a year before: these may exceed 100%. So may bank ratios
# (by rule) and a hospital's bed use (extra beds: occupied bed-days over the days of the beds set up).
UNCAPPED_RATES = re.compile(r"(?:计划|目标|任务|指标|预算|投资|进度|年度|产值|销售|收入|营收)[^，。；]{0,6}完成率|超额|"
                            r"同比|环比|增长率|增速|拨备|流动性|净稳定资金|(?:病床|床位)使用率")
# Growth that is measured at comparable prices by convention, so never the nominal change of two figures.
REAL_BY_CONVENTION = re.compile(r"生产总值|增加值|GDP|经济总量|经济增长")


def is_exact(c: Claim) -> bool:
    return c.value is not None and not isinstance(c.value, tuple) and not c.approx


def interval(c: Claim) -> tuple[float, float]:
    a = float(c.amount)  # type: ignore[arg-type]
    t = c.tolerance
    return a - t, a + t


def stated_interval(c: Claim) -> tuple[float, float]:
    """A stated change may be rounded or truncated: [C - half step, C + one step]."""
    a = abs(float(c.amount))  # type: ignore[arg-type]
    t = c.tolerance if c.tolerance else 0.5
    return a - t - 1e-9, a + 2 * t + 1e-9


def fmt(x: float, decimals: int) -> str:
    s = f"{x:.{decimals}f}"
    return s


def decimals_of(c: Claim) -> int:
    n = c.numeral_text
    return len(n.split(".", 1)[1]) if "." in n else 0


@dataclass
class ChangeProblem:
    kind: str  # "arithmetic" | "points" | "direction"
    message: str
    suggestion: str
    replacement: str | None = None


def is_decrease(verb: str) -> bool:
    return verb in DECREASE


def check_change(old: Claim, new: Claim, change: Claim) -> ChangeProblem | None:
    """由A增至B，增长C% / B，较上年的A增长C%: does C follow from A and B?"""
    if not (is_exact(old) and is_exact(new) and is_exact(change)):
        return None
    if old.is_percent != new.is_percent:
        return None
    if not old.is_percent and (old.unit != new.unit and old.unit and new.unit):
        return None
    a_lo, a_hi = interval(old)
    b_lo, b_hi = interval(new)
    a, b = float(old.amount), float(new.amount)  # type: ignore[arg-type]
    if a <= 0 or b < 0:
        return None
    down = is_decrease(change.verb)
    if change.verb and ((down and b > a) or (not down and b < a)) and change.verb not in ("变化", "变动"):
        way = "增加" if b > a else "减少"
        return ChangeProblem("direction", f"方向矛盾：由{old.raw}到{new.raw}是{way}，却写作“{change.verb}”",
                             "核对前后数字或改用正确的增减用语")
    c_lo, c_hi = stated_interval(change)
    d = decimals_of(change)
    if change.unit in POINTS:
        if not old.is_percent:
            return None
        lo, hi = abs(b_lo - a_hi) if b >= a else abs(a_lo - b_hi), abs(b_hi - a_lo) if b >= a else abs(a_hi - b_lo)
        lo, hi = min(lo, hi), max(lo, hi)
        if hi < c_lo or lo > c_hi:
            right = fmt(abs(b - a), max(d, decimals_of(old), decimals_of(new)))
            return ChangeProblem("arithmetic", f"增减幅度不符：由{old.raw}到{new.raw}相差{right}个百分点，"
                                 f"文中写作{change.raw}",
                                 f"改为{change.verb or ''}{right}个百分点", None)
        return None
    if change.unit == "%":
        rel = _relative(a_lo, a_hi, b_lo, b_hi) if old.from_diff is None else _relative_to_diff(b_lo, b_hi, old)
        rel_ok = rel is not None and not (rel[1] < c_lo or rel[0] > c_hi)
        if old.is_percent:
            diff_lo, diff_hi = _abs_diff(a_lo, a_hi, b_lo, b_hi)
            if not (diff_hi < c_lo or diff_lo > c_hi):
                right = fmt(abs(b - a), max(d, decimals_of(old), decimals_of(new)))
                return ChangeProblem("points", "两个百分比之差应以“个百分点”表示："
                                     f"由{old.raw}到{new.raw}是{right}个百分点，"
                                     f"“{change.raw}”会被理解为相对变化",
                                     f"改为{change.verb or ''}{right}个百分点",
                                     f"{right}个百分点" if not change.negative else None)
            if rel_ok:
                return None
            right = fmt(abs(b - a), max(d, decimals_of(old), decimals_of(new)))
            return ChangeProblem("arithmetic", f"增减幅度不符：由{old.raw}到{new.raw}相差{right}个百分点，"
                                 f"文中写作{change.raw}",
                                 f"改为{change.verb or ''}{right}个百分点")
        if rel_ok:
            return None
        right_val = abs(b - a) / a * 100
        right = fmt(right_val, max(d, 1))
        if right.endswith(".0"):
            right = right[:-2]
        way = "降" if b < a else "增"
        return ChangeProblem("arithmetic", f"增幅计算有误：由{old.raw}到{new.raw}，{way}幅为{right}%，"
                             f"文中写作{change.raw}", f"改为{change.verb or ''}{right}%")
    if change.unit == "倍":
        ratio = b / a
        cv = float(change.amount)  # type: ignore[arg-type]
        if abs(ratio - cv) <= 0.05 * cv + change.tolerance or abs(ratio - 1 - cv) <= 0.05 * cv + change.tolerance:
            return None
        return ChangeProblem("arithmetic", f"倍数不符：{new.raw}是{old.raw}的{ratio:.2f}倍（增长了{ratio - 1:.2f}倍），"
                             f"文中写作{change.raw}", f"改为增长了{ratio - 1:.1f}倍或增长到{ratio:.1f}倍")
    if change.unit and change.unit == new.unit and change.magnitude == new.magnitude or (
            change.unit == new.unit and change.amount is not None):
        diff_lo, diff_hi = _abs_diff(a_lo, a_hi, b_lo, b_hi)
        cl, ch = interval(change)
        if diff_hi < cl - 1e-9 or diff_lo > ch + 1e-9:
            right = plain(abs(b - a), change)
            return ChangeProblem("arithmetic", f"增减数量不符：由{old.raw}到{new.raw}相差{right}，文中写作{change.raw}",
                                 f"改为{change.verb or ''}{right}")
    return None


def plain(x: float, like: Claim) -> str:
    from pipeline.claims.numerals import MAGNITUDE

    f = MAGNITUDE.get(like.magnitude, 1)
    v = x / f
    d = decimals_of(like)
    s = f"{v:.{d}f}" if d else (f"{v:.0f}" if abs(v - round(v)) < 1e-9 else f"{v:.2f}".rstrip("0"))
    return f"{s}{like.magnitude}{like.unit}"


def _relative(a_lo, a_hi, b_lo, b_hi) -> tuple[float, float] | None:
    if a_lo <= 0:
        return None
    cands = [abs(b - a) / a * 100 for a in (a_lo, a_hi) for b in (b_lo, b_hi)]
    return min(cands), max(cands)


def _relative_to_diff(b_lo: float, b_hi: float, base: Claim) -> tuple[float, float] | None:
    """D / (B - D) (or D / (B + D) for a decrease), each of B and D anywhere in its rounding: the base
    moves with B, so it is not a third figure rounded on its own."""
    d_lo, d_hi = interval(base.from_diff)  # type: ignore[arg-type]
    d_lo, d_hi = abs(d_lo), abs(d_hi)
    d_lo, d_hi = min(d_lo, d_hi), max(d_lo, d_hi)
    sign = 1 if is_decrease(base.from_diff.verb) else -1  # type: ignore[union-attr]
    cands = [d / (b + sign * d) * 100 for b in (b_lo, b_hi) for d in (d_lo, d_hi) if b + sign * d > 0]
    return (min(cands), max(cands)) if len(cands) == 4 else None


def _abs_diff(a_lo, a_hi, b_lo, b_hi) -> tuple[float, float]:
    cands = [abs(b - a) for a in (a_lo, a_hi) for b in (b_lo, b_hi)]
    lo = 0.0 if (a_lo <= b_hi and b_lo <= a_hi) else min(cands)
    return lo, max(cands)


def bound_alike(a: Claim, b: Claim) -> bool:
    """Do two figures measure the same thing: subject, kind of period, scope and status agree?"""
    if a.status != b.status or a.scope != b.scope or a.period_kind != b.period_kind:
        return False
    return same_subject(a, b)


def same_subject(a: Claim, b: Claim) -> bool:
    """Two named subjects agree when one names the other (规上工业 / 全省规上工业); unnamed agrees with any."""
    x, y = a.subject, b.subject
    return not x or not y or x in y or y in x


REAL_MARKS = re.compile(r"实际|可比价格|可比口径|扣除价格因素|扣除物价因素|不变价|剔除")


# Between a change and the new value it leads to: 提高3.8%，达到95% (nothing else in between).
NEW_VALUE_AFTER = re.compile(rf"[，,]?(?:达到了|达到|达|为|升至|{'|'.join(CHANGE_TO)})$")


def change_triples(claims: list[Claim], text: str = "") -> list[tuple[Claim, Claim, Claim]]:
    """(old, new, change) triples: 由A增至B，增长C% and B，较上年的A增长C% (same sentence).

    Average annual (年均增长) and real (实际增长, 按可比价格) rates do not follow from
    the two nominal figures, so those changes are left alone; so are growth rates of
    output (生产总值, 增加值), which are real by convention, and figures bound to
    another subject, period, scope or status (the items of a 分别 list).
    """
    from pipeline.claims.context import AVERAGE_OR_REAL, CLAUSE_MARKS

    out = []
    real_from = -1  # where the last real-terms mark of the current sentence was seen
    sentence = -1
    for i, c in enumerate(claims):
        if c.role != "change":
            continue
        if c.scope == "average":
            continue
        if text:
            window = max(0, c.start - 16)  # the mark is looked for only where it can matter
            lo = max(text.rfind(ch, window, c.start) for ch in CLAUSE_MARKS) + 1
            if AVERAGE_OR_REAL.search(text, max(lo, window), c.start):
                continue  # 年均增长7.1%, 实际增长3.8%: not the nominal change between the two figures
            if c.sentence != sentence:
                sentence, real_from = c.sentence, -1
            first = claims[max(0, i - 2)]
            m = REAL_MARKS.search(text, first.start if first.sentence == c.sentence else c.start, c.start)
            if m or real_from >= 0:
                real_from = m.start() if m else real_from
                continue  # 按可比价格计算，增长8%: the mark sits in a clause of its own
            if c.unit in ("%", "倍") and (REAL_BY_CONVENTION.search(c.metric) or REAL_BY_CONVENTION.search(c.subject)):
                continue
        if text and _change_then_figures(claims, i, text):
            out.append((claims[i + 1], claims[i + 2], c))
            continue
        bracketed = _bracket_triple(claims, i, text) if text else None
        if bracketed is not None:
            out.append(bracketed)
            continue
        j = i - 1
        if j >= 0 and text and i + 1 < len(claims):
            # 比上年的A提高C%，达到B: the base before the change, the new value right after it
            prev, nxt = claims[j], claims[i + 1]
            if prev.role == "base" and nxt.role in ("value", "to") and prev.sentence == c.sentence == nxt.sentence \
                    and NEW_VALUE_AFTER.match(text, c.end, nxt.start) and prev.unit == nxt.unit \
                    and (j == 0 or claims[j - 1].sentence != c.sentence or claims[j - 1].role not in ("value", "to")):
                out.append((prev, nxt, c))
                continue
        if j < 1 or claims[j].sentence != c.sentence:
            continue
        prev, prev2 = claims[j], claims[j - 1]
        if prev2.sentence != c.sentence:
            continue
        if not (same_subject(prev, c) and same_subject(prev2, c) and same_subject(prev, prev2)):
            continue  # 城镇居民收入A元，农村居民收入B元，分别增长…: figures of two subjects
        if prev.role == "to" and prev2.role == "from":
            out.append((prev2, prev, c))
        elif prev.role == prev2.role == "value" and _last_then_this_year(prev2, prev, c, text):
            out.append((prev2, prev, c))  # 去年为A，今年为B，增长C%
        elif prev.role == "base" and prev2.role in ("value", "to"):
            out.append((prev, prev2, c))
        elif (prev.role == "change" and prev2.role in ("value", "to") and c.unit in ("%", "倍")
              and not prev.is_percent and prev.unit == prev2.unit and is_exact(prev) and is_exact(prev2)):
            # 受理1250件，较上年增加250件、增长25%: the base is 1250 - 250
            old = _derived_base(prev2, prev)
            if old is not None:
                out.append((old, prev2, c))
    return out


# Between a change stated first and the 由A到B it comes from: 同比增长8.6%，由2.32万人次增加到2.65万人次.
FROM_AFTER_CHANGE = re.compile(r"[，,](?:由|从)(?:上年|去年|上一年|年初)?(?:同期)?(?:的)?")


# 去年为240件，今年为300件，增长20%: two clauses that differ only in the year, then the change.
THIS_YEAR_CLAUSE = re.compile(r"[，,；;](?:今年|本年|全年)(?:为|是|达到|达)?")


def _last_then_this_year(old: Claim, new: Claim, change: Claim, text: str) -> bool:
    """Last year's figure, then this year's in a clause with no metric of its own, then the change right after."""
    if period_key(old.period) != "last" or not THIS_YEAR_CLAUSE.fullmatch(text, old.end, new.start):
        return False
    if old.unit != new.unit or old.magnitude != new.magnitude or REAL_BY_CONVENTION.search(old.metric + old.subject):
        return False  # 去年生产总值A亿元，今年为B亿元，增长C%: a real growth rate, not B over A
    gap = text[new.end:change.start]
    return re.fullmatch(rf"[，,](?:同比|较上年|比上年)?{re.escape(change.verb)}了?", gap) is not None


def _change_then_figures(claims: list[Claim], i: int, text: str) -> bool:
    """增长C%，由A增至B: the change opens the clause pair and the two figures follow it directly.

    Not when the change closes a comparison before it (由A增至B，增长C%, or a base before it),
    nor when the pair after it has a change of its own (…，由D增至E，增长F%).
    """
    if i + 2 >= len(claims):
        return False
    c, a, b = claims[i], claims[i + 1], claims[i + 2]
    if not (a.role == "from" and b.role == "to" and a.sentence == b.sentence == c.sentence):
        return False
    if not FROM_AFTER_CHANGE.fullmatch(text, c.end, a.start):
        return False
    if i >= 1 and claims[i - 1].sentence == c.sentence and claims[i - 1].role in ("to", "base"):
        return False
    if i + 3 < len(claims):
        d = claims[i + 3]
        if d.sentence == c.sentence and d.role == "change" \
                and re.fullmatch(r"[，,]?[^，,；;。]{0,6}", text[b.end:d.start]):
            return False
    return same_subject(a, c) and same_subject(b, c)


# A last-year figure given in brackets right after the change: 查办案件118件，同比增长25%（上年96件）,
# or in a clause of its own: 同比增长25%，上年同期为96件.
BRACKET_BASE = re.compile(r"[（(](?:上年|去年)(?:同期)?(?:为|是)?")
CLAUSE_BASE = re.compile(r"[，,](?:上年|去年)(?:同期)?(?:为|是)")


def _bracket_triple(claims: list[Claim], i: int, text: str) -> tuple[Claim, Claim, Claim] | None:
    """(old, new, change) where last year's figure stands in brackets after the change or after its new value:
    B，增长C%（上年A） / 下降C%，降至B（上年A） / 提高C%（上年为A），达到B."""
    c = claims[i]
    nxt = claims[i + 1] if i + 1 < len(claims) else None
    after = claims[i + 2] if i + 2 < len(claims) else None
    if nxt is None or nxt.sentence != c.sentence:
        return None
    if _in_brackets(c, nxt, text):
        if i >= 1 and claims[i - 1].sentence == c.sentence and re.fullmatch(
                rf"[，,、]?(?:同比|较上年|比上年)?{re.escape(c.verb)}了?", text[claims[i - 1].end:c.start]):
            new = claims[i - 1]  # B，增长C%（上年A）
        elif after is not None and after.sentence == c.sentence \
                and NEW_VALUE_AFTER.match(text, nxt.end + 1, after.start):
            new = after  # 提高C%（上年为A），达到B
        else:
            return None
        old = nxt
    elif after is not None and after.sentence == c.sentence and _in_brackets(nxt, after, text) \
            and re.fullmatch(r"[，,]?(?:[\u4e00-\u9fff]{1,2}(?:至|到)|达到|为)", text[c.end:nxt.start]):
        new, old = nxt, after  # 下降C%，降至B（上年A）
    else:
        return None
    if new.role not in ("value", "to") or new.unit != old.unit or new.magnitude != old.magnitude:
        return None
    return (old, new, c) if same_subject(new, c) else None


def _in_brackets(before: Claim, old: Claim, text: str) -> bool:
    """（上年A） right after ``before``: the bracket holds nothing but last year's figure."""
    if old.role != "value":
        return False
    if BRACKET_BASE.fullmatch(text, before.end, old.start):
        return text[old.end:old.end + 1] in ("）", ")")
    return CLAUSE_BASE.fullmatch(text, before.end, old.start) is not None \
        and text[old.end:old.end + 1] in ("", "。", "；", ";")


def _derived_base(new: Claim, diff: Claim) -> Claim | None:
    """The base a stated absolute change implies (B - D for an increase, B + D for a decrease)."""
    from pipeline.claims.numerals import MAGNITUDE

    b, d = float(new.amount), float(diff.amount)  # type: ignore[arg-type]
    a = b + d if is_decrease(diff.verb) else b - d
    if a <= 0:
        return None
    f = MAGNITUDE.get(new.magnitude, 1)
    # 1.8万次，较上年增加3000次: the base in the new value's magnitude, to the last digit the difference gives
    step = 10 ** -decimals_of(diff) * MAGNITUDE.get(diff.magnitude, 1) / f
    places = max(decimals_of(new), decimals_of(diff) if new.magnitude == diff.magnitude else
                 max(0, -math.floor(math.log10(step) + 1e-9)))
    num = f"{a / f:.{places}f}"
    while "." in num and len(num.split(".")[1]) > decimals_of(new) and num.endswith("0"):
        num = num[:-1]
    num = num.rstrip(".")
    raw = f"{num}{new.magnitude}{new.unit}"
    return Claim(start=new.start, end=new.start, num_start=new.start, num_end=new.start + len(num), raw=raw,
                 value=float(num) if places else int(round(a / f)), unit=new.unit, magnitude=new.magnitude,
                 role="base", paragraph=new.paragraph, sentence=new.sentence, from_diff=diff)


def metric_key(c: Claim) -> str:
    """The metric with particles and code numbers (12345, 12315) dropped."""
    return re.sub(r"[了着过\s　]|[0-9]+", "", c.metric)


# Verbs that only say an activity took place (开展/组织/举办 教研活动) or a result was reached (实现/完成 营业收入;
# 组织 税费收入 is the tax offices' word for collecting it): one object after verbs of one kind is one metric.
ACTIVITY_VERB = re.compile(r"(?:组织开展|组织召开|开展|组织|举办|举行)(?=.{3})")
RESULT_VERB = re.compile(r"(?:实现|完成|组织(?=.*收入$))(?=.{3})")


def _light_verb_object(key: str) -> tuple[str, str] | None:
    """(kind of light verb, object) for 开展教研活动 → (activity, 教研活动); None without such a verb."""
    for kind, pattern in (("result", RESULT_VERB), ("activity", ACTIVITY_VERB)):
        m = pattern.match(key)
        if m:
            return kind, key[m.end():]
    return None


def same_metric(a: Claim, b: Claim) -> bool:
    """Same wording, or a bare noun (5120件咨询求助) naming the object of the other's verb phrase,
    or one object after two light verbs of one kind (组织教研活动 / 开展教研活动)."""
    ka, kb = metric_key(a), metric_key(b)
    if ka == kb:
        return True
    la = _light_verb_object(ka)
    if la is not None and la == _light_verb_object(kb):
        return True
    if ka[-1:] == kb[-1:] and (_abbreviates(ka, kb) or _abbreviates(kb, ka)):
        return True
    if "after" not in (a.metric_source, b.metric_source) or ka[-1:] != kb[-1:]:
        return False
    for x, y, kx, ky in ((a, b, ka, kb), (b, a, kb, ka)):
        if x.metric_source == "after" and y.metric_source == "before" and len(kx) >= 3 and ky.endswith(kx) \
                and "…" not in ky and len(ky) - len(kx) <= 3:
            return True
    return False


def target_like(text: str, sent_start: int, sent_end: int) -> bool:
    return TARGET_WORDS.search(text, sent_start, sent_end) is not None


# Verbs of office work that jieba's tagger files as nouns (办理 n, 督办 n).
OFFICE_VERBS = set("办理 受理 承办 督办 编发 报送 处理 接待 召开 组织 举办 培训 印发 制发 收文 发文 查处 走访 审核 "
                   "签发 答复 回复 转办 交办 办结 采用 刊发 上报 整改 核查 调处 化解 排查 检查 督查".split())


def action_metric(c: Claim) -> bool:
    """A metric that names what was done (编发《…》, 受理投诉, 按期办结率), not a bare attribute.

    服务面积, 毕业学生, 工商税收 are attributes of a topic stated earlier in the text; the
    same words under another topic carry another value, so they are never compared.
    """
    m = c.metric
    if c.metric_source == "after":
        return len(m) >= 3
    if m.endswith("率"):
        # 按期办结率, 网上答复率 name their own base; a bare 办结率 takes it from the clause before
        return len(m) >= 4
    if "《" in m:
        return True
    return _starts_with_action(m)


@lru_cache(maxsize=8192)
def _starts_with_action(metric: str) -> bool:
    """The metric phrase opens with a verb of doing (tagged once per phrase: a report repeats its metrics)."""
    from pipeline.segment import pos_tag

    words = pos_tag(metric)
    if not words or words[0].text in ("有", "是", "为", "共有", "拥有", "占", "达", "达到"):
        return False  # 有乡镇12个 states a holding, not an action taken
    return (words[0].pos.startswith("v") or words[0].text in OFFICE_VERBS) and len(words) >= 2


def _abbreviates(short: str, full: str) -> bool:
    """承办建议提案 shortens 承办人大代表建议和政协委员提案: the same verb, then the last two
    characters of each of two joined nouns (the usual way such pairs are abbreviated)."""
    parts = re.split(r"和|与|及|、", full)
    if len(parts) != 2 or len(short) < 6:
        return False
    left, right = parts
    prefix, p, q = short[:-4], short[-4:-2], short[-2:]
    return bool(prefix) and left.startswith(prefix) and left.endswith(p) and right.endswith(q) \
        and len(left) > len(prefix) + 2


def _restated(first: Claim, c: Claim) -> bool:
    """Within one paragraph, a later sentence restating the very metric with 共 and no subject of its own
    (上半年报送信息120条。……上半年共报送信息102条): a summary of the same count, not a breakdown."""
    return (first.sentence != c.sentence and metric_key(first) == metric_key(c) and not (c.subject or "").strip("—")
            and c.period == first.period and bool(c.period))


def conflict_pairs(claims: list[Claim], text: str, sentences) -> list[tuple[Claim, Claim]]:
    """Same metric, same period, same unit, two different exact values: (first, second)."""
    buckets: dict[tuple, list[Claim]] = {}
    out = []
    acts: dict[int, bool] = {}  # action_metric per claim: it tags words, and a claim meets many others
    targets: dict[int, bool] = {}
    own: dict[tuple, tuple[int, int]] = {}  # bucket key -> (paragraph, index where its members begin)
    same_para: dict[tuple, Claim] = {}  # (bucket key, metric, period, paragraph) -> its first claim

    def is_action(claim: Claim) -> bool:
        known = acts.get(id(claim))
        if known is None:
            known = acts[id(claim)] = action_metric(claim)
        return known

    for c in claims:
        # a plain figure, or the new value of 由A提高到B (the report's own period)
        if not (c.role == "value" and not c.frame or c.role == "to") or not is_exact(c) or c.placeholder:
            continue
        key_m = metric_key(c)
        if len(key_m) < 3 or "…" in key_m and len(key_m) < 5:
            continue
        if c.status == "target":
            continue  # plans and forecasts are compared with nothing
        if 0 <= c.sentence < len(sentences):
            target = targets.get(c.sentence)
            if target is None:  # once per sentence, not per claim: a long sentence holds many
                s = sentences[c.sentence]
                target = targets[c.sentence] = target_like(text, s.start, s.end)
            if target:
                continue
        # same_metric needs the same last character, so it is part of the bucket key
        key = (c.unit, c.is_percent, period_key(c.period, c.section), c.period_kind, c.scope, key_m[-1])
        bucket = buckets.setdefault(key, [])
        # claims come in text order, so this paragraph's own members are the bucket's tail: stopping
        # before them keeps a paragraph of many like figures linear
        para, cut = own.get(key, (-1, 0))
        if para != c.paragraph:
            own[key] = (c.paragraph, len(bucket))
            cut = len(bucket)
        here = (key, key_m, c.period, c.paragraph)
        earlier = same_para.get(here)
        if earlier is not None and _restated(earlier, c) and is_action(earlier) and is_action(c):
            lo1, hi1 = interval(earlier)
            lo2, hi2 = interval(c)
            if hi1 < lo2 - 1e-9 or hi2 < lo1 - 1e-9:
                out.append((earlier, c))
                continue
        same_para.setdefault(here, c)
        for k in range(cut):
            first = bucket[k]
            if first.paragraph == c.paragraph:
                continue  # one paragraph listing the same measure twice is a breakdown by scope
            if first.topic != c.topic:
                continue  # 钢铁：建成后年产能力… / 煤炭：建成后年产能力…
            if not same_subject(first, c):
                continue  # 城镇居民收入 / 农村居民收入: the items of a 分别 list
            if first.metric_source == c.metric_source == "after" or not same_metric(first, c):
                continue
            lo1, hi1 = interval(first)
            lo2, hi2 = interval(c)
            if (hi1 < lo2 - 1e-9 or hi2 < lo1 - 1e-9) and is_action(first) and is_action(c):
                out.append((first, c))
            break
        else:
            bucket.append(c)
    return out


EXHAUSTIVE_PAIRS = (("来信", "来访"), ("男", "女"), ("线上", "线下"), ("城镇", "农村"), ("城市", "农村"),
                    ("国内", "国外"),
                    ("境内", "境外"), ("市级", "县级"), ("省级", "市级"), ("县级", "乡"), ("主动", "依申请"),
                    ("党员", "非党员"), ("正式", "临时"), ("新增", "存量"), ("上半年", "下半年"), ("公开", "不公开"),
                    ("已办结", "正在办理"), ("已办结", "在办"), ("办结", "未办结"), ("中央", "地方"), ("收文", "发文"),
                    ("在职", "退休"), ("重大", "一般"))


def exhaustive(labels: list[str], total_metric: str = "") -> bool:
    """Do the parts after 其中 make up the whole (来信/来访, …/其他, or each part named in the total)?

    共受理来信来访150件，其中来信…、来访… and 办理建议提案96件，其中…建议、…提案 are
    partitions; 培训干部500人次，其中处级干部…、科级干部… is not (other staff exist).
    """
    if len(labels) < 2 or any(not lab for lab in labels):
        return False
    if any(re.match(r"(?:其他|其余|其它|另|剩余|剩下)", lab) for lab in labels[1:]):
        return True
    for x, y in EXHAUSTIVE_PAIRS:
        if any(x in lab for lab in labels) and any(y in lab for lab in labels):
            return True
    tails = [lab[-2:] for lab in labels]
    return len(set(tails)) == len(tails) and all(len(t) == 2 and t in total_metric for t in tails)


TOTAL_WORD = re.compile(r"(?:共计|共|合计|总计|累计|总共|一共|总数为?|总量为?|"
                        r"总(?:投资|金额|额|规模|人数|人次|面积|里程|收入|支出|产值))[^，。；]{0,12}$")
TOTAL_AFTER = re.compile(r"[，,]?(?:共计|合计|总计|共|一共|总共)(?:为|达)?$")
# What introduces the parts after a total: 其中 may list a few; 分别为 and a bracket or colon list all of them.
PARTS_MARK = re.compile(r"[，,]?(?P<mark>其中|含|包括|分别为|分别是|分别|分为|分成|即)[：:，,]?|(?P<list>[（(：:])")
NEXT_SENTENCE_PARTS = re.compile(r"。(?P<mark>其中)[：:，,]?(?P<list>)")
COMMA_PARTS = re.compile(r"[，,](?P<mark>)(?P<list>)")
NOT_ALL = re.compile(r"(?:等|为主|为代表|…)")
# Units a report breaks a total down by (市本级12期、区县28期; 城区…、东乡镇…).
UNIT_LABEL = re.compile(r"(?:县|区|市|镇|乡|街道|村|社区|部门|单位|支行|分行|局|处|科|室|中心|本级|公司|学校|医院)$")


# Figures per head or per item (人均收入, 平均工资, 补助标准, 单价): the parts of such a figure are not its summands.
PER_HEAD = re.compile(r"均|单价|价格|标准|每")


def parallel_labels(labels: list[str]) -> bool:
    """Labels of one kind: the same last character (…文件, …类, …会议) or all units (…镇, …区, 市本级)."""
    if not labels or any(not lab for lab in labels):
        return False
    return len({lab[-1] for lab in labels}) == 1 or all(UNIT_LABEL.search(lab) for lab in labels)


def sum_groups(claims: list[Claim], text: str) -> list[tuple[Claim, list[Claim], str]]:
    """(total, parts, how) in one sentence, parts in the total's unit and bound like the total.

    how: "其中" (共N，其中a、b: may be a partial list), "bare" (N，其中a、b with N not called a total: a
    partial list that can still not exceed N), "all" (共N，分别为a、b / 共N（a、b）/ a、b，合计N / N，分为a和b:
    the parts are meant to be all of it). A list that ends in 等 gives examples, not parts.
    """
    out = []
    for i, c in enumerate(claims):
        if c.role != "value" or not is_exact(c) or c.is_percent or PER_HEAD.search(c.metric + c.subject):
            continue
        after_total = TOTAL_AFTER.search(text, max(0, c.start - 6), c.start)
        if after_total and i >= 2:
            group = _parts_before(claims, i, text, _count_of_parts(claims, i, text))
            if group:
                out.append((c, group, "all"))
                continue
        mark = PARTS_MARK.match(text, c.end, c.end + 6)
        next_sentence = False  # 共受理260件。其中，来信…: the breakdown opens the next sentence
        joined_only = False  # the parts must be joined by 、 (no clause of their own)
        if not mark:
            mark = NEXT_SENTENCE_PARTS.match(text, c.end, c.end + 6)
            if mark:
                next_sentence = True
            elif text[c.end:c.end + 1] in ("，", ",") and TOTAL_WORD.search(text, max(0, c.start - 16), c.start):
                # 共受理诉求260件，来信120件、来访80件: a total, then its parts without a word between
                mark = COMMA_PARTS.match(text, c.end)
                joined_only = True
            if not mark:
                continue
        how = "其中" if mark.group("mark") in ("其中", "含", "包括", "") else "all"
        if mark.group("list"):
            follow = re.match(r"(?:其中|含|包括)|(?:如|主要|重点|例如|比如)", text[mark.end():mark.end() + 2])
            if follow:
                if not follow.group().startswith(("其", "含", "包")):
                    continue  # （如…, 主要有…）: examples
                how = "其中"
        if (how == "其中" or mark.group("mark") == "即") and not TOTAL_WORD.search(text, max(0, c.start - 16), c.start):
            if how != "其中":
                continue
            how = "bare"  # 受理120件，其中…: a partial list unless the figure is called a total (共, 合计)
        joined_only = joined_only or how == "bare"
        parts = []
        for k in range(i + 1, len(claims)):  # no slice: a copy of the rest per total would be quadratic
            d = claims[k]
            if d.sentence != c.sentence + (1 if next_sentence else 0):
                break
            if d.role != "value" or d.is_percent != c.is_percent:
                break
            if d.unit != c.unit:
                break
            if not is_exact(d):
                parts = []
                break
            gap = text[(parts[-1].end if parts else c.end):d.start]
            # （其中耕地…）、未利用地…: the closing bracket ends the parts too
            if parts and re.search(r"[；;。）)]|其中|含|包括|占", gap):
                break
            if parts and joined_only and re.search(r"[，,]", gap):
                break  # N，其中a、b，已办结c: without a total word only a list joined by 、 is the breakdown
            parts.append(d)
        if len(parts) >= 2 and not NOT_ALL.match(text, parts[-1].end) and all(_part_of(c, d) for d in parts):
            out.append((c, parts, how))
    return out


SPAN_RANK = {"part": 0, "year": 1, "multi": 2}


def _part_of(total: Claim, part: Claim) -> bool:
    """A part has its total's status and covers the total's period or a stretch of it (上半年 of 全年)."""
    if part.status != total.status or SPAN_RANK[part.period_kind] > SPAN_RANK[total.period_kind]:
        return False
    if part.period_kind == total.period_kind and period_key(part.period) != period_key(total.period):
        return False
    return part.scope == total.scope or total.scope == "cumulative"


def _count_of_parts(claims: list[Claim], i: int, text: str) -> Claim | None:
    """a、b，两项合计N: the count of the parts said right before 合计 (两项, 以上三项), or None."""
    d = claims[i - 1]
    if d.unit in ("项", "类", "笔") and d.sentence == claims[i].sentence and d.numeral == "chinese" \
            and re.fullmatch(r"(?:共计|合计|总计|共)(?:为|达)?", text[d.end:claims[i].start]):
        return d
    return None


def _parts_before(claims: list[Claim], i: int, text: str, count: Claim | None = None) -> list[Claim]:
    """a、b、c，合计N: the figures listed right before a closing total, each with a label of its own
    (``count``: the 两项 between them and 合计, passed over)."""
    total = claims[i]
    parts: list[Claim] = []
    j = i - 2 if count is not None else i - 1
    end = count.start if count is not None else total.start
    while j >= 0:
        d = claims[j]
        if d.sentence != total.sentence or d.role != "value" or d.unit != total.unit or not is_exact(d) \
                or d.is_percent or d.magnitude != total.magnitude:
            break
        gap = text[d.end:end]
        if re.search(r"[；;。]|其中|分别|等", gap) or (
                parts and not re.fullmatch(r"[、，,和及][^，,、；;。0-9０-９]{1,12}", gap)):
            break
        parts.append(d)
        end = d.start
        j -= 1
    parts.reverse()
    if len(parts) < 2 or not all(_part_of(total, d) for d in parts):
        return []
    if any(TOTAL_WORD.search(text, max(0, d.start - 16), d.start) for d in parts[:1]):
        return []  # 共受理120件，来信…: the first figure is itself a total
    return parts
