"""Edge cases of the surface rules beyond their docstring examples: silence on good text first."""

from __future__ import annotations

import pytest

from pipeline.config import Options
from pipeline.document import Document
from pipeline.lint import analyse


def findings(text: str, select: str) -> list[tuple[str, str, str]]:
    doc = analyse(Document(text), Options(select=[select]), stages=("segment",))
    return [(f.code, f.severity, text[f.start:f.end]) for f in doc.findings]


GOOD_WORDING = [
    "开展调研的目的是解决实际问题。",
    "组织干部到基层开展实地调研，强化属地管理责任。",
    "交流学习心得，取得了较好成绩，获得群众好评。",
    "我们常常讲，要天天学、看看别人怎么做，层层压实责任，步步为营，人人有责。",
    "一一对账销号，项项有回复，件件有落实。",
    "等等这些问题，不能不了了之。",
    "以认真的态度、严格的管理、热情的服务对待每一位群众。",
    "提供了高效的服务，发挥了积极的推动作用，形成了良好的工作氛围。",
    "实施更加积极的就业政策，建立合理的收入分配制度。",
    "群众反映的很多问题得到解决，工作中存在的不足必须正视。",
    "工作推进得比较顺利，各项任务完成得很好。",
    "经过认真的研究，作出了慎重的决定。",
    "把和谐社会建设作为为民办实事的重要内容。",
    "其中中央财政安排资金120亿元。",
]


@pytest.mark.parametrize("text", GOOD_WORDING)
def test_wording_silent_on_good_text(text):
    assert findings(text, "RL4") == []


BAD_WORDING = [
    ("稳步的推进数字机关建设。", "RL401"),
    ("切实的解决群众急难愁盼问题。", "RL401"),
    ("服务水平明显的提高了。", "RL401"),
    ("主动的对接企业需求。", "RL401"),
    ("这项工作做的不错。", "RL402"),
    ("会议组织的井井有条，材料准备充分。", "RL402"),
    ("在在职干部中开展培训的的同时", "RL403"),
    ("会议研究了了下一步工作。", "RL403"),
    ("进一步进一步压实责任。", "RL404"),
]


@pytest.mark.parametrize("text,code", BAD_WORDING)
def test_wording_finds_slips(text, code):
    assert code in {c for c, _, _ in findings(text, "RL4")}


GOOD_PLACEHOLDERS = [
    "升级XML接口，更换X光机2台，维修RTX4090显卡1块。",
    "12345热线全年受理诉求3.2万件。",
    "一九八○年以来，二○○八年起，累计投入3.2亿元。",
    "**重点工作**：抓好督查督办。",
    "查处某公司违规排污案件1起。",
    "iPhone X 手机2部。",
]


@pytest.mark.parametrize("text", GOOD_PLACEHOLDERS)
def test_placeholders_silent_on_real_text(text):
    assert findings(text, "RL1") == []


@pytest.mark.parametrize("text,code,mark", [
    ("全年办理督查件X件。", "RL101", "X"),
    ("编发简报xx期。", "RL101", "xx"),
    ("接待××人次。", "RL101", "××"),
    ("同比增长X.X%。", "RL101", "X.X"),
    ("全市排名第X。", "RL101", "X"),
    ("签发日期：2025年  月  日", "RL101", "年  月  日"),
    ("特别是XX期间，加强值班。", "RL102", "XX"),
    ("牵头协调○○局做好接待。", "RL102", "○○"),
    ("编发《XX信息》12期。", "RL102", "XX"),
])
def test_placeholder_kinds(text, code, mark):
    got = findings(text, "RL1")
    assert (code, "error" if code == "RL101" else "warning", mark) in got, got
    assert len(got) == 1, got


GOOD_PUNCT = [
    "印发《关于加强督查工作的意见》（试行），建立“清单管理、限时办结”机制。",
    "他说：“要把‘三个到位’落到实处。”",
    "1）完善制度；2）加强培训；(3)严格考核。",
    "“学习贯彻要深入。\n“调查研究要扎实。”",
    "参加“中国’99昆明世界园艺博览会”筹备工作。",
    "根据《\n著作权法\n》第五条办理。",
    "办结率98.5%，满意率99.2%。",
]


@pytest.mark.parametrize("text", GOOD_PUNCT)
def test_punctuation_silent_on_good_text(text):
    assert [f for f in findings(text, "RL2") if f[1] != "info"] == []


