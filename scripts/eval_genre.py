"""Accuracy of the genre recogniser on the hand-labelled documents (tests/data/genre_labels.json).

The State Council/CPC records and the dev drafts are read from ../shared in place (only
their labels, keyed by file and record index, live in the project); corpora/samples is the
project's own. Each document is linted as the user would lint it: the record's ``content``
alone, without the JSON ``title`` field. The composed training reports (corpora/reports) are
scored apart: their form (年度总结, 半年总结, 述职, 交流发言) is in the file name, set by the
composer, not labelled by hand.

Usage: python scripts/eval_genre.py [--show-all]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.document import Document  # noqa: E402
from pipeline.reader import read_path  # noqa: E402
from pipeline.resources import shared_dir  # noqa: E402
from pipeline.stages import run_stages  # noqa: E402

LABELS = ROOT / "tests" / "data" / "genre_labels.json"


def labelled_documents(include_shared: bool = True):
    """(key, Document, gold genre) for every labelled document that is present."""
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    shared = shared_dir()
    for where, table in labels.items():
        if where.startswith("_"):
            continue
        scope, rel = where.split(":", 1)
        if scope == "shared":
            if not include_shared or shared is None:
                continue
            base = shared / rel
        else:
            base = ROOT / rel
        if base.suffix == ".jsonl":
            lines = base.read_text(encoding="utf-8").splitlines()
            for idx, gold in table.items():
                rec = json.loads(lines[int(idx)])
                yield f"{base.name}:{idx}", Document(rec["content"], path=f"{base.name}:{idx}"), gold
        else:
            for name, gold in table.items():
                yield name, read_path(str(base / name), None, 50 * 1024 * 1024), gold


def evaluate(include_shared: bool = True) -> dict:
    rows = []
    for key, doc, gold in labelled_documents(include_shared):
        run_stages(doc, ["genre"])
        g = doc.genre
        rows.append({"key": key, "gold": gold, "pred": g.name, "confidence": g.confidence, "office": g.office,
                     "has_plan": g.has_plan, "evidence": list(g.evidence)})
    right = sum(r["gold"] == r["pred"] for r in rows)
    office_right = sum(_office(r["gold"]) == r["office"] for r in rows)
    return {"n": len(rows), "right": right, "accuracy": right / max(1, len(rows)),
            "office_right": office_right, "rows": rows}


COMPOSED_FORMS = {"nianzhong": "工作总结", "banian": "半年总结", "shuzhi": "述职报告", "jiaoliu": "交流材料"}


def evaluate_composed() -> dict:
    """Accuracy on corpora/reports, the gold genre read from the form in each file name."""
    rows = []
    for path in sorted((ROOT / "corpora" / "reports").glob("*.txt")):
        gold = COMPOSED_FORMS.get(path.stem.rsplit("_", 1)[-1])
        if gold is None:
            continue
        doc = read_path(str(path), None, 50 * 1024 * 1024)
        run_stages(doc, ["genre"])
        rows.append({"key": path.name, "gold": gold, "pred": doc.genre.name})
    right = sum(r["gold"] == r["pred"] for r in rows)
    return {"n": len(rows), "right": right, "accuracy": right / max(1, len(rows)), "rows": rows}


def _office(name: str) -> bool:
    from pipeline.genre import GENRES

    return GENRES[name].office


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show-all", action="store_true", help="print every document, not only the misses")
    args = ap.parse_args(argv)
    if shared_dir() is None:
        print("../shared is absent: only corpora/samples is evaluated", file=sys.stderr)
    res = evaluate()
    by_gold: Counter[str] = Counter(r["gold"] for r in res["rows"])
    right_by: Counter[str] = Counter(r["gold"] for r in res["rows"] if r["gold"] == r["pred"])
    print(f"genre accuracy {res['right']}/{res['n']} = {res['accuracy']:.3f}; "
          f"office yes/no right {res['office_right']}/{res['n']}")
    for name, n in by_gold.most_common():
        print(f"  {name}: {right_by[name]}/{n}")
    composed = evaluate_composed()
    print(f"composed training reports (form from the file name): {composed['right']}/{composed['n']} "
          f"= {composed['accuracy']:.3f}")
    for r in composed["rows"]:
        if r["gold"] != r["pred"]:
            print(f"✗ {r['key']}: form {r['gold']}, got {r['pred']}")
    for r in res["rows"]:
        if args.show_all or r["gold"] != r["pred"]:
            mark = "  " if r["gold"] == r["pred"] else "✗ "
            print(f"{mark}{r['key']}: gold {r['gold']}, got {r['pred']} ({r['confidence']:.2f}) "
                  f"{'; '.join(r['evidence'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
