"""A generous guard that linting stays linear on long runs of one pattern in a single paragraph (or two).

The measurement itself is scripts/bench_linear.py (10 KB vs 1 MB, target 1.5x); here small
sizes keep the suite fast and the bound (10x the time per character) leaves room for a loaded
machine, while a quadratic scan (16x the characters -> 16x per character) still fails it.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from bench_linear import make_text  # noqa: E402

from pipeline.document import Document  # noqa: E402
from pipeline.lint import analyse, lint_text  # noqa: E402

# the eight patterns that once never finished at half a megabyte, and a few more
GUARDED = ["xx_jian", "approx_count", "yi_shi_series", "de_di", "range_zhi", "range_percent", "mixed_width",
           "total_parts", "item_counts", "quoted_counts", "brackets", "placeholder_mix", "mark_clash",
           "broken_lines", "broken_lines_paired"]
SMALL, LARGE = 4_000, 64_000


def _per_char(text: str, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        doc = Document(text)
        t0 = time.perf_counter()
        analyse(doc)
        best = min(best, time.perf_counter() - t0)
    return best / len(text)


@pytest.mark.parametrize("name", GUARDED)
def test_time_per_character_does_not_grow(name):
    lint_text("预热。")
    small = _per_char(make_text(name, SMALL), 3)
    large = _per_char(make_text(name, LARGE), 2)
    assert large <= 10 * max(small, 1e-7), f"{name}: {large * 1e6:.2f} µs/char at 64 KB vs {small * 1e6:.2f} at 4 KB"
