"""The document model: offsets, line/column mapping, paragraphs, sentences, tokens."""

from __future__ import annotations

from pipeline.document import Document
from pipeline.stages import STAGES, closure, run_stages


def segmented(text: str) -> Document:
    return run_stages(Document(text), ["segment"])


def test_line_col_is_one_based_and_counts_characters():
    doc = Document("标题\r\n\r\n一是参谋辅政更到位。\n")
    assert "\r" not in doc.text
    off = doc.text.index("参谋")
    assert doc.line_col(off) == (3, 3)
    assert doc.line_text(3) == "一是参谋辅政更到位。"


def test_paragraphs_skip_blank_lines_and_keep_offsets():
    doc = segmented("  标题  \n\n正文第一段。第二句！\n")
    assert [p.text for p in doc.paragraphs] == ["标题", "正文第一段。第二句！"]
    for p in doc.paragraphs:
        assert doc.text[p.start:p.end] == p.text
    assert doc.paragraphs[1].line == 3


def test_sentences_split_at_chinese_terminators():
    doc = segmented("全年编发信息54期。办结率达98%；群众满意！最后一句")
    got = [doc.text[s.start:s.end] for s in doc.sentences]
    assert got == ["全年编发信息54期。", "办结率达98%；", "群众满意！", "最后一句"]


def test_tokens_cover_text_with_offsets_and_keep_office_words_whole():
    doc = segmented("抓好督查督办，做好办文办会办事。")
    assert "".join(t.text for t in doc.tokens) == doc.text
    for t in doc.tokens:
        assert doc.text[t.start:t.end] == t.text
    words = [t.text for t in doc.tokens]
    assert "督查督办" in words and "办文办会办事" in words


def test_pos_tags_are_aligned_with_the_paragraph():
    from pipeline.segment import pos_tag

    doc = segmented("认真地做好各项工作。")
    p = doc.paragraphs[0]
    toks = pos_tag(p.text, p.start)
    assert "".join(t.text for t in toks) == p.text
    assert all(t.pos for t in toks) and toks[0].start == p.start


def test_stage_closure_follows_declared_order():
    names = [s.name for s in STAGES]
    order = closure(["dimensions"])
    assert order == [n for n in names if n in order]
    assert order[0] == "segment"


def test_words_in_matches_tokens_in_and_follows_new_tokens():
    doc = segmented("一是参谋辅政更到位。\n二是督查落实更有力，办结督查件125件。\n")
    for start, end in [(0, len(doc.text)), (3, 9), (11, 30), (5, 5)]:
        assert doc.words_in(start, end) == [t.text for t in doc.tokens_in(start, end)]
    doc.tokens = doc.tokens[:3]  # a stage that replaces the tokens invalidates the cached texts
    assert doc.words_in(0, len(doc.text)) == [t.text for t in doc.tokens]


def test_tokens_are_stored_flat_and_read_as_tokens():
    from pipeline.document import Token, Tokens

    doc = segmented("抓好督查督办。\n做好办文办会办事。")
    toks = doc.tokens
    assert isinstance(toks, Tokens) and len(toks.starts) == len(toks.words) == len(toks)
    as_list = list(toks)
    assert all(isinstance(t, Token) for t in as_list)
    assert [toks[i] for i in range(len(toks))] == as_list and toks[-1] == as_list[-1]
    assert list(toks[2:5]) == as_list[2:5] and isinstance(toks[2:5], Tokens)
    assert toks.ends() == [t.end for t in as_list]
    second = doc.paragraphs[1]
    assert [t.start for t in doc.tokens_in(second.start, second.end)][0] == second.start
    # a plain list of tokens (a stage or test that builds its own) is read the same way
    doc.tokens = as_list[:4]
    assert doc.words_in(0, len(doc.text)) == [t.text for t in as_list[:4]]
    assert list(doc.token_starts()) == [t.start for t in as_list[:4]]


def test_gc_paused_restores_the_collector_state():
    import gc

    import pytest

    from pipeline.stages import gc_paused

    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause leaves the outer one in force
    assert gc.isenabled()
    with pytest.raises(ValueError), gc_paused():
        raise ValueError("a stage failed")
    assert gc.isenabled()  # back on after an error too
    gc.disable()
    try:
        run_stages(Document("一是参谋辅政更到位。"), ["segment"])
        assert not gc.isenabled()  # a caller that turned it off keeps it off
    finally:
        gc.enable()


def test_runner_rejects_a_stage_that_does_not_fill_what_it_declares(monkeypatch):
    import pytest

    from pipeline import stages

    lazy = stages.Stage("lazy", "pipeline.segment:run", (), ("claims",), "declares claims, fills none")
    monkeypatch.setitem(stages.BY_NAME, "lazy", lazy)
    monkeypatch.setattr(stages, "STAGES", (*stages.STAGES, lazy))
    with pytest.raises(stages.StageContractError, match="did not fill"):
        stages.run_stages(Document("一是加强学习。"), ["lazy"])
    with pytest.raises(stages.StageContractError, match="does not have"):
        stages.check_declarations([stages.Stage("odd", "x:y", (), ("no_such_slot",), "")])
    doc = stages.run_stages(Document("全年编发简报24期。"), ["claims", "dimensions"])  # real stages pass
    assert doc.claims and doc.dimension_taxonomy is not None
