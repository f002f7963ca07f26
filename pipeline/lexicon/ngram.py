"""A character trigram model (Witten–Bell interpolation) shipped as counts, for the ``--deep`` check.

Counted by ``scripts/derive_lexicon.py ngram`` over the State Council/CPC
reports and the project's own corpus (counts only, no text). Keys pack three
code points into one int64; lookups are vectorised binary searches, so a whole
document's candidates are scored in a few numpy calls. Loaded on first use.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np

NGRAM = Path(__file__).resolve().parent / "data" / "ngram.npz"
BOS = 2  # code point standing for "before the start / after the end of a sentence"
SPLIT = re.compile(r"[^\u4e00-\u9fff]+")
MIN_TRIGRAM = 2  # trigrams seen once are dropped from the shipped file (size); WB backs off to bigrams


def pack(a, b, c):
    return (np.asarray(a, dtype=np.int64) << 42) | (np.asarray(b, dtype=np.int64) << 21) | np.asarray(c, dtype=np.int64)


def _counts(keys: list[np.ndarray], weights: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    u, inv = np.unique(np.concatenate(keys), return_inverse=True)
    c = np.bincount(inv, weights=np.concatenate(weights))
    keep = c >= 1
    return u[keep], np.rint(c[keep]).astype(np.uint32)


def build_counts(texts: list[str], out: Path = NGRAM) -> Path:
    """Unigram, bigram and trigram counts of the Chinese runs of ``texts`` (runs padded with BOS)."""
    tri, bi, uni, wt = [], [], [], []
    for run in (run for text in texts for run in SPLIT.split(text) if run):
        cp = np.array([BOS, BOS, *map(ord, run), BOS], dtype=np.int64)
        tri.append(pack(cp[:-2], cp[1:-1], cp[2:]))
        bi.append(pack(0, cp[1:-1], cp[2:]))
        uni.append(cp[2:])
        wt.append(np.ones(len(cp) - 2))
    t_keys, t_counts = _counts(tri, wt)
    b_keys, b_counts = _counts(bi, wt)
    u_keys, u_counts = _counts(uni, wt)
    keep = t_counts >= MIN_TRIGRAM
    # context statistics before pruning: how often a history occurs and how many distinct followers it has
    hist2 = t_keys >> 21  # (a, b) of each trigram
    h2_keys, h2_start = np.unique(hist2, return_index=True)
    h2_count = np.add.reduceat(t_counts.astype(np.int64), h2_start).astype(np.uint32)
    h2_types = np.diff(np.append(h2_start, len(hist2))).astype(np.uint32)
    hist1 = b_keys >> 21
    h1_keys, h1_start = np.unique(hist1, return_index=True)
    h1_count = np.add.reduceat(b_counts.astype(np.int64), h1_start).astype(np.uint32)
    h1_types = np.diff(np.append(h1_start, len(hist1))).astype(np.uint32)
    np.savez_compressed(out, t_keys=t_keys[keep], t_counts=t_counts[keep], b_keys=b_keys, b_counts=b_counts,
                        u_keys=u_keys, u_counts=u_counts, h2_keys=h2_keys, h2_count=h2_count, h2_types=h2_types,
                        h1_keys=h1_keys, h1_count=h1_count, h1_types=h1_types)
    return out


class CharTrigram:
    def __init__(self, path: Path = NGRAM):
        z = np.load(path)
        self.t = (z["t_keys"], z["t_counts"])
        self.b = (z["b_keys"], z["b_counts"])
        self.u = (z["u_keys"], z["u_counts"])
        self.h2 = (z["h2_keys"], z["h2_count"], z["h2_types"])
        self.h1 = (z["h1_keys"], z["h1_count"], z["h1_types"])
        self.total = float(self.u[1].sum())
        self.vocab = len(self.u[0]) + 1

    @staticmethod
    def _find(keys: np.ndarray, q: np.ndarray, *vals: np.ndarray) -> list[np.ndarray]:
        at = np.minimum(np.searchsorted(keys, q), len(keys) - 1)
        ok = keys[at] == q
        return [np.where(ok, v[at], 0).astype(np.float64) for v in vals]

    def unigram(self, c) -> np.ndarray:
        """log P(c) with add-one smoothing."""
        (cu,) = self._find(self.u[0], np.asarray(c, dtype=np.int64), self.u[1])
        return np.log((cu + 1.0) / (self.total + self.vocab))

    def bigram_count(self, b, c) -> np.ndarray:
        """How often the pair (b, c) was counted."""
        (cb,) = self._find(self.b[0], pack(0, np.asarray(b, dtype=np.int64), np.asarray(c, dtype=np.int64)), self.b[1])
        return cb

    def logprob(self, a, b, c) -> np.ndarray:
        """log P(c | a b) for arrays of code points."""
        a, b, c = (np.asarray(x, dtype=np.int64) for x in (a, b, c))
        (cu,) = self._find(self.u[0], c, self.u[1])
        p1 = (cu + 1.0) / (self.total + self.vocab)
        (cb,) = self._find(self.b[0], pack(0, b, c), self.b[1])
        n1, t1 = self._find(self.h1[0], pack(0, 0, b), self.h1[1], self.h1[2])
        p2 = np.where(n1 > 0, (cb + t1 * p1) / np.maximum(n1 + t1, 1), p1)
        (ct,) = self._find(self.t[0], pack(a, b, c), self.t[1])
        n2, t2 = self._find(self.h2[0], pack(0, a, b), self.h2[1], self.h2[2])
        p3 = np.where(n2 > 0, (ct + t2 * p2) / np.maximum(n2 + t2, 1), p2)
        return np.log(p3)


@lru_cache(maxsize=1)
def model() -> CharTrigram | None:
    return CharTrigram(NGRAM) if NGRAM.exists() else None
