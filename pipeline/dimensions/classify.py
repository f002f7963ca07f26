"""Stage ``dimensions``: tag every outline item and every paragraph with a work dimension.

The unit is the item: its heading and its body read together, the heading counted
once more because a heading alone (二是督查落实更有力) is strong evidence. A heading that
names a dimension hands it to its sub-items (1．文件办理 under （一）统筹协调 is 综合协调);
under a structural heading (一、主要工作完成情况) each sub-item is a unit of its own.
Without an outline (the outline stage absent) paragraphs are the units, a short
labelled heading line taking the unlabelled paragraphs below it.

A unit whose character n-grams are mostly unknown to the model (national economy, industry,
culture, diplomacy: not office work) is 其他 with a low confidence, whatever the few known
n-grams vote (``model.out_of_domain``).

Besides ``Paragraph.dimension``/``confidence`` and ``Item.dimension``/``confidence``,
the stage leaves ``doc.dimension_units`` (one ``DimUnit`` per unit, with the
probabilities the RL6xx rules and the coverage table read) and
``doc.dimension_taxonomy``.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field

from pipeline.dimensions.gaps import plan_gaps
from pipeline.dimensions.model import DimensionModel, ModelError, Prediction, in_domain, load_model, out_of_domain
from pipeline.dimensions.taxonomy import Taxonomy, TaxonomyError, load_taxonomy
from pipeline.document import Document, Paragraph
from pipeline.structure.labels import CIRCLED, CN_NUM

CONTAINER_TRUST = 0.6  # a container heading this sure of itself hands its dimension down
HEADING_END = re.compile(r"[。！？；;!?]")
PARA_LABEL = re.compile(
    rf"^(?:{CN_NUM}[、是]|（{CN_NUM}）|第{CN_NUM}[，,、]|"
    rf"[1-9]\d?[.．、](?!\d)|（[1-9]\d?）|[{CIRCLED}])"
)


@dataclass
class DimUnit:
    """One classified unit: an item (with its sub-items when they share its dimension) or a paragraph."""

    dimension: str
    confidence: float
    probs: dict[str, float]
    section: str | None
    start: int  # where the unit starts (its label, or the paragraph)
    head_end: int  # end of its heading (or of its first sentence): where a finding points
    heading: str
    chars: int
    paragraphs: list[int] = field(default_factory=list)
    item: object = None

    def prob(self, name: str) -> float:
        if name == self.dimension:
            return max(self.confidence, self.probs.get(name, 0.0))
        return self.probs.get(name, 0.0)


def run(doc: Document, options=None) -> None:
    """Set ``dimension``/``confidence`` on every paragraph and outline item.

    A broken taxonomy file falls back to the built-in one, and a missing model leaves
    the dimensions empty; either way the lint goes on and says why once on stderr.
    """
    try:
        taxonomy = load_taxonomy(getattr(options, "dimensions", None))
    except TaxonomyError as exc:
        _warn_once(str(exc) + "；改用内置工作维度 / using the built-in taxonomy")
        taxonomy = load_taxonomy()
    doc.dimension_taxonomy = taxonomy
    try:
        model = load_model()
    except ModelError as exc:
        _warn_once(f"{exc}；跳过工作维度 / dimensions skipped")
        doc.dimension_units = []  # nothing tagged: every unit stays without a dimension
        doc.plan_gaps = []
        return
    if doc.outline is not None and getattr(doc.outline, "items", None):
        units = _tag_items(doc, model, taxonomy)
    else:
        units = _tag_paragraphs(doc, model, taxonomy)
    units.sort(key=lambda u: u.start)
    doc.dimension_units = units
    doc.plan_gaps = plan_gaps(doc, taxonomy, units, lambda text: predict(model, taxonomy, text))


_WARNED: set[str] = set()


def _warn_once(message: str) -> None:
    if message not in _WARNED:
        _WARNED.add(message)
        print(f"report-lint: {message}", file=sys.stderr)


def predict(model: DimensionModel, taxonomy: Taxonomy, text: str, heading: str = "",
            words: list[str] | None = None, heading_words: list[str] | None = None) -> Prediction:
    """The model's answer mapped onto the taxonomy in use (a user's file may differ)."""
    pred = _map(model.predict(text, heading, words=words, heading_words=heading_words), model, taxonomy,
                heading or text[:40])
    return out_of_domain(pred, taxonomy.fallback, *model.gram_coverage(text)) if text else pred


def _map(pred: Prediction, model: DimensionModel, taxonomy: Taxonomy, heading: str) -> Prediction:
    names = set(taxonomy.names)
    if set(model.labels) <= names and not (names - set(model.labels) - {taxonomy.fallback}):
        if pred.label == model.fallback and model.fallback != taxonomy.fallback:
            return Prediction(taxonomy.fallback, pred.confidence, pred.probs)
        return pred
    # A custom taxonomy: keep the model's dimensions that it still has, fold the others into
    # its fallback, and recognise its own new dimensions from cue words in the heading.
    probs: dict[str, float] = {}
    for lab, p in pred.probs.items():
        key = lab if lab in names else taxonomy.fallback
        probs[key] = probs.get(key, 0.0) + p
    hits = {d.name: sum(cue in heading for cue in d.cues) for d in taxonomy.dimensions
            if d.name not in model.labels and d.name != taxonomy.fallback}
    best_new = max(hits, key=hits.get) if hits else None
    if best_new and hits[best_new] > 0:
        return Prediction(best_new, 0.6, probs)
    if not probs:
        return Prediction(taxonomy.fallback, 0.0, probs)
    label = max(probs, key=probs.get)
    if probs[label] < model.threshold:
        return Prediction(taxonomy.fallback, probs[label], probs)
    return Prediction(label, probs[label], probs)


# ---------------------------------------------------------------------------
# With an outline: items.
# ---------------------------------------------------------------------------
def _words(doc: Document, start: int, end: int) -> list[str] | None:
    """The segment stage's tokens in [start, end) (None when there are none: cut afresh)."""
    if not doc.tokens:
        return None
    return doc.words_in(start, end)


