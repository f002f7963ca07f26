"""Metric values a report states, keyed so the same metric matches across years.

The cross-document checks compare 编发《政务信息》54期 in 2025 with the 2024
report's figure, so a metric needs a stable key: the phrase before the number
with period words (全年、累计、共) and linking verbs (达、为) stripped, plus the
unit. Only exact figures are kept (近300篇 and 60余个 are estimates, comparing
them would raise false alarms), and a change is read only when it is written
right after the figure (……54期，较上年增长20%). This narrow reading is on
purpose: a figure we are unsure of is left out rather than compared.
"""

from __future__ import annotations

import re
from typing import Any

UNITS = "人次|个百分点|万元|亿元|件次|件|期|次|篇|个|项|条|场|名|批|家|份|起|户|所|人|%|％"
# The metric phrase runs from the start of its clause to the figure.
METRIC = r"(?<![\d\u4e00-\u9fff《》“”])(?P<metric>[\u4e00-\u9fff《》“”]{2,40})"
FIGURE = re.compile(
    rf"{METRIC}(?P<approx>近|约|超过|逾)?(?P<value>\d+(?:\.\d+)?)(?P<mag>万|亿)?(?P<unit>{UNITS})"
    r"(?P<after>余|多|左右|以上|上下)?"
)
CHANGE = re.compile(
    r"[，,]?(?:较上年|比上年|同比|较去年|比去年)(?:同期)?(?P<verb>增长|增加|提高|上升|多|下降|减少|降低|少)了?"
    rf"(?P<num>\d+(?:\.\d+)?)(?P<unit>{UNITS}|倍)"
)
LEADING = re.compile(r"^(?:今年以来|一年来|全年共|全年|今年|年内|本年度|其中|累计|共计|合计|总计|先后|共|并|还|已)+")
TRAILING = re.compile(r"(?:达到|达|为|到|了|共|累计|计|约)+$")
CLAUSE_BREAK = re.compile(r"[，,。；;！？!?]")
ESTIMATE_END = re.compile(r"(?:近|约|超过|逾|不到|不少于|将近|接近)$")
COMPARISON = re.compile(r"上年|去年|同比|同期|^较|^比|^由|增至|降至")
DOWN = {"下降", "减少", "降低", "少"}


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
