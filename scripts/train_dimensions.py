"""Train the work-dimension classifier from ``corpora/reports`` and write ``models/dimensions/``.

Two candidates are scored by 5-fold cross-validation grouped by report (no report is
split between training and test): a scikit-learn logistic regression on TF-IDF of jieba
words and character 2-3-grams, and a spaCy ``textcat`` (bag of words, jieba segmenter).
The logistic regression is refitted on everything, calibrated (one temperature fitted on
out-of-fold scores) and written as JSON + ``.npy`` for numpy inference; the scores go to
``models/dimensions/cv.json`` for the model card. Same corpus + same seed = same bytes.

Besides the reports, ``corpora/not_office/paragraphs.txt`` gives paragraphs that are not an
office's own work (national economy, industry, culture, diplomacy …), all labelled 其他; their
n-grams are placed after the office vocabulary, and ``domain_features`` (how many columns come
from the reports) lets the stage judge how much of a text is office vocabulary.

Usage: python scripts/train_dimensions.py [--no-spacy] [--out models/dimensions]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.dimensions.features import clean, features  # noqa: E402
from pipeline.dimensions.model import FORMAT, DimensionModel  # noqa: E402
from pipeline.segment import cut  # noqa: E402
from pipeline.vocab.numerals import LABEL_DIGITS  # noqa: E402

SEED = 20261125
FOLDS = 5
C = 10.0
MIN_DF = 2
HEADING_END = re.compile(r"[。！？；;!?]")
CN = f"[{LABEL_DIGITS}]{{1,3}}"
LABEL = re.compile(rf"^(?:{CN}[、是]|（{CN}）|第{CN}，|\d{{1,2}}．)")


@dataclass
class Unit:
    file: str
    label: str
    heading: str
    body: str
    kind: str  # item | heading-line | line

    @property
    def text(self) -> str:
        return (self.heading + "。" + self.body) if self.heading and self.body else (self.heading or self.body)


def split_heading(line: str) -> tuple[str, str]:
    """(heading, body) of a labelled line: the heading ends at the first sentence mark."""
    m = LABEL.match(line)
    rest = line[m.end():] if m else line
    stop = HEADING_END.search(rest)
    if not m:
        return "", line
    if stop is None:
        return rest.strip(), ""
    return rest[:stop.start()].strip(), rest[stop.end():].strip()


def load_units(folder: Path) -> list[Unit]:
    """Item units (heading + body) and single lines outside items, from labels.jsonl."""
    records = [json.loads(x) for x in (folder / "labels.jsonl").read_text(encoding="utf-8").splitlines()]
    texts: dict[str, list[str]] = {}
    items: dict[tuple[str, int], list[tuple[dict, str]]] = defaultdict(list)
    units: list[Unit] = []
    for r in records:
        if r["file"] not in texts:
            texts[r["file"]] = (folder / r["file"]).read_text(encoding="utf-8").split("\n")
        line = texts[r["file"]][r["line"] - 1]
        if r["dimension"] is None:
            continue  # a problems paragraph listing several dimensions
        if r["item"] is None:
            units.append(Unit(r["file"], r["dimension"], "", line, "line"))
        else:
            items[(r["file"], r["item"])].append((r, line))
    for (file, _), lines in items.items():
        first, text = lines[0]
        if first["role"] == "heading":
            m = LABEL.match(text)
            heading = text[m.end():] if m else text
            body = "".join(t for _, t in lines[1:])
        else:
            heading, body = split_heading(text)
            body = "".join([body] + [t for _, t in lines[1:]])
        units.append(Unit(file, first["dimension"], heading, body, "item"))
    return units


def load_not_office(path: Path, label: str) -> list[Unit]:
    """One ``line`` unit per paragraph of the not-office file, grouped by its ``# topic`` lines."""
    units: list[Unit] = []
    topic = "misc"
    if not path.is_file():
        return units
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("#"):
            topic = line.lstrip("# ").strip() or topic
        elif line:
            units.append(Unit(f"not_office:{topic}", label, "", line, "line"))
    return units


