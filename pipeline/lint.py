"""Run the pipeline and the selected rules over one document."""

from __future__ import annotations

from collections.abc import Iterable
from operator import attrgetter

from pipeline.config import Options
from pipeline.document import Document, Finding
from pipeline.rules import load_all
from pipeline.rules.base import SEVERITY_RANK, Rule, selected
from pipeline.stages import DEFAULT_STAGES, gc_paused, run_stages
from pipeline.vocab.extend import use_options


def active_rules(options: Options) -> list[Rule]:
    registry = load_all()
    return [r for code, r in sorted(registry.items())
            if r.scope == "document" and selected(code, options.select, options.ignore)]


def analyse(doc: Document, options: Options | None = None, stages: Iterable[str] = DEFAULT_STAGES) -> Document:
    """Annotate ``doc`` with every requested stage, run the active rules, then the suggestion pass."""
    options = options or Options()
    use_options(options)  # the word lists this run's setup.cfg adds (a no-op when already in use)
    rules = active_rules(options)
    needed = set(stages)
    for r in rules:
        needed.update(r.needs)
    findings: list[Finding] = []
    floor = SEVERITY_RANK.get(options.min_severity, 0)
    with gc_paused():  # see gc_paused: the rules read (and tag) the same many small objects
        run_stages(doc, needed, options)
        for r in rules:
            if not set(r.needs) <= doc.done:
                continue
            for f in r.func(doc):
                if SEVERITY_RANK[f.severity] >= floor and not doc.in_furniture(f.start):
                    findings.append(f)
        findings = dedupe(findings)
        if any(f.request is not None for f in findings):
            from pipeline.generate.fill import fill

            fill(doc, findings)
    doc.findings = findings
    return doc


_ORDER = attrgetter("start", "code", "end")


def dedupe(findings: list[Finding]) -> list[Finding]:
    """Findings in text order, one per (code, span): sorted, equal ones stand together, so each is
    compared with the one before it (no set of keys: a pasted table can make half a million)."""
    out = []
    prev = None
    for f in sorted(findings, key=_ORDER):
        key = _ORDER(f)
        if key != prev:
            out.append(f)
            prev = key
    return out


def lint_text(
    text: str, select: Iterable[str] = ("RL",), ignore: Iterable[str] = (), path: str = "<string>", deep: bool = False
) -> Document:
    """Convenience for tests and library users: lint a string (``deep``: also the RL804 context check)."""
    opts = Options(select=list(select), ignore=list(ignore), deep=deep)
    return analyse(Document(text, path=path), opts)
