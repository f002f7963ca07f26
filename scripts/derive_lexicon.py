"""Derive the shipped RL8 data files from packaged and shared sources (never copies sentences).

* ``lookalike``: look-alike character sets from the ``char-similar`` package's
  data (MIT; four-corner codes and first-level components), kept to the 5,000
  characters most used in jieba's dictionary. char-similar pins old versions of
  tqdm and gensim, so it is never a dependency: download it beside the project
  (``pip download char-similar==0.0.2 --no-deps -d /tmp/cs`` and unzip the
  wheel) and pass the folder holding ``char_similar/data``.
* ``confusion``: wrong → right pairs from ``../shared/reference/lexicon/confusion_dict.json``
  (macro-correct, Apache-2.0), filtered: same length, the right form a
  dictionary word, the wrong form not one, and the wrong form absent from the
  State Council/CPC reports, the corrected ODW sentences and the project's corpus.
* ``odw``: word pairs read off the ODW training split (wrong word in the source
  → dictionary word of the corrected sentence); ``fit_odw_pairs`` is also what
  ``scripts/eval_odw.py`` refits on four fifths for cross-validation.
* ``ngram``: character 1–3-gram counts of the State Council/CPC reports, the
  project's corpus and the distinct corrected ODW sentences for the ``--deep``
  context check (``scripts/fit_context.py`` rebuilds them per fold without the
  held-out fold's sentences).

Usage: python scripts/derive_lexicon.py {common | idioms | readings | lookalike DIR | confusion | odw | ngram | all DIR}
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.lexicon.pairs import DATA  # noqa: E402
from pipeline.resources import corpora_dir, shared_dir  # noqa: E402

HAN = range(0x4E00, 0xA000)


def is_han(s: str) -> bool:
    return all(ord(c) in HAN for c in s)


def jieba_freq() -> dict[str, int]:
    from pipeline.segment import tokenizer

    return tokenizer().FREQ


def common_chars(n: int = 5000) -> list[str]:
    c: Counter[str] = Counter()
    for w, f in jieba_freq().items():
        if f > 0:
            for ch in w:
                if ord(ch) in HAN:
                    c[ch] += f
    return [ch for ch, _ in c.most_common(n)]


def derive_lookalike(folder: Path) -> Path:
    data = folder / "char_similar" / "data"
    corners = json.loads((data / "char_fourangle.dict").read_text(encoding="utf-8"))
    parts = json.loads((data / "char_stroke.dict").read_text(encoding="utf-8"))
    struct = json.loads((data / "char_struct.dict").read_text(encoding="utf-8"))
    common = common_chars()
    keep = set(common)
    groups: dict[str, set[str]] = {c: set() for c in common}
    by_code: dict[str, list[str]] = {}
    for c in common:
        code = corners.get(c, "")[:4]
        if len(code) == 4:
            by_code.setdefault(code, []).append(c)
    for chars in by_code.values():  # same four-corner code: 冶/治, 白/自
        for a in chars:
            groups[a].update(b for b in chars if b != a)
    by_rest: dict[tuple, list[str]] = {}
    for c in common:  # same structure, one first-level component swapped: 冶 (冰台) / 治 (水台)
        p = parts.get(c)
        if p and len(p) == 2:
            for i in range(2):
                by_rest.setdefault((struct.get(c), i, p[1 - i]), []).append(c)
    for chars in by_rest.values():
        if len(chars) <= 12:  # a very common component (口, 木) says little about shape
            for a in chars:
                groups[a].update(b for b in chars if b != a)
    for c in common:  # one character inside the other: 建/健, 完/院, 责/债
        p = parts.get(c)
        if p and len(p) == 2:
            for x in p:
                if x in keep and x != c:
                    groups[c].add(x)
                    groups[x].add(c)
    out = DATA / "lookalike.txt"
    lines = [
        "# Look-alike characters (形近字), one character and its look-alikes a line.",
        "# Derived by scripts/derive_lexicon.py from the data of char-similar 0.0.2",
        "# (https://pypi.org/project/char-similar/, MIT License, Copyright (c) yongzhuo):",
        "# same four-corner code, one first-level component swapped, or one character a component",
        "# of the other; limited to the 5,000 characters most used in jieba's dictionary.",
    ]
    lines += [f"{c}\t{''.join(sorted(g))}" for c, g in groups.items() if g]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def derive_idioms() -> Path:
    """Four-character idioms and set phrases of jieba's packaged dictionary (see pipeline/lexicon/idioms.py)."""
    import os

    import jieba

    from pipeline.lexicon.idioms import select_idioms, select_long_idioms

    path = os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME)
    entries = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                entries.append((parts[0], int(parts[1]), parts[2]))
    rows = select_idioms(entries)
    out = DATA / "idioms4.txt"
    head = [f"# Four-character idioms (i), set phrases (l), common four-character words of jieba {jieba.__version__}",
            "# (its dictionary, MIT), derived by scripts/derive_lexicon.py idioms: word, tag, count."]
    out.write_text("\n".join(head + [f"{w}\t{t}\t{f}" for w, t, f in rows]) + "\n", encoding="utf-8")
    rows = select_long_idioms(entries)
    out_long = DATA / "idioms_long.txt"
    head = [f"# Idioms (i) and set phrases (l) of five to eight characters of jieba {jieba.__version__}",
            "# (its dictionary, MIT), derived by scripts/derive_lexicon.py idioms: word, tag, count."]
    out_long.write_text("\n".join(head + [f"{w}\t{t}\t{f}" for w, t, f in rows]) + "\n", encoding="utf-8")
    return out