def training_examples(units: list[Unit]) -> list[tuple[str, str]]:
    """(text, label): every unit whole, every item's heading on its own, and each body sentence.

    Single sentences teach the model that a short text can carry a dimension too; without
    them every short input looks like the titles and section headings of 其他.
    """
    out = []
    for u in units:
        out.append((u.text, u.label))
        if u.kind == "item" and u.heading and u.body:
            out.append((u.heading, u.label))
        if u.kind == "item":
            out += [(s, u.label) for s in sentences(u.body)]
    return out


# ---------------------------------------------------------------------------
# The numpy-shippable model: vocabulary, idf, logistic-regression weights.
# ---------------------------------------------------------------------------
OUTSIDE: set[str] = set()  # texts of the not-office paragraphs (filled by main)


def fit_linear(examples: list[tuple[str, str]], labels: list[str], feats_cache: dict) -> DimensionModel:
    """Logistic regression on TF-IDF; the vocabulary lists the reports' features first.

    Features seen at least ``MIN_DF`` times in the office reports come first (sorted), those
    only the not-office paragraphs make frequent after them; ``domain_features`` is the count
    of the first kind. With no not-office paragraphs this is the plain sorted vocabulary.
    """
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    feats = [feats_cache[t] for t, _ in examples]
    df: Counter[str] = Counter()
    df_office: Counter[str] = Counter()
    for (t, _), f in zip(examples, feats, strict=True):
        df.update(f.keys())
        if t not in OUTSIDE:
            df_office.update(f.keys())
    kept = {f for f, n in df.items() if n >= MIN_DF}
    office = sorted(f for f in kept if df_office[f] >= MIN_DF)
    vocab = office + sorted(kept - set(office))
    index = {f: i for i, f in enumerate(vocab)}
    n = len(feats)
    idf = np.array([math.log((1 + n) / (1 + df[f])) + 1.0 for f in vocab], dtype=np.float32)
    rows, cols, vals = [], [], []
    for r, f in enumerate(feats):
        for k, c in f.items():
            i = index.get(k)
            if i is not None:
                rows.append(r)
                cols.append(i)
                vals.append((1.0 + math.log(c)) * float(idf[i]))
    X = csr_matrix((vals, (rows, cols)), shape=(n, len(vocab)), dtype=np.float64)
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    X = csr_matrix(X.multiply(1.0 / norms[:, None]))
    y = np.array([labels.index(lab) for _, lab in examples])
    clf = LogisticRegression(C=C, max_iter=3000, class_weight="balanced", random_state=SEED)
    clf.fit(X, y)
    coef = clf.coef_.T.astype(np.float32)
    intercept = clf.intercept_.astype(np.float32)
    return DimensionModel(labels, vocab, idf, coef, intercept, {"temperature": 1.0, "domain_features": len(office)})


def macro_f1(gold: list[str], pred: list[str], labels: list[str]) -> tuple[float, dict[str, float]]:
    per = {}
    for lab in labels:
        tp = sum(g == lab and p == lab for g, p in zip(gold, pred, strict=True))
        fp = sum(g != lab and p == lab for g, p in zip(gold, pred, strict=True))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred, strict=True))
        per[lab] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return sum(per.values()) / len(per), per


def folds_of(units: list[Unit]) -> list[list[str]]:
    files = sorted({u.file for u in units})
    rng = random.Random(SEED)
    rng.shuffle(files)
    return [files[k::FOLDS] for k in range(FOLDS)]


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。；！？])", text) if len(s) >= 8]


def _norm(sentence: str) -> str:
    return re.sub(r"[0-9.]+", "0", sentence.strip("。；！？ "))


def seen_sentences(units: list[Unit]) -> set[str]:
    """Every sentence of the training units, numbers blanked: a test sentence in here is not new."""
    return {_norm(s) for u in units for s in re.split(r"(?<=[。；！？])", u.text) if s}


def unseen_sentences(tests: list[Unit], seen: set[str]) -> list[tuple[Unit, str]]:
    """Body sentences of held-out items that no training report contains (another phrasing)."""
    return [(u, s) for u in tests if u.kind == "item" for s in sentences(u.body) if _norm(s) not in seen]


