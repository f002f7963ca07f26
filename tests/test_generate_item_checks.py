"""Plan items a writer would paste: one test per class of defect seen in blind ratings.

Every draft and sentence here was written for these tests.
"""

from __future__ import annotations

import pytest

from pipeline.dimensions.taxonomy import load_taxonomy
from pipeline.document import Document
from pipeline.generate import item_checks as ic
from pipeline.generate.frames import parse_pattern
from pipeline.generate.generator import Generator, composed
from pipeline.generate.phrases import Phrase
from pipeline.generate.remedies import continuation, measure_sentence
from pipeline.stages import run_stages

TAX = load_taxonomy()

# A summary without a plan: 综合协调 reports no practice of its own, 信访维稳 one already opened.
DRAFT = """某局办公室2025年工作总结
一、主要工作
一是参谋辅政更加有力。围绕中心工作开展专题调研6次，起草综合文稿40篇，编发政务信息120条。
二是督查落实更加到位。建立重点任务督办台账，开展专项督查4次，全年督办事项80件。
三是综合协调更加顺畅。坚持统筹兼顾，各方面工作协调有序。
四是信访维稳更加扎实。开通群众投诉专线，开展矛盾纠纷排查，全年化解信访积案5件。
二、存在的问题
一是调研成果转化还不够充分；二是督查手段还比较单一。
"""


@pytest.fixture(scope="module")
def items():
    doc = Document(DRAFT)
    run_stages(doc, ["dimensions"])
    return {s.dimension: s for s in Generator(doc).plan_items()}


def _dim(name: str):
    return TAX.by_name[name]


# ------------------------------------------------------------ 1. generic measures
@pytest.mark.parametrize(("clause", "dim"), [
    ("健全综合协调工作机制", "综合协调"), ("加大协调推进力度", "综合协调"), ("健全信访维稳工作机制", "信访维稳"),
    ("健全服务保障工作机制", "服务保障"), ("提升信访工作", "信访维稳"),
])
def test_a_measure_that_only_names_the_area_is_generic(clause, dim):
    assert ic.generic(clause, _dim(dim))


@pytest.mark.parametrize(("clause", "dim"), [
    ("完善督办台账", "督查落实"), ("规范公务接待管理", "服务保障"), ("丰富督查问效手段", "督查落实"),
    ("精简会议文件", "综合协调"),
])
def test_a_measure_with_a_thing_of_the_draft_is_not_generic(clause, dim):
    assert not ic.generic(clause, _dim(dim))


def test_no_generic_measure_is_emitted_and_an_area_without_practices_gets_no_item(items):
    for s in items.values():
        if s.best is not None:
            assert not any(ic.generic(c, _dim(s.dimension)) for c in s.best.measure.split("，"))
    # 综合协调 reports nothing concrete: no item rather than 健全综合协调工作机制
    assert items["综合协调"].best is None


# ------------------------------------------------------------ 2. thin measures
def test_practices_make_two_clauses_before_a_remedy_that_turns_the_problem_round(items):
    measure = items["参谋辅政"].best.measure
    clauses = measure.split("，")
    assert len(clauses) == 2
    # 加大调研成果转化力度 only says 调研成果转化还不够充分 the other way round: raters send it back, so it
    # comes after the practices the draft reports, carried on
    assert "加大调研成果转化力度" not in clauses
    assert any(c == "聚焦中心工作等重点课题开展前瞻性研究" or "综合文稿" in c for c in clauses)


def test_a_turning_verb_over_the_problems_own_words_restates_it():
    problems = "一是督办问效的刚性约束还不够强；二是信息化手段运用不够充分；三是人员结构不够合理。"
    assert ic.restates_problem("增强督办问效刚性约束", problems)
    assert ic.restates_problem("加大信息化手段运用力度", problems)
    assert ic.restates_problem("提高后勤保障精细化程度")  # a degree, whatever the problems say
    assert not ic.restates_problem("优化人员结构", problems)  # 优化 names a way of working
    assert not ic.restates_problem("增强督办问效刚性约束", "")  # nothing to compare with
    assert not ic.restates_problem("常态化开展专项督查", problems)


def test_one_verb_takes_two_objects_when_no_second_verb_is_there():
    assert measure_sentence(["常态化开展专题培训", "常态化开展实战大练兵"]) == "常态化开展专题培训和实战大练兵"
    # one object said twice is not two measures
    assert measure_sentence(["优化公文运转流程", "推动公文运转更加高效"]) == "优化公文运转流程"


