"""One definition of "the plan lacks dimension X": RL601 and the plan-item generator read the same gaps.

The drafts here were written for these tests.
"""

from __future__ import annotations

from pipeline.config import Options
from pipeline.dimensions import model as dim_model
from pipeline.document import Document
from pipeline.generate.generator import Generator
from pipeline.lint import active_rules, lint_text
from pipeline.stages import run_stages

# 队伍建设 is reported in its own section after the main summary series, and the plan leaves it out.
TEAM_APART = """某县政府办公室2025年工作总结
一、主要工作
一是参谋辅政更加精准。围绕县委县政府中心工作开展专题调研8次，起草综合文稿46篇，编发政务信息280条。
二是督查落实更加有力。建立重点任务督办台账，全年督办事项88件，办结率96%。
三是综合协调更加顺畅。统筹安排县政府常务会议22次，精简会议文件，公文运转提速。
二、加强自身建设
坚持把队伍建设摆在突出位置，组织支部理论学习24次，开展业务培训6期，选派3名年轻干部到信访一线锻炼，干部作风明显转变。
三、下步工作打算
第一，抓好参谋辅政，在服务决策上实现再进一步。围绕中心工作深化专题调研，提高综合文稿质量。
第二，抓好督查落实，在跟踪问效上实现再进一步。完善督办台账，推动重点任务按期办结。
第三，抓好综合协调，在高效运转上实现再进一步。继续精简会议文件，优化公文运转流程。
"""

# Every dimension the summary reports has its plan item.
COVERED = TEAM_APART.replace(
    "第三，抓好综合协调，在高效运转上实现再进一步。继续精简会议文件，优化公文运转流程。\n",
    "第三，抓好综合协调，在高效运转上实现再进一步。继续精简会议文件，优化公文运转流程。\n"
    "第四，抓好队伍建设，在素质提升上实现再进一步。加强理论学习和业务培训，选派干部到基层锻炼。\n",
)


def _doc(text: str) -> Document:
    doc = Document(text)
    run_stages(doc, ["genre", "dimensions"])
    return doc


def test_the_dimensions_stage_leaves_the_gaps() -> None:
    gaps = _doc(TEAM_APART).plan_gaps
    assert [g.dimension for g in gaps] == ["队伍建设"]
    assert gaps[0].sure
    assert _doc(COVERED).plan_gaps == []


def test_rule_and_generator_agree_on_what_is_missing() -> None:
    """RL601 warns about 队伍建设, and the generator proposes an item for it: the rule's proposal is filled."""
    doc = lint_text(TEAM_APART, select=["RL601"])
    [f] = doc.findings
    assert "队伍建设" in f.message
    assert "如：“" in f.suggestion  # the generator's plan line, not the plain fallback text
    gen = Generator(_doc(TEAM_APART))
    assert gen.plan_context().missing == ["队伍建设"]
    assert lint_text(COVERED, select=["RL601"]).findings == []
    assert Generator(_doc(COVERED)).plan_context().missing == []


def test_no_plan_part_every_reported_dimension_is_a_gap() -> None:
    text = TEAM_APART.split("三、下步工作打算")[0]
    doc = _doc(text)
    assert [g.dimension for g in doc.plan_gaps] == ["参谋辅政", "督查落实", "综合协调", "队伍建设"]
    assert lint_text(text, select=["RL601"]).findings == []  # RL601 speaks of a plan that exists


def test_rules_do_not_run_the_classifier_again(monkeypatch) -> None:
    """The classifier runs in the dimensions stage only; the RL6xx rules read its results."""
    doc = Document(TEAM_APART)
    run_stages(doc, ["genre", "dimensions"])
    calls = []
    real = dim_model.DimensionModel.predict

    def counting(self, *args, **kwargs):
        calls.append(args)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(dim_model.DimensionModel, "predict", counting)
    findings = [f for r in active_rules(Options(select=["RL6"])) for f in r.func(doc)]
    assert any(f.code == "RL601" for f in findings)
    assert calls == []
    Generator(doc).plan_items()
    assert calls  # the counter does see a reading: the generator ranks its slot phrases with the classifier
