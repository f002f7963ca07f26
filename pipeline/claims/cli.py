"""``report-lint claims FILE``: print the numeric-claim ledger (table, JSON or CSV)."""

from __future__ import annotations

import csv
import io
import json
import sys

import click

from pipeline.vocab.width import display_width as _width

FIELDS = ("line", "column", "metric", "raw", "value", "unit", "magnitude", "approx", "period", "frame", "role",
          "subject", "period_kind", "scope", "status", "dimension")
PERIOD_KIND = {"year": "", "part": "年内", "multi": "多年"}
SCOPE = {"": "", "cumulative": "累计", "average": "年均"}


@click.command("claims")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "format_", type=click.Choice(["table", "json", "csv"]), default="table",
              help="输出格式 / output format")
@click.option("--encoding", default=None, help="文本编码（默认自动识别） / text encoding (auto by default)")
def claims(paths, format_, encoding):
    """列出数字台账：指标、数值、单位、时段、行号 / print the numeric-claim ledger."""
    from pipeline.config import Options
    from pipeline.lint import analyse
    from pipeline.reader import InputError, expand_paths, read_path

    opts = Options(select=["RL3"])
    files = []
    failed = False
    for path in expand_paths(list(paths)):
        try:
            doc = read_path(path, encoding)
        except (InputError, OSError) as exc:
            click.echo(f"report-lint: {exc}", err=True)
            failed = True
            continue
        analyse(doc, opts)
        files.append((path, doc, [c.to_dict(doc) for c in doc.claims]))
    if format_ == "json":
        out = [{"path": p, "claims": rows} for p, _, rows in files]
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    elif format_ == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(("path", *FIELDS))
        for p, _, rows in files:
            for r in rows:
                w.writerow((p, *(_cell(r.get(k)) for k in FIELDS)))
        click.echo(buf.getvalue(), nl=False)
    else:
        for p, _, rows in files:
            click.echo(format_table(p, rows))
    sys.exit(2 if failed else 0)


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, list):
        return "～".join(str(x) for x in v) if all(isinstance(x, (int, float)) for x in v) else "".join(map(str, v))
    return str(v)


def format_table(path: str, rows: list[dict]) -> str:
    """One line per claim: line, metric, value, unit, period (the ledger a reader checks by eye)."""
    out = [f"{path}: {len(rows)} 个数字 / claims"]
    if not rows:
        return out[0]
    head = ("行", "主体", "指标", "原文", "数值", "单位", "时段", "口径", "比较", "性质")
    body = []
    for r in rows:
        value = "待填" if r["placeholder"] else _cell(r["value"])
        unit = f"{r['magnitude']}{r['unit']}"
        scope = SCOPE.get(r["scope"], r["scope"]) or PERIOD_KIND.get(r["period_kind"], "")
        body.append((str(r["line"]), r["subject"] or "—", r["metric"] or "—", r["raw"], value, unit,
                     r["period"] or "—", scope, r["frame"] or ("" if r["role"] == "value" else r["role"]),
                     "目标" if r["status"] == "target" else "实绩"))
    widths = [max(_width(x[i]) for x in [head, *body]) for i in range(len(head))]
    for row in [head, *body]:
        out.append("  ".join(_pad(cell, widths[i]) for i, cell in enumerate(row)).rstrip())
    return "\n".join(out)


def _pad(s: str, w: int) -> str:
    return s + " " * (w - _width(s))
