"""RL5xx on whole drafts: what fires, where, and what stays silent on good text."""

from __future__ import annotations

from pipeline.document import Document
from pipeline.lint import lint_text
from pipeline.stages import run_stages
from pipeline.structure import rewrite


def findings(text: str, code: str = "RL5"):
    doc = lint_text(text, select=[code])
    return doc, [(f.code, doc.text[f.start:f.end], f.message, f.suggestion) for f in doc.findings]


GOOD = """县政府办公室2025年工作总结

今年以来，县政府办公室围绕县委县政府中心工作，较好完成了各项任务。
一、主要工作
（一）以文辅政水平不断提升
全年起草各类文稿52篇，编发政务信息120期。
（二）督查督办力度持续加大
1. 任务清单化。将重点任务分解为36项。
2. 督办常态化。每月通报进展情况。
（三）综合协调能力明显增强
协调解决跨部门事项18件。
二、存在的不足
一是调研还不够深入；二是督办手段还不多；三是队伍结构还不优。
三、2026年工作打算
重点抓好以下三个方面：一是深化调查研究；二是创新督办方式；三是优化队伍结构。
我们将以更高标准、更严要求，努力开创办公室工作新局面。
"""


def test_good_draft_is_silent():
    _doc, got = findings(GOOD)
    assert got == []


def test_gap_is_reported_at_the_label_with_the_missing_one():
    text = GOOD.replace("三是队伍结构还不优", "四是队伍结构还不优")
    doc, got = findings(text, "RL501")
    assert len(got) == 1
    code, span, message, suggestion = got[0]
    assert span == "四是" and "缺少“三是”" in message and "三是" in suggestion


def test_duplicate_heading_label_suggests_the_next_number():
    text = GOOD.replace("（三）综合协调", "（二）综合协调")
    _doc, got = findings(text, "RL502")
    assert len(got) == 1 and got[0][1] == "（二）" and "（三）" in got[0][3]


def test_level_skip_only_when_the_draft_uses_the_skipped_level():
    text = GOOD.replace("重点抓好以下三个方面：一是深化调查研究；二是创新督办方式；三是优化队伍结构。",
                        "1. 深化调查研究。\n2. 创新督办方式。")
    _doc, got = findings(text, "RL504")
    assert len(got) == 1 and got[0][1] == "1." and "（一）" in got[0][2]
    plain = "一、主要工作\n1. 文稿起草\n2. 信息报送\n二、下步打算\n1. 深化调研\n2. 强化督查"
    _doc, got = findings(plain, "RL504")
    assert got == []


def test_inverted_levels():
    _doc, got = findings("（一）主要工作\n一、以文辅政\n二、督查督办\n（二）下步打算", "RL504")
    assert [g[1] for g in got] == ["一、"]


def test_count_mismatch_names_both_numbers():
    text = GOOD.replace("以下三个方面", "以下四个方面")
    _doc, got = findings(text, "RL506")
    assert len(got) == 1
    assert got[0][1] == "以下四个方面" and "四" in got[0][2] and "三" in got[0][2]


def test_count_of_a_gapped_series_is_left_to_the_ordinal_rule():
    text = "重点抓好以下三个方面：一是深化调研；二是强化督查；四是优化服务。"
    _doc, got = findings(text)
    assert [g[0] for g in got] == ["RL501"]


def test_quoted_count_mismatch():
    _doc, got = findings("做到“三个到位”，即认识到位、措施到位、责任到位、督查到位，确保落实。", "RL506")
    assert len(got) == 1 and "四" in got[0][2]
    _doc, got = findings("增强“四个意识”、坚定“四个自信”、做到“两个维护”。", "RL506")
    assert got == []


PARALLEL = """一是文稿起草更精准。全年起草文稿52篇。
二是信息报送更及时。全年报送信息120条。
三是会务服务更周到。全年保障会议80场。
四是机要保密工作更严密。全年未发生失泄密事件。
五是值班值守更规范。全年处置突发信息12件。"""


