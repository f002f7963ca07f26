"""The claim ledger: what becomes a claim, with which value, unit, markers, metric and frame."""

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


def one(text: str):
    cs = ledger(text)
    assert len(cs) == 1, [c.raw for c in cs]
    return cs[0]


@pytest.mark.parametrize("text,raw,value,unit,magnitude,approx", [
    ("全年编发《政务信息》54期。", "54期", 54, "期", "", []),
    ("受理诉求3.2万件。", "3.2万件", 3.2, "件", "万", []),
    ("国内生产总值达到134.9万亿元。", "134.9万亿元", 134.9, "元", "万亿", []),
    ("网上答复率达１００％。", "１００％", 100, "%", "", []),
    ("走访慰问职工近450余人次。", "近450余人次", 450, "人次", "", ["近", "余"]),
    ("约60个左右的单位参加。", "约60个左右", 60, "个", "", ["约", "左右"]),
    ("培训干部1.2万余人次。", "1.2万余人次", 1.2, "人次", "万", ["余"]),
    ("节约经费300多万元。", "300多万元", 300, "元", "万", ["多"]),
    ("年内两次带队督查。", "两次", 2, "次", "", []),
    ("共开展督查二十三次。", "二十三次", 23, "次", "", []),
    ("百分之九十的群众表示满意。", "百分之九十", 90, "%", "", []),
    ("平均办理时限压缩3至5天。", "3至5天", (3, 5), "天", "", []),
    ("抽查比例5%～10%。", "5%～10%", (5, 10), "%", "", []),
    ("每村配备三四个网格员。", "三四个", (3, 4), "个", "", []),
    ("满意率提高2.5个百分点。", "2.5个百分点", 2.5, "个百分点", "", []),
    ("信息采用量增长了1.5倍。", "1.5倍", 1.5, "倍", "", []),
    ("惠及近千万家庭。", "近千万", 1000, "", "万", ["近"]),
    ("社会保障基金６，９２７亿元。", "６，９２７亿元", 6927, "元", "亿", []),
    ("全年办理督查件X件。", "X件", None, "件", "", []),
])
def test_values_units_markers(text, raw, value, unit, magnitude, approx):
    c = one(text)
    assert (c.raw, c.value, c.unit, c.magnitude, c.approx) == (raw, value, unit, magnitude, approx)


def test_fraction():
    c = one("三分之一的村完成改造。")
    assert c.unit == "分之" and abs(c.value - 1 / 3) < 1e-6


def test_full_width_and_placeholder_kinds():
    assert one("编发简报５期。").numeral == "fullwidth"
    assert one("编发简报五期。").numeral == "chinese"
    c = one("提案XX件。")
    assert c.placeholder and c.value is None


def test_negative_sign():
    c = one("信访总量同比下降-12%。")
    assert c.negative and c.role == "change" and c.verb == "下降" and c.amount == -12


# Each of these must stay claim-free: dates, times, document numbers, phones, IDs, hotlines,
# ordinals, plan names, slogans, session names, law articles, codes, titles, year spans.
NOT_CLAIMS = [
    "2025年11月25日上午9时30分召开会议。",
    "会议于14:30开始。",
    "根据国办发〔2025〕12号文件精神。",
    "依据市政办〔2024〕3号通知。",
    "联系电话0531-86012345。",
    "手机13912345678。",
    "身份证号370102198001011234。",
    "畅通12345政务服务便民热线。",
    "拨打12345热线反映诉求。",
    "110接处警平台运行平稳。",
    "一是参谋辅政更到位。",
    "第一，抓好信息调研。",
    "第三季度召开推进会。",
    "一季度完成招标。",
    "推动“十四五”规划重大工程顺利收官。",
    "十四五时期经济社会发展。",
    "践行“三服务”要求。",
    "增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
    "统筹推进“五位一体”总体布局。",
    "严格执行中央八项规定精神。",
    "根据《条例》第十二条规定。",
    "依照第3款办理。",
    "党的二十届三中全会胜利召开。",
    "十四届全国人大二次会议。",
    "过去五年，我们攻坚克难。",
    "五年来累计投入大量资金。",
    "近3年来持续推进。",
    "实施三年行动计划。",
    "建成5G基站。",
    "PM2.5浓度持续下降。",
    "学习《2025年工作要点》。",
    "建立一个中心、打造一批示范点。",
    "开展一次专项检查。",
    "上世纪90年代以来。",
    "庆祝新中国成立70周年。",
    "2021—2025年工作规划。",
    "每周二局领导公开接访。",
    "统一思想，千万不能松懈。",
    "实施九年义务教育。",
    "和平共处五项原则。",
    "实施五个一工程。",
    "分为一类、二类事项。",
    "进入全省前三名，位列前10位。",
    "双11期间，3·15消费者权益日。",
    "创建5A级景区，建设110kV变电站。",
    "会议纪要第12期。",
]


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_not_claims(text):
    assert [c.raw for c in ledger(text)] == []


