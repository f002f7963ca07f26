"""Which findings' replacements may be offered as tracked changes, and applying them to text.

A fix is *safe* when it is mechanical and its class is right in every context
the rule fires: 的→地 (RL401), full/half width and ％→% (RL202/RL204), doubled
punctuation (RL203) and lexicon pairs marked 必错 (an RL8xx error). Everything
else that carries a replacement (RL5xx label rewrites, RL3xx numbers, repeats)
needs review and is written only with --unsafe-fixes. A Finding may say so
itself through an ``applicability`` attribute ("safe" / "unsafe").
"""

from __future__ import annotations

from pipeline.document import Document, Finding

SAFE_CODES = frozenset({"RL202", "RL203", "RL204", "RL401"})


def applicability(f: Finding) -> str | None:
    """"safe", "unsafe" (needs review) or None (no mechanical fix)."""
    if f.replacement is None:
        return None
    declared = getattr(f, "applicability", None)
    if declared:
        return "safe" if declared in ("safe", "always") else "unsafe"
    if f.code in SAFE_CODES or (f.code.startswith("RL8") and f.severity == "error"):
        return "safe"
    return "unsafe"


def choose_fixes(doc: Document, findings: list[Finding], unsafe: bool = False) -> list[Finding]:
    """Fixes to apply, in text order: one line each, outside generated labels, never overlapping."""
    out: list[Finding] = []
    last_end = -1
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        kind = applicability(f)
        if kind is None or (kind == "unsafe" and not unsafe) or f.start < last_end:
            continue
        line, col = doc.line_col(f.start)
        if "\n" in doc.text[f.start:f.end]:
            continue
        if doc.layout is not None:
            info = doc.layout.lines[line - 1]
            if info.kind not in ("body", "cell", "textbox") or col - 1 < info.prefix:
                continue
        if doc.text[f.start:f.end] == f.replacement:
            continue
        out.append(f)
        last_end = max(f.end, f.start + 1)
    return out


def apply_fixes(text: str, fixes: list[Finding]) -> str:
    """``text`` with every chosen fix applied (fixes must not overlap)."""
    parts: list[str] = []
    pos = 0
    for f in sorted(fixes, key=lambda f: f.start):
        parts.append(text[pos:f.start])
        parts.append(f.replacement or "")
        pos = f.end
    parts.append(text[pos:])
    return "".join(parts)