def cv_linear(units: list[Unit], labels: list[str], feats_cache: dict) -> dict:
    """Out-of-fold scores of every unit, and of held-out body sentences no training report has.

    Whole units of composed reports are too easy to calibrate on (every one is right), and a
    pool sentence seen in another report is no test either; a sentence in wording the training
    folds never saw is the closest the corpus gets to a real draft, so the temperature is
    fitted on those.
    """
    oof: list[tuple[Unit, np.ndarray | None, np.ndarray | None]] = []
    oof_sent: list[tuple[Unit, np.ndarray | None, None]] = []
    for test_files in folds_of(units):
        test = set(test_files)
        train = [u for u in units if u.file not in test]
        model = fit_linear(training_examples(train), labels, feats_cache)
        tests = [u for u in units if u.file in test]
        for u in tests:
            oof.append((u, _logits(model, u.text, feats_cache), _logits(model, u.heading, feats_cache)
                        if u.heading else None))
        fresh = unseen_sentences(tests, seen_sentences(train))
        oof_sent += [(u, _logits(model, s, feats_cache), None) for u, s in fresh]
    return {"oof": oof, "oof_sentences": oof_sent}


def _logits(model: DimensionModel, text: str, feats_cache: dict) -> np.ndarray | None:
    f = feats_cache.get(text) or features(text, cut)
    ix, val = model.vector(f)
    return None if not len(ix) else val @ model.coef[ix] + model.intercept


def _log_softmax(z: np.ndarray, t: float) -> np.ndarray:
    z = z / t
    z = z - z.max()
    return z - math.log(float(np.exp(z).sum()))


def combine(full, head, t: float, w: float) -> np.ndarray:
    score = _log_softmax(full, t) if full is not None else 0.0
    if head is not None and full is not None:
        score = (score + w * _log_softmax(head, t)) / (1.0 + w)
    elif head is not None:
        score = _log_softmax(head, t)
    score = score - np.max(score)
    p = np.exp(score)
    return p / p.sum()


def fit_temperature(oof, labels: list[str]) -> float:
    """The temperature minimising the negative log-likelihood of out-of-fold unit scores."""
    best, best_nll = 1.0, float("inf")
    for t in np.round(np.arange(0.05, 3.001, 0.05), 2):
        nll = 0.0
        for u, full, _ in oof:
            if full is not None:
                nll -= _log_softmax(full, float(t))[labels.index(u.label)]
        if nll < best_nll - 1e-9:
            best, best_nll = float(t), nll
    return best


def expected_calibration_error(oof, labels, t, w, bins: int = 10) -> float:
    conf, right = [], []
    for u, full, head in oof:
        p = combine(full, head, t, w)
        conf.append(float(p.max()))
        right.append(labels[int(p.argmax())] == u.label)
    conf_a, right_a = np.array(conf), np.array(right, dtype=float)
    ece = 0.0
    for b in range(bins):
        m = (conf_a > b / bins) & (conf_a <= (b + 1) / bins)
        if m.any():
            ece += m.mean() * abs(conf_a[m].mean() - right_a[m].mean())
    return float(ece)


