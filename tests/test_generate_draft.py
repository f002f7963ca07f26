"""Plan items in the draft's own frame and words; genre skip; rewrites that change the fewest characters.

Every draft here was written for these tests.
"""

from __future__ import annotations

import json
import subprocess
import sys
from types import SimpleNamespace

from pipeline.document import Document
from pipeline.generate.draft_plan import WANTED, mentioned_subtopics
from pipeline.generate.frames import parse_pattern
from pipeline.generate.generator import Generator, _literal_fix, block_label
from pipeline.generate.measures import best_verbs, copied_run, measures
from pipeline.generate.remedies import standing_clauses
from pipeline.stages import run_stages
from tests.conftest import ROOT

# A summary whose headings share 一是[4]更加[2]; a problems section; no plan.
NO_PLAN = """某区政府办公室2025年工作总结
一、主要工作
一是参谋辅政更加精准。围绕区委区政府中心工作开展专题调研9次，起草综合文稿52篇，编发政务信息310条。
二是督查落实更加有力。建立重点任务督办台账，全年督办事项96件，办结率97%。
三是综合协调更加顺畅。统筹安排区政府常务会议24次，精简会议文件，公文运转提速。
四是信访维稳更加扎实。开展矛盾纠纷排查化解，落实领导接访制度，全年化解信访积案11件。
二、存在的问题
一是调查研究还不够深入，调研成果转化运用不够充分。
二是督查方式还不够灵活，跟踪问效的刚性约束不强。
三是统筹协调还不够顺畅，部门之间衔接不够紧密。
"""

# The same summary without any shared fixed words: no frame of its own.
NO_FRAME = """某区政府办公室2025年工作总结
一、主要工作
一是围绕中心工作搞好参谋服务。开展专题调研9次，起草综合文稿52篇，编发政务信息310条。
二是督查督办扎实。建立重点任务督办台账，全年督办事项96件。
三是统筹安排会议活动，协调顺畅。统筹安排区政府常务会议24次，精简会议文件。
四是信访工作。开展矛盾纠纷排查化解，落实领导接访制度，全年化解信访积案11件。
"""

SPEECH = """在全市办公室系统座谈会上的讲话
同志们：
一是参谋辅政更加精准。围绕中心工作开展专题调研，起草综合文稿。
二是督查落实更加有力。建立督办台账，督办事项按期办结。
三是综合协调更加顺畅。统筹安排会议活动，精简会议文件。
以上是我的几点体会。
"""

SHOUXIAN = """某局办公室2025年工作总结
一、主要工作
一是参谋辅政更加精准。开展专题调研9次，起草综合文稿52篇。
二是督查落实更加有力。建立督办台账，督办事项96件。
三是综合协调更加顺畅。统筹安排会议24次。
四是队伍建设更加过硬。组织理论学习20次，开展业务培训。
二、下步工作打算
首先，在参谋辅政上再加力。加强调查研究。
其次，在督查落实上再加力。完善督办台账。
最后，在队伍建设上再加力。加强理论学习。
"""

# A plan whose fourth item breaks a two-clause frame in its second clause.
TWO_CLAUSE = """市委办公室2026年工作打算
一、主要工作
一是参谋辅政更加精准。起草文稿40篇。
二是督查落实更加有力。督办事项120件。
三是综合协调更加顺畅。协调事项30件。
四是服务保障更加周到。保障会议80场。
五是队伍建设更加过硬。组织学习24次。
二、下步工作打算
第一，聚焦以文辅政，在参谋服务上再提升。围绕重大决策部署开展前瞻性调研。
第二，聚焦督查问效，在推动落实上再提升。完善重点任务清单化督查机制。
第三，聚焦统筹调度，在协调运转上再提升。继续精简会议和文件。
第四，聚焦精细服务，着力推动后勤保障水平再提升。推进值班值守标准化建设。
第五，聚焦政治建设，在队伍素质上再提升。持续深化模范机关创建。
"""


def _doc(text: str) -> Document:
    doc = Document(text)
    run_stages(doc, ["dimensions"])
    return doc


