"""How much non-office text the dimension tagger forces into one of the six work dimensions.

The State Council and CPC congress reports (read from ../shared in place) are national
reports, not office work: ideally every paragraph is 其他. This prints the share of their
paragraphs (and characters) the ``dimensions`` stage tags with one of the six, with the
out-of-domain check (``pipeline.dimensions.model.DOMAIN_FLOOR``) and without it, and the
distribution of the share of known character n-grams per unit on both corpora and on the
office drafts (../shared/eval/dev, corpora/samples) for choosing the floor.

Usage: python scripts/dimension_domain.py
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pipeline.dimensions.model as dim_model  # noqa: E402
from pipeline.config import Options  # noqa: E402
from pipeline.document import Document  # noqa: E402
from pipeline.reader import read_path  # noqa: E402
from pipeline.resources import shared_dir  # noqa: E402
from pipeline.stages import run_stages  # noqa: E402

FILES = ("government_work_reports.jsonl", "cpc_congress_reports.jsonl")


def state_council_documents():
    folder = shared_dir() / "corpora" / "state_council_reports"
    for name in FILES:
        for i, line in enumerate((folder / name).read_text(encoding="utf-8").splitlines()):
            yield Document(json.loads(line)["content"], path=f"{name}:{i}")


def office_documents():
    paths = sorted((shared_dir() / "eval" / "dev").glob("*.txt")) + sorted((ROOT / "corpora" / "samples").glob("*.txt"))
    for p in paths:
        yield read_path(str(p), None, 50 * 1024 * 1024)


def tag(docs) -> tuple[Counter, list[float], list[float]]:
    """Paragraph and character counts (six / other) and the known-gram share of every unit."""
    model = dim_model.load_model()
    counts: Counter[str] = Counter()
    unit_cov: list[float] = []
    six_cov: list[float] = []
    for doc in docs:
        run_stages(doc, ["dimensions"], Options())
        for p in doc.paragraphs:
            k = "other" if p.dimension in (None, "其他") else "six"
            counts[k] += 1
            counts[k + "_chars"] += len(p.text)
        for u in doc.dimension_units:
            known, total = model.gram_coverage(doc.text[u.start:u.start + u.chars])
            if total >= dim_model.DOMAIN_MIN_GRAMS:
                unit_cov.append(known / total)
                if u.dimension != "其他":
                    six_cov.append(known / total)
    return counts, unit_cov, six_cov


def share(c: Counter) -> str:
    n = c["six"] + c["other"]
    ch = c["six_chars"] + c["other_chars"]
    return (f"{c['six']}/{n} paragraphs = {c['six'] / max(1, n):.3f}, "
            f"characters {c['six_chars'] / max(1, ch):.3f}")


def main() -> int:
    if shared_dir() is None:
        print("../shared is absent", file=sys.stderr)
        return 2
    floor = dim_model.DOMAIN_FLOOR
    pct = (5, 10, 25, 50, 75, 90)
    for label, value in (("without the domain check", 0.0), (f"with DOMAIN_FLOOR {floor}", floor)):
        dim_model.DOMAIN_FLOOR = value
        sc, sc_cov, _ = tag(state_council_documents())
        office, off_cov, off_six = tag(office_documents())
        print(f"{label}:")
        print(f"  State Council/CPC tagged with one of the six: {share(sc)}")
        print(f"  office drafts tagged with one of the six:     {share(office)}")
        if value == 0.0:
            print(f"  known-gram share per unit, percentiles {pct}:")
            print(f"    State Council/CPC: {np.percentile(sc_cov, pct).round(3).tolist()}")
            print(f"    office drafts:     {np.percentile(off_cov, pct).round(3).tolist()}")
            print(f"    office units tagged with one of the six below the floor {floor}: "
                  f"{sum(c < floor for c in off_six)}/{len(off_six)}")
    dim_model.DOMAIN_FLOOR = floor
    return 0


if __name__ == "__main__":
    sys.exit(main())
