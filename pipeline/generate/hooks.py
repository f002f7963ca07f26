"""Suggestions for lint findings, from the deterministic template fill (no torch, no transformers).

Plain linting must stay light, so findings of the structure rules (a series item
that breaks the frame) and of the dimension rules (a summary dimension the plan
lacks) get their concrete proposal from the template fill only; ``report-lint
suggest`` adds the language model's ranking on top.
"""

from __future__ import annotations

from pipeline.document import Document


def _generator(doc: Document):
    cached = getattr(doc, "_template_generator", None)
    if cached is None:
        from pipeline.generate.generator import Generator

        cached = Generator(doc, lm=None)
        doc._template_generator = cached
    return cached


def rewrite_heading(doc: Document, series, item, frame) -> str | None:
    """A heading for ``item`` that fits ``frame`` (registered with the structure rules)."""
    try:
        sug = _generator(doc).rewrite(series, item, frame)
    except Exception:  # a suggestion must never break linting
        return None
    return sug.text if sug is not None else None


def plan_item(doc: Document, dimension: str) -> str | None:
    """A plan line (label and heading) covering ``dimension``, in the frame of the draft's plan."""
    try:
        gen = _generator(doc)
        ctx = getattr(doc, "_template_plan", None)
        if ctx is None:
            ctx = gen.plan_context()
            doc._template_plan = ctx
            doc._template_items = {s.dimension: s for s in gen.plan_items(ctx)}
        sug = doc._template_items.get(dimension)
    except Exception:  # a suggestion must never break linting
        return None
    if sug is None or sug.text is None:
        return None
    return f"{sug.label}{sug.text}"


def register() -> None:
    from pipeline.structure.rewrite import register as register_rewrite

    register_rewrite(rewrite_heading)


register()
