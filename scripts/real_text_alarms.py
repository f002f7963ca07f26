"""Warnings and errors per 10,000 characters on real, edited official text, with every finding listed.

Real text is the measure of precision: a published report went through editors, so a
warning there is a false alarm unless a reader of the line agrees it is a slip. This runs
the full pipeline and every selected rule over
  - the State Council government work reports and CPC congress reports (``sc``), and
  - the 1,720 corrected ``target`` sentences of the ODW official-document set (``odw``),
    each sentence linted as its own document,
read from ../shared at run time (nothing is copied into the project). It prints findings per
rule per 10,000 characters, writes every finding with its line to a TSV for review, and
compares them with the hand verdicts in ``tests/data/real_text_verdicts.tsv`` (document id,
code, line, column, verdict ``real``/``false``, reason). A finding without a verdict counts as
false until someone has read it.

Usage: python scripts/real_text_alarms.py [--select RL] [--corpus sc,odw] [--out FILE.tsv]
       [--all-severities] [--show N]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.config import Options  # noqa: E402
from pipeline.document import Document  # noqa: E402
from pipeline.lint import analyse  # noqa: E402
from pipeline.resources import shared_dir  # noqa: E402

SC_FILES = {"gov": "government_work_reports.jsonl", "cpc": "cpc_congress_reports.jsonl"}
VERDICTS = ROOT / "tests" / "data" / "real_text_verdicts.tsv"
SERIOUS = ("warning", "error")


@dataclass(frozen=True)
class RealDoc:
    """One real document: a stable id (gov001, cpc016, odw1719), a title and its text."""

    id: str
    title: str
    text: str
    year: int | None = None


def state_council_docs(since: int | None = None) -> Iterator[RealDoc]:
    """The 88 records in file order; ids count lines within each file (gov001…gov072, cpc001…cpc016)."""
    folder = _shared() / "corpora" / "state_council_reports"
    for prefix, name in SC_FILES.items():
        for n, line in enumerate((folder / name).read_text(encoding="utf-8").splitlines(), 1):
            rec = json.loads(line)
            year = str(rec.get("year") or "")
            y = int(year) if year.isdigit() else None
            if since is not None and (y is None or y < since):
                continue
            yield RealDoc(f"{prefix}{n:03d}", rec["title"], rec["content"], y)


def odw_docs() -> Iterator[RealDoc]:
    """The corrected sentences of the ODW training split, each its own document (as a file would end)."""
    data = json.loads((_shared() / "corpora" / "ecspell_odw" / "train.json").read_text(encoding="utf-8"))
    for i, rec in enumerate(data):
        yield RealDoc(f"odw{i:04d}", f"ODW {i}", rec["target"] + "\n")


def _shared() -> Path:
    shared = shared_dir()
    if shared is None:
        raise FileNotFoundError("../shared is absent: the real-text corpora are not available here")
    return shared


def load_verdicts(path: Path = VERDICTS) -> dict[tuple[str, str, int, int], tuple[str, str]]:
    """(doc id, code, line, column) → (verdict, reason)."""
    out: dict[tuple[str, str, int, int], tuple[str, str]] = {}
    if not path.is_file():
        return out
    with path.open(encoding="utf-8") as fh:
        for row in csv.reader((ln for ln in fh if not ln.startswith("#")), delimiter="\t"):
            if len(row) >= 5:
                out[(row[0], row[1], int(row[2]), int(row[3]))] = (row[4], row[5] if len(row) > 5 else "")
    return out


def measure(select: list[str], corpora: tuple[str, ...] = ("sc", "odw"), serious_only: bool = True,
            since: int | None = None) -> dict:
    """Lint every real document with the full pipeline; count findings per code and attach verdicts."""
    docs: list[RealDoc] = []
    if "sc" in corpora:
        docs.extend(state_council_docs(since))
    if "odw" in corpora:
        docs.extend(odw_docs())
    verdicts = load_verdicts()
    counts: Counter[str] = Counter()
    rows = []
    chars = 0
    opts = Options(select=select, min_severity="warning" if serious_only else "info")
    for rd in docs:
        doc = analyse(Document(rd.text, path=rd.id), opts)
        chars += len(doc.text)
        for f in doc.findings:
            counts[f.code] += 1
            line, col = doc.line_col(f.start)
            verdict, reason = verdicts.get((rd.id, f.code, line, col), ("unjudged", ""))
            text = doc.line_text(line)
            rows.append({"doc": rd.id, "code": f.code, "severity": f.severity, "line": line, "column": col,
                         "excerpt": doc.text[f.start:f.end], "verdict": verdict, "reason": reason,
                         "context": text[max(0, col - 40):col + 40], "message": f.message})
    false = sum(1 for r in rows if r["verdict"] != "real")
    return {"chars": chars, "documents": len(docs), "findings": len(rows), "per_10k": len(rows) / max(1, chars) * 1e4,
            "false": false, "false_per_10k": false / max(1, chars) * 1e4, "by_code": dict(sorted(counts.items())),
            "rows": rows}


def write_tsv(rows: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    keys = ["doc", "code", "severity", "line", "column", "verdict", "reason", "excerpt", "message", "context"]
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t")
        w.writerow(keys)
        for r in rows:
            w.writerow([str(r[k]).replace("\t", " ").replace("\n", " ") for k in keys])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--select", default="RL", help="rule code prefixes (default: every rule)")
    ap.add_argument("--corpus", default="sc,odw", help="sc (State Council/CPC), odw (corrected ODW sentences)")
    ap.add_argument("--since", type=int, default=None, help="State Council records from this year on")
    ap.add_argument("--out", default=str(ROOT / ".tmp" / "real_text_findings.tsv"), help="every finding, for review")
    ap.add_argument("--all-severities", action="store_true", help="count info findings too")
    ap.add_argument("--show", type=int, default=0, help="print this many findings that are not judged real")
    args = ap.parse_args(argv)
    try:
        res = measure([s.strip().upper() for s in args.select.split(",") if s.strip()],
                      tuple(c.strip() for c in args.corpus.split(",")), not args.all_severities, args.since)
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 2
    write_tsv(res["rows"], Path(args.out))
    real = res["findings"] - res["false"]
    print(f"{res['documents']} documents, {res['chars']} chars: {res['findings']} findings "
          f"({res['per_10k']:.3f} per 10k); judged real {real}; false or unjudged {res['false']} "
          f"({res['false_per_10k']:.3f} per 10k)")
    by_verdict: dict[str, Counter[str]] = {}
    for r in res["rows"]:
        by_verdict.setdefault(r["code"], Counter())[r["verdict"]] += 1
    for code, n in res["by_code"].items():
        v = by_verdict.get(code, Counter())
        print(f"  {code}: {n} ({n / res['chars'] * 1e4:.3f} per 10k)  real {v['real']}, false {v['false']}, "
              f"unjudged {v['unjudged']}")
    shown = [r for r in res["rows"] if r["verdict"] != "real"][:args.show]
    for r in shown:
        print(f"  {r['doc']}:{r['line']}:{r['column']} {r['code']} [{r['verdict']}] {r['excerpt']!r} …{r['context']}…")
    print(f"every finding: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
