"""The numeric checks read the same slip in the many ways a report words it, and stay silent
where the figures agree (or agree within the rounding the text shows)."""

from __future__ import annotations

import pytest

from pipeline.lint import lint_text

# 受理信访件 from 240 to 300 is +25%; from 300 to 240 is -20%.
CHANGE_FORMS = [
    "受理信访件由上年的{a}件{v}至{b}件，{v}了{c}%。",
    "受理信访件{b}件，较上年的{a}件{v}{c}%。",
    "受理信访件比上年的{a}件{v}{c}%，达到{b}件。",
    "受理信访件同比{v}{c}%，由{a}件{v}到{b}件。",
    "受理信访件{b}件，同比{v}{c}%（上年{a}件）。",
    "受理信访件同比{v}{c}%，{v}至{b}件（上年{a}件）。",
    "受理信访件{b}件，较上年{v}{d}件，{v}{c}%。",
    "受理信访件{b}件，与上年的{a}件相比{v}{c}%。",
    "受理信访件{b}件，同比{v}{c}%，上年同期为{a}件。",
    "受理信访件去年为{a}件，今年为{b}件，{v}{c}%。",
]


@pytest.mark.parametrize("form", CHANGE_FORMS)
@pytest.mark.parametrize("verb,a,b,right,wrong", [("增长", 240, 300, 25, 20), ("下降", 300, 240, 20, 25)])
def test_change_forms(form, verb, a, b, right, wrong):
    def codes(c: int) -> list[str]:
        text = form.format(a=a, b=b, v=verb, c=c, d=abs(b - a))
        return [f.code for f in lint_text(text, select=("RL305",)).findings]

    assert codes(wrong) == ["RL305"]
    assert codes(right) == []


def test_base_from_a_difference_keeps_both_roundings():
    # 1.8万 may be 17,500-18,499, but the base moves with it: 3000 on 14,500-15,499 is 19.4%-20.7%
    found = lint_text("巡河1.8万次，较上年增加3000次，增长25%。", select=("RL305",)).findings
    assert [f.code for f in found] == ["RL305"]
    # 0.35 on 2.35 + 0.35 is 12.96%: a written 12% may be that figure cut short
    assert lint_text("查补税款2.3亿元，较上年减少0.4亿元，下降了12%。", select=("RL305",)).findings == []


SUM_FORMS = [
    "全年共受理群众诉求{t}件，其中来信120件、来访80件、网上信访50件。",
    "全年共受理群众诉求{t}件，分别是来信120件，来访80件，网上信访50件。",
    "全年受理群众诉求{t}件（来信120件、来访80件、网上信访50件）。",
    "全年受理来信120件、来访80件和网上信访50件，共计{t}件。",
    "全年共受理群众诉求{t}件。其中，来信120件、来访80件、网上信访50件。",
    "全年共受理群众诉求{t}件，来信120件、来访80件、网上信访50件。",
    "全年受理诉求{t}件，其中来信120件、来访80件、其他50件。",
    "全年总投资{t}亿元，其中政府投资120亿元、社会投资80亿元、其他投资50亿元。",
]


@pytest.mark.parametrize("form", SUM_FORMS)
def test_sum_forms(form):
    assert [f.code for f in lint_text(form.format(t=260), select=("RL303",)).findings] == ["RL303"]
    assert lint_text(form.format(t=250), select=("RL303",)).findings == []


@pytest.mark.parametrize("text", [
    "全年受理诉求260件，其中来信120件、来访80件。",  # a partial list without a total word
    "培训干部600人次，其中党员干部420人次、年轻干部260人次。",  # kinds of people overlap
    "居民人均可支配收入3.2万元，其中城镇居民4.1万元、农村居民2.3万元。",  # averages
    "拟安排赤字800亿元，其中中央赤字500亿元，代地方发债300亿元，比上年减少100亿元。",
])
def test_sum_silent(text):
    assert lint_text(text, select=("RL303",)).findings == []


@pytest.mark.parametrize("verb", "下降 减少 降低 回落 压缩 缩短 收窄 缩小 节约 下调".split())
def test_minus_after_lessening(verb):
    assert [f.code for f in lint_text(f"全年信访总量{verb}-12%。", select=("RL306",)).findings] == ["RL306"]
    assert lint_text(f"全年信访总量{verb}12%。", select=("RL306",)).findings == []


@pytest.mark.parametrize("text,fires", [
    ("全区特种设备定期检验率达到100.5%。", True),
    ("期末考试及格率为104%。", True),
    ("网上答复率较上年提高4个百分点，达到102%。", True),
    ("交办事项办结率（含转办件）达到102%。", True),
    ("全院病床使用率达到108%。", False),
    ("学前教育毛入学率达到102%。", False),
    ("投资计划完成率较上年提高6个百分点，达到112%。", False),
])
def test_rate_names(text, fires):
    assert bool(lint_text(text, select=("RL302",)).findings) is fires