@pytest.mark.parametrize("text,expected", [
    ("开展“学习型机关创建活动。", "“"),
    ("严格执行《公文处理办法，提高质量。", "《"),
    ("印发《关于规范会议活动的通知）。", "《关于规范会议活动的通知）"),
    ("做到件件有回复”。", "”"),
    ("开展“学习型机关创建活动。\n做好会务。\n做到件件有回复”。", "“"),
])
def test_unmatched_located_at_the_opener(text, expected):
    got = [f for f in findings(text, "RL201")]
    assert got and got[0][2] == expected, got


def test_mixed_width_flags_the_minority():
    got = findings("办结率98.5%，归档率99.6％，满意率97.1%。", "RL202")
    assert got == [("RL202", "warning", "％")]
    got = findings("编发简报２４期，报送信息120条。", "RL202")
    assert got == [("RL202", "warning", "２４")]
    # one consistent full-width style is only a hint
    assert {s for _, s, _ in findings("办结率98.5％，归档率99.6％。", "RL202")} == {"info"}


@pytest.mark.parametrize("text,expected", [
    # one wrong mark is one finding, not an unclosed “ plus a stray 》
    ("一是建设社会主义新农村。“纲要（草案）》把解决“三农”问题放在首位。", ["“纲要（草案）》"]),
    ("正在汇合成一个”五讲四美三热爱”的统一的活动。", ["”"]),  # the opening ” typed the wrong way round
    ("严格执行《《公文处理办法，提高办文质量。", ["《"]),  # 《《 typed twice
    ("认真学习《条例》》，提高办文质量。", ["》"]),
])
def test_unmatched_one_finding_per_slip(text, expected):
    assert [f[2] for f in findings(text, "RL201")] == expected


@pytest.mark.parametrize("text", [
    "暂时调整实施《中华人民共和国药品管理法",  # an excerpt cut inside the title
    "“体现全面深化改革精神，科学规范行政行为，促进政府职能转变；",  # a quotation running on beyond the excerpt
    "一、主要工作\n全年编发简报24期。\n二、下步打算\n深入贯彻《条例",
])
def test_text_breaking_off_inside_a_pair_is_not_a_slip(text):
    assert findings(text, "RL201") == []


@pytest.mark.parametrize("text", [
    "开展“学习型机关创建活动。",  # the sentence ends: the quotation should have closed
    "一、主要工作\n深入贯彻《条例\n二、下步打算\n全年编发简报24期。",  # not the last paragraph
])
def test_unclosed_pair_in_finished_text_still_fires(text):
    assert [f for f in findings(text, "RL201") if f[1] == "warning"]


def test_mixed_width_one_finding_per_paragraph():
    text = ("全年办结率98.5%。\n城镇化率从47.5％提高到51.5%。\n能耗分别上升4.9％、5.5％、0.2％，转为下降1.2%。\n"
            "满意率96.2%。")
    got = findings(text, "RL202")
    # two paragraphs, four ％: one finding each, the later one a hint (one warning per form and document)
    assert [(s, t) for _, s, t in got] == [("warning", "％"), ("info", "％")]
    # a ％ in a paragraph of its own is still the document's minority form
    text = "全年办结率98.5%，满意率96.2%。\n登记失业率控制在4.6％以内。\n答复率97.0%。"
    assert [(s, t) for _, s, t in findings(text, "RL202")] == [("warning", "％")]
    # full width plainly the document's style (3x): the half-width few are reported, once per paragraph
    text = "办结率９８．５％，满意率９６．２％，回访率９５．０％。\n答复率97%。"
    assert [(s, t) for _, s, t in findings(text, "RL202") if t[0] in "0123456789%"] == [("warning", "97"),
                                                                                         ("warning", "%")]


def test_full_width_point_consistent_with_full_width_percent_is_a_hint():
    assert {s for _, s, _ in findings("增长77．7％，扩大47．4％。", "RL202")} == {"info"}
    assert {s for _, s, _ in findings("办结率98．5%。", "RL202")} == {"warning"}
    # the document writes 7.7 elsewhere: the full-width point is a slip, and so is the ％ (a tie)
    assert set((s, t) for _, s, t in findings("增长7.7%。\n扩大47．4％。", "RL202")) == {("warning", "．"),
                                                                                     ("warning", "％")}
