"""Fillers: the words around a figure that are not the metric (全年共、累计、达到、较上年).

Reports state a figure as period, scope, verb and object, then the figure (全年共编发《XX信息》
54期; 按期办结率达98.5%). The metric a figure measures is the phrase before it with these words
peeled off both ends. The lists are ordered: an alternation tries them in turn, and each pass
peels one word (so the order is part of the definition). Source: the wording of work reports and
State Council reports. Used by the claim context (claims/context.py), whose metrics the archive
compares across years (archive/metrics.py), and the claim binding (claims/binding.py).
"""

from __future__ import annotations

from pipeline.vocab.change import CHANGE_TO

# Before the metric: scope, sequence and linking words, prepositions.
HEAD = tuple("""
其中 共计 共 累计 合计 总计 全年 今年 年内 先后 已经 已 还 并 同时 此外 另外 均 都 分别 我们 本年度 一年来 今年以来
截至目前 目前 现 在 当年 又 再 共有 完成了 一共 总共 全部 年均 平均 从 由 对 向 为 把 将 使 让 被 和 与 及 以及 、 ，
""".split())
# Before the subject of a clause (中央财政 in 其中中央财政安排…; claims/binding.py): the same kind of words,
# and the phrases that qualify a figure's basis (按可比价格计算).
SUBJECT_HEAD = tuple("""
其中 分别 实际 同比 环比 平均每年 年均 约 近 同时 此外 另外 并 还 又 再 已经 已 先后 我们 全年 今年 年内 当年 一年来
截至目前 目前 扣除价格因素 按可比价格计算 按可比价格 在 对 为 使 让 把 将 向 从 由 ， 、
""".split())
# After the metric: linking verbs, approximation words, change verbs and frames that lead into the figure.
TAIL = (*"达到了 达到 高达 多达 达 为 是 有 约 大约 近 将近 接近 超过 逾 突破".split(), *CHANGE_TO, *"""
增长了 增加了 提高了 提升了 上升了 升高了 下降了 减少了 降低了
增长 增加 提高 提升 上升 升高 下降 减少 降低 回落 下滑 缩减
缩短 压缩 扩大 翻了 翻 了 共计 共 累计 合计 总计 计 的 较上年同期 较上年 较去年同期 较去年 比上年同期 比上年
比去年同期 比去年 与上年相比 同比 环比 由 从 分别 各 均 至 到 于 不到 不足 不少于 至少 超 在 已 占 仅 只 就
实现 完成 保持在 保持 控制在 稳定在 维持在 左右 以上 以下 ， 、
""".split())


def head_pattern() -> str:
    """The head fillers as a regex anchored at the start."""
    return "^(?:" + "|".join(HEAD) + ")"


def tail_pattern() -> str:
    """The tail fillers (and whitespace) as a regex anchored at the end."""
    return "(?:" + "|".join(TAIL) + r"|\s)$"