def test_metric_period_frame():
    cs = ledger("全年报送信息由上年的240条增至300条，增长25%。")
    assert [c.role for c in cs] == ["from", "to", "change"]
    assert all(c.metric == "报送信息" for c in cs)
    assert cs[0].period == "上年" and cs[2].frame == "由…至…"
    cs = ledger("今年以来受理诉求3.2万件，较上年的2.8万件增长14.3%。")
    assert [c.role for c in cs] == ["value", "base", "change"]
    assert cs[0].period == "今年以来" and cs[1].period == "上年" and cs[2].frame.startswith("较")
    c = one("网上答复率达100%。")
    assert c.metric == "网上答复率"


def test_metric_after_for_verbal_counts():
    c = one("年内两次由分管领导带队，到省里劝返。")
    assert "分管领导带队" in c.metric and c.metric_source == "after"


def test_metric_inherited_in_series():
    cs = ledger("国内生产总值达到134.9万亿元、增长5%。")
    assert cs[1].metric == "国内生产总值" and cs[1].role == "change"


def test_share_role():
    cs = ledger("财政收入100亿元，占预算数的102.7%。")
    assert cs[1].role == "share"


def test_claims_in_json_output():
    from pipeline.output.jsonout import file_dict

    doc = lint_text("全年编发《政务信息》54期。\n网上答复率达100%。")
    d = file_dict(doc)
    assert [c["raw"] for c in d["claims"]] == ["54期", "100%"]
    first = d["claims"][0]
    for key in ("start", "end", "line", "column", "value", "raw", "unit", "magnitude", "approx", "metric", "period",
                "frame", "role", "paragraph", "dimension", "placeholder"):
        assert key in first
    assert first["line"] == 1 and d["claims"][1]["line"] == 2


