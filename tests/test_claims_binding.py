"""Claim binding (subject, period kind, scope, status) and the checks that compare only bound-alike figures.

The real corpus holds few instances of these classes, so each is shown on sentences
written in the style of office reports and government work reports, both ways: the
check fires on a real slip and stays silent where the figures measure different things.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pipeline.document import Document
from pipeline.lint import lint_text
from pipeline.stages import run_stages


def ledger(text: str):
    doc = Document(text)
    run_stages(doc, ["claims"])
    return doc.claims


def by_raw(text: str) -> dict:
    return {c.raw: c for c in ledger(text)}


def codes(text: str, select: str = "RL3") -> set[str]:
    doc = lint_text(text, select=[select])
    return {f.code for f in doc.findings if f.severity != "info"}


# --- binding -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,subjects", [
    ("城镇和农村居民人均可支配收入分别增长5.1%和7.3%。",
     {"5.1%": "城镇居民人均可支配收入", "7.3%": "农村居民人均可支配收入"}),
    ("全市城镇居民人均可支配收入52300元，农村居民人均可支配收入26100元，分别增长4.6%和6.8%。",
     {"4.6%": "全市城镇居民人均可支配收入", "6.8%": "农村居民人均可支配收入"}),
    ("进出口总额和出口额分别达到860亿元、520亿元，分别增长8.2%和9.5%。",
     {"860亿元": "进出口总额", "520亿元": "出口额", "8.2%": "进出口总额", "9.5%": "出口额"}),
    ("一般公共预算收入与税收收入分别完成210亿元和165亿元。", {"210亿元": "一般公共预算收入", "165亿元": "税收收入"}),
])
def test_fenbie_items_bind_in_order(text, subjects):
    got = by_raw(text)
    for raw, subject in subjects.items():
        assert got[raw].subject == subject, (raw, got[raw].subject)


@pytest.mark.parametrize("text,subject", [
    ("全省规上工业增加值增长6.8%。", "全省规上工业增加值"),
    ("研发投入强度达到2.6%。", "研发投入强度"),
    ("中央财政安排扶贫资金122亿元。", "中央财政"),
    ("确定160个重点帮扶村。", "重点帮扶村"),
    ("资助家庭困难学生1.2万人次。", "家庭困难学生"),
])
def test_subject_of_a_clause(text, subject):
    (c,) = ledger(text)
    assert c.subject == subject


@pytest.mark.parametrize("text,raw,status", [
    ("今年主要预期目标是：地区生产总值增长5.5%左右；城镇新增就业6万人；居民消费价格涨幅3%左右。", "6万人", "target"),
    ("力争全年完成固定资产投资1200亿元。", "1200亿元", "target"),
    ("到2030年，森林覆盖率达到45%。", "45%", "target"),
    ("今年拟安排专项债券额度80亿元。", "80亿元", "target"),
    ("计划于年底前新建口袋公园30个。", "30个", "target"),
    ("全年完成固定资产投资1180亿元，低于1200亿元的预期目标。", "1200亿元", "target"),
    ("全年完成固定资产投资1180亿元，低于1200亿元的预期目标。", "1180亿元", "achieved"),
    ("退出煤炭产能2.9亿吨，超额完成年度目标任务。", "2.9亿吨", "achieved"),
    ("研发经费投入强度由2020年的1.8%提高到2024年的2.3%。", "2.3%", "achieved"),
    ("全年受理群众来信来访1260件。", "1260件", "achieved"),
])
def test_status(text, raw, status):
    assert by_raw(text)[raw].status == status


def test_plan_part_is_target_unless_it_restates_a_result():
    text = ("一、2025年工作总结\n全年受理投诉举报23460件。\n二、2026年工作计划\n"
            "新建便民服务站12个。\n在全年23460件投诉举报的基础上，深入分析投诉热点。\n")
    got = ledger(text)
    status = {c.raw: c.status for c in got}
    assert status["12个"] == "target"
    assert [c.status for c in got if c.raw == "23460件"] == ["achieved", "achieved"]


@pytest.mark.parametrize("text,raw,kind,scope", [
    ("上半年受理诉求3260件。", "3260件", "part", ""),
    ("1—10月，全市实现招商引资到位资金126亿元。", "126亿元", "part", ""),
    ("五年来累计新增城镇就业62万人。", "62万人", "multi", "cumulative"),
    ("“十四五”时期，全市新建改建农村公路1860公里。", "1860公里", "multi", "cumulative"),
    ("地区生产总值年均增长6.1%。", "6.1%", "multi", "average"),
    ("全年编发《政务信息》54期。", "54期", "year", ""),
    ("2013年以来，累计改造老旧小区420个。", "420个", "multi", "cumulative"),
])
def test_period_kind_and_scope(text, raw, kind, scope):
    c = by_raw(text)[raw]
    assert (c.period_kind, c.scope) == (kind, scope)


def test_new_fields_in_json_and_cli(tmp_path):
    from pipeline.claims.cli import claims

    f = tmp_path / "a.txt"
    f.write_text("今年主要预期目标是：地区生产总值增长5.5%左右；城镇新增就业6万人。\n", encoding="utf-8")
    res = CliRunner().invoke(claims, [str(f), "--format", "json"])
    assert res.exit_code == 0, res.output
    row = json.loads(res.output)[0]["claims"][-1]
    assert (row["subject"], row["status"], row["period_kind"], row["scope"]) == ("城镇新增就业", "target", "year", "")
    table = CliRunner().invoke(claims, [str(f)]).output
    assert "目标" in table and "主体" in table


# --- RL302: which rates are capped ---------------------------------------------------------------

@pytest.mark.parametrize("text,fires", [
    ("交办事项办结率达102%。", True),
    ("城乡居民医保参保率达101.2%。", True),
    ("检查发现问题整改完成率达103%。", True),
    ("政务服务事项网上可办比例为100.6%。", True),
    ("年度计划完成率达112%。", False),
    ("全年重点项目投资完成率103.5%，超额完成年度任务。", False),
    ("招商引资任务完成率为126%。", False),
    ("目标任务完成率达到108%。", False),
    ("全年税收收入同比增长率108%。", False),
    ("粮食播种面积完成省下达任务的103%。", False),
])
def test_rate_over_100(text, fires):
    assert ("RL302" in codes(text, "RL302")) is fires


# --- RL303: parts that should make up the total --------------------------------------------------

@pytest.mark.parametrize("text,fires", [
    ("共受理信访件120件，分别为来信50件、来访40件、网上信访20件。", True),
    ("共受理信访件120件，分别为来信50件、来访40件、网上信访30件。", False),
    ("全年共组织培训45期（市本级12期、区县28期）。", True),
    ("全年共组织培训40期（市本级12期、区县28期）。", False),
    ("全年共受理信访事项312件：来信106件，来访98件，网上信访96件。", True),
    ("城区发放补贴320万元、东乡镇210万元、西乡镇180万元，合计690万元。", True),
    ("城区发放补贴320万元、东乡镇210万元、西乡镇180万元，合计710万元。", False),
    ("全年共收文986件，其中上级党委文件312件、上级政府文件428件、县直部门文件236件。", True),
    # 其中 naming a few, or examples: silent
    ("全年共发放补贴860万元，其中城区120万元、东乡镇90万元等。", False),
    ("共培训干部500人次，其中处级干部80人次、科级干部200人次。", False),
    ("全年共办理民生实事1000件，其中教育类400件、医疗类300件、东乡镇250件。", False),
    ("共接待来访群众300人次（如城区120人次、东乡镇80人次）。", False),
    # parts of another period, or a total of another scope
    ("全年共接待来访群众300人次，其中上半年120人次、下半年150人次。", True),
    ("五年来累计培训1200人次，其中今年260人次、去年240人次。", False),
])
def test_sum_mismatch(text, fires):
    assert ("RL303" in codes(text, "RL303")) is fires


# --- RL304: one metric, two values, only when bound alike ----------------------------------------

@pytest.mark.parametrize("text,fires", [
    ("全年编发《政务信息》5期。\n信息工作扎实，全年共编发《政务信息》54期。", True),
    # a target list after the results: the same words, another status (its later items carry no target word)
    ("全年改造老旧小区18个。\n今年主要目标是：新建便民服务站15个；改造老旧小区20个。", False),
    ("全年改造老旧小区18个。\n今年改造老旧小区20个。", True),
    # a plan restating a figure against the result
    ("全年受理投诉举报23460件。\n下一步，力争受理投诉举报25000件。", False),
    # the items of a 分别 list against the whole
    ("市本级和各县区分别受理信访事项320件和460件。\n全年受理信访事项780件。", False),
])
def test_metric_conflict(text, fires):
    assert ("RL304" in codes(text, "RL304")) is fires


# --- RL305: arithmetic only on nominal figures of one subject ------------------------------------

@pytest.mark.parametrize("text,fires", [
    ("上报专报由上年的240篇增至300篇，增长20%。", True),
    ("办理时限由5天压缩至3天，缩短了1天。", True),
    # real growth: comparable prices, stated in a clause of its own or by convention
    ("地区生产总值由3120亿元增加到3480亿元，按可比价格计算，增长6.2%。", False),
    ("地区生产总值由3120亿元增加到3480亿元，增长6.2%。", False),
    ("规上工业增加值由820亿元增至905亿元，增长7.4%。", False),
    ("居民人均可支配收入由38000元增至40100元，扣除价格因素，实际增长4.1%。", False),
    ("全市一般公共预算收入由180亿元增至200亿元，年均增长5.4%。", False),
    # a 分别 list: each change belongs to its own item
    ("城镇和农村居民人均可支配收入分别由48000元和22000元增加到50400元和23540元，分别增长5%和7%。", False),
    ("城镇居民人均可支配收入50400元，农村居民人均可支配收入23540元，分别增长5%和7%。", False),
])
def test_change_arithmetic(text, fires):
    assert ("RL305" in codes(text, "RL305")) is fires


@pytest.mark.parametrize("text,fires", [
    # a breakdown that lists every part needs no 共 before the total
    ("全年受理信访事项312件，分别为来信106件、来访98件、网上信访96件。", True),
    ("全年组织业务培训45期（市本级12期、区县28期）。", True),
    ("全年组织业务培训40期（市本级12期、区县28期）。", False),
    # a 其中 list without 共 may be partial
    ("全年受理信访事项312件，其中来信106件、来访98件。", False),
    # a bracket giving examples or a change
    ("建成5G基站1200个（如城区800个、乡镇300个）。", False),
    ("全年受理诉求1250件（同比增加120件）。", False),
])
def test_sum_mismatch_without_total_word(text, fires):
    assert ("RL303" in codes(text, "RL303")) is fires


@pytest.mark.parametrize("text,raw", [
    ("明年，新建便民服务站15个。", "15个"),
    ("下一步，计划新建口袋公园20个。", "20个"),
    ("2026年计划完成棚户区改造1200户。", "1200户"),
])
def test_next_year_plans_are_targets(text, raw):
    assert by_raw(text)[raw].status == "target"
