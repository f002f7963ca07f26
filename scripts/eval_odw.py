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

Folds are grouped by corrected sentence (``fold_ids``; ``--ungrouped`` deals records in turn), and
``--deep`` hands over to ``scripts/fit_context.py``, which refits the context scorer per fold too.

Usage: python scripts/eval_odw.py [--deep] [--folds 5] [--limit N] [--show N] [--ungrouped]
       python scripts/eval_odw.py --state-council [--deep]
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


def lint(text: str):
    """Serious and info RL8 findings of the default lint, and the context check's candidates with their gains."""
    doc = Document(text)
    analyse(doc, Options(select=["RL8"]), stages=("segment",))
    return doc, doc.findings


def fold_ids(records: list[dict], folds: int, grouped: bool = True) -> list[int]:
    """The fold of each record. Grouped (the default): by corrected sentence, so that the copies of one
    sentence (ODW holds 925 distinct corrected sentences in 1,720 records; 758 of the 997 wrong records
    share their corrected sentence with a record of another fold when folds are dealt in turn) all fall
    in one fold and nothing is measured on a sentence it was fitted on. Ungrouped: record i in fold i % k."""
    if not grouped:
        return [i % folds for i in range(len(records))]
    first: dict[str, int] = {}
    for r in records:
        first.setdefault(r["target"], len(first))
    return [first[r["target"]] % folds for r in records]


def held_out(records: list[dict], folds: int, grouped: bool = True, extra=None):
    """(fold, training records, row) for each record, its fold's ODW pairs and ODW-seen characters in force.

    Each fold's tables are fitted on the other folds only and removed afterwards. ``extra(train)``, when
    given, installs more per-fold tables and returns a temporary file to remove (fit_context's n-grams).
    A row holds the sentence pair and the positions of its wrong characters."""
    from pipeline.lexicon import context

    clean_base = dl.sc_texts() + dl.project_texts()
    fold = fold_ids(records, folds, grouped)
    for f in range(folds):
        train = [r for i, r in enumerate(records) if fold[i] != f]
        tmp = use_fold_pairs(dl.fit_odw_pairs(train, clean_base + [r["target"] for r in train]))
        chars_tmp = Path(tempfile.mkstemp(suffix=".txt", prefix="odw_chars_")[1])
        context.ODW_CHARS = dl.write_odw_chars(dl.fit_odw_chars(train), chars_tmp)
        context.candidates_table.cache_clear()
        extra_tmp = extra(clean_base, train) if extra else None
        try:
            for i, r in enumerate(records):
                if fold[i] == f:
                    s, t = r["source"], r["target"]
                    yield f, {"fold": f, "source": s, "target": t,
                              "wrong": {k for k, (a, b) in enumerate(zip(s, t, strict=False)) if a != b}}
        finally:
            for path in (tmp, chars_tmp, extra_tmp):
                if path:
                    path.unlink(missing_ok=True)


def collect(records: list[dict], folds: int, grouped: bool = True) -> list[dict]:
    """One row per sentence and its default findings; ODW pairs and ODW-seen characters refitted per fold."""
    rows = []
    for _, row in held_out(records, folds, grouped):
        for side, text in (("s", row["source"]), ("t", row["target"])):
            row[side + "_found"] = lint(text)[1]
        rows.append(row)
    return rows


