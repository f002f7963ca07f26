"""Stage ``suggest``: fill ``doc.suggestions`` with plan items and rewrites.

Runs only for ``report-lint suggest``. The language model is loaded only when
there is something to generate (a summary dimension the plan lacks, or an item
that breaks its series) and ``models/lm/`` is there; otherwise the deterministic
template fill is used, and a missing model is reported in ``options.warnings``.
"""

from __future__ import annotations

from pipeline.document import Document

NO_MODEL = ("未找到语言模型（models/lm/），改用模板填充生成建议 / "
            "language model not found (models/lm/): suggestions use the template fill")
NO_TORCH = ("未安装 torch（pip install 'report-lint[gen]'），改用模板填充生成建议 / "
            "torch is not installed (the gen extra): suggestions use the template fill")


def skip_reason(doc: Document) -> str | None:
    """Why nothing is generated for this document's genre (a speech, a notice …), or None."""
    genre = getattr(doc, "genre", None)
    if genre is None or genre.plan_part:
        return None
    if genre.name == "其他":
        return ("未能识别为工作总结、汇报、交流或述职材料（文种：其他），不生成下步工作打算建议"
                " / not recognised as an office report (genre 其他): nothing generated")
    return (f"本文识别为“{genre.name}”，这类材料没有与总结对应的下步工作打算，不生成建议"
            f" / genre {genre.name} has no plan part: nothing generated")


def run(doc: Document, options=None) -> None:
    from pipeline.generate.generator import Generator

    doc.plan_skipped = skip_reason(doc)
    if doc.plan_skipped:
        doc.plan_context = None
        doc.suggestions = []
        return

    gen = Generator(doc, taxonomy=doc.dimension_taxonomy,
                    creative=bool(getattr(options, "creative", False)),
                    seed=int(getattr(options, "seed", 20261125)))
    ctx = gen.plan_context()
    doc.plan_context = ctx  # the CLI prints the proposed block from it
    deviant = doc.outline is not None and any(s.deviation is not None for s in doc.outline.series)
    if not ctx.missing and not deviant:
        doc.suggestions = []
        return
    if getattr(options, "use_lm", True):
        from pipeline.generate.lm import load_lm, torch_installed

        gen.lm = load_lm()
        warnings = getattr(options, "warnings", None)
        note = NO_MODEL if torch_installed() else NO_TORCH
        if gen.lm is None and warnings is not None and note not in warnings:
            warnings.append(note)
    doc.suggestions = gen.plan_items(ctx) + gen.rewrites()
