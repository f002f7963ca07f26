"""Frame-guided generation: plan items for uncovered dimensions and rewrites of deviant items.

Candidates come from filling the frame's slots (the draft's own key phrases,
the taxonomy's names and sub-topics, and, with the language model, fillers
found by constrained decoding). Every candidate then passes hard checks:

- ``fits``: the structure parser's frame accepts it (same fixed words, slot lengths in range);
- ``lengths``: each filler has a length the slot allows;
- ``unique``: no filler repeats one already used by another item of the block;
- ``dimension``: the dimension classifier puts it in the intended dimension.

Candidates that pass are ranked by language-model fluency (when the model is
there), classifier confidence and where the words came from. Without the model
the ranking is a fixed order, so the template fill is deterministic and needs
neither torch nor transformers (plain linting uses it for its suggestions).
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, field
from typing import Any

from pipeline.dimensions.classify import predict
from pipeline.dimensions.model import DimensionModel, load_model
from pipeline.dimensions.taxonomy import Dimension, Taxonomy, load_taxonomy
from pipeline.document import Document
from pipeline.generate import item_checks
from pipeline.generate.draft_plan import (
    DraftWords,
    draft_words,
    has_no_plan,
    mentioned_subtopics,
    office_words,
    problem_texts,
)
from pipeline.generate.frames import (
    ASPECTS,
    LONG_SLOT,
    NEW_THINGS,
    QUALITIES,
    RESULTS,
    WORK_RESULTS,
    library_roles,
    literal_before,
    open_slots,
    plan_frames,
    refine,
    render,
    slot_fillers,
    split_clauses,
)
from pipeline.generate.measures import COPY_RUN, copied_run
from pipeline.generate.phrases import (
    NOUNISH,
    STOP,
    WHO,
    Phrase,
    dimension_phrases,
    fitting,
    key_phrases,
    topical_start,
)
from pipeline.structure.frames import Frame
from pipeline.structure.labels import make_label

SOURCE_BONUS = {"draft": 0.25, "original": 0.4, "name": 0.1, "subtopic": -0.3, "cue": 0.0, "quality": 0.05,
                "lm": -0.3, "generic": -0.6, "problem": 0.5, "heading": 0.35, "summary": 0.3, "office": 0.15,
                "series": 0.2}
POOL = 8  # fillers tried per slot
NAME_FIRST = 0.5  # library frames only: 抓好信访维稳，在矛盾排查上… opens with the work it is about
ALTERNATIVES = 3  # items shown per plan line in text output
MEASURE_WEIGHT = 0.5
MAX_DRAFT_SLOTS = 3  # a summary rhythm with more slots (围绕中心抓参谋，辅助决策有深度) does not carry a plan
EDIT_WEIGHT = 0.15  # per character changed in a rewrite
CREATIVE_T = 0.3  # how far --creative strays from the best-scored candidate
MAX_COMBOS = 20  # candidates scored per item
QUICK_COMBOS = 6  # per item while choosing among library frames
TEMPLATE_ENOUGH = 3
AREA_ONLY = 1.2  # penalty: every work slot only names the area
TWO_CLAUSES = 0.5  # bonus: a measure of two clauses, as human plans are written
OFF_TOPIC = 2.0  # penalty: the heading names a sub-topic the measure does not touch
APPROACH_MISMATCH = 4.0  # penalty: the approach is about things the measure never names (勤俭节约 … 行政查房)
UNSAID = 1.5  # penalty: the heading names the work with words the draft never uses
OWN_NAME = 1.0  # penalty: the taxonomy's area name where the draft's summary heading has its own for it
HALF_SAID = 1.0  # penalty: a two-work sub-topic heading whose measure speaks of one work only
ECHO = 1.5  # penalty: a word of the heading's approach or frame said again in the measure
RELATED = 0.3  # bonus: the measure speaks of the heading's own sub-topic


@dataclass
class Candidate:
    text: str  # the item heading, without its label
    fillers: list[str]
    sources: list[str]
    dimension: str
    confidence: float
    checks: dict[str, bool]
    lm: float | None = None
    score: float = 0.0
    measure: str = ""  # one or two clauses of concrete measures (plan items)

    @property
    def line(self) -> str:
        """Heading and measure as a plan line reads: 参谋辅政更加深入。加强调查研究，完善信息报送机制。"""
        return f"{self.text}。{self.measure}。" if self.measure else f"{self.text}。"

    @property
    def ok(self) -> bool:
        return all(self.checks.values())

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "measure": self.measure, "fillers": self.fillers, "sources": self.sources,
                "score": round(self.score, 4),
                "lm_score": None if self.lm is None else round(self.lm, 4), "dimension": self.dimension,
                "confidence": round(self.confidence, 4), "checks": self.checks, "ok": self.ok}


@dataclass
class Suggestion:
    kind: str  # "plan_item" | "rewrite"
    dimension: str
    frame: str  # the frame's pattern, e.g. 抓好[4]，在[4-6]上实现再进一步
    label: str  # the label the item carries (a rewrite keeps the item's own)
    method: str  # "lm" | "template"
    candidates: list[Candidate] = field(default_factory=list)
    original: str | None = None  # a rewrite's current heading
    start: int | None = None  # a rewrite: offsets of the heading it replaces
    end: int | None = None
    position: int = 0  # a plan item: its place in the proposed block

    @property
    def best(self) -> Candidate | None:
        return next((c for c in self.candidates if c.ok), None)

    @property
    def text(self) -> str | None:
        best = self.best
        return best.text if best else None

    @property
    def alternatives(self) -> list[Candidate]:
        """The best few candidates that pass every check, one per heading."""
        out: list[Candidate] = []
        for c in self.candidates:
            if c.ok and all(c.text != o.text for o in out):
                out.append(c)
            if len(out) >= ALTERNATIVES:
                break
        return out

    def to_dict(self, doc: Document | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "dimension": self.dimension, "frame": self.frame,
                               "label": self.label, "method": self.method, "text": self.text,
                               "measure": self.best.measure if self.best else "", "original": self.original,
                               "alternatives": [c.line for c in self.alternatives]}
        if doc is not None and self.start is not None:
            line, col = doc.line_col(self.start)
            out.update(line=line, column=col)
        out["candidates"] = [c.to_dict() for c in self.candidates]
        return out


@dataclass
class PlanContext:
    """What the plan block has and lacks, in the summary's dimension order."""

    summary_dims: list[str]
    summary_text: dict[str, str]  # dimension -> text of its summary item(s)
    plan_items: list[Any]  # outline items of the plan series (may be empty)
    plan_dims: list[str | None]
    frame: Frame | None  # the plan series' own frame, when it has a strong one
    style: str
    like: str  # a label to imitate (第一，)
    missing: list[str]
    frame_source: str = "library"  # "plan" | "summary" | "library": where the frame came from
    alt_frames: list[str] = field(default_factory=list)  # library frames offered when the draft has none
    words: dict[str, DraftWords] = field(default_factory=dict)
    series_fillers: list[list[str]] = field(default_factory=list)  # slot fillers of the frame's own series
    draft: str = ""
    topical: set[int] = field(default_factory=set)  # slots whose fillers name the work (not 围绕中心)
    skipped: str | None = None  # why no plan is proposed (the genre has none)
    problems: dict[str, str] = field(default_factory=dict)  # dimension -> its shortcomings in the draft


