"""Extraction against a hand annotation of 30 paragraphs from 10 State Council reports.

The annotation (tests/data/claims_sc_annotation.json) holds offsets, values and
units only; the text is read from ../shared, so the test skips without it.
Targets: precision >= 0.95 and recall >= 0.90 on value+unit.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from pipeline.document import Document
from pipeline.stages import run_stages
from tests.conftest import shared_path

ANNOTATION = Path(__file__).parent / "data" / "claims_sc_annotation.json"


@lru_cache(maxsize=1)
def _reports() -> dict[str, str]:
    path = shared_path("corpora", "state_council_reports", "government_work_reports.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {r["year"]: r["content"] for r in rows if "决议" not in r["title"]}


def _overlap_f1(a: str, b: str) -> float:
    a, b = a.replace("…", "").replace("·", ""), b.replace("…", "").replace("·", "")
    if not a or not b:
        return 0.0
    common = sum(min(a.count(ch), b.count(ch)) for ch in set(a))
    if not common:
        return 0.0
    p, r = common / len(b), common / len(a)
    return 2 * p * r / (p + r)


def score(heldout: bool | None = None) -> dict[str, float]:
    """Scores over the annotated paragraphs (``heldout`` True/False: only that part)."""
    ann = json.loads(ANNOTATION.read_text(encoding="utf-8"))
    reports = _reports()
    docs: dict[str, Document] = {}
    extracted = gold = right = metric_ok = matched = 0
    paras = [p for p in ann["paragraphs"] if heldout is None or p["heldout"] == heldout]
    for para in paras:
        year = para["year"]
        if year not in docs:
            docs[year] = Document(reports[year])
            run_stages(docs[year], ["claims"])
        doc = docs[year]
        assert doc.paragraphs[para["paragraph"]].start == para["start"], "corpus changed under the annotation"
        got = [c for c in doc.claims if para["start"] <= c.num_start < para["end"]]
        extracted += len(got)
        gold += len(para["claims"])
        for g in para["claims"]:
            hit = next((c for c in got if c.num_start < g["end"] and g["start"] < c.num_end), None)
            if hit is None:
                continue
            matched += 1
            value = list(hit.value) if isinstance(hit.value, tuple) else hit.value
            if value == g["value"] and hit.unit == g["unit"] and hit.magnitude == g["magnitude"]:
                right += 1
            ms, me = g["metric"]
            if _overlap_f1(doc.text[ms:me], hit.metric) >= 0.5:
                metric_ok += 1
    return {
        "paragraphs": len(paras),
        "gold": gold,
        "extracted": extracted,
        "precision": right / max(1, extracted),
        "recall": right / max(1, gold),
        "metric_accuracy": metric_ok / max(1, matched),
    }


def test_annotation_shape():
    ann = json.loads(ANNOTATION.read_text(encoding="utf-8"))
    assert len(ann["paragraphs"]) >= 30
    assert len({p["year"] for p in ann["paragraphs"]}) >= 10
    for p in ann["paragraphs"]:
        assert set(p) == {"year", "paragraph", "start", "end", "heldout", "claims"}  # offsets only, never text
        for c in p["claims"]:
            assert set(c) == {"start", "end", "value", "unit", "magnitude", "metric"}


def test_extraction_precision_recall():
    s = score()
    print("all", s, "held out", score(heldout=True))
    assert s["precision"] >= 0.95, s
    assert s["recall"] >= 0.90, s


BINDING = Path(__file__).parent / "data" / "claims_sc_binding.json"
FIELDS = ("subject", "period_kind", "scope", "status")


def binding_score(verbose: bool = False, heldout: bool | None = None):
    """Per-field accuracy of subject, period kind, scope and status against the hand labels.

    A subject is right when it overlaps the labelled span (character F1 >= 0.5, as for the
    metric) or both are empty; the other fields must match exactly. A claim the extractor
    missed counts as wrong in every field.
    """
    labels = json.loads(BINDING.read_text(encoding="utf-8"))["claims"]
    if heldout is not None:
        ann = json.loads(ANNOTATION.read_text(encoding="utf-8"))
        keep = {(p["year"], c["start"]) for p in ann["paragraphs"] if p["heldout"] == heldout for c in p["claims"]}
        labels = [lab for lab in labels if (lab["year"], lab["start"]) in keep]
    reports = _reports()
    docs: dict[str, Document] = {}
    right = dict.fromkeys(FIELDS, 0)
    errors = []
    for lab in labels:
        year = lab["year"]
        if year not in docs:
            docs[year] = Document(reports[year])
            run_stages(docs[year], ["claims"])
        doc = docs[year]
        hit = next((c for c in doc.claims if c.num_start <= lab["start"] < c.num_end), None)
        if hit is None:
            errors.append((year, lab["start"], "missed"))
            continue
        gold_subject = doc.text[lab["subject"][0]:lab["subject"][1]] if lab["subject"] else ""
        ok = {
            "subject": (not gold_subject and not hit.subject) or _overlap_f1(gold_subject, hit.subject) >= 0.5,
            "period_kind": hit.period_kind == lab["period_kind"],
            "scope": hit.scope == lab["scope"],
            "status": hit.status == lab["status"],
        }
        for f in FIELDS:
            right[f] += ok[f]
            if verbose and not ok[f]:
                got = getattr(hit, f)
                want = gold_subject if f == "subject" else lab[f]
                errors.append((year, lab["start"], f, f"want {want!r}", f"got {got!r}"))
    n = len(labels)
    return {f: right[f] / n for f in FIELDS} | {"claims": n}, errors


def test_binding_labels_shape():
    labels = json.loads(BINDING.read_text(encoding="utf-8"))["claims"]
    ann = json.loads(ANNOTATION.read_text(encoding="utf-8"))
    keys = {(p["year"], c["start"]) for p in ann["paragraphs"] for c in p["claims"]}
    assert len(labels) == len(keys) == 131
    for lab in labels:
        assert set(lab) == {"year", "start", "subject", "period_kind", "scope", "status"}  # offsets, never text
        assert (lab["year"], lab["start"]) in keys
        assert lab["period_kind"] in ("year", "part", "multi") and lab["scope"] in ("", "cumulative", "average")
        assert lab["status"] in ("achieved", "target")


@pytest.mark.shared
def test_binding_accuracy():
    """Measured: subject 0.85, period kind 0.95, scope 0.96, status 0.95 (131 claims); thresholds just under."""
    s, _ = binding_score()
    print("binding", s, "held out", binding_score(heldout=True)[0])
    assert s["subject"] >= 0.83, s
    assert s["period_kind"] >= 0.93, s
    assert s["scope"] >= 0.94, s
    assert s["status"] >= 0.93, s
