"""Stage ``outline``: the heading tree, then the count claims read against it.

Counts (以下六个方面) are checked against the series the outline found, so they are
read after the tree is built; keeping the two steps here lets ``outline`` and
``counts`` import in one direction only.
"""

from __future__ import annotations

from pipeline.document import Document
from pipeline.structure.counts import find_counts
from pipeline.structure.outline import build


def run(doc: Document, options=None) -> None:
    """Build ``doc.outline`` (every paragraph's ``section`` and ``item`` set) with its count claims."""
    outline = build(doc)
    outline.counts = find_counts(doc, outline)
    doc.outline = outline