class Generator:
    """Generates for one document; ``lm`` None means the deterministic template fill."""

    def __init__(self, doc: Document, taxonomy: Taxonomy | None = None, model: DimensionModel | None = None,
                 lm: Any = None, creative: bool = False, seed: int = 20261125):
        if "dimensions" not in doc.done:  # the gaps and tags this reads come from the dimensions stage
            from pipeline.stages import run_stages

            run_stages(doc, ["dimensions"])
        self.doc = doc
        self.taxonomy = taxonomy or doc.dimension_taxonomy or load_taxonomy()
        self.model = model or load_model()
        self.lm = lm
        self.creative = creative
        self.seed = seed
        self._pred_cache: dict[tuple[str, str], Any] = {}
        self._quick = False  # choosing a library frame: no decoding, few candidates
        self._block_items: list[Any] = []  # the other items of the series being filled
        self._dim: str | None = None  # the dimension decoded fillers must belong to (plan items)

    @property
    def method(self) -> str:
        return "lm" if self.lm is not None else "template"

    # ---------------------------------------------------------------- context
    def classify(self, text: str, heading: str = ""):
        key = (text, heading)
        if key not in self._pred_cache:
            self._pred_cache[key] = predict(self.model, self.taxonomy, text, heading)
        return self._pred_cache[key]

    def item_dimension(self, it) -> str:
        if it.dimension:
            return it.dimension
        return self.classify(it.text(self.doc), it.heading).label

    def plan_context(self) -> PlanContext:
        outline = self.doc.outline
        fallback = self.taxonomy.fallback
        summary_dims: list[str] = []
        summary_text: dict[str, str] = {}
        style, like = "diyi", "第一，"
        if outline is not None:
            summ = _section_series(outline, "summary")
            if summ:
                main = summ[0]
                style, like = main.items[0].style, main.items[0].label
                for s in summ[:1]:
                    for it in s.items:
                        d = self.item_dimension(it)
                        if d == fallback or d not in self.taxonomy.by_name:
                            continue
                        if d not in summary_dims:
                            summary_dims.append(d)
                        summary_text[d] = summary_text.get(d, "") + it.text(self.doc)
        if not summary_dims:  # no summary series: paragraphs of the summary section
            for p in self.doc.paragraphs:
                if p.section == "summary" and p.dimension and p.dimension != fallback:
                    if p.dimension not in summary_dims:
                        summary_dims.append(p.dimension)
                    summary_text[p.dimension] = summary_text.get(p.dimension, "") + p.text
        plan_items: list[Any] = []
        frame = None
        if outline is not None:
            plans = _section_series(outline, "plan")
            if plans:
                main = plans[0]
                plan_items = [it for it in main.items if it.section == "plan"]
                style, like = main.items[0].style, main.items[0].label
                frame = main.frame if main.frame is not None and main.frame.strong else None
                if frame is not None:
                    frame = refine(frame, [it.heading for it in plan_items])
        self._block_items = plan_items
        plan_dims = [self.item_dimension(it) for it in plan_items]
        if not plan_items and outline is not None:
            plan_dims = [p.dimension for p in self.doc.paragraphs if p.section == "plan"]
        # what the plan lacks is the dimensions stage's answer (pipeline/dimensions/gaps.py), the one RL601 reads
        missing = [g.dimension for g in self.doc.plan_gaps]
        for g in self.doc.plan_gaps:
            if g.dimension not in summary_dims:  # reported outside the main summary series
                summary_dims.append(g.dimension)
                summary_text[g.dimension] = "".join(
                    self.doc.text[u.start:u.start + u.chars] for u in self.doc.dimension_units
                    if u.section == "summary" and u.dimension == g.dimension)
        ctx = PlanContext(summary_dims, summary_text, plan_items, plan_dims, frame, style, like, missing)
        ctx.draft = self.doc.text
        ctx.skipped = has_no_plan(self.doc)
        if ctx.skipped:
            ctx.missing = []
            return ctx
        if frame is not None:
            ctx.frame_source = "plan"
            ctx.series_fillers = [slot_fillers(frame, it.heading) or [] for it in plan_items]
        summ = _section_series(outline, "summary") if outline is not None else []
        heads: dict[str, list[str]] = {}
        if frame is None and summ and summ[0].frame is not None and summ[0].frame.strong \
                and summ[0].basis == "heading":
            # no plan frame: the summary's own headings give the rhythm (一是参谋辅政更加精准 -> [4]更加[2])
            items = [it for it in summ[0].items if it.section == "summary"]
            sframe = split_clauses(refine(summ[0].frame, [it.heading for it in items]), [it.heading for it in items])
            if sum(sframe.fits(it.heading) for it in items) >= 2 and len(open_slots(sframe)) <= MAX_DRAFT_SLOTS:
                ctx.frame, ctx.frame_source = sframe, "summary"
                ctx.series_fillers = [slot_fillers(sframe, it.heading) or [] for it in items]
                if not plan_items:
                    ctx.style, ctx.like = items[0].style, items[0].label
        if summ and ctx.frame is not None:
            hits: dict[int, int] = {}
            rows = 0
            for it in summ[0].items:
                own = slot_fillers(ctx.frame, it.heading)
                if own and it.section == "summary":
                    d = self.item_dimension(it)
                    heads.setdefault(d, own)
                    rows += 1
                    for j, f in enumerate(own):
                        hits[j] = hits.get(j, 0) + (self.classify(f, f).label == d)
            if ctx.frame_source == "plan":  # the plan's own items say which slots name the work
                hits, rows = {}, 0
                for it, d in zip(plan_items, plan_dims, strict=True):
                    own = slot_fillers(ctx.frame, it.heading) or []
                    rows += bool(own)
                    for j, f in enumerate(own):
                        hits[j] = hits.get(j, 0) + (self.classify(f, f).label == d)
            ctx.topical = {j for j, n in hits.items() if 2 * n >= rows}
            if not ctx.topical:
                ctx.topical = set(range(len(open_slots(ctx.frame))))
            # 围绕中心抓谋划: when a short slot names the work, the long one says how it is done
            slots = open_slots(ctx.frame)
            short = {j for j in ctx.topical if slots[j][1] <= 2 and slots[j][2] != "quality"}
            if short and len(ctx.topical) > len(short):
                ctx.topical = short
        fallback = self.taxonomy.fallback
        problems = problem_texts(self.doc, self.item_dimension, self.classify, fallback)
        ctx.problems = problems
        office = office_words(self.doc, self.classify, self.taxonomy)
        for d in ctx.missing:
            ctx.words[d] = draft_words(self.taxonomy.by_name[d], summary_text.get(d, ""), problems.get(d, ""),
                                       heads.get(d, []), office.get(d, []))
        return ctx

    # ------------------------------------------------------------ plan items
    def plan_items(self, ctx: PlanContext | None = None) -> list[Suggestion]:
        """One suggestion per summary dimension the plan does not cover, in one frame."""
        ctx = ctx or self.plan_context()
        if not ctx.missing:
            return []
        used: set[str] = set()
        if ctx.frame is not None:
            if ctx.frame_source == "plan":
                for it in ctx.plan_items:
                    used.update(slot_fillers(ctx.frame, it.heading) or [])
            frames = [ctx.frame]
        else:
            frames = _library_order([pf.frame for pf in plan_frames()], ctx.draft)
        if len(frames) > 1:
            picked = self._pick_frames(frames, ctx, used)
            ctx.alt_frames = [f.pattern for f in picked[1:]]
            frames = picked[:1]
        self._used_objects: set[str] = set()
        block = self._fill_block(frames[0], ctx, set(used))
        if ctx.frame_source == "summary" and not all(s.best or _headed(s) for s in block):
            # the summary's rhythm does not carry a plan here: offer the common plan frames instead
            ctx.frame, ctx.frame_source = None, "library"
            return self.plan_items(ctx)
        return block

    def _pick_frames(self, frames: list[Frame], ctx: PlanContext, used: set[str]) -> list[Frame]:
        """Up to three library frames the template fill completes for every dimension, the first to use.

        Only a draft without a series of its own gets library frames; --creative
        takes a seeded pick among them (each passes the same checks).

        Fluency scores are not compared across frames: long fixed words are easy
        to predict and would always win, whatever the slots say.
        """
        saved = self._quick
        self._quick = True
        self._used_objects = set()
        fitting_frames = []
        try:
            for frame in frames:
                block = self._fill_block(frame, ctx, set(used))
                if all(s.best or _headed(s) for s in block):
                    fitting_frames.append(frame)
                    if len(fitting_frames) >= 3:
                        break
        finally:
            self._quick = saved
        if len(fitting_frames) < 3:  # offer frames that complete most of the block too
            rest = [f for f in frames if f not in fitting_frames]
            fitting_frames += rest[:3 - len(fitting_frames)]
        if self.creative:
            import random

            first = random.Random(self.seed).choice(fitting_frames)
            return [first] + [f for f in fitting_frames if f is not first]
        return fitting_frames

    def _fill_block(self, frame: Frame, ctx: PlanContext, used: set[str]) -> list[Suggestion]:
        out: list[Suggestion] = []
        order = self._positions(ctx)
        total = len(block_order(ctx))
        for dim in ctx.missing:
            pos = order[dim]
            label = block_label(ctx, pos + 1, total)
            sug = Suggestion("plan_item", dim, frame.pattern, label, self.method, position=pos)
            sug.candidates = self._plan_candidates(frame, dim, ctx, label, used)
            if sug.best:
                used.update(sug.best.fillers)
                from pipeline.generate.remedies import object_of

                self._used_objects.update(object_of(m) for m in sug.best.measure.split("，") if m)
            out.append(sug)
        return out

    def _positions(self, ctx: PlanContext) -> dict[str, int]:
        """Place of each missing dimension in the proposed block."""
        return {name: i for i, (kind, name) in enumerate(block_order(ctx)) if kind == "new"}

    def _plan_candidates(self, frame: Frame, dim: str, ctx: PlanContext, label: str,
                         used: set[str], last_resort: bool = False) -> list[Candidate]:
        """Headings in the frame from the draft's own words for ``dim``, each with a measure sentence.

        A slot that names the work takes the draft's own name for it (the summary heading's filler,
        the stock sub-topics the draft uses, the canonical name); a slot that says how the work is done
        takes the summary heading's own approach or, failing that, the taxonomy's approaches for the
        dimension; a quality slot what the problems ask for first. Key phrases of the text (办理时长,
        业务竞赛) never fill a heading: they are objects, not names of the work.
        """
        dimension = self.taxonomy.by_name[dim]
        words = ctx.words.get(dim) or DraftWords()
        own = words.heading
        avoid = "".join(it.heading for it in self._block_items)
        library = ctx.frame is None
        roles = library_roles(frame.pattern) if library else None
        works = self._work_names(dimension, words, ctx.draft, own, last_resort,
                                 re.split(r"[。；]", ctx.summary_text.get(dim, ""), maxsplit=1)[0])
        approaches = self._approaches(dimension, [] if library else own, ctx.draft)
        avoid += "".join(used)
        pools = []
        for j, (lo, hi, role) in enumerate(open_slots(frame)):
            series = [row[j] for row in ctx.series_fillers if j < len(row)]
            mine = own[j] if j < len(own) else None
            kind = roles[j] if roles and j < len(roles) else \
                ("quality" if role == "quality" else "work" if j in ctx.topical else "approach")
            pool: list[Phrase] = []
            if kind == "quality" or (hi <= 2 and not library):
                if role == "quality":
                    # what the problems ask for first, the summary item's own quality last (the plan moves on)
                    pool += [Phrase(q, "problem") for q in words.wanted if lo <= len(q) <= hi]
                    if mine and not library and lo <= len(mine) <= hi:
                        pool.append(Phrase(mine, "heading"))  # the summary's own aim, with other words
                    pool += [Phrase(q, "quality") for q in QUALITIES if lo <= len(q) <= hi and q != mine]
                    if library:
                        pool = [p for p in pool if p.text not in avoid]
                elif mine and lo <= len(mine) <= hi:
                    pool.append(Phrase(mine, "heading"))
                # another item's short word belongs to that item's work (抓督办 is not 参谋辅政's)
                pool += [Phrase(f, "series") for f in series if f != mine and lo <= len(f) <= hi
                         and (role == "quality" or not self._elsewhere(f, dim))]
                if role != "quality" and literal_before(frame, j).endswith("新"):
                    pool += [Phrase(w, "quality") for w in NEW_THINGS if lo <= len(w) <= hi and w not in series]
                if role == "quality" and mine:
                    pool.append(Phrase(mine, "heading"))
            elif hi > LONG_SLOT:
                pool = composed(works, lo, hi, avoid)
            elif kind == "approach":
                pool = fitting(approaches, lo, hi)
            else:
                pool = fitting(works, lo, hi)
            seen: set[str] = set()
            pools.append([p for p in pool if not (p.text in seen or seen.add(p.text))][:POOL + 2])
        cands = self._rank(frame, pools, dim, used, label, draft=ctx.draft, names=_names(dimension))
        if not any(c.ok for c in cands) and not last_resort:
            return self._plan_candidates(frame, dim, ctx, label, used, last_resort=True)
        # the draft's own name for the area (安保维稳 in its summary heading) over the taxonomy's (信访维稳)
        for c in cands:
            if item_checks.passes_over_own_name(c.fillers, [f for f in own if _work_like(f)], dimension):
                c.score -= OWN_NAME
        self._add_measures(cands, dim, ctx)
        return cands

    def _elsewhere(self, word: str, dim: str) -> bool:
        """Does the word, alone, surely name another dimension's work (督办 for 参谋辅政)?"""
        pred = self.classify(word, word)
        return pred.label not in (dim, self.taxonomy.fallback) and pred.confidence >= 0.5

    def _work_names(self, dim: Dimension, words: DraftWords, draft: str, own: list[str],
                    last_resort: bool, heading: str = "") -> list[Phrase]:
        """The draft's names for the work of ``dim``: its summary heading's, the sub-topics it uses, the
        canonical name; with ``last_resort`` the other sub-topics too."""
        out: list[Phrase] = []
        for f in own:
            if 2 <= len(f) <= LONG_SLOT and self.classify(f, f).label == dim.name and _work_like(f):
                out.append(Phrase(f, "heading"))
        # a draft that never says the area's name has its own (a hospital's 投诉处理 for 信访维稳): the
        # summary heading's name for the work, two words long (投诉处理有温度 -> 投诉处理)
        if not any(len(w) == 2 and w in draft for w in item_checks.area_words(dim)):
            out += [Phrase(w, "heading") for w in _two_word_names(heading)
                    if _work_like(w) and w not in (dim.name, dim.short4) and self.classify(w, w).label == dim.name]
        # the draft's own name for a work of the area (公文运转, 文稿起草), not the area's label
        for w in words.summary + words.problem:
            if len(w) == 4 and _work_like(w) and w not in (dim.name, dim.short4) and w[:2] not in PLACES \
                    and self.classify(w, w).label == dim.name:
                out.append(Phrase(w, "summary"))
        for s in mentioned_subtopics(dim, draft):
            if len(s) >= 4 and _work_like(s):
                out.append(Phrase(s, "draft"))
        for c in dim.cues:
            if len(c) == 4 and c in draft and _work_like(c):
                out.append(Phrase(c, "draft"))
        for w in words.problem:
            if len(w) == 4 and _work_like(w) and self.classify(w, w).label == dim.name:
                out.append(Phrase(w, "problem"))
        out.append(Phrase(dim.short4, "name"))
        if dim.name != dim.short4:
            out.append(Phrase(dim.name, "name"))
        if last_resort:
            out += [Phrase(s, "subtopic") for s in dim.subtopics]
        seen: set[str] = set()
        return [p for p in out if not (p.text in seen or seen.add(p.text))]

    def _approaches(self, dim: Dimension, own: list[str], draft: str) -> list[Phrase]:
        """How the work is done: the summary heading's own approach phrase, then the taxonomy's
        approaches for the dimension, those the draft itself uses first."""
        out: list[Phrase] = []
        names = _names(dim)
        for f in own:
            if len(f) == 4 and f not in names and not _work_like(f):
                out.append(Phrase(f, "heading"))
        stock = sorted(dim.approaches, key=lambda a: a not in draft)
        out += [Phrase(a, "office" if a in draft else "generic") for a in stock]
        seen: set[str] = set()
        return [p for p in out if not (p.text in seen or seen.add(p.text))]

    def _on_topic(self, phrases: list[Phrase], dim: str) -> list[Phrase]:
        """The draft's words only where the classifier reads them alone as ``dim`` (not 政治任务 for 信访维稳)."""
        return [p for p in phrases if p.source not in ("draft", "lm") or self.classify(p.text, p.text).label == dim]

    def _pool(self, phrases: list[Phrase], lo: int, hi: int, role: str, avoid: str = "") -> list[Phrase]:
        if role == "quality":
            return [Phrase(q, "quality") for q in QUALITIES if lo <= len(q) <= hi and q not in avoid][:POOL * 2]
        if hi > LONG_SLOT:
            return composed(phrases, lo, hi, avoid)
        return fitting(phrases, lo, hi)[:POOL]

    def _add_lm_fillers(self, frame: Frame, pools: list[list[Phrase]], label: str,
                        seed_fill: list[str] | None = None) -> list[list[Phrase]]:
        """Constrained decoding: the model's own fillers of the right length for each slot."""
        if self.lm is None or self._quick:
            return pools
        slots = open_slots(frame)
        base = seed_fill or [p[0].text if p else "" for p in pools]
        topic = {p.text[i:i + 2] for pool in pools for p in pool for i in range(len(p.text) - 1)}
        out = []
        for j, (pool, (lo, hi, role)) in enumerate(zip(pools, slots, strict=True)):
            # the first slot names the work (the canonical name and the draft's words do that best);
            # the model proposes what the later slots aim at
            if role == "quality" or not all(base[:j]) or (j == 0 and len(slots) > 1):
                out.append(pool)
                continue
            prefix, follow = _around(frame, base, j)
            have = {p.text for p in pool}
            extra = []
            for n in sorted({lo, hi}):
                for text, _sc in self.lm.fill_slot(label + prefix, n, follow, k=3, sample=self.creative,
                                                   seed=self.seed + j):
                    if text not in have and _wordlike(text) and _relevant(text, topic) and text[:2] not in PLACES \
                            and (self._dim is None or self.classify(text, text).label == self._dim):
                        have.add(text)
                        extra.append(Phrase(text, "lm"))
            out.append(pool + extra)
        return out

    def _rank(self, frame: Frame, pools: list[list[Phrase]], dim: str, used: set[str], label: str,
              original: str | None = None, body: str = "", draft: str = "",
              names: frozenset[str] | None = None) -> list[Candidate]:
        if not pools or any(not p for p in pools):
            return []
        limit = QUICK_COMBOS if self._quick else MAX_COMBOS
        combos = []
        for combo in _spread(pools):
            texts = [p.text for p in combo]
            if _clash(texts):
                continue
            combos.append(combo)
            if len(combos) >= limit:
                break
        slots = open_slots(frame)
        cands: list[Candidate] = []
        for combo in combos:
            fillers = [p.text for p in combo]
            text = render(frame, fillers)
            pred = self.classify(body + text if body else text, text)
            checks = {
                "fits": frame.fits(text),
                "lengths": all(lo <= len(f) <= hi for f, (lo, hi, _r) in zip(fillers, slots, strict=True)),
                "unique": not any(f in used for f in fillers if f not in _own(original, frame)),
                "dimension": pred.label == dim,
            }
            if draft:  # a plan item: the draft's words, not its sentences; no slot saying the dimension twice
                checks["no_copy"] = copied_run(text, draft) < COPY_RUN and text not in draft
                checks["no_tautology"] = sum(f in (names or ()) for f in fillers) <= 1
                # no word said twice (坚持高效运转…更加高效), a predicate the corpora pair with the subject
                pair = item_checks.heading_predicate(frame, fillers)
                subject, quality = pair if pair else (None, None)
                checks["no_repeat"] = item_checks.repeats(text, fillers, "", quality, subject) is None
                checks["predicate"] = pair is None or item_checks.predicate_fits(*pair)
                # 坚持高效运转, 聚焦严管厚爱: the verb before a slot must take its approach
                checks["approach_verb"] = all(item_checks.approach_verb_fits(literal_before(frame, j)[-2:], f)
                                              for j, f in enumerate(fillers))
            prob = pred.probs.get(dim, pred.confidence if pred.label == dim else 0.0)
            score = 0.5 * max(math.log(max(prob, 1e-6)), -5.0)
            score += sum(SOURCE_BONUS.get(p.source, 0.0) for p in combo) / len(combo)
            if not original and combo[0].source == "name" and combo[0].text == fillers[0] and not draft:
                score += NAME_FIRST  # a plan item opens with the work it is about: 抓好信访维稳，在矛盾排查上…
            if draft and dim in self.taxonomy.by_name and item_checks.area_only(
                    fillers, item_checks.quality_slots(frame), self.taxonomy.by_name[dim]):
                score -= AREA_ONLY  # 综合协调更加高效 only says the area: the draft's own work name reads better
            if draft and dim in self.taxonomy.by_name and item_checks.unsaid(
                    fillers, item_checks.quality_slots(frame), self.taxonomy.by_name[dim], draft):
                score -= UNSAID  # 在信访维稳上 for an office that only speaks of 诉求办理
            if original:
                # keep the meaning and change the fewest characters
                score += _overlap(text, original) + 2.0 * _retention(text, original)
                score -= EDIT_WEIGHT * _edit_distance(text, original)
            cands.append(Candidate(text, fillers, [p.source for p in combo], pred.label, float(prob), checks,
                                   score=score))
            # a plan heading still needs a measure that fits it: keep a few more to choose from
            enough = TEMPLATE_ENOUGH * (3 if draft and not self._quick else 1)
            if (self.lm is None or self._quick) and sum(c.ok for c in cands) >= enough:
                break  # the template fill keeps the first few that pass: same answer, less work
        if self.lm is not None and cands and not self._quick:
            lms = self.lm.score([c.text for c in cands], context=label)
            for c, s in zip(cands, lms, strict=True):
                c.lm = s
                c.score += s
        else:
            # template order: earlier pool entries first, so the fill is the same every run
            for idx, c in enumerate(cands):
                c.score -= 0.001 * idx
        if self.creative:
            # --creative: sample the order among the candidates that pass (Gumbel noise on the score)
            import random

            rng = random.Random(f"{self.seed}:{label}:{dim}")
            noisy = {id(c): c.score - CREATIVE_T * math.log(-math.log(rng.random() or 1e-12)) for c in cands}
            cands.sort(key=lambda c: (not c.ok, -noisy[id(c)]))
        else:
            cands.sort(key=lambda c: (not c.ok, -c.score))
        return cands[:12]

    def _add_measures(self, cands: list[Candidate], dim: str, ctx: PlanContext) -> None:
        """A measure sentence under every heading that passed: the draft's shortcomings turned into
        remedies and its practices carried on (``remedies``), each clause read by the classifier as
        the heading's dimension or none, naming something of the draft beyond the area's name
        (never 健全综合协调工作机制), not repeating the heading, and speaking of the heading's own
        sub-topic when it names one. A heading without such a measure does not pass; two clauses
        (a remedy and a practice) rank above one."""
        from pipeline.generate.remedies import (
            approach_clauses,
            measure_clauses,
            measure_sentence,
            object_of,
            standing_clauses,
            topic_clauses,
        )

        dimension = self.taxonomy.by_name[dim]
        problems = ctx.problems.get(dim, "")
        summary = ctx.summary_text.get(dim, "") or self._dim_text(dim)  # no summary item: its sentences
        for c in cands:
            if not c.ok:
                continue
            clauses = [cl for cl in measure_clauses(problems, summary, ctx.draft, self._used_objects, c.text)
                       if self._clause_fits(cl, dim, problems) and not item_checks.generic(cl, dimension)
                       and not item_checks.introduces_done(cl, ctx.draft)
                       and item_checks.repeats(c.text, c.fillers, cl) is None]
            remedies = [cl for cl in clauses if problems and object_of(cl) in problems]
            practices = [cl for cl in clauses if cl not in remedies]
            # research goes on with the topics the summary names (聚焦学科建设开展前瞻性研究), before the
            # stock 常态化开展专题调研
            topics = [cl for cl in topic_clauses(summary, ctx.draft, self._used_objects, c.text)
                      if self._clause_fits(cl, dim, problems) and cl not in practices]
            practices[:0] = topics
            mixed = [cl for pair in itertools.zip_longest(remedies, practices) for cl in pair if cl]
            # the heading's approach made concrete on the draft's own object (闭环管理 -> 对重点任务实行
            # 清单化管理、销号式推进): a second clause where the draft's own practices give one
            # (the heading's approach first, then the area's others)
            own = [f for f in c.fillers if f in dimension.approaches]
            for a in own + [a for a in dimension.approaches if a not in own]:
                for cl in approach_clauses(a, problems + summary, ctx.draft, self._used_objects):
                    if cl not in mixed and self._clause_fits(cl, dim, problems) \
                            and not item_checks.generic(cl, dimension) \
                            and item_checks.repeats(c.text, c.fillers, cl) is None:
                        mixed.append(cl)
            # then the area's standing practices the draft gives an anchor for, so a heading is not left
            # with one thin clause (完善督办台账 -> 完善督办台账，对进度滞后事项及时预警、限期整改); never the
            # whole measure (a draft that reports nothing concrete gets no item, not a stock one)
            stock = [cl for cl in standing_clauses(dim, problems + summary, ctx.draft, self._used_objects)
                     if cl not in mixed and self._clause_fits(cl, dim, problems)
                     and item_checks.repeats(c.text, c.fillers, cl) is None] if mixed else []
            # the draft's clauses on the heading's own sub-topic first (理论学习 -> 常态化开展集中学习; the
            # summary's research topics count as its own), the stock ones after the draft's, and a remedy that
            # only turns the problem round (提高后勤保障精细化程度, 增强督办问效刚性约束) after everything else:
            # raters send those back
            mixed.sort(key=lambda cl: not (cl in topics or item_checks.related(c.fillers, cl, dimension)))
            mixed += stock
            mixed.sort(key=lambda cl: item_checks.restates_problem(cl, problems))
            c.measure = measure_sentence(mixed) or self._fallback_measure(c, dim, ctx)
            c.checks["measure"] = bool(c.measure)
            if c.measure:
                c.checks["no_repeat"] = item_checks.repeats(c.text, c.fillers, c.measure) is None
                # a heading sub-topic the measure never speaks of ranks last, but is not dropped:
                # the proxy (shared characters) misses related words (矛盾排查 / 领导接访)
                c.score -= OFF_TOPIC * item_checks.off_topic(c.fillers, c.measure, dimension)
                c.score += TWO_CLAUSES * (c.measure.count("，") >= 1)
                c.score += RELATED * item_checks.related(c.fillers, c.measure, dimension)
                # 勤俭节约 … 常态化开展行政查房: the approach speaks of things the measure does not
                mismatch = item_checks.approach_mismatch(c.fillers, c.measure, dimension)
                c.score -= APPROACH_MISMATCH * mismatch
                # one clause the heading's approach is not about (勤俭节约 … 常态化开展履职培训): nothing of the
                # heading holds; no item rather than one every rater sends back
                c.checks["measure_fits"] = not (mismatch and "，" not in c.measure)
                # 信息调研 over a measure about research only: the heading promises 信息 too
                c.score -= HALF_SAID * (item_checks.half_said(c.fillers, c.measure, dimension) is not None)
                # 坚持统筹兼顾 … 统筹安排公务活动: the heading's own word said again
                c.score -= ECHO * (item_checks.echo(c.text, c.fillers, c.measure, dimension) is not None)
        cands.sort(key=(lambda c: not c.ok) if self.creative else (lambda c: (not c.ok, -c.score)))

    def _fallback_measure(self, c: Candidate, dim: str, ctx: PlanContext) -> str:
        """When no remedy or practice fits: the draft's own name for the work in a standing-mechanism
        clause (健全诉求办理工作机制). Never the area's own name (健全综合协调工作机制 says nothing), nor a
        verb guessed for a bare key phrase (推动枢纽运转): then there is no measure and the heading does
        not pass."""
        dimension = self.taxonomy.by_name[dim]
        works = [f for f in c.fillers if len(f) == 4 and _work_like(f) and f in ctx.draft
                 and self.classify(f, f).label == dim]
        for work in works:
            clause = f"健全{work}工作机制"
            if not item_checks.generic(clause, dimension) and item_checks.repeats(c.text, c.fillers, clause) is None:
                return clause
        return ""

    def _dim_text(self, dim: str, have: str = "") -> str:
        """The summary's sentences outside ``have`` that the classifier surely reads as ``dim``."""
        out = []
        for p in self.doc.paragraphs:
            if p.section not in ("summary", "opening"):
                continue
            for sent in re.split(r"(?<=[。；])", p.text):
                if len(sent) < 8 or sent in have:
                    continue
                pred = self.classify(sent, "")
                if pred.label == dim and pred.confidence >= item_checks.SURE_ELSEWHERE:
                    out.append(sent)
        return "".join(out)

    def _clause_fits(self, clause: str, dim: str, problems: str) -> bool:
        """A clause from the dimension's own text that does not read as another dimension (丰富督办手段
        under 综合协调); one that reads as none (优化人员结构) stays, and so does one the classifier is
        unsure of (a few words alone: 精简会议文件 from the dimension's own summary item)."""
        pred = self.classify(clause, clause)
        return pred.label in (dim, self.taxonomy.fallback) or pred.confidence < item_checks.SURE_ELSEWHERE

    # -------------------------------------------------------------- rewrites
    def rewrites(self) -> list[Suggestion]:
        """1-3 rewrites of every item that breaks its series' frame."""
        out: list[Suggestion] = []
        if self.doc.outline is None:
            return out
        for s in self.doc.outline.series:
            if s.deviation is None:
                continue
            sug = self.rewrite(s, s.items[s.deviation.index], s.deviation.frame)
            if sug is not None:
                out.append(sug)
        return out

    def rewrite(self, series, item, frame: Frame) -> Suggestion | None:
        dim = self.item_dimension(item)
        dimension = self.taxonomy.by_name.get(dim)
        # the frame may describe first clauses only: rewrite that clause and keep the rest of the heading
        heading = series.frame_text(item) if hasattr(series, "frame_text") else item.heading
        body = item.text(self.doc)
        body = body[len(item.heading):] if body.startswith(item.heading) else body
        others = [o for o in series.items if o is not item and o.section == item.section]
        texts = [series.frame_text(o) if hasattr(series, "frame_text") else o.heading for o in others]
        frame = refine(frame, texts)
        used: set[str] = set()
        for t in texts:
            used.update(slot_fillers(frame, t) or [])
        avoid = "".join(texts)
        own = slot_fillers(frame, heading)
        fixed = _literal_fix(frame, heading)
        if fixed is not None:
            own = slot_fillers(frame, fixed)  # 再发力 -> 再加力: the fixed words mended, the slots kept
        pools: list[list[Phrase]] = []
        pieces = _compressions(heading)
        phrases = dimension_phrases(dimension, body) if dimension else [Phrase(w, "draft") for w in key_phrases(body)]
        for j, (lo, hi, role) in enumerate(open_slots(frame)):
            pool: list[Phrase] = []
            mine = own[j] if own is not None else None
            if mine is not None and lo <= len(mine) <= hi:
                pool.append(Phrase(mine, "original"))
            elif mine:
                pool += [Phrase(p, src) for p, src in _compressions(mine) if lo <= len(p) <= hi]
            if own is None and role != "quality":
                whole = [(heading, "original")] if hi <= LONG_SLOT else []
                pool += [Phrase(p, src) for p, src in whole + pieces if lo <= len(p) <= hi]
            if role == "quality":
                pool += [Phrase(q, "quality") for q in QUALITIES if lo <= len(q) <= hi and q not in avoid]
            elif hi > LONG_SLOT:
                own_words = [Phrase(p, "original") for p, _src in pieces] + [Phrase(heading, "original")]
                pool += composed(own_words + phrases, lo, hi, avoid)
            else:
                pool += fitting(phrases, lo, hi)
            seen: set[str] = set()
            lits = [lit for lit in frame.literals if len(lit.strip("，、：")) >= 2]
            # a filler holding the frame's own fixed words would say them twice (聚焦聚焦精细)
            pools.append([p for p in pool if not any(lit.strip("，、：") in p.text for lit in lits)
                          and not (p.text in seen or seen.add(p.text))][:POOL + 2])
        label = item.label
        if self.lm is not None:
            pools = self._add_lm_fillers(frame, pools, label)
        cands = self._rank(frame, pools, dim, used, label, original=heading, body=body)
        return Suggestion("rewrite", dim, frame.pattern, label, self.method, cands[:12], original=heading,
                          start=item.heading_start, end=item.heading_start + len(heading))


