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
from dataclasses import dataclass, fields

from pipeline.document import Document, Paragraph


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
    Stage("outline", "pipeline.structure.stage:run", ("segment",), ("outline", "paragraph.section"),
          "heading tree, inline series, report sections"),
    Stage("genre", "pipeline.genre:run", ("segment", "outline"), ("genre",),
          "what the document is (工作总结, 讲话, 政府工作报告 …) from title, opening and structure"),
    Stage("claims", "pipeline.claims.extract:run", ("segment", "outline"), ("claims",),
          "ledger of numeric claims"),
    Stage("dimensions", "pipeline.dimensions.classify:run", ("outline",),
          ("paragraph.dimension", "paragraph.confidence", "dimension_units", "dimension_taxonomy", "plan_gaps"),
          "work-dimension tag per item, the units tagged, the taxonomy used, what the plan lacks"),
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


class StageContractError(RuntimeError):
    """A stage declared a slot it does not fill, or one the Document does not have (a bug, not bad input)."""


DOCUMENT_SLOTS = frozenset(f.name for f in fields(Document))
PARAGRAPH_SLOTS = frozenset(f.name for f in fields(Paragraph))


def check_declarations(stages: Iterable[Stage] = STAGES) -> None:
    """Every declared slot exists on the Document (or on Paragraph, as ``paragraph.x``)."""
    for st in stages:
        for slot in st.adds:
            owner, _, attr = slot.rpartition(".")
            known = PARAGRAPH_SLOTS if owner == "paragraph" else DOCUMENT_SLOTS
            if owner not in ("", "paragraph") or attr not in known:
                raise StageContractError(f"stage {st.name!r} declares {slot!r}, which the Document does not have")


def check_filled(stage: Stage, doc: Document, before: dict[str, object]) -> None:
    """After ``stage`` ran: each Document slot it declares holds something it put there.

    As spaCy's pipe analysis checks a component's ``assigns``: a slot still None, or
    still the very default (empty) list it held before, was not filled. An empty list
    the stage assigned itself counts (a report may have no claims).
    """
    for slot, old in before.items():
        now = getattr(doc, slot)
        if now is None or (now is old and not now):
            raise StageContractError(f"stage {stage.name!r} declares {slot!r} but did not fill it")


def run_stages(doc: Document, names: Iterable[str], options=None) -> Document:
    with gc_paused():
        for name in closure(names):
            if name in doc.done:
                continue
            stage = BY_NAME[name]
            before = {slot: getattr(doc, slot) for slot in stage.adds if "." not in slot}
            _load(stage)(doc, options)
            check_filled(stage, doc, before)
            doc.done.add(name)
    return doc


check_declarations()
