"""RL5xx: the report's skeleton: ordinals, heading levels, counts, parallel series.

All of them read ``doc.outline`` (stage ``outline``). A series is numbered on
its own: the summary's 一是…六是, the problems' 一是…三是 and the plan's
第一…第六 are three series, and each restarts at one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from pipeline.document import Document, Finding, FixRequest
from pipeline.rules.base import rule, this_rule
from pipeline.structure.counts import listed
from pipeline.structure.labels import FAMILY_NAMES, HEADING_RANK, cn_numeral, make_label

NEEDS = ("segment", "outline")
# Families whose numbers must run 1, 2, 3 … (首先/其次/最后 has no strict numbers).
NUMBERED = ("cn_num", "cn_paren", "arabic", "arabic_paren", "circled", "yishi", "yiyao", "diyi")
RANK_NAMES = {rank: FAMILY_NAMES[f] for f, rank in HEADING_RANK.items()}


def _series(doc: Document):
    if doc.outline is None:
        return []
    return [s for s in doc.outline.series if s.family in NUMBERED]


def _label(it, n: int) -> str:
    return make_label(it.style, n, it.label)


@rule("RL501", "ordinal-gap", "error", needs=NEEDS)
def ordinal_gap(doc: Document) -> Iterator[Finding]:
    """序号跳号或倒序：一是、二是之后直接是四是。

    Okay: 一是加强学习。二是改进作风。三是严守纪律。
    Okay: 存在的不足：一是调研不深；二是督查不力。\\n下步打算：一是深化调研；二是强化督查。
    RL501: 一是加强学习。二是改进作风。四是严守纪律。
    RL501: 一、主要工作\\n二、存在问题\\n四、下步打算
    RL501: 一、主要工作\\n（一）公务用车\\n（二）节能降耗\\n（一）办公用房\\n二、下步打算
    Okay: 一、主要工作\\n（一）公务用车\\n（二）节能降耗\\n二、下步打算\\n（一）办公用房
    """
    r = this_rule(ordinal_gap)
    for a, b in _restarted_heading_runs(doc):
        prev, it = a.items[-1], b.items[0]
        right = _label(it, prev.number + 1)
        yield r.finding(
            it.start, it.end,
            f"序号倒序：同一级前面已排到“{prev.label}”，此处又从“{it.label}”开始",
            suggestion=f"改为“{right}”并顺延后续序号",
            related=[prev.start],
        )
    for s in _series(doc):
        for k in range(1, len(s.items)):
            prev, it = s.items[k - 1], s.items[k]
            if it.number > prev.number + 1 and not _gap_after_duplicate(s.items, k):
                missing = "、".join(f"“{_label(it, n)}”" for n in range(prev.number + 1, it.number))
                yield r.finding(
                    it.start, it.end,
                    f"序号不连续：“{prev.label}”之后是“{it.label}”，缺少{missing}",
                    suggestion=f"核对是否漏写了一项；如无遗漏，将“{it.label}”改为"
                               f"“{_label(it, prev.number + 1)}”并顺延后续序号",
                    related=[prev.start],
                )
            elif 1 < it.number < prev.number and not (
                    it.number == 2 and _first_in_other_words(doc, prev.end, it.start)):
                yield r.finding(
                    it.start, it.end,
                    f"序号倒序：“{prev.label}”之后是“{it.label}”",
                    suggestion=f"改为“{_label(it, prev.number + 1)}”",
                    replacement=_label(it, prev.number + 1),
                    related=[prev.start],
                )


def _heading_runs(doc: Document) -> list[list]:
    """Runs of standalone headings (not clause ordinals) grouped by parent, family and part, in text order."""
    groups: dict[tuple, list] = {}
    for s in doc.outline.series if doc.outline is not None else []:
        first = s.items[0]
        if first.family in HEADING_RANK and not first.inline:
            groups.setdefault((id(s.parent), s.family, first.part), []).append(s)
    return [sorted(runs, key=lambda s: s.items[0].start) for runs in groups.values()]


def _restarted_heading_runs(doc: Document) -> list[tuple]:
    """(run, the run after it) where one heading level starts again at 一 under the same parent and section:
    （一）（二）then（一）again. A run that goes on after the restart makes it an inner list (RL504)."""
    out = []
    for runs in _heading_runs(doc):
        for a, b in zip(runs, runs[1:], strict=False):
            if b.items[0].number != 1 or len(a.items) < 2 or a.items[-1].start > b.items[0].start:
                continue
            if b.parent is None:
                continue  # top-level lists may restart in a long text whose parts carry no numbers
            if a.items[-1].section != b.items[0].section:
                continue
            if any(it.start > b.items[0].start for s in runs if s is not b for it in s.items):
                continue  # an earlier run goes on after this one: an inner list, RL504's
            out.append((a, b))
    return out


def _inner_runs(doc: Document) -> list[tuple]:
    """(run, inner run) where a run of the same family starts again at 一 and the first run then goes on:
    一、…（二）…一、二、…二、: the inner list borrowed the upper level's labels."""
    out = []
    for runs in _heading_runs(doc):
        for a in runs:
            for b in runs:
                if b is a or b.items[0].number != 1 or not a.items[0].start < b.items[0].start:
                    continue
                # 一、 … 一、二、 … 二、: the outer run goes on after the inner one began
                if any(it.start > b.items[0].start for it in a.items):
                    out.append((a, b))
                    break
    return out


