"""Classes of slip that real drafts carry and real published text must not trip (issue: trust on real text).

The real corpora have no instances of these, so each class is shown on sentences written for the
project, in both directions: the slip fires, the look-alike that an editor would leave stays silent.
"""

from __future__ import annotations

import pytest

from pipeline.lint import lint_text


def codes(text: str, prefix: str) -> list[tuple[str, str]]:
    doc = lint_text(text, select=[prefix])
    return [(f.code, doc.text[f.start:f.end]) for f in doc.findings if f.severity != "info"]


@pytest.mark.parametrize("text", [
    "深入实施“数据要素×”三年行动，培育数据产业。",
    "推动数据要素×交通运输、数据要素×医疗健康场景落地。",
    "开展“人工智能+”行动，推进“互联网+政务服务”。",
    "加快“人工智能+制造”试点示范。",
    "采购iPhone X 手机2部用于移动办公。",
    "标注*的为年度重点项目。",
    "该项目于2025年6月份完成竣工验收。",
])
def test_operators_and_real_marks_are_not_placeholders(text):
    assert codes(text, "RL1") == []


@pytest.mark.parametrize("text,expected", [
    ("截至202x年底，累计培训300人次。", "202x"),
    ("计划于20xx年完成全部改造。", "20xx"),
    ("x月份召开全体干部大会。", "x"),
    ("全年开展业务培训*余次。", "*"),
    ("该项目于 月份完成竣工验收。", " "),
    ("信访窗口共 件，均已办结。", " "),
])
def test_lower_case_spaced_and_blank_number_slots(text, expected):
    found = codes(text, "RL101")
    assert ("RL101", expected) in found, found


@pytest.mark.parametrize("text", [
    "县委书记 xx 同志出席会议并讲话。",
    "请 ×× 同志牵头负责。",
    "配合××单位做好接待工作。",
])
def test_name_blanks_with_spaces(text):
    assert [c for c, _ in codes(text, "RL102")] == ["RL102"]


def test_a_chain_of_blanks_in_one_name_is_one_finding_with_whole_words():
    doc = lint_text("承办XX市XX区XX街道党工委交办事项。", select=["RL102"])
    assert len(doc.findings) == 1
    f = doc.findings[0]
    assert doc.text[f.start:f.end] == "XX市XX区XX"
    assert "“承办XX市XX区XX街道”" in f.message  # whole words around the run, no cut word


def test_two_blanks_of_different_things_stay_two():
    doc = lint_text("省局XX来XX参观红色教育基地。", select=["RL102"])
    assert len(doc.findings) == 2


@pytest.mark.parametrize("text", [
    "坚持经常性的听取基层意见。",
    "要制度化的推进各项工作。",
    "积极的抓好安全生产检查。",
])
def test_de_after_adverbials_including_xing_and_hua_words(text):
    assert [c for c, _ in codes(text, "RL401")] == ["RL401"]


@pytest.mark.parametrize("text", [
    "取得了阶段性的成果。",
    "实现了历史性的突破。",
    "整个现代化的实现也离不开深化改革。",
    "调动它们积极性的发挥也有赖于制度。",
    "由于农业合作化的开展和广大农民的努力，粮食增产。",
    "进行了系统性的梳理。",
])
def test_xing_and_hua_nouns_before_de_stay_silent(text):
    assert codes(text, "RL401") == []


@pytest.mark.parametrize("text,silent", [
    ("聘任绿道二期工程PPP项目项目经理一名。", True),
    ("加强信访工作工作人员培训。", True),
    ("做好信访工作工作，维护稳定。", False),
    ("逐步逐步完善工作机制。", False),
])
def test_repeated_noun_that_heads_a_compound(text, silent):
    assert (codes(text, "RL404") == []) is silent