# ------------------------------------------------------------- frame from the draft
def test_frame_and_labels_come_from_the_summary_headings():
    gen = Generator(_doc(NO_PLAN))
    ctx = gen.plan_context()
    items = gen.plan_items(ctx)
    assert ctx.frame_source == "summary" and ctx.alt_frames == []
    frame = parse_pattern(items[0].frame)
    assert items[0].frame == "[4]更加[2]"
    assert [s.label for s in items] == ["一是", "二是", "三是", "四是"]
    for s in items:
        assert s.best is not None and frame.fits(s.text) and s.best.dimension == s.dimension


def test_items_use_the_drafts_words_without_copying_its_sentences():
    doc = _doc(NO_PLAN)
    items = Generator(doc).plan_items()
    lines = [s.best.line for s in items]
    assert len(set(lines)) == len(lines)
    for s in items:
        assert copied_run(s.best.text, doc.text) < 8
        assert not s.best.measure or copied_run(s.best.measure, doc.text) < 8
        # no summary heading comes back unchanged
        assert s.text not in doc.text
    measured = [s for s in items if s.best.measure]
    assert len(measured) >= 2
    for s in measured:
        assert not any(ch.isdigit() for ch in s.best.measure)  # no invented figures
        words = [w for w in s.best.measure.replace("。", "，").split("，") if w]
        # each clause works on the draft's own words (four characters of it in a row at least), or is one
        # of the area's standing practices the draft anchors, and then never the only one
        stock = set(standing_clauses(s.dimension, doc.text, doc.text, set()))
        own = [w for w in words if any(w[i:i + 4] in doc.text for i in range(len(w) - 3))]
        assert own and all(w in own or w in stock for w in words), s.best.line


def test_the_problems_section_gives_what_to_fix_next():
    assert WANTED.findall("调查研究还不够深入，统筹协调还不够顺畅") == ["深入", "顺畅"]
    gen = Generator(_doc(NO_PLAN))
    ctx = gen.plan_context()
    assert "深入" in ctx.words["参谋辅政"].wanted
    assert any(w in ("调查研究", "调研成果", "成果转化") for w in ctx.words["参谋辅政"].problem)


def test_library_frames_are_offered_only_when_the_draft_has_none():
    gen = Generator(_doc(NO_FRAME))
    ctx = gen.plan_context()
    items = gen.plan_items(ctx)
    assert ctx.frame_source == "library"
    assert 1 <= len(ctx.alt_frames) <= 2  # the frame used plus one or two others
    assert all(s.best is not None for s in items)


def test_stock_subtopics_only_when_the_draft_mentions_them():
    from pipeline.dimensions.taxonomy import load_taxonomy

    dim = load_taxonomy().by_name["服务保障"]
    assert mentioned_subtopics(dim, "本文只写了会议和文件。") == [] or all(
        s[:2] in "本文只写了会议和文件。" for s in mentioned_subtopics(dim, "本文只写了会议和文件。"))
    for s in mentioned_subtopics(dim, NO_PLAN):
        assert s[:2] in NO_PLAN


def test_shouxian_labels_run_as_a_sequence():
    gen = Generator(_doc(SHOUXIAN))
    ctx = gen.plan_context()
    assert ctx.style == "shouxian" and ctx.missing == ["综合协调"]
    labels = [block_label(ctx, n, 4) for n in range(1, 5)]
    assert labels == ["首先，", "其次，", "再次，", "最后，"]
    [sug] = gen.plan_items(ctx)
    assert sug.label == "再次，"


def test_deterministic_by_default():
    a = [s.best.line for s in Generator(_doc(NO_PLAN)).plan_items()]
    b = [s.best.line for s in Generator(_doc(NO_PLAN)).plan_items()]
    assert a == b


# ----------------------------------------------------------------------- genre
def test_a_speech_ending_in_tihui_gets_no_plan():
    gen = Generator(_doc(SPEECH))
    ctx = gen.plan_context()
    assert ctx.skipped and gen.plan_items(ctx) == []


