"""Count verb–object pairs in the project's corpora for ranking plan measures (完善+机制, 强化+问效),
and subject–predicate pairs for plan headings (运转+高效 in 运转更加高效, 保障+新提升 in 保障有新提升),
and the words before each approach of the taxonomy (坚持+严管厚爱, 机关+高效运转) for heading verbs.

    .venv/bin/python scripts/collocations.py            # writes models/generate/collocations.json

Sources: the project's own reports (corpora/reports, corpora/samples) and, when
../shared is there, the State Council reports and the corrected ODW sentences.
Only counts are written (verb, head noun, count): no sentence of ../shared is
copied. A pair is a two-character verb directly followed by a run of nouns or
verbal nouns (its last word is the head: 督办事项台账 -> 台账). Dictionary tags
only (the tagger the run-time code uses), so counting and lookup agree.
A predicate pair is the two characters right before 更加/更/日益… and the
quality after it (the heading slots' words: ``frames.QUALITIES``, ``NEW_THINGS``).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.resources import shared_dir  # noqa: E402
from pipeline.segment import dict_pos_tag  # noqa: E402

OUT = ROOT / "models" / "generate" / "collocations.json"
NOUNISH = {"n", "vn", "nz", "j", "an"}
HAN = re.compile(r"^[\u4e00-\u9fff]+$")
MIN_COUNT = 2
# Action words the dictionary tags as adjectives (健全机制, 规范管理): counted as verbs here.
ADJ_VERBS = set("健全 规范 严格 优化 细化 深化 强化 畅通 夯实 压实 丰富 精简 完备 充实 扎实".split())


def texts() -> list[str]:
    out = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpora").glob("*/*.txt"))]
    shared = shared_dir()
    if shared:
        for p in sorted((shared / "corpora" / "state_council_reports").glob("*.jsonl")):
            out += [json.loads(line)["content"] for line in p.read_text(encoding="utf-8").splitlines() if line]
        odw = shared / "corpora" / "ecspell_odw" / "train.json"
        if odw.is_file():
            out += [r["target"] for r in json.loads(odw.read_text(encoding="utf-8"))]
    return out


def pairs(text: str) -> list[tuple[str, str]]:
    toks = [(t.text, t.pos) for t in dict_pos_tag(text)]
    found = []
    for i, (w, f) in enumerate(toks):
        if (f != "v" and w not in ADJ_VERBS) or len(w) != 2 or not HAN.match(w):
            continue
        j = i + 1
        while j < len(toks) and toks[j][1] in NOUNISH and HAN.match(toks[j][0]) and j - i <= 3:
            j += 1
        if j > i + 1:
            found.append((w, toks[j - 1][0]))
    return found


def predicate_pairs(text: str) -> list[tuple[str, str]]:
    """(subject head, predicate) of 运转更加高效 (运转, 高效) and 保障有新提升 (保障, 新提升)."""
    from pipeline.generate.frames import NEW_THINGS, QUALITIES

    found = []
    more = re.compile(rf"([\u4e00-\u9fff]{{2}})(?:更加|更为|更|越来越|日益|愈加)({'|'.join(QUALITIES)})")
    new = re.compile(rf"([\u4e00-\u9fff]{{2}})(?:有新的|有新|取得新|见新|实现新)({'|'.join(NEW_THINGS)})")
    found += [(m.group(1), m.group(2)) for m in more.finditer(text)]
    found += [(m.group(1), "新" + m.group(2)) for m in new.finditer(text)]
    return found


def approach_lefts(text: str, approaches: list[str]) -> list[tuple[str, str]]:
    """(the two characters before, approach) for each taxonomy approach in the text: the words that take it
    (坚持 in 坚持严管厚爱, 机关 in 机关高效运转) tell a principle from a focus and from an outcome."""
    found = []
    for a in approaches:
        for m in re.finditer(a, text):
            left = text[max(0, m.start() - 2):m.start()]
            if HAN.match(left) and len(left) == 2:
                found.append((left, a))
    return found


def main() -> int:
    from pipeline.dimensions.taxonomy import load_taxonomy

    approaches = sorted({a for d in load_taxonomy().dimensions for a in d.approaches})
    lefts: Counter[tuple[str, str]] = Counter()
    counts: Counter[tuple[str, str]] = Counter()
    docs = texts()
    preds: Counter[tuple[str, str]] = Counter()
    for t in docs:
        counts.update(pairs(t))
        preds.update(predicate_pairs(t))
        lefts.update(approach_lefts(t, approaches))
    kept = {f"{v} {n}": c for (v, n), c in sorted(counts.items()) if c >= MIN_COUNT}
    verbs = Counter()
    for key, c in kept.items():
        verbs[key.split()[0]] += c
    OUT.parent.mkdir(parents=True, exist_ok=True)
    predicates = {f"{h} {q}": c for (h, q), c in sorted(preds.items())}
    OUT.write_text(json.dumps({"source": "scripts/collocations.py", "documents": len(docs), "min_count": MIN_COUNT,
                               "pairs": kept, "predicates": predicates,
                               "approach_left": {f"{w} {a}": c for (w, a), c in sorted(lefts.items())}},
                              ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    top = " ".join(v for v, _ in verbs.most_common(20))
    print(f"{len(docs)} documents, {len(kept)} verb–object pairs (count >= {MIN_COUNT}), "
          f"{len(preds)} subject–predicate pairs, {len(verbs)} verbs; top verbs: {top}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
