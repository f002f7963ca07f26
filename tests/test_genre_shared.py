"""Genre accuracy on the hand-labelled real documents, and RL6xx silent on them (skipped without ../shared)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from pipeline.config import Options
from pipeline.document import Document
from pipeline.lint import analyse
from tests.conftest import shared_path

pytestmark = pytest.mark.shared
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import eval_genre  # noqa: E402


def test_genre_accuracy_on_labelled_documents():
    shared_path("corpora", "state_council_reports")
    shared_path("eval", "dev")
    res = eval_genre.evaluate()
    labels = json.loads(eval_genre.LABELS.read_text(encoding="utf-8"))
    expected = sum(len(v) for k, v in labels.items() if not k.startswith("_"))
    assert res["n"] == expected >= 107
    assert res["accuracy"] >= 0.95, [r for r in res["rows"] if r["gold"] != r["pred"]]
    # whether RL6xx applies is what matters most: every office report is one, nothing else is
    assert res["office_right"] == res["n"]


def test_rl6xx_raise_nothing_on_government_and_congress_reports():
    folder = shared_path("corpora", "state_council_reports")
    found = []
    for name in ("government_work_reports.jsonl", "cpc_congress_reports.jsonl"):
        for i, line in enumerate((folder / name).read_text(encoding="utf-8").splitlines()):
            doc = analyse(Document(json.loads(line)["content"], path=f"{name}:{i}"), Options(select=["RL6"]))
            found += [(doc.path, f.code) for f in doc.findings]
    assert found == []