def _gap_after_duplicate(items: list, k: int) -> bool:
    """二 二 四 (k at 四): the gap is the duplicate's doing; RL502 on the second 二 says 改为三是."""
    return k >= 2 and items[k - 1].number == items[k - 2].number and items[k].number == items[k - 1].number + 2


def _duplicate_after_gap(items: list, k: int) -> bool:
    """一 三 三 (k at the second 三): the duplicate is the gap's doing; RL501 on the first 三 says 改为二是."""
    return k >= 2 and items[k].number == items[k - 1].number and items[k - 1].number == items[k - 2].number + 2


@rule("RL502", "ordinal-duplicate", "error", needs=NEEDS)
def ordinal_duplicate(doc: Document) -> Iterator[Finding]:
    """同一组序号重复：两处都是二是、两个（三）。

    Okay: 一是加强学习。二是改进作风。三是严守纪律。
    RL502: 一是加强学习。二是改进作风。二是严守纪律。
    RL502: （一）统筹协调\\n（二）督查督办\\n（二）服务保障\\n（三）队伍建设
    RL502: 首先，完善准入机制；其次，加强队伍培训；其次，推动平台建设。
    Okay: 首先，完善准入机制；其次，加强队伍培训；再次，推动平台建设；最后，健全考核办法。
    """
    r = this_rule(ordinal_duplicate)
    for s in doc.outline.series if doc.outline is not None else []:
        if s.family != "shouxian":
            continue
        for prev, it in zip(s.items, s.items[1:], strict=False):
            if it.number == prev.number and it.number in (2, 3) and it.paragraph == prev.paragraph:
                yield r.finding(
                    it.start, it.end,
                    f"序号重复：前面已有“{prev.label}”，此处又是“{it.label}”",
                    suggestion="改为“再次”" if it.number == 2 else "改为“最后”或调整顺序",
                    related=[prev.start],
                )
    for s in _series(doc):
        for k in range(1, len(s.items)):
            prev, it = s.items[k - 1], s.items[k]
            if it.number == prev.number and not _duplicate_after_gap(s.items, k):
                right = _label(it, it.number + 1)
                rest = s.items[k + 1:]
                shift = "并顺延后续序号" if rest and rest[0].number == it.number + 1 else ""
                yield r.finding(
                    it.start, it.end,
                    f"序号重复：前面已有“{prev.label}”，此处又是“{it.label}”",
                    suggestion=f"改为“{right}”{shift}",
                    replacement=None if shift else right,
                    related=[prev.start],
                )


# The first of a run written in other words: 首先要…二是…, 第一步，…第二，…, 其一…其二.
FIRST_IN_WORDS = re.compile(r"(?:^|(?<=[。；;：:，,！？\s]))(?:首先|其一|一方面|第一步|第一条|第一项|第一点|第一件)")


