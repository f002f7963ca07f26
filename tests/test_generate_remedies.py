"""Measure clauses from the draft: shortcomings turned into remedies, practices carried on.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import pytest

from pipeline.generate.remedies import (
    continuation,
    measure_clauses,
    measure_sentence,
    noun_phrase,
    object_of,
    problem_remedies,
    remedy,
    summary_continuations,
)


@pytest.mark.parametrize(("clause", "want"), [
    ("一是调查研究还不够深入", "深化调查研究"),
    ("三是人员结构不够合理", "优化人员结构"),
    ("节约意识有待增强", "增强节约意识"),
    ("精品意识有待加强", "增强精品意识"),  # 意识 is 增强ed, whatever the draft wrote
    ("督办工作的刚性约束还不强", "增强督办工作刚性约束"),
    ("督查手段还比较单一", "综合运用实地督查、随机抽查、明察暗访等方式"),  # the ways, not the problem said round
    ("调研方式比较单一", "丰富调研方式"),
    ("部分股室之间衔接不够紧密", "加强股室之间衔接"),  # the part (部分) is dropped
    ("接待工作还不够精细", "推动接待工作更加精细"),
    ("实地检查比重偏低", "提高实地检查比重"),
    ("成果转化不够", "加快成果转化"),
    ("对各单位之间的交叉事项协调不够及时", "提高交叉事项协调时效"),
])
def test_a_shortcoming_becomes_its_remedy(clause, want):
    assert remedy(clause) == want


@pytest.mark.parametrize("clause", [
    "个别事项推进不够到位以外的情况",  # not a shortcoming clause
    "工作还有差距",
    "对上级精神的领会还不深",  # the object is too vague to name (领会)
    "全年办结率达到95%",
])
def test_no_remedy_is_guessed(clause):
    assert remedy(clause) is None


def test_problems_text_gives_remedies_in_order():
    text = "一是调查研究还不够深入，调研成果不多；二是督查方式还不够灵活。"
    assert problem_remedies(text) == ["深化调查研究", "推出更多调研成果", "综合运用实地督查、随机抽查、明察暗访等方式"]


@pytest.mark.parametrize(("obj", "want"), [
    ("清单化管理", "深化清单化管理"),
    ("联络员制度", "完善联络员制度"),
    ("专题调研", "常态化开展专题调研"),
    ("公文处理流程", "优化公文处理流程"),
    ("矛盾纠纷", "深化矛盾纠纷排查化解"),
    ("工作", None),  # says nothing by itself
    ("各类会议", None),
    ("省级检查", None),  # an inspection received, not a practice
    ("一批物业管理", None),  # a numeral inside: not a plain noun phrase
])
def test_a_practice_is_carried_on_with_the_verb_its_head_takes(obj, want):
    assert continuation(obj) == want


def test_summary_practices_are_cut_at_word_edges_and_lose_their_figures():
    text = "围绕重点工作开展专项督查8轮。对议定事项实行清单化管理。加强节假日和重要时段值班值守。"
    out = summary_continuations(text, text)
    assert "常态化开展专项督查" in out and "深化清单化管理" in out
    # the whole practice would copy eight characters of the draft: its last words are taken
    assert not any("重要时段值班值守" in c for c in out)
    assert any(c.endswith("值班值守制度") for c in out)
    assert not any(ch.isdigit() for c in out for ch in c)


def test_noun_phrase_by_dictionary_tags():
    assert noun_phrase("督办台账") and noun_phrase("专题调研")
    assert not noun_phrase("源头上减少投诉") and not noun_phrase("参加在线学习")


def test_measure_clauses_skip_copies_repeats_and_what_the_heading_says():
    draft = "一是调查研究还不够深入。围绕中心开展专题调研9次，实行清单化管理。"
    out = measure_clauses("一是调查研究还不够深入", "开展专题调研9次，实行清单化管理", draft, {"清单化管理"},
                          heading="聚焦中心大局，在调查研究上再发力")
    assert out == ["常态化开展专题调研"]  # 深化调查研究 repeats the heading; 清单化管理 another item's
    long = "严格执行公文审核把关制度"
    assert measure_clauses("", "严格执行公文审核把关制度", long, set()) == []  # would copy 8 characters


def test_measure_sentence_joins_two_clauses_on_different_objects_and_verbs():
    clauses = ["深化调查研究", "深化调研成果转化", "常态化开展专题调研"]
    assert measure_sentence(clauses) == "深化调查研究和调研成果转化"  # 专题调研 restates 调查研究
    assert measure_sentence(["加快调研成果转化", "提升政务信息质量"]) == "加快调研成果转化，提升政务信息质量"
    # a word of substance said in both clauses reads as one thing said twice (诉求 … 诉求, 调研 … 调研)
    assert measure_sentence(["提升诉求办理质效", "加强诉求源头排查"]) == "提升诉求办理质效"
    assert measure_sentence(["加快调研成果转化", "常态化开展专题调研"]) == "加快调研成果转化"
    assert measure_sentence(["优化党组会议筹备流程", "提高办公会议议事效率"]) == "优化党组会议筹备流程"
    # research said twice in other words
    assert measure_sentence(["聚焦学科建设开展前瞻性研究", "深化调查研究"]) == "聚焦学科建设开展前瞻性研究"


def test_measure_sentence_leaves_out_a_clause_that_restates_the_other():
    # one work said twice: its head opens the other object, or is the other's short form
    assert measure_sentence(["深化调查研究", "常态化开展专题调研"]) == "深化调查研究"
    assert measure_sentence(["深化学习教育", "常态化开展集中学习"]) == "深化学习教育"
    assert measure_sentence(["提升调研深度", "常态化开展专题调研"]) == "提升调研深度"
    assert measure_sentence(["优化人员结构", "常态化开展集中学习"]) == "优化人员结构，常态化开展集中学习"
    assert object_of("常态化开展专题调研") == "专题调研"


def test_a_practice_is_not_cut_inside_people_named_together():
    # 纳税人缴费人诉求 is one object: never 缴费人诉求
    out = summary_continuations("建立纳税人缴费人诉求快速响应机制，全年处理诉求300件。")
    assert out and all("缴费人" not in c or "纳税人缴费人" in c for c in out)


# ---- second clauses: standing practices, research topics, the draft's own routine
def test_a_standing_practice_needs_an_anchor_in_the_dimension_text():
    from pipeline.generate.remedies import standing_clauses

    text = "督办台账动态更新，个别事项推进偏慢。"
    got = standing_clauses("督查落实", text, text, set())
    assert "对进度滞后事项及时预警、限期整改" in got and "实行督办事项办结销号管理" in got
    assert "加大实地督查和随机暗访比重" not in got  # the text never speaks of 实地, 暗访, 现场
    assert standing_clauses("督查落实", "全年召开会议12次", "全年召开会议12次", set()) == []


def test_a_standing_practice_takes_the_drafts_own_word():
    from pipeline.generate.remedies import standing_clauses

    text = "选派年轻员工到基层支行挂职锻炼。"
    got = standing_clauses("队伍建设", text, text, set())
    assert got[0] == "加强年轻员工培养锻炼"  # the draft's word (员工, not 干部) first


def test_research_goes_on_with_the_summarys_topics_without_copying():
    from pipeline.generate.remedies import topic_clauses

    text = "围绕普惠金融、科技金融、县域金融等重点领域开展专题调研11次。"
    got = topic_clauses(text, text, set())
    # 普惠金融、县域金融 would copy 金融、县域金融等; one topic alone stands for its kind
    assert got == ["聚焦普惠金融等重点课题开展前瞻性研究"]
    text = "聚焦产业链招商、城市更新、县域经济等课题，组织专题调研12次。"
    assert topic_clauses(text, text, set()) == ["围绕产业链招商、县域经济等方面开展前瞻性研究"]
    # not the heading's own verb
    assert topic_clauses(text, text, set(), heading="围绕中心大局，在参谋辅政上出新招") == \
        ["紧扣产业链招商、县域经济等方面开展前瞻性研究"]
    assert topic_clauses("全年开展专题调研12次。", "全年开展专题调研12次。", set()) == []


def test_a_practice_already_routine_is_made_lasting_and_motions_are_named_together():
    from pipeline.generate.remedies import continuation

    draft = "院领导每周带队开展行政查房，全年解决问题80个。"
    assert continuation("行政查房", draft) == "健全行政查房长效机制"
    assert continuation("行政查房", "开展行政查房6次") == "常态化开展行政查房"
    draft = "办理人大代表建议41件、政协委员提案57件。"
    assert continuation("人大代表建议", draft) == "提高建议提案办理质量"
    assert continuation("人大代表建议", "办理人大代表建议41件") == "提高人大代表建议办理质量"


def test_a_hotline_is_carried_on_only_where_the_office_takes_its_calls():
    assert continuation("便民热线", "便民热线全年受理来电3200件，办结率98%。") == "提升便民热线诉求办理质效"
    assert continuation("便民热线", "深化110与12345便民热线对接联动，分流非警务求助。") is None
