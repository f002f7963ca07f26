"""Structure on real text from ../shared: the seed draft and the State Council reports.

Skipped where ../shared is absent. The 一是-series counts were made by hand from a
listing of every 一是…十是 in those reports; only offsets and counts are stored.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import shared_path

from pipeline.document import Document, split_paragraphs
from pipeline.lint import lint_text
from pipeline.stages import run_stages
from pipeline.structure import stage as outline_stage

DATA = Path(__file__).parent / "data" / "sc_yishi_series.json"


def test_seed_outline(seed_text):
    doc = Document(seed_text)
    run_stages(doc, ["outline"])
    o = doc.outline
    summary = [it for it in o.items if it.family == "yishi"]
    plan = [it for it in o.items if it.family == "diyi"]
    assert [it.number for it in summary] == [1, 2, 3, 4, 5, 6]
    assert {it.section for it in summary} == {"summary"}
    assert [it.number for it in plan] == [1, 2, 3, 4, 5, 6]
    assert {it.section for it in plan} == {"plan"}
    assert summary[0].heading == "参谋辅政更到位"
    assert plan[0].heading == "抓好信息调研，在以文辅政上实现再进一步"
    (claim,) = o.counts
    assert doc.text[claim.start:claim.end] == "六个方面" and claim.found == claim.claimed == 6
    assert claim.series.items == plan


def test_seed_findings(seed_text):
    doc = lint_text(seed_text, select=["RL5"])
    codes = [f.code for f in doc.findings]
    assert codes == ["RL507"]
    f = doc.findings[0]
    assert doc.text[f.start:f.end] == "行业稳定工作更扎实"
    assert "[4]更[2]" in f.message


def _outline_only(text: str) -> Document:
    """Paragraphs and outline without jieba: the parser is what is under test."""
    doc = Document(text)
    doc.paragraphs = split_paragraphs(doc.text)
    outline_stage.run(doc)
    return doc


def _reports():
    path = shared_path("corpora", "state_council_reports", "government_work_reports.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if "政府工作报告" in r["title"] and "决议" not in r["title"]]


def test_hand_counted_yishi_series():
    by_year = {r["year"]: r["content"] for r in _reports()}
    expected = json.loads(DATA.read_text(encoding="utf-8"))
    checked = 0
    for year, series in expected.items():
        if year.startswith("_"):
            continue
        doc = _outline_only(by_year[year])
        got = [[s.items[0].start, len(s.items)] for s in doc.outline.series if s.family == "yishi"]
        assert got == series, year
        checked += 1
    assert checked >= 3


def test_parser_runs_on_every_report():
    reports = _reports()
    assert len(reports) == 52
    with_items = 0
    for r in reports:
        doc = _outline_only(r["content"])
        assert all(p.section is not None for p in doc.paragraphs), r["title"]
        with_items += bool(doc.outline.items)
    assert with_items >= 48  # a few early reports use no ordinals at all