def derive_readings() -> Path:
    """Toneless pinyin readings (all of them) of the common characters, from pypinyin."""
    from pypinyin import Style, pinyin

    out = DATA / "readings.txt"
    lines = ["# Toneless pinyin readings of the common characters, from pypinyin (MIT), scripts/derive_lexicon.py"]
    for ch in common_chars():
        got = pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore")
        if got and got[0]:
            lines.append(f"{ch}\t{','.join(sorted(set(got[0])))}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def derive_common() -> Path:
    out = DATA / "common_chars.txt"
    chars = common_chars()
    head = "# The 5,000 characters most used in jieba 0.42.1's dictionary (summed word counts), derive_lexicon.py\n"
    body = "\n".join("".join(chars[i:i + 50]) for i in range(0, len(chars), 50))
    out.write_text(head + body + "\n", encoding="utf-8")
    return out


def sc_texts() -> list[str]:
    shared = shared_dir()
    if shared is None:
        raise SystemExit("../shared is absent")
    out = []
    for f in sorted((shared / "corpora" / "state_council_reports").glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            out.append(json.loads(line)["content"])
    return out


def project_texts() -> list[str]:
    folder = corpora_dir() / "reports"
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))] if folder.is_dir() else []


def lm_texts(sc: list[str] | None = None) -> list[str]:
    """What the character n-gram model counts: the State Council/CPC reports (or the given part of them),
    the project's corpus and each distinct corrected ODW sentence once (counts only are shipped)."""
    return (sc_texts() if sc is None else sc) + project_texts() + sorted({r["target"] for r in odw_records()})


def odw_records() -> list[dict]:
    shared = shared_dir()
    if shared is None:
        raise SystemExit("../shared is absent")
    return json.loads((shared / "corpora" / "ecspell_odw" / "train.json").read_text(encoding="utf-8"))


# Dropped on review: the right side is no better (奓着胆子 is dialect, 生日会 no slip for 些日会).
REVIEWED_OUT = {"些日会", "乍着胆子"}


def derive_confusion() -> Path:
    shared = shared_dir()
    if shared is None:
        raise SystemExit("../shared is absent")
    raw = json.loads((shared / "reference" / "lexicon" / "confusion_dict.json").read_text(encoding="utf-8"))
    freq = jieba_freq()
    clean = "\n".join(sc_texts() + project_texts() + [r["target"] for r in odw_records()])
    kept, dropped = [], Counter()
    for wrong, right in sorted(raw.items()):
        if len(wrong) != len(right) or not is_han(wrong + right):
            dropped["length or non-Chinese"] += 1
        elif sum(a != b for a, b in zip(wrong, right, strict=True)) > 2:
            dropped["more than two characters differ"] += 1
        elif freq.get(right, 0) <= 0:
            dropped["right form not a dictionary word"] += 1
        elif freq.get(wrong, 0) > 0:
            dropped["wrong form is a dictionary word"] += 1
        elif len(wrong) < 3:
            dropped["two characters: too often a cross-word accident"] += 1
        elif wrong in clean:
            dropped["wrong form occurs in correct real text"] += 1
        elif wrong in REVIEWED_OUT:
            dropped["dropped on review"] += 1
        else:
            kept.append((wrong, right))
    out = DATA / "confusion.tsv"
    head = [
        "# Wrong -> right words and idioms (错别字), derived by scripts/derive_lexicon.py from",
        "# confusion_dict.json of macro-correct (https://github.com/yongzhuo/macro-correct, commit abdf4068),",
        "# Copyright yongzhuo, licensed under the Apache License 2.0 (http://www.apache.org/licenses/LICENSE-2.0);",
        "# modified: filtered (same length, at most two characters differ, the right form in jieba's dictionary,",
        "# the wrong form not in it, at least three characters, never in the State Council/CPC reports or",
        "# corrected ODW sentences). " + ", ".join(f"{k}: {v}" for k, v in dropped.most_common()),
        "# wrong\tright\tlevel\tcontext\tsource",
    ]
    rows = [f"{w}\t{r}\t{'error' if len(w) >= 4 else 'warning'}\t\tmacro-correct" for w, r in kept]
    out.write_text("\n".join(head + rows) + "\n", encoding="utf-8")
    print(f"confusion: kept {len(kept)} of {len(raw)}; dropped {dict(dropped)}")
    return out