# ------------------------------------------------------------ 3. repetition
@pytest.mark.parametrize(("heading", "fillers", "measure"), [
    ("坚持跟踪问效，在决策落实上求突破", ["跟踪问效", "决策落实"], "强化督办事项跟踪问效"),
    ("突出优质高效，提升服务保障水平", ["优质高效", "服务保障"], "提高服务保障精细化程度"),
    ("坚持高效运转，在综合协调上求突破", ["高效运转", "综合协调"], "推动会议运转更加高效"),
    ("聚焦精细服务，在服务保障上再发力", ["精细服务", "服务保障"], ""),  # 服务 twice in the heading
])
def test_repeated_words_are_caught(heading, fillers, measure):
    assert ic.repeats(heading, fillers, measure)


def test_a_quality_that_echoes_its_subject_is_caught():
    assert ic.repeats("跟踪问效更加高效", ["跟踪问效", "高效"], "", "高效", "跟踪问效")


def test_related_words_are_not_repetition():
    heading = "坚持闭环管理，在跟踪问效上求突破"
    assert ic.repeats(heading, ["闭环管理", "跟踪问效"], "丰富督查方式，完善督办台账") is None


def test_no_emitted_item_repeats_itself(items):
    for s in items.values():
        if s.best is not None:
            assert ic.repeats(s.best.text, s.best.fillers, s.best.measure) is None, s.best.line


# ------------------------------------------------------------ 4. heading and measure about one thing
def test_a_narrow_sub_topic_needs_a_measure_about_it():
    team = _dim("队伍建设")
    assert ic.off_topic(["理论学习"], "常态化开展实战大练兵", team)
    assert ic.off_topic(["作风建设", "过硬"], "常态化开展专题培训", team)
    assert not ic.off_topic(["理论学习"], "常态化开展集中学习", team)
    # a name as wide as the area takes any of its measures
    assert not ic.off_topic(["统筹协调", "顺畅"], "精简会议文件", _dim("综合协调"))


# ------------------------------------------------------------ 5. predicates the corpora pair
@pytest.mark.parametrize(("subject", "predicate", "fits"), [
    ("理论学习", "过硬", False), ("安保维稳", "顺畅", False), ("服务保障", "新变化", False),
    ("源头化解", "精细", False), ("公文运转", "高效", True), ("督查落实", "有力", True),
])
def test_subject_and_predicate_by_corpus_counts(subject, predicate, fits):
    if not ic.predicate_counts()[0]:
        pytest.skip("models/generate/collocations.json has no predicate counts")
    assert ic.predicate_fits(subject, predicate) is fits


def test_a_long_slot_is_not_filled_with_an_unseen_predicate():
    if not ic.predicate_counts()[0]:
        pytest.skip("models/generate/collocations.json has no predicate counts")
    texts = [p.text for p in composed([Phrase("安保维稳", "name")], 8, 8)]
    assert "安保维稳更加顺畅" not in texts and texts


def test_heading_predicates_are_read_from_the_frame():
    assert ic.heading_predicate(parse_pattern("[4]更加[2]"), ["理论学习", "过硬"]) == ("理论学习", "过硬")
    assert ic.heading_predicate(parse_pattern("[4]有新[2]"), ["服务保障", "变化"]) == ("服务保障", "新变化")
    assert ic.heading_predicate(parse_pattern("强化[4]，[8]"), ["矛盾排查", "安保维稳更加顺畅"]) == ("安保维稳", "顺畅")
    assert ic.heading_predicate(parse_pattern("坚持[4]，在[4]上求突破"), ["以人为本", "信访维稳"]) is None


# ------------------------------------------------------------ 6. headings that only name the area
def test_a_heading_that_only_names_the_area_is_caught():
    frame = parse_pattern("[4]更加[2]")
    quals = ic.quality_slots(frame)
    assert quals == {1}
    assert ic.area_only(["综合协调", "高效"], quals, _dim("综合协调"))
    assert ic.area_only(["统筹协调", "高效"], quals, _dim("综合协调"))  # a stock sub-topic as wide
    assert not ic.area_only(["公文运转", "高效"], quals, _dim("综合协调"))


def test_emitted_headings_name_the_drafts_own_work(items):
    for s in items.values():
        if s.best is not None:
            frame = parse_pattern(s.frame)
            assert not ic.area_only(s.best.fillers, ic.quality_slots(frame), _dim(s.dimension)), s.best.line


