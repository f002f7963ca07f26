"""Metric values a report states, keyed so the same metric matches across years.

The cross-document checks compare 编发《政务信息》54期 in 2025 with the 2024
report's figure, so a metric needs a stable key. The figures come from the claim
ledger (pipeline/claims: metric with period words and fillers peeled off, value, unit,
approximation, role value/change, comparison frame), so the archive reads a report
exactly as the single-document checks do; nothing here re-reads the text for numbers.
Only exact figures are kept (近300篇 and 60余个 are estimates, comparing them would
raise false alarms), and a change is taken only when it is framed 较上年/同比 and stated
right after the figure on the same metric (……54期，较上年增长20%). This narrow reading
is on purpose: a figure we are unsure of is left out rather than compared.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.vocab.approx import alternation
from pipeline.vocab.change import DECREASE
from pipeline.vocab.frames import YEAR_ON_YEAR

# A metric phrase that names the comparison itself (较上年, 同比) is not a metric of its own.
COMPARISON = re.compile(r"上年|去年|同比|同期|^较|^比|^由|增至|降至")
FRAMES = frozenset(YEAR_ON_YEAR)
DOWN_BEFORE = re.compile(rf"(?:{alternation(DECREASE)})了?$")


def from_claims(claims: list[dict[str, Any]], paragraphs: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
    """The same records from the claim ledger (the claims stage), or None when it has none to offer.

    A value claim is kept when it is exact (no approximation marker, not a
    placeholder); a change claim framed 较上年/同比 right after it, on the same
    metric, becomes its stated change.
    """
    if not claims or not all(isinstance(c, dict) and "role" in c and "metric" in c for c in claims):
        return None
    text_at = {p["line"]: p["text"] for p in paragraphs}
    out: list[dict[str, Any]] = []
    last: dict[str, Any] | None = None
    for c in claims:
        value = c.get("amount", c.get("value"))  # amount = value with 万/亿 applied
        metric, unit = metric_key(c.get("metric") or ""), (c.get("unit") or "")
        exact = isinstance(value, int | float) and not isinstance(value, bool) and not c.get("approx") \
            and not c.get("placeholder")
        if c.get("role") == "value":
            last = None
            if not exact or not metric or not unit or COMPARISON.search(metric):
                continue
            unit = unit.replace("％", "%")
            rec = {"metric": metric, "value": float(value), "unit": unit, "line": c.get("line"),
                   "excerpt": _claim_excerpt(text_at, c)}
            out.append(rec)
            last = rec
        elif c.get("role") == "change" and last is not None and exact and c.get("frame") in FRAMES \
                and metric == last["metric"] and c.get("line") == last["line"] and "change_kind" not in last:
            cunit = unit.replace("％", "%")
            kind = "pct" if cunit == "%" else "pp" if cunit == "个百分点" else "abs" if cunit == last["unit"] else None
            if kind:
                line_text = text_at.get(c.get("line"), "")
                before = line_text[:max(0, (c.get("column") or 1) - 1)]
                sign = -1.0 if DOWN_BEFORE.search(before) or c.get("negative") else 1.0
                raw = str(c.get("raw") or "")
                digits = re.search(r"\.(\d+)", raw)
                last.update(change_kind=kind, change_value=sign * abs(float(value)),
                            change_digits=len(digits.group(1)) if digits else 0)
                last["excerpt"] = _claim_excerpt(text_at, c, start_col=_col_of(text_at, last))
            last = None
        else:
            last = None
    return _unique(out)


def _col_of(text_at: dict[int, str], rec: dict[str, Any]) -> int | None:
    text = text_at.get(rec["line"], "")
    i = text.find(rec["excerpt"])
    return i + 1 if i >= 0 else None


def _claim_excerpt(text_at: dict[int, str], c: dict[str, Any], start_col: int | None = None) -> str:
    text = text_at.get(c.get("line"), "")
    col = c.get("column") or 1
    if start_col is not None:
        lo = start_col - 1
    else:
        lo = max(text.rfind(ch, 0, col - 1) for ch in "，。；;") + 1
    end = col - 1 + len(str(c.get("raw") or ""))
    return text[lo:end][:80] if text else str(c.get("raw") or "")


def records(claims: list[dict[str, Any]], paragraphs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Metric records for the cross-document checks, from the claim ledger ([] when it has none)."""
    return from_claims(claims, paragraphs) or []


def metric_key(phrase: str) -> str:
    """The ledger's metric as a key: its last list item (办理建议、提案 -> 提案)."""
    return phrase.split("，")[-1].split("、")[-1]


def _unique(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A metric stated twice with different values in one report is ambiguous: drop it."""
    values: dict[tuple[str, str], set[float]] = {}
    for r in records:
        values.setdefault((r["metric"], r["unit"]), set()).add(r["value"])
    seen: set[tuple[str, str]] = set()
    out = []
    for r in records:
        key = (r["metric"], r["unit"])
        if len(values[key]) == 1 and key not in seen:
            seen.add(key)
            out.append(r)
    return out
