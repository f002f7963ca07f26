"""Recall and precision of the RL8 checks on the ODW training split (../shared), each sentence its own document.

A sentence with wrong characters (``source`` differs from ``target``) is detected
when an RL8 finding of warning or error covers one of its wrong characters; a
finding anywhere else (a correct sentence, or a wrong sentence away from its
wrong characters) is a false alarm. Precision counts sentences: detected /
(detected + sentences flagged only by false alarms). The 1,720 corrected
``target`` sentences are linted too: any finding there is a false alarm.

Pairs read off ODW are refitted by 5-fold cross-validation: for each fold the
shipped ``odw.tsv`` is replaced by pairs fitted on the other four folds, and
only the held-out fifth is measured. Info findings are counted apart.

Usage: python scripts/eval_odw.py [--deep] [--folds 5] [--limit N] [--show N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import derive_lexicon as dl  # noqa: E402

from pipeline.config import Options  # noqa: E402
from pipeline.document import Document  # noqa: E402
from pipeline.lexicon import matcher, pairs  # noqa: E402
from pipeline.lint import analyse  # noqa: E402

SERIOUS = ("warning", "error")


def use_fold_pairs(fold_pairs: dict[str, str]) -> Path:
    """Replace the shipped odw.tsv by pairs fitted on the training folds; returns the temporary file."""
    tmp = Path(tempfile.mkstemp(suffix=".tsv", prefix="odw_fold_")[1])
    tmp.write_text("".join(f"{w}\t{r}\twarning\t\tODW\n" for w, r in sorted(fold_pairs.items())), encoding="utf-8")
    shipped = [f for f in sorted(pairs.DATA.glob("*.tsv")) if f.name != "odw.tsv"]
    pairs.builtin_files = lambda: shipped + [tmp]  # type: ignore[assignment]
    matcher.builtin_files = pairs.builtin_files  # type: ignore[attr-defined]
    matcher._cached.cache_clear()
    return tmp


def lint(text: str, deep: bool):
    doc = Document(text)
    analyse(doc, Options(select=["RL8"], deep=deep), stages=("segment",))
    return doc.findings


def evaluate(records: list[dict], folds: int, deep: bool, show: int) -> dict:
    clean_base = dl.sc_texts() + dl.project_texts()
    stats: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    examples: list[str] = []
    for f in range(folds):
        held = [r for i, r in enumerate(records) if i % folds == f]
        train = [r for i, r in enumerate(records) if i % folds != f]
        fitted = dl.fit_odw_pairs(train, clean_base + [r["target"] for r in train])
        tmp = use_fold_pairs(fitted)
        try:
            for r in held:
                s, t = r["source"], r["target"]
                wrong = {i for i, (a, b) in enumerate(zip(s, t, strict=False)) if a != b}
                found = lint(s, deep)
                stats["chars"] += len(s)
                serious = [x for x in found if x.severity in SERIOUS]
                stats["info findings"] += len(found) - len(serious)
                hits = [x for x in serious if wrong & set(range(x.start, x.end))]
                fa = [x for x in serious if not wrong & set(range(x.start, x.end))]
                stats["findings"] += len(serious)
                stats["false findings"] += len(fa)
                if wrong:
                    stats["wrong sentences"] += 1
                    if hits:
                        stats["detected"] += 1
                        for x in hits:
                            by_kind[x.code] += 1
                        if not fa:
                            pass
                    elif fa:
                        stats["flagged wrongly"] += 1
                else:
                    stats["correct sentences"] += 1
                    if fa:
                        stats["flagged wrongly"] += 1
                        stats["correct flagged"] += 1
                for x in fa:
                    if len(examples) < show:
                        examples.append(f"  FA {x.code} {s[max(0, x.start - 8):x.end + 8]} :: {x.message}")
                tf = [x for x in lint(t, deep) if x.severity in SERIOUS]
                stats["target chars"] += len(t)
                if tf:
                    stats["targets flagged"] += 1
                    for x in tf:
                        if len(examples) < show:
                            examples.append(f"  TGT {x.code} {t[max(0, x.start - 8):x.end + 8]} :: {x.message}")
        finally:
            tmp.unlink(missing_ok=True)
    det, flagged = stats["detected"], stats["flagged wrongly"]
    stats_out = dict(stats)
    stats_out["recall"] = round(det / max(1, stats["wrong sentences"]), 4)
    stats_out["precision"] = round(det / max(1, det + flagged), 4)
    stats_out["detected by rule"] = dict(by_kind)
    return {"stats": stats_out, "examples": examples}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--deep", action="store_true", help="also run the context check (RL804)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--limit", type=int, default=0, help="only the first N sentences (a quick look)")
    ap.add_argument("--show", type=int, default=30, help="false alarms to print")
    args = ap.parse_args(argv)
    records = dl.odw_records()
    if args.limit:
        records = records[:args.limit]
    res = evaluate(records, args.folds, args.deep, args.show)
    for k, v in res["stats"].items():
        print(f"{k}: {v}")
    for line in res["examples"]:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