# ------------------------------------------------------------ 7. facts of the draft
def test_a_practice_the_draft_reports_done_is_continued_not_introduced():
    assert continuation("投诉专线", "设立患者服务中心，开通投诉专线。") == "用好投诉专线"
    assert continuation("公文网上运转", "全面推行公文网上运转，全年运转公文380件。") == "巩固公文网上运转成果"
    assert continuation("投诉专线") == "畅通投诉专线"  # nothing says it is there yet
    assert ic.introduces_done("畅通投诉专线", "开通投诉专线")
    assert not ic.introduces_done("用好投诉专线", "开通投诉专线")


def test_emitted_measures_continue_what_is_done_and_carry_no_figures(items):
    line = items["信访维稳"].best.measure
    assert "用好群众投诉专线" in line and "畅通" not in line
    for s in items.values():
        if s.best is not None:
            assert not any(ch.isdigit() for ch in s.best.line)


# ---- heading verb and approach: the corpora's words before each approach decide
@pytest.mark.parametrize("verb, approach, fits", [
    ("坚持", "严管厚爱", True),   # a principle, kept to
    ("聚焦", "严管厚爱", False),  # a principle is not put in focus
    ("坚持", "高效运转", False),  # an outcome (机关高效运转) is not kept to
    ("聚焦", "高效运转", True),
    ("突出", "跟踪问效", True),   # seen together
    ("坚持", "闭环管理", True),   # no evidence against it
])
def test_heading_verb_takes_its_approach(verb, approach, fits):
    if not ic.approach_lefts():
        pytest.skip("models/generate/collocations.json has no approach_left counts")
    assert ic.approach_verb_fits(verb, approach) is fits


def test_no_plan_heading_pairs_a_verb_with_an_approach_it_does_not_take(items):
    for sug in items.values():
        if sug.best is None:
            continue
        frame = parse_pattern(sug.frame)
        from pipeline.generate.frames import literal_before as _before

        assert all(ic.approach_verb_fits(_before(frame, j)[-2:], f) for j, f in enumerate(sug.best.fillers))


# ---- thin measure: the heading's approach made concrete on the draft's own object
def test_approach_clause_uses_the_drafts_own_object():
    from pipeline.generate.remedies import approach_clause, draft_objects

    text = "对局务会议定的重点任务建立台账，开展专项督查。"
    assert draft_objects(text, ("任务",)) == ["重点任务"]
    assert approach_clause("闭环管理", text, text, set()) == "对重点任务实行清单化管理、销号式推进"
    # no object the approach applies to: no clause (never a stock object)
    assert approach_clause("闭环管理", "开展专项督查四次。", "", set()) is None
    # a verb before the head is not part of the object (紧盯任务)
    assert draft_objects("紧盯任务抓督办。", ("任务",)) == []
    # an object another item already names is not used again
    assert approach_clause("闭环管理", text, text, {"重点任务"}) is None


def test_approach_clause_takes_a_thing_named_alone():
    from pipeline.generate.remedies import approach_clause

    assert approach_clause("勤俭节约", "加强食堂管理，压减公务支出。", "", set()) == "加强食堂成本核算"


def test_a_plan_measure_has_two_clauses_where_the_heading_approach_gives_one(items):
    best = items["督查落实"].best
    assert best is not None and "，" in best.measure, best.line


# ---- heading and measure on different things
def test_an_approach_about_costs_needs_a_measure_about_them():
    dim = _dim("服务保障")
    assert ic.approach_mismatch(["勤俭节约", "服务保障"], "常态化开展行政查房", dim)
    assert not ic.approach_mismatch(["勤俭节约", "服务保障"], "规范公务用车管理", dim)
    # a principle of care and discipline is not a measure about staffing or study
    assert ic.approach_mismatch(["严管厚爱", "队伍建设"], "优化办公室人员结构", _dim("队伍建设"))
    assert not ic.approach_mismatch(["素质过硬", "队伍建设"], "常态化开展业务培训", _dim("队伍建设"))
    # an approach to supervision fits a measure about supervision
    assert not ic.approach_mismatch(["闭环管理", "督查落实"], "常态化开展专项督查", _dim("督查落实"))


def test_every_approach_of_the_taxonomy_says_what_it_is_about():
    from pipeline.dimensions.taxonomy import load_taxonomy
    from pipeline.generate.remedies import APPROACH_SCOPE

    missing = [a for d in load_taxonomy().dimensions for a in d.approaches if a not in APPROACH_SCOPE]
    assert not missing, missing


# ---- a measure that only turns the problem round
def test_a_remedy_of_degree_only_restates_the_problem():
    assert ic.restates_problem("提高后勤保障精细化程度")
    assert ic.restates_problem("增强节约意识")
    assert not ic.restates_problem("规范公务用车管理")
    assert not ic.restates_problem("加大调研成果转化力度")  # a practice: results put to use


