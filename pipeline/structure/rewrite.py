"""Hook for rewriting the item that breaks a parallel series.

The structure rules know *that* 行业稳定工作更扎实 breaks ``[4]更[2]``; only a
generator can propose 信访维稳更扎实. A generator registers a function here
and the parallel-deviation finding carries its proposal as the suggestion.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# fn(doc, series, item, frame) -> rewritten heading or None
Suggester = Callable[[Any, Any, Any, Any], "str | None"]
_SUGGESTERS: list[Suggester] = []


def register(fn: Suggester) -> Suggester:
    """Add a suggester (usable as a decorator); the first that answers wins."""
    if fn not in _SUGGESTERS:
        _SUGGESTERS.append(fn)
    return fn


def unregister(fn: Suggester) -> None:
    if fn in _SUGGESTERS:
        _SUGGESTERS.remove(fn)


def suggest_rewrite(doc, series, item, frame) -> str | None:
    """A heading for ``item`` that fits ``frame``, from the first registered suggester that has one."""
    if not _SUGGESTERS:
        _load_generator()
    for fn in list(_SUGGESTERS):
        proposal = fn(doc, series, item, frame)
        if proposal:
            return proposal
    return None


def _load_generator() -> None:
    """The generation package's template fill registers itself on import (no torch: linting stays light)."""
    try:
        import pipeline.generate.hooks  # noqa: F401
    except ModuleNotFoundError as exc:
        if not (exc.name and "pipeline.generate".startswith(exc.name)):
            raise