def test_the_genre_recogniser_decides_when_it_is_there():
    doc = _doc(NO_PLAN)
    doc.genre = SimpleNamespace(name="讲话稿", confidence=0.9, office=False, has_plan=True, plan_part=False)
    assert Generator(doc).plan_items() == []
    doc = _doc(SPEECH)
    doc.genre = SimpleNamespace(name="工作总结", confidence=0.9, office=True, has_plan=False, plan_part=True)
    assert Generator(doc).plan_context().skipped is None


# --------------------------------------------------------------------- measures
def test_verbs_come_from_the_collocation_counts():
    verbs = [v for v, _fit in best_verbs("督办台账")]
    assert verbs and verbs[0] in ("完善", "建立", "健全")
    assert best_verbs("的的的的") == []  # never seen: no verb is guessed
    out = measures(["督办台账", "跟踪问效"], "督查落实更加有力", "", set())
    assert out and all("，" in m or m[:2] in ("完善", "建立", "健全") for m, _fit in out[:1])


def test_copied_run():
    assert copied_run("完善督办台账", "建立督办台账制度") == 4
    assert copied_run("", "abc") == 0


# --------------------------------------------------------------------- rewrites
def test_a_two_clause_heading_is_not_cut():
    doc = _doc(TWO_CLAUSE)
    [sug] = Generator(doc).rewrites()
    assert sug.original == "聚焦精细服务，着力推动后勤保障水平再提升"
    assert sug.text.startswith("聚焦精细服务，") and "后勤保障" in sug.text


def test_a_fixed_word_missed_by_one_character_is_mended_not_taken_as_a_slot():
    frame = parse_pattern("在[4]上再加力")
    assert _literal_fix(frame, "在矛盾化解上再发力") == "在矛盾化解上再加力"
    assert _literal_fix(frame, "在矛盾化解上再加力") is None  # already fits
    assert _literal_fix(parse_pattern("[4]更加[2]"), "信访维稳更为扎实") == "信访维稳更加扎实"


