"""The claim record: one number a report asserts, with what it counts and when."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipeline.claims.numerals import Value, half_step, scale
from pipeline.vocab.units import PERCENT, POINTS


@dataclass
class Claim:
    """A numeric claim. ``start``/``end`` cover markers, numeral and unit (近450余人次)."""

    start: int
    end: int
    num_start: int  # the numeral itself (450 in 近450余人次)
    num_end: int
    raw: str
    value: Value | None  # None for a placeholder (X件)
    unit: str = ""  # measure word or unit: 件, 人次, %, 个百分点, 倍, 元 …
    magnitude: str = ""  # 万, 亿, 万亿 (between numeral and unit)
    approx: list[str] = field(default_factory=list)  # 近, 约, 余, 多, 左右, 以上 …
    metric: str = ""  # what is counted: 编发《XX信息》, 网上答复率
    topic: str = ""  # what a "topic：" lead-in before the figure names (以钢铁工业说：…), "" if none
    metric_source: str = "before"  # before | after (两次由…带队, 5件投诉) | inherited (增长5% after 达到…)
    period: str = ""  # 全年, 上半年, 2025年 … as written ("" when none)
    subject: str = ""  # who or what the figure is about (全省规上工业, the item of a 分别 list); "" if unnamed
    period_kind: str = "year"  # year | part (上半年, 1—10月) | multi (五年来, “十四五”时期, 2013年以来)
    scope: str = ""  # "" (the period's own figure) | cumulative (over several years) | average (年均)
    status: str = "achieved"  # achieved | target (预期目标, 力争, 拟, 计划, the plan part of a report)
    frame: str = ""  # 同比, 较上年, 由…增至… when the number sits in a comparison
    role: str = "value"  # value | from | to | base | change
    verb: str = ""  # the change verb before a change (增长, 下降, 提高 …)
    negative: bool = False  # written with a minus sign
    numeral: str = "arabic"  # arabic | fullwidth | chinese | placeholder
    paragraph: int = -1
    sentence: int = -1
    section: str | None = None
    # a base worked out as B - D from a new value B and a stated difference D (受理1250件，较上年增加250件):
    # the difference it came from, so that a check can keep the two roundings of B and D together
    from_diff: Claim | None = field(default=None, repr=False, compare=False)

    @property
    def placeholder(self) -> bool:
        return self.numeral == "placeholder"

    @property
    def numeral_text(self) -> str:
        return self.raw[self.num_start - self.start:self.num_end - self.start]

    @property
    def amount(self) -> Value | None:
        """The value times its magnitude (3.2万 → 32000), signed."""
        if self.value is None:
            return None
        v = scale(self.value, self.magnitude)
        if self.negative and not isinstance(v, tuple):
            v = -v
        return v

    @property
    def tolerance(self) -> float:
        """Half a unit of the last digit written: how far the true figure may lie from ``amount``."""
        if self.value is None:
            return 0.0
        t = half_step(self.numeral_text, self.magnitude)
        if t == 0 and self.unit in PERCENT + POINTS:
            return 0.5  # a whole percentage is usually a rounded one; counts (件, 人) are exact
        return t

    @property
    def is_percent(self) -> bool:
        return self.unit in PERCENT

    def to_dict(self, doc: Any = None) -> dict[str, Any]:
        value: Any = list(self.value) if isinstance(self.value, tuple) else self.value
        d: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "raw": self.raw,
            "value": value,
            "amount": list(self.amount) if isinstance(self.amount, tuple) else self.amount,
            "unit": self.unit,
            "magnitude": self.magnitude,
            "approx": list(self.approx),
            "metric": self.metric,
            "metric_source": self.metric_source,
            "topic": self.topic,
            "period": self.period,
            "subject": self.subject,
            "period_kind": self.period_kind,
            "scope": self.scope,
            "status": self.status,
            "frame": self.frame,
            "role": self.role,
            "negative": self.negative,
            "placeholder": self.placeholder,
            "numeral": self.numeral,
            "paragraph": self.paragraph,
            "section": self.section,
            "dimension": None,
        }
        if doc is not None:
            line, col = doc.line_col(self.start)
            d["line"], d["column"] = line, col
            if 0 <= self.paragraph < len(doc.paragraphs):
                # read now: the dimensions stage runs after the claims stage
                d["dimension"] = doc.paragraphs[self.paragraph].dimension
        return d
