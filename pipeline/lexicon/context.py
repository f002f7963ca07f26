"""The ``--deep`` context check: unseen wrong characters scored against their confusable ones.

For each character that the segmentation leaves outside a common word, every
sound-alike (pypinyin) and look-alike (``data/lookalike.txt``) character is
tried in its place. A candidate counts only if it makes a dictionary word that
the text does not already have there (渠道 for 染道). Each candidate gets a row
of FEATURES: the gains of the character trigram model (``ngram``) on the three
trigrams that hold the character (the characters before it and the two after it
both have their say), the gain of jieba's best segmentation of the 13 characters
around it (its word model knows the whole dictionary), the counts of the new
word and of what it replaces, how the characters are alike, and a few more. A
logistic regression over them and the threshold (``data/context_weights.json``)
are fitted on the ODW training split by ``scripts/fit_context.py`` and measured
there by k-fold. Numbers, names in 《》 and short quoted names are shielded by
the stage; numerals, function characters, dictionary names, unknown
three-character words that begin with a surname, transliterated names
(恩维尔·霍查) and two-character items of a series (引资、引技、引智) are never touched.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from pipeline.document import Document
from pipeline.lexicon.confusable import common_chars, lookalike, lookalike_table, readings
from pipeline.lexicon.ngram import BOS, model
from pipeline.lexicon.slips import Slip, Spans
from pipeline.vocab import numerals

FLOOR = 2.0  # trigram gain below which the word-model gain is not computed (left 0)
GOOD_WORD = 100  # a character inside a dictionary word this common is left alone
NEW_WORD = 20  # the word the candidate makes must be at least this common in jieba's dictionary
# Function characters and numerals are neither tried nor offered (一九三九年 is a year, not 一九五九年).
SKIP = set("的地得了着过之其与和及或而是在再于为对把被将从向就都也且所以不没" + numerals.COUNT_DIGITS + numerals.PLACES)
NAME_TAGS = ("nr", "ns", "nt", "nz")  # a character inside a name is spelled as its owner spells it
HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
NAME_DOTS = "·•・‧"  # the dot between the parts of a transliterated name
# Characters found only in traditional script: a paragraph with several is not simplified text to correct.
TRADITIONAL = re.compile("[國們這個會說為與來時對發關於應當經過變產從開現進學業]")


ODW_CHARS = Path(__file__).resolve().parent / "data" / "odw_chars.txt"
# Logistic-regression weights over FEATURES and the threshold, fitted on the ODW training split by
# scripts/fit_context.py (measured there by k-fold, folds grouped by corrected sentence).
WEIGHTS = Path(__file__).resolve().parent / "data" / "context_weights.json"


@lru_cache(maxsize=1)
def scorer() -> dict | None:
    """The shipped weights as arrays (None when the file is absent: the check then finds nothing)."""
    if not WEIGHTS.exists():
        return None
    w = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    if tuple(w["features"]) != FEATURES + DERIVED:
        raise ValueError(f"{WEIGHTS}: features differ from the code's; rerun scripts/fit_context.py --write")
    return {"mean": np.array(w["mean"]), "scale": np.array(w["scale"]), "weights": np.array(w["weights"]),
            "bias": float(w["bias"]), "threshold": float(w["threshold"])}


def odw_chars() -> dict[str, str]:
    """Wrong -> right characters seen in the ODW training split that neither sound nor look alike."""
    out: dict[str, str] = {}
    if ODW_CHARS.exists():
        for line in ODW_CHARS.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                a, _, b = line.partition("\t")
                out[a] = b
    return out


@lru_cache(maxsize=1)
def candidates_table() -> dict[str, str]:
    """Each common character -> its sound-alike and look-alike common characters (and ODW's other slips)."""
    common = common_chars()
    seen = odw_chars()
    by_sound: dict[str, set[str]] = {}
    for ch in common:
        for r in readings(ch):
            by_sound.setdefault(r, set()).add(ch)
    looks = lookalike_table()
    out = {}
    for ch in common:
        cands = set(looks.get(ch, ())) | set(seen.get(ch, ""))
        for r in readings(ch):
            cands |= by_sound.get(r, set())
        cands.discard(ch)
        out[ch] = "".join(sorted(c for c in cands if c in common and c not in SKIP))
    return out


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """The 60 characters that most often begin a three-character person name (tag nr) in jieba's dictionary."""
    from collections import Counter

    from pipeline.segment import _tag_db

    rows = _tag_db().execute("SELECT word FROM tags WHERE tag = 'nr' AND length(word) = 3").fetchall()
    return frozenset(ch for ch, _ in Counter(w[0] for (w,) in rows).most_common(60))


@lru_cache(maxsize=1)
def masked_words() -> dict[str, str]:
    """Each dictionary word of 2–4 characters seen NEW_WORD times, one character masked -> the characters
    that fill the mask (监?管理 -> 督): one lookup per window instead of one per candidate character."""
    from pipeline.segment import tokenizer

    out: dict[str, list[str]] = {}
    for w, f in tokenizer().FREQ.items():
        if f >= NEW_WORD and 2 <= len(w) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in w):
            for k in range(len(w)):
                out.setdefault(w[:k] + "?" + w[k + 1:], []).append(w[k])
    return {k: "".join(v) for k, v in out.items()}


