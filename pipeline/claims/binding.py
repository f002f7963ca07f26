"""What a claim is bound to: its subject, the kind of period and scope it covers, and its status.

Two figures measure the same thing only when they are about the same subject
(全省 vs 全市, the items of a 分别 list), cover the same stretch of time in the
same way (全年 vs 上半年; one year vs 五年累计 vs 年均) and are both results or
both targets (增长5.2% vs 预期目标增长5%左右). The checks compare only such pairs.

Everything here reads the sentence around each claim once, left to right: a
paragraph costs time in proportion to its length.
"""

from __future__ import annotations

import bisect
import re

from pipeline.claims import context as ctx
from pipeline.claims.model import Claim
from pipeline.vocab import fillers
from pipeline.vocab.change import CHANGE_TO
from pipeline.vocab.numerals import LABEL_DIGITS, TWO
from pipeline.vocab.periods import ARABIC_YEAR, PART_YEAR, PLAN

# Targets and forecasts (not 完成了年初确定的目标任务, which reports one met).
TARGET_WORDS = re.compile(r"预期|目标是|目标为|目标：|力争|预计|争取|确保|拟|可望|有望|明年|下一步|下一?阶段|"
                          r"计划(?:于|在|到|用|新建|新增|完成|实现|开展|举办|组织|建成|培训|达到|投资|安排)|"
                          r"(?<![提增高升降扩减长大少低])到20\d\d年|要(?:增加|提高|达到|完成|实现|扩大|控制|新增|减少|降低|"
                          r"新建|建成|确保)|将要|将(?:增加|提高|提升|达到|扩大|新建|完成|实现|减少|降低|新增|增长|建成|超过)")
# A sentence that opens a list of targets (主要预期目标是：…；…；…) makes the rest of its paragraph targets.
TARGET_HEAD = re.compile(r"目标(?:是|为)?[:：]|目标如下|主要预期目标")
# Words that report a result, so a target word in the same sentence names the target that was met
# (超额完成年度目标任务, 低于13%左右的预期目标) or the base a plan starts from (在…的基础上).
DONE = re.compile(r"已经|已|超额完成|完成了|实现了|达到了|取得了|基础上|"
                  r"(?:增长|提高|提升|下降|降低|增加|减少|回落|突破)了|低于[^，。；]{0,12}目标|高于[^，。；]{0,12}目标")
NAMES_TARGET = re.compile(r"(?:左右|以上|以内|以下)?的(?:预期)?目标")
AVERAGE = re.compile(r"年均|平均每年|年平均|每年平均")
PART_OF_YEAR = re.compile(rf"{PART_YEAR}|季度|"
                          rf"[0-9０-９{LABEL_DIGITS}]{{1,3}}(?:[—\-－~～至到][0-9{LABEL_DIGITS}]{{1,3}})?月")
N = rf"[{LABEL_DIGITS}{TWO}]{{1,3}}|(?<![0-9])[0-9]{{1,2}}"
# Several years named in the sentence before a figure: 五年累计, 连续三年, 过去五年, “十三五”时期, 2013年以来.
MULTI_SPAN = re.compile(rf"(?:{N})年(?:来|中|间|里|累计|内|(?=增长|增加|提高|翻|下降|减少))|连续(?:{N})年|"
                        rf"(?:过去|近|最近)(?:{N})年|“?{PLAN}”?(?:时期|期间|以来)|"
                        rf"{ARABIC_YEAR}年以来|任期内|届内|任职以来")
MULTI_YEAR = re.compile(rf"年来|年中|年间|年里|年累计|连续|过去|近[{LABEL_DIGITS}{TWO}\d]+年|最近|五”|"
                        r"五”?(?:期间|时期)|"
                        rf"{ARABIC_YEAR}年以来|任期|届内|任职以来")