class _Scores:
    """Log-probabilities of every text the item walk may read, computed in one batch up front.

    ``_settle`` decides top-down which texts it reads (a container's own words only when
    its heading is sure of itself); scoring each on demand paid numpy's fixed costs
    thousands of times per document. Every text it might read is scored here at once
    (a container's own words even when they end up unread: cheaper than a second pass).
    """

    def __init__(self, doc: Document, model: DimensionModel, taxonomy: Taxonomy, covered: dict[int, list]):
        self.model, self.taxonomy = model, taxonomy
        keys: list[tuple[str, int]] = []
        texts: list[str] = []
        words: list[list[str]] = []

        def want(key: tuple[str, int], text: str, ws: list[str] | None) -> None:
            if text:
                keys.append(key)
                texts.append(text)
                words.append(_cut(text) if ws is None else ws)

        for it in doc.outline.items:
            if it.heading:
                want(("h", id(it)), it.heading, _words(doc, it.heading_start, it.heading_end))
            if not it.children:
                want(("f", id(it)), it.text(doc), _words(doc, it.end, it.body_end))
            elif it.heading:
                own_end = _own_end(it)
                want(("f", id(it)), doc.text[it.end:own_end].strip(), _words(doc, it.end, own_end))
        for p in doc.paragraphs:
            if p.index not in covered and p.section != "title":
                want(("p", p.index), p.text, _words(doc, p.start, p.end))
        coverage: list[tuple[int, int]] = []
        self.log_probs = dict(zip(keys, model.batch_log_probs(model.batch_logits(texts, words, coverage)),
                                  strict=True))
        self.coverage = dict(zip(keys, coverage, strict=True))

    def predict(self, key: tuple[str, int] | None, text: str, head_key: tuple[str, int] | None = None,
                heading: str = "") -> Prediction:
        """``predict(model, taxonomy, text, heading)`` from the scores computed up front."""
        full = self.log_probs.get(key) if key is not None and text else None
        head = self.log_probs.get(head_key) if head_key is not None and heading else None
        pred = _map(self.model.combine_log_probs(full, head), self.model, self.taxonomy, heading or text[:40])
        if key is not None and text and key in self.coverage:
            return out_of_domain(pred, self.taxonomy.fallback, *self.coverage[key])
        return pred

    def item_in_domain(self, it) -> bool:
        """Whether an item's text, its sub-items' included, reads as office work (headings aside)."""
        known = total = 0
        for x in (it, *_descendants(it)):
            k, t = self.coverage.get(("f", id(x)), (0, 0))
            known, total = known + k, total + t
        return in_domain(known, total)


