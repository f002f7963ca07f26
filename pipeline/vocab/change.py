"""Change verbs: the words that state a change of a figure (增长5%, 下降3个百分点, 降幅收窄).

Source: the change and comparison wording of State Council government work reports and the
statistical bulletins' usage (增长/下降 with 百分点 for rates, GB/T 15835 for the figures).
Used by the claim context (claims/context.py), the change checks (claims/checks.py) and the
archive's figure reader (archive/metrics.py).
"""

from __future__ import annotations

# Every change word, two-character words before their one-character heads (下降 before 降).
CHANGE_VERBS = tuple("""
增长 增加 提高 提升 上升 升高 下降 减少 降低 回落 缩减 缩短 压缩 扩大 下滑 增 减 降 升 上涨 下跌
涨 跌 多 少 翻了 翻 增幅 降幅 涨幅 跌幅 减幅 增速
""".split())
# A change stated by its end value (由25条增至32条): the verb and its 到/至, longest first within a verb.
CHANGE_TO = tuple("""
增至 增加到 增加至 增长到 增长至 提高到 提高至 提升到 提升至 上升到 上升至 升高到 升高至
降至 降到 降低到 降低至 下降到 下降至
减少到 减少至 缩短到 缩短至 压缩到 压缩至 扩大到 扩大至
""".split())
# The ones that make the change negative.
DECREASE = tuple("下降 减少 降低 回落 缩减 缩短 压缩 下滑 减 降 下跌 跌 少 降幅 跌幅 减幅".split())
# Words of lessening that do not make a figure a change of the same metric (节约经费12万元 states the sum
# saved, 差距缩小 the gap) yet, like a decrease, contradict a minus sign after them (节约-12万元, 缩小-3%).
LESSENING = tuple("收窄 缩小 节约 节省 减轻 下调".split())
