"""What the plan lacks: dimensions the summary reports and no plan unit answers.

One definition serves both readers: RL601 warns about the gaps the summary reports surely
(``Gap.sure``), and the plan-item generator proposes an item for every gap. The dimensions
stage computes the gaps once, with the model it has loaded, so neither rules nor generator
run the classifier again.

A plan unit answers a dimension when it is tagged with it or gives it some probability
(``ANSWERED``), or when one of its sentences names the dimension or a sub-topic of it and
reads as it: a plan item often covers two dimensions (抓好服务保障和队伍建设) and its one
label hides the second. Without a plan part every reported dimension is a gap.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.dimensions.classify import DimUnit
    from pipeline.dimensions.model import Prediction
    from pipeline.dimensions.taxonomy import Taxonomy
    from pipeline.document import Document

    Read = Callable[[str], Prediction]  # the dimensions stage's classifier, mapped onto the taxonomy

SURE = 0.6  # a summary unit this confident reports its dimension
ANSWERED = 0.25  # a plan unit giving the dimension this much probability answers it
NAMED = 0.5  # a plan sentence naming the dimension answers it when it reads as it this much
# A summary unit that opens by naming a shortfall is a problem statement the outline left in
# the summary part (工作中的差距 …), not work reported.
SHORTFALL = re.compile(r"不够|不足|有待|还需|欠缺|不强|不高|薄弱|差距|滞后|偏少|不到位|不充分|不健全|不完善|不规范|"
                       r"不及时")
SENTENCE_END = re.compile(r"(?<=[。；！？])")


@dataclass(frozen=True)
class Gap:
    """A dimension the summary reports and the plan does not answer."""

    dimension: str
    unit: DimUnit  # the summary unit that reports it (the first sure one, else the first)
    sure: bool  # reported by a confident unit that is no shortfall: worth a warning


def _reports_surely(doc: Document, u: DimUnit) -> bool:
    return u.confidence >= SURE and not SHORTFALL.search(doc.text[u.start:u.head_end])


def reported(doc: Document, taxonomy: Taxonomy, units: list[DimUnit]) -> dict[str, tuple[DimUnit, bool]]:
    """{dimension: (unit, sure)} for each work dimension of the summary units, in text order."""
    out: dict[str, tuple[DimUnit, bool]] = {}
    work = set(taxonomy.work_names)
    for u in units:
        if u.section != "summary" or u.dimension not in work:
            continue
        sure = _reports_surely(doc, u)
        if u.dimension not in out or (sure and not out[u.dimension][1]):
            out[u.dimension] = (u, sure)
    return out


def _named_in_plan(doc: Document, taxonomy: Taxonomy, read: Read, name: str, plan: list[DimUnit]) -> bool:
    """A plan sentence that names the dimension or one of its sub-topics and reads as it."""
    dim = taxonomy.by_name.get(name)
    terms = [t for t in (name, taxonomy.short4(name), *(dim.subtopics if dim else ())) if len(t) >= 2]
    for u in plan:
        for sentence in SENTENCE_END.split(doc.text[u.start:u.start + u.chars]):
            if any(t in sentence for t in terms):
                if read(sentence).probs.get(name, 0.0) >= NAMED:
                    return True
    return False


def plan_gaps(doc: Document, taxonomy: Taxonomy, units: list[DimUnit], read: Read) -> list[Gap]:
    """The gaps of one document, in the order the summary reports them; ``read`` classifies a sentence."""
    plan = [u for u in units if u.section == "plan"]
    gaps = []
    for name, (unit, sure) in reported(doc, taxonomy, units).items():
        if any(p.dimension == name or p.prob(name) >= ANSWERED for p in plan):
            continue
        if plan and _named_in_plan(doc, taxonomy, read, name, plan):
            continue
        gaps.append(Gap(name, unit, sure))
    return gaps
