"""Snapshot every result of a full lint on fixed texts, and compare two snapshots.

Speed and memory work must not change what report-lint says. ``snapshot`` lints
each text (project drafts in corpora/, the dev drafts and the State Council/CPC
reports in ../shared when present, the two 1 MB benchmark texts of
scripts/bench.py, and 20 KB of each scripts/bench_linear.py pattern) and writes
one JSON line per text: the ``--format json`` entry (findings, paragraphs with
sections and dimensions, claim ledger, genre) plus the unrounded dimension
confidences, the dimension units, the outline items and series, and the lexicon
slips. ``compare`` names the first difference of each text that differs.

Usage: python scripts/compare_outputs.py snapshot OUT.jsonl [--quick]
       python scripts/compare_outputs.py compare BEFORE.jsonl AFTER.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def texts(quick: bool) -> Iterator[tuple[str, str]]:
    from pipeline.resources import shared_dir

    for sub in ("samples", "reports"):
        for p in sorted((ROOT / "corpora" / sub).glob("*.txt")):
            yield f"corpora/{sub}/{p.name}", p.read_text(encoding="utf-8")
    shared = shared_dir()
    if shared is not None:
        for p in sorted((shared / "eval" / "dev").glob("*.txt")):
            yield f"dev/{p.name}", p.read_text(encoding="utf-8")
        seed = shared / "seed" / "exchange_material.txt"
        if seed.is_file():
            yield "seed", seed.read_text(encoding="utf-8")
        folder = shared / "corpora" / "state_council_reports"
        for name in ("government_work_reports.jsonl", "cpc_congress_reports.jsonl"):
            for i, line in enumerate((folder / name).read_text(encoding="utf-8").splitlines()):
                yield f"state-council/{name}#{i}", json.loads(line)["content"]
    from bench_linear import PATTERNS, make

    for name, unit in PATTERNS.items():
        yield f"pattern/{name}", make(unit, 20_000)
    if not quick:
        from bench import one_megabyte

        yield "bench/project-1mb", one_megabyte("project")
        if shared is not None:
            yield "bench/state-council-1mb", one_megabyte("state-council")


def _plain(x):
    """A JSON-able picture of a stage's object (dataclasses field by field, others by repr)."""
    import dataclasses

    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return {f.name: _plain(getattr(x, f.name)) for f in dataclasses.fields(x)
                if f.name not in ("parent", "children", "item", "series")}
    if isinstance(x, (list, tuple)):
        return [_plain(v) for v in x]
    if isinstance(x, dict):
        return {str(k): _plain(v) for k, v in x.items()}
    if isinstance(x, (str, int, bool)) or x is None:
        return x
    if isinstance(x, float):
        return repr(x)
    return repr(x)


def entry(name: str, text: str) -> dict:
    from pipeline.document import Document
    from pipeline.lint import analyse
    from pipeline.output.jsonout import file_dict

    doc = analyse(Document(text, path=name))
    out = file_dict(doc)
    out["confidence_full"] = [None if p.confidence is None else repr(float(p.confidence)) for p in doc.paragraphs]
    out["dimension_units"] = _plain(doc.dimension_units)
    out["outline_items"] = [_plain(it) for it in doc.outline.items] if doc.outline is not None else None
    ol = doc.outline
    out["outline_series"] = None if ol is None else [
        {"items": [[it.start, it.end] for it in s.items], "parent": s.parent.start if s.parent else None,
         "family": s.family, "section": s.section, "frame": repr(s.frame), "deviation": repr(s.deviation),
         "basis": s.basis} for s in ol.series]
    out["outline_rest"] = None if ol is None else {
        "sections": _plain(ol.sections),
        "counts": [[c.start, c.end, c.claimed, c.kind, c.found, c.keyword,
                    [it.start for it in c.series.items] if c.series else None] for c in ol.counts]}
    out["slips"] = _plain(doc.slips)
    out["parts"] = _plain(doc.parts)
    out["findings_full"] = [[f.code, f.start, f.end, f.severity, f.message, f.suggestion, f.replacement,
                             f.applicability, list(f.related)] for f in doc.findings]
    return out


def snapshot(path: str, quick: bool) -> int:
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        for name, text in texts(quick):
            fh.write(json.dumps({"name": name, "entry": entry(name, text)}, ensure_ascii=False, sort_keys=True) + "\n")
            n += 1
    print(f"{n} texts written to {path}")
    return 0


def _first_diff(a, b, where: str = "") -> str | None:
    if type(a) is not type(b):
        return f"{where}: {str(a)[:120]!r} != {str(b)[:120]!r}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{where}.{k}: only in {'after' if k not in a else 'before'}"
            d = _first_diff(a[k], b[k], f"{where}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            d = _first_diff(x, y, f"{where}[{i}]")
            if d:
                return d
        if len(a) != len(b):
            return f"{where}: length {len(a)} != {len(b)}"
        return None
    return None if a == b else f"{where}: {str(a)[:120]!r} != {str(b)[:120]!r}"


def compare(before: str, after: str) -> int:
    def load(p):
        with open(p, encoding="utf-8") as fh:
            return {d["name"]: d["entry"] for d in map(json.loads, fh)}

    a, b = load(before), load(after)
    bad = 0
    for name in a:
        if name not in b:
            print(f"missing in {after}: {name}")
            bad += 1
            continue
        d = _first_diff(a[name], b[name])
        if d:
            print(f"{name}{d}")
            bad += 1
    print(f"{len(a)} texts compared, {bad} differ")
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("snapshot")
    s.add_argument("out")
    s.add_argument("--quick", action="store_true", help="leave out the two 1 MB texts")
    c = sub.add_parser("compare")
    c.add_argument("before")
    c.add_argument("after")
    args = ap.parse_args(argv)
    if args.cmd == "snapshot":
        return snapshot(args.out, args.quick)
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
