"""Measure the generation stage on a keyed folder, or print paired examples for the model card.

    .venv/bin/python scripts/eval_generation.py ../shared/eval/dev            # with the language model
    .venv/bin/python scripts/eval_generation.py ../shared/eval/dev --template # template fill only
    .venv/bin/python scripts/eval_generation.py --examples 20                 # corpus examples, LM scores
    .venv/bin/python scripts/eval_generation.py --protocol /tmp/rating        # writer's-eye protocol (below)
    .venv/bin/python scripts/eval_generation.py --score /tmp/rating/rated.tsv # unblind a finished rating

Protocol (``--protocol OUT``, OUT outside the repository): every dev draft has its
plan section removed (written to OUT/drafts/), ``suggest`` proposes the plan, and
every proposed line (heading + measure sentence) is shuffled, with a fixed seed,
among the drafts' own removed plan items, cut the same way (heading and its first
two clauses). OUT/rating.tsv is for the rater (columns ``id``, ``draft``, ``item``,
``rating``: write usable / needs edits / unusable; instructions in its ``#`` lines);
OUT/key.tsv says which is which (``id``, ``source`` generated|human, ``draft``,
``dimension``, ``frame``) and must not be shown to the rater. The automatic checks
are printed and written to OUT/metrics.json: share of generated items that reuse
the draft's own words beyond the dimension name and the frame (target >= 80%),
the longest run copied from the draft (must stay < 8), share of distinct items
(>= 90%) and the number of different frames (>= 4). ``--score rated.tsv`` reads the
rated file and key.tsv beside it and prints the shares per source.

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
import re
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


RATINGS = ("usable", "needs edits", "unusable")
INSTRUCTIONS = """# Rating protocol: plan items (下步工作打算) for office work-report drafts.
# Each row is one plan item for the draft named in column 2 (its text without the plan: drafts/NAME).
# Some items were written by the draft's author, some proposed by a program; the order is shuffled.
# Judge each as the author of that draft would, pasting it into the plan:
#   usable       paste as is (at most punctuation)
#   needs edits  right idea and shape, but words must be changed before pasting
#   unusable     wrong topic, ungrammatical, or nothing a writer would keep
# Write exactly one of: usable / needs edits / unusable in the last column (tab-separated). Keep the ids.
"""


def strip_plan(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The draft without its plan section, and its plan items as (dimension, heading + first two clauses)."""
    doc = parsed(text)
    kept = "\n".join(p.text for p in doc.paragraphs if p.section != "plan") + "\n"
    items = []
    for it in (doc.outline.items if doc.outline else []):
        if it.section != "plan" or not it.heading or it.series is None or len(it.series.items) < 2 \
                or any(o.section != "plan" for o in it.series.items):  # 三、2026年工作打算 heads the plan
            continue
        body = it.text(doc)
        body = body[body.find(it.heading) + len(it.heading):].lstrip("。，；：")
        clauses = [c for c in re.split(r"[，；。]", body) if c][:2]
        line = it.heading + "。" + ("，".join(clauses) + "。" if clauses else "")
        items.append((it.dimension or "", line))
    return kept, items


def reuses_draft(sug, draft: str, taxonomy) -> bool:
    """Does a generated item use a word of the draft beyond the dimension's name and the frame's fixed words?"""
    from pipeline.generate.frames import parse_pattern
    from pipeline.generate.phrases import STOP
    from pipeline.segment import tokenize

    best = sug.best
    dim = taxonomy.by_name.get(sug.dimension)
    names = {sug.dimension, dim.short4 if dim else sug.dimension, *(dim.cues if dim else ())}
    fixed = "".join(parse_pattern(sug.frame).literals)
    for piece in best.fillers + [best.measure]:
        for t in tokenize(piece):
            w = t.text
            if len(w) >= 2 and w not in STOP and w not in fixed and not any(w in n for n in names) and w in draft:
                return True
    return False


