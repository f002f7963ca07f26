"""Fit and measure the ``--deep`` context scorer (RL804) on the ODW training split by k-fold.

Each candidate (position, replacement character) of the context check has a
row of features (``pipeline.lexicon.context.FEATURES``). A logistic regression
is fitted on the candidates of four folds (positives: the corrected character
at a wrong position; negatives: every candidate on a corrected sentence and
every candidate away from the wrong characters), its threshold set on the same
four folds as the lowest score that flags no corrected sentence, and both are
measured on the held-out fifth. ``--write`` fits on all five folds and ships
the weights (``data/context_weights.json``: feature means, scales, weights,
threshold; numbers only).

The n-gram counts are rebuilt per fold on the State Council/CPC reports, the
project corpus and the training folds' distinct corrected sentences, as the
shipped ``ngram.npz`` counts them all; folds are grouped by corrected sentence
(``eval_odw.fold_ids``). The threshold carries a margin from a nested
leave-one-fold-out pass (``fit_model``).

Usage: python scripts/fit_context.py [--folds 5] [--limit N] [--show N] [--write] [--rows .tmp/context_rows.pkl]
       [--no-margin] [--ungrouped] [--no-odw-text]
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import derive_lexicon as dl  # noqa: E402
import eval_odw  # noqa: E402

from pipeline.document import Document  # noqa: E402
from pipeline.lexicon import context  # noqa: E402

SERIOUS = ("warning", "error")


def doc_candidates(doc: Document) -> tuple[list[tuple[int, str, str]], np.ndarray]:
    """The context check's candidates of a linted document away from table matches, with their features."""
    from pipeline.lexicon.slips import Spans, shielded_spans

    taken = Spans(sorted((x.start, x.end) for x in doc.slips))
    found, x = context.candidate_features(doc, Spans(shielded_spans(doc.text)))
    keep = [k for k, (p, _, _) in enumerate(found) if not taken.overlaps(p, p + 1)]
    return [found[k] for k in keep], x[keep] if len(found) else x


def use_fold_ngram(texts: list[str]) -> Path:
    """Rebuild the character n-gram counts on ``texts`` (the fold's training text) in a temporary file."""
    from pipeline.lexicon import ngram

    tmp = Path(tempfile.mkstemp(suffix=".npz", prefix="ngram_fold_")[1])
    ngram.build_counts(texts, tmp)
    ngram.NGRAM = tmp
    ngram.model.cache_clear()
    return tmp


def collect(records: list[dict], folds: int, grouped: bool = True, odw_text: bool = True) -> list[dict]:
    """One row per sentence: default findings and context candidates of source and target; ODW pairs,
    ODW-seen characters (and with ``odw_text`` the n-gram counts) refitted per fold (folds grouped by
    corrected sentence, see eval_odw.fold_ids)."""

    def ngrams(clean_base: list[str], train: list[dict]) -> Path | None:
        return use_fold_ngram(clean_base + sorted({r["target"] for r in train})) if odw_text else None

    rows = []
    for _, row in eval_odw.held_out(records, folds, grouped, extra=ngrams):
        for side, text in (("s", row["source"]), ("t", row["target"])):
            doc, found = eval_odw.lint(text)
            row[side + "_spans"] = [(x.start, x.end, x.code) for x in found if x.severity in SERIOUS]
            row[side + "_cands"], row[side + "_x"] = doc_candidates(doc)
        rows.append(row)
    return rows