SPLIT_ITEMS = re.compile(r"和|、|与|及|以及")
JOINERS = re.compile(r"^(?:和|、|与|及|以及|，|,)?$")
# Verbs that end the subject of a clause (中央财政|安排资金122亿元; 国务院|提请审议…7件法律议案).
PREDICATE = re.compile(
    r"(?:安排|投入|用于|实现|完成|发放|惠及|覆盖|帮助|带动|吸纳|支持|资助|救助|取消|解决|提请|颁布|启动|支出|"
    r"(?<![自理缘经事])由|(?<![服自])从|增幅|降幅|涨幅|跌幅|减幅|增速|缩短|压缩|缩减|扩大|下滑|上升|升高|上涨|下跌|"
    r"达到|(?<![表到传下送])达|增长|增加|提高|提升|下降|降低|减少|回落|突破|超过|占|(?<![作因行认成以])为|是|"
    r"(?<![国所没具拥享占保现含])有|(?<!公)共(?![享建同识])|累计|合计|总计|分别|"
    r"办理|受理|接待|处理|查处|举办|开展|组织|培训|承办|编发|报送|召开|督办|走访|化解|排查|整改|审核|起草|"
    r"改造|建成|开工|退出|压减|节约|挽回|收到|收文|发文|印发|参加|参与|慰问|新开工|"
    rf"{'|'.join(CHANGE_TO)}"
    r")(?![值率量额度数强])"
)
BASE_PHRASE = re.compile(rf"(?:比|较|与)(?:{ARABIC_YEAR}年(?:底|末)?|“[^”]{{1,8}}”时期|上年|去年|上一年)?"
                         r"(?:同期)?(?:相比)?|相比")  # 与上年的240件相比增长20%: 相比 closes the base phrase
# Verbs that open a clause whose actor is left unsaid (确定…, 设立…, 新开工…).
VERB_FIRST = re.compile(r"确定|设立|资助|免除了?|全部免除了?|提供|补助|建设|新建|改扩建|新增|转|扫除|引进|招收|"
                        r"表彰|认定|创建|培育|推动|加大|出台|制定|修订|下达|拨付|筹集|落实|兑现|减免|退还|退出|启动了?|支持启动了?")
VERB_AFTER = re.compile(r"受益|参保|参加|开始|实现|得以|完成|通过|获得|达到|开工")
HEAD = re.compile("^(?:" + "|".join(fillers.SUBJECT_HEAD) + r"|\s)+")


WINDOW = 80  # how far before a figure its clause, period marks and list items are looked for


def bind(text: str, claims: list[Claim], sentences, p_start: int, section: str | None) -> None:
    """Fill subject, period_kind, scope and status of the claims of one paragraph (in document order)."""
    if not claims:
        return
    head = TARGET_HEAD.search(text, p_start, claims[-1].start)
    target_from = head.start() if head else None  # 主要预期目标是：… lists targets from here on
    group: list[Claim] = []
    for c in claims:
        if group and group[0].sentence != c.sentence:
            _bind_sentence(text, group, sentences, section, target_from)
            group = []
        group.append(c)
    _bind_sentence(text, group, sentences, section, target_from)


CLAUSE_MARK = re.compile("[" + re.escape(ctx.BOUNDARY + "、") + "]")


def _clause_bounds(text: str, lo: int, hi: int) -> list[int]:
    """Start offsets of the clauses of ``text[lo:hi]`` (split at ，；：、 and brackets)."""
    return [lo, *(m.end() for m in CLAUSE_MARK.finditer(text, lo, hi))]


