"""Measure the generation stage on a keyed folder, or print paired examples for the model card.

    .venv/bin/python scripts/eval_generation.py ../shared/eval/dev            # with the language model
    .venv/bin/python scripts/eval_generation.py ../shared/eval/dev --template # template fill only
    .venv/bin/python scripts/eval_generation.py --examples 20                 # corpus examples, LM scores

For every ``plan_missing_dimension`` and ``parallel_deviation`` in the key the
best suggestion is put back into the draft (a new plan line at its place, or
the deviant heading replaced) and the draft is parsed again: the suggestion
*fits* when the structure parser then finds the series without a deviation and
the item's heading fits the series frame; it *lands* when the dimension stage
tags the new item with the intended dimension.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from pipeline.document import Document  # noqa: E402
from pipeline.stages import run_stages  # noqa: E402


class Opts:
    def __init__(self, use_lm: bool):
        self.use_lm = use_lm
        self.creative = False
        self.seed = 20261125
        self.dimensions = None
        self.warnings: list[str] = []


def analyse(text: str, path: str = "<draft>", use_lm: bool = True) -> Document:
    doc = Document(text, path=path)
    run_stages(doc, ["suggest"], Opts(use_lm))
    return doc


def parsed(text: str) -> Document:
    doc = Document(text)
    run_stages(doc, ["dimensions"])
    return doc


def insert_plan_line(doc: Document, sug) -> str:
    """The draft with the suggested plan line added after the plan item it follows (or after the plan)."""
    ctx = doc.plan_context
    items = ctx.plan_items
    line = f"{sug.label}{sug.text}。"
    if items:
        from pipeline.generate.generator import block_order

        order = block_order(ctx)
        at = order.index(("new", sug.dimension))
        prev = [val for kind, val in order[:at] if kind == "old"]
        if not prev:
            pos = doc.paragraphs[items[0].paragraph].start
            return doc.text[:pos] + line + "\n" + doc.text[pos:]
        anchor = items[prev[-1]]
        pos = doc.paragraphs[anchor.paragraphs[-1]].end
        return doc.text[:pos] + "\n" + line + doc.text[pos:]
    # no plan: after the last summary paragraph
    last = max(p.index for p in doc.paragraphs if p.section == "summary")
    pos = doc.paragraphs[last].end
    return doc.text[:pos] + "\n" + line + doc.text[pos:]


def check_plan_item(doc: Document, sug) -> tuple[bool, bool, str]:
    """(fits, lands, detail) after putting the item into the draft and parsing it again."""
    if sug is None or sug.text is None:
        return False, False, "no suggestion"
    new = parsed(insert_plan_line(doc, sug))
    target = f"{sug.text}"
    item = next((it for it in new.outline.items if it.heading == target), None)
    if item is None:
        return False, False, "not parsed as an item"
    s = item.series
    others = [it for it in s.items if it is not item and it.section == item.section] if s else []
    if s is not None and s.deviation is not None:
        fits = False
    elif len(others) >= 2 and s.frame is not None:
        fits = s.frame.fits(item.heading)
    else:
        from pipeline.generate.frames import parse_pattern
        from pipeline.structure.frames import Frame  # noqa: F401 (library frame: check it directly)

        fits = parse_pattern(sug.frame).fits(item.heading)
    return fits, item.dimension == sug.dimension, f"{sug.label}{sug.text} [{item.dimension}]"


def check_rewrite(doc: Document, sug, want_dim: str | None) -> tuple[bool, bool, str]:
    best = sug.best if sug else None
    if best is None:
        return False, False, "no rewrite"
    text = doc.text[:sug.start] + best.text + doc.text[sug.end:]
    new = parsed(text)
    item = next((it for it in new.outline.items if it.heading == best.text and it.label == sug.label), None)
    if item is None or item.series is None:
        return False, False, "not parsed"
    s = item.series
    fits = s.deviation is None and s.frame is not None and s.frame.fits(best.text)
    dim = want_dim or sug.dimension
    return fits, item.dimension == dim, f"{sug.original} -> {best.text} [{item.dimension}]"


def evaluate(folder: Path, use_lm: bool) -> int:
    key = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    rows = []
    timings = []
    for name, spec in sorted(key.items()):
        text = (folder / name).read_text(encoding="utf-8")
        t0 = time.perf_counter()
        doc = analyse(text, name, use_lm)
        timings.append(time.perf_counter() - t0)
        dims_by_line = {anchor: dim for anchor, dim in spec.get("dimensions", [])}
        for f in spec.get("findings", []):
            if f["kind"] == "plan_missing_dimension":
                sug = next((s for s in doc.suggestions if s.kind == "plan_item" and s.dimension == f["dimension"]),
                           None)
                fits, lands, detail = check_plan_item(doc, sug)
                rows.append((name, "plan_missing_dimension", f["dimension"], fits, lands, detail))
            elif f["kind"] == "parallel_deviation":
                anchor = f["anchor"]
                sug = next((s for s in doc.suggestions if s.kind == "rewrite" and s.original
                            and (s.original in anchor or anchor.find(s.original) >= 0
                                 or s.original.startswith(anchor[2:8]))), None)
                want = next((d for a, d in dims_by_line.items() if anchor.startswith(a) or a.startswith(anchor)),
                            None)
                fits, lands, detail = check_rewrite(doc, sug, want)
                rows.append((name, "parallel_deviation", anchor, fits, lands, detail))
    for r in rows:
        mark = ("fits" if r[3] else "NO-FIT") + " " + ("dim-ok" if r[4] else "DIM-WRONG")
        print(f"{r[0]}  {r[1]:<22} {mark:<18} {r[5]}")
    for kind in ("plan_missing_dimension", "parallel_deviation"):
        sel = [r for r in rows if r[1] == kind]
        if sel:
            print(f"{kind}: {len(sel)} cases, fits frame {sum(r[3] for r in sel)}/{len(sel)}, "
                  f"right dimension {sum(r[4] for r in sel)}/{len(sel)}")
    n = len(rows)
    if n:
        print(f"all: {n} cases, fits {100 * sum(r[3] for r in rows) / n:.0f}%, "
              f"right dimension {100 * sum(r[4] for r in rows) / n:.0f}%  "
              f"(method: {'lm' if use_lm else 'template'}; mean {sum(timings) / len(timings):.2f} s per draft)")
    return 0


def examples(count: int) -> None:
    """Plan items regenerated for corpus reports with one plan item removed, next to the human-written one."""
    from pipeline.generate.lm import load_lm

    lm = load_lm()
    reports = sorted((ROOT / "corpora" / "reports").glob("*.txt"))
    out = []
    for path in reports[::2]:
        if len(out) >= count:
            break
        text = path.read_text(encoding="utf-8")
        doc = parsed(text)
        plans = doc.outline.top_series("plan") if doc.outline else []
        if not plans:
            continue
        series = max(plans, key=lambda s: len(s.items))
        items = [it for it in series.items if it.section == "plan"]
        if len(items) < 3:
            continue
        victim = items[len(out) % len(items)]
        lines = [p for i, p in enumerate(doc.paragraphs) if i not in victim.paragraphs]
        cut = "\n".join(p.text for p in lines)
        gdoc = analyse(cut, path.name, use_lm=lm is not None)
        sug = next((s for s in gdoc.suggestions if s.kind == "plan_item" and s.dimension == victim.dimension), None)
        if sug is None or sug.text is None:
            continue
        human = victim.heading
        scores = lm.score([sug.text, human], context=sug.label) if lm else [None, None]
        out.append({"report": path.name, "dimension": victim.dimension, "frame": sug.frame,
                    "generated": f"{sug.label}{sug.text}", "human": f"{victim.label}{human}",
                    "lm_generated": scores[0], "lm_human": scores[1]})
    print("| # | report | dimension | generated | human-written neighbour | LM gen | LM human |")
    print("|---|---|---|---|---|---|---|")
    for i, r in enumerate(out, start=1):
        lg = "" if r["lm_generated"] is None else f"{r['lm_generated']:.2f}"
        lh = "" if r["lm_human"] is None else f"{r['lm_human']:.2f}"
        print(f"| {i} | {r['report']} | {r['dimension']} | {r['generated']} | {r['human']} | {lg} | {lh} |")
    if lm and out:
        g = sum(r["lm_generated"] for r in out) / len(out)
        h = sum(r["lm_human"] for r in out) / len(out)
        print(f"\nmean LM score (log-prob per character): generated {g:.3f}, human-written {h:.3f} "
              f"over {len(out)} pairs")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", nargs="?", type=Path, default=ROOT.parent / "shared" / "eval" / "dev")
    ap.add_argument("--template", action="store_true", help="template fill only (no language model)")
    ap.add_argument("--examples", type=int, default=0, help="print N corpus examples instead of evaluating")
    args = ap.parse_args()
    if args.examples:
        examples(args.examples)
        return 0
    return evaluate(args.folder, not args.template)


if __name__ == "__main__":
    sys.exit(main())