def _first_in_other_words(doc: Document, lo: int, hi: int) -> bool:
    """Is the first item of a run that goes on with 第二/二是 written in other words between ``lo`` and ``hi``?"""
    return FIRST_IN_WORDS.search(doc.text, lo, hi) is not None


def _lead_in(doc: Document, item) -> int:
    """Where the text that may hold the run's first item begins: its paragraph, or the one before."""
    p = doc.paragraphs[item.paragraph]
    if item.start > p.start + 1 or item.paragraph == 0:
        return p.start
    return doc.paragraphs[item.paragraph - 1].start


@rule("RL503", "ordinal-start", "warning", needs=NEEDS)
def ordinal_start(doc: Document) -> Iterator[Finding]:
    """一组序号没有从“一”开始：二是、三是之前没有一是。

    Okay: 一是加强学习。二是改进作风。
    Okay: 首先要增加对农业的投入。二是保护和合理使用耕地。三是搞好农业综合开发。
    RL503: 工作中，二是加强学习，三是改进作风。
    """
    r = this_rule(ordinal_start)
    # Only compact runs (items in one paragraph or in adjacent ones): in a long text a run that
    # seems to start at 二 is more often a parse that lost its head than a writer's slip.
    for s in _series(doc):
        first = s.items[0]
        if first.number > 1 and len(s.items) >= 2 and s.items[1].paragraph - first.paragraph <= 1 \
                and not (first.number == 2 and _first_in_other_words(doc, _lead_in(doc, first), first.start)):
            yield r.finding(
                first.start, first.end,
                f"序号没有从头开始：这一组的第一项是“{first.label}”",
                suggestion=f"核对前面是否漏了一项；如无遗漏，改为“{_label(first, 1)}”并顺延后续序号",
            )


@rule("RL504", "heading-level", "warning", needs=NEEDS)
def heading_level(doc: Document) -> Iterator[Finding]:
    """标题层级颠倒或跳级：（一）之下用一、，或一、之下直接用1.（本文别处用了（一））。

    A text that nests the two levels the other way round throughout (older reports set
    their parts as （一）…（八） with 一、 lists inside) follows a scheme of its own: a hint.
    Each appendix (附件, 名词解释) is judged on its own.

    Okay: 一、主要工作\\n（一）参谋辅政\\n1. 文稿起草\\n（1）综合文稿
    Okay: 一、主要工作\\n1. 文稿起草\\n2. 信息报送
    RL504: （一）主要工作\\n一、参谋辅政\\n二、督查落实
    RL504: 一、主要工作\\n（一）参谋辅政\\n1. 文稿起草\\n二、下步打算\\n1. 深化调研\\n2. 强化督查
    RL504: 一、主要工作\\n1. 文稿起草\\n（一）综合文稿\\n（二）领导讲话\\n2. 信息报送
    RL504: 一、主要做法\\n（一）织密网格\\n（二）多元共治\\n一、培育社会组织\\n二、引导群众参与\\n二、取得成效
    """
    r = this_rule(heading_level)
    if doc.outline is None:
        return
    for a, b in _inner_runs(doc):
        first = b.items[0]
        host = max((it for it in doc.outline.items if it.start < first.start and it.rank is not None
                    and not it.inline and it.part == first.part), key=lambda it: it.start, default=None)
        if host is None or first.rank is None or host.rank <= first.rank:
            continue
        if not any(_under(host, it) for it in a.items):
            continue  # the heading above is no child of the outer run: a text with its own (older) scheme
        if first.paragraph != host.paragraph + 1:
            continue  # text between them: the list may continue the outer level after a lead-in (older reports)
        yield r.finding(
            first.start, first.end,
            f"标题层级颠倒：“{host.label}”之下又用了上一级的“{first.label}”序号，"
            f"而后面的“{FAMILY_NAMES[first.family]}”一级接着前面编号；通常的顺序是 一、 >（一）> 1. >（1）",
            suggestion=f"改用“{host.label}”下一级的序号，如“{_rank_label(host.rank + 1, 1)}”",
            related=[host.start],
        )
    used: dict[int, set[int]] = {}
    own_scheme: dict[tuple[str, str, int], bool] = {}
    for it in doc.outline.items:
        if it.rank is not None:
            used.setdefault(it.part, set()).add(it.rank)
    for s in doc.outline.series:
        first = s.items[0]
        parent = s.parent
        if first.rank is None or parent is None or parent.rank is None:
            continue
        if first.rank < parent.rank:
            key = (parent.family, first.family, first.part)
            if key not in own_scheme:
                own_scheme[key] = _own_inverted_scheme(doc, *key)
            own = own_scheme[key]
            yield r.finding(
                first.start, first.end,
                f"标题层级颠倒：“{first.label}”一级排在“{parent.label}”一级之下；"
                f"通常的顺序是 一、 >（一）> 1. >（1）" + ("（本文通篇如此，是否沿用旧式层级？）" if own else ""),
                suggestion=f"将“{parent.label}”与“{first.label}”两级序号互换",
                related=[parent.start],
                severity="info" if own else None,
            )
        elif first.rank > parent.rank + 1:
            skipped = [k for k in range(parent.rank + 1, first.rank) if k in used.get(first.part, set())]
            if not skipped:
                continue  # the document never uses the level in between: its own, consistent scheme
            names = "、".join(f"“{RANK_NAMES[k]}”" for k in skipped)
            want = skipped[0]
            yield r.finding(
                first.start, first.end,
                f"标题层级跳级：“{parent.label}”之下直接用“{first.label}”，跳过了{names}一级（本文其他部分使用了这一级）",
                suggestion=f"改用{RANK_NAMES[want]}这一级的序号，如“{_rank_label(want, 1)}”，与全文层级一致",
                related=[parent.start],
            )