def test_cli_formats(tmp_path):
    from pipeline.cli import main

    f = tmp_path / "draft.txt"
    f.write_text("全年编发《政务信息》54期，办理建议提案XX件。\n网上答复率达100%。\n", encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(main, ["claims", str(f)])
    assert res.exit_code == 0, res.output
    assert "编发《政务信息》" in res.output and "待填" in res.output
    res = runner.invoke(main, ["claims", str(f), "--format", "json"])
    data = json.loads(res.output)
    assert [c["raw"] for c in data[0]["claims"]] == ["54期", "XX件", "100%"]
    res = runner.invoke(main, ["claims", str(f), "--format", "csv"])
    lines = res.output.strip().splitlines()
    assert lines[0].startswith("path,line,column,metric") and len(lines) == 4


def test_seed_ledger(seed_text):
    doc = lint_text(seed_text)
    by_raw = {}
    for c in doc.claims:
        by_raw.setdefault(c.raw, []).append(c)
    assert by_raw["5期"][0].metric == "编发《XX信息》"
    assert by_raw["100％"][0].metric == "网上答复率"
    assert by_raw["X件"][0].metric == "办理市政府专题会议督查件"
    assert len(by_raw["XX件"]) == 2 and by_raw["XX件"][0].metric == "人大代表建议和政协委员提案"
    assert "分管领导带队" in by_raw["两次"][0].metric
    # placeholders are RL101 errors; no RL3xx warning or error on the seed
    assert sum(f.code == "RL101" and f.severity == "error" for f in doc.findings) >= 3
    assert [f for f in doc.findings if f.code.startswith("RL3") and f.severity != "info"] == []


# Sentences written for these tests (own wording): (text, the RL3xx codes at warning or above).
RULE_CASES = [
    ("全年受理群众来信来访1250件，比上年的1000件增长25%。", set()),
    ("全年受理群众来信来访1250件，较上年增加250件，增长25%。", set()),
    ("全年受理群众来信来访1250件，较上年增加250件，增长20%。", {"RL305"}),
    ("全年受理1.25万件，同比减少0.25万件、下降16.7%。", set()),
    ("会议数量由48次压缩至36次，下降25%。", set()),
    ("会议数量由48次压缩至36次，下降33%。", {"RL305"}),
    ("由12人增加到15人，增加了4人。", {"RL305"}),
    ("人均收入由2090元增加到2476元，年均实际增长3.8%。", set()),
    ("满意率由90%提高到95%，提高了5个百分点。", set()),
    ("满意率由90%提高到95%，提高了5%。", {"RL307"}),
    ("满意率由90%提高到95%，提高了2个百分点。", {"RL305"}),
    ("接待群众近1.2万余人次。", {"RL301"}),
    ("参训人员大约50人上下。", {"RL301"}),
    ("节约经费300余万元，最近3天以内办结。", set()),
    ("办结率和满意率分别达到98%、102%。", {"RL302"}),
    ("预算执行率达到102%，财政收入占预算数的102.7%。", set()),
    ("信访总量同比下降了-8.5%。", {"RL306"}),
    ("共收文1200件，其中上级来文800件、平级来文300件、下级来文100件。", set()),
    ("共收文1200件，其中上级来文800件、平级来文300件、下级来文150件。", {"RL303"}),
    ("共培训干部500人次，其中处级干部80人次、科级干部200人次。", set()),
    ("编发简报5期。\n信息工作方面，编发简报54期。", {"RL304"}),
    ("上半年编发简报24期。\n全年编发简报54期。", set()),
    ("编发简报5期。\n力争明年编发简报60期。", set()),
    ("全市共有乡镇12个。\n全县共有乡镇15个。", set()),
    ("钢铁：建成后年产能力将为60万吨。\n煤炭：建成后年产能力将为90万吨。", set()),
    ("社会商品零售总额1，753亿元，比上年增加225亿元，增长14.7％。", set()),
    ("办文时限由平均5.2天缩短至3.8天，缩短了27%。", set()),
    ("办文时限由平均5.2天缩短至3.8天，缩短了30%。", {"RL305"}),
    ("生产总值从54万亿元增加到82.7万亿元，年均增长7.1%。", set()),
    ("全县户籍人口52.3万人，其中农业人口31.6万人、非农业人口20.8万人。", set()),
    ("共培训基层干部2300人次，其中线上培训1500人次、线下培训700人次。", {"RL303"}),
    ("全年编发《督查通报》12期，较上年增加3期，增长25%。", {"RL305"}),
    ("全年发文156件。\n办公室全年发文共156件，其中党委文件60件、行政文件96件。", set()),
    ("群众满意度达到101%。", {"RL302"}),
    ("答复率达到百分之一百零二。", {"RL302"}),
    ("会议数量由48次压缩至36次，降幅为33%。", {"RL305"}),
    ("满意率由92.5%上升到96.0%，增幅为3.5%。", {"RL307"}),
    ("满意率由92.5%上升到96.0%，上升了3.8%。", set()),
    ("积案较上年减少了-3件。", {"RL306"}),
    ("不少于10次以上。", {"RL301"}),
    ("截至11月底，编发信息50期。\n全年编发信息54期。", set()),
    ("1-10月编发信息45期。\n全年编发信息54期。", set()),
    ("按期办结率达到97.5%。\n按期办结率由94.2%提高到98.5%，提高4.3个百分点。", {"RL304"}),
    ("按期办结率达到98.5%。\n按期办结率由94.2%提高到98.5%，提高4.3个百分点。", set()),
    ("去年建成服务站30个。\n明年服务站将增加到45个。", set()),
]


@pytest.mark.parametrize("text,codes", RULE_CASES)
def test_rules_on_own_sentences(text, codes):
    doc = lint_text(text, select=["RL3"])
    assert {f.code for f in doc.findings if f.severity != "info"} == codes, [f.message for f in doc.findings]


def test_change_suggestion_carries_the_right_figure():
    doc = lint_text("报送信息由上年的240条增至300条，增长20%。", select=["RL305"])
    assert len(doc.findings) == 1 and "25%" in doc.findings[0].suggestion


@pytest.mark.parametrize("text,codes", [
    ("年内办理人大代表建议和政协委员提案61件。\n今年共办理建议提案64件。", {"RL304"}),
    ("全年办理群众来信和群众来访93件。\n今年共办理来信来访98件。", {"RL304"}),
    ("年内办理人大代表建议和政协委员提案61件，完成了年初确定的目标任务。\n今年共办理建议提案64件。", {"RL304"}),
    ("年内办理人大代表建议和政协委员提案61件。\n今年共办理建议提案61件。", set()),
    ("全年承办建议提案93件。\n明年力争承办建议提案98件。", set()),
])
def test_conflicts_across_wordings(text, codes):
    doc = lint_text(text, select=["RL304"])
    assert {f.code for f in doc.findings} == codes, [f.message for f in doc.findings]


def test_cn2an_loaded_only_for_compound_numerals():
    import subprocess
    import sys

    probe = ("import sys; from pipeline.lint import lint_text; lint_text('年内两次带队，分六个方面。'); "
             "print('cn2an' in sys.modules); lint_text('共开展督查二十三次。'); print('cn2an' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "True"]


def test_number_scan_finds_what_a_plain_search_finds():
    """The prefiltered scan must return exactly NUMBER.search's matches, placeholders and lookbehinds included."""
    from pipeline.claims.extract import NUMBER, _next_number
    from pipeline.resources import corpora_dir

    texts = [f.read_text(encoding="utf-8") for f in sorted(corpora_dir().rglob("*.txt"))[:30]]
    texts += ["A1X件、XX件、bX件，×××项，三分之二，百分之九十五点五，1，753亿元，4 0 0 亿元，萬億兩，０.５"]
    for text in texts:
        pos, want, got = 0, [], []
        while (m := NUMBER.search(text, pos)) is not None:
            want.append((m.start(), m.end(), m.lastgroup))
            pos = m.end()
        pos = 0
        while (m := _next_number(text, pos, len(text))) is not None:
            got.append((m.start(), m.end(), m.lastgroup))
            pos = m.end()
        assert got == want