# ------------------------------------------------------------------ helpers
def _headed(sug: Suggestion) -> bool:
    """A heading passed every heading check but the draft offers no measure for it: the frame is not at fault."""
    measure = ("measure", "measure_fits")
    return any(any(c.checks.get(k) is False for k in measure)
               and all(v for k, v in c.checks.items() if k not in measure) for c in sug.candidates)


def _around(frame: Frame, fillers: list[str], j: int) -> tuple[str, str]:
    """Text of the frame before slot ``j`` (earlier slots filled) and the fixed words right after it."""
    prefix: list[str] = []
    k = 0
    for i, (_lo, hi) in enumerate(frame.slots):
        if hi > 0:
            if k == j:
                follow = frame.literals[i] if i < len(frame.literals) else ""
                return "".join(prefix), follow
            prefix.append(fillers[k])
            k += 1
        if i < len(frame.literals):
            prefix.append(frame.literals[i])
    return "".join(prefix), ""


def block_label(ctx: PlanContext, n: int, total: int) -> str:
    """Label of the n-th plan line in the draft's style; 首先…其次…再次…最后 runs as a sequence."""
    if ctx.style == "shouxian":
        tail = ctx.like[2:] if ctx.like[:2] in ("首先", "其次", "再次", "最后") else "，"
        if n == 1:
            word = "首先"
        elif n == total and total >= 3:
            word = "最后"
        elif n in (2, 3):
            word = "其次" if n == 2 else "再次"
        else:
            return make_label("diyi", n, "第一，")
        return word + tail
    return make_label(ctx.style, n, ctx.like)


