"""Score report-lint on a folder of drafts with an answer key (``expected.json``).

The key format is described in ``../shared/eval/KEY_FORMAT.md``: per file, the planted
findings (kind + anchor substring of the line the finding must point at), the kinds
for which the file is clean, and the expected work dimension of heading lines.

Usage: python scripts/eval_drafts.py FOLDER [--verbose] [--json] [--include-info]

Recall counts findings at warning or error (``--include-info`` adds info); false
positives are warning/error findings of a kind the key marks clean for that file.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.config import Options  # noqa: E402
from pipeline.lint import analyse  # noqa: E402
from pipeline.reader import read_path  # noqa: E402

# Rule code -> answer-key kind. Each rule family adds its codes here.
KIND_BY_CODE: dict[str, str] = {
    "RL101": "placeholder",
    "RL102": "placeholder",
    "RL201": "unmatched_punct",
    "RL202": "mixed_width",
    "RL301": "redundant_approx",
    "RL302": "rate_over_100",
    "RL303": "sum_mismatch",
    "RL304": "metric_conflict",
    "RL305": "change_arithmetic",
    "RL306": "double_negative",
    "RL307": "percent_point_misuse",
    "RL401": "de_di",
    "RL402": "de_di",
    "RL403": "repeated_char",
    "RL404": "repeated_char",
    "RL405": "de_di",
    "RL501": "ordinal_gap",
    "RL502": "ordinal_dup",
    "RL503": "ordinal_gap",
    "RL504": "level_misuse",
    "RL506": "count_mismatch",
    "RL507": "parallel_deviation",
    "RL601": "plan_missing_dimension",
}

ALL_KINDS = (
    "placeholder", "metric_conflict", "redundant_approx", "change_arithmetic", "sum_mismatch",
    "rate_over_100", "double_negative", "percent_point_misuse", "mixed_width", "ordinal_gap",
    "ordinal_dup", "count_mismatch", "level_misuse", "parallel_deviation", "de_di",
    "unmatched_punct", "repeated_char", "plan_missing_dimension",
)
SERIOUS = {"warning", "error"}


def finding_lines(doc, f) -> list[str]:
    """Text of every line the finding touches, and of the places it relates to."""
    first, _ = doc.line_col(f.start)
    last, _ = doc.line_col(max(f.start, f.end - 1))
    lines = [doc.line_text(n) for n in range(first, last + 1)]
    for off in f.related:
        lines.append(doc.line_text(doc.line_col(off)[0]))
    return lines


def matches(doc, f, entry: dict) -> bool:
    if entry["kind"] == "plan_missing_dimension":
        return entry.get("dimension", "") in f.message
    anchor = entry.get("anchor", "")
    return any(anchor in line for line in finding_lines(doc, f))


def clean_kinds_of(entry: dict) -> set[str]:
    ck = set(entry.get("clean_kinds", []))
    if "ALL" in ck:
        return set(ALL_KINDS)
    if "ALL_BUT_LISTED" in ck:
        listed = {f["kind"] for f in entry.get("findings", [])}
        return set(ALL_KINDS) - listed
    return ck


def find_paragraph(doc, prefix: str):
    prefix = prefix.strip()
    for p in doc.paragraphs:
        if p.text.startswith(prefix):
            return p
    return None


def evaluate(folder: Path, include_info: bool = False) -> dict:
    key = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    counted = SERIOUS | ({"info"} if include_info else set())
    per_kind = defaultdict(lambda: {"expected": 0, "found": 0, "false_pos": 0, "extra": 0})
    misses, false_pos, extras, dim_errors = [], [], [], []
    dim_total = dim_right = 0
    for name, entry in sorted(key.items()):
        doc = read_path(str(folder / name))
        analyse(doc, Options())
        findings = [(f, KIND_BY_CODE.get(f.code)) for f in doc.findings]
        clean = clean_kinds_of(entry)
        used: set[int] = set()
        for exp in entry.get("findings", []):
            kind = exp["kind"]
            per_kind[kind]["expected"] += 1
            hit = next((i for i, (f, k) in enumerate(findings)
                        if k == kind and f.severity in counted and matches(doc, f, exp)), None)
            if hit is None:
                misses.append((name, kind, exp.get("anchor") or exp.get("dimension")))
            else:
                per_kind[kind]["found"] += 1
                used.add(hit)
        for i, (f, kind) in enumerate(findings):
            if kind is None or f.severity not in SERIOUS or i in used:
                continue
            line, col = doc.line_col(f.start)
            where = (name, kind, f.code, line, col, doc.text[f.start:f.end], f.message)
            if kind in clean:
                per_kind[kind]["false_pos"] += 1
                false_pos.append(where)
            elif any(e["kind"] == kind and matches(doc, f, e) for e in entry.get("findings", [])):
                continue  # a second finding on a planted defect
            else:
                per_kind[kind]["extra"] += 1
                extras.append(where)
        for prefix, dim in entry.get("dimensions", []):
            dim_total += 1
            p = find_paragraph(doc, prefix)
            got = p.dimension if p is not None else None
            if got == dim:
                dim_right += 1
            else:
                dim_errors.append((name, prefix, dim, got))
    return {
        "per_kind": dict(per_kind),
        "misses": misses,
        "false_positives": false_pos,
        "extras": extras,
        "dimension_total": dim_total,
        "dimension_right": dim_right,
        "dimension_errors": dim_errors,
    }


def print_report(res: dict, verbose: bool) -> None:
    print(f"{'kind':<22}{'expected':>9}{'found':>7}{'recall':>8}{'FP(clean)':>11}{'extra':>7}")
    tot_e = tot_f = tot_fp = tot_x = 0
    for kind in ALL_KINDS:
        k = res["per_kind"].get(kind)
        if not k:
            continue
        rec = k["found"] / k["expected"] if k["expected"] else float("nan")
        print(f"{kind:<22}{k['expected']:>9}{k['found']:>7}{rec:>8.2f}{k['false_pos']:>11}{k['extra']:>7}")
        tot_e += k["expected"]
        tot_f += k["found"]
        tot_fp += k["false_pos"]
        tot_x += k["extra"]
    if verbose:
        for m in res["misses"]:
            print("MISS  ", *m)
        for fp in res["false_positives"]:
            print("FP    ", *fp)
        for x in res["extras"]:
            print("EXTRA ", *x)
        for d in res["dimension_errors"]:
            print("DIM   ", *d)
    dt, dr = res["dimension_total"], res["dimension_right"]
    print(f"overall recall {tot_f}/{tot_e} = {tot_f / max(1, tot_e):.3f}")
    print(f"false positives on clean kinds: {tot_fp}; other unkeyed findings: {tot_x}")
    print(f"dimension accuracy {dr}/{dt} = {dr / max(1, dt):.3f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--verbose", "-v", action="store_true", help="list misses, false positives, dimension errors")
    ap.add_argument("--json", action="store_true", help="print the raw result as JSON")
    ap.add_argument("--include-info", action="store_true", help="count info-level findings towards recall")
    args = ap.parse_args(argv)
    if not (args.folder / "expected.json").is_file():
        print(f"no expected.json in {args.folder}", file=sys.stderr)
        return 2
    res = evaluate(args.folder, args.include_info)
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=2))
    else:
        print_report(res, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
