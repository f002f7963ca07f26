"""The genre example in ../shared/seed: the issue-2 rules (RL1xx, RL2xx, RL4xx) find its real
slips and nothing a careful editor would dispute."""

from __future__ import annotations

import re

import pytest

from pipeline.lint import lint_text

SURFACE = ("RL1", "RL2", "RL4")


@pytest.fixture(scope="module")
def seed_doc(request):
    from conftest import shared_path

    text = shared_path("seed", "exchange_material.txt").read_text(encoding="utf-8")
    return lint_text(text, select=SURFACE, path="exchange_material.txt")


def serious(doc):
    return [f for f in doc.findings if f.severity in ("warning", "error")]


def test_every_numeric_placeholder_is_an_error(seed_doc):
    text = seed_doc.text
    slots = [m.start() for m in re.finditer(r"X+(?=件|年)", text)]
    assert len(slots) >= 4
    errors = {f.start for f in seed_doc.findings if f.code == "RL101" and f.severity == "error"}
    assert set(slots) <= errors


def test_every_x_mark_is_reported(seed_doc):
    starts = {f.start for f in seed_doc.findings if f.code.startswith("RL1")}
    for m in re.finditer(r"X+", seed_doc.text):
        assert m.start() in starts, seed_doc.text[max(0, m.start() - 8):m.end() + 8]


def test_unclosed_quote_before_the_campaign_name(seed_doc):
    at = seed_doc.text.index("“XXX主题活动")
    hits = [f for f in seed_doc.findings if f.code == "RL201"]
    assert [f.start for f in hits] == [at]
    assert seed_doc.line_col(at)[0] == seed_doc.line_col(hits[0].start)[0]


def test_adverbial_de(seed_doc):
    at = seed_doc.text.index("较好的服务于") + 2
    hit = next(f for f in seed_doc.findings if f.code == "RL401")
    assert hit.start == at and hit.replacement == "地"
    assert "较好地服务于" in hit.suggestion


def test_nothing_else_at_warning_or_above(seed_doc):
    text = seed_doc.text
    allowed = {m.start() for m in re.finditer(r"X+", text)}
    allowed.add(text.index("“XXX主题活动"))
    allowed.add(text.index("较好的服务于") + 2)
    extra = [(f.code, text[f.start - 6:f.end + 6]) for f in serious(seed_doc) if f.start not in allowed]
    assert extra == []


def test_consistent_fullwidth_percent_is_only_a_hint(seed_doc):
    hits = [f for f in seed_doc.findings if f.code == "RL202"]
    assert hits and all(f.severity == "info" for f in hits)


@pytest.mark.parametrize("phrase", ["强化属地管理", "有组织地开展", "取得了较好成绩", "项项有回复，件件有落实",
                                    "保质保量地完成", "最大限度地参与"])
def test_fixed_words_and_good_usage_untouched(seed_doc, phrase):
    at = seed_doc.text.index(phrase)
    assert not [f for f in seed_doc.findings if f.code.startswith(("RL2", "RL4")) and at <= f.start < at + len(phrase)]