# ---- the draft's own term for the area
def test_a_draft_without_the_areas_name_keeps_its_own_work_name(items):
    from pipeline.generate.draft_plan import DraftWords

    doc = Document(DRAFT)
    run_stages(doc, ["dimensions"])
    gen = Generator(doc)
    heading = "关口前移抓化解，投诉处理有温度"
    own = "某医院办公室：开通患者投诉专线，全年受理投诉300件。"
    names = [p.text for p in gen._work_names(_dim("信访维稳"), DraftWords(), own, [], False, heading)]
    assert "投诉处理" in names
    # a draft that says 信访 itself keeps the area's name
    said = own + "做好信访接待。"
    assert "投诉处理" not in [p.text for p in gen._work_names(_dim("信访维稳"), DraftWords(), said, [], False, heading)]


# ---- the heading's own word said again; a name the draft never uses
def test_a_heading_word_said_again_in_the_measure_is_an_echo():
    dim = _dim("综合协调")
    assert ic.echo("坚持统筹兼顾，在运转调度上下功夫", ["统筹兼顾", "运转调度"], "统筹安排党委会议", dim) == "统筹"
    assert ic.echo("突出规范运转，提升综合协调水平", ["规范运转", "综合协调"], "规范系统公文处理", dim) == "规范"
    # the work the heading names may come back: that is what the measure is about
    assert ic.echo("坚持统筹兼顾，在公文运转上下功夫", ["统筹兼顾", "公文运转"], "优化公文运转流程", dim) is None


def test_a_work_name_the_draft_never_uses_is_unsaid():
    dim = _dim("信访维稳")
    draft = "畅通纳税人缴费人诉求渠道，全年办理投诉120件。"
    assert ic.unsaid(["以人为本", "信访维稳"], set(), dim, draft) == "信访维稳"
    assert ic.unsaid(["以人为本", "诉求办理"], set(), dim, draft + "诉求办理") is None
    # the area's own name needs only one of its halves (队伍 for 队伍建设)
    assert ic.unsaid(["素质过硬", "队伍建设"], set(), _dim("队伍建设"), "干部队伍素质稳步增强") is None
    # a sub-topic needs both (信息调研 for an office that never says 调研)
    assert ic.unsaid(["服务决策", "信息调研"], set(), _dim("参谋辅政"), "编发警情信息80期") == "信息调研"


# ---- one clause the heading's approach is not about: no item
RENDA = """某区人大办公室2025年工作总结
一、主要工作
一是参谋辅政更加有力。围绕中心工作开展专题调研6次，起草综合文稿40篇。
二是服务保障更加周到。组织代表履职培训3期，参训代表210人次。
二、存在的问题
一是调研成果转化还不够充分。
"""


def test_a_thin_measure_the_approach_is_not_about_fails():
    from pipeline.generate.generator import Candidate

    doc = Document(RENDA)
    run_stages(doc, ["dimensions"])
    gen = Generator(doc)
    ctx = gen.plan_context()
    gen._used_objects = set()
    cands = [Candidate("坚持勤俭节约，在服务保障上求突破", ["勤俭节约", "服务保障"], ["generic", "name"], "服务保障",
                       0.9, {"fits": True}),
             Candidate("服务保障更加周到", ["服务保障", "周到"], ["name", "heading"], "服务保障", 0.9, {"fits": True})]
    gen._add_measures(cands, "服务保障", ctx)
    by_text = {c.text: c for c in cands}
    costs = by_text["坚持勤俭节约，在服务保障上求突破"]
    assert "，" not in costs.measure and costs.checks["measure_fits"] is False, costs.measure
    assert by_text["服务保障更加周到"].checks["measure_fits"] is True


def test_the_drafts_own_name_for_the_area_goes_first():
    dim = _dim("信访维稳")
    assert ic.passes_over_own_name(["信访维稳", "矛盾排查"], ["安保维稳", "重大活动安全有序"], dim)
    assert not ic.passes_over_own_name(["安保维稳", "矛盾排查"], ["安保维稳", "重大活动安全有序"], dim)
    # a summary heading without a name of its own for the area leaves the taxonomy's
    assert not ic.passes_over_own_name(["信访维稳", "矛盾排查"], ["矛盾化解", "群众满意"], dim)


def test_a_state_reached_is_not_a_principle_kept_to():
    assert not ic.approach_verb_fits("坚持", "素质过硬")
    assert not ic.approach_verb_fits("坚持", "优质高效")
    assert ic.approach_verb_fits("突出", "素质过硬")
    assert ic.approach_verb_fits("坚持", "从严从实")