def _names(dim: Dimension) -> frozenset[str]:
    """Words that only name the dimension (督查落实, 督促检查): one of them per heading at most."""
    return frozenset({dim.name, dim.short4, *dim.cues})


def block_order(ctx: PlanContext) -> list[tuple[str, Any]]:
    """The proposed plan: existing items in their own order ("old", index), each missing dimension
    ("new", name) placed before the first existing item that comes later in the summary's order."""
    rank = {d: i for i, d in enumerate(ctx.summary_dims)}
    rows: list[tuple[str, Any]] = [("old", i) for i in range(len(ctx.plan_items))]
    for d in ctx.missing:
        at = len(rows)
        for k, (kind, val) in enumerate(rows):
            other = ctx.plan_dims[val] if kind == "old" else val
            if other in rank and rank[other] > rank[d]:
                at = k
                break
        rows.insert(at, ("new", d))
    return rows


def _section_series(outline, section: str) -> list:
    """Series of a section with two or more items there, the longest first (一、…三、下步工作打算 is not one)."""
    found = [s for s in outline.series if sum(it.section == section for it in s.items) >= 2]
    found.sort(key=lambda s: (-sum(it.section == section for it in s.items), s.items[0].start))
    return found


def composed(phrases: list[Phrase], lo: int, hi: int, avoid: str = "") -> list[Phrase]:
    """Fillers for a long slot, piece by piece: work + aspect + result (综合协调 质效 明显提高), or
    work + a result a work's name takes by itself (综合协调 更加顺畅).

    Aspects and results the other items already use are skipped, so the block does not repeat itself.
    """
    works = [p for p in phrases if len(p.text) == 4][:3]
    aspects = [a for a in ASPECTS if a not in avoid][:3]
    results = [r for r in RESULTS if r not in avoid][:4]
    bare = [r for r in WORK_RESULTS if r not in avoid]
    out: list[Phrase] = []
    for w in works:
        # 运转更加顺畅, not 安保维稳更加顺畅: the corpora pair the work with the quality, or it is a broad one
        fit = [r for r in bare if not r.startswith("更加") or item_checks.predicate_fits(w.text, r[2:])]
        for tail in [a + r for a in aspects for r in results] + fit:
            text = w.text + tail
            if lo <= len(text) <= hi:
                out.append(Phrase(text, w.source))
    return out[:POOL * 2]