def _cut(text: str) -> list[str]:
    from pipeline.segment import cut

    return cut(text)


def _own_end(it) -> int:
    """End of a container's own words: before its first sub-item."""
    return max(it.end, min(it.body_end, min(c.start for c in it.children)))


def _tag_items(doc: Document, model: DimensionModel, taxonomy: Taxonomy) -> list[DimUnit]:
    items = list(doc.outline.items)
    covered: dict[int, list] = {}
    for it in items:
        for pi in it.paragraphs:
            covered.setdefault(pi, []).append(it)
    scores = _Scores(doc, model, taxonomy, covered)
    units: list[DimUnit] = []
    for it in items:
        if it.parent is None:
            _settle(doc, it, scores, units)

    for p in doc.paragraphs:
        owners = covered.get(p.index)
        if not owners:
            pred = (Prediction(taxonomy.fallback, 1.0, {}) if p.section == "title"
                    else scores.predict(("p", p.index), p.text))
            p.dimension, p.confidence = pred.label, pred.confidence
            units.append(_paragraph_unit(p, pred))
            continue
        inline = [it for it in owners if it.inline and it.paragraph == p.index]
        if inline and (p.item is None or p.item.inline):
            # a paragraph that is a run of 一是…二是…: the item holding most of its text
            best = max(inline, key=lambda it: it.body_end - it.start)
            p.dimension, p.confidence = best.dimension, best.confidence
            continue
        owner = p.item if p.item is not None else max(owners, key=lambda it: (it.level, it.start))
        p.dimension, p.confidence = owner.dimension, owner.confidence
    return units


def _settle(doc: Document, it, scores: _Scores, units: list[DimUnit]) -> None:
    """Top-down: a container whose heading names a dimension hands it to its sub-items.

    A container whose text is out of the model's domain (macro-economy under 一、加快建设现代化
    产业体系) hands nothing down either. A structural heading (一、主要工作完成情况, 二、认真履职)
    reads as the fallback on its own;
    its sub-items are then units of their own, and it takes their dimension only when
    at least two thirds of them agree. A container is read by its heading and its own
    words before the first sub-item, so no text is read twice.
    """
    fallback = scores.taxonomy.fallback
    key = ("f", id(it))
    head_key = ("h", id(it))
    if not it.children:
        pred = scores.predict(key, it.text(doc), head_key, it.heading)
        it.dimension, it.confidence = pred.label, pred.confidence
        units.append(_item_unit(doc, it, pred))
        return
    head = (scores.predict(None, "", head_key, it.heading)
            if it.heading else Prediction(fallback, 0.0, {}))
    if head.label != fallback and head.confidence >= CONTAINER_TRUST and scores.item_in_domain(it):
        pred = scores.predict(key, doc.text[it.end:_own_end(it)].strip(), head_key, it.heading)
        if pred.label != head.label:  # the heading names the dimension; its own words lean elsewhere
            pred = Prediction(head.label, head.confidence * max(pred.probs.get(head.label, 0.0), 0.5) ** 0.5,
                              pred.probs)
        it.dimension, it.confidence = pred.label, pred.confidence
        for child in _descendants(it):
            if child.section == it.section:
                child.dimension, child.confidence = pred.label, pred.confidence
        units.append(_item_unit(doc, it, pred))
        for child in it.children:  # a series the outline hung under it from a later part
            if child.section != it.section:
                _settle(doc, child, scores, units)
        return
    for child in it.children:
        _settle(doc, child, scores, units)
    kids = Counter(c.dimension for c in it.children)
    top, n = kids.most_common(1)[0]
    if top != fallback and n >= max(2, 2 * len(it.children) / 3):
        conf = sum(c.confidence or 0.0 for c in it.children if c.dimension == top) / len(it.children)
        it.dimension, it.confidence = top, conf
    else:
        it.dimension, it.confidence = fallback, head.confidence if head.label == fallback else 0.3


