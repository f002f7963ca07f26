"""RL804's context scorer: its features, the shipped weights, the fitting script and the name/series guard.

The sentences are written for these tests in the style of office reports.
"""

from __future__ import annotations

import json
import math
import sys

import numpy as np
import pytest

from pipeline.lexicon import context
from pipeline.lint import lint_text
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))

import eval_odw  # noqa: E402
import fit_context  # noqa: E402


def _runs(text: str) -> list:
    return list(context.HAN_RUN.finditer(text))


@pytest.mark.parametrize("text,run,guarded", [
    ("会见了约翰·霍查先生", "霍查先生", True),  # after a name dot
    ("会见了约翰·霍查先生", "会见了约翰", True),  # before it
    ("推动引资、引技、引智结合", "引技", True),  # between two enumeration commas
    ("不论大小、富贫、强弱", "强弱", True),  # next to another two-character item
    ("推动引资、引技、引智结合", "推动引资", False),  # four characters: an ordinary clause
    ("资金来源渠道合法、手续完备", "资金来源渠道合法", False),
    ("积极性", "积极性", False),
])
def test_name_or_list_item(text, run, guarded):
    runs = _runs(text)
    r = [m.group() for m in runs].index(run)
    assert context._name_or_list_item(text, runs, r) is guarded


def test_shipped_weights_match_the_features():
    w = json.loads(context.WEIGHTS.read_text(encoding="utf-8"))
    assert tuple(w["features"]) == context.FEATURES + context.DERIVED
    assert len(w["weights"]) == len(w["mean"]) == len(w["scale"]) == len(w["features"])
    assert math.isfinite(w["threshold"]) and w["threshold"] > 0
    m = context.scorer()
    assert m is not None and m["threshold"] == w["threshold"]


def test_expand_adds_the_derived_columns():
    x = np.zeros((2, len(context.FEATURES)))
    x[:, :3] = [[1.0, 4.0, 2.0], [-1.0, 0.5, 0.5]]
    x[0, context.FEATURES.index("sound")] = 1
    z = context.expand(x)
    assert z.shape == (2, len(context.FEATURES) + len(context.DERIVED))
    d = {name: z[:, len(context.FEATURES) + k] for k, name in enumerate(context.DERIVED)}
    assert d["tri_min"].tolist() == [1.0, -1.0]
    assert d["tri_sound"].tolist() == [7.0, 0.0]
    assert d["tri_sqrt"].tolist() == [math.sqrt(7.0), 0.0]


def test_candidate_features_rows():
    doc = lint_text("各乡镇要认真祖织实施。", select=["RL804"], deep=True)
    assert [(doc.text[f.start:f.end], f.replacement) for f in doc.findings] == [("祖", "组")]
    from pipeline.config import Options
    from pipeline.document import Document
    from pipeline.lexicon.slips import Spans
    from pipeline.lint import analyse

    d = Document("各乡镇要认真祖织实施。")
    analyse(d, Options(select=["RL8"]), stages=("segment",))
    found, x = context.candidate_features(d, Spans([]))
    assert x.shape == (len(found), len(context.FEATURES))
    k = [(p, c) for p, c, _ in found].index((6, "组"))
    row = dict(zip(context.FEATURES, x[k].tolist(), strict=True))
    assert found[k][2] == "组织" and row["sound"] == 1 and row["tri_left"] + row["tri_mid"] + row["tri_right"] > 0


def test_fit_logistic_learns_the_informative_feature():
    rng = np.random.default_rng(0)
    n = len(context.FEATURES)
    x = rng.normal(size=(400, n))
    y = (x[:, 0] + 0.1 * rng.normal(size=400) > 1.0).astype(float)
    model = fit_context.fit_logistic(x, y)
    w = np.array(model["weights"])
    assert w.argmax() == 0 and w[0] > 5 * np.abs(w[1:n]).max()


def _row(fold: int, t_scores: list[float], t_spans=()) -> dict:
    x = np.zeros((len(t_scores), len(context.FEATURES)))
    x[:, 0] = t_scores
    return {"fold": fold, "t_x": x, "t_spans": list(t_spans), "t_cands": [(0, "a", "ab")] * len(t_scores)}


def test_threshold_sits_just_above_the_corrected_sentences():
    model = {"mean": [0.0] * (len(context.FEATURES) + len(context.DERIVED)),
             "scale": [1.0] * (len(context.FEATURES) + len(context.DERIVED)),
             "weights": [1.0] + [0.0] * (len(context.FEATURES) + len(context.DERIVED) - 1), "bias": 0.0}
    rows = [_row(0, [0.5, 2.0]), _row(1, [1.0]), _row(2, [9.0], t_spans=[(0, 1, "RL801")])]
    th = fit_context.fit_threshold(rows, model)
    assert 2.0 < th < 2.001  # the sentence a table already flags does not count


def test_folds_keep_copies_of_a_sentence_together():
    records = [{"source": s, "target": t} for s, t in
               [("甲乙", "甲乙"), ("丙丁", "丙丁"), ("甲已", "甲乙"), ("戊己", "戊己"), ("甲乙", "甲乙")]]
    grouped = eval_odw.fold_ids(records, 2)
    assert grouped[0] == grouped[2] == grouped[4] and grouped[1] != grouped[0]
    assert eval_odw.fold_ids(records, 2, grouped=False) == [0, 1, 0, 1, 0]
