"""The vocabulary of the genre: one table per fact, light to import, sub-lists derived from it."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.vocab import approx, change, numerals, units
from pipeline.vocab.wordlists import VocabError


def test_vocab_imports_nothing_heavy() -> None:
    code = ("import sys; import pipeline.vocab.units, pipeline.vocab.approx, pipeline.vocab.change, "
            "pipeline.vocab.width, pipeline.vocab.numerals, pipeline.vocab.ordinals, pipeline.vocab.periods, "
            "pipeline.vocab.fillers, pipeline.vocab.extend; "
            "heavy = ('jieba', 'numpy', 'click', 'docx', 'pipeline.document'); "
            "print(sorted(m for m in heavy if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


def test_a_unit_is_listed_once(tmp_path, monkeypatch) -> None:
    twice = tmp_path / "units.txt"
    twice.write_text("件 ledger\n次 ledger\n件 slot\n", encoding="utf-8")
    monkeypatch.setattr(units, "DEFAULT_FILE", twice)
    with pytest.raises(VocabError, match="listed twice"):
        units.read()


def test_sub_lists_come_from_the_table() -> None:
    assert set(units.LEDGER_UNITS) | set(units.SLOT_UNITS) | set(units.BLANK_UNITS) | units.VERBAL_UNITS \
        == set(units.TABLE) | set(approx.BEFORE_UNIT)
    assert units.COUNT_UNITS <= set(units.LEDGER_UNITS)
    assert "个百分点" in units.LEDGER_UNITS and "万元" in units.SLOT_UNITS and "万元" not in units.LEDGER_UNITS
    assert "月份" in units.BLANK_UNITS and "月份" not in units.SLOT_UNITS


def test_longest_unit_first() -> None:
    import re

    alt = re.compile(f"(?:{units.alternation(units.SLOT_UNITS)})")
    assert alt.match("人次").group() == "人次" and alt.match("个百分点").group() == "个百分点"


def test_decreases_are_change_verbs() -> None:
    assert set(change.DECREASE) <= set(change.CHANGE_VERBS)


def test_chinese_numerals_written_as_labels_are() -> None:
    assert [numerals.chinese_numeral(n) for n in (1, 9, 10, 12, 20, 23, 99)] == \
        ["一", "九", "十", "十二", "二十", "二十三", "九十九"]
    assert numerals.VALUE["两"] == 2 and numerals.VALUE["〇"] == 0


# ---- one definition per fact: no module outside pipeline/vocab restates a table -------------------------

ROOT = Path(__file__).resolve().parent.parent
NUMERAL_RUN = re.compile(f"[{numerals.ZEROS}{numerals.DIGITS}{numerals.TWO}{numerals.PLACES}]{{3,}}")
PERIOD_WORDS = {"上半年", "下半年", "前三季度", "今年以来", "年初以来", "一年来", "去年同期", "上年同期",
                "全年", "年内"}


def _literals():
    """(module path, line, text) of every string literal in pipeline/ and scripts/ outside pipeline/vocab,
    docstrings left out (they may show examples)."""
    for folder in ("pipeline", "scripts"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel.startswith("pipeline/vocab/"):
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            docs = {id(n.body[0].value) for n in ast.walk(tree)
                    if isinstance(n, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                    and n.body and isinstance(n.body[0], ast.Expr)
                    and isinstance(n.body[0].value, ast.Constant)}
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
                    yield rel, node.lineno, node.value


def test_one_numeral_set() -> None:
    """A run of three numeral characters in a literal is a numeral table restated (一二三, 十百千)."""
    found = [f"{rel}:{line} {NUMERAL_RUN.search(text).group()}" for rel, line, text in _literals()
             if NUMERAL_RUN.search(text)]
    assert found == []


def test_one_ordinal_grammar() -> None:
    """The label numeral and the sequence words are written only in pipeline/vocab/ordinals.py."""
    shapes = ("首先|其次", "其次|再次", "]?十[", "①②③")
    found = [f"{rel}:{line}" for rel, line, text in _literals() if any(s in text for s in shapes)]
    assert found == []


def test_one_period_word_list() -> None:
    """An alternation naming two period words (上半年|下半年) is the period list restated."""
    found = [f"{rel}:{line}" for rel, line, text in _literals()
             if len(PERIOD_WORDS & set(re.split(r"[|()?:]", text))) >= 2]
    assert found == []


def test_one_list_of_change_to_verbs() -> None:
    """An alternation naming three end-value verbs (增至|提高到|降至) is the change.CHANGE_TO list restated."""
    found = [f"{rel}:{line}" for rel, line, text in _literals()
             if len(set(change.CHANGE_TO) & set(re.split(r"[|()?:\s]", text))) >= 3]
    assert found == []


def test_one_year_pattern() -> None:
    """A year in digits is periods.ARABIC_YEAR wherever a pattern reads one."""
    found = [f"{rel}:{line}" for rel, line, text in _literals() if "(?:19|20)\\d" in text]
    assert found == []


def test_one_table_of_units() -> None:
    """An alternation or a collection of four or more measure words is the unit table restated."""
    found = []
    for rel, line, text in _literals():
        words = [w for w in re.split(r"[|\s]+", text) if w]
        if len(words) >= 4 and sum(w in units.TABLE for w in words) >= max(4, len(words) * 0.6):
            found.append(f"{rel}:{line}")
    for folder in ("pipeline", "scripts"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel.startswith("pipeline/vocab/"):
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Set | ast.Tuple | ast.List):
                    consts = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
                    if sum(c in units.TABLE for c in consts) >= 4:
                        found.append(f"{rel}:{node.lineno}")
    assert found == []


def test_the_checks_catch_a_restated_table(tmp_path, monkeypatch) -> None:
    """The scans above are not vacuous: a module with a copied table trips each of them."""
    fake = tmp_path / "pipeline" / "copied.py"
    fake.parent.mkdir()
    fake.write_text('A = "[一二三四五六七八九十]"\nB = "上半年|下半年"\nC = ("件", "次", "个", "项")\n'
                    'D = "首先|其次|再次|最后"\nE = "增至|提高到|降至"\nF = r"(?:19|20)\\d{2}年"\n', encoding="utf-8")
    (tmp_path / "scripts").mkdir()
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    for check in (test_one_numeral_set, test_one_ordinal_grammar, test_one_period_word_list, test_one_table_of_units,
                  test_one_list_of_change_to_verbs, test_one_year_pattern):
        with pytest.raises(AssertionError):
            check()
