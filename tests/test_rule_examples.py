"""Every rule's docstring examples: ``Okay:`` lines stay silent, ``RLnnn:`` lines fire."""

from __future__ import annotations

import pytest

from pipeline.config import Options
from pipeline.lint import active_rules, lint_text
from pipeline.rules import load_all
from pipeline.rules.base import FAMILIES

REGISTRY = load_all()
CASES = [(code, kind, text) for code, r in sorted(REGISTRY.items()) if r.scope == "document"
         for kind, text in r.examples]
ARCHIVE_CASES = [(code, kind, text) for code, r in sorted(REGISTRY.items()) if r.scope == "archive"
                 for kind, text in r.examples]


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


@pytest.mark.parametrize("code,kind,text", ARCHIVE_CASES,
                         ids=[f"{c}-{k}-{i}" for i, (c, k, _) in enumerate(ARCHIVE_CASES)])
def test_archive_example(tmp_path, code, kind, text):
    """An archive rule's example is one issuer's reports, year by year, separated by ‖: stored as
    ``report-lint batch`` stores them, then checked across the archive."""
    from pipeline.archive import crossdoc, db
    from pipeline.archive.worker import analyse_task, file_task

    conn = db.connect(tmp_path / "examples.sqlite")
    for n, report in enumerate(text.split("‖")):
        path = tmp_path / f"{n}.txt"
        path.write_text(report.strip(), encoding="utf-8")
        assert db.store_result(conn, analyse_task(file_task(str(path)))) is not None
    codes = [c.code for c in crossdoc.check_all(conn)]
    conn.close()
    if kind == "Okay":
        assert code not in codes, f"{code} fired on Okay example: {text!r}"
    else:
        assert code in codes, f"{code} did not fire on: {text!r}"


def test_archive_rules_are_registered_with_examples():
    assert {c for c, _, _ in ARCHIVE_CASES} == {"RL701", "RL702", "RL703"}
    assert not any(r.scope == "archive" for r in active_rules(Options()))  # never run on one draft