def _bind_sentence(text: str, group: list[Claim], sentences, section: str | None, target_from: int | None) -> None:
    si = group[0].sentence
    s_lo, s_hi = (sentences[si].start, sentences[si].end) if 0 <= si < len(sentences) else (0, len(text))
    starts = _clause_bounds(text, s_lo, s_hi)
    done_here = DONE.search(text, s_lo, s_hi) is not None
    target_here = TARGET_WORDS.search(text, s_lo, s_hi) is not None
    multi = MULTI_SPAN.search(text, s_lo, group[-1].start)
    prev_subject = ""
    prev_end = s_lo
    for c in group:
        cl_lo = starts[bisect.bisect_right(starts, c.start) - 1]
        near = max(s_lo, c.start - WINDOW)
        # status
        if NAMES_TARGET.match(text, c.end, min(s_hi, c.end + 8)):
            c.status = "target"  # 低于13%左右的预期目标: the figure names the target
        elif c.role in ("from", "base") or (ctx.period_key(c.period) == "last"
                                            and text.find(c.period, near, c.start) >= 0):
            c.status = "achieved"
        elif (target_here or (target_from is not None and target_from < c.start)) and not done_here:
            c.status = "target"
        elif section == "plan" and not done_here:
            c.status = "target"
        else:
            c.status = "achieved"
        # period kind and scope
        c.period_kind = period_kind(c.period)
        if c.period_kind == "year" and multi and multi.start() < c.start:
            c.period_kind = "multi"
        if AVERAGE.search(text, max(cl_lo, near), c.start):
            c.scope, c.period_kind = "average", "multi"
        else:
            c.scope = "cumulative" if c.period_kind == "multi" else ""
        # subject: the noun phrase of the clause, else the one of the figure before, else what is counted
        clause = text[max(cl_lo, prev_end, near):c.start]  # never the figure before it in the clause
        own = subject_of(clause)
        if not own and c.role in ("change", "to", "share"):
            own = prev_subject  # 增长5.6% after 实际使用外资1263亿美元
        elif not own and c.role == "value":
            # the actor is left unsaid (确定160个重点帮扶县, 资助困难学生1亿人次)
            own = object_of(clause) or counted_after(text, c, s_hi)
        c.subject = prev_subject = own
        prev_end = c.end
    _bind_fenbie(text, group, s_lo)


def subject_of(clause: str) -> str:
    """The noun phrase a clause opens with: fillers and periods peeled, cut before the predicate verb."""
    s = clause.strip()
    for _ in range(4):
        before = s
        s = HEAD.sub("", s)
        m = ctx.PERIOD.match(s) or MULTI_SPAN.match(s) or BASE_PHRASE.match(s)
        if m:
            s = s[m.end():]
        s = s.lstrip("的，、 ")
        if s == before:
            break
    if VERB_FIRST.match(s):
        return ""
    for m in PREDICATE.finditer(s):
        if m.start() == 0:
            return ""  # the clause opens with its verb: no subject of its own
        if m.start() >= 2:
            s = s[:m.start()]
            break
    frame = ctx.COMPARE.search(s)
    if frame and frame.start() >= 2:
        s = s[:frame.start()]  # 办结率较上年的95.1%: the comparison is the figure's frame, not its subject
    return ctx.FILLER_TAIL.sub("", s).strip("，、 的")


def object_of(clause: str) -> str:
    """The object of a clause that opens with its verb (资助各类学校家庭困难学生 → 各类学校家庭困难学生)."""
    s = HEAD.sub("", clause.strip())
    m = ctx.PERIOD.match(s) or MULTI_SPAN.match(s)
    if m:
        s = HEAD.sub("", s[m.end():])
    m = PREDICATE.match(s) or VERB_FIRST.match(s)
    if not m:
        return ""
    rest = s[m.end():].lstrip("了")
    return "" if PREDICATE.match(rest) else subject_of(rest)


def counted_after(text: str, c: Claim, hi: int) -> str:
    """The noun right after a figure (160个重点帮扶县, 200亿元补贴, 5200万名学生的学杂费)."""
    phrase = ctx.after_phrase(text, c.end, hi).lstrip("的").split("的", 1)[0]
    m = PREDICATE.search(phrase) or VERB_AFTER.search(phrase)
    if m and m.start() >= 1:
        phrase = phrase[:m.start()]
    return phrase.strip("“”")


