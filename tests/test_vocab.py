"""The vocabulary of the genre: one table per fact, light to import, sub-lists derived from it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pipeline.vocab import approx, change, units


def test_vocab_imports_nothing_heavy() -> None:
    code = ("import sys; import pipeline.vocab.units, pipeline.vocab.approx, pipeline.vocab.change, "
            "pipeline.vocab.width; print(sorted(m for m in ('jieba', 'numpy', 'click', 'docx', 'pipeline.document')"
            " if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


def test_a_unit_is_listed_once() -> None:
    with pytest.raises(ValueError, match="listed twice"):
        units._table("ledger: 件 次\nslot: 件")


def test_sub_lists_come_from_the_table() -> None:
    assert set(units.LEDGER_UNITS) | set(units.SLOT_UNITS) | set(units.ARCHIVE_UNITS) | units.VERBAL_UNITS \
        == set(units.TABLE) | set(approx.BEFORE_UNIT)
    assert units.COUNT_UNITS <= set(units.LEDGER_UNITS)
    assert "个百分点" in units.ARCHIVE_UNITS and "万元" in units.SLOT_UNITS and "万元" not in units.LEDGER_UNITS


def test_longest_unit_first() -> None:
    import re

    alt = re.compile(f"(?:{units.alternation(units.SLOT_UNITS)})")
    assert alt.match("人次").group() == "人次" and alt.match("个百分点").group() == "个百分点"


def test_decreases_are_change_verbs() -> None:
    assert set(change.DECREASE) <= set(change.CHANGE_VERBS)