def _library_order(frames: list[Frame], draft: str) -> list[Frame]:
    """Library frames whose fixed words the draft itself uses (聚焦, 突出, 坚持) first; the list order breaks ties."""
    def uses(frame: Frame) -> int:
        words = [lit.strip("，") for lit in frame.literals]
        return sum(draft.count(w[:2]) for w in words if len(w) >= 2)

    return sorted(frames, key=lambda f: -min(uses(f), 3))


def _spread(pools: list[list[Phrase]], cap: int = 4000) -> list[tuple[Phrase, ...]]:
    """Combinations of one filler per slot, the best-placed first across all slots (not the first
    slot's best with everything else): the sum of positions orders them, ties in product order."""
    ranked = []
    for n, idx in enumerate(itertools.product(*[range(len(p)) for p in pools])):
        if n >= cap:
            break
        ranked.append((sum(idx), n, idx))
    ranked.sort()
    return [tuple(pool[i] for pool, i in zip(pools, idx, strict=True)) for _s, _n, idx in ranked]


# Words that end the name of a work (参谋辅政, 督查督办, 矛盾化解), not of a thing worked on (矛盾纠纷).
WORK_ENDS = ("辅政", "参谋", "调研", "研究", "督办", "督查", "落实", "问效", "协调", "运转", "调度", "联动", "保障",
             "服务", "维稳", "化解", "办理", "处理", "建设", "管理", "接待", "研判", "预警", "信访", "稳控", "检查",
             "起草", "决策", "培训", "练兵", "处置", "安保", "考核", "督导", "统筹", "把关", "值守", "党建", "审核",
             "协作", "保密", "收发", "排查", "学习", "培养", "问责")


