"""Findings per 10,000 characters on edited, published text (the State Council reports in ../shared).

That text went through professional editing, so what the surface rules (RL1xx
placeholders, RL2xx punctuation and width, RL4xx wording) report there is
mostly false alarms; the rate should stay near zero. The text is read from
../shared at run time and never copied into the project.

Usage: python scripts/false_alarms.py [--select RL1,RL2,RL4] [--since YEAR] [--show N] [--all-severities]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.config import Options  # noqa: E402
from pipeline.document import Document  # noqa: E402
from pipeline.lint import analyse  # noqa: E402
from pipeline.resources import shared_dir  # noqa: E402

FILES = ("government_work_reports.jsonl", "cpc_congress_reports.jsonl")


def records(since: int | None = None):
    shared = shared_dir()
    if shared is None:
        raise FileNotFoundError("../shared is absent")
    folder = shared / "corpora" / "state_council_reports"
    for name in FILES:
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            year = str(rec.get("year") or "")
            if since is not None and not (year.isdigit() and int(year) >= since):
                continue  # resolutions without a year and older reports are left out
            yield rec


def measure(select: list[str], since: int | None = None, serious_only: bool = True) -> dict:
    """Count findings by code over the corpus; only the segment stage runs (surface rules need no more)."""
    counts: Counter[str] = Counter()
    examples: list[tuple[str, str, str, str]] = []
    chars = 0
    for rec in records(since):
        doc = Document(rec["content"], path=rec["title"])
        chars += len(doc.text)
        analyse(doc, Options(select=select), stages=("segment",))
        for f in doc.findings:
            if serious_only and f.severity == "info":
                continue
            counts[f.code] += 1
            line, col = doc.line_col(f.start)
            text = doc.line_text(line)
            examples.append((rec["title"][:16], f.code, text[max(0, col - 16):col + 16], f.message))
    total = sum(counts.values())
    return {"chars": chars, "findings": total, "per_10k": total / max(1, chars) * 1e4,
            "by_code": dict(sorted(counts.items())), "examples": examples}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--select", default="RL1,RL2,RL4")
    ap.add_argument("--since", type=int, default=None, help="only reports from this year on")
    ap.add_argument("--show", type=int, default=20, help="print this many findings")
    ap.add_argument("--all-severities", action="store_true", help="count info findings too")
    args = ap.parse_args(argv)
    try:
        res = measure([s.strip().upper() for s in args.select.split(",")], args.since, not args.all_severities)
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(f"chars {res['chars']}, findings {res['findings']}, per 10,000 chars {res['per_10k']:.3f}")
    for code, n in res["by_code"].items():
        print(f"  {code}: {n} ({n / res['chars'] * 1e4:.3f} per 10k)")
    for title, code, around, msg in res["examples"][:args.show]:
        print(f"  {code} {title} …{around}… {msg}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