def _new_words(run: str, i: int, cands: str, freq: dict,
               masked: dict[str, str]) -> dict[str, tuple[str, int, int, int]]:
    """For each candidate character at ``i``: the most common dictionary word of 2–4 characters it makes
    and the text lacks there (the text's own characters at least ten times rarer as a word), with the
    counts of that word and of the text's characters in its place, and where in the word the character is."""
    best: dict[str, tuple[str, int, int, int]] = {}
    n = len(run)
    for length in (2, 3, 4):
        for a in range(max(0, i - length + 1), min(i, n - length) + 1):
            slot = masked.get(run[a:i] + "?" + run[i + 1:a + length])
            if not slot:
                continue
            old = freq.get(run[a:a + length], 0)
            for c in slot:
                if c not in cands:
                    continue
                new = run[a:i] + c + run[i + 1:a + length]
                if length == 2 and new[0] == new[1]:
                    continue  # 天天, 人人: a doubled character is no evidence
                f = freq.get(new, 0)
                if old * 10 < f and f > best.get(c, ("", 0, 0, 0))[1]:
                    best[c] = (new, f, old, i - a)
    return best


FEATURES = ("tri_left", "tri_mid", "tri_right", "route", "new_word", "old_word", "token", "token_len",
            "word_len", "sound", "shape", "seen", "unigram", "choices", "in_word", "old_pairs", "new_pairs",
            "word_edge")
# Derived from FEATURES by ``expand``: the weakest trigram, the trigram gain by kind of likeness and in a
# dictionary word, the segmentation gain in a dictionary word and at a word's edge, a damped trigram gain.
DERIVED = ("tri_min", "tri_sound", "tri_shape", "route_in_word", "tri_in_word", "tri_sqrt", "route_edge")


def expand(x: np.ndarray) -> np.ndarray:
    """FEATURES followed by DERIVED, a row per candidate."""
    f = {name: x[:, k:k + 1] for k, name in enumerate(FEATURES)}
    tri = x[:, :3].sum(axis=1, keepdims=True)
    return np.hstack([x, x[:, :3].min(axis=1, keepdims=True), tri * f["sound"], tri * f["shape"],
                      f["route"] * f["in_word"], tri * f["in_word"], np.sqrt(np.maximum(tri, 0)),
                      f["route"] * f["word_edge"]])


