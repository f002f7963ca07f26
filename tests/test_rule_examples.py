"""Every rule's docstring examples: ``Okay:`` lines stay silent, ``RLnnn:`` lines fire."""

from __future__ import annotations

import pytest

from pipeline.lint import lint_text
from pipeline.rules import load_all
from pipeline.rules.base import FAMILIES

REGISTRY = load_all()
CASES = [(code, kind, text) for code, r in sorted(REGISTRY.items()) for kind, text in r.examples]


def test_every_rule_has_examples():
    for code, r in REGISTRY.items():
        kinds = {k for k, _ in r.examples}
        assert "Okay" in kinds and code in kinds, f"{code} needs Okay: and {code}: examples"
        assert code[:3] in FAMILIES


@pytest.mark.parametrize("code,kind,text", CASES, ids=[f"{c}-{k}-{i}" for i, (c, k, _) in enumerate(CASES)])
def test_example(code, kind, text):
    doc = lint_text(text, select=[code], deep=code == "RL804")  # the context check runs only with --deep
    codes = [f.code for f in doc.findings]
    if kind == "Okay":
        assert code not in codes, f"{code} fired on Okay example: {text!r} -> {[f.message for f in doc.findings]}"
    else:
        assert code in codes, f"{code} did not fire on: {text!r}"