def protocol(folder: Path, out: Path, use_lm: bool) -> int:
    import random

    from pipeline.dimensions.taxonomy import load_taxonomy
    from pipeline.generate.measures import copied_run

    if out.resolve().is_relative_to(ROOT):
        print("eval_generation: --protocol must write outside the repository", file=sys.stderr)
        return 2
    (out / "drafts").mkdir(parents=True, exist_ok=True)
    taxonomy = load_taxonomy()
    rows: list[dict] = []
    gen_lines: list[str] = []
    frames: set[str] = set()
    reuse = 0
    longest = 0
    timings = []
    for path in sorted(folder.glob("*.txt")):
        kept, human = strip_plan(path.read_text(encoding="utf-8"))
        (out / "drafts" / path.name).write_text(kept, encoding="utf-8")
        t0 = time.perf_counter()
        doc = analyse(kept, path.name, use_lm)
        timings.append(time.perf_counter() - t0)
        for dim, line in human:
            rows.append({"source": "human", "draft": path.name, "dimension": dim, "frame": "", "item": line})
        for sug in doc.suggestions:
            if sug.kind != "plan_item" or sug.best is None:
                continue
            line = sug.best.line
            gen_lines.append(line)
            frames.add(sug.frame)
            reuse += reuses_draft(sug, kept, taxonomy)
            longest = max(longest, copied_run(sug.best.text, kept),
                          copied_run(sug.best.measure, kept) if sug.best.measure else 0)
            rows.append({"source": "generated", "draft": path.name, "dimension": sug.dimension, "frame": sug.frame,
                         "item": line})
    random.Random(20261205).shuffle(rows)
    with open(out / "rating.tsv", "w", encoding="utf-8") as fh:
        fh.write(INSTRUCTIONS)
        fh.write("id\tdraft\titem\trating\n")
        for i, r in enumerate(rows, start=1):
            fh.write(f"{i}\t{r['draft']}\t{r['item']}\t\n")
    with open(out / "key.tsv", "w", encoding="utf-8") as fh:
        fh.write("id\tsource\tdraft\tdimension\tframe\n")
        for i, r in enumerate(rows, start=1):
            fh.write(f"{i}\t{r['source']}\t{r['draft']}\t{r['dimension']}\t{r['frame']}\n")
    n = len(gen_lines)
    metrics = {"drafts": len(timings), "generated": n, "human": len(rows) - n,
               "reuse_share": round(reuse / n, 3) if n else 0.0,
               "longest_copied_run": longest,
               "distinct_share": round(len(set(gen_lines)) / n, 3) if n else 0.0,
               "frames": len(frames), "frame_list": sorted(frames),
               "mean_seconds_per_draft": round(sum(timings) / len(timings), 2) if timings else 0.0}
    (out / "metrics.json").write_text(json.dumps(metrics, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(metrics, ensure_ascii=False, indent=1))
    print(f"rater's file: {out / 'rating.tsv'}  key: {out / 'key.tsv'}  drafts: {out / 'drafts'}")
    ok = (metrics["reuse_share"] >= 0.8 and longest < 8 and metrics["distinct_share"] >= 0.9
          and metrics["frames"] >= 4)
    print("automatic checks:", "pass" if ok else "FAIL")
    return 0 if ok else 1


def score(rated: Path) -> int:
    """Unblind: shares of usable / needs edits / unusable for generated and human items."""
    key_path = rated.with_name("key.tsv")
    if not key_path.is_file():
        print(f"eval_generation: {key_path} not found (it is written beside rating.tsv)", file=sys.stderr)
        return 2
    key = {}
    for line in key_path.read_text(encoding="utf-8").splitlines()[1:]:
        cols = line.split("\t")
        key[cols[0]] = cols[1]
    counts: dict[str, dict[str, int]] = {"generated": {}, "human": {}}
    bad = 0
    for line in rated.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("id\t") or not line.strip():
            continue
        cols = line.split("\t")
        rating = cols[-1].strip().lower() if len(cols) >= 4 else ""
        if cols[0] not in key or rating not in RATINGS:
            bad += 1
            continue
        src = counts[key[cols[0]]]
        src[rating] = src.get(rating, 0) + 1
    for src, c in counts.items():
        n = sum(c.values())
        shares = ", ".join(f"{r} {100 * c.get(r, 0) / n:.0f}% ({c.get(r, 0)})" for r in RATINGS) if n else "none"
        print(f"{src}: {n} rated: {shares}")
    if bad:
        print(f"{bad} rows without a valid rating (usable / needs edits / unusable) or unknown id", file=sys.stderr)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", nargs="?", type=Path, default=ROOT.parent / "shared" / "eval" / "dev")
    ap.add_argument("--template", action="store_true", help="template fill only (no language model)")
    ap.add_argument("--examples", type=int, default=0, help="print N corpus examples instead of evaluating")
    ap.add_argument("--protocol", type=Path, default=None,
                    help="write the blind rating protocol (plans removed) to this folder, outside the repository")
    ap.add_argument("--score", type=Path, default=None, help="unblind a rated rating.tsv (key.tsv beside it)")
    args = ap.parse_args()
    if args.score:
        return score(args.score)
    if args.protocol:
        return protocol(args.folder, args.protocol, not args.template)
    if args.examples:
        examples(args.examples)
        return 0
    return evaluate(args.folder, not args.template)


if __name__ == "__main__":
    sys.exit(main())