def training_set(rows: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    """Candidates and labels: 1 for the corrected character at a wrong position, 0 for every candidate
    away from the wrong characters and on corrected sentences (other characters at a wrong position
    are left out: they count as detections but are not the right answer)."""
    xs, ys = [], []
    for row in rows:
        wrong, t = row["wrong"], row["target"]
        for (p, c, _), x in zip(row["s_cands"], context.expand(row["s_x"]), strict=True):
            if p in wrong:
                if c == t[p]:
                    xs.append(x)
                    ys.append(1.0)
            else:
                xs.append(x)
                ys.append(0.0)
        xs.extend(context.expand(row["t_x"]))
        ys.extend([0.0] * len(row["t_x"]))
    return np.array(xs).reshape(-1, len(context.FEATURES) + len(context.DERIVED)), np.array(ys)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0, iters: int = 30) -> dict:
    """L2-regularised logistic regression by Newton's method on standardised features."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    reg = np.full(z.shape[1], l2)
    reg[-1] = 0.0
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        grad = z.T @ (p - y) + reg * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(reg) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-7:
            break
    return {"features": list(context.FEATURES + context.DERIVED), "mean": mean.tolist(), "scale": scale.tolist(),
            "weights": w[:-1].tolist(), "bias": float(w[-1])}


def scores(model: dict, x: np.ndarray) -> np.ndarray:
    if not len(x):
        return np.zeros(0)
    z = (context.expand(x) - np.array(model["mean"])) / np.array(model["scale"])
    return z @ np.array(model["weights"]) + model["bias"]


def flagged(row: dict, side: str, model: dict, th: float) -> list[int]:
    """Positions the context check reports on one side of a row at threshold ``th``."""
    s = scores(model, row[side + "_x"])
    return sorted({p for (p, _, _), v in zip(row[side + "_cands"], s.tolist(), strict=True) if v >= th})


def fit_threshold(rows: list[dict], model: dict) -> float:
    """The lowest score above every candidate of every corrected sentence and of every correct (unchanged)
    position where no table finding already flags the sentence."""
    top = -np.inf
    for row in rows:
        if row["t_spans"]:
            continue  # the sentence is flagged anyway; the threshold cannot help
        if len(row["t_x"]):
            top = max(top, float(scores(model, row["t_x"]).max()))
    return float(top) + 1e-6


def top_target(rows: list[dict], model: dict) -> float:
    """The highest score of a candidate on a corrected sentence that no table finding flags already."""
    return fit_threshold(rows, model) - 1e-6


def fit_model(rows: list[dict], l2: float, nested: bool = True) -> dict:
    """Weights fitted on ``rows``, and a threshold: the lowest score flagging none of their corrected
    sentences, raised (``nested``) by the most that a held-out fold's corrected sentences rose above the
    threshold fitted on the others, in a leave-one-fold-out pass over ``rows`` (a margin for sentences
    unlike any seen)."""
    model = fit_logistic(*training_set(rows), l2=l2)
    th = fit_threshold(rows, model)
    margin = 0.0
    if nested:
        for g in sorted({r["fold"] for r in rows}):
            inner = [r for r in rows if r["fold"] != g]
            m = fit_logistic(*training_set(inner), l2=l2)
            margin = max(margin, top_target([r for r in rows if r["fold"] == g], m) - fit_threshold(inner, m))
    model["threshold"] = th + margin
    model["margin"] = margin
    return model


def measure(rows: list[dict], model: dict, th: float, show: int = 0) -> Counter:
    st: Counter = Counter()
    for row in rows:
        wrong = row["wrong"]
        spans = list(row["s_spans"]) + [(p, p + 1, "RL804") for p in flagged(row, "s", model, th)]
        hits = [x for x in spans if wrong & set(range(x[0], x[1]))]
        fa = [x for x in spans if not wrong & set(range(x[0], x[1]))]
        if wrong:
            st["wrong sentences"] += 1
            if hits:
                st["detected"] += 1
                lex = any(x[2] != "RL804" for x in hits)
                st["detected by tables (RL801-803)" if lex else "detected by RL804 only"] += 1
            elif fa:
                st["flagged without detection"] += 1
        else:
            st["correct sentences"] += 1
            st["correct flagged"] += bool(fa)
        st["false findings"] += len(fa)
        st["false RL804 findings"] += sum(x[2] == "RL804" for x in fa)
        if row["t_spans"] or flagged(row, "t", model, th):
            st["targets flagged"] += 1
        if show and fa and st["shown"] < show:
            st["shown"] += 1
            s = row["source"]
            for x in fa:
                print(f"  FA {x[2]} {s[max(0, x[0] - 8):x[0]]}[{s[x[0]:x[1]]}]{s[x[1]:x[1] + 8]}")
    return st


def report(st: Counter, title: str) -> None:
    flagged_n = st["detected"] + st["flagged without detection"] + st["correct flagged"]
    print(f"== {title}")
    for k, v in st.items():
        if k != "shown":
            print(f"{k}: {v}")
    print(f"recall: {st['detected'] / max(1, st['wrong sentences']):.4f}")
    print(f"precision: {st['detected'] / max(1, flagged_n):.4f}")


def kfold(rows: list[dict], folds: int, l2: float, show: int, nested: bool = True) -> Counter:
    total: Counter = Counter()
    for f in range(folds):
        train = [r for r in rows if r["fold"] != f]
        model = fit_model(train, l2, nested)
        th = model["threshold"]
        st = measure([r for r in rows if r["fold"] == f], model, th, show)
        print(f"fold {f}: threshold {th:.3f} (margin {model['margin']:.3f}), detected {st['detected']}, "
              f"targets flagged {st['targets flagged']}")
        total.update(st)
    return total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--no-odw-text", action="store_true",
                    help="leave the training folds' corrected sentences out of the n-gram counts")
    ap.add_argument("--no-margin", action="store_true",
                    help="threshold just above the training folds' corrected sentences (no nested margin)")
    ap.add_argument("--ungrouped", action="store_true",
                    help="deal records to folds in turn (copies of a sentence then fall in several folds)")
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--rows", default="", help="pickle of collected rows to reuse (written when absent)")
    ap.add_argument("--write", action="store_true", help="fit on all folds and ship data/context_weights.json")
    args = ap.parse_args(argv)
    cache = Path(args.rows) if args.rows else None
    if cache and cache.exists():
        rows = pickle.loads(cache.read_bytes())
    else:
        records = dl.odw_records()
        rows = collect(records[:args.limit] if args.limit else records, args.folds, not args.ungrouped,
                       not args.no_odw_text)
        if cache:
            cache.write_bytes(pickle.dumps(rows))
    default: Counter = Counter()
    for row in rows:
        default["wrong sentences"] += bool(row["wrong"])
        default["detected"] += bool(row["wrong"]) and any(row["wrong"] & set(range(a, b)) for a, b, _ in row["s_spans"])
        default["targets flagged"] += bool(row["t_spans"])
    print(f"default: detected {default['detected']} of {default['wrong sentences']}, "
          f"targets flagged {default['targets flagged']}")
    total = kfold(rows, args.folds, args.l2, args.show, not args.no_margin)
    report(total, f"--deep, scorer and threshold fitted on {args.folds - 1}/{args.folds}, measured on the rest")
    if args.write:
        model = fit_model(rows, args.l2, not args.no_margin)
        out = context.WEIGHTS
        out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {out} (threshold {model['threshold']:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