def _two_word_names(text: str) -> list[str]:
    """Four-character runs of two dictionary words of two characters each (投诉处理 in 投诉处理有温度)."""
    from pipeline.segment import dict_pos_tag

    toks = [t.text for t in dict_pos_tag(text)]
    return [a + b for a, b in zip(toks, toks[1:], strict=False)
            if len(a) == 2 and len(b) == 2 and re.fullmatch(r"[\u4e00-\u9fff]{4}", a + b)]


def _work_like(text: str) -> bool:
    """Does the phrase name a work (督查督办, 诉求办理) rather than a thing or a manner (矛盾纠纷, 严管厚爱)?"""
    return text.endswith(WORK_ENDS)


# A decoded filler opening with a place (中国建设, 全省工作) names no work of the office.
PLACES = frozenset("中国 全国 全省 全市 全县 全区 国家 世界 我国 我省 我市 我县 社会".split())


def _wordlike(text: str) -> bool:
    """A decoded filler made of whole words ending in a noun (矛盾纠纷), not 级政策的 or 充分发挥."""
    import jieba.posseg

    words = jieba.posseg.lcut(text)
    return (all(len(w.word) >= 2 and w.word not in STOP for w in words)
            and all(w.flag in NOUNISH for w in words) and not topical_start(text) and text[-2:] not in WHO)