# ---------------------------------------------------------------------------
# spaCy textcat on the same folds.
# ---------------------------------------------------------------------------
def cv_spacy(units: list[Unit], labels: list[str], epochs: int = 12) -> dict:
    import spacy
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    gold_all, pred_all, fold_f1, sent_gold, sent_pred = [], [], [], [], []
    fit_s = 0.0
    nlp = None
    for test_files in folds_of(units):
        test = set(test_files)
        fix_random_seed(SEED)
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
        tc = nlp.add_pipe("textcat", config={"model": {
            "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 2,
            "no_output_layer": False, "length": 262144}})
        for lab in labels:
            tc.add_label(lab)
        train = training_examples([u for u in units if u.file not in test])
        docs = [Example.from_dict(nlp.make_doc(clean(t)), {"cats": {lab: float(lab == y) for lab in labels}})
                for t, y in train]
        t0 = time.perf_counter()
        opt = nlp.initialize(lambda docs=docs: docs)
        rng = random.Random(SEED)
        for _ in range(epochs):
            rng.shuffle(docs)
            for batch in minibatch(docs, size=32):
                nlp.update(batch, sgd=opt, losses={})
        fit_s += time.perf_counter() - t0
        tests = [u for u in units if u.file in test]
        gold = [u.label for u in tests]
        pred = [max(d.cats, key=d.cats.get) for d in nlp.pipe(clean(u.text) for u in tests)]
        fold_f1.append(macro_f1(gold, pred, labels)[0])
        gold_all += gold
        pred_all += pred
        train_units = [u for u in units if u.file not in test]
        sents = [(s, u.label) for u, s in unseen_sentences(tests, seen_sentences(train_units))]
        sent_gold += [y for _, y in sents]
        sent_pred += [max(d.cats, key=d.cats.get) for d in nlp.pipe(clean(s) for s, _ in sents)]
    f1, per = macro_f1(gold_all, pred_all, labels)
    sent_f1 = macro_f1(sent_gold, sent_pred, labels)[0]
    load_s = None
    if nlp is not None:  # start-up cost of shipping the spaCy model instead
        import subprocess
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            nlp.to_disk(tmp)
            size = sum(p.stat().st_size for p in Path(tmp).rglob("*") if p.is_file())
            code = (f"import time; t=time.perf_counter(); import spacy; spacy.load({tmp!r}); "
                    "print(time.perf_counter()-t)")
            out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
            load_s = float(out.stdout.strip()) if out.returncode == 0 else None
    return {"macro_f1": f1, "per_class_f1": per, "fold_macro_f1": fold_f1, "fit_seconds": fit_s,
            "macro_f1_unseen_sentences": sent_f1,
            "load_seconds_fresh_process": load_s, "model_bytes": size if nlp is not None else None,
            "architecture": "spacy.TextCatBOW.v3 (ngram_size 2), jieba segmenter", "epochs": epochs}


