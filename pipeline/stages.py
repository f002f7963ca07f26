"""The declared order of pipeline stages: the one place that says what runs when.

Each stage names what it needs (earlier stages) and what it adds to the
``Document``. Modules are imported only when their stage runs, so a plain lint
never pays for a stage it does not use.
"""

from __future__ import annotations

import gc
import importlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from pipeline.document import Document


@dataclass(frozen=True)
class Stage:
    name: str
    target: str  # "module:function", called as function(doc, options)
    needs: tuple[str, ...]
    adds: tuple[str, ...]
    doc: str


STAGES: tuple[Stage, ...] = (
    Stage("segment", "pipeline.segment:run", (), ("paragraphs", "paragraph.part", "parts", "sentences", "tokens"),
          "jieba tokens with offsets; paragraphs (body, furniture, appendix) and sentences"),
    Stage("outline", "pipeline.structure.outline:run", ("segment",), ("outline", "paragraph.section"),
          "heading tree, inline series, report sections"),
    Stage("genre", "pipeline.genre:run", ("segment", "outline"), ("genre",),
          "what the document is (工作总结, 讲话, 政府工作报告 …) from title, opening and structure"),
    Stage("claims", "pipeline.claims.extract:run", ("segment", "outline"), ("claims",),
          "ledger of numeric claims"),
    Stage("dimensions", "pipeline.dimensions.classify:run", ("outline",),
          ("paragraph.dimension", "paragraph.confidence"), "work-dimension tag per item"),
    Stage("lexicon", "pipeline.lexicon.stage:run", ("segment",), ("slips",),
          "wrong words, set expressions, near-miss idioms (and --deep: unseen slips)"),
    Stage("suggest", "pipeline.generate.stage:run", ("outline", "genre", "dimensions"), ("suggestions",),
          "plan items and rewrites from the language model"),
)
BY_NAME = {s.name: s for s in STAGES}
DEFAULT_STAGES = ("segment", "outline", "genre", "claims", "dimensions")


def closure(names: Iterable[str]) -> list[str]:
    """The named stages plus everything they need, in declared order."""
    want: set[str] = set()
    todo = list(names)
    while todo:
        n = todo.pop()
        if n not in BY_NAME:
            raise KeyError(f"unknown stage {n!r}")
        if n not in want:
            want.add(n)
            todo.extend(BY_NAME[n].needs)
    return [s.name for s in STAGES if s.name in want]


def _load(stage: Stage) -> Callable:
    module, func = stage.target.split(":")
    return getattr(importlib.import_module(module), func)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cycle collector off for the duration, as it was afterwards.

    The stages build hundreds of thousands of small objects per megabyte (tokens,
    claims, outline items) that stay alive with the document; each full collection
    walks all of them again, which cost a fifth of a 1 MB lint. Reference counting
    still frees everything else at once, and the few cycles (outline items and
    their parents) are collected as soon as the collector is back on.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def run_stages(doc: Document, names: Iterable[str], options=None) -> Document:
    with gc_paused():
        for name in closure(names):
            if name in doc.done:
                continue
            _load(BY_NAME[name])(doc, options)
            doc.done.add(name)
    return doc
