"""Stage ``suggest``: fill ``doc.suggestions`` with plan items and rewrites.

Runs only for ``report-lint suggest``. Uses the language model when
``models/lm/`` is there (and ``options.use_lm`` is not False); otherwise the
deterministic template fill, and says so in ``doc.suggest_warnings``-style
``options.warnings`` so the command can warn the user.
"""

from __future__ import annotations

from pipeline.document import Document

NO_MODEL = ("未找到语言模型（models/lm/），改用模板填充生成建议 / "
            "language model not found (models/lm/): suggestions use the template fill")


def run(doc: Document, options=None) -> None:
    from pipeline.dimensions.taxonomy import load_taxonomy
    from pipeline.generate.generator import Generator

    lm = None
    if getattr(options, "use_lm", True):
        from pipeline.generate.lm import load_lm

        lm = load_lm()
        if lm is None and options is not None and hasattr(options, "warnings") and NO_MODEL not in options.warnings:
            options.warnings.append(NO_MODEL)
    gen = Generator(doc, taxonomy=load_taxonomy(getattr(options, "dimensions", None)), lm=lm,
                    creative=bool(getattr(options, "creative", False)),
                    seed=int(getattr(options, "seed", 20261125)))
    ctx = gen.plan_context()
    doc.suggestions = gen.plan_items(ctx) + gen.rewrites()
    doc.plan_context = ctx  # the CLI prints the proposed block from it