def _relevant(text: str, topic: set[str]) -> bool:
    """A decoded filler shares a two-character word with the dimension's own phrases (not 社会主义)."""
    return any(text[i:i + 2] in topic for i in range(len(text) - 1))


def _clash(fillers: list[str]) -> bool:
    """Two fillers of one item that repeat each other (督查落实 / 跟踪督查 share 督查; 调查研究 / 信息调研)."""
    for a, b in itertools.combinations(fillers, 2):
        if a == b or any(a[i:i + 2] in b for i in range(len(a) - 1)):
            return True
        # 调查研究 and 信息调研: a four-character phrase and its two-character short form
        if (len(a) == 4 and a[0] + a[2] in b) or (len(b) == 4 and b[0] + b[2] in a):
            return True
    return False


def _literal_fix(frame: Frame, heading: str) -> str | None:
    """The heading with each fixed word it misses by one character put right (在矛盾化解上再发力 -> …再加力)."""
    if frame.fits(heading):
        return None
    text = heading
    for lit in frame.literals:
        if len(lit) < 2 or lit in text:
            continue
        n = len(lit)
        for i in range(len(text) - n + 1):
            piece = text[i:i + n]
            if sum(a != b for a, b in zip(piece, lit, strict=True)) == 1:
                text = text[:i] + lit + text[i + n:]
                break
    return text if text != heading and frame.fits(text) else None


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        cur = [i]
        for j, cb in enumerate(b, start=1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _own(original: str | None, frame: Frame) -> list[str]:
    if not original:
        return []
    return slot_fillers(frame, original) or []


def _overlap(text: str, original: str) -> float:
    """Share of ``text``'s characters that the original heading has: a cheap proxy for kept meaning."""
    if not text:
        return 0.0
    pool = set(original)
    return sum(ch in pool for ch in text) / len(text)


def _retention(text: str, original: str) -> float:
    """Share of the original heading's content words the rewrite keeps (行业稳定更扎实 keeps 行业, 稳定, 扎实)."""
    import jieba

    words = [w for w in jieba.lcut(original) if len(w) >= 2 and w not in STOP]
    if not words:
        return 0.0
    return sum(w in text for w in words) / len(words)


UNBOUND_EDGE = ("p", "c", "u")  # preposition, conjunction, particle: never the edge of a phrase
COMPARATIVE = {"比", "较", "与", "同"}
DANGLING_END = {"有", "是", "了", "的", "得", "地"}


def _compressions(text: str) -> list[tuple[str, str]]:
    """Contiguous word spans of ``text`` (行业稳定工作 -> 行业稳定, 稳定工作, 行业, …), longest first."""
    import jieba

    from pipeline.segment import word_tag

    words = [w for w in jieba.lcut(text) if w.strip()]
    tags = [word_tag(w) or "" for w in words]
    out: list[str] = []
    generic: list[str] = []
    for i in range(len(words)):
        if tags[i].startswith(UNBOUND_EDGE) or words[i] in COMPARATIVE:
            continue  # 比往年有…: a span may not open on a preposition, conjunction or particle
        for j in range(i + 1, len(words) + 1):
            span = "".join(words[i:j])
            if span == text or span in out or span in generic:
                continue
            if tags[j - 1].startswith(UNBOUND_EDGE) or words[j - 1] in DANGLING_END:
                continue  # …往年有, …改进和: nor close on one, or on a bare 有/是
            # 稳定工作 keeps less of 行业稳定工作 than 行业稳定: spans edged by a generic word go last
            (generic if words[i] in STOP or words[j - 1] in STOP else out).append(span)
    out.sort(key=len, reverse=True)
    generic.sort(key=len, reverse=True)
    return [(p, "original") for p in out] + [(p, "generic") for p in generic]


def dimension_of(taxonomy: Taxonomy, name: str) -> Dimension | None:
    return taxonomy.by_name.get(name)
