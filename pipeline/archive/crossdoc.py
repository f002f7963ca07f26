"""RL7xx: checks across one issuer's reports over the years.

A single draft cannot know that last year's report said 45期 when this year's
says 54期、较上年增长20%; the archive can. Each finding is stored against the
later document with ``related_document_id`` pointing at the earlier one, so
both documents list it. The findings depend on the whole archive, so they are
recomputed from the stored metrics and paragraphs after every batch.

The three checks are registered with the other rules (scope "archive"), so
``report-lint rules`` lists and explains them from their docstrings.

Only full-year reports (period 年度) of a known issuer and year take part; when
an issuer has several reports for one year (drafts and the final text) the one
modified last is used.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass

from pipeline.archive.db import Transaction
from pipeline.rules.base import rule

RUN_YEARS = 5
FALLBACK_DIMENSIONS = {"其他", "其它", "other", None, ""}
MIN_CONFIDENCE = 0.5


@dataclass
class Cross:
    code: str
    document_id: int
    related_document_id: int
    line: int | None
    related_line: int | None
    message: str
    excerpt: str | None
    suggestion: str | None


def series_documents(conn: sqlite3.Connection) -> dict[str, dict[int, int]]:
    """issuer -> year -> document id (the full-year report modified last)."""
    out: dict[str, dict[int, int]] = defaultdict(dict)
    rows = conn.execute(
        "SELECT id, issuer, year FROM current_documents WHERE issuer IS NOT NULL AND year IS NOT NULL"
        " AND (period IS NULL OR period = '年度') ORDER BY coalesce(mtime, 0), id"
    )
    for r in rows:
        out[r["issuer"]][r["year"]] = r["id"]  # later rows win
    return out


def recompute(conn: sqlite3.Connection) -> int:
    """Replace every RL7xx finding with a fresh computation; return how many were stored."""
    found = check_all(conn)
    with Transaction(conn):
        conn.execute("DELETE FROM findings WHERE code LIKE 'RL7%'")
        conn.executemany(
            "INSERT INTO findings (document_id, related_document_id, code, rule, severity, line, col, related_line,"
            " message, excerpt, suggestion) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)",
            [(c.document_id, c.related_document_id, c.code, RULES[c.code][0], RULES[c.code][1], c.line,
              c.related_line, c.message, c.excerpt, c.suggestion) for c in found],
        )
    return len(found)


def check_all(conn: sqlite3.Connection) -> list[Cross]:
    series = series_documents(conn)
    ids = [i for years in series.values() for i in years.values()]
    metrics = _metrics(conn, ids)
    dims = _dimensions(conn, ids)
    out: list[Cross] = []
    for issuer, years in sorted(series.items()):
        out += change_vs_last_year(issuer, years, metrics)
        out += figure_unchanged(issuer, years, metrics)
        out += dimension_dropped(issuer, years, dims)
    return out


def _metrics(conn: sqlite3.Connection, ids: list[int]) -> dict[int, dict[tuple[str, str], sqlite3.Row]]:
    out: dict[int, dict[tuple[str, str], sqlite3.Row]] = defaultdict(dict)
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        for r in conn.execute(f"SELECT * FROM metrics WHERE document_id IN ({marks})", chunk):
            out[r["document_id"]][(r["metric"], r["unit"])] = r
    return out


def _dimensions(conn: sqlite3.Connection, ids: list[int]) -> dict[int, dict[str, int]]:
    """document -> dimension -> line of its first confidently tagged paragraph."""
    out: dict[int, dict[str, int]] = defaultdict(dict)
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"SELECT document_id, dimension, min(line) AS line FROM paragraphs WHERE document_id IN ({marks})"
            " AND dimension IS NOT NULL AND (confidence IS NULL OR confidence >= ?)"
            " AND document_id NOT IN (SELECT id FROM documents WHERE office = 0)"  # a speech covers no dimensions
            " GROUP BY document_id, dimension",
            [*chunk, MIN_CONFIDENCE],
        )
        for r in rows:
            if r["dimension"] not in FALLBACK_DIMENSIONS:
                out[r["document_id"]][r["dimension"]] = r["line"]
    return out


def _chunks(ids: list[int], size: int = 500):
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


def _fmt(v: float) -> str:
    return f"{v:.10g}"


@rule("RL701", "change-vs-last-year", "warning", needs=(), scope="archive")
def change_vs_last_year(issuer: str, years: dict[int, int], metrics) -> list[Cross]:
    r"""与上年材料对照：所称增减幅度与上年所报数字不符（仅 batch）。

    Examples are one issuer's reports, year by year, separated by ‖.

    Okay: 临江市审计局2024年工作总结\n全年编发《审计信息》45期。‖临江市审计局2025年工作总结\n全年编发《审计信息》54期，较上年增长20%。
    RL701: 临江市审计局2024年工作总结\n全年编发《审计信息》45期。‖临江市审计局2025年工作总结\n全年编发《审计信息》54期，较上年增长30%。
    """  # noqa: E501 (examples are whole reports)
    out = []
    for year, doc in sorted(years.items()):
        prev = years.get(year - 1)
        if prev is None:
            continue
        for key, m in metrics.get(doc, {}).items():
            old = metrics.get(prev, {}).get(key)
            if m["change_kind"] is None or old is None:
                continue
            v, v0, c = m["value"], old["value"], m["change_value"]
            tol = 0.5 * 10 ** -(m["change_digits"] or 0) + 1e-9
            unit = m["unit"]
            if m["change_kind"] == "pct":
                if v0 == 0:
                    continue
                implied = (v - v0) / v0 * 100
                if abs(implied - c) <= tol:
                    continue
                digits = max(1, m["change_digits"] or 0)
                should = f"{'增长' if implied >= 0 else '下降'}{abs(implied):.{digits}f}%"
            elif m["change_kind"] == "abs":
                implied = v - v0
                if abs(implied - c) <= tol:
                    continue
                should = f"{'增加' if implied >= 0 else '减少'}{_fmt(abs(implied))}{unit}"
            elif m["change_kind"] == "pp" and unit == "%":
                implied = v - v0
                if abs(implied - c) <= tol:
                    continue
                digits = max(1, m["change_digits"] or 0)
                should = f"{'提高' if implied >= 0 else '下降'}{abs(implied):.{digits}f}个百分点"
            else:
                continue
            out.append(Cross(
                "RL701", doc, prev, m["line"], old["line"],
                f"与上年材料不符：本年称“{m['excerpt']}”，而{issuer}{year - 1}年材料记为"
                f"{_fmt(v0)}{unit}（“{old['excerpt']}”），按此应为较上年{should}",
                m["excerpt"],
                f"核对两年数字后改为“较上年{should}”，或更正所依据的上年数字",
            ))
    return out


@rule("RL702", "figure-unchanged", "info", needs=(), scope="archive")
def figure_unchanged(issuer: str, years: dict[int, int], metrics) -> list[Cross]:
    r"""同一数字连续五年完全相同，疑为沿用旧稿（仅 batch）。

    The same exact figure in RUN_YEARS consecutive reports: one finding per run; 100%
    rates and similar ceilings are legitimately stable.

    Okay: 白沙镇人民政府2021年工作总结\n调处矛盾纠纷36起。‖白沙镇人民政府2022年工作总结\n调处矛盾纠纷36起。‖白沙镇人民政府2023年工作总结\n调处矛盾纠纷41起。
    RL702: 白沙镇人民政府2019年工作总结\n调处矛盾纠纷36起。‖白沙镇人民政府2020年工作总结\n调处矛盾纠纷36起。‖白沙镇人民政府2021年工作总结\n调处矛盾纠纷36起。‖白沙镇人民政府2022年工作总结\n调处矛盾纠纷36起。‖白沙镇人民政府2023年工作总结\n调处矛盾纠纷36起。
    """  # noqa: E501 (examples are whole reports)
    out = []
    keys = {k for doc in years.values() for k in metrics.get(doc, {})}
    for key in sorted(keys):
        metric, unit = key
        run: list[int] = []
        value = None
        for year in sorted(years):
            m = metrics.get(years[year], {}).get(key)
            if m is not None and run and year == run[-1] + 1 and m["value"] == value:
                run.append(year)
            else:
                if len(run) >= RUN_YEARS:
                    out.append(_unchanged(issuer, run, years, metrics, key))
                run, value = ([year], m["value"]) if m is not None else ([], None)
        if len(run) >= RUN_YEARS:
            out.append(_unchanged(issuer, run, years, metrics, key))
    # 100% rates and similar ceilings are legitimately stable.
    return [c for c in out if c is not None]


def _unchanged(issuer, run, years, metrics, key) -> Cross | None:
    metric, unit = key
    last, first = years[run[-1]], years[run[0]]
    m, m0 = metrics[last][key], metrics[first][key]
    if unit == "%" and m["value"] >= 100:
        return None
    return Cross(
        "RL702", last, first, m["line"], m0["line"],
        f"{issuer}连续{len(run)}年（{run[0]}—{run[-1]}年）材料中“{metric}”均为{_fmt(m['value'])}{unit}，"
        "请核实是否沿用了旧稿数字",
        m["excerpt"],
        "核对本年实际数字；确无变化的，可写明“与上年持平”",
    )


@rule("RL703", "dimension-dropped", "info", needs=(), scope="archive")
def dimension_dropped(issuer: str, years: dict[int, int], dims) -> list[Cross]:
    r"""上年报告的工作维度今年缺失（仅 batch）。

    Only office reports count (a speech covers no dimensions), and only paragraphs the
    dimensions stage tagged with confidence.

    Okay: 东川区民政局2023年工作总结\n一是信访维稳更扎实。全年接待群众来访320人次，化解信访积案12件，排查矛盾纠纷85起。‖东川区民政局2024年工作总结\n一是信访维稳更扎实。全年接待群众来访350人次，化解信访积案15件，排查矛盾纠纷90起。
    RL703: 东川区民政局2023年工作总结\n一是信访维稳更扎实。全年接待群众来访320人次，化解信访积案12件，排查矛盾纠纷85起。‖东川区民政局2024年工作总结\n一是队伍建设更过硬。组织支部集中学习24次，开展廉政警示教育6场，干部培训120人次。
    """  # noqa: E501 (examples are whole reports)
    out = []
    for year, doc in sorted(years.items()):
        prev = years.get(year - 1)
        if prev is None or not dims.get(doc) or not dims.get(prev):
            continue  # a report without any tagged dimension says nothing about coverage
        for dim, line in sorted(dims[prev].items()):
            if dim not in dims[doc]:
                out.append(Cross(
                    "RL703", doc, prev, 1, line,
                    f"{issuer}{year - 1}年材料写了“{dim}”方面的工作，{year}年材料中没有这方面内容",
                    None,
                    f"确认本年是否有“{dim}”方面的工作；有则补写，确无则可不写",
                ))
    return out


ARCHIVE_RULES = (change_vs_last_year, figure_unchanged, dimension_dropped)
RULES = {f.rule.code: (f.rule.name, f.rule.severity) for f in ARCHIVE_RULES}  # code -> (name, severity)