# ------------------------------------------------------------- rating protocol
def test_rating_protocol_and_unblinding(tmp_path):
    dev = tmp_path / "dev"
    dev.mkdir()
    with_plan = NO_PLAN + ("三、2026年工作打算\n一是在参谋辅政上再加力。加强调查研究。\n"
                           "二是在督查落实上再加力。完善督办台账。\n")
    (dev / "a.txt").write_text(with_plan, encoding="utf-8")
    out = tmp_path / "rating"
    script = ROOT / "scripts" / "eval_generation.py"
    res = subprocess.run([sys.executable, str(script), str(dev), "--protocol", str(out), "--template"],
                         capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert res.returncode in (0, 1), res.stderr
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["generated"] >= 2 and metrics["human"] == 2 and metrics["longest_copied_run"] < 8
    rows = [ln.split("\t") for ln in (out / "rating.tsv").read_text(encoding="utf-8").splitlines()
            if ln and not ln.startswith("#")]
    assert rows[0] == ["id", "draft", "item", "rating"]
    assert "三、2026年工作打算" not in (out / "drafts" / "a.txt").read_text(encoding="utf-8")
    rated = out / "rated.tsv"
    rated.write_text("\n".join("\t".join(r[:3] + ["usable"]) for r in rows[1:]), encoding="utf-8")
    res = subprocess.run([sys.executable, str(script), "--score", str(rated)], capture_output=True, text=True,
                         cwd=ROOT, timeout=120)
    assert res.returncode == 0 and "generated:" in res.stdout and "usable 100%" in res.stdout
    inside = subprocess.run([sys.executable, str(script), str(dev), "--protocol", str(ROOT / "tmp_rating")],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert inside.returncode == 2 and not (ROOT / "tmp_rating").exists()


ONE_OFF = """某局办公室2025年工作总结
一、主要工作
一是参谋辅政更加精准。开展专题调研9次，起草综合文稿52篇。
二是督查落实更加有力。建立督办台账，督办事项96件。
三是信访维稳更加扎实。开展矛盾纠纷排查化解。
四是队伍建设更加过硬。组织理论学习20次。
二、下步工作打算
一是在参谋辅政上再加力。加强调查研究。
二是在督查落实上再加力。完善督办台账。
三是在矛盾化解上再发力。深化排查化解。
四是在队伍建设上再加力。加强理论学习。
"""


def test_a_one_character_deviation_is_rewritten_in_the_siblings_frame_with_one_change():
    doc = _doc(ONE_OFF)
    [sug] = [s for s in Generator(doc).rewrites() if s.original == "在矛盾化解上再发力"]
    assert sug.text == "在矛盾化解上再加力"  # 再加力 is a fixed word: the slot is kept, one character mended


def test_every_plan_item_has_a_heading_and_a_measure_about_its_dimension():
    for text in (NO_PLAN, NO_FRAME):
        items = Generator(_doc(text)).plan_items()
        assert items and all(s.best is not None and s.best.measure for s in items)
        for s in items:
            assert s.best.checks["measure"] and s.best.checks["no_tautology"]


def test_library_frames_put_an_approach_before_the_work():
    items = Generator(_doc(NO_FRAME)).plan_items()
    for s in items:
        approach, work = s.best.fillers
        dim = s.dimension
        # the approach slot never repeats the dimension's name (no 坚持督查落实，在督查督办上…)
        assert approach != dim and work.endswith(("辅政", "调研", "研究", "督办", "落实", "协调", "维稳", "化解",
                                                  "排查", "建设", "起草", "问效", "运转", "调度", "联动"))


def test_a_one_character_fixed_word_is_not_a_slot_for_the_structure_parser():
    from pipeline.structure.frames import find_deviation

    dev = find_deviation(["在参谋辅政上再加力", "在督查落实上再加力", "在矛盾化解上再发力", "在队伍建设上再加力"])
    assert dev is not None and dev.index == 2 and dev.frame.pattern == "在[4]上再加力"
    # a one-character slot every item varies (更有深度/力度/速度/温度) is a slot, not a slip
    assert find_deviation(["服务决策更有深度", "推动落实更有力度", "机关运转更有速度", "群众服务更有温度"]) is None


ZHUA = """某街道办公室2025年工作总结
第一，围绕中心抓谋划。起草会议材料32份，开展专题调研4次。
第二，紧盯任务抓督办。建立督办台账，督办事项56件。
第三，统筹兼顾抓协调。协调驻区单位开展环境整治，召开联席会议6次。
第四，细致周到抓保障。规范公务用车管理，完成会务保障40场。
"""


def test_a_short_slot_that_names_the_work_keeps_the_items_own_word_and_the_long_slot_says_how():
    doc = _doc(ZHUA)
    gen = Generator(doc)
    ctx = gen.plan_context()
    ctx.missing = list(ctx.summary_dims)  # as if the plan were still to be written
    words = {"参谋辅政": "谋划", "督查落实": "督办", "综合协调": "协调", "服务保障": "保障"}
    items = gen.plan_items(ctx)
    assert sorted(s.dimension for s in items) == sorted(words)
    for s in items:
        assert s.best is not None and s.best.text.endswith("抓" + words[s.dimension])  # not another item's word
        assert s.best.text not in doc.text  # no summary heading comes back unchanged


def test_rewrite_pieces_do_not_open_on_a_preposition_or_close_on_you() -> None:
    """A rewrite of a long deviant heading offers no piece such as 比往年有 (opens on 比, closes on 有)."""
    text = ("某区政府办公室2025年工作总结\n一、主要工作\n一是参谋辅政更加精准。开展专题调研9次。\n"
            "二是督查落实更加有力。督办事项96件。\n三是综合协调更加顺畅。统筹安排会议24次。\n"
            "四是服务保障工作比往年有了明显的改进和提高。完成机关食堂改造。\n")
    [sug] = Generator(_doc(text)).rewrites()
    offered = [c.text for c in sug.candidates]
    assert offered and all(not t.startswith(("比", "较")) and "比往年" not in t for t in offered), offered
