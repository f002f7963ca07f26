"""Count the classes of defect of generated plan items over many drafts with their plans removed.

    .venv/bin/python scripts/plan_checks.py ../shared/eval/dev            # the dev drafts
    .venv/bin/python scripts/plan_checks.py corpora/reports corpora/samples --show 5
    .venv/bin/python scripts/plan_checks.py ../shared/eval/dev --tsv /tmp/items.tsv

Each folder's ``*.txt`` has its plan section removed as the rating protocol does
(``eval_generation.strip_plan``); ``suggest`` proposes the plan and every item is
put through the checks of ``pipeline.generate.item_checks`` (the same proxies the
generator applies to its candidates, so a class the generator rejects reads 0 by
construction; a blind rating stays the measure of quality). Printed: items, items
with any defect, and counts per class; ``--show N`` prints N examples per class.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

CLASSES = ("generic", "thin", "repeats", "echo", "half_said", "off_topic", "bad_predicate", "area_only", "unsaid",
           "introduces_done", "approach_verb", "approach_measure", "restates_problem")


def item_defects(sug, draft: str, taxonomy, classify) -> list[str]:
    """The classes of defect of one plan suggestion's best item."""
    from pipeline.generate import item_checks as ic
    from pipeline.generate.frames import parse_pattern

    best = sug.best
    dim = taxonomy.by_name[sug.dimension]
    frame = parse_pattern(sug.frame)
    qualities = ic.quality_slots(frame)
    clauses = [c for c in best.measure.split("，") if c]
    out = []
    if any(ic.generic(c, dim) for c in clauses) or not clauses:
        out.append("generic")
    if len(clauses) < 2:
        out.append("thin")
    pair = ic.heading_predicate(frame, best.fillers)
    subject, quality = pair if pair else (None, None)
    if ic.repeats(best.text, best.fillers, best.measure, quality, subject):
        out.append("repeats")
    if ic.echo(best.text, best.fillers, best.measure, dim):
        out.append("echo")
    if ic.half_said(best.fillers, best.measure, dim):
        out.append("half_said")
    if ic.off_topic(best.fillers, best.measure, dim, classify, taxonomy.fallback):
        out.append("off_topic")
    if quality and subject and not ic.predicate_fits(subject, quality):
        out.append("bad_predicate")
    if ic.area_only(best.fillers, qualities, dim):
        out.append("area_only")
    if ic.unsaid(best.fillers, qualities, dim, draft):
        out.append("unsaid")
    if any(ic.introduces_done(c, draft) for c in clauses):
        out.append("introduces_done")
    if not all(ic.approach_verb_fits(_before(frame, j)[-2:], f) for j, f in enumerate(best.fillers)):
        out.append("approach_verb")
    if ic.approach_mismatch(best.fillers, best.measure, dim):
        out.append("approach_measure")
    if clauses and ic.restates_problem(clauses[0]):
        out.append("restates_problem")
    return out


def _before(frame, j: int) -> str:
    from pipeline.generate.frames import literal_before

    return literal_before(frame, j)


def main() -> int:
    from eval_generation import analyse, strip_plan

    from pipeline.dimensions.classify import predict
    from pipeline.dimensions.model import load_model
    from pipeline.dimensions.taxonomy import load_taxonomy

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="+", type=Path)
    ap.add_argument("--show", type=int, default=0, help="examples printed per class")
    ap.add_argument("--tsv", type=Path, default=None, help="write every item with its defects here")
    ap.add_argument("--template", action="store_true", help="template fill only (no language model)")
    args = ap.parse_args()
    taxonomy, model = load_taxonomy(), load_model()

    def classify(text: str, heading: str = ""):
        return predict(model, taxonomy, text, heading)

    rows = []
    drafts = 0
    for folder in args.folders:
        for path in sorted(folder.glob("*.txt")):
            kept, _human = strip_plan(path.read_text(encoding="utf-8"))
            drafts += 1
            doc = analyse(kept, path.name, not args.template)
            for sug in doc.suggestions:
                if sug.kind == "plan_item" and sug.best is not None:
                    rows.append((path.name, sug.dimension, sug.best.line, item_defects(sug, kept, taxonomy, classify)))
    n = len(rows)
    bad = sum(bool(r[3]) for r in rows)
    print(f"{drafts} drafts, {n} items, {bad} with a defect ({100 * bad / max(n, 1):.0f}%)")
    for cls in CLASSES:
        hits = [r for r in rows if cls in r[3]]
        print(f"  {cls:<16} {len(hits):>4}")
        for r in hits[:args.show]:
            print(f"      {r[0]} [{r[1]}] {r[2]}")
    if args.tsv:
        with open(args.tsv, "w", encoding="utf-8") as fh:
            fh.write("draft\tdimension\titem\tdefects\n")
            for r in rows:
                fh.write(f"{r[0]}\t{r[1]}\t{r[2]}\t{','.join(r[3])}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
