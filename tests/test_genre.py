"""Genre recognition on short documents written for these tests, and what the genre switches."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.document import Document
from pipeline.genre import GENRES, Genre, detect_genre
from pipeline.lint import lint_text
from pipeline.stages import run_stages


def genre_of(text: str) -> Genre:
    doc = Document(text)
    run_stages(doc, ["genre"])
    return doc.genre


BODY = ("一是参谋辅政更到位。全年起草各类文稿120篇，编发政务信息50期。\n"
        "二是督查落实更有力。建立督办台账，会议议定事项办结率98%。\n"
        "三是服务保障更精细。全年承办会议86场，接待来访考察32批次。\n")

CASES = {
    "工作总结": [
        "青川县人民政府办公室2025年工作总结\n2025年，县政府办公室在县委、县政府的坚强领导下，较好完成了全年任务。"
        "现将有关情况总结如下。\n" + BODY,
        "市档案馆办公室关于2025年度工作情况的报告\n一年来，馆办公室围绕中心、服务大局，各项工作有序推进。\n" + BODY,
        # a speech, a government report and a notice named in the body do not make it one
        "国际交流合作处2025年工作总结\n今年，处里认真落实县政府工作报告部署，全力做好各项服务工作。\n" + BODY,
        "区政府办公室2025年工作总结\n全年认真贯彻县长在全县经济工作会议上的讲话精神，按通知要求推进各项工作。\n" + BODY
        + "以上总结，特此报告。",
    ],
    "半年总结": [
        "市住建局办公室2025年上半年工作总结\n今年上半年，局办公室紧扣年度目标，稳步推进各项工作。\n" + BODY,
        "今年上半年，局办公室紧扣年度目标，稳步推进各项工作。现将有关情况总结如下。\n" + BODY,
    ],
    "汇报材料": [
        "关于县委办公室2025年工作情况的汇报\n各位领导：\n下面，我就县委办公室今年以来的工作情况作简要汇报。\n" + BODY
        + "以上汇报，不妥之处请批评指正。",
    ],
    "交流材料": [
        "凝心聚力抓督查 真抓实干促落实\n——县政府办公室督查工作经验交流材料\n"
        "近年来，我们坚持把督查作为推动落实的重要抓手。\n" + BODY,
        "在全市办公室系统工作会议上的交流发言\n尊敬的各位领导：\n下面，我就区委办公室的几点做法作简要交流。\n" + BODY,
    ],
    "述职报告": [
        "2025年度个人述职报告\n本人自2023年3月起担任县委办公室副主任，分管文稿和督查工作。现将一年来履职情况报告如下。\n"
        + BODY + "以上述职，请予评议。",
        "县委办公室主任2025年度述职述廉报告\n一年来，我认真履行岗位职责，现将有关情况报告如下。\n" + BODY,
    ],
    "工作计划": [
        "县统计局办公室2026年工作要点\n2026年，局办公室工作的总体思路是：围绕中心，服务大局，提升三服务水平。\n"
        "一、强化以文辅政，全年编发统计信息60期。\n二、强化督查落实，建立重点任务台账。\n",
    ],
    "讲话稿": [
        "在全市办公室工作会议上的讲话\n同志们：\n今天我们召开全市办公室工作会议，主要任务是总结工作、部署任务。下面，我讲三点意见。\n"
        "一、充分肯定成绩\n过去一年，全市办公室系统参谋辅政更加有力，督查落实更加到位。\n"
        "二、抓好重点工作\n一是抓好督查落实。二是抓好信访维稳。三是抓好队伍建设。\n三、改进工作作风\n要力戒形式主义。\n谢谢大家！",
        # untitled: the salutation, the 讲三点意见 and the 谢谢大家 say it
        "同志们：\n这次会议很重要。我讲几点意见。\n一、提高站位\n各单位要高度重视。\n二、压实责任\n要层层传导压力。\n谢谢大家！",
        # a speech at a meeting that reviews the year's work is still a speech
        "在2025年度工作总结表彰大会上的讲话（摘要）\n同志们：\n一年来，大家辛勤工作，成绩来之不易。\n" + BODY,
    ],
    "政府工作报告": [
        "政府工作报告\n——2026年1月10日在青川县第十八届人民代表大会第六次会议上\n县长 张明\n各位代表：\n"
        "现在，我代表县人民政府，向大会报告工作，请予审议，并请县政协委员提出意见。\n一、2025年工作回顾\n"
        "过去一年，全县地区生产总值增长6.1%。\n二、2026年工作安排\n今年全县经济社会发展的主要预期目标是：地区生产总值增长6%左右。",
    ],
    "党代会报告": [
        "奋力谱写高质量发展新篇章\n——在中国共产党青川县第十五次代表大会上的报告\n同志们：\n"
        "现在，我代表中共青川县第十四届委员会向大会作报告。\n一、过去五年的工作回顾\n五年来，全县上下团结奋斗。",
    ],
    "公文": [
        "关于做好2026年元旦春节期间值班工作的通知\n各乡镇人民政府，县直各部门：\n为切实做好节日期间值班值守工作，现就有关事项通知如下：\n"
        "一、严格落实值班制度。\n二、及时报送重要信息。\n特此通知。",
        "县委办公室关于印发《2026年工作要点》的通知\n各乡镇党委，县直各单位：\n现将《2026年工作要点》印发给你们，请结合实际认真贯彻落实。",
        "关于2025年度政务信息工作情况的通报\n各部门：\n2025年，各部门积极报送政务信息。现将有关情况通报如下。\n一、总体情况\n二、存在问题",
        "关于分解落实2026年《政府工作报告》重点任务的通知\n各乡镇、县直各部门：\n现将重点任务分解如下，请认真抓好落实。",
        # untitled: the document number and the closing of a 请示
        "青政办发〔2025〕12号\n县交通运输局：\n你局报来的有关事项，经研究，现答复如下。\n一、原则同意实施方案。",
        "县委办公室：\n为做好全县档案数字化工作，拟购置扫描设备一批，所需经费列入明年预算。\n妥否，请批示。",
    ],
    "其他": [
        "今天天气很好。",
        "一、基本情况\n本项目位于城东片区，占地120亩。\n二、建设内容\n主要建设厂房和仓储设施。",
    ],
}


@pytest.mark.parametrize("name,text", [(n, t) for n, ts in CASES.items() for t in ts])
def test_each_genre_is_recognised(name, text):
    g = genre_of(text)
    assert g.name == name, (g, text[:30])
    assert g.office == GENRES[name].office
    assert 0.0 < g.confidence <= 0.99


def test_a_recognised_genre_is_not_mistaken_for_its_neighbours():
    names = {n: [genre_of(t).name for t in ts] for n, ts in CASES.items()}
    for name, got in names.items():
        assert set(got) == {name}
    # every genre except 其他 was recognised from at least one document
    assert set(names) == set(GENRES)


def test_confidence_grows_with_agreeing_cues():
    title_only = genre_of("关于县委办公室工作情况的汇报\n" + BODY)
    more = genre_of("关于县委办公室工作情况的汇报\n各位领导：\n下面，我就有关情况作简要汇报。\n" + BODY
                    + "以上汇报，请批评指正。")
    assert title_only.name == more.name == "汇报材料"
    assert more.confidence > title_only.confidence


def test_has_plan_follows_the_structure():
    with_plan = genre_of("县委办公室2025年工作总结\n一、主要工作\n" + BODY
                         + "二、下步打算\n一是抓好督查落实。二是抓好队伍建设。")
    without = genre_of("县委办公室2025年工作总结\n一、主要工作\n" + BODY)
    assert with_plan.has_plan and not without.has_plan
    assert with_plan.name == without.name == "工作总结"


def test_untitled_office_body_needs_three_work_dimensions():
    assert genre_of(BODY).name == "工作总结" and genre_of(BODY).office
    two = "一是参谋辅政更到位。全年起草各类文稿120篇。\n二是督查落实更有力。建立督办台账。\n"
    assert genre_of(two).name == "其他" and not genre_of(two).office


def test_traditional_characters_are_read():
    g = genre_of("同志們：\n現在，我代表第八屆中央委員會向大會作報告。\n一、過去五年的工作\n五年來，全黨同志團結奮鬥。")
    assert g.name == "党代会报告"


def test_detect_genre_is_the_stage():
    doc = Document(CASES["公文"][0])
    run_stages(doc, ["outline"])
    assert doc.genre is None
    assert detect_genre(doc).name == "公文"


# ---------------------------------------------------------------------------
# What the genre switches.
# ---------------------------------------------------------------------------
MISSING = ("一、主要工作\n一是信访维稳更扎实。全年受理群众来信来访320件次，化解信访积案12件，重点时段实现零非访。\n"
           "二是队伍建设更过硬。组织支部学习24次，开展廉政警示教育，干部作风明显转变。\n"
           "三是督查落实更有力。对会议议定事项建立督办台账，全年督办事项86件，办结率98%。\n"
           "二、下步打算\n第一，抓好信访工作。完善矛盾纠纷排查化解机制，落实领导接访制度。\n"
           "第二，抓好督促检查。对重点任务实行清单化督办，确保落地见效。")


def test_rl6xx_judges_office_reports_only():
    office = lint_text("县委办公室2025年工作总结\n" + MISSING, select=["RL6"])
    assert office.genre.office and "RL601" in {f.code for f in office.findings}
    speech = lint_text("在全县办公室工作会议上的讲话\n同志们：\n" + MISSING + "\n谢谢大家！", select=["RL6"])
    assert speech.genre.name == "讲话稿" and not speech.findings
    report = lint_text("各位代表：\n现在，我代表县人民政府，向大会报告工作，请予审议。\n" + MISSING, select=["RL6"])
    assert report.genre.name == "政府工作报告" and not report.findings


def test_json_and_text_output_carry_the_genre(tmp_path):
    speech = tmp_path / "speech.txt"
    speech.write_text(CASES["讲话稿"][0], encoding="utf-8")
    summary = tmp_path / "summary.txt"
    summary.write_text("县委办公室2025年工作总结\n" + MISSING, encoding="utf-8")
    res = CliRunner().invoke(main, [str(speech), str(summary), "--format", "json"])
    files = {f["path"]: f for f in json.loads(res.output)["files"]}
    assert files[str(speech)]["genre"]["name"] == "讲话稿" and files[str(speech)]["genre"]["office"] is False
    assert files[str(summary)]["genre"]["name"] == "工作总结" and files[str(summary)]["genre"]["has_plan"] is True
    res = CliRunner().invoke(main, [str(speech), str(summary)])
    lines = res.output.strip().splitlines()
    assert lines[-1].endswith("文种：讲话稿 1，工作总结 1。") or lines[-1].endswith("文种：工作总结 1，讲话稿 1。")
    assert f"{speech}: 文种 / genre：讲话稿" in res.output
    # the coverage table belongs to office reports only
    assert res.output.count("工作维度覆盖 / work-dimension coverage") == 1
    res = CliRunner().invoke(main, [str(speech)])
    assert res.output.strip().splitlines()[-1].endswith("；文种：讲话稿。")


def test_suggest_says_it_skips_a_genre_without_a_plan(tmp_path):
    speech = tmp_path / "speech.txt"
    speech.write_text(CASES["讲话稿"][0], encoding="utf-8")
    res = CliRunner().invoke(main, ["suggest", str(speech)])
    assert res.exit_code == 0 and "本文识别为“讲话稿”" in res.output and "不生成建议" in res.output
    res = CliRunner().invoke(main, ["suggest", str(speech), "--format", "json"])
    out = json.loads(res.output)["files"][0]
    assert out["genre"] == "讲话稿" and out["skipped"] and out["plan_items"] == []


def test_suggest_still_proposes_for_an_office_summary(tmp_path):
    from pipeline.config import Options
    from pipeline.generate.stage import skip_reason

    doc = Document("县委办公室2025年工作总结\n" + MISSING)
    opts = Options()
    opts.use_lm = False
    run_stages(doc, ["suggest"], opts)
    assert skip_reason(doc) is None and doc.plan_skipped is None
    assert any(s.kind == "plan_item" for s in doc.suggestions)


# ---------------------------------------------------------------------------
# The archive.
# ---------------------------------------------------------------------------
def test_archive_stores_the_genre_and_reads_old_databases(tmp_path):
    from pipeline.archive import db
    from pipeline.archive.batch import run_batch
    from pipeline.archive.report_html import figures

    old = tmp_path / "old.sqlite"
    raw = sqlite3.connect(old, isolation_level=None)
    db.run_script(raw, db.SCHEMA_V1)
    raw.execute("PRAGMA user_version = 1")
    raw.close()
    conn = db.connect(old, migrate=False)  # the report reads a version-1 archive as it is
    assert db.version(conn) == 1 and figures(conn) is not None
    conn.close()

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "speech.txt").write_text(CASES["讲话稿"][0], encoding="utf-8")
    (folder / "summary.txt").write_text("县委办公室2025年工作总结\n" + MISSING, encoding="utf-8")
    run_batch([str(folder)], str(old), jobs=1, progress=False)
    conn = db.connect(old, migrate=False)
    assert db.version(conn) == db.SCHEMA_VERSION
    rows = {r["path"].rsplit("/", 1)[-1]: r for r in conn.execute("SELECT path, genre, genre_confidence, office"
                                                                   " FROM documents")}
    assert rows["speech.txt"]["genre"] == "讲话稿" and rows["speech.txt"]["office"] == 0
    assert rows["summary.txt"]["genre"] == "工作总结" and rows["summary.txt"]["office"] == 1
    assert 0 < rows["summary.txt"]["genre_confidence"] <= 1
    conn.close()


def test_an_annual_summary_that_mentions_the_first_half_stays_annual():
    g = genre_of("县委办公室2025年工作总结\n上半年，我们集中精力抓项目；下半年，重点抓落实。"
                 "现将全年工作总结如下。\n" + BODY)
    assert g.name == "工作总结"


def test_suggest_explains_an_unrecognised_document(tmp_path):
    other = tmp_path / "other.txt"
    other.write_text(CASES["其他"][1], encoding="utf-8")
    res = CliRunner().invoke(main, ["suggest", str(other)])
    assert res.exit_code == 0 and "文种：其他" in res.output and "不生成" in res.output


def test_composed_training_reports_are_recognised_by_form():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    import eval_genre

    res = eval_genre.evaluate_composed()
    assert res["n"] == 96 and res["accuracy"] >= 0.95, [r for r in res["rows"] if r["gold"] != r["pred"]]


CITY_REPORT = ("一、2025年工作回顾\n过去一年，全市地区生产总值增长5.6%，一般公共预算收入增长4.2%，固定资产投资增长6%，"
               "社会消费品零售总额增长7%。\n（一）统筹推进项目建设，督促重点项目落地见效。\n（二）加强信访维稳，化解矛盾纠纷。\n"
               "（三）强化服务保障，优化营商环境。\n二、2026年工作安排\n（一）抓好项目建设。\n（二）加强队伍建设。")


def test_an_untitled_government_report_is_known_by_its_economic_indicators():
    g = genre_of(CITY_REPORT)
    assert g.name == "政府工作报告" and not g.office
    assert not lint_text(CITY_REPORT, select=["RL6"]).findings
    # the same items without the indicators read as an office summary
    office = genre_of(CITY_REPORT.replace(CITY_REPORT.split("\n")[1], "过去一年，办公室各项工作稳步推进。"))
    assert office.name == "工作总结" and office.office