def _under(item, ancestor) -> bool:
    anc = item.parent
    while anc is not None:
        if anc is ancestor:
            return True
        anc = anc.parent
    return False


def _own_inverted_scheme(doc: Document, upper: str, lower: str, part: int) -> bool:
    """Does the whole text (body or one appendix) nest ``lower`` under ``upper``, never the other way?

    Older reports set their parts as （一）…（八） with 一、二、 lists inside them; a text
    consistent in that scheme follows a convention of its own, while a draft that nests
    both ways (or also puts ``lower`` at the top) has slipped.
    """
    if (upper, lower) != ("cn_paren", "cn_num"):
        return False  # only that older convention is known; 1. above （一） is no scheme of anyone's
    for it in doc.outline.items:
        if it.part != part:
            continue
        if it.family == lower and it.parent is None:
            return False
        if it.family == lower and it.parent.rank is not None and it.parent.rank < HEADING_RANK.get(lower, 9) \
                and it.parent.family != upper:
            return False  # elsewhere the text nests this level the usual way (（一） right under 一、)
        if it.family == upper:
            anc = it.parent
            while anc is not None:
                if anc.family == lower:
                    return False
                anc = anc.parent
    return True


def _rank_label(rank: int, n: int) -> str:
    return {0: f"{cn_numeral(n)}、", 1: f"（{cn_numeral(n)}）", 2: f"{n}.", 3: f"（{n}）", 4: "①"}[rank]


STYLE_SHAPE = {
    "cn_dun": "一、", "cn_dot": "一．", "cn_paren": "（一）", "cn_paren_half": "(一)", "arabic_dot": "1.",
    "arabic_fullstop": "1．", "arabic_dun": "1、", "arabic_paren": "（1）", "arabic_paren_half": "(1)",
}