def test_parallel_deviation_shows_the_frame(monkeypatch):
    monkeypatch.setattr(rewrite, "_SUGGESTERS", [])  # the frame-only suggestion, without a generator
    monkeypatch.setattr(rewrite, "_load_generator", lambda: None)
    _doc, got = findings(PARALLEL, "RL507")
    assert len(got) == 1
    code, span, message, suggestion = got[0]
    assert span == "机要保密工作更严密"
    assert "[4]更[2]" in message and "[6]更[2]" in message
    assert "[4]更[2]" in suggestion


def test_parallel_suggestion_hook(monkeypatch):
    def propose(doc, series, item, frame):
        return "机要保密更严密" if frame.pattern == "[4]更[2]" else None

    monkeypatch.setattr(rewrite, "_SUGGESTERS", [])
    rewrite.register(propose)
    try:
        _doc, got = findings(PARALLEL, "RL507")
    finally:
        rewrite.unregister(propose)
    assert got[0][3] == "改为“机要保密更严密”"


def test_no_parallel_finding_without_a_common_frame():
    text = "一是加强理论学习。\n二是改进调查研究方式。\n三是严守纪律。\n四是提升服务群众的能力和水平。"
    _doc, got = findings(text, "RL507")
    assert got == []


def test_mixed_label_styles_at_one_level():
    _doc, got = findings("1. 文稿起草\n2. 信息报送\n3、会务服务\n4. 值班值守", "RL505")
    assert len(got) == 1 and got[0][1] == "3、" and "3." in got[0][3]


def test_json_paragraphs_carry_section():
    from pipeline.output.jsonout import file_dict

    doc = Document(GOOD)
    run_stages(doc, ["outline"])
    paras = file_dict(doc)["paragraphs"]
    assert paras[0]["section"] == "title"
    assert {p["section"] for p in paras} >= {"summary", "problems", "plan", "closing"}


def test_count_of_summary_headings_ignores_later_parts():
    text = ("现将一年来的工作从三个方面报告如下。\n一、文稿服务\n起草文稿40篇。\n二、督查督办\n督办事项60件。\n"
            "三、会务保障\n保障会议80场。\n四、存在的问题\n调研还不够深入。\n五、下步打算\n继续努力。")
    _doc, got = findings(text, "RL506")
    assert got == []


def test_parallel_frame_on_first_clauses_when_headings_run_on():
    text = ("一是文稿起草更精准，全年起草文稿52篇。\n二是信息报送更及时，全年报送信息120条。\n"
            "三是会务服务更周到，全年保障会议80场。\n四是机要保密工作更严密，全年未发生失泄密事件。")
    _doc, got = findings(text, "RL507")
    assert len(got) == 1 and got[0][1] == "机要保密工作更严密" and "[4]更[2]" in got[0][2]


def test_a_long_deviant_is_still_compared():
    text = ("一是文稿起草更加精准。\n二是信息报送更加及时。\n三是会务服务比往年有了明显的改进和提高。\n"
            "四是值班值守更加规范。")
    _doc, got = findings(text, "RL507")
    assert len(got) == 1 and "更加" in got[0][2]


def test_a_count_inside_a_running_sentence_is_not_an_announcement():
    text = "年初确定了五项重点工作，目前已完成三项。\n一是文稿质量提升。\n二是督办有力。\n三是服务周到。"
    _doc, got = findings(text, "RL506")
    assert got == []


def test_first_label_written_twice_is_a_duplicate():
    _doc, got = findings("存在的不足：一是调研不深；一是督查不力；二是服务不细。", "RL502")
    assert len(got) == 1 and "改为“二是”并顺延" in got[0][3]
    _doc, got = findings("要办好两件大事：一是发展经济；一是改善民生。")
    assert got == []


def test_count_of_features_and_lessons():
    _doc, got = findings("概括起来，有三个特点：一是站位更高；二是服务更实。", "RL506")
    assert len(got) == 1
    _doc, got = findings("主要有四条经验：一是坚持领导；二是坚持服务；三是坚持创新；四是坚持从严。", "RL506")
    assert got == []
