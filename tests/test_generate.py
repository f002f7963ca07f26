"""Generation stage: frames, template fill, the shipped language model, CLI, lint hooks, fallback."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.document import Document
from pipeline.generate.frames import parse_pattern, plan_frames, render, slot_fillers
from pipeline.generate.generator import Generator
from pipeline.generate.lm import ENV_DIR, available, load_lm
from pipeline.lint import lint_text
from pipeline.stages import run_stages
from tests.conftest import ROOT

DIMS = ["参谋辅政", "督查落实", "综合协调", "服务保障", "信访维稳", "队伍建设"]

# Written for these tests: a summary of three dimensions whose plan lacks 信访维稳.
THREE = """某局办公室2025年工作总结
一、主要工作
一是参谋辅政更到位。围绕中心工作开展专题调研8次，起草领导讲话和综合文稿46篇，报送政务信息210条。
二是信访维稳更扎实。落实领导接访制度，全年接待来访群众230人次，化解信访积案9件，矛盾纠纷排查化解率明显提高。
三是队伍建设更过硬。组织理论学习24次，开展业务培训和岗位练兵，干部作风明显转变。
二、下步工作打算
第一，抓好文稿起草，在以文辅政上实现再进一步。提高文稿质量，加强调查研究。
第二，抓好干部培养，在作风建设上实现再进一步。加强理论学习和廉政教育。
"""

# A series with one heading out of rhythm (written for these tests).
DEVIANT = """一是参谋辅政更到位。全年起草文稿40篇。
二是督查落实更有力。全年督办事项120件。
三是综合协调更高效。协调跨部门事项30件。
四是会务接待和后勤保障工作更周到。全年保障会议80场，接待来宾50批次。
五是队伍建设更过硬。组织学习24次。"""


def _doc(text: str) -> Document:
    doc = Document(text)
    run_stages(doc, ["dimensions"])
    return doc


def _without_plan(text: str) -> str:
    lines = text.split("\n")
    return "\n".join(ln for ln in lines if not (ln.startswith("下步工作打算") or ln.startswith("第")))


@pytest.fixture(scope="module")
def lm():
    """The shipped model, loaded once for the module."""
    model = load_lm()
    if model is None:
        pytest.skip("models/lm/ is not in this checkout")
    return model


# ---------------------------------------------------------------- frames
def test_library_frames_render_and_fit():
    for pf in plan_frames():
        fillers = ["信访维稳" if hi > 2 else "扎实" for lo, hi in pf.frame.slots if hi > 0]
        text = render(pf.frame, fillers)
        assert pf.frame.fits(text), (pf.name, text)
        assert slot_fillers(pf.frame, text) == fillers


def test_parse_pattern_matches_structure_notation():
    assert parse_pattern("[4]更[2]").pattern == "[4]更[2]"
    assert parse_pattern("抓好[4]，在[4-6]上实现再进一步").pattern == "抓好[4]，在[4-6]上实现再进一步"


# ---------------------------------------------------------- template fill
def test_template_fills_the_missing_dimension_in_the_plans_frame():
    doc = _doc(THREE)
    gen = Generator(doc)
    ctx = gen.plan_context()
    assert ctx.missing == ["信访维稳"]
    [sug] = gen.plan_items(ctx)
    assert sug.dimension == "信访维稳" and sug.method == "template"
    assert sug.label == "第二，"  # placed after 参谋辅政, before 队伍建设, in the plan's own style
    assert ctx.frame.fits(sug.text)
    assert sug.best.checks == {"fits": True, "lengths": True, "unique": True, "dimension": True,
                               "no_copy": True, "no_tautology": True, "no_repeat": True, "predicate": True,
                               "approach_verb": True, "measure": True, "measure_fits": True}
    existing = {f for it in ctx.plan_items for f in slot_fillers(ctx.frame, it.heading)}
    assert not existing & set(sug.best.fillers)


def test_template_rewrite_fits_the_frame_and_keeps_the_dimension():
    doc = _doc(DEVIANT)
    [sug] = Generator(doc).rewrites()
    assert sug.kind == "rewrite" and sug.frame == "[4]更[2]"
    assert sug.original == "会务接待和后勤保障工作更周到"
    assert parse_pattern("[4]更[2]").fits(sug.text)
    assert sug.dimension == "服务保障" and sug.best.dimension == "服务保障"


def test_template_fill_is_deterministic():
    a = [s.text for s in Generator(_doc(THREE)).plan_items()]
    b = [s.text for s in Generator(_doc(THREE)).plan_items()]
    assert a == b


def test_seed_without_plan_template(seed_text):
    doc = _doc(_without_plan(seed_text))
    items = Generator(doc).plan_items()
    _check_six(items)


def test_seed_rewrite_of_the_deviant_heading(seed_text):
    doc = _doc(seed_text)
    [sug] = Generator(doc).rewrites()
    assert sug.original == "行业稳定工作更扎实"
    assert parse_pattern("[4]更[2]").fits(sug.text)
    assert sug.best.dimension == "信访维稳"


def _check_six(items):
    assert [s.dimension for s in items] == DIMS
    assert len({s.frame for s in items}) == 1
    frame = parse_pattern(items[0].frame)
    fillers = []
    for s in items:
        if s.best is None:
            # a dimension whose text names nothing concrete gets no item, not an empty measure
            # (the seed's 综合协调 paragraph speaks only of 协调 in general)
            assert any(c.checks.get("measure") is False for c in s.candidates)
            continue
        assert frame.fits(s.text)
        assert s.best.dimension == s.dimension  # the classifier agrees
        fillers += s.best.fillers
    assert sum(s.best is not None for s in items) >= len(items) - 1
    assert len(fillers) == len(set(fillers))  # no filler repeats across items


# ------------------------------------------------------------ the model
def test_model_folder_is_complete_and_small():
    folder = ROOT / "models" / "lm"
    if not available(folder):
        pytest.skip("models/lm/ is not in this checkout")
    size = sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
    assert size <= 50 * 1024 * 1024
    assert (folder / "MODEL_CARD.md").is_file() and (folder / "loss_log.tsv").is_file()


def test_lm_scores_fluent_text_above_scrambled(lm):
    good, bad = lm.score(["加强理论学习，提高业务能力", "力能务业高提，习学论理强加"])
    assert good > bad


def test_lm_fill_slot_respects_length(lm):
    for text, _score in lm.fill_slot("第一，抓好", 4, "，在", k=3):
        assert len(text) == 4


def test_seed_without_plan_with_the_model(seed_text, lm):
    doc = _doc(_without_plan(seed_text))
    gen = Generator(doc, lm=lm)
    items = gen.plan_items()
    _check_six(items)
    assert all(s.method == "lm" and s.best.lm is not None for s in items if s.best is not None)
    again = Generator(_doc(_without_plan(seed_text)), lm=lm).plan_items()
    assert [s.text for s in again] == [s.text for s in items]  # fixed seed: same answer


def test_creative_samples_still_pass_the_checks(lm):
    doc = _doc(THREE)
    [sug] = Generator(doc, lm=lm, creative=True, seed=7).plan_items()
    assert sug.best is not None and sug.best.dimension == "信访维稳"


# ------------------------------------------------------------------ CLI
def test_suggest_cli_json_lists_candidates(tmp_path, lm):
    path = tmp_path / "draft.txt"
    path.write_text(THREE, encoding="utf-8")
    res = CliRunner().invoke(main, ["suggest", str(path), "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    [f] = data["files"]
    assert f["method"] == "lm"
    [item] = f["plan_items"]
    assert item["dimension"] == "信访维稳" and len(item["candidates"]) > 1
    assert all("score" in c and "lm_score" in c and "checks" in c for c in item["candidates"])
    assert [r["label"] for r in f["plan_block"]] == ["第一，", "第二，", "第三，"]


def test_suggest_cli_text_prints_block_and_rewrite(tmp_path, lm):
    path = tmp_path / "draft.txt"
    path.write_text(DEVIANT, encoding="utf-8")
    res = CliRunner().invoke(main, ["suggest", str(path)])
    assert res.exit_code == 0, res.output
    assert "改写" in res.output and "[4]更[2]" in res.output


def test_fallback_without_model_warns_and_uses_template(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_DIR, str(tmp_path / "no_model_here"))
    path = tmp_path / "draft.txt"
    path.write_text(THREE, encoding="utf-8")
    res = CliRunner().invoke(main, ["suggest", str(path), "--format", "json"])
    assert res.exit_code == 0, res.output
    assert "language model not found" in res.stderr
    data = json.loads(res.stdout)
    assert data["files"][0]["method"] == "template"
    assert data["files"][0]["plan_items"][0]["text"]


# ---------------------------------------------------------- lint hooks
def test_lint_findings_carry_template_suggestions():
    doc = lint_text(THREE, select=["RL601"])
    [f] = doc.findings
    assert "信访维稳" in f.suggestion and "第二，" in f.suggestion
    doc = lint_text(DEVIANT, select=["RL507"])
    [f] = doc.findings
    assert f.suggestion.startswith("改为“") and "更" in f.suggestion


def test_plain_lint_never_imports_torch_or_transformers(tmp_path):
    one, two = tmp_path / "plan.txt", tmp_path / "series.txt"
    one.write_text(THREE, encoding="utf-8")
    two.write_text(DEVIANT, encoding="utf-8")
    code = (
        "import sys\n"
        "from pipeline.cli import main\n"
        f"try:\n    main([{str(one)!r}, {str(two)!r}], standalone_mode=False)\n"
        "except SystemExit:\n    pass\n"
        "bad = [m for m in ('torch', 'transformers') if m in sys.modules]\n"
        "print('HEAVY', bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert "HEAVY []" in out.stdout, out.stdout + out.stderr
    assert "RL601" in out.stdout and "如：“第二，" in out.stdout
    assert "RL507" in out.stdout and "建议：改为“" in out.stdout


def test_plain_torch_forward_matches_transformers():
    """The inference path (no transformers import) gives the training library's logits."""
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    from pipeline.generate.gpt2_forward import CharTokenizer, GPT2Forward
    from pipeline.generate.lm import lm_dir

    folder = lm_dir()
    if not available(folder):
        pytest.skip("models/lm is not present")
    ref = transformers.GPT2LMHeadModel.from_pretrained(str(folder), local_files_only=True).eval()
    hf_tok = transformers.PreTrainedTokenizerFast.from_pretrained(str(folder), local_files_only=True)
    tok, net = CharTokenizer(folder), GPT2Forward(folder)
    texts = ["第一，抓好信息调研，在以文辅政上实现再进一步。", "督办事项120件", "加强队伍建设"]
    for t in texts:
        assert tok.encode(t) == hf_tok(t, add_special_tokens=False)["input_ids"]
        assert tok.decode(tok.encode(t)) == t
    seqs = [[tok.bos_token_id, *tok.encode(t)] for t in texts]
    width = max(map(len, seqs))
    ids = torch.full((len(seqs), width), tok.pad_token_id, dtype=torch.long)
    att = torch.zeros_like(ids)
    for r, s in enumerate(seqs):
        ids[r, :len(s)] = torch.tensor(s)
        att[r, :len(s)] = 1
    with torch.no_grad():
        want = ref(input_ids=ids, attention_mask=att).logits
    got = net.logits(ids, att)
    for r, s in enumerate(seqs):
        assert torch.allclose(want[r, :len(s)], got[r, :len(s)], atol=1e-4)
