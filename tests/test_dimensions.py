"""Work dimensions: taxonomy, shipped model, the stage, coverage table and RL6xx rules."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from pipeline.config import Options
from pipeline.dimensions.classify import run as classify_run
from pipeline.dimensions.coverage import coverage, format_coverage
from pipeline.dimensions.model import DimensionModel, default_dir, load_model
from pipeline.dimensions.taxonomy import TaxonomyError, load_taxonomy
from pipeline.document import Document
from pipeline.lint import analyse, lint_text
from pipeline.stages import run_stages

ROOT = Path(__file__).resolve().parent.parent
SIX = ["参谋辅政", "督查落实", "综合协调", "服务保障", "信访维稳", "队伍建设"]

REPORT = """县档案馆办公室2024年工作总结
2024年，办公室围绕全馆中心任务，认真履职，现将主要工作总结如下。
一、主要工作
（一）当好参谋助手
全年为馆领导起草讲话、汇报和年度总结等材料48篇，撰写专题调研报告3篇，其中1篇获县领导批示；编报工作信息36条。
（二）抓实督办落实
对馆务会确定的22项事项逐一登记，明确责任科室和完成时限，每月通报进展，年底全部办结。
（三）做好后勤保障
承办馆内会议40场，完成办公楼电路改造，规范公务用车登记；全年收发文件860件，无一积压。
（四）加强自身建设
坚持每周集中学习，开展廉洁教育和保密培训，两名同志获评年度优秀。
二、下步打算
（一）提高材料质量，多出有分量的调研成果。
（二）健全督办台账，推动议定事项按期办结。
（三）推进档案数字化，提升后勤保障水平。
（四）抓好学习培训，打造过硬队伍。
"""


def tag(text: str, options: Options | None = None) -> Document:
    doc = Document(text)
    run_stages(doc, ["dimensions"], options or Options())
    return doc


# -- taxonomy -----------------------------------------------------------------
def test_builtin_taxonomy_has_six_dimensions_and_short_names():
    tax = load_taxonomy()
    assert tax.work_names == SIX
    assert tax.fallback == "其他" and tax.names[-1] == "其他"
    for name in SIX:
        assert len(tax.short2(name)) == 2
        assert len(tax.short4(name)) == 4
        assert tax.by_name[name].cues and tax.by_name[name].subtopics and tax.by_name[name].definition


def test_custom_taxonomy_file(tmp_path):
    path = tmp_path / "dims.yml"
    path.write_text(
        "fallback: 其他\ndimensions:\n  督查落实: {short2: 督查, short4: 督查落实}\n"
        "  队伍建设: {short2: 队伍, short4: 队伍建设}\n"
        "  安全生产: {short2: 安全, short4: 安全生产, cues: [安全生产, 隐患]}\n", encoding="utf-8")
    tax = load_taxonomy(path)
    assert tax.names == ["督查落实", "队伍建设", "安全生产", "其他"]
    doc = tag("一是安全生产更扎实。开展隐患排查12次，整改隐患40处。\n二是督查落实更有力。建立督办台账，逐项跟踪销号。\n"
              "三是服务保障更精细。承办会议60场，做好公务接待。", Options(dimensions=str(path)))
    dims = [p.dimension for p in doc.paragraphs]
    assert dims[0] == "安全生产" and dims[1] == "督查落实"
    assert dims[2] == "其他"  # 服务保障 is not in this taxonomy


def test_bad_taxonomy_file_is_reported(tmp_path, capsys):
    path = tmp_path / "bad.yml"
    path.write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(TaxonomyError):
        load_taxonomy(path)
    doc = tag("一是督查落实更有力。建立督办台账，逐项跟踪销号。", Options(dimensions=str(path)))
    assert doc.paragraphs[0].dimension == "督查落实"  # the built-in taxonomy took over
    assert "dimensions" in capsys.readouterr().err


# -- shipped model --------------------------------------------------------------
def test_model_directory_is_plain_data_and_small():
    folder = default_dir()
    names = {p.name for p in folder.iterdir()}
    assert {"model.json", "vocab.json", "idf.npy", "coef.npy", "intercept.npy", "MODEL_CARD.md"} <= names
    assert not [n for n in names if n.endswith((".pkl", ".pickle", ".joblib", ".pt", ".bin"))]
    assert sum(p.stat().st_size for p in folder.iterdir()) < 20 * 1024 * 1024
    for n in ("idf", "coef", "intercept"):
        np.load(folder / f"{n}.npy", allow_pickle=False)  # raises if an object array sneaked in
    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    assert meta["labels"] == SIX + ["其他"]
    assert 0 < meta["params"]["threshold"] < 1


@pytest.mark.parametrize("heading,dim", [
    ("二是督查落实更有力", "督查落实"),
    ("（三）统筹协调，机关运转顺畅高效", "综合协调"),
    ("第五，抓好信访工作，维护系统稳定", "信访维稳"),
    ("六是队伍建设更过硬", "队伍建设"),
    ("四、会务接待和后勤保障更加精细", "服务保障"),
    ("一是以文辅政水平持续提升", "参谋辅政"),
])
def test_heading_alone_is_strong_evidence(heading, dim):
    assert load_model().predict("", heading).label == dim


def test_hard_cases_from_label_guidelines():
    m = load_model()
    # a 督查 paragraph full of 会议
    meeting = "对局务会和专题会议确定的事项建立台账，会后三天内交办，逾期未办结的在下次会议上通报。"
    assert m.predict(meeting).label == "督查落实"
    # a 服务保障 paragraph about 文件收发
    assert m.predict("全年收发文件3200件，机要文件专人传递、专柜保管，按时清退，无一丢失延误。").label == "服务保障"
    # 党建 and 廉政 of the office itself are 队伍建设
    assert m.predict("落实“三会一课”制度，支部书记讲党课4次，组织党员到教育基地开展主题党日。").label == "队伍建设"
    assert m.predict("召开廉政形势分析会，排查廉政风险点15个，组织观看警示教育片。").label == "队伍建设"


def test_nothing_to_go_on_is_fallback_with_low_confidence():
    m = load_model()
    for text in ("", "abc 123", "。。。"):
        pred = m.predict(text)
        assert pred.label == "其他" and pred.confidence < m.threshold


def test_probabilities_sum_to_one():
    pred = load_model().predict("开展矛盾纠纷排查，化解信访积案。", "五是信访维稳更扎实")
    assert abs(sum(pred.probs.values()) - 1.0) < 1e-6
    assert pred.confidence == pytest.approx(max(pred.probs.values()))


# -- the stage --------------------------------------------------------------
def test_items_and_paragraphs_tagged_with_outline():
    doc = tag(REPORT)
    by_line = {p.line: p for p in doc.paragraphs}
    got = [by_line[n].dimension for n in (4, 6, 8, 10)]
    assert got == ["参谋辅政", "督查落实", "服务保障", "队伍建设"]
    # the body paragraph under a heading line shares the heading's dimension
    assert [by_line[n].dimension for n in (5, 7, 9, 11)] == got
    assert [by_line[n].dimension for n in (13, 14, 15, 16)] == got
    assert by_line[1].dimension == "其他" and by_line[3].dimension == "其他"
    for p in doc.paragraphs:
        assert p.dimension is not None and 0.0 <= p.confidence <= 1.0
    if doc.outline is not None:
        for it in doc.outline.items:
            assert it.dimension is not None and it.confidence is not None


def test_named_container_hands_its_dimension_to_sub_items():
    text = ("一、主要工作\n（一）综合协调，推动各方同向发力\n1. 来文分办及时准确。落实首办负责，当日来文当日分办。\n"
            "2. 议事安排统筹有序。全年统筹安排议事活动60次。\n（二）信访维稳，守牢安全底线\n"
            "1. 矛盾隐患早发现早处置。每月开展一次拉网排查，化解纠纷38起。\n")
    doc = tag(text)
    if doc.outline is None:
        pytest.skip("outline stage not present")
    dims = {p.text[:6]: p.dimension for p in doc.paragraphs}
    assert dims["1. 来文分"] == "综合协调" and dims["2. 议事安"] == "综合协调"
    assert dims["1. 矛盾隐"] == "信访维稳"
    assert dims["一、主要工作"] == "其他"


def test_paragraph_fallback_without_outline():
    doc = Document(REPORT)
    run_stages(doc, ["segment"])
    doc.outline = None
    classify_run(doc, Options())
    by_line = {p.line: p for p in doc.paragraphs}
    assert by_line[4].dimension == by_line[5].dimension == "参谋辅政"
    assert by_line[7].dimension == "督查落实"
    assert by_line[11].dimension == "队伍建设"


def test_coverage_table():
    doc = tag(REPORT)
    table = coverage(doc)
    assert table["参谋辅政"]["summary"]["items"] == 1 and table["参谋辅政"]["plan"]["items"] == 1
    assert table["信访维稳"]["summary"]["chars"] == 0
    out = format_coverage(doc)
    assert "工作维度覆盖" in out and "打算字数" in out
    row = next(line for line in out.splitlines() if line.startswith("信访维稳"))
    assert "未涉及" in row


def test_json_has_dimension_on_every_paragraph():
    from pipeline.output.jsonout import paragraph_dicts

    doc = analyse(Document(REPORT), Options())
    paras = paragraph_dicts(doc)
    assert paras and all(p["dimension"] for p in paras)


# -- rules ------------------------------------------------------------------
def test_plan_missing_dimension_names_dimension_and_summary_item():
    text = REPORT.replace("（四）抓好学习培训，打造过硬队伍。\n", "")
    doc = lint_text(text, select=["RL601"])
    msgs = [f.message for f in doc.findings]
    assert len(msgs) == 1 and "队伍建设" in msgs[0] and "加强自身建设" in msgs[0]
    assert doc.findings[0].severity == "warning"


def test_no_plan_part_no_plan_missing_finding():
    text = REPORT.split("二、下步打算")[0]
    assert not lint_text(text, select=["RL601", "RL602"]).findings


def test_plain_lint_imports_no_heavy_libraries():
    code = ("import sys; from pipeline.lint import lint_text; lint_text(open(sys.argv[1]).read()); "
            "print(sorted(m for m in ('sklearn', 'spacy', 'torch', 'transformers', 'scipy') if m in sys.modules))")
    sample = ROOT / "corpora" / "reports" / "001_xianzhengfu_jiaoliu.txt"
    out = subprocess.run([sys.executable, "-c", code, str(sample)], capture_output=True, text=True, cwd=ROOT,
                         check=True)
    assert out.stdout.strip() == "[]"


# -- corpus -------------------------------------------------------------------
def test_corpus_is_large_varied_and_fully_labelled():
    folder = ROOT / "corpora" / "reports"
    files = sorted(folder.glob("*.txt"))
    assert len(files) >= 60
    assert len({f.name.split("_")[1] for f in files}) >= 12  # issuers
    assert {f.stem.rsplit("_", 1)[1] for f in files} >= {"nianzhong", "banian", "shuzhi", "jiaoliu"}
    records = [json.loads(x) for x in (folder / "labels.jsonl").read_text(encoding="utf-8").splitlines()]
    per_file = Counter(r["file"] for r in records)
    for f in files:
        lines = [x for x in f.read_text(encoding="utf-8").split("\n") if x.strip()]
        assert per_file[f.name] == len(lines), f.name
    dims = Counter(r["dimension"] for r in records)
    for name in SIX:
        assert dims[name] >= 80, name


def test_model_loads_from_its_folder_only():
    m = DimensionModel.load(default_dir())
    assert m.labels[-1] == "其他" and len(m.index) == m.coef.shape[0]


def test_named_container_does_not_hand_its_dimension_across_parts():
    text = ("一、主要工作\n（一）督办落实更有力。对议定事项建立台账，按月通报，办结率98%。\n"
            "（二）作风建设不断强化。组织支部学习20次，开展廉政警示教育。\n"
            "回顾一年来的工作，还存在一些不足：\n一是信息调研深度不够，有分量的调研成果不多。\n"
            "下一步，我们将重点做好以下工作：\n一是抓好信访工作，及时化解矛盾纠纷，落实领导接访制度。\n"
            "二是抓好督查督办，推动议定事项落地见效。\n")
    doc = tag(text)
    dims = {p.text[:6]: p.dimension for p in doc.paragraphs}
    assert dims["（二）作风建"] == "队伍建设"
    assert dims["一是信息调研"] == "参谋辅政"
    assert dims["一是抓好信访"] == "信访维稳"
    assert dims["二是抓好督查"] == "督查落实"


def test_shortfall_left_in_summary_does_not_count_as_reported_work():
    text = ("一、主要工作\n一是督查落实更有力。建立督办台账，对会议议定事项逐项跟踪，办结率98%。\n"
            "二是队伍建设更过硬。组织支部学习24次，开展廉政警示教育。\n三是信息调研深度不够，有分量的调研成果不多。\n"
            "二、下步打算\n第一，抓好督促检查。对重点任务实行清单化督办。\n第二，抓好队伍建设。加强理论学习和业务培训。\n")
    assert not lint_text(text, select=["RL601"]).findings


def test_plan_item_covering_two_dimensions_answers_both():
    text = ("一、主要工作\n一是督查落实更有力。建立督办台账，对会议议定事项逐项跟踪，办结率98%。\n"
            "二是服务保障更精细。全年承办会议86场，接待来访考察32批次，档案管理通过验收。\n"
            "三是队伍建设更过硬。组织支部学习24次，开展廉政警示教育，干部作风明显转变。\n"
            "二、下步打算\n第一，抓好督促检查。对重点任务实行清单化督办，确保落地见效。\n"
            "第二，抓好服务保障和队伍建设。规范会务接待和档案管理；加强理论学习和业务培训，筑牢廉洁防线。\n")
    assert not lint_text(text, select=["RL601"]).findings


def test_numpy_feature_path_equals_counter_path():
    from pipeline.dimensions.features import features, unfiltered_features
    from pipeline.segment import cut

    m = load_model()
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpora" / "reports").glob("*.txt"))[:3]]
    texts += ["", "一", "一二", "abc 123 。。", "２０２３年（一）测试，督查督办"]
    for text in texts:
        words = cut(text)
        a_ix, a_val = m.vector(features(text, words=words))
        b_ix, b_val = m.text_vector(text, words)
        oa, ob = np.argsort(a_ix), np.argsort(b_ix)
        assert np.array_equal(a_ix[oa], b_ix[ob])
        assert np.allclose(a_val[oa], b_val[ob], atol=1e-12)
        c_ix, c_val = m.vector(unfiltered_features(text, words))
        oc = np.argsort(c_ix)
        assert np.array_equal(a_ix[oa], c_ix[oc]) and np.allclose(a_val[oa], c_val[oc], atol=1e-12)


def test_batch_logits_equal_one_text_at_a_time():
    from pipeline.segment import cut

    m = load_model()
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpora" / "reports").glob("*.txt"))[:2]]
    texts = [line for t in texts for line in t.splitlines()]
    texts += ["", "一", "一二", "abc 123 。。", "２０２３年（一）测试，督查督办", "一是督查落实更有力"]
    words = [cut(t) for t in texts]
    batch = m.batch_logits(texts, words)
    assert m.batch_logits([], []) == []
    for text, ws, got in zip(texts, words, batch, strict=True):
        want = m.logits(text, cut, ws) if text else None
        assert (want is None) == (got is None), text
        if want is not None:
            assert np.allclose(want, got, atol=1e-12), text


def test_batch_logits_same_in_small_blocks(monkeypatch):
    """Scoring in blocks of texts gives exactly the sums of one pass (each text in one block)."""
    from pipeline.dimensions import model as model_mod
    from pipeline.segment import cut

    m = load_model()
    texts = [line for p in sorted((ROOT / "corpora" / "reports").glob("*.txt"))[:6]
             for line in p.read_text(encoding="utf-8").splitlines()]
    words = [cut(t) for t in texts]
    whole = m.batch_logits(texts, words)
    for block in (1, 7, 500):
        monkeypatch.setattr(model_mod, "SCORE_BLOCK", block)
        small = m.batch_logits(texts, words)
        assert all((a is None and b is None) or np.array_equal(a, b) for a, b in zip(whole, small, strict=True))
