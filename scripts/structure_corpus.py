"""RL5xx on the State Council government work reports: findings per 10,000 characters.

The reports are real, edited text, so structure findings there are (nearly all)
false alarms or slips in the source; this is the false-alarm check for the
outline parser and the structure rules. The text is read from ../shared at run
time and never copied into the project.

Usage: python scripts/structure_corpus.py [--sample N] [--select RL5]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.lint import lint_text  # noqa: E402
from pipeline.resources import shared_dir  # noqa: E402


def reports() -> list[dict]:
    shared = shared_dir()
    if shared is None:
        raise SystemExit("needs ../shared/corpora/state_council_reports")
    path = shared / "corpora" / "state_council_reports" / "government_work_reports.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if "政府工作报告" in r["title"] and "决议" not in r["title"]]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", type=int, default=5, help="findings listed per rule")
    ap.add_argument("--select", default="RL5")
    args = ap.parse_args(argv)
    rows = reports()
    chars = 0
    counts: Counter[str] = Counter()
    samples: dict[str, list[str]] = defaultdict(list)
    series = framed = 0
    t0 = time.perf_counter()
    for r in rows:
        doc = lint_text(r["content"], select=[args.select])
        chars += len(doc.text)
        series += sum(1 for s in doc.outline.series if len(s.items) >= 3)
        framed += sum(1 for s in doc.outline.series if len(s.items) >= 3 and s.frame is not None)
        for f in doc.findings:
            counts[f.code] += 1
            where = doc.text[max(0, f.start - 8):f.end + 16].replace("\n", "⏎")
            samples[f.code].append(f"{r['year']}  …{where}…  {f.message}")
    print(f"{len(rows)} reports, {chars} characters, {time.perf_counter() - t0:.1f} s")
    print(f"series of 3+ items: {series}, with a shared frame: {framed}")
    total = sum(counts.values())
    print(f"all {args.select}: {total} findings, {total / chars * 1e4:.3f} per 10,000 characters")
    for code in sorted(counts):
        print(f"{code}: {counts[code]} ({counts[code] / chars * 1e4:.3f} per 10,000)")
        for s in samples[code][:args.sample]:
            print("    " + s)
    if "RL507" not in counts:
        print("RL507: 0 (0.000 per 10,000)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
