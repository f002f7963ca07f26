"""RL8xx: pair files, the one-pass matcher, context conditions, user tables, near-miss idioms, the CLI.

The sentences are written for these tests in the style of office reports.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from pipeline.lexicon.matcher import build
from pipeline.lexicon.pairs import LexiconError, read_pairs
from pipeline.lint import lint_text
from tests.conftest import ROOT, lint_with_config, shared_path, write

FIRES = [
    ("RL801", "这一做法在基层声名雀起，周边县区纷纷前来学习。"),
    ("RL801", "面对突发汛情，各级干部临危不惧、身先士卒，迅速投入抢险。个别同志却明知固犯，顶风违纪。"),
    ("RL803", "全体干部一如继往地坚守岗位，确保各项工作不断档。"),
    ("RL802", "截止2024年6月底，全县累计发放补贴资金386万元。"),
    ("RL802", "截止目前，共受理群众来信来访42件。"),
    ("RL802", "县委常委会对防汛工作做出专门部署。"),
    ("RL802", "办事群众可登陆政务服务网查询办理进度。"),
    ("RL802", "局党组对全年重点工作进行了布署。"),
    ("RL802", "既使任务再重，也要按时保质完成。"),
    ("RL802", "进一步捋顺县乡两级的职责关系。"),
    ("RL801", "建立健全各项制度，坚持建章健制，用制度管人管事。"),
    ("RL803", "各科室全力以付做好迎检准备工作。"),
    ("RL803", "各部门要齐心协利，形成工作合力。"),
    ("RL803", "进一步加强兼督管理，确保资金安全。"),
    ("RL803", "对重点工作要持之以衡地抓下去。"),
    ("RL801", "要把学到的理论融汇贯通，转化为推动工作的实际能力。"),
]

SILENT = [
    "截至2024年6月底，全县累计发放补贴资金386万元。",
    "项目申报截止日期为2024年7月15日，逾期不再受理。",
    "县委常委会对防汛工作作出专门部署。",
    "我们做出了一批群众满意的民生实事项目。",
    "受第5号台风登陆影响，全县普降暴雨。",
    "这样做风险较小，群众也容易接受。",
    "既要抓好当前工作，又要谋划长远发展；既使群众得实惠，又使干部受教育。",
    "要把学到的理论融会贯通，转化为推动工作的实际能力。",
    "两岸同胞血脉相连，社会活力不断增强。",
    "坚持五位一体总体布局，统筹推进各项工作。",
    "组织开展《一如继往》主题读书分享活动。",
    "全年共召开专题会议12次，印发文件23份。",
    "各科室全力以赴做好迎检准备工作，自营业务稳步增长。",
    "坚持循序渐进，脚踏实地，循序前进。",
]

DEEP_FIRES = [
    ("全面提高群众参与基层治理的积级性。", "级", "极"),
    ("各乡镇要认真祖织实施，确保取得实效。", "祖", "组"),
    ("扎实推进乡村振兴，加快农业农村现待化。", "待", "代"),
    ("全县森林复盖率达到62%以上。", "复", "覆"),
    ("全镇新建标准化厂房，大力发展抉贫产业。", "抉", "扶"),
    ("在任何时侯都要把群众利益放在首位。", "侯", "候"),
]
DEEP_SILENT = [
    "全面提高群众参与基层治理的积极性。",
    "各乡镇要认真组织实施，确保取得实效。",
    "2024年，县财政局会同县人社局开展了专项检查，发现问题13个，已整改11个。",
    "组织党员干部认真学习《中华人民共和国安全生产法》和“三重一大”决策制度。",
    "全县森林覆盖率达到62%以上。",
    "全镇新建标准化厂房，大力发展扶贫产业。",
    "在任何时候都要把群众利益放在首位。",
    "代表团会见了来访的约翰·霍查先生。",  # a transliterated name
    "坚持引才、引技、引智并举，不断壮大人才队伍。",  # a coined series
    "今年以来全县经济运行总体平稳，稳中有进。",
    "认真听取群众意见建议，及时回应社会关切。",
]


@pytest.mark.parametrize("text,wrong,right", DEEP_FIRES)
def test_deep_fires(text, wrong, right):
    found = [f for f in lint_text(text, select=["RL804"], deep=True).findings]
    assert [(text[f.start:f.end], f.replacement) for f in found] == [(wrong, right)]
    assert not lint_text(text, select=["RL804"]).findings  # only with --deep


@pytest.mark.parametrize("text", DEEP_SILENT)
def test_deep_silent(text):
    assert not lint_text(text, select=["RL8"], deep=True).findings


@pytest.mark.parametrize("code,text", FIRES)
def test_fires(code, text):
    found = [f for f in lint_text(text, select=["RL8"]).findings if f.code == code]
    assert found, f"{code} did not fire on {text!r}"
    f = found[0]
    assert f.replacement and text[f.start:f.end] != f.replacement
    assert "（" in f.message  # the pair's source is named


@pytest.mark.parametrize("text", SILENT)
def test_silent(text):
    found = [f for f in lint_text(text, select=["RL8"]).findings if f.severity != "info"]
    assert not found, [(text[f.start:f.end], f.message) for f in found]


def test_span_and_replacement_are_exact():
    text = "截止2024年底，全区建成服务站12个。"
    (f,) = [f for f in lint_text(text, select=["RL802"]).findings]
    assert (text[f.start:f.end], f.replacement) == ("截止", "截至")


def test_info_level_for_variant_forms():
    f = [f for f in lint_text("为全县经济发展做出了重要贡献。", select=["RL802"]).findings]
    assert f and f[0].severity == "info" and f[0].replacement == "作出"


def test_pair_file_levels_conditions_and_errors(tmp_path):
    f = write(tmp_path / "mine.tsv", "# comment\n#! kind: normative\n"
              "反应问题\t反映问题\t疑似\n精减\t精简\t提示\tnext=机构|人员\t本单位用语\n")
    pairs = read_pairs(f)
    assert [(p.wrong, p.level, p.kind) for p in pairs] == [("反应问题", "warning", "normative"),
                                                          ("精减", "info", "normative")]
    assert pairs[1].source == "本单位用语" and pairs[0].source == "mine"
    assert pairs[1].holds("精减机构", 0, 2) and not pairs[1].holds("精减了", 0, 2)
    for bad, why in (("甲乙\n", "wrong<TAB>right"), ("甲乙\t甲丙\t严重\n", "bad level"),
                     ("甲乙\t甲丙\terror\tleft=x\n", "bad context"), ("甲乙\t甲乙\n", "wrong equals right")):
        with pytest.raises(LexiconError, match=why):
            read_pairs(write(tmp_path / "bad.tsv", bad))


def test_automaton_and_plain_scan_agree():
    pairs = read_pairs(ROOT / "pipeline" / "lexicon" / "data" / "normative.tsv")
    with_ac = build(pairs, ["截止日期"])
    plain = build(pairs, ["截止日期"])
    plain.automaton = None
    text = "截止2023年底，截止日期前完成。做出部署，布署工作，登陆系统，台帐管理。" * 3
    assert with_ac.scan(text) == plain.scan(text) and len(with_ac.scan(text)) >= 12


def test_scan_is_linear(benchmark=None):
    """The matcher's work grows with the text, not with text × pairs: 40x the text, about 40x the matches."""
    from pipeline.lexicon.matcher import lexicon

    lx = lexicon()
    unit = "各单位认真落实，截止目前已完成布署。"
    assert len(lx.scan(unit * 400)) == 40 * len(lx.scan(unit * 10))


