"""The coverage table printed after a file's findings: dimension × summary/plan.

Staff read it to see at a glance which dimension is thin or missing from next
year's plan; numbers are item counts and characters of the units tagged with
each dimension (problems, opening and closing are left out).
"""

from __future__ import annotations

from pipeline.document import Document
from pipeline.vocab.width import display_width as _width

PARTS = (("summary", "总结"), ("plan", "打算"))


def coverage(doc: Document) -> dict[str, dict[str, dict[str, int]]]:
    """{dimension: {"summary": {"items": n, "chars": n}, "plan": {...}}} in taxonomy order."""
    taxonomy = getattr(doc, "dimension_taxonomy", None)
    units = getattr(doc, "dimension_units", None)
    if taxonomy is None or units is None:
        return {}
    table = {name: {part: {"items": 0, "chars": 0} for part, _ in PARTS} for name in taxonomy.names}
    for u in units:
        if u.section in ("summary", "plan"):
            row = table.setdefault(u.dimension, {part: {"items": 0, "chars": 0} for part, _ in PARTS})
            row[u.section]["items"] += 1 if u.item is not None or u.heading else 0
            row[u.section]["chars"] += u.chars
    return table


def _pad(s: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - _width(s))
    return gap + s if right else s + gap


def coverage_rows(doc: Document) -> tuple[list[dict], bool]:
    """Rows of the coverage table with their note, and whether the document has a plan part.

    Empty when the document has neither a summary nor a plan part; the text table
    and the local page both show these rows.
    """
    table = coverage(doc)
    if not table or not any(row[p]["chars"] for row in table.values() for p, _ in PARTS):
        return [], False
    has_plan = any(row["plan"]["chars"] for row in table.values())
    taxonomy = doc.dimension_taxonomy
    rows = []
    for name, row in table.items():
        s, p = row["summary"], row["plan"]
        if name == taxonomy.fallback and not (s["chars"] or p["chars"]):
            continue
        note = ""
        if name != taxonomy.fallback and has_plan and s["chars"] and not p["chars"]:
            note = "打算中缺少 / not in plan"
        elif name != taxonomy.fallback and not s["chars"] and not p["chars"]:
            note = "未涉及 / absent"
        rows.append({"dimension": name, "summary": s, "plan": p if has_plan else None, "note": note})
    return rows, has_plan


def format_coverage(doc: Document) -> str:
    """Text table; empty when the document has neither a summary nor a plan part."""
    rows, has_plan = coverage_rows(doc)
    if not rows:
        return ""
    head = ["工作维度 / dimension", "总结条目", "总结字数", "打算条目", "打算字数"]
    widths = [22, 9, 9, 9, 9]
    lines = ["", "工作维度覆盖 / work-dimension coverage",
             "".join(_pad(h, w, i > 0) for i, (h, w) in enumerate(zip(head, widths, strict=True)))]
    for row in rows:
        s, p = row["summary"], row["plan"]
        cells = [row["dimension"], str(s["items"]), str(s["chars"]), str(p["items"]) if has_plan else "-",
                 str(p["chars"]) if has_plan else "-"]
        note = f"  ← {row['note']}" if row["note"] else ""
        lines.append("".join(_pad(c, w, i > 0) for i, (c, w) in enumerate(zip(cells, widths, strict=True))) + note)
    return "\n".join(lines)
