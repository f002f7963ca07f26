"""Body text only: web-page furniture, appendices and item numbers before a year (drafts written for the tests)."""

from __future__ import annotations

import pytest

from pipeline.document import Document
from pipeline.lint import lint_text
from pipeline.parts import APPENDIX, BODY, FURNITURE, is_appendix_head, is_furniture_line, mark_parts
from pipeline.stages import run_stages

FURNITURE_LINES = [
    "【打印本页】【关闭窗口】",
    "【打印本页】 【关闭窗口】 【返回顶部】",
    "[打印] [关闭]",
    "打印本页 | 关闭窗口",
    "》》点击查看原文《《",
    ">>点击进入专题<<",
    "》点击查看更多《",
    "字号：大 中 小",
    "字体：【大】【中】【小】",
    "发布时间：2025-12-20 来源：县政府办公室 浏览次数：1234 字号：【大 中 小】",
    "来源：市委办公室",
    "发布日期：2025年07月08日 作者：综合科",
    "浏览次数：356",
    "分享到：微信 微博 QQ空间",
    "当前位置：首页 > 政务公开 > 工作总结",
    "首页 > 信息公开 > 规划总结",
    "上一篇：关于做好2026年元旦春节期间有关工作的通知",
    "版权所有：XX县人民政府办公室 网站标识码：1234000001",
    "Copyright © 2025 XX市人民政府 All Rights Reserved",
    "↑",
    "【字体：大 中 小】",
    "字号 大 中 小",
    "（责任编辑：王丽）",
    "【我要纠错】 责任编辑：张三",
    "2025-03-12 15:30 来源：新华社",
    "扫一扫在手机打开当前页",
]

BODY_LINES = [
    "一、主要工作",
    "全年起草各类文稿72篇，编发政务信息120期，办结率98.5%。",
    "【典型案例】县政务服务中心推行“一窗通办”。",
    "【重大项目】全年推进重大项目36个。",
    "点击率明显提升，网站访问量较上年增长12%。",
    "时间：2025年3月5日上午",  # a meeting record's own line
    "作者在基层调研中发现，群众最关心的是办事效率。",
    "依法保护老字号，支持大中小企业融通发展。",
    "切实维护版权所有人的合法权益。",
    "》的通知，国务院编制了《",  # a title broken over lines, not a link
    "2025年3月12日，召开全县工作会议。",
    "作为县级融媒体中心，来源广泛的信息需要严格审核。",
]


@pytest.mark.parametrize("line", FURNITURE_LINES)
def test_furniture_lines(line):
    assert is_furniture_line(line)


@pytest.mark.parametrize("line", BODY_LINES)
def test_body_lines_are_not_furniture(line):
    assert not is_furniture_line(line)


@pytest.mark.parametrize("line,head", [
    ("附件", True), ("附件1：2025年度重点工作台账", True), ("附件2", True), ("附表：主要指标完成情况", True),
    ("名词解释", True), ("附录 相关政策文件目录", True), ("名词解释（按报告中出现先后为序）", True),
    ("附：2025年主要指标完成情况表", True), ("名词解释：", True),
    ("附件所列事项均已办结。", False), ("附件材料齐全，按时报送。", False), ("附近群众反映强烈的问题", False),
])
def test_appendix_heads(line, head):
    assert is_appendix_head(line) is head


PAGE = """当前位置：首页 > 政务公开 > 工作总结
临江县政府办公室2025年工作总结
发布时间：2025-12-20 来源：县政府办公室 浏览次数：1234
字号：【大】【中】【小】
一、主要工作
（一）参谋辅政
全年起草各类文稿72篇，办结率98.5%。
（二）督查落实
二、存在问题
一是调研不深。二是督查不力。
三、下步打算
一是深化调研。二是强化督查。
附件1：2025年度重点工作台账
一、文稿起草
（一）综合文稿
1. 年度工作报告
二、督查督办
附件2：名词解释
1.“三服务”：服务领导、服务基层、服务群众。
2.“两办”：党委办公室、政府办公室。
【打印本页】【关闭窗口】
》》点击查看原文《《
分享到：微信 微博 QQ空间
"""


def test_page_parts_marked_on_the_document():
    doc = run_stages(Document(PAGE), ["segment"])
    kinds = [p.part for p in doc.paragraphs]
    assert kinds[:4] == [FURNITURE, BODY, FURNITURE, FURNITURE]
    assert kinds[4:12] == [BODY] * 8
    assert kinds[12:20] == [APPENDIX] * 8
    assert kinds[20:] == [FURNITURE] * 3
    appendices = [p for p in doc.parts if p.kind == APPENDIX]
    assert [a.title for a in appendices] == ["附件1：2025年度重点工作台账", "附件2：名词解释"]


def test_appendix_restarts_the_outline_and_furniture_is_not_judged():
    doc = lint_text(PAGE)
    serious = [(f.code, doc.text[f.start:f.end]) for f in doc.findings if f.severity != "info"]
    assert serious == []  # no 一、 after 三、 (RL501/RL503), no level skip, no 》》…《《《 (RL201)
    parts = {it.heading: it.part for it in doc.outline.items if it.label == "一、"}
    assert parts == {"主要工作": 0, "文稿起草": 1}
    assert {p.section for p in doc.paragraphs if p.part == APPENDIX} == {"appendix"}
    assert doc.paragraphs[1].section == "title"  # the breadcrumb above does not take the title's place


