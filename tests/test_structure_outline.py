"""The outline stage: sections, the item tree, series and their restarts, count claims."""

from __future__ import annotations

from pipeline.document import Document
from pipeline.stages import run_stages

DRAFT = """某局办公室2025年工作总结

2025年，局办公室在局党组的领导下，认真履行职责，各项工作取得新进展。现将有关情况报告如下。
一、主要工作
（一）文稿服务更加精准
围绕中心工作起草各类文稿40篇。
（二）督查督办更加有力
1. 建立台账。对重点任务逐项建立台账。
2. 跟踪问效。每月通报一次进展情况。
（三）会务保障更加周到
全年保障各类会议120场。
二、存在的问题
工作中还存在一些不足：一是调研不够深入；二是督办手段单一；三是人员力量不足。
三、2026年工作打算
2026年，局办公室将重点抓好以下三个方面。
一是提高文稿质量。加强学习，提升能力。
二是强化督查落实。完善机制，跟踪问效。
三是优化会务服务。精简会议，提高效率。
我们将以更加务实的作风，努力开创办公室工作新局面。
"""


def outline_of(text: str):
    doc = Document(text)
    run_stages(doc, ["outline"])
    return doc, doc.outline


def test_sections_cover_every_paragraph():
    doc, o = outline_of(DRAFT)
    secs = [p.section for p in doc.paragraphs]
    assert secs[0] == "title"
    assert secs[1] == "opening"
    assert secs[-1] == "closing"
    by_start = {p.text[:6]: p.section for p in doc.paragraphs}
    assert by_start["一、主要工作"] == "summary"
    assert by_start["二、存在的问"] == "problems"
    assert by_start["工作中还存在"] == "problems"
    assert by_start["三、2026"] == "plan"
    assert by_start["一是提高文稿"] == "plan"
    assert all(s is not None for s in secs)
    names = [name for name, _a, _b in o.sections]
    assert names == ["title", "opening", "summary", "problems", "plan", "closing"]


def test_tree_levels_and_parents():
    doc, o = outline_of(DRAFT)
    labels = {it.label + it.heading[:4]: it for it in o.items}
    top = labels["一、主要工作"]
    assert top.level == 0 and top.parent is None
    sub = labels["（二）督查督办"]
    assert sub.parent is top and sub.level == 1
    arabic = labels["1.建立台账"]
    assert arabic.parent is sub and arabic.level == 2
    assert doc.paragraphs[arabic.paragraph].item is arabic


def test_series_restart_per_list():
    doc, o = outline_of(DRAFT)
    yishi = [s for s in o.series if s.family == "yishi"]
    assert [len(s.items) for s in yishi] == [3, 3]
    assert [s.section for s in yishi] == ["problems", "plan"]
    assert [it.heading for it in yishi[0].items] == ["调研不够深入", "督办手段单一", "人员力量不足"]


def test_item_text_and_bodies():
    doc, o = outline_of(DRAFT)
    first = next(it for it in o.items if it.label == "（一）")
    assert len(first.paragraphs) == 2
    assert "起草各类文稿40篇" in first.text(doc)
    inline = next(it for it in o.items if it.heading == "督办手段单一")
    assert inline.text(doc).startswith("督办手段单一")
    assert "人员力量" not in inline.text(doc)


def test_frame_of_a_series():
    doc, o = outline_of(DRAFT)
    s = next(s for s in o.series if s.family == "cn_paren")
    assert s.frame is not None and s.frame.pattern == "[4]更加[2]"
    assert s.deviation is None


def test_count_claim_linked_to_following_series():
    doc, o = outline_of(DRAFT)
    assert len(o.counts) == 1
    c = o.counts[0]
    assert (c.claimed, c.found, c.kind) == (3, 3, "items")
    assert doc.text[c.start:c.end] == "以下三个方面"


