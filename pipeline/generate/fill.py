"""The suggestion pass: after the rules, concrete proposals for the findings that asked for one.

Rules only say what they need (``Finding.request``): a heading that fits a series'
frame (RL507) or a plan line for a dimension the plan lacks (RL601). This pass
answers them with the deterministic template fill, using the dimensions stage's
own taxonomy and results, so plain linting stays light (no torch) and data flows
one way: stages → rules → suggestions → output. ``report-lint suggest`` adds the
language model's ranking on top.
"""

from __future__ import annotations

from pipeline.document import Document, Finding


def fill(doc: Document, findings: list[Finding]) -> None:
    """Put a proposal into each finding that requested one; a failed proposal keeps the rule's own text."""
    asked = [f for f in findings if f.request is not None]
    if not asked:
        return
    from pipeline.generate.generator import Generator

    gen = Generator(doc, taxonomy=doc.dimension_taxonomy, lm=None)
    plan: dict[str, object] | None = None
    for f in asked:
        req = f.request
        try:
            if req.kind == "rewrite":
                sug = gen.rewrite(req.series, req.item, req.frame)
                proposal = sug.text if sug is not None else None
                if proposal:
                    f.replacement, f.applicability = proposal, "unsafe"  # a rewrite needs a reader
            elif req.kind == "plan_item":
                if plan is None:
                    plan = {s.dimension: s for s in gen.plan_items(gen.plan_context())}
                sug = plan.get(req.dimension)
                best = sug.best if sug is not None else None
                # the heading and its measure sentence, as the plan line would read
                proposal = f"{sug.label}{best.text}。{best.measure}" if best and best.measure else \
                    (f"{sug.label}{best.text}" if best else None)
            else:
                proposal = None
        except Exception:  # a proposal must never break linting
            proposal = None
        if proposal:
            f.suggestion = req.template.format(proposal)
