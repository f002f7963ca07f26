"""The not-office training paragraphs are the project's own words (skipped without ../shared)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import shared_path

pytestmark = pytest.mark.shared
ROOT = Path(__file__).resolve().parent.parent
RUN = 12  # characters in a row that a paragraph may not share with the real text


def test_not_office_paragraphs_share_no_long_run_with_shared_text():
    folder = shared_path("corpora", "state_council_reports")
    texts = [json.loads(line)["content"] for name in ("government_work_reports.jsonl", "cpc_congress_reports.jsonl")
             for line in (folder / name).read_text(encoding="utf-8").splitlines()]
    texts += [p.read_text(encoding="utf-8") for p in sorted(shared_path("eval", "dev").glob("*.txt"))]
    real = re.sub(r"\s+", "", "\n".join(texts))
    runs = {real[i:i + RUN] for i in range(len(real) - RUN + 1)}
    ours = ROOT / "corpora" / "not_office" / "paragraphs.txt"
    shared_runs = []
    for line in ours.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            shared_runs += [line[i:i + RUN] for i in range(len(line) - RUN + 1) if line[i:i + RUN] in runs]
    assert shared_runs == []
