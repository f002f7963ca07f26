"""Numeric-claim checks on the 52 State Council government work reports (edited, published text).

Published reports have been checked many times, so RL3xx warnings there are
mostly false alarms: this prints findings per 10,000 characters and lists each
one for reading. Needs ../shared (development data); prints nothing without it.

Usage: python scripts/claims_corpus.py [--all-rules] [--claims]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.config import Options  # noqa: E402
from pipeline.document import Document  # noqa: E402
from pipeline.lint import analyse  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "state_council_reports" / "government_work_reports.jsonl"


def reports() -> list[dict]:
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if "决议" not in r["title"]]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--all-rules", action="store_true", help="count every rule, not only RL3xx")
    ap.add_argument("--claims", action="store_true", help="also print the number of claims extracted")
    args = ap.parse_args(argv)
    if not CORPUS.is_file():
        print(f"corpus not found: {CORPUS}", file=sys.stderr)
        return 2
    opts = Options(select=["RL"] if args.all_rules else ["RL3"], min_severity="warning")
    chars = 0
    n_claims = 0
    counts: Counter[str] = Counter()
    t0 = time.perf_counter()
    for r in reports():
        doc = analyse(Document(r["content"], path=r["title"]), opts)
        chars += len(doc.text)
        n_claims += len(doc.claims)
        for f in doc.findings:
            counts[f.code] += 1
            line, col = doc.line_col(f.start)
            lo, hi = max(0, f.start - 25), min(len(doc.text), f.end + 25)
            excerpt = doc.text[lo:hi].replace("\n", "⏎")
            print(f"{r['year']}:{line}:{col} {f.code} {f.message}\n    …{excerpt}…")
    total = sum(counts.values())
    print(f"\n{len(reports())} reports, {chars} chars, {time.perf_counter() - t0:.1f} s")
    if args.claims:
        print(f"claims extracted: {n_claims} ({n_claims / chars * 10000:.1f} per 10,000 chars)")
    print(f"warning/error findings: {total} = {total / chars * 10000:.3f} per 10,000 chars  {dict(counts)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