def test_user_pairs_and_exceptions_from_setup_cfg(tmp_path):
    write(tmp_path / "setup.cfg", "[report-lint]\nlexicon = words.tsv\nlexicon-exceptions = keep.txt\n")
    write(tmp_path / "words.tsv", "网格化管里\t网格化管理\t必错\n")
    write(tmp_path / "keep.txt", "# 本地地名\n布署村\n")
    draft = write(tmp_path / "draft.txt", "推进网格化管里全覆盖。\n布署村完成改厕120户。\n对工作进行了布署。\n")
    out = subprocess.run([sys.executable, "-m", "pipeline.cli", "lint", "--format", "json", "--select", "RL8",
                          str(draft)], capture_output=True, text=True, cwd=ROOT)
    findings = json.loads(out.stdout)["files"][0]["findings"]
    got = sorted((f["code"], f.get("replacement")) for f in findings)
    assert got == [("RL801", "网格化管理"), ("RL802", "部署")], findings
    assert any("用户词表" in f["message"] for f in findings)


def test_bad_user_pair_file_is_a_clean_error(tmp_path):
    out = lint_with_config(tmp_path, "lexicon = words.tsv", {"words.tsv": "只有一列\n"})
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "words.tsv:1" in out.stderr and len(out.stderr.strip().splitlines()) == 1


def test_plain_lint_does_not_load_the_matcher():
    code = ("import sys; from pipeline.lint import lint_text; lint_text('推进工作。', select=['RL4']);"
            "print(sorted(m for m in ('ahocorasick_rs', 'pypinyin', 'pipeline.lexicon.matcher') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_shipped_pairs_are_sound():
    from pipeline.lexicon.pairs import builtin_files
    from pipeline.segment import tokenizer

    freq = tokenizer().FREQ
    for f in builtin_files():
        for p in read_pairs(f):
            assert p.wrong != p.right
            if p.source in ("macro-correct", "ODW"):
                assert freq.get(p.right, 0) > 0 and freq.get(p.wrong, 0) <= 0, (f.name, p)


@pytest.mark.shared
def test_odw_precision_on_a_subset():
    """Default RL8 on 300 ODW sentences (../shared): precision of the flags and no flag on a corrected sentence.

    The shipped ODW pairs were read off this split, so recall here is in-sample and not asserted;
    scripts/eval_odw.py measures it by 5-fold cross-validation.
    """
    records = json.loads(shared_path("corpora", "ecspell_odw", "train.json").read_text(encoding="utf-8"))[::5][:300]
    detected = false = 0
    for r in records:
        wrong = {i for i, (a, b) in enumerate(zip(r["source"], r["target"], strict=False)) if a != b}
        found = [f for f in lint_text(r["source"], select=["RL8"]).findings if f.severity != "info"]
        if any(wrong & set(range(f.start, f.end)) for f in found):
            detected += 1
        elif found:
            false += 1
        assert not [f for f in lint_text(r["target"], select=["RL8"]).findings if f.severity != "info"], r["target"]
    assert detected >= 10 and detected / (detected + false) >= 0.9


def test_deep_and_lexicon_keys_in_setup_cfg(tmp_path):
    from pipeline.config import load_options

    write(tmp_path / "setup.cfg", "[report-lint]\ndeep = true\nlexicon = a.tsv, sub/b.tsv\n")
    opts = load_options(explicit=tmp_path / "setup.cfg")
    assert opts.deep and not opts.warnings
    assert opts.lexicon == [str(tmp_path / "a.tsv"), str(tmp_path / "sub" / "b.tsv")]
