"""Time per character of linting long runs of each rule's trigger pattern, small vs large.

A pasted table or a long statistical annex can put hundreds of kilobytes of one
repeated pattern into a single paragraph; every stage and rule must stay linear
(or n log n) there. For each pattern below this lints one paragraph of about
``--small`` and ``--large`` characters (default 10 KB and 1 MB) and reports the
time per character of each and their ratio. Target: ratio <= 1.5 for every
pattern. ``--only`` picks patterns; ``--sizes`` adds extra sizes (e.g. 500000 for
the half-megabyte check).

Usage: python scripts/bench_linear.py [--only xx_jian,ranges] [--small 10000] [--large 1000000] [--json]
"""

from __future__ import annotations

import argparse
import json
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
    "punct_runs": "，，。。！！？？",
    "placeholder_mix": "××同志□□单位XXX年X月X日",
    "ordinals": "第一第二第三首先其次再次最后",
    "plain_han": "全面加强党的建设推动高质量发展",
    "item_counts": "在学习、调研两个方面",
    "quoted_counts": "“三个一”：一个目标、一套机制",
    "long_digits": "1" * 50 + "件",
}


def lint_seconds(text: str) -> float:
    from pipeline.document import Document
    from pipeline.lint import analyse

    doc = Document(text, path="<bench>")
    t0 = time.perf_counter()
    analyse(doc)
    return time.perf_counter() - t0


def make(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def measure(name: str, sizes: list[int], repeat: int) -> dict:
    row: dict = {"pattern": name, "unit": PATTERNS[name]}
    for size in sizes:
        text = make(PATTERNS[name], size)
        best = min(lint_seconds(text) for _ in range(repeat if size <= 100_000 else 1))
        row[str(size)] = {"seconds": round(best, 3), "us_per_char": round(best / size * 1e6, 3)}
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default=",".join(PATTERNS), help="comma-separated: " + ", ".join(PATTERNS))
    ap.add_argument("--small", type=int, default=10_000)
    ap.add_argument("--large", type=int, default=1_000_000)
    ap.add_argument("--sizes", default="", help="extra sizes in characters, comma-separated")
    ap.add_argument("--repeat", type=int, default=3, help="best of N for sizes up to 100 KB")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    from pipeline.lint import lint_text

    lint_text("预热。")  # load jieba and the rules once, outside every timing
    extra = [int(s) for s in args.sizes.split(",") if s.strip()]
    sizes = sorted({args.small, args.large, *extra})
    rows, worst = [], 0.0
    for name in [n.strip() for n in args.only.split(",") if n.strip()]:
        row = measure(name, sizes, args.repeat)
        small, large = row[str(args.small)]["us_per_char"], row[str(args.large)]["us_per_char"]
        row["ratio"] = round(large / small, 2) if small else None
        worst = max(worst, row["ratio"] or 0.0)
        rows.append(row)
        if not args.json:
            cells = "  ".join(f"{s // 1000:>5} KB {row[str(s)]['us_per_char']:7.2f} µs/char"
                              f" ({row[str(s)]['seconds']:.2f} s)" for s in sizes)
            print(f"{name:<16} {cells}  ratio {row['ratio']}", flush=True)
    if args.json:
        print(json.dumps({"rows": rows, "worst_ratio": worst}, ensure_ascii=False, indent=2))
    else:
        print(f"worst ratio {worst} (target <= 1.5)")
    return 0 if worst <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