@rule("RL505", "mixed-label-style", "warning", needs=NEEDS)
def mixed_label_style(doc: Document) -> Iterator[Finding]:
    """同一级序号格式不统一：1、与1.混用，（一）与(一)混用。

    Okay: 1. 文稿起草\\n2. 信息报送\\n3. 会务服务
    RL505: 1. 文稿起草\\n2、信息报送\\n3. 会务服务
    """
    r = this_rule(mixed_label_style)
    if doc.outline is None:
        return
    by_family: dict[tuple[int, str], list] = {}
    for it in doc.outline.items:
        if it.style in STYLE_SHAPE:
            by_family.setdefault((it.part, it.family), []).append(it)  # an appendix may keep its own style
    for items in by_family.values():
        counts = Counter(it.style for it in items)
        if len(counts) < 2:
            continue
        major, _ = max(counts.items(), key=lambda kv: (kv[1], -min(i.start for i in items if i.style == kv[0])))
        seen_series = set()
        for it in items:
            if it.style == major or id(it.series) in seen_series:
                continue
            seen_series.add(id(it.series))
            right = make_label(major, it.number, STYLE_SHAPE[major])
            yield r.finding(
                it.start, it.end,
                f"同一级序号格式不统一：此处用“{STYLE_SHAPE[it.style]}”式，本文同级多用“{STYLE_SHAPE[major]}”式",
                suggestion=f"改为“{right}”，全文同级序号统一格式",
                replacement=right,
            )


@rule("RL506", "count-mismatch", "error", needs=NEEDS)
def count_mismatch(doc: Document) -> Iterator[Finding]:
    """说几个方面，实际列出的项数不符：以下五个方面后只有四项，做到“四个到位”只列了三个。

    Okay: 重点抓好以下三个方面。\\n一是深化调研。\\n二是强化督查。\\n三是优化服务。
    Okay: 牢固树立“四个意识”，坚定“四个自信”。
    Okay: 坚持“三服务”，即服务领导、服务基层、服务群众。
    RL506: 重点抓好以下三个方面。\\n一是深化调研。\\n二是强化督查。
    RL506: 做到“四个到位”，即思想认识到位、工作措施到位、责任落实到位。
    """
    r = this_rule(count_mismatch)
    if doc.outline is None:
        return
    for c in doc.outline.counts:
        if c.found is None or c.found == c.claimed or c.found < 2:
            continue
        claim = doc.text[c.start:c.end]
        if c.kind == "items" and c.series is not None:
            items = listed(c.series.items[0])
            top = max(it.number for it in items)
            if top == c.claimed:
                continue  # the labels reach the count: a gap or duplicate, reported by RL501/RL502
            labels = "、".join(it.label.rstrip("，,：:") for it in items)
            yield r.finding(
                c.start, c.end,
                f"数量与所列不符：“{claim}”说{_cn(c.claimed)}个，下文实际列出{_cn(c.found)}项（{labels}）",
                suggestion=f"补齐缺少的内容，或将“{claim}”中的“{_cn(c.claimed)}”改为“{_cn(c.found)}”",
                related=[c.series.items[0].start],
            )
        elif c.kind == "quoted":
            yield r.finding(
                c.start, c.end,
                f"数量与所列不符：{claim}说{_cn(c.claimed)}个，其后实际列出{_cn(c.found)}个“{c.keyword}”",
                suggestion=f"补齐缺少的一项，或将{claim}改为“{_cn(c.found)}{'个' if '个' in claim else ''}{c.keyword}”",
            )


def _cn(n: int) -> str:
    return "两" if n == 2 else cn_numeral(n)


