"""Stage ``dimensions``: tag every outline item and every paragraph with a work dimension.

The unit is the item: its heading and its body read together, the heading counted
once more because a heading alone (二是督查落实更有力) is strong evidence. An item with
sub-items is judged by its own heading; when that says little (一、主要工作完成情况) and its
sub-items agree, it takes their dimension, otherwise the fallback (其他). Without an
outline (the outline stage absent) paragraphs are the units, a short heading line
joining the paragraphs under it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from pipeline.dimensions.model import DimensionModel, Prediction, load_model
from pipeline.dimensions.taxonomy import Taxonomy, load_taxonomy
from pipeline.document import Document, Paragraph

CONTAINER_TRUST = 0.6  # a container heading this sure of itself keeps its own dimension
HEADING_END = re.compile(r"[。！？；;!?]")
PARA_LABEL = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、是]|（[一二三四五六七八九十]{1,3}）|第[一二三四五六七八九十]{1,3}[，,、]|"
    r"[1-9]\d?[.．、](?!\d)|（[1-9]\d?）|[①-⑳])"
)


@dataclass
class Unit:
    heading: str
    text: str
    paragraphs: list[int] = field(default_factory=list)
    item: object = None
    prediction: Prediction | None = None


def run(doc: Document, options=None) -> None:
    """Set ``dimension``/``confidence`` on every paragraph and outline item."""
    taxonomy = load_taxonomy(getattr(options, "dimensions", None))
    model = load_model()
    if doc.outline is not None and getattr(doc.outline, "items", None):
        _tag_items(doc, model, taxonomy)
    else:
        _tag_paragraphs(doc, model, taxonomy)


def predict(model: DimensionModel, taxonomy: Taxonomy, text: str, heading: str = "") -> Prediction:
    """The model's answer mapped onto the taxonomy in use (a user's file may differ)."""
    pred = model.predict(text, heading)
    return _map(pred, model, taxonomy, heading or text[:40])


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
def _tag_items(doc: Document, model: DimensionModel, taxonomy: Taxonomy) -> None:
    items = list(doc.outline.items)
    fallback = taxonomy.fallback
    own: dict[int, Prediction] = {}
    for it in items:  # every item's own reading: heading and whole text (sub-items included)
        own[id(it)] = predict(model, taxonomy, it.text(doc), it.heading)
    for it in items:
        if it.parent is None:
            _settle(it, own, model, taxonomy, fallback)

    covered: dict[int, list] = {}
    for it in items:
        for pi in it.paragraphs:
            covered.setdefault(pi, []).append(it)
    for p in doc.paragraphs:
        owners = covered.get(p.index)
        if not owners:
            pred = _paragraph_alone(p, model, taxonomy)
            p.dimension, p.confidence = pred.label, pred.confidence
            continue
        inline = [it for it in owners if it.inline and it.paragraph == p.index]
        if inline and (p.item is None or p.item.inline):
            # a paragraph that is a run of 一是…二是…: the item holding most of its text
            best = max(inline, key=lambda it: it.body_end - it.start)
            p.dimension, p.confidence = best.dimension, best.confidence
            continue
        deepest = max(owners, key=lambda it: (it.level, it.start))
        if p.item is not None and not p.item.inline:
            deepest = p.item
        p.dimension, p.confidence = deepest.dimension, deepest.confidence


def _settle(it, own: dict[int, Prediction], model: DimensionModel, taxonomy: Taxonomy, fallback: str) -> None:
    """Top-down: a container whose heading names a dimension hands it to its sub-items.

    A structural heading (一、主要工作完成情况, 二、认真履职) reads as the fallback on its own;
    its sub-items are then units of their own, and it takes their dimension only when
    at least two thirds of them agree.
    """
    pred = own[id(it)]
    if not it.children:
        it.dimension, it.confidence = pred.label, pred.confidence
        return
    head = predict(model, taxonomy, "", it.heading) if it.heading else Prediction(fallback, 0.0, {})
    if head.label != fallback and head.confidence >= CONTAINER_TRUST and pred.label == head.label:
        it.dimension, it.confidence = pred.label, pred.confidence
        for child in _descendants(it):
            child.dimension, child.confidence = pred.label, pred.confidence
        return
    for child in it.children:
        _settle(child, own, model, taxonomy, fallback)
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


def _paragraph_alone(p: Paragraph, model: DimensionModel, taxonomy: Taxonomy) -> Prediction:
    if p.section == "title":
        return Prediction(taxonomy.fallback, 1.0, {})
    return predict(model, taxonomy, p.text)


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


def _tag_paragraphs(doc: Document, model: DimensionModel, taxonomy: Taxonomy) -> None:
    """No outline: a labelled short heading line takes the unlabelled paragraphs after it."""
    units: list[Unit] = []
    current: Unit | None = None
    for p in doc.paragraphs:
        heading, body, labelled = split_heading(p.text)
        if labelled and not body:  # a heading line on its own
            current = Unit(heading, "", [p.index])
            units.append(current)
        elif labelled:
            current = None
            units.append(Unit(heading, p.text, [p.index]))
        elif current is not None:
            current.text += p.text
            current.paragraphs.append(p.index)
        else:
            units.append(Unit("", p.text, [p.index]))
    for u in units:
        u.prediction = predict(model, taxonomy, u.text, u.heading)
        for pi in u.paragraphs:
            doc.paragraphs[pi].dimension = u.prediction.label
            doc.paragraphs[pi].confidence = u.prediction.confidence