def score(rows: list[dict], show: int = 0) -> dict:
    """Recall, precision and false alarms of the default lint over the rows."""
    st: Counter[str] = Counter()
    by_rule: Counter[str] = Counter()
    examples: list[str] = []
    for row in rows:
        s, t, wrong = row["source"], row["target"], row["wrong"]
        spans = [(x.start, x.end, x.code) for x in row["s_found"] if x.severity in SERIOUS]
        st["info findings"] += sum(x.severity == "info" for x in row["s_found"])
        hits = [x for x in spans if wrong & set(range(x[0], x[1]))]
        fa = [x for x in spans if not wrong & set(range(x[0], x[1]))]
        st["chars"] += len(s)
        st["findings"] += len(spans)
        st["false findings"] += len(fa)
        if wrong:
            st["wrong sentences"] += 1
            if hits:
                st["detected"] += 1
                for code in {x[2] for x in hits}:
                    by_rule[code] += 1
            elif fa:
                st["flagged without detection"] += 1
        else:
            st["correct sentences"] += 1
            if fa:
                st["correct flagged"] += 1
        for x in fa:
            if len(examples) < show:
                examples.append(f"  FA {x[2]} {s[max(0, x[0] - 8):x[0]]}[{s[x[0]:x[1]]}]{s[x[1]:x[1] + 8]}")
        tspans = [(x.start, x.end, x.code) for x in row["t_found"] if x.severity in SERIOUS]
        st["target chars"] += len(t)
        if tspans:
            st["targets flagged"] += 1
            for x in tspans:
                if len(examples) < show:
                    examples.append(f"  TGT {x[2]} {t[max(0, x[0] - 8):x[0]]}[{t[x[0]:x[1]]}]{t[x[1]:x[1] + 8]}")
    det = st["detected"]
    out: dict = dict(st)
    out["recall"] = round(det / max(1, st["wrong sentences"]), 4)
    flagged = det + st["flagged without detection"] + st["correct flagged"]
    out["precision"] = round(det / max(1, flagged), 4)
    out["detected by rule"] = dict(by_rule)
    out["examples"] = examples
    return out


def state_council(deep: bool) -> int:
    """RL8 warnings and errors per 10,000 characters on the State Council/CPC reports, each listed.

    With ``deep`` the context check's n-gram model is rebuilt on one half of the reports (with the
    project's corpus and the corrected ODW sentences) and measured on the other half, both ways, since
    the shipped model has seen them all.
    """
    from pipeline.lexicon import ngram

    texts = dl.sc_texts()
    halves = [[t for i, t in enumerate(texts) if i % 2 == h] for h in (0, 1)]
    chars = found = 0
    for h in (0, 1):
        if deep:
            tmp = Path(tempfile.mkstemp(suffix=".npz", prefix="ngram_half_")[1])
            ngram.build_counts(dl.lm_texts(halves[1 - h]), tmp)
            ngram.model.cache_clear()
            ngram.NGRAM = tmp
        for text in halves[h]:
            doc = Document(text)
            analyse(doc, Options(select=["RL8"], deep=deep), stages=("segment",))
            chars += len(doc.text)
            for f in doc.findings:
                if f.severity in SERIOUS:
                    found += 1
                    print(f"  {f.code} {doc.text[max(0, f.start - 10):f.start]}[{doc.text[f.start:f.end]}]"
                          f"{doc.text[f.end:f.end + 10]} :: {f.message}".replace("\n", " "))
        if deep:
            tmp.unlink(missing_ok=True)
    print(f"State Council/CPC: {chars} characters, {found} RL8 warnings/errors, "
          f"{found / chars * 1e4:.3f} per 10,000 characters ({'--deep, 2-fold n-gram' if deep else 'default'})")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--deep", action="store_true",
                    help="also measure the context check (RL804): scripts/fit_context.py refits its scorer by k-fold")
    ap.add_argument("--ungrouped", action="store_true", help="deal records to folds in turn (see fold_ids)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--limit", type=int, default=0, help="only the first N sentences (a quick look)")
    ap.add_argument("--show", type=int, default=30, help="false alarms to print")
    ap.add_argument("--state-council", action="store_true",
                    help="instead: false alarms on the State Council/CPC reports (with --deep: 2-fold n-gram)")
    args = ap.parse_args(argv)
    if args.state_council:
        return state_council(args.deep)
    records = dl.odw_records()
    if args.limit:
        records = records[:args.limit]
    if args.deep:
        import fit_context

        return fit_context.main(["--folds", str(args.folds), "--limit", str(args.limit), "--show", str(args.show)]
                                + (["--ungrouped"] if args.ungrouped else []))
    rows = collect(records, args.folds, not args.ungrouped)
    res = score(rows, args.show)
    print("== default (lexicon, near-miss idioms; ODW pairs by k-fold)")
    for k, v in res.items():
        if k != "examples":
            print(f"{k}: {v}")
    for line in res["examples"]:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
