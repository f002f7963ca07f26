"""Ordinal labels: shapes, numbers, and the words that only look like ordinals."""

from __future__ import annotations

import pytest

from pipeline.structure.labels import cn_number, cn_numeral, heading_label, inline_labels, make_label


@pytest.mark.parametrize("text,family,style,number,label", [
    ("一、主要工作", "cn_num", "cn_dun", 1, "一、"),
    ("十二、其他事项", "cn_num", "cn_dun", 12, "十二、"),
    ("三．下步打算", "cn_num", "cn_dot", 3, "三．"),
    ("（二）督查督办", "cn_paren", "cn_paren", 2, "（二）"),
    ("(四)后勤服务", "cn_paren", "cn_paren_half", 4, "(四)"),
    ("1. 文稿起草", "arabic", "arabic_dot", 1, "1."),
    ("2、会务服务", "arabic", "arabic_dun", 2, "2、"),
    ("3．值班值守", "arabic", "arabic_fullstop", 3, "3．"),
    ("（3）公务接待", "arabic_paren", "arabic_paren", 3, "（3）"),
    ("②档案管理", "circled", "circled", 2, "②"),
    ("一、一年来工作回顾", "cn_num", "cn_dun", 1, "一、"),
])
def test_heading_labels(text, family, style, number, label):
    m = heading_label(text)
    assert m is not None
    assert (m.family, m.style, m.number, m.label) == (family, style, number, label)


@pytest.mark.parametrize("text", [
    "1.5万件诉求全部办结。",
    "一、二、三类问题分别整改。",
    "一、二季度经济运行平稳。",
    "一、二级响应同时启动。",
    "2025年，办公室在局党组领导下开展工作。",
    "全年编发简报24期。",
])
def test_not_heading_labels(text):
    assert heading_label(text) is None


def test_inline_series_found_after_clause_marks():
    text = "存在的不足：一是调研不深；二是督查不力；三是服务不细。"
    labels = inline_labels(text)
    assert [m.label for m in labels] == ["一是", "二是", "三是"]
    assert [m.number for m in labels] == [1, 2, 3]


@pytest.mark.parametrize("text", [
    "坚持全市统一是关键。",
    "这是唯一是非标准。",
    "放在第一位来抓。",
    "他是第一次参加会议。",
    "最后一公里问题。",
])
def test_words_that_are_not_ordinals(text):
    assert inline_labels(text) == []


def test_diyi_and_shouxian():
    labels = inline_labels("第一，抓好调研。第二，抓好督查。")
    assert [(m.family, m.number) for m in labels] == [("diyi", 1), ("diyi", 2)]
    labels = inline_labels("首先，统一思想；其次，明确责任；最后，狠抓落实。")
    assert [m.family for m in labels] == ["shouxian"] * 3


def test_numbers_and_labels():
    assert cn_number("十二") == 12
    assert cn_number("二十三") == 23
    assert cn_numeral(4) == "四" and cn_numeral(21) == "二十一"
    assert make_label("yishi", 3, "二是") == "三是"
    assert make_label("cn_paren", 4, "（三）") == "（四）"
    assert make_label("arabic_dot", 5, "4.") == "5."
    assert make_label("diyi", 2, "第一，") == "第二，"
