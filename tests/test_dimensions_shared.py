"""Dimension tagging on the shared seed and evaluation drafts (skipped without ../shared)."""

from __future__ import annotations

import pytest

from pipeline.config import Options
from pipeline.lint import analyse
from pipeline.reader import read_path
from tests.conftest import shared_path

SIX = ["参谋辅政", "督查落实", "综合协调", "服务保障", "信访维稳", "队伍建设"]

pytestmark = pytest.mark.shared


def test_seed_summary_and_plan_items_in_order_and_no_plan_missing():
    doc = read_path(str(shared_path("seed", "exchange_material.txt")))
    analyse(doc, Options())
    summary = [p for p in doc.paragraphs if p.section == "summary" and p.text[:2] in
               ("一是", "二是", "三是", "四是", "五是", "六是")]
    plan = [p for p in doc.paragraphs if p.section == "plan" and p.text.startswith("第")]
    assert [p.dimension for p in summary] == SIX
    assert [p.dimension for p in plan] == SIX
    items = [it for it in doc.outline.items if it.section in ("summary", "plan") and it.level == 0]
    assert [it.dimension for it in items if it.section == "summary"] == SIX
    assert [it.dimension for it in items if it.section == "plan"] == SIX
    assert not [f for f in doc.findings if f.code == "RL601"]


def test_dev_dimension_accuracy_and_plan_missing_recall():
    import importlib.util
    from pathlib import Path

    folder = shared_path("eval", "dev")
    script = Path(__file__).resolve().parent.parent / "scripts" / "eval_drafts.py"
    spec = importlib.util.spec_from_file_location("eval_drafts", script)
    ev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ev)
    res = ev.evaluate(folder)
    assert res["dimension_right"] / res["dimension_total"] >= 0.90
    pmd = res["per_kind"]["plan_missing_dimension"]
    assert pmd["found"] / pmd["expected"] >= 0.9
    assert pmd["false_pos"] == 0
