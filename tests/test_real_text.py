"""Precision on real text: every warning/error on the State Council/CPC reports and the corrected ODW
sentences is either judged real by hand (tests/data/real_text_verdicts.tsv) or counts as a false alarm."""

from __future__ import annotations

import pytest
from conftest import shared_path
from test_samples import load_script


@pytest.mark.shared
@pytest.mark.slow
def test_false_alarms_on_real_text_stay_under_the_bar():
    shared_path("corpora", "state_council_reports")
    shared_path("corpora", "ecspell_odw")
    harness = load_script("real_text_alarms")
    res = harness.measure(["RL"])
    assert res["chars"] > 1_400_000 and res["documents"] > 1_800
    unjudged = [r for r in res["rows"] if r["verdict"] == "unjudged"]
    # the goal of the issue is <= 0.2 false alarms per 10,000 characters; a new unjudged finding counts as false
    assert res["false_per_10k"] <= 0.2, [(r["doc"], r["code"], r["excerpt"], r["context"]) for r in unjudged][:20]
    assert not any(r["code"].startswith("RL6") for r in res["rows"])  # national reports are not office reports
