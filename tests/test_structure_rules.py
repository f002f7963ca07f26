"""RL5xx on whole drafts: what fires, where, and what stays silent on good text."""

from __future__ import annotations

import pytest

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


# ---- first item in other words, an older level scheme, label punctuation (drafts written for the tests) ----

def _codes(text: str, code: str, serious: bool = True) -> list[str]:
    doc = lint_text(text, select=[code])
    return [doc.text[f.start:f.end] for f in doc.findings if not serious or f.severity != "info"]


@pytest.mark.parametrize("text", [
    "为了保证农业稳定增长，首先要增加对农业的投入。二是保护和合理使用耕地。三是搞好农业综合开发。",
    "建党初期的经验是：第一步，在工人中建立联系；第二，从工人当中选拔骨干；第三，提醒他们不忘目的。",
    "推进作风建设，其一，严格落实中央八项规定；第二，持续纠治“四风”；第三，强化监督问责。",
])
def test_first_item_in_other_words_is_no_missing_start(text):
    assert _codes(text, "RL503") == []


@pytest.mark.parametrize("text", [
    "工作中，二是加强学习，三是改进作风。",
    "全年重点抓了三件事。二是强化督查，紧盯重点任务。三是优化服务，提升保障水平。",
])
def test_run_starting_at_two_still_fires(text):
    assert _codes(text, "RL503")


def test_first_in_other_words_after_an_earlier_run_is_no_reversal():
    text = ("（七）关于人民生活\n第一，增加就业。\n第二，提高收入。\n第三，改善住房。\n（八）关于厉行节约\n"
            "首先，\n我们必须大大地削减非生产性建设的支出。\n第二，\n我们必须降低生产性建设的成本。\n第三，\n"
            "我们必须加强经济核算。")
    assert _codes(text, "RL501") == []
    # without 首先 the 第二 after 第三 is reported (a parse that has no first item to go on)
    assert _codes("一是加强学习。二是改进作风。三是严守纪律。二是提升能力。", "RL501")


OLD_SCHEME = """（一）当前的经济形势
去年国民经济继续调整，取得了明显成效。
（二）今后经济建设的方针
一、依靠政策和科学，加快农业的发展
农业是国民经济的基础。
二、把消费品工业的发展放到重要地位
三、提高能源的利用效率
（三）关于体制改革
一、扩大企业自主权
二、改革物资管理体制
"""


def test_consistent_older_level_scheme_is_a_hint_only():
    doc = lint_text(OLD_SCHEME, select=["RL504"])
    assert doc.findings and {f.severity for f in doc.findings} == {"info"}


def test_level_inverted_in_one_place_is_a_warning():
    text = ("一、主要工作\n（一）参谋辅政\n1. 文稿起草\n2. 信息报送\n（二）督查落实\n二、存在问题\n三、下步打算\n"
            "1. 深化调研\n（一）强化督查\n（二）优化服务")
    doc = lint_text(text, select=["RL504"])
    got = [(doc.text[f.start:f.end], f.severity) for f in doc.findings]
    assert ("（一）", "warning") in got  # （一） under 1. here, 1. under （一） above


@pytest.mark.parametrize("text,expected", [
    ("一、主要工作\n（一）、参谋辅政更到位\n（二）、督查落实更有力\n二、存在问题", ["（一）、", "（二）、"]),
    ("一、主要工作\n（一）参谋辅政\n1.、文稿起草\n2. 信息报送", ["1.、"]),
    ("二、存在问题\n（1），调研不深入\n（2）督办不到位", ["（1），"]),
    ("一信访工作扎实有效\n全年受理来信来访320件。\n二、维护稳定有力\n三、下步打算", ["一"]),
    ("一、主要工作\n二维护稳定有力\n全年化解矛盾纠纷86起。\n三、下步打算", ["二"]),
    ("一、主要工作\n二、存在问题\n三下步打算深化调研", []),  # jieba keeps 三下 whole: missed, not guessed
])
def test_label_punctuation_fires(text, expected):
    assert _codes(text, "RL508") == expected


@pytest.mark.parametrize("text", [
    GOOD,
    "一、主要工作\n一年来，办公室围绕中心、服务大局。\n二、存在问题\n三、下步打算",
    "一、主要工作\n三农工作扎实推进，粮食产量稳定。\n二、存在问题",
    "一、主要工作\n十分重视调查研究。\n二、存在问题",
    "一、主要工作\n一些基层单位反映，督办事项过多。\n二、存在问题",
    "一、主要工作\n二、存在问题\n一是调研不深。二是督查不力。",
    "一、主要工作\n（一）参谋辅政\n1. 文稿起草，全年起草文稿52篇。\n（1）综合文稿",
    "一季度完成投资12亿元。\n二季度完成投资15亿元。",
    "六稳六保工作扎实推进。\n全年新增就业1.2万人。",
])
def test_label_punctuation_silent(text):
    assert _codes(text, "RL508") == []


@pytest.mark.parametrize("text,expected", [
    ("一是加强学习。二是改进作风。二是严守纪律。四是提升能力。", [("RL502", "二是")]),  # the second 二 is 三
    ("一是加强学习。三是改进作风。三是严守纪律。四是提升能力。", [("RL501", "三是")]),  # the first 三 is 二
    ("（一）参谋辅政\n（二）督查落实\n（二）服务保障\n（四）队伍建设", [("RL502", "（二）")]),
    ("一是加强学习。二是改进作风。四是严守纪律。四是提升能力。", [("RL501", "四是")]),  # the first 四 is 三
])
def test_one_wrong_number_is_one_finding(text, expected):
    doc = lint_text(text, select=["RL501", "RL502"])
    assert [(f.code, doc.text[f.start:f.end]) for f in doc.findings] == expected


@pytest.mark.parametrize("text", [
    "一、主要工作\n二、存在问题\n三、下步打算\n四、工作要求\n五、保障措施\n六稳六保工作扎实推进，全年新增就业1.2万人。",
    "一、主要工作\n二、存在问题\n三、下步打算\n七一重要讲话精神全面贯彻。",
    "一、参谋辅政更到位。全年起草文稿52篇。\n二、督查落实更有力。\n三严三实专题教育深入开展。",
])
def test_bare_numeral_in_prose_is_no_label(text):
    assert _codes(text, "RL508") == []  # prose shaped unlike the 一、 lines, or a word jieba keeps whole


def test_bare_label_shaped_like_its_siblings():
    text = ("一、参谋辅政更到位。全年起草文稿52篇。\n二督查落实更有力。全年督办事项120项。\n"
            "三、服务保障更精细。全年接待考察团组56批次。")
    assert _codes(text, "RL508") == ["二"]