def candidate_features(doc: Document, shield: Spans) -> tuple[list[tuple[int, str, str]], np.ndarray]:
    """(offset, candidate character, the word it makes) for every position worth trying, and a row of
    FEATURES for each: the gains of the three trigrams holding the character, the segmentation's
    word-model gain (computed only where the trigram gain reaches FLOOR; 0 below), log counts of the
    new word, of the characters it replaces and of the token holding the character, how the two
    characters are alike, the unigram ratio and how many candidates the position has."""
    lm = model()
    if lm is None:
        return [], np.zeros((0, len(FEATURES)))
    from pipeline.segment import tokenizer, word_tag

    freq = tokenizer().FREQ
    table = candidates_table()
    seen = odw_chars()
    masked = masked_words()
    names = surnames()
    starts = doc.token_starts()
    tokens = doc.tokens
    found: list[tuple[int, str, str]] = []
    rows: list[list[float]] = []
    skip_paragraphs = Spans([(p.start, p.end) for p in doc.paragraphs if len(TRADITIONAL.findall(p.text)) >= 3])
    runs = list(HAN_RUN.finditer(doc.text))
    for r, m in enumerate(runs):
        if skip_paragraphs.overlaps(m.start(), m.end()):
            continue
        run, rs = m.group(), m.start()
        if len(run) < 2 or _name_or_list_item(doc.text, runs, r):
            continue
        for i, ch in enumerate(run):
            cands = table.get(ch)
            if not cands or ch in SKIP:
                continue
            pos = rs + i
            t = tokens[bisect.bisect_right(starts, pos) - 1] if starts else None
            tf = freq.get(t.text, 0) if t is not None else 0
            if t is not None and t.end - t.start > 1 and tf >= GOOD_WORD:
                continue  # inside a common word
            if shield.overlaps(pos, pos + 1):
                continue
            if 0 < i < len(run) - 1 and run[i - 1] == run[i + 1]:
                continue  # 懒政怠政, 学法尊法: one half of a parallel pair
            if t is not None and tf > 0 and (word_tag(t.text) or "").startswith(NAME_TAGS):
                continue
            if t is not None and len(t.text) == 3 and t.text[0] in names and tf == 0:
                continue  # 黄建伟: an unknown three-character word that starts with a surname is a name
            made = _new_words(run, i, cands, freq, masked)
            tlen = len(t.text) if t is not None else 1
            for c, (w, f, old, k) in made.items():
                found.append((pos, c, w))
                sound = bool(readings(ch) & readings(c))
                shape = lookalike(ch, c) or lookalike(c, ch)
                rows.append([0.0, 0.0, 0.0, 0.0, math.log10(f), math.log10(1 + old), math.log10(1 + tf), tlen,
                             len(w), sound, shape, c in seen.get(ch, "") and not (sound or shape), 0.0,
                             math.log(len(made)), tlen > 1 and tf > 0, 0.0, 0.0,
                             len(w) > 2 and k in (0, len(w) - 1)])
    if not found:
        return [], np.zeros((0, len(FEATURES)))
    x = np.array(rows, dtype=np.float64)
    text = doc.text

    def at(k: int) -> int:
        return ord(text[k]) if 0 <= k < len(text) and "\u4e00" <= text[k] <= "\u9fff" else BOS

    old_a, old_b, old_c, new_a, new_b, new_c = ([] for _ in range(6))
    for pos, c, _ in found:
        ctx = [at(pos - 2), at(pos - 1), ord(text[pos]), at(pos + 1), at(pos + 2)]
        if ctx[3] == BOS:
            ctx[4] = BOS
        if ctx[1] == BOS:
            ctx[0] = BOS
        new = ctx[:2] + [ord(c)] + ctx[3:]
        for j in range(3):  # trigrams ending at pos, pos+1, pos+2
            old_a.append(ctx[j])
            old_b.append(ctx[j + 1])
            old_c.append(ctx[j + 2])
            new_a.append(new[j])
            new_b.append(new[j + 1])
            new_c.append(new[j + 2])
    x[:, :3] = (lm.logprob(new_a, new_b, new_c) - lm.logprob(old_a, old_b, old_c)).reshape(-1, 3)
    x[:, 12] = lm.unigram([ord(c) for _, c, _ in found]) - lm.unigram([ord(text[p]) for p, _, _ in found])
    left = [at(p - 1) for p, _, _ in found]
    right = [at(p + 1) for p, _, _ in found]
    mid = [ord(text[p]) for p, _, _ in found]
    cand = [ord(c) for _, c, _ in found]
    x[:, 15] = np.log1p(lm.bigram_count(left, mid)) + np.log1p(lm.bigram_count(mid, right))
    x[:, 16] = np.log1p(lm.bigram_count(left, cand)) + np.log1p(lm.bigram_count(cand, right))
    route_cache: dict[str, float] = {}
    for k, (pos, c, _) in enumerate(found):
        if x[k, :3].sum() >= FLOOR:  # below it no word gain could reach the threshold in practice
            x[k, 3] = _route_gain(text, pos, c, route_cache)
    return found, x