@rule("RL507", "parallel-deviation", "warning", needs=NEEDS)
def parallel_deviation(doc: Document) -> Iterator[Finding]:
    """并列各项中有一项不合其他各项共有的句式（字数或固定词）。

    Office reports carry their achievements and plans under short parallel headings (一是参谋辅政
    更到位。二是…), and readers expect every item of a series to share one frame: the same fixed
    words in the same places and, where the frame has fixed-length slots, the same number of
    characters in each slot. When three or more items share a frame and one breaks it, the odd one
    is reported with the frame the others follow; quotation and book-title marks do not count as
    slot characters. `report-lint suggest` proposes a rewrite that keeps the frame.

    Okay: 一是参谋辅政更到位。\\n二是督查落实更有力。\\n三是综合协调更高效。\\n四是服务保障更精细。
    Okay: 一是加强学习。\\n二是改进作风和方法。\\n三是严守纪律规矩。\\n四是提升能力。
    RL507: 一是参谋辅政更到位。\\n二是督查落实更有力。\\n三是综合协调更高效。\\n四是行业稳定工作更扎实。
    RL507: 第一，在参谋辅政上求突破。第二，在督查落实上求突破。第三，在综合协调上求突破。第四，在队伍建设上下功夫。
    Okay: 第一，在参谋辅政上求突破。第二，在督查落实上出实招。第三，在综合协调上见实效。第四，在队伍建设上下功夫。
    RL507: （一）在“准”字上下功夫\\n（二）在“实”字上下功夫\\n（三）在“严”字上下功夫\\n（四）在“快”上面花了很大的力气
    Okay: （一）在“准”字上下功夫\\n（二）在“实”字上下功夫\\n（三）在“严”字上下功夫\\n（四）在“快”字上下功夫
    """
    r = this_rule(parallel_deviation)
    if doc.outline is None:
        return
    for s in doc.outline.series:
        dev = s.deviation
        if dev is None:
            continue
        it = s.items[dev.index]
        frame = dev.frame
        text = s.frame_text(it)
        if dev.how == "length":
            detail = f"此项为“{frame.describe(text)}”"
        else:
            missing = "”“".join(lit for lit in frame.literals if lit.strip("，,、 "))
            detail = f"此项没有其他各项共有的“{missing}”"
        others = [o for o in s.items if o is not it and o.section == it.section][:2]
        sample = "、".join(f"“{s.frame_text(o)}”" for o in others)
        yield r.finding(
            it.heading_start, it.heading_start + len(text),
            f"并列各项句式不一致：其他各项都是“{frame.pattern}”（[n]表示n个字），{detail}",
            suggestion=f"按“{frame.pattern}”的句式改写此项标题（如{sample}），使各项整齐",
            related=[o.start for o in others],
            request=FixRequest("rewrite", template="改为“{}”", series=s, item=it, frame=frame),
        )


# After （一）, （1）, 1. and ① no further mark follows (GB/T 9704: 一、 （一） 1. （1）).
CLOSED_LABELS = ("cn_paren", "cn_paren_half", "arabic_paren", "arabic_paren_half", "arabic_dot", "arabic_fullstop",
                 "circled")
EXTRA_MARK = re.compile(r"[、，,．.]")


@rule("RL508", "label-punctuation", "warning", needs=NEEDS)
def label_punctuation(doc: Document) -> Iterator[Finding]:
    """序号的标点不对：（一）、多了顿号，一信访工作…少了顿号（应为 一、 （一） 1. （1））。

    Okay: 一、主要工作\\n（一）参谋辅政\\n1. 文稿起草\\n（1）综合文稿
    Okay: 一、主要工作\\n一年来，办公室围绕中心、服务大局。\\n二、存在问题
    RL508: 一、主要工作\\n（一）、参谋辅政\\n（二）、督查落实
    RL508: 一信访工作扎实有效\\n二、维护稳定有力\\n三、下步打算
    """
    r = this_rule(label_punctuation)
    if doc.outline is None:
        return
    for it in doc.outline.items:
        if it.style == "cn_bare":
            right = f"{it.label}、"
            like = _label(_sibling(it), it.number)
            yield r.finding(it.start, it.end, f"序号“{it.label}”后缺少顿号：同组其他各项是“{like}”式",
                            suggestion=f"改为“{right}”", replacement=right)
        elif it.style in CLOSED_LABELS and not it.inline:
            m = EXTRA_MARK.match(doc.text, it.end)
            if m is not None:
                yield r.finding(it.start, m.end(), f"序号标点重复：“{it.label}{m.group()}”，“{it.label}”之后不再加标点",
                                suggestion=f"改为“{it.label}”", replacement=it.label)


def _sibling(it):
    """A sibling written the usual way (for the message), or the item itself."""
    if it.series is not None:
        return next((o for o in it.series.items if o.style != it.style), it)
    return it
