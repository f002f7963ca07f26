"""Metric values a report states, keyed so the same metric matches across years.

The cross-document checks compare 编发《政务信息》54期 in 2025 with the 2024
report's figure, so a metric needs a stable key: the phrase before the number
with period words (全年、累计、共) and linking verbs (达、为) stripped, plus the
unit. Only exact figures are kept (近300篇 and 60余个 are estimates, comparing
them would raise false alarms), and a change is read only when it is written
right after the figure (……54期，较上年增长20%). This narrow reading is on
purpose: a figure we are unsure of is left out rather than compared.

When the claims stage ran, its ledger (metric, value, unit, approximation,
role value/change, frame 较上年) is the source and the same filters apply;
``extract`` reads the text directly for archives analysed without it.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.vocab import approx, units
from pipeline.vocab.approx import alternation
from pipeline.vocab.change import CHANGE_VERBS, DECREASE
from pipeline.vocab.frames import YEAR_ON_YEAR

# The text reader keeps a ceiling (控制在3%以内, 4.5%以下) as a figure: the same bound stated each year
# compares across years; 开外/有余 were never read here. The other approximation markers make it an estimate.
_ESTIMATE_AFTER = tuple(w for w in approx.SUFFIX if w not in ("以下", "以内", "开外", "有余"))
UNITS = units.alternation(units.ARCHIVE_UNITS)
# The metric phrase runs from the start of its clause to the figure.
METRIC = r"(?<![\d\u4e00-\u9fff《》“”])(?P<metric>[\u4e00-\u9fff《》“”]{2,40})"
FIGURE = re.compile(
    rf"{METRIC}(?P<approx>{alternation(approx.PREFIX)})?(?P<value>\d+(?:\.\d+)?)(?P<mag>万|亿)?(?P<unit>{UNITS})"
    rf"(?P<after>{alternation(_ESTIMATE_AFTER)})?"
)
CHANGE = re.compile(
    rf"[，,]?(?:{alternation(YEAR_ON_YEAR)})(?:同期)?(?P<verb>{alternation(CHANGE_VERBS)})了?"
    rf"(?P<num>\d+(?:\.\d+)?)(?P<unit>{UNITS}|倍)"
)
LEADING = re.compile(r"^(?:今年以来|一年来|全年共|全年|今年|年内|本年度|其中|累计|共计|合计|总计|先后|共|并|还|已)+")
TRAILING = re.compile(r"(?:达到|达|为|到|了|共|累计|计|约)+$")
CLAUSE_BREAK = re.compile(r"[，,。；;！？!?]")
ESTIMATE_END = re.compile(rf"(?:{alternation(approx.PREFIX)})$")
COMPARISON = re.compile(r"上年|去年|同比|同期|^较|^比|^由|增至|降至")
DOWN = frozenset(DECREASE)


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
    """Metric records for the cross-document checks: the claim ledger when present, else ``extract``."""
    got = from_claims(claims, paragraphs)
    return got if got is not None else extract(paragraphs)


def metric_key(phrase: str) -> str:
    """Normalise the phrase before a figure: 全年共编发《政务信息》 -> 编发《政务信息》."""
    phrase = phrase.split("，")[-1].split("、")[-1]
    phrase = LEADING.sub("", phrase)
    phrase = TRAILING.sub("", phrase)
    return phrase


def extract(paragraphs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Exact figures with their normalised metric, unit and any stated change on last year."""
    out: list[dict[str, Any]] = []
    for p in paragraphs:
        text = p["text"]
        for m in FIGURE.finditer(text):
            if m.group("approx") or m.group("after") or COMPARISON.search(m.group("metric")) \
                    or ESTIMATE_END.search(m.group("metric")):
                continue
            key = metric_key(m.group("metric"))
            han = sum(1 for ch in key if "\u4e00" <= ch <= "\u9fff")
            if han < 2:
                continue
            value = float(m.group("value")) * {"万": 1e4, "亿": 1e8}.get(m.group("mag") or "", 1)
            unit = m.group("unit").replace("％", "%")
            rec: dict[str, Any] = {
                "metric": key,
                "value": value,
                "unit": unit,
                "line": p["line"],
                "excerpt": _excerpt(text, m.start("metric"), m.end()),
            }
            ch = CHANGE.match(text, m.end())
            if ch:
                num = float(ch.group("num"))
                sign = -1.0 if ch.group("verb") in DOWN else 1.0
                cunit = ch.group("unit").replace("％", "%")
                kind = "pct" if cunit == "%" else "pp" if cunit == "个百分点" else "abs" if cunit == unit else None
                if kind:
                    rec.update(change_kind=kind, change_value=sign * num,
                               change_digits=len(ch.group("num").partition(".")[2]))
                    rec["excerpt"] = _excerpt(text, m.start("metric"), ch.end())
            out.append(rec)
    return _unique(out)


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


def _excerpt(text: str, start: int, end: int) -> str:
    lo = max(text.rfind(ch, 0, start) for ch in "，。；;") + 1
    stop = CLAUSE_BREAK.search(text, end)
    hi = stop.start() if stop else len(text)
    return text[lo:hi][:80]
