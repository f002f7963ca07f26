"""Time per character of linting long runs of each rule's trigger pattern, small vs large.

A pasted table or a long statistical annex can put hundreds of kilobytes of one
repeated pattern into a single paragraph; every stage and rule must stay linear
(or n log n) there. For each pattern below this lints one paragraph of about
``--small`` and ``--large`` characters (default 10 KB and 1 MB; the patterns of
``TWO_LINES`` are two paragraphs of half that each) and reports the time per
character of each and their ratio. Target: ratio <= 1.5 for every pattern.

How it is measured, so that neither size is flattered: the CPU time of this
process (``time.process_time``; the wall clock of a shared machine mostly
measures the other processes) is taken ``--repeat`` times per size (default 9
at 100 KB and below, 3 above) and the median is used; the fixed cost of linting
a document at all (the rules' setup: a 40-character document of the same
pattern, median of as many runs) is subtracted from both before dividing by the
length. Without that subtraction the 10 KB time per character would carry the
fixed cost and the ratio would look better than it is.
``--only`` picks patterns; ``--sizes`` adds extra sizes (e.g. 500000 for the
half-megabyte check).

Usage: python scripts/bench_linear.py [--only xx_jian,ranges] [--small 10000] [--large 1000000] [--json]
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# One unit per pattern; repeated without separators into one paragraph. Each is a
# trigger (or near-trigger) of some rule: placeholders, approximations, enumerations,
# 的/地, ranges, mixed-width digits, totals with parts, headings, quotes, etc.
PATTERNS: dict[str, str] = {
    "xx_jian": "XX件",
    "approx_count": "近300余人次，",
    "yi_shi_series": "一是二是三是四是五是六是七是八是九是十是",
    "de_di": "认真的做好",
    "range_zhi": "3至5",
    "range_percent": "5%～10%",
    "mixed_width": "１2.３4％%",
    "total_parts": "共100件，其中来信50件、来访50件。",
    "digits": "1234567890",
    "growth": "同比增长12.5%，较上年增加3个百分点，",
    "headings": "一、（一）1.（1）①",
    "brackets": "“（《【",
    "mark_clash": "》“",  # stray closers, each before an opener of another kind (RL201 merges such pairs)
    "punct_runs": "，，。。！！？？",
    "placeholder_mix": "××同志□□单位XXX年X月X日",
    "ordinals": "第一第二第三首先其次再次最后",
    "plain_han": "全面加强党的建设推动高质量发展",
    "item_counts": "在学习、调研两个方面",
    "quoted_counts": "“三个一”：一个目标、一套机制",
    "long_digits": "1" * 50 + "件",
}
# Two paragraphs, half the size each: marks left open on a line that breaks off mid-sentence, then a
# line of stray closers (RL201 pairs them across the break: hard-wrapped text), of another kind
# (none pairs) or of the same kind (each pairs).
TWO_LINES: dict[str, tuple[str, str]] = {
    "broken_lines": ("“", "》"),
    "broken_lines_paired": ("“《", "》”"),
}
ALL_PATTERNS = [*PATTERNS, *TWO_LINES]
TINY = 40  # characters of the document whose lint time counts as the fixed cost


def lint_seconds(text: str) -> float:
    """CPU seconds of this process to lint ``text`` (wall time on a shared machine measures the neighbours)."""
    from pipeline.document import Document
    from pipeline.lint import analyse

    doc = Document(text, path="<bench>")
    t0 = time.process_time()
    analyse(doc)
    return time.process_time() - t0


def make(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def make_text(name: str, size: int) -> str:
    """``size`` characters of pattern ``name`` (one paragraph, or two for ``TWO_LINES``)."""
    if name in TWO_LINES:
        first, second = TWO_LINES[name]
        half = (size - 1) // 2
        return make(first, half) + "\n" + make(second, size - 1 - half)
    return make(PATTERNS[name], size)


def median_seconds(text: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        gc.collect()  # the previous document's garbage is not this one's cost
        times.append(lint_seconds(text))
    return statistics.median(times)


def measure(name: str, sizes: list[int], repeat: int, repeat_large: int) -> dict:
    row: dict = {"pattern": name, "unit": PATTERNS.get(name) or "⏎".join(TWO_LINES[name])}
    fixed = median_seconds(make_text(name, TINY), repeat)
    row["fixed_s"] = round(fixed, 4)
    for size in sizes:
        text = make_text(name, size)
        t = median_seconds(text, repeat if size <= 100_000 else repeat_large)
        row[str(size)] = {"seconds": round(t, 3), "us_per_char": round(max(t - fixed, 0.0) / size * 1e6, 3)}
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default=",".join(ALL_PATTERNS), help="comma-separated: " + ", ".join(ALL_PATTERNS))
    ap.add_argument("--small", type=int, default=10_000)
    ap.add_argument("--large", type=int, default=1_000_000)
    ap.add_argument("--sizes", default="", help="extra sizes in characters, comma-separated")
    ap.add_argument("--repeat", type=int, default=9, help="runs per size up to 100 KB (the median is taken)")
    ap.add_argument("--repeat-large", type=int, default=3, help="runs per size above 100 KB (median)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    from pipeline.lint import lint_text

    lint_text("预热。")  # load jieba and the rules once, outside every timing
    extra = [int(s) for s in args.sizes.split(",") if s.strip()]
    sizes = sorted({args.small, args.large, *extra})
    rows, worst = [], 0.0
    for name in [n.strip() for n in args.only.split(",") if n.strip()]:
        row = measure(name, sizes, args.repeat, args.repeat_large)
        small, large = row[str(args.small)]["us_per_char"], row[str(args.large)]["us_per_char"]
        row["ratio"] = round(large / small, 2) if small else None
        worst = max(worst, row["ratio"] or 0.0)
        rows.append(row)
        if not args.json:
            cells = "  ".join(f"{s // 1000:>5} KB {row[str(s)]['us_per_char']:7.2f} µs/char"
                              f" ({row[str(s)]['seconds']:.2f} s)" for s in sizes)
            print(f"{name:<20} fixed {row['fixed_s'] * 1e3:5.1f} ms  {cells}  ratio {row['ratio']}", flush=True)
    if args.json:
        print(json.dumps({"rows": rows, "worst_ratio": worst}, ensure_ascii=False, indent=2))
    else:
        print(f"worst ratio {worst} (target <= 1.5)")
    return 0 if worst <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