def _bind_fenbie(text: str, group: list[Claim], s_lo: int) -> None:
    """分别 lists: the k-th figure of each run after 分别 belongs to the k-th item named before it.

    城镇和农村居民收入分别增长5%和6%; 城镇居民收入A元，农村居民收入B元，分别增长C%和D%.
    Each figure is looked at once per 分别 run, so a sentence costs time in proportion to its figures.
    """
    i = 0  # the first figure not yet passed
    pos = s_lo
    while i < len(group):
        q = text.find("分别", pos, group[-1].start)
        if q < 0:
            return
        pos = q + 2
        while i < len(group) and group[i].start <= q:
            i += 1
        if i == len(group):
            return
        first = group[i]
        # a label of its own between 分别 and the figure (分别为来信50件) makes no list
        if q + 2 + WINDOW < first.start or subject_of(BASE_PHRASE.sub("", text[q + 2:first.start])):
            continue
        runs: list[list[Claim]] = [[first]]
        j = i + 1
        while j < len(group):
            gap = text[group[j - 1].end:group[j].start]
            if "分别" in gap:
                break
            if JOINERS.match(gap):
                runs[-1].append(group[j])
            elif re.fullmatch(r"[，,][^，,；;。0-9０-９]{0,16}", gap):
                runs.append([group[j]])  # 分别达到A元和B元，平均每年实际增长C%和D%
            else:
                break
            j += 1
        n = len(runs[0])
        if n < 2 or any(len(r) != n for r in runs):
            continue
        items = _items_before(text, q, s_lo, n, group[max(0, i - 2 * n):i])
        for r in runs if items else []:
            shared = len({c.metric for c in r}) == 1  # one phrase for all: it cannot tell them apart
            for c, item in zip(r, items, strict=True):
                c.subject = item
                if shared:
                    c.metric = item


def _last_boundary(text: str, lo: int, pos: int) -> int:
    """Start of the clause ending at ``pos`` (、 does not end one here: it joins list items)."""
    for k in range(pos - 1, max(lo, pos - WINDOW) - 1, -1):
        if text[k] in ctx.BOUNDARY:
            return k + 1
    return max(lo, pos - WINDOW)


def _items_before(text: str, q: int, s_lo: int, n: int, before: list[Claim]) -> list[str]:
    """The n items a 分别 distributes over: a list 甲和乙 before it, else the n figures before it."""
    lo = _last_boundary(text, s_lo, q)
    seg = subject_of(text[lo:q])
    if not seg and lo > s_lo:  # 甲和乙，2000年分别达到…: the list is the clause before
        lo2 = _last_boundary(text, s_lo, lo - 1)
        if not re.search(r"[0-9０-９]", text[lo2:lo - 1]):
            seg = subject_of(text[lo2:lo - 1])
    parts = [x for x in SPLIT_ITEMS.split(seg) if x]
    if len(parts) == n:
        return _spread(parts)
    if seg:
        return []  # a phrase of its own before 分别, not a list of n
    # the figures before: 城镇居民收入A元，农村居民收入B元，分别增长…
    values = [c for c in before if c.role == "value"]
    chosen = values[-n:]
    if len(chosen) == n and all(c.subject for c in chosen) and len({c.subject for c in chosen}) == n:
        return [c.subject for c in chosen]
    return []


def _spread(parts: list[str]) -> list[str]:
    """城镇、农村居民收入 → 城镇居民收入, 农村居民收入: short heads share the last item's tail."""
    last = parts[-1]
    head = len(parts[0])
    if len(parts[0]) <= 3 and len(last) > head + 1 and all(len(p) <= 3 for p in parts[:-1]):
        tail = last[head:]
        return [p + tail for p in parts[:-1]] + [last]
    return parts


def period_kind(period: str) -> str:
    """year (one year, or unstated), part (上半年, 1—10月, 一季度) or multi (五年来, 十四五时期, 2013年以来)."""
    p = period.strip("“”")
    if not p or p in ctx.THIS_YEAR or p in ctx.LAST_YEAR:
        return "year"
    if MULTI_YEAR.search(p):
        return "multi"
    if PART_OF_YEAR.search(p):
        return "part"
    return "year"