def test_same_draft_without_the_appendix_mark_would_misfire():
    """The appendix's 一、 read as a continuation of the body's 三、 is what the mark prevents."""
    body_only = PAGE.replace("附件1：2025年度重点工作台账\n", "").replace("附件2：名词解释\n", "")
    doc = lint_text(body_only, select=["RL5"])
    assert any(f.code in ("RL501", "RL502", "RL503", "RL504") for f in doc.findings)


def test_licence_notice_ends_the_text():
    texts = ["一、主要工作", "全年编发简报24期。", "本作品来自", "中华人民共和国法律", "。依据《",
             "中华人民共和国著作权法", "》第五条，本作品不适用于该法，所以属于", "公有领域", "。",
             "Public domain", "false"]
    kinds, parts = mark_parts(texts)
    assert kinds[:2] == [BODY, BODY] and set(kinds[2:]) == {FURNITURE}
    assert len(parts) == 1


def test_notes_after_the_text_are_an_appendix_until_prose_resumes():
    texts = ["一、主要工作", "全年编发简报24期①。", "注：", "① 含专报6期。", "② 不含内部通报。", "二、存在问题",
             "调研还不够深入。"]
    kinds, _ = mark_parts(texts)
    assert kinds == [BODY, BODY, APPENDIX, APPENDIX, APPENDIX, BODY, BODY]


def test_furniture_findings_dropped_everywhere():
    text = ("临江县水利局2025年工作总结\n来源：县水利局办公室 浏览次数：１２３\n"
            "全年办结事项320件，办结率98.5%。\n【打印本页】【关闭窗口】\n")
    doc = lint_text(text, select=["RL2"])
    assert [f for f in doc.findings if f.severity != "info"] == []
    in_body = text.replace("来源：县水利局办公室 浏览次数：", "")
    assert lint_text(in_body, select=["RL2"]).findings  # the same １２３ in the body is judged


@pytest.mark.parametrize("line,number", [
    ("20.2026年全市实现地区生产总值1200亿元，增长5.6%。", 20),
    ("3．2025年以来，累计办结群众诉求1.2万件。", 3),
    ("7、2024年度目标任务全面完成，完成率102%。", 7),
])
def test_item_number_before_a_year(line, number):
    doc = run_stages(Document(f"一、主要工作\n{line}"), ["claims"])
    item = doc.paragraphs[1].item
    assert item is not None and item.number == number and item.family == "arabic"
    assert doc.claims and all(c.num_start >= item.end for c in doc.claims)  # the label is no number
    assert not any(c.raw.startswith(f"{number}.") or c.raw.startswith(f"{number}．") for c in doc.claims)


@pytest.mark.parametrize("line", ["3.5年来累计培训干部120人次。", "1.5万件诉求全部办结。", "2.20倍于上年。"])
def test_decimals_stay_numbers(line):
    doc = run_stages(Document(f"一、主要工作\n{line}"), ["outline"])
    assert doc.paragraphs[1].item is None


def test_licence_notice_with_long_text_after_it_marks_the_notice_only():
    body = ["二、下步打算", "全年编发简报24期。" * 20] * 40
    texts = ["一、主要工作", "本作品来自中华人民共和国法律。依据《", "中华人民共和国著作权法",
             "》第五条，属于公有领域。"] + body
    kinds, _ = mark_parts(texts)
    assert kinds[1:4] == [FURNITURE] * 3 and set(kinds[4:]) == {BODY}


def test_no_claims_from_furniture():
    text = "临江县2025年工作总结\n发布时间：2025-12-20 浏览次数：1234\n全年办结事项320件。\n"
    doc = run_stages(Document(text), ["claims"])
    assert [c.raw for c in doc.claims if c.unit == "件"] == ["320件"]
    assert all(doc.paragraphs[c.paragraph].part == BODY for c in doc.claims)


def test_glossary_after_a_government_report_is_its_own_outline():
    text = ("一、2025年工作回顾\n（一）经济运行稳中有进\n全省地区生产总值增长5.6%。\n（二）改革开放持续深化\n"
            "二、2026年工作安排\n（一）扩大有效需求\n（二）推进科技创新\n"
            "名词解释（按报告中出现先后为序）\n"
            "1.“两重”：国家重大战略实施和重点领域安全能力建设。\n"
            "2.“两新”：新一轮大规模设备更新和消费品以旧换新。\n"
            "3.“人工智能+”行动：推动人工智能与经济社会各领域深度融合。\n")
    doc = lint_text(text, select=["RL5"])
    assert [f.code for f in doc.findings if f.severity != "info"] == []
    glossary = [it for it in doc.outline.items if it.family == "arabic"]
    assert len(glossary) == 3 and all(it.part == 1 and it.parent is None for it in glossary)
    without = lint_text(text.replace("名词解释（按报告中出现先后为序）\n", ""), select=["RL5"])
    assert {it.parent.heading for it in without.outline.items if it.family == "arabic"} == {"推进科技创新"}


def test_item_before_a_year_keeps_its_run_whole():
    text = ("二、2026年重点工作\n1. 深化“放管服”改革。\n2.2026年底前完成全部老旧小区改造。\n"
            "3. 2026年6月底前建成数据共享平台。\n4.2027年实现全覆盖。")
    doc = lint_text(text, select=["RL5"])
    assert [f.code for f in doc.findings if f.severity != "info"] == []
    assert [it.number for it in doc.outline.items if it.family == "arabic"] == [1, 2, 3, 4]
