"""Stage `lexicon`: the wrong forms of one document, as ``Slip`` records for the RL8 rules.

A match counts only where the document's own segmentation agrees that it is a
unit: no jieba word may run across its first or last character (这样做风险
holds 做风 across 做|风险, which is no slip). Names in 《》 and short quoted
names are shielded: a title is spelled as its author spelled it.
"""

from __future__ import annotations

from pipeline.document import Document
from pipeline.lexicon.slips import Shield, Slip, Spans, crosses_word


def run(doc: Document, options=None) -> None:
    from pipeline.lexicon.matcher import lexicon

    extra = tuple(getattr(options, "lexicon", ()) or ())
    exc = tuple(getattr(options, "lexicon_exceptions", ()) or ())
    shield = Shield(doc.text)
    slips: list[Slip] = []
    taken_until = -1
    for s, e, pair in lexicon(extra, exc).scan(doc.text):
        if s < taken_until:
            continue  # inside a longer match already taken
        if crosses_word(doc, s) or crosses_word(doc, e) or shield.overlaps(s, e):
            continue
        slips.append(Slip(s, e, pair.wrong, pair.right, pair.level, pair.source, pair.kind))
        taken_until = e
    from pipeline.lexicon.idioms import near_miss_idioms

    taken = Spans([(x.start, x.end) for x in slips])
    for slip in near_miss_idioms(doc, shield):
        if not taken.overlaps(slip.start, slip.end):
            slips.append(slip)
    from pipeline.lexicon.idioms import near_miss_long_idioms

    taken = Spans(sorted((x.start, x.end) for x in slips))
    for slip in near_miss_long_idioms(doc, shield):
        if not taken.overlaps(slip.start, slip.end):
            slips.append(slip)
    if getattr(options, "deep", False):
        from pipeline.lexicon.context import context_slips

        taken = Spans(sorted((x.start, x.end) for x in slips))
        for slip in context_slips(doc, shield.whole()):
            if not taken.overlaps(slip.start, slip.end):
                slips.append(slip)
    slips.sort(key=lambda x: x.start)
    doc.slips = slips