def _descendants(it) -> list:
    out = []
    for c in it.children:
        out.append(c)
        out.extend(_descendants(c))
    return out


def _item_unit(doc: Document, it, pred: Prediction) -> DimUnit:
    head_end = it.heading_end if it.heading else min(it.body_end, it.end + 20)
    return DimUnit(pred.label, pred.confidence, pred.probs, it.section, it.start, max(head_end, it.end),
                   it.heading, it.body_end - it.start, list(it.paragraphs), it)


def _paragraph_unit(p: Paragraph, pred: Prediction, paragraphs: list[int] | None = None, heading: str = "",
                    chars: int | None = None) -> DimUnit:
    stop = HEADING_END.search(p.text)
    head_end = p.start + (stop.start() if stop else len(p.text))
    return DimUnit(pred.label, pred.confidence, pred.probs, p.section, p.start, head_end, heading,
                   chars if chars is not None else len(p.text), paragraphs or [p.index])


def _paragraph_alone(doc: Document, p: Paragraph, model: DimensionModel, taxonomy: Taxonomy) -> Prediction:
    if p.section == "title":
        return Prediction(taxonomy.fallback, 1.0, {})
    return predict(model, taxonomy, p.text, words=_words(doc, p.start, p.end))


# ---------------------------------------------------------------------------
# Without an outline: paragraphs.
# ---------------------------------------------------------------------------
def split_heading(text: str) -> tuple[str, str, bool]:
    """(heading, body, labelled) of a paragraph that may open with an ordinal label."""
    m = PARA_LABEL.match(text)
    if not m:
        return "", text, False
    rest = text[m.end():]
    stop = HEADING_END.search(rest)
    if stop is None:
        return rest.strip(), "", True
    return rest[:stop.start()].strip(), rest[stop.end():].strip(), True


def _tag_paragraphs(doc: Document, model: DimensionModel, taxonomy: Taxonomy) -> list[DimUnit]:
    """No outline: a labelled short heading line takes the unlabelled paragraphs after it."""
    groups: list[tuple[str, list[Paragraph]]] = []
    open_heading = False
    for p in doc.paragraphs:
        heading, body, labelled = split_heading(p.text)
        if labelled and not body:  # a heading line on its own
            groups.append((heading, [p]))
            open_heading = True
        elif labelled or not open_heading:
            groups.append((heading, [p]))
            open_heading = False
        else:
            groups[-1][1].append(p)
    units = []
    for heading, paras in groups:
        text = "".join(p.text for p in paras)
        first = paras[0]
        if len(paras) == 1 and not heading:
            pred = _paragraph_alone(doc, first, model, taxonomy)
        else:
            words = [w for p in paras for w in (_words(doc, p.start, p.end) or [])] or None
            pred = predict(model, taxonomy, text, heading, words)
        for p in paras:
            p.dimension, p.confidence = pred.label, pred.confidence
        units.append(_paragraph_unit(first, pred, [p.index for p in paras], heading, len(text)))
    return units