# ---------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpora" / "reports")
    ap.add_argument("--not-office", type=Path, default=ROOT / "corpora" / "not_office" / "paragraphs.txt",
                    help="paragraphs that are not office work, all labelled 其他")
    ap.add_argument("--out", type=Path, default=ROOT / "models" / "dimensions")
    ap.add_argument("--no-spacy", action="store_true", help="skip the spaCy comparison (faster)")
    args = ap.parse_args(argv)
    random.seed(SEED)
    np.random.seed(SEED)

    import yaml

    taxonomy = yaml.safe_load((ROOT / "corpora" / "dimensions.yml").read_text(encoding="utf-8"))
    labels = list(taxonomy["order"])
    units = load_units(args.corpus)
    outside = load_not_office(args.not_office, taxonomy.get("fallback", "其他"))
    OUTSIDE.update(u.text for u in outside)
    units += outside
    counts = Counter(u.label for u in units)
    n_reports = len({u.file for u in units if not u.file.startswith("not_office:")})
    print(f"{len(units)} units from {n_reports} reports and {len(outside)} not-office paragraphs: {dict(counts)}")
    feats_cache: dict = {}
    for u in units:
        for t in (u.text, u.heading, *sentences(u.body)):
            if t and t not in feats_cache:
                feats_cache[t] = features(t, cut)

    t0 = time.perf_counter()
    cv = cv_linear(units, labels, feats_cache)
    oof = cv["oof"]
    temperature = fit_temperature(cv["oof_sentences"], labels)
    sent_pred = [labels[int(f.argmax())] for _, f, _ in cv["oof_sentences"] if f is not None]
    sent_f1 = macro_f1([u.label for u, f, _ in cv["oof_sentences"] if f is not None], sent_pred, labels)[0]
    sent_ece = expected_calibration_error(cv["oof_sentences"], labels, temperature, 0.0)
    items = [(u, f, h) for u, f, h in oof if u.kind == "item"]
    grid = {}
    for w in (0.0, 0.25, 0.5, 0.75, 1.0):
        pred = [labels[int(combine(f, h, temperature, w).argmax())] for _, f, h in items]
        grid[w] = macro_f1([u.label for u, _, _ in items], pred, labels)[0]
    heading_weight = max(grid, key=lambda w: (round(grid[w], 4), -abs(w - 0.5)))
    all_pred = [labels[int(combine(f, h, temperature, heading_weight).argmax())] for _, f, h in oof]
    lin_f1, lin_per = macro_f1([u.label for u, _, _ in oof], all_pred, labels)
    full_only = [labels[int(f.argmax())] if f is not None else "其他" for _, f, _ in oof]
    lin_full_f1 = macro_f1([u.label for u, _, _ in oof], full_only, labels)[0]
    fold_f1 = []
    for test_files in folds_of(units):
        sel = [(u, p) for (u, _, _), p in zip(oof, all_pred, strict=True) if u.file in set(test_files)]
        fold_f1.append(macro_f1([u.label for u, _ in sel], [p for _, p in sel], labels)[0])
    heads = [(u, h) for u, _, h in items if h is not None]
    head_f1 = macro_f1([u.label for u, _ in heads],
                       [labels[int(h.argmax())] for _, h in heads], labels)[0]
    ece = expected_calibration_error(oof, labels, temperature, heading_weight)
    ece_raw = expected_calibration_error(oof, labels, 1.0, heading_weight)
    print(f"linear: macro-F1 {lin_f1:.4f} (text only {lin_full_f1:.4f}, headings alone {head_f1:.4f}, "
          f"{len(cv['oof_sentences'])} unseen sentences {sent_f1:.4f}); T={temperature} "
          f"heading weight {heading_weight}; "
          f"ECE units {ece_raw:.3f} -> {ece:.3f}, unseen sentences {sent_ece:.3f}; {time.perf_counter() - t0:.1f}s")

    result = {
        "units": len(units), "reports": n_reports, "not_office_paragraphs": len(outside),
        "per_class_units": dict(counts),
        "folds": FOLDS, "grouped_by": "report", "seed": SEED,
        "linear": {"macro_f1": lin_f1, "macro_f1_text_only": lin_full_f1, "macro_f1_headings_alone": head_f1,
                   "per_class_f1": lin_per, "fold_macro_f1": fold_f1, "heading_weight_grid": grid,
                   "temperature": temperature, "ece_units_t1": ece_raw, "ece_units": ece,
                   "macro_f1_unseen_sentences": sent_f1, "ece_unseen_sentences": sent_ece,
                   "unseen_sentences": len(cv["oof_sentences"]),
                   "calibrated_on": "out-of-fold body sentences in wording no training report has",
                   "method": f"LogisticRegression(C={C}, class_weight=balanced) on sublinear TF-IDF of jieba "
                             f"words + char 2-3-grams (min_df {MIN_DF})"},
    }
    previous = args.out / "cv.json"
    if args.no_spacy and previous.is_file():  # keep the last spaCy comparison on record
        old = json.loads(previous.read_text(encoding="utf-8"))
        if "spacy" in old:
            result["spacy"] = old["spacy"]
    if not args.no_spacy:
        t0 = time.perf_counter()
        result["spacy"] = sp = cv_spacy(units, labels)
        print(f"spacy textcat: macro-F1 {sp['macro_f1']:.4f} (unseen sentences "
              f"{sp['macro_f1_unseen_sentences']:.4f}); load {sp['load_seconds_fresh_process']}s; "
              f"{time.perf_counter() - t0:.1f}s")

    model = fit_linear(training_examples(units), labels, feats_cache)
    threshold = 0.4
    params = {"temperature": temperature, "heading_weight": heading_weight, "threshold": threshold,
              "fallback": taxonomy.get("fallback", "其他"), "domain_features": model.params["domain_features"]}
    write_model(args.out, model, labels, params, len(units))
    (args.out / "cv.json").write_text(json.dumps(result, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                      encoding="utf-8")
    print(f"wrote {args.out} ({len(model.index)} features)")
    return 0


def write_model(out: Path, model: DimensionModel, labels: list[str], params: dict, n_units: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    vocab = sorted(model.index, key=model.index.get)
    meta = {"format": FORMAT, "labels": labels, "params": params, "features": "jieba words (w…) + char 2-3-grams (c…)",
            "tf": "1+log(count)", "norm": "l2", "trained_units": n_units}
    (out / "model.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False, separators=(",", ":")) + "\n",
                                    encoding="utf-8")
    np.save(out / "idf.npy", model.idf.astype(np.float32), allow_pickle=False)
    np.save(out / "coef.npy", model.coef.astype(np.float32), allow_pickle=False)
    np.save(out / "intercept.npy", model.intercept.astype(np.float32), allow_pickle=False)


if __name__ == "__main__":
    sys.exit(main())
