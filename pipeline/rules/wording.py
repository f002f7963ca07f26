"""RL4xx: wording slips — 的/地/得 in the common patterns, accidental repeats.

的 joins an attribute to a noun, 地 an adverbial to a verb, 得 a verb to its
complement (认真的态度 / 认真地做好 / 推进得不够到位). Fixed words keep their
own character (目的, 实地, 属地, 心得, 取得). The checks fire only where the
evidence is plain: a word that is usually adverbial, then 的, then a word that
jieba's dictionary tags as a verb with something verbal after it. The tags are
looked up only for the clause of a textual candidate that plain tokens have
not already ruled out.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from pipeline.document import Document, Finding, Paragraph, Token
from pipeline.rules.base import rule, this_rule
from pipeline.vocab.numerals import LABEL_DIGITS

# Words that office prose uses as adverbials before a verb (认真地做好, 较好地服务于).
ADVERBIAL = (
    "认真 积极 主动 扎实 深入 全面 有效 切实 稳步 充分 及时 妥善 严格 较好 很好 更好 高效 有序 "
    "科学 合理 广泛 大力 持续 精心 细致 热情 耐心 坚决 迅速 顺利 圆满 高质量 创造性 规范 努力 "
    "密切 全力 集中 依法 统筹 积极主动 主动积极 认真细致 扎实有效 有力 有条不紊 按时 按期 如期 "
    "逐步 全方位 多渠道 有针对性 有计划 有组织 有步骤 有重点 高标准 快速 尽快 准确 精准 周密 "
    "不折不扣 大胆 灵活 客观 深刻 自觉 彻底 坚定 牢固 稳妥 真正 一丝不苟 实事求是 务实 高度 "
    "紧紧 牢牢 深深 更加有效 更加扎实 系统 全力以赴 创造性 耐心细致 认真负责 严肃 慎重 果断 "
    "不断 反复 逐项 逐条 全程 明显 显著 大幅 逐渐 逐年 平稳 健康 快速 主动积极 认真仔细 "
    "深入细致 扎实稳妥 积极稳妥 尽职尽责 加快 全面系统 默默 悄悄 热心 用心 细心 虚心 稳定 稳健 清醒 "
    "扎实有序 积极有效 高效有序 精准有效 全面深入 足额 全额"
).split()
ADVERBIAL = list(dict.fromkeys(ADVERBIAL))
# 扎扎实实 / 认认真真: AABB reduplicated adjectives are adverbial before a verb.
AABB = r"(?:([\u4e00-\u9fff])\1([\u4e00-\u9fff])\2)"
ADVERBIAL_SET = set(ADVERBIAL)
ADVERBIAL_LENGTHS = sorted({len(w) for w in ADVERBIAL}, reverse=True)
AABB_RE = re.compile(AABB + "$")


def di_candidates(text: str) -> list[tuple[int, int]]:
    """(adverb start, offset of 的) for every "ADVERB的" followed by a Chinese character.

    A scan for 的 and set lookups behind it: one regular expression with a
    hundred alternatives is several times slower over a long report.
    """
    out = []
    for m in DE_CHAR.finditer(text):
        i = m.start()
        if i + 1 >= len(text) or not "\u4e00" <= text[i + 1] <= "\u9fff":
            continue
        for n in ADVERBIAL_LENGTHS:
            if i >= n and text[i - n:i] in ADVERBIAL_SET:
                out.append((i - n, i))
                break
        else:
            if i >= 4 and AABB_RE.match(text[i - 4:i]):
                out.append((i - 4, i))
            elif i >= 4 and text[i - 4:i - 2] in ADVERBIAL_SET and text[i - 2:i] in ADVERBIAL_SET:
                out.append((i - 4, i))  # 及时足额的发放: two adverbials side by side
            elif i >= 3 and text[i - 1] in "性化" and all("\u4e00" <= ch <= "\u9fff" for ch in text[i - 3:i]):
                out.append((i - 3, i))  # 经常性的听取, 常态化的开展: a -性/-化 word used as an adverbial
    return out


DE_CHAR = re.compile("的")

# Verbs that begin the predicate in office prose; jieba sometimes tags these
# as nouns when it glues them to their object (开展调研 → n, 贯彻落实 → i).
# Verbs that double as nouns (研究, 协调, 部署, 宣传) are left out: 慎重的研究 is a noun phrase.
STRONG_VERBS = (
    "做好 抓好 抓实 搞好 办好 完成 开展 推进 推动 落实 贯彻 解决 处理 服务于 梳理 承担 履行 执行 "
    "配合 参与 维护 化解 回应 办理 接待 做到 实现 发挥 把握 掌握 运用 防范 查处 督促 融入 投入 "
    "应对 破解 完善 加强 加快 压实 筑牢 守住 抓住 用好 管好 带好 建好 对接 走访 收集 整理 起草 审核 "
    "核实 排查 调处 协助 参加 解答 回复 答复 提高 提升 增强 改善 完成好 落实好 推进了 开展了 服务好 "
    "听取 征求 召开 看望 慰问 推行 查找 整治 研判"
).split()
# A verb of these that ends its clause may still be a noun (明显的提升。); these cannot (认真的做好。).
RESULTATIVE = set("做好 抓好 抓实 压实 搞好 办好 用好 管好 带好 建好 筑牢 守住 抓住 落实好 完成好 服务好 做到".split())
# What follows a verb used as a verb: an aspect particle, a result complement, 于.
# A directional complement too: 快速的成长起来, 积极的行动起来.
VERBAL_NEXT = set("于 了 着 过 好 到 起 出 完 给 在 成 实 住 牢 起来 下来 下去 出来 上来 到位".split())
# First characters of an object that cannot be a compound's head: 各项, 每一, 这些, 一批.
OBJECT_START = tuple("各每这那一该全所其")
# Nouns that make "推动作用", "服务态度" a noun phrase after 的.
NOMINAL_HEADS = set(
    "作用 意义 态度 精神 氛围 局面 效果 成效 机制 体系 能力 水平 方式 方法 措施 模式 格局 态势 力量 "
    "环境 作风 举措 行动 过程 阶段 姿态 面貌 工作 体制 制度 理念 思路 意识 责任 保障 热情 状态 质量 "
    "效率 效能 基础 条件 关系 格调 品质 特色 原则 要求 目标 任务 成果 经验 做法 政策 方案 战略 秩序 "
    "计划 规划 工程 项目 平台 渠道 网络 队伍 速度 步伐 规模 趋势 势头 下 中 上 里 之下 方面 之中".split()
)
DEGREE = set("更加 更 很 非常 十分 比较 较为 最 极其 特别 尤其 越来越".split())
# Before the adverb, these make the whole phrase a noun phrase: 进行了认真的研究, 经过认真的梳理.
NOMINALISERS = set("进行 开展 经过 通过 作出 做出 给予 给 加以 予以 得到 受到 获得 实现 有 作 做 以 采取 展开 "
                   "是 为 作为 赢得 取得 形成 体现 表现 产生 引起 带来 保持 提供 迎来 出现 发生 呈现 "
                   "促进 推动 推进 实施 完成 迎接 见到 看到 作了 做了 有了".split())
DEMONSTRATIVES = set("这 那 这种 那种 一种 这样 那样 如此 其 此 该 这些 那些 种".split())
CLAUSE_END = "，。；：！？、,;:!?）)”’\n"


# Before the adverb, these put "ADV的V" in predicate position (能够认真的学习业务知识, 都积极的参与):
# a modal or an adverb of time or scope heads a verb phrase, never a noun phrase.
PREDICATE_LEAD = set("能够 能 要 应 应当 应该 必须 需要 需 将 会 可以 得以 都 均 也 还 就 正在 一直 始终 已经 已 "
                     "再 仍 仍然 依然 继续 不断".split())


def _lead_before(doc: Document, start: int) -> bool:
    """Does a modal or a time/scope adverb end right at ``start`` (能够|认真的学习)?"""
    toks = doc.tokens_in(max(0, start - 4), start)
    return bool(toks) and toks[-1].end == start and toks[-1].text in PREDICATE_LEAD


def _attributive_context(tokens: list[Token], i: int) -> bool:
    """Does what comes before the adverb at ``i`` make "ADJ的V" a noun phrase (进行了认真的研究)?"""
    j = i - 1
    while j >= 0 and tokens[j].text in DEGREE:
        j -= 1
    if j < 0:
        return False
    prev = tokens[j]
    if prev.text in ("了", "过"):
        return True  # 实现了显著的增长: the phrase is the object of a finished verb
    return prev.text in NOMINALISERS or prev.text in DEMONSTRATIVES or prev.pos in ("m", "q", "uj")


def _verbal(tokens: list[Token], k: int) -> bool:
    """Is the word at ``k`` (right after 的) used as a verb here?

    A verb after 的 is often the first half of a compound noun (积极的就业政策,
    合理的收入分配制度), so a plain verb counts only with verbal company after it:
    an aspect particle or complement (服务于, 处理了), or an object that begins
    with a determiner (推进各项工作). Strong action verbs (做好, 开展, 梳理) need
    only not to be followed by a noun head (推动作用).
    """
    t = tokens[k]
    nxt = tokens[k + 1] if k + 1 < len(tokens) else None
    if nxt is not None and nxt.text in NOMINAL_HEADS:
        return False
    if len(t.text) >= 2 and t.text.startswith(tuple(STRONG_VERBS)):
        if nxt is None or nxt.text[:1] in CLAUSE_END:
            return t.text in RESULTATIVE or t.text.endswith("了")
        return nxt.text not in ("的", "之")
    if t.pos.startswith("v") and nxt is not None:
        return nxt.text in VERBAL_NEXT or (nxt.text.startswith(OBJECT_START) and nxt.pos in ("r", "m"))
    return False


def _cheap_candidate(doc: Document, de: int) -> bool:
    """The same test on plain tokens, to skip part-of-speech tagging where it cannot fire."""
    toks = doc.tokens_in(de, de + 12)
    if len(toks) < 2 or toks[0].start != de or toks[0].text != "的":
        return False
    t, nxt = toks[1], (toks[2] if len(toks) > 2 else None)
    if len(t.text) >= 2 and t.text.startswith(tuple(STRONG_VERBS)) or t.text in COVERB:
        return True
    return nxt is not None and (nxt.text in VERBAL_NEXT or nxt.text.startswith(OBJECT_START))


CLAUSE_BREAK = re.compile(r"[，。；：！？,;:!?]")


def _clause_tokens(doc: Document, p: Paragraph, offset: int, cache: dict) -> list[Token]:
    """The document's tokens of the clause around ``offset``, with dictionary part-of-speech tags.

    Every cue these rules read lies inside one clause and is a dictionary word
    (adverbs, verbs, particles), so the clause's own tokens are tagged from
    jieba's dictionary (``segment.tag_tokens``): no second segmentation and no
    import of jieba.posseg, whose start-up alone costs about as much as jieba's.
    """
    i = offset - p.start
    breaks = cache.get(("breaks", p.index))
    if breaks is None:  # clause ends of the paragraph, found once: a bisect per candidate keeps it linear
        breaks = cache[("breaks", p.index)] = [m.end() for m in CLAUSE_BREAK.finditer(p.text)]
    b = bisect.bisect_right(breaks, i)
    lo = breaks[b - 1] if b > 0 else 0
    hi = breaks[b] if b < len(breaks) else len(p.text)
    key = p.start + lo
    if key not in cache:
        from pipeline.segment import tag_tokens

        cache[key] = tag_tokens(doc.tokens_in(key, p.start + hi))
    return cache[key]


def _token_index(tokens: list[Token], offset: int) -> int | None:
    i = _first_at(tokens, offset)
    return i if i < len(tokens) and tokens[i].start == offset else None


def _particles(doc: Document, pattern: re.Pattern[str], char: str, cache: dict,
               ) -> Iterator[tuple[int, list[Token], int]]:
    """(offset, the clause's tokens, index) for every match of ``pattern`` whose first character is the
    particle ``char`` standing as its own token (not 的 of 的确 nor 地 of 各地)."""
    for p in doc.paragraphs:
        for m in pattern.finditer(p.text):
            at = p.start + m.start()
            tokens = _clause_tokens(doc, p, at, cache)
            k = _token_index(tokens, at)
            if k is not None and k > 0 and tokens[k].text == char:
                yield at, tokens, k


def _first_at(tokens: list[Token], offset: int) -> int:
    """Index of the first token starting at or after ``offset`` (tokens are in text order)."""
    return bisect.bisect_left(tokens, offset, key=lambda t: t.start)


@rule("RL401", "de-for-di", "warning", fix="safe")
def de_for_di(doc: Document) -> Iterator[Finding]:
    """状语后接动词应用“地”，不用“的”（认真地做好、较好地服务于）。

    Okay: 以认真的态度对待每一件来信。
    Okay: 经过认真的梳理，形成问题清单。
    Okay: 进行了认真的研究。
    Okay: 发挥了积极的推动作用。
    Okay: 有计划、有组织地开展了调研活动。
    Okay: 为开展工作提供了高效的服务。
    RL401: 高质量起草综合文字材料，较好的服务于领导决策。
    RL401: 对历年会议纪要认真的核对各类台账。
    RL401: 各科室扎扎实实的推进各项工作。
    RL401: 各股室积极的抓好安全生产检查。
    RL401: 服务水平明显的提高了。
    RL401: 坚持经常性的听取基层意见。
    RL401: 常态化的开展安全隐患排查。
    RL401: 干部职工能够认真的学习业务知识。
    RL401: 年轻干部快速的成长起来。
    RL401: 认真的把问题梳理清楚。
    RL401: 各项待遇及时足额的发放到位。
    RL401: 要一步一个脚印的把各项工作做实做细。
    RL401: 水质稳定的保持在三类以上。
    Okay: 要牢牢把握正确方向。
    RL401: 全县重点项目建设有序的推进。
    Okay: 这项成绩得益于各部门积极的配合。
    Okay: 离不开有关单位有效的落实。
    Okay: 要把积极的就业政策落到实处。
    Okay: 力求保持积极而又稳妥的发展速度。
    Okay: 取得了阶段性的成果。
    Okay: 体现了前瞻性的规划理念。
    Okay: 群众满意度有了明显的提升。
    Okay: 迎来显著的改善。
    Okay: 抓好政策有效的落实。
    """
    r = this_rule(de_for_di)
    cache: dict = {}
    for p in doc.paragraphs:
        for adv_at, de_at in di_candidates(p.text):
            de = p.start + de_at
            lead = _lead_before(doc, p.start + adv_at)
            if not _cheap_candidate(doc, de) and not lead:
                continue
            tokens = _clause_tokens(doc, p, de, cache)
            k = _token_index(tokens, de)
            if k is None or tokens[k].text != "的" or k + 1 >= len(tokens):
                continue  # 的 glued into a word (的确, 目的): not a particle here
            adv_start = p.start + adv_at
            if not _whole_words(doc, adv_start, de):
                continue  # the adverb is part of a longer word (社会科学的研究)
            first = min(_first_at(tokens, adv_start), k)
            if _attributive_context(tokens, first):
                continue
            if tokens[k + 1].text in COVERB and tokens[k + 1].pos == "p" and k + 2 < len(tokens) \
                    and tokens[k + 2].text[:1] not in CLAUSE_END:
                pass  # 认真的把问题梳理清楚: the adverbial heads a 把/将 phrase, always a verb phrase
            elif not _verbal(tokens, k + 1) and not (
                    lead and tokens[k + 1].pos.startswith("v")
                    and k + 2 < len(tokens) and tokens[k + 2].text[:1] not in CLAUSE_END
                    and tokens[k + 2].text not in NOMINAL_HEADS) and not _predicate_after_subject(tokens, first, k):
                continue
            adv = doc.text[adv_start:de]
            paired = len(adv) == 4 and adv[:2] in ADVERBIAL_SET and adv[2:] in ADVERBIAL_SET
            if adv not in ADVERBIAL_SET and not AABB_RE.match(adv) and not paired \
                    and not _suffix_adverbial(tokens, first, k):
                continue
            verb = tokens[k + 1].text
            nxt = tokens[k + 2].text if k + 2 < len(tokens) and len(verb) < 3 else ""
            shown = f"{adv}的{verb}{nxt if nxt in ('于',) else ''}"
            fixed = shown.replace("的", "地", 1)
            yield r.finding(de, de + 1, f"“{shown}”中“{adv}”修饰动词“{verb}”，应用“地”",
                            suggestion=f"改为“{fixed}”", replacement="地")
    for de, adv, co in _set_phrases_before_coverb(doc, cache):
        yield r.finding(de, de + 1, f"“{adv}的{co}”中“{adv}”修饰后面的动作，应用“地”",
                        suggestion=f"改为“{adv}地{co}”", replacement="地")


NOMINAL_POS = ("n", "r", "vn", "t", "s")  # nouns, pronouns, time and place words
# Prepositions that open a verb phrase: "ADV的把…" can only be an adverbial gone wrong.
COVERB = ("把", "将")


DE_COVERB = re.compile("的(?=[把将])")


def _set_phrases_before_coverb(doc: Document, cache: dict) -> Iterator[tuple[int, str, str]]:
    """(offset of 的, phrase, coverb) for 一步一个脚印的把工作做实: a set phrase of four or more
    characters (jieba i/l) that is no adverb of the list, then 的, then the preposition 把/将."""
    for de, tokens, k in _particles(doc, DE_COVERB, "的", cache):
        if k + 2 >= len(tokens):
            continue
        adv, co = tokens[k - 1], tokens[k + 1]
        if len(adv.text) >= 4 and adv.pos in ("i", "l") and adv.text not in ADVERBIAL_SET \
                and co.text in COVERB and co.pos == "p" and tokens[k + 2].text[:1] not in CLAUSE_END:
            yield de, adv.text, co.text


def _predicate_after_subject(tokens: list[Token], first: int, k: int) -> bool:
    """Is a clause-final action verb after "ADV的" the predicate of a bare subject (项目建设迅速的推进。)?

    With only nouns before the adverb there is no verb to take "ADV的V" as its object
    (得益于各方积极的配合 keeps its 得益于), so the verb is the clause's predicate.
    """
    t = tokens[k + 1]
    if len(t.text) < 2 or not t.text.startswith(tuple(STRONG_VERBS)):
        return False
    if k + 2 < len(tokens) and tokens[k + 2].text[:1] not in CLAUSE_END:
        return False
    return first > 0 and all(tok.pos.startswith(NOMINAL_POS) for tok in tokens[:first])


def _suffix_adverbial(tokens: list[Token], first: int, k: int) -> bool:
    """Is a -性/-化 word before 的 an adverbial (坚持经常性的听取意见) rather than a noun (它们积极性的发挥)?

    Such words are nouns as often as adverbials, so both ends must agree: nothing nominal before
    it (a clause start, a verb or an adverb: 坚持, 要, 应当) and an object after the verb.
    """
    if first > 0:
        prev = tokens[first - 1]
        if prev.text[-1:] not in CLAUSE_END and not prev.pos.startswith(("v", "d", "c", "p")):
            return False
    obj = tokens[k + 2] if k + 2 < len(tokens) else None
    if obj is None or obj.text in NOMINAL_HEADS:
        return False
    unknown_word = obj.pos == "x" and "\u4e00" <= obj.text[0] <= "\u9fff"  # out-of-dictionary words are mostly nouns
    return obj.pos.startswith(("n", "v", "r", "m", "i", "l")) or unknown_word


def _whole_words(doc: Document, start: int, end: int) -> bool:
    """Do word boundaries of the document's segmentation fall at ``start`` and ``end``?"""
    toks = doc.tokens_in(max(0, start - 6), end + 1)
    starts = {t.start for t in toks}
    ends = {t.end for t in toks}
    return start in starts and end in ends


# 推进得不够到位 / 做得很好: a degree word and a short complement that ends the clause.
DE_COMPLEMENT = re.compile(
    r"的(?=(?:还?不够|不太|不是很|还不|很|非常|十分|比较|较为|更加|更为|相当|特别|越来越|不大)"
    r"[\u4e00-\u9fff]{1,4}(?:[，。；：！？、,;:!?）)]|$))"
    r"|的(?=不(?:到位|扎实|彻底|及时|充分|深入|细致|全面|规范|严格|理想|明显|顺畅|错|好)(?:[，。；：！？、,;:!?）)]|$))"
    r"|的(?=(?:有声有色|井井有条|有条不紊|热火朝天|红红火火|扎扎实实|实实在在|明明白白|清清楚楚|卓有成效)"
    r"(?:[，。；：！？、,;:!?）)]|$))"
)
# Degree words that, standing alone before the clause's last word, make that word a complement.
COMPLEMENT_DEGREE = set("不够 还不够 不太 很 非常 十分 比较 较为 更加 更为 相当 特别 不大".split())
# Verbs that often take a 得-complement; jieba tags some of them as adjectives (落实 → a).
COMPLEMENT_VERBS = set(
    "落实 推进 开展 做 干 抓 办 搞 执行 完成 贯彻 学 写 讲 走 跑 发挥 处理 解决 准备 组织 安排 部署 宣传 研究 "
    "调研 检查 整改 谋划 统筹 协调 跟进 衔接 配合 督促 督办 服务 发展 建设 管理 运转 运行 把握 掌握 理解 "
    "领会 落地 改进 提升 推动 实施 指导 报送 审核 起草 整理 收集 回复 答复 接待 办理 保障 对接 运用 维护 "
    "化解 排查 调处 推广 落细 贯通 筹备 布置 保管 归档 传达 提高 增强 改善 完善 加强 进展 变化 增长 适应".split()
)
COMPLEMENT_VERB_ENDINGS = tuple(v for v in COMPLEMENT_VERBS if len(v) >= 2)


@rule("RL402", "de-for-complement", "warning")
def de_for_complement(doc: Document) -> Iterator[Finding]:
    """动词后接程度补语应用“得”，不用“的”（推进得不够到位、做得很好）。

    Okay: 群众反映的很多问题得到解决。
    Okay: 工作中存在的不足。
    Okay: 各项工作推进得比较顺利。
    RL402: 个别单位整改落实的不够彻底。
    RL402: 会务工作做的很好。
    RL402: 读书活动开展的有声有色。
    RL402: 整改工作推进的不够有力。
    RL402: 工作效率提高的很快。
    Okay: 群众关心的很多难题逐步解决。
    """
    r = this_rule(de_for_complement)
    cache: dict = {}
    for de, tokens, k in _particles(doc, DE_COMPLEMENT, "的", cache):
        verb = tokens[k - 1]
        if verb.text not in COMPLEMENT_VERBS and not verb.text.endswith(COMPLEMENT_VERB_ENDINGS):
            continue  # 会议组织的比较周密: the verb may come glued to its topic
        comp = []
        for t in tokens[k + 1:k + 6]:
            if t.text[:1] in CLAUSE_END:
                break
            comp.append(t)
        last = comp[-1] if comp else None
        after_degree = len(comp) == 2 and comp[0].text in COMPLEMENT_DEGREE  # 不够|有力: jieba tags 有力 n
        if last is not None and last.pos in ("n", "ng", "nz", "ns", "nt", "vn") and not after_degree:
            continue  # 的很大变化: a noun phrase, not a complement
        tail = re.split("[，。；\n]", doc.text[de + 1:de + 9])[0]
        shown = f"{verb.text}的{tail}"
        yield r.finding(de, de + 1, f"“{shown}”中“的”连接动词和补语，应用“得”",
                        suggestion=f"改为“{verb.text}得{tail}”", replacement="得")


# Verbs whose object is a noun phrase: after them "ADJ地NOUN" wants 的 (形成了良好的氛围, 起到积极的作用).
NOUN_OBJECT_VERBS = set("形成 营造 营造出 取得 发挥 起到 产生 打下 奠定 具有 具备 树立 创造 赢得 带来 留下 提供 "
                        "保持 彰显 展现 展示 呈现 体现".split())


@rule("RL405", "di-for-de", "warning", fix="safe")
def di_for_de(doc: Document) -> Iterator[Finding]:
    """定语后接名词应用“的”，不用“地”（形成了良好的氛围、发挥了积极的作用）。

    Only after a verb that takes a noun object (形成、营造、发挥 …, or any verb with 了/过)
    and with the clause ending on a noun head within two words of 地: there the
    phrase can only be that verb's object.

    Okay: 形成了良好的学习氛围。
    Okay: 要积极地营造良好氛围。
    Okay: 深入基层实地察看了三个项目。
    Okay: 发挥了积极地推动各项工作的带头作用。
    RL405: 全局上下形成了良好地节约氛围。
    RL405: 发挥了积极地推动作用。
    RL405: 营造浓厚地学习氛围。
    RL405: 取得了明显地成效。
    """
    r = this_rule(di_for_de)
    cache: dict = {}
    # 地 inside a word (各地, 实地, 土地) is no particle
    for di, tokens, k in _particles(doc, DI_CHAR, "地", cache):
        if k < 2:
            continue
        adj, before = tokens[k - 1], tokens[k - 2]
        if len(adj.text) < 2 or not (adj.pos.startswith("a") or adj.text in ADVERBIAL_SET):
            continue
        if not (before.text in NOUN_OBJECT_VERBS or before.text in ("了", "过")):
            continue
        rest = []
        for t in tokens[k + 1:k + 4]:
            if t.text[:1] in CLAUSE_END:
                break
            rest.append(t)
        if not rest or len(rest) > 2 or k + 1 + len(rest) < len(tokens) and \
                tokens[k + 1 + len(rest)].text[:1] not in CLAUSE_END:
            continue  # the clause goes on: 地 may head a verb phrase
        head = rest[-1]
        if head.text not in NOMINAL_HEADS and not (head.pos.startswith("n") and len(head.text) >= 2):
            continue
        shown = f"{adj.text}地{''.join(t.text for t in rest)}"
        yield r.finding(di, di + 1, f"“{shown}”中“{adj.text}”修饰名词“{head.text}”，应用“的”",
                        suggestion=f"改为“{shown.replace('地', '的', 1)}”", replacement="的")


DI_CHAR = re.compile("地")


# Function characters that never double in prose: 的的, 了了, 和和, 在在 …
FUNCTION_CHARS = "的了和与及在是对把被将为向从并而也就都于以其之或但由按让使给跟着地得所这那各又已还很更到中"
REPEAT = re.compile(rf"([{FUNCTION_CHARS}])\1")
# Set phrases with a doubled function character that jieba's dictionary lacks.
DOUBLED_PHRASES = ("了了分明", "了了可见", "是是非非", "在在皆是", "比比皆是")


@rule("RL403", "repeated-character", "warning")
def repeated_character(doc: Document) -> Iterator[Finding]:
    """虚词重复（的的、了了、和和）：多打了一个字。

    Okay: 这件事不能不了了之。
    Okay: 的的确确做到了常常抓、天天看、层层落实、人人有责。
    Okay: 把为民办实事作为为群众谋福利的重要抓手。
    RL403: 会议审议通过了了三项办法。
    Okay: 对各项任务的进度心中了了分明。
    RL403: 认真听取基层的的意见和建议。
    RL403: 加强值班值守和和信息报送。
    RL403: 干部职工业务能力进一步步提升。
    Okay: 一步步推进，一个个落实，一批批建成。
    Okay: 让三百六十行行行出人才。
    """
    r = this_rule(repeated_character)
    yield from _word_tail_doubled(doc, r)
    for m in REPEAT.finditer(doc.text):
        toks = doc.tokens_in(max(0, m.start() - 8), m.end() + 8)
        if not _standalone_pair(toks, m.start(), m.end()):
            continue
        if any(doc.text.startswith(ph, m.start() - ph.find(m.group())) for ph in DOUBLED_PHRASES
               if m.group() in ph and m.start() >= ph.find(m.group())):
            continue  # 心中了了分明
        ch = m.group(1)
        yield r.finding(m.start(), m.end(), f"“{m.group()}”重复，多了一个“{ch}”", suggestion=f"删去一个“{ch}”",
                        replacement=ch)


ANY_DOUBLE = re.compile(r"([\u4e00-\u9fff])\1")


def _word_tail_doubled(doc: Document, r) -> Iterator[Finding]:
    """A word's last character typed twice (进一步步, 高质量量): the word, then its last character as a lone token.

    A lone token of one character that repeats the end of a longer word is no word of its own there;
    measure reduplication (一个个, 一批批) and dictionary words are left alone.
    """
    from pipeline.segment import tokenizer

    freq = tokenizer().FREQ
    for m in ANY_DOUBLE.finditer(doc.text):
        ch = m.group(1)
        if ch in FUNCTION_CHARS:
            continue  # the pass below
        toks = doc.tokens_in(max(0, m.start() - 8), m.end() + 8)
        a = next((t for t in toks if t.end == m.start() + 1), None)
        b = next((t for t in toks if t.start == m.start() + 1), None)
        if a is None or b is None or b.text != ch or len(a.text) < 3:
            continue
        if doc.text[m.end():m.end() + 1] == ch:
            continue  # 三百六十行行行出状元: a word, then a reduplicated word that starts with its last character
        if freq.get(a.text + ch, 0):
            continue  # 一步步, 天天: the doubled form is a word
        yield r.finding(m.start(), m.end(), f"“{a.text}{ch}”中“{ch}”重复，多了一个“{ch}”",
                        suggestion=f"删去一个“{ch}”", replacement=ch)


def _standalone_pair(tokens: list[Token], start: int, end: int) -> bool:
    """Both characters stand alone (的|的, or the token 的的), not inside a longer word (不了了之, 作为|为)."""
    covering = [t for t in tokens if t.start < end and t.end > start]
    if not covering:
        return True
    return all(t.start >= start and t.end <= end for t in covering)


@rule("RL404", "repeated-word", "warning")
def repeated_word(doc: Document) -> Iterator[Finding]:
    """词语重复（进一步进一步、工作工作）：修改时多留了一遍。

    Okay: 我们常常讲，要天天学、时时想、层层抓、项项落实、件件回复、一一对账。
    Okay: 一步一步推进，一个一个解决。
    Okay: 聘任绿道二期工程PPP项目项目经理一名。
    RL404: 要进一步进一步压实责任。
    RL404: 逐步逐步完善工作机制。
    RL404: 做好信访工作工作，维护稳定。
    """
    r = this_rule(repeated_word)
    seen: set[int] = set()
    for m in DOUBLED_RUN.finditer(doc.text):  # a cheap textual pass; tokens decide only where it hits
        pair = _pair_at(doc, m.start() + len(m.group(1)))
        if pair is None or pair[0].start in seen:
            continue
        a, b = pair
        seen.add(a.start)
        word = _overlap(a.text, b.text)
        if word is None:
            continue
        if not all("\u4e00" <= ch <= "\u9fff" for ch in word) or word[0] in LABEL_DIGITS + "几每":
            continue
        start, end = a.end - len(word), b.start + len(word)
        sev = "warning"
        from pipeline.segment import word_tag

        tag = word_tag(word) or ""
        if a.text == b.text and tag.startswith("v") and tag != "vn":
            sev = "info"  # 研究研究、商量商量: a verb said twice is a (colloquial) tentative form, not a slip
        elif tag.startswith("n") and _heads_compound(doc, b, len(word)):
            continue  # PPP项目|项目经理, 信访工作|工作人员: the second copy starts a title or compound
        yield r.finding(start, end, f"“{word}”连续出现两次", suggestion=f"删去重复的“{word}”",
                        replacement=word, severity=sev)


def _heads_compound(doc: Document, second: Token, n: int) -> bool:
    """Does the second copy of a repeated noun begin a longer noun (项目|常务经理, 工作人员)?"""
    if len(second.text) > n:
        return True
    nxt = next((t for t in doc.tokens_in(second.end, second.end + 6) if t.start == second.end), None)
    if nxt is None or not all("\u4e00" <= ch <= "\u9fff" for ch in nxt.text):
        return False
    from pipeline.segment import word_tag

    return (word_tag(nxt.text) or "").startswith("n")


DOUBLED_RUN = re.compile(r"([\u4e00-\u9fff]{2,4})(?=\1)")


def _pair_at(doc: Document, boundary: int) -> tuple[Token, Token] | None:
    """The two tokens meeting at ``boundary``, if a token boundary falls exactly there."""
    toks = doc.tokens_in(max(0, boundary - 4), boundary + 1)
    for a, b in zip(toks, toks[1:], strict=False):
        if a.end == boundary == b.start:
            return a, b
    return None


def _overlap(a: str, b: str) -> str | None:
    """The word repeated across a token boundary: 进一步|进一步, 信访工作|工作, 工作|工作人员."""
    for n in (4, 3, 2):
        if n <= len(a) and n <= len(b) and (n == len(a) or n == len(b)) and a[-n:] == b[:n]:
            return b[:n]
    return None