def test_quoted_list_claims_and_slogans():
    text = ("坚持“三服务”，即服务领导、服务基层、服务群众。\n牢固树立“四个意识”。\n"
            "做到“三个及时”：及时登记、及时办理、及时反馈、及时归档。")
    doc, o = outline_of(text)
    got = [(doc.text[c.start:c.end], c.claimed, c.found) for c in o.counts]
    assert got == [("“三服务”", 3, 3), ("“三个及时”", 3, 4)]


def test_heading_levels_follow_the_draft_not_the_convention():
    doc, o = outline_of("（一）总体情况\n一、文稿工作\n二、会务工作\n（二）存在问题")
    first, second = o.items[0], o.items[1]
    assert second.parent is first  # 一、 nested under （一）: the level rule reports it
    assert o.items[3].parent is None


def test_label_alone_on_its_line_takes_next_line_as_heading():
    doc, o = outline_of("第一，\n加强学习。\n第二，\n改进作风。")
    assert [it.heading for it in o.items] == ["加强学习", "改进作风"]
    assert len(o.series) == 1


def test_inner_list_reusing_a_family_does_not_break_the_outer_run():
    text = "一、总体要求\n二、主要任务\n做好以下工作：\n一、稳增长\n二、促改革\n三、惠民生\n三、保障措施"
    doc, o = outline_of(text)
    runs = [[it.number for it in s.items] for s in o.series if s.family == "cn_num"]
    assert runs == [[1, 2, 3], [1, 2, 3]]


def test_empty_and_unlabelled_documents():
    doc, o = outline_of("")
    assert o.items == [] and o.sections == []
    doc, o = outline_of("关于某事的报告\n今年工作平稳。\n明年继续努力。")
    assert o.items == []
    assert [p.section for p in doc.paragraphs][0] == "title"


def _plan_start(text: str) -> str:
    doc, _o = outline_of(text)
    return next(p.text for p in doc.paragraphs if p.section == "plan")


def test_plan_markers():
    body = "办公室工作总结\n今年以来，各项工作有序推进。\n一是文稿质量提升。\n二是督办有力。\n"
    items = "一是深化调研。\n二是强化督查。\n"
    for marker in ("下步工作打算", "明年工作思路", "2026年工作安排", "三、下一步工作计划"):
        assert _plan_start(body + marker + "\n" + items) == marker
    lead = "下一步，我们将重点做好以下工作：\n"
    assert _plan_start(body + lead + items) == lead.strip()
    lead = "2026年，办公室将着力抓好两个方面。\n"
    assert _plan_start(body + lead + items) == lead.strip()
    lead = "下半年，我们将重点抓好以下两项工作：\n"
    assert _plan_start(body + lead + items) == lead.strip()


def test_problems_heading_variants():
    text = ("一、上半年工作\n一是文稿质量提升。起草文稿30篇。\n二是督办有力。办结事项40件。\n"
            "二、工作中的差距\n一是调研不深。\n二是督办手段单一。\n")
    doc, _o = outline_of(text)
    sec = {p.text: p.section for p in doc.paragraphs}
    assert sec["二、工作中的差距"] == "problems" and sec["二是督办手段单一。"] == "problems"
    assert sec["二是督办有力。办结事项40件。"] == "summary"


def test_a_summary_heading_mentioning_problems_is_not_the_problems_section():
    doc, _o = outline_of("一、主要工作\n（一）推动问题整改\n整改问题20个。\n（二）强化计划管理\n编制计划3项。")
    assert {p.section for p in doc.paragraphs} == {"summary"}


def test_markdown_decoration_before_labels():
    doc, o = outline_of("# 工作总结\n## 一、主要工作\n**一是文稿更精准。**全年起草文稿52篇。\n"
                        "**二是督办更有力。**督办事项80件。")
    assert [(it.label, it.heading) for it in o.items] == [("一、", "主要工作"), ("一是", "文稿更精准"),
                                                          ("二是", "督办更有力")]