def _name_or_list_item(text: str, runs: list, r: int) -> bool:
    """A run that touches a name dot (恩维尔·霍查) is a transliterated name; a run of two characters
    between enumeration commas next to another such item (引资、引技、引智; 大小、富贫、强弱) is one
    term of a coined series."""
    s, e = runs[r].span()
    before, after = text[s - 1:s] if s else "", text[e:e + 1]
    if (before and before in NAME_DOTS) or (after and after in NAME_DOTS):
        return True
    if e - s > 2:
        return False
    if before == "、" and after == "、":
        return True
    prev_item = before == "、" and r > 0 and runs[r - 1].end() == s - 1 and len(runs[r - 1].group()) <= 2
    next_item = after == "、" and r + 1 < len(runs) and runs[r + 1].start() == e + 1 and len(runs[r + 1].group()) <= 2
    return prev_item or next_item


def scored_candidates(doc: Document, shield: Spans) -> list[tuple[int, str, str, float]]:
    """(offset, candidate character, the word it makes, score) for every position worth trying."""
    m = scorer()
    found, x = candidate_features(doc, shield) if m is not None else ([], None)
    if not found:
        return []
    g = ((expand(x) - m["mean"]) / m["scale"]) @ m["weights"] + m["bias"]
    return [(pos, c, w, s) for (pos, c, w), s in zip(found, g.tolist(), strict=True)]


def _route_gain(text: str, pos: int, c: str, cache: dict[str, float]) -> float:
    """How much jieba's best segmentation of the 13 characters around ``pos`` gains in log-probability
    (its unigram word model over the whole dictionary) when ``c`` stands at ``pos``."""
    from pipeline.segment import tokenizer

    dt = tokenizer()
    lo, hi = max(0, pos - 6), min(len(text), pos + 7)
    old = text[lo:hi]
    new = old[:pos - lo] + c + old[pos - lo + 1:]
    for s in (old, new):
        if s not in cache:
            route: dict = {}
            dt.calc(s, dt.get_DAG(s), route)
            cache[s] = route[0][0]
    return cache[new] - cache[old]


def context_slips(doc: Document, shield: Spans, threshold: float | None = None) -> list[Slip]:
    """The best candidate of each position whose gain reaches the threshold."""
    m = scorer()
    limit = (m["threshold"] if m else 0.0) if threshold is None else threshold
    best: dict[int, tuple[str, str, float]] = {}
    for pos, c, w, g in scored_candidates(doc, shield):
        if g >= limit and (pos not in best or g > best[pos][2]):
            best[pos] = (c, w, g)
    out = []
    for pos, (c, w, g) in sorted(best.items()):
        ch = doc.text[pos]
        how = "音近" if readings(ch) & readings(c) else "形近"
        out.append(Slip(pos, pos + 1, ch, c, "warning", f"上下文检查（{how}，可组成“{w}”）", "context",
                        note=f"上下文得分 {g:.1f}", score=g))
    return out
