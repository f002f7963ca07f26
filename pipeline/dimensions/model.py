"""The shipped dimension model, applied with numpy alone.

``models/dimensions/`` holds plain data: ``model.json`` (labels, parameters),
``vocab.json`` (feature strings in column order) and ``idf.npy``, ``coef.npy``,
``intercept.npy`` (read with ``allow_pickle=False``). Nothing in it can execute code
on load, and neither scikit-learn nor spaCy is imported here.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, repeat
from pathlib import Path

import numpy as np

from pipeline.dimensions.features import NOT_HAN, ORDINAL_WORD, SKIP_WORD, clean, unfiltered_features
from pipeline.resources import models_dir

FORMAT = 1
LONG_TEXT = 400  # characters above which text_vector beats the Counter path
SCORE_BLOCK = 32_768  # (column, value) pairs scored per block in ``batch_logits``
# Out of domain: a unit whose character 2-/3-grams are mostly unknown to the model is not office
# work (national economy, industry, culture, diplomacy …), however its few known grams vote.
# Office paragraphs of the dev drafts: median share of known grams 0.57, 5th percentile 0.33;
# State Council paragraphs: median 0.20, 90th percentile 0.30 (scripts/dimension_domain.py).
DOMAIN_FLOOR = 0.25
DOMAIN_MIN_GRAMS = 24  # fewer grams (a short heading) say too little to judge the domain


class ModelError(RuntimeError):
    pass


@dataclass
class Prediction:
    label: str
    confidence: float
    probs: dict[str, float]


def in_domain(known: int, total: int) -> bool:
    """Whether a text with ``known`` of ``total`` character n-grams in the vocabulary reads as office work."""
    return total < DOMAIN_MIN_GRAMS or known >= DOMAIN_FLOOR * total


def out_of_domain(pred: Prediction, fallback: str, known: int, total: int) -> Prediction:
    """``pred`` unchanged in domain; otherwise the fallback, with the share of known grams as its
    (low) confidence. The probabilities stay: they still rank the dimensions."""
    if in_domain(known, total):
        return pred
    return Prediction(fallback, min(pred.confidence, known / total), pred.probs)


class DimensionModel:
    """A calibrated linear classifier over TF-IDF features of words and character n-grams."""

    def __init__(self, labels: list[str], vocab: list[str], idf: np.ndarray, coef: np.ndarray,
                 intercept: np.ndarray, params: dict):
        if coef.shape != (len(vocab), len(labels)) or idf.shape != (len(vocab),):
            raise ModelError("model arrays do not match the vocabulary and labels")
        self.labels = labels
        self.index = {f: i for i, f in enumerate(vocab)}
        self.words = {f[1:]: i for i, f in enumerate(vocab) if f.startswith("w")}
        # the words ``features`` counts (it never counts ordinals, numbers or punctuation)
        self.counted_words = {w: i for w, i in self.words.items()
                              if not SKIP_WORD.match(w) and not ORDINAL_WORD.match(w)}
        grams = [(gram_key(f[1:]), i) for i, f in enumerate(vocab) if f.startswith("c")]
        grams.sort()
        self.gram_keys = np.array([k for k, _ in grams], dtype=np.int64)
        self.gram_cols = np.array([i for _, i in grams], dtype=np.int64)
        self.idf = idf.astype(np.float64)
        self.coef = coef.astype(np.float64)
        self.coef_by_label = np.ascontiguousarray(self.coef.T)  # one row per label: fast column gathers
        self.intercept = intercept.astype(np.float64)
        self.temperature = float(params.get("temperature", 1.0))
        self.heading_weight = float(params.get("heading_weight", 0.0))
        self.threshold = float(params.get("threshold", 0.0))
        self.fallback = str(params.get("fallback", "其他"))
        # the first ``domain_features`` columns are the office reports' vocabulary (the rest come
        # from the not-office training paragraphs); only they count as known in ``gram_coverage``
        self.domain_features = int(params.get("domain_features", len(vocab)))
        self.params = params

    # -- loading --------------------------------------------------------------
    @classmethod
    def load(cls, folder: str | Path) -> DimensionModel:
        folder = Path(folder)
        try:
            meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
            vocab = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
            arrays = {n: np.load(folder / f"{n}.npy", allow_pickle=False) for n in ("idf", "coef", "intercept")}
        except FileNotFoundError as exc:
            raise ModelError(f"工作维度模型文件缺失 / dimension model file missing: {exc.filename}") from exc
        if meta.get("format") != FORMAT:
            raise ModelError(f"unsupported dimension model format {meta.get('format')!r} in {folder}")
        return cls(meta["labels"], vocab, arrays["idf"], arrays["coef"], arrays["intercept"], meta["params"])

    # -- scoring --------------------------------------------------------------
    def vector(self, feats: Counter[str]) -> tuple[np.ndarray, np.ndarray]:
        """Column indices and l2-normalised sublinear TF-IDF values of known features."""
        ix = np.fromiter(map(self.index.get, feats.keys(), repeat(-1)), dtype=np.int64, count=len(feats))
        counts = np.fromiter(feats.values(), dtype=np.float64, count=len(feats))
        known = ix >= 0
        ix = ix[known]
        val = (1.0 + np.log(counts[known])) * self.idf[ix]
        norm = float(np.sqrt(val @ val)) if len(val) else 0.0
        return ix, (val / norm if norm else val)

    def text_vector(self, text: str, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """``vector(features(text, words=words))`` computed with numpy: n-grams as integer keys.

        A character 2-gram is the key ``a<<16 | b`` and a 3-gram ``a<<32 | b<<16 | c`` of Han
        code points (all below 2**16), looked up by binary search in the sorted vocabulary keys;
        the result is the same vector, faster on long texts (slower on short ones, where the
        fixed cost of a dozen numpy calls dominates).
        """
        cols: dict[int, int] = {}
        get = self.words.get
        for w in words:
            i = get(w)
            if i is not None and not SKIP_WORD.match(w) and not ORDINAL_WORD.match(w):
                cols[i] = cols.get(i, 0) + 1
        cps = np.frombuffer(clean(text).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        han = (cps >= 0x4E00) & (cps <= 0x9FFF)
        keys = [((cps[:-1] << 16) | cps[1:])[han[:-1] & han[1:]],
                ((cps[:-2] << 32) | (cps[1:-1] << 16) | cps[2:])[han[:-2] & han[1:-1] & han[2:]]]
        uniq, counts = np.unique(np.concatenate(keys), return_counts=True)
        pos = np.minimum(np.searchsorted(self.gram_keys, uniq), max(len(self.gram_keys) - 1, 0))
        found = self.gram_keys[pos] == uniq if len(self.gram_keys) else np.zeros(len(uniq), dtype=bool)
        ix = np.concatenate([np.fromiter(cols.keys(), dtype=np.int64, count=len(cols)), self.gram_cols[pos[found]]])
        tf = np.concatenate([np.fromiter(cols.values(), dtype=np.float64, count=len(cols)),
                             counts[found].astype(np.float64)])
        val = (1.0 + np.log(tf)) * self.idf[ix]
        norm = float(np.sqrt(val @ val)) if len(val) else 0.0
        return ix, (val / norm if norm else val)

    def logits(self, text: str, cut, words: list[str] | None = None) -> np.ndarray | None:
        """Raw class scores of ``text``; None when no feature is known (nothing to go on)."""
        words = cut(text) if words is None else words
        if len(text) > LONG_TEXT:  # numpy pays off only when there are many n-grams
            ix, val = self.text_vector(text, words)
        else:
            ix, val = self.vector(unfiltered_features(text, words))
        if not len(ix):
            return None
        return val @ self.coef[ix] + self.intercept

    def log_probs(self, logits: np.ndarray) -> np.ndarray:
        z = logits / self.temperature
        z = z - z.max()
        return z - math.log(float(np.exp(z).sum()))

    def predict(self, text: str, heading: str = "", cut=None, words: list[str] | None = None,
                heading_words: list[str] | None = None) -> Prediction:
        """The unit's dimension: body and heading together, the heading counted once more.

        A heading alone is strong evidence (一是督查落实更有力), so its log-probabilities are
        averaged in with weight ``heading_weight`` next to those of the whole unit (a weighted
        geometric mean, renormalised: each part is calibrated, the mean stays so). Below
        ``threshold`` the answer is the fallback, with that low confidence.
        ``words``/``heading_words``: jieba tokens already at hand (else ``cut`` is called).
        """
        if cut is None and (words is None or heading_words is None):
            cut = _default_cut()
        full = self.logits(text, cut, words) if text else None
        head = self.logits(heading, cut, heading_words) if heading else None
        return self.combine(full, head)

    def combine(self, full: np.ndarray | None, head: np.ndarray | None) -> Prediction:
        """``predict`` from the logits of the whole unit and of its heading (either may be None)."""
        return self.combine_log_probs(None if full is None else self.log_probs(full),
                                      None if head is None else self.log_probs(head))

    def batch_log_probs(self, logits: list[np.ndarray | None]) -> list[np.ndarray | None]:
        """``log_probs`` of many logit vectors at once (None stays None)."""
        have = [i for i, x in enumerate(logits) if x is not None]
        out: list[np.ndarray | None] = [None] * len(logits)
        if have:
            z = np.stack([logits[i] for i in have]) / self.temperature
            z = z - z.max(axis=1, keepdims=True)
            z = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
            for i, row in zip(have, z, strict=True):
                out[i] = row
        return out

    def combine_log_probs(self, full: np.ndarray | None, head: np.ndarray | None) -> Prediction:
        """``combine`` from log-probabilities already computed (``log_probs``)."""
        if full is None and head is None:
            return Prediction(self.fallback, 0.0, {})
        if head is not None and full is not None:
            # weighted geometric mean: the heading counts extra, the evidence is not counted twice
            score = (full + self.heading_weight * head) / (1.0 + self.heading_weight)
        else:
            score = (full if full is not None else head).copy()
        score -= score.max()
        p = np.exp(score)
        p /= p.sum()
        best = int(p.argmax())
        probs = {lab: float(p[i]) for i, lab in enumerate(self.labels)}
        if p[best] < self.threshold:
            return Prediction(self.fallback, float(p[best]), probs)
        return Prediction(self.labels[best], float(p[best]), probs)

    def gram_coverage(self, text: str) -> tuple[int, int]:
        """(known, all) character 2-/3-gram occurrences of ``text``: how much of it is office vocabulary."""
        known = total = 0
        for run in NOT_HAN.split(clean(text)):
            for n in (2, 3):
                for i in range(len(run) - n + 1):
                    total += 1
                    known += self.index.get("c" + run[i:i + n], self.domain_features) < self.domain_features
        return known, total

    def batch_logits(self, texts: list[str], words: list[list[str]],
                     coverage: list[tuple[int, int]] | None = None) -> list[np.ndarray | None]:
        """``_batch_logits`` over runs of texts of about BATCH_CHARS characters each.

        Each text's vector (and coverage) depends on its own n-grams only, so the runs give the
        same result as one pass, while numpy's temporaries (a few dozen bytes per character) stay
        near 2.5 MB instead of growing with the document (250 MB for a megabyte in one pass): small
        enough to stay in cache, and to leave little of the heap fragmented once they are freed
        (runs of 100,000 characters left the process 10 MB larger and were slower).
        """
        out: list[np.ndarray | None] = []
        lo, size = 0, 0
        for i, t in enumerate(texts):
            size += len(t)
            if size >= BATCH_CHARS or i == len(texts) - 1:
                out.extend(self._batch_logits(texts[lo:i + 1], words[lo:i + 1], coverage))
                lo, size = i + 1, 0
        return out

    def _batch_logits(self, texts: list[str], words: list[list[str]],
                      coverage: list[tuple[int, int]] | None = None) -> list[np.ndarray | None]:
        """``logits(text, words=w)`` of many texts at once: one pass of numpy over all of them.

        Per text, numpy's fixed costs dominate (a document has thousands of short units);
        here the character n-grams of every text are keyed as in ``text_vector`` with the
        text's number in the high bits, counted by one ``np.unique``, and the class scores
        summed per text by one ``np.add.reduceat``. The same vectors as ``logits``; only the
        order of the floating-point sums differs. ``coverage``, when given, receives
        ``gram_coverage`` of every text, counted from the same n-gram keys.
        """
        n = len(texts)
        out: list[np.ndarray | None] = [None] * n
        if not n:
            return out
        rows = np.arange(n, dtype=np.int64)
        # words: the columns of those in the vocabulary, by one dict lookup each
        flat = list(chain.from_iterable(words))
        w_cols = np.fromiter(map(self.counted_words.get, flat, repeat(-1)), dtype=np.int64, count=len(flat))
        w_rows = np.repeat(rows, np.fromiter(map(len, words), dtype=np.int64, count=n))
        known = w_cols >= 0
        # character n-grams of all texts, separated by a code point that is not Han
        cleaned = [clean(t) for t in texts]
        cps = np.frombuffer("\0".join(cleaned).encode("utf-32-le") + b"\0\0\0\0",
                            dtype=np.uint32).astype(np.int64)
        c_rows = np.repeat(rows, np.fromiter(map(len, cleaned), dtype=np.int64, count=n) + 1)
        han = (cps >= 0x4E00) & (cps <= 0x9FFF)
        m2 = han[:-1] & han[1:]
        m3 = han[:-2] & han[1:-1] & han[2:]
        keys = np.concatenate([((cps[:-1] << 16) | cps[1:])[m2], ((cps[:-2] << 32) | (cps[1:-1] << 16) | cps[2:])[m3]])
        k_rows = np.concatenate([c_rows[:-1][m2], c_rows[:-2][m3]])
        if len(self.gram_keys):
            pos = np.minimum(np.searchsorted(self.gram_keys, keys), len(self.gram_keys) - 1)
            found = self.gram_keys[pos] == keys
            g_rows, g_cols = k_rows[found], self.gram_cols[pos[found]]
        else:
            g_rows = g_cols = np.zeros(0, dtype=np.int64)
        if coverage is not None:
            office = g_rows[g_cols < self.domain_features]
            coverage.extend(zip(np.bincount(office, minlength=n).tolist(), np.bincount(k_rows, minlength=n).tolist(),
                                strict=True))
        # (text, column) pairs counted at once; words and n-grams never share a column
        bits = len(self.idf).bit_length()
        pairs = np.concatenate([(w_rows[known] << bits) | w_cols[known], (g_rows << bits) | g_cols])
        if not len(pairs):
            return out
        uniq, counts = np.unique(pairs, return_counts=True)
        rows_all, cols_all = uniq >> bits, uniq & ((1 << bits) - 1)
        val = (1.0 + np.log(counts.astype(np.float64))) * self.idf[cols_all]
        # rows_all is sorted (uniq is): each text's pairs start where the row number changes
        starts = np.concatenate(([0], np.flatnonzero(rows_all[1:] != rows_all[:-1]) + 1))
        present = rows_all[starts]
        norms = np.sqrt(np.add.reduceat(val * val, starts))
        val = val / np.repeat(np.where(norms > 0, norms, 1.0), np.diff(np.append(starts, len(rows_all))))
        scores = self._label_scores(cols_all, val, starts)
        for r, s in zip(present.tolist(), scores, strict=True):
            out[r] = s
        return out

    def _label_scores(self, cols: np.ndarray, val: np.ndarray, starts: np.ndarray) -> np.ndarray:
        """Class scores of each text: the sum of ``val * coef[col]`` over its (column, value) pairs.

        Done in blocks of whole texts: one (labels x pairs) temporary for a whole megabyte of
        text is over 100 MB, and allocating it cost more than the arithmetic; per block it stays
        in cache. Sums run in the same order as one big ``reduceat`` (each text lies in one block).
        """
        total = len(cols)
        out = np.empty((len(starts), len(self.labels)))
        cuts = np.unique(np.searchsorted(starts, np.arange(0, total, SCORE_BLOCK)))
        cuts = cuts[cuts < len(starts)]  # a block boundary inside the last text
        for a, b in zip(cuts.tolist(), [*cuts[1:].tolist(), len(starts)], strict=True):
            lo = int(starts[a])
            hi = int(starts[b]) if b < len(starts) else total
            block = self.coef_by_label[:, cols[lo:hi]] * val[lo:hi]
            out[a:b] = np.add.reduceat(block, starts[a:b] - lo, axis=1).T
        return out + self.intercept


BATCH_CHARS = 25_000


def gram_key(gram: str) -> int:
    """Integer key of a character 2- or 3-gram (see ``DimensionModel.text_vector``)."""
    key = 0
    for ch in gram:
        key = (key << 16) | ord(ch)
    return key


def _default_cut():
    from pipeline.segment import cut

    return cut


def default_dir() -> Path:
    return models_dir() / "dimensions"


@lru_cache(maxsize=4)
def load_model(folder: str | None = None) -> DimensionModel:
    """The process-wide model (loaded once)."""
    return DimensionModel.load(folder or default_dir())
