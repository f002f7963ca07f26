"""The fast segmenter must cut exactly as jieba does: same words, same offsets."""

from __future__ import annotations

import json

import pytest

from pipeline.fastseg import FastCutter
from pipeline.resources import corpora_dir
from pipeline.segment import cutter, tokenize, tokenizer
from tests.conftest import shared_path

TRICKY = [
    "",
    " ",
    "\r\n\r\n",
    "督查督办\t以文辅政\u3000办文办会办事",
    "全年办理督查件125件，办结率98.5%，较上年提高3.2个百分点。",
    "GDP增长6.5%左右，CPI涨幅3%；5G基站、A股、B2B、C++、x86-64、U.S.A.",
    "12345热线受理诉求1.2万件，“接诉即办”满意度达到96％以上。",
    "一是参谋辅政更到位。二是督查落实更有力。三是综合协调更顺畅。",
    "（一）抓好以文辅政，在服务决策上实现再进一步；（二）……",
    "扎实推进“放管服”改革，深化“最多跑一次”，打造“一网通办”“一网统管”。",
    "张三丰李四光王五在北京市朝阳区和杭州市西湖区调研。",  # names and places the HMM finds
    "的的确确了了分明，认真的做好，较好的服务于基层。",
    "ＡＢＣ１２３全角字母与数字，½ ⅓ ① ② ③ 符号。",
    "𠀀𠀁扩展区汉字与\u9FD6\u9FFF边界字符，emoji😀混排。",
    "abc" * 50 + "中" * 300,
]


def _jieba_tokens(dt, text: str) -> list[tuple[str, int, int]]:
    return list(dt.tokenize(text))


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_strings_cut_as_jieba(text):
    dt = tokenizer()
    assert cutter().lcut(text) == dt.lcut(text)
    assert cutter().tokenize(text) == _jieba_tokens(dt, text)


def test_own_corpora_cut_as_jieba():
    dt = tokenizer()
    files = sorted(corpora_dir().rglob("*.txt"))
    assert len(files) >= 50
    words = 0
    for f in files:
        text = f.read_text(encoding="utf-8")
        ours = cutter().lcut(text)
        assert ours == dt.lcut(text), f.name
        words += len(ours)
    assert words > 50_000


def test_tokens_carry_document_offsets():
    text = "综合协调更顺畅，办文办会办事质量提升。"
    toks = tokenize(text, offset=40)
    assert [t.text for t in toks] == tokenizer().lcut(text)
    assert toks[0].start == 40 and toks[-1].end == 40 + len(text)
    assert all(a.end == b.start for a, b in zip(toks, toks[1:], strict=False))


def test_dictionary_changes_are_seen():
    """add_word / del_word change jieba's dictionary; the cutter must follow, not keep stale scores."""
    import jieba

    tk = jieba.Tokenizer(dictionary=tokenizer().dictionary)
    tk.tmp_dir = tokenizer().tmp_dir
    tk.initialize()
    fc = FastCutter(tk)
    text = "推进数智赋能基层治理现代化"
    assert fc.lcut(text) == tk.lcut(text)
    tk.add_word("数智赋能", freq=500000)
    assert "数智赋能" in fc.lcut(text)
    assert fc.lcut(text) == tk.lcut(text)
    tk.del_word("数智赋能")
    assert fc.lcut(text) == tk.lcut(text)


@pytest.mark.shared
@pytest.mark.slow
def test_state_council_reports_cut_as_jieba():
    folder = shared_path("corpora", "state_council_reports")
    dt = tokenizer()
    checked = 0
    for name in sorted(folder.glob("*.jsonl")):
        for line in name.read_text(encoding="utf-8").splitlines()[:12]:
            text = json.loads(line)["content"]
            assert cutter().lcut(text) == dt.lcut(text), name.name
            checked += len(text)
    assert checked > 200_000


def test_many_texts_share_scores_and_cut_as_jieba():
    dt = tokenizer()
    texts = [line for f in sorted((corpora_dir() / "samples").glob("*.txt"))
             for line in f.read_text(encoding="utf-8").splitlines()] + TRICKY
    assert cutter().lcut_many(texts) == [dt.lcut(t) for t in texts]


def test_segment_stage_tokens_equal_jieba_tokenize():
    from pipeline.document import Document
    from pipeline.segment import run

    text = (corpora_dir() / "samples" / "county_office_2025.txt").read_text(encoding="utf-8")
    doc = Document(text)
    run(doc)
    want = []
    for p in doc.paragraphs:
        want += [(w, s + p.start, e + p.start) for w, s, e in tokenizer().tokenize(p.text)]
    assert [(t.text, t.start, t.end) for t in doc.tokens] == want
    assert all(doc.text[t.start:t.end] == t.text for t in doc.tokens)


def test_other_jieba_releases_fall_back_to_jieba_itself(monkeypatch):
    import jieba

    from pipeline.fastseg import JiebaCutter, make_cutter

    assert isinstance(make_cutter(tokenizer()), FastCutter)  # the pinned release
    monkeypatch.setattr(jieba, "__version__", "0.50.0")
    fallback = make_cutter(tokenizer())
    assert isinstance(fallback, JiebaCutter)
    text = TRICKY[4] + "\n" + TRICKY[7]
    assert fallback.lcut(text) == cutter().lcut(text)
    assert fallback.lcut_many([text, ""]) == cutter().lcut_many([text, ""])
    assert fallback.tokenize(text) == cutter().tokenize(text)