def fit_odw_pairs(records: list[dict], clean_texts: list[str]) -> dict[str, str]:
    """Word pairs from ODW sentences: the corrected sentence's dictionary word over each wrong character,
    against what the source has there, kept when the wrong form is no dictionary word and never occurs
    in the given correct texts."""
    from pipeline.segment import tokenize

    freq = jieba_freq()
    pairs: dict[str, str] = {}
    for rec in records:
        s, t = rec["source"], rec["target"]
        if s == t or len(s) != len(t):
            continue
        diffs = {i for i, (a, b) in enumerate(zip(s, t, strict=True)) if a != b}
        for tok in tokenize(t):
            if len(tok.text) < 2 or not diffs & set(range(tok.start, tok.end)):
                continue
            wrong = s[tok.start:tok.end]
            if freq.get(tok.text, 0) > 0 and freq.get(wrong, 0) <= 0 and is_han(wrong + tok.text):
                pairs[wrong] = tok.text
    clean = "\n".join(clean_texts)
    return {w: r for w, r in pairs.items() if w not in clean}


def fit_odw_chars(records: list[dict]) -> dict[str, str]:
    """Wrong -> right character pairs of ODW sentences that neither sound nor look alike by the shipped
    tables (台 -> 治): candidates the context check would otherwise never try."""
    from pipeline.lexicon.confusable import common_chars, confusable

    common = common_chars()
    out: dict[str, set[str]] = {}
    for rec in records:
        for a, b in zip(rec["source"], rec["target"], strict=False):
            if a != b and a in common and b in common and confusable(a, b) is None:
                out.setdefault(a, set()).add(b)
    return {a: "".join(sorted(bs)) for a, bs in sorted(out.items())}


def write_odw_chars(pairs: dict[str, str], out: Path) -> Path:
    head = ["# Wrong -> right characters of the ECSpell ODW training split that neither sound nor look alike",
            "# by readings.txt and lookalike.txt; derived by scripts/derive_lexicon.py odw (characters only)."]
    out.write_text("\n".join(head + [f"{a}\t{b}" for a, b in pairs.items()]) + "\n", encoding="utf-8")
    return out


def derive_odw() -> Path:
    recs = odw_records()
    clean = sc_texts() + project_texts() + [r["target"] for r in recs]
    pairs = fit_odw_pairs(recs, clean)
    out = DATA / "odw.tsv"
    head = [
        "# Wrong -> right words read off the ECSpell ODW training split (official-document sentences;",
        "# Lv et al. 2023, as redistributed in macro-correct, Apache-2.0) by scripts/derive_lexicon.py:",
        "# the dictionary word of the corrected sentence over each wrong character, against the source's",
        "# characters there; kept when the wrong form is no dictionary word and never occurs in correct text.",
        "# Pairs only, no sentences. Measured by 5-fold cross-validation in scripts/eval_odw.py.",
        "# wrong\tright\tlevel\tcontext\tsource",
    ]
    rows = [f"{w}\t{r}\twarning\t\tODW" for w, r in sorted(pairs.items())]
    out.write_text("\n".join(head + rows) + "\n", encoding="utf-8")
    print(f"odw: {len(pairs)} pairs")
    chars = fit_odw_chars(recs)
    print(write_odw_chars(chars, DATA / "odw_chars.txt"), f"{len(chars)} characters")
    return out


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    what = argv[0]
    if what in ("common", "all"):
        print(derive_common())
    if what in ("idioms", "all"):
        print(derive_idioms())
    if what in ("readings", "all"):
        print(derive_readings())
    if what in ("lookalike", "all"):
        if len(argv) < 2:
            raise SystemExit("lookalike needs the folder that holds char_similar/data")
        print(derive_lookalike(Path(argv[1])))
    if what in ("confusion", "all"):
        print(derive_confusion())
    if what in ("odw", "all"):
        print(derive_odw())
    if what in ("ngram", "all"):
        from pipeline.lexicon.ngram import build_counts

        print(build_counts(lm_texts()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
