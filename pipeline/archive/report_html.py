"""The archive report: figures from the database, as JSON or one self-contained HTML page.

``figures(conn)`` computes everything once; ``--format json`` prints it and the
HTML page embeds the same object. The page needs no network: styles and the
drawing script are inline, charts are SVG built in the browser. Document text
reaches the page only through ``html.escape`` (tables) or a JSON block whose
``<``, ``>`` and ``&`` are escaped and which the script reads with
``JSON.parse`` and shows with ``textContent`` — a report that quotes
``<script>`` shows it, never runs it.
"""

from __future__ import annotations

import html
import json
import sqlite3
import time
from collections import defaultdict
from typing import Any

from pipeline import __version__
from pipeline.archive.crossdoc import RULES as CROSS_RULES

DEFAULT_DIMENSIONS = ["参谋辅政", "督查落实", "综合协调", "服务保障", "信访维稳", "队伍建设"]
MAX_CHARTS = 200
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def dimension_order() -> tuple[list[str], str]:
    """The taxonomy's order and fallback label when the project ships one, else the six office dimensions."""
    try:
        import yaml

        from pipeline.resources import corpora_dir

        data = yaml.safe_load((corpora_dir() / "dimensions.yml").read_text(encoding="utf-8"))
        fallback = data.get("fallback") or "其他"
        order = [d for d in data.get("order", []) if d != fallback]
        return (order or list(DEFAULT_DIMENSIONS)), fallback
    except Exception:  # no taxonomy file (or no PyYAML): the defaults are still right for offices
        return list(DEFAULT_DIMENSIONS), "其他"


def _label(row: sqlite3.Row) -> str:
    if row["issuer"] and row["year"]:
        extra = "" if row["period"] in (None, "年度") else row["period"]
        return f"{row['issuer']} {row['year']}{extra}"
    return row["title"] or row["path"]


# Findings of current documents only: a superseded version is history, not part of the report.
CURRENT_FINDING = "f.document_id IN (SELECT id FROM current_documents)"


def figures(conn: sqlite3.Connection) -> dict[str, Any]:
    """Every figure the report shows, as plain data (the ``--format json`` output)."""
    docs = conn.execute("SELECT * FROM current_documents ORDER BY issuer IS NULL, issuer, year, path").fetchall()
    by_id = {r["id"]: r for r in docs}
    dims, fallback = dimension_order()
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for r in conn.execute("SELECT document_id, dimension, count(*) AS n FROM paragraphs"
                          " WHERE dimension IS NOT NULL AND dimension != ?"
                          " AND document_id IN (SELECT id FROM current_documents)"
                          " GROUP BY document_id, dimension",
                          (fallback,)):
        counts[r["document_id"]][r["dimension"]] = r["n"]
        if r["dimension"] not in dims:
            dims.append(r["dimension"])
    tagged = sum(1 for c in counts.values() if c)

    findings: dict[int, list[dict[str, Any]]] = defaultdict(list)
    n_findings: dict[int, int] = defaultdict(int)
    rows = conn.execute(
        "SELECT f.*, p.text AS context, rp.text AS related_context FROM findings f"
        " LEFT JOIN paragraphs p ON p.document_id = f.document_id AND p.line = f.line"
        " LEFT JOIN paragraphs rp ON rp.document_id = f.related_document_id AND rp.line = f.related_line"
        f" WHERE {CURRENT_FINDING} ORDER BY f.document_id, f.line, f.col, f.code")
    for f in rows:
        item = {"code": f["code"], "rule": f["rule"], "severity": f["severity"], "line": f["line"],
                "column": f["col"], "message": f["message"], "excerpt": f["excerpt"], "suggestion": f["suggestion"],
                "context": _clip(f["context"], f["col"])}
        if f["related_document_id"] is not None:
            other = by_id.get(f["related_document_id"])
            item["related"] = {"id": f["related_document_id"], "label": _label(other) if other else None,
                               "line": f["related_line"]}
            mirror = dict(item, line=f["related_line"], context=_clip(f["related_context"], 1), related={
                "id": f["document_id"], "label": _label(by_id[f["document_id"]]), "line": f["line"]})
            findings[f["related_document_id"]].append(mirror)
            n_findings[f["related_document_id"]] += 1
        findings[f["document_id"]].append(item)
        n_findings[f["document_id"]] += 1

    top = [dict(r) for r in conn.execute(
        "SELECT code, rule, severity, count(*) AS count, count(DISTINCT document_id) AS documents FROM findings f"
        f" WHERE {CURRENT_FINDING} GROUP BY code, rule, severity ORDER BY count DESC, code LIMIT 30")]

    flagged: dict[tuple[int, int | None], str] = {}
    for r in conn.execute("SELECT document_id, line, code FROM findings f WHERE code IN ('RL701', 'RL702')"
                          f" AND {CURRENT_FINDING}"):
        flagged[(r["document_id"], r["line"])] = r["code"]
    series_map: dict[tuple[str, str, str], list[list[Any]]] = defaultdict(list)
    rows = conn.execute(
        "SELECT d.id, d.issuer, d.year, m.metric, m.unit, m.value, m.line FROM metrics m"
        " JOIN current_documents d ON d.id = m.document_id WHERE d.issuer IS NOT NULL AND d.year IS NOT NULL"
        " AND (d.period IS NULL OR d.period = '年度') ORDER BY d.issuer, m.metric, d.year")
    for r in rows:
        series_map[(r["issuer"], r["metric"], r["unit"])].append(
            [r["year"], r["value"], r["id"], flagged.get((r["id"], r["line"]))])
    series = []
    for (issuer, metric, unit), pts in sorted(series_map.items()):
        years = [p[0] for p in pts]
        if len(set(years)) >= 2 and len(set(years)) == len(years):
            series.append({"issuer": issuer, "metric": metric, "unit": unit,
                           "points": [{"year": y, "value": v, "document": d, "flag": fl} for y, v, d, fl in pts]})

    documents = []
    for r in docs:
        documents.append({
            "id": r["id"], "label": _label(r), "path": r["path"], "title": r["title"], "issuer": r["issuer"],
            "year": r["year"], "period": r["period"], "paragraphs": r["n_paragraphs"], "chars": r["chars"],
            "findings": n_findings.get(r["id"], 0),
            "coverage": {d: counts[r["id"]].get(d, 0) for d in dims},
        })
    errors = [dict(r) for r in conn.execute("SELECT path, message, at FROM errors ORDER BY path")]
    runs = [dict(r) for r in conn.execute("SELECT * FROM runs ORDER BY id DESC LIMIT 5")]
    return {
        "tool_version": __version__,
        "generated": time.strftime("%Y-%m-%d %H:%M"),
        "summary": {
            "documents": len(docs),
            "errors": len(errors),
            "issuers": len({r["issuer"] for r in docs if r["issuer"]}),
            "years": sorted({r["year"] for r in docs if r["year"]}),
            # a cross finding once
            "findings": conn.execute(f"SELECT count(*) FROM findings f WHERE {CURRENT_FINDING}").fetchone()[0],
            "characters": sum(r["chars"] or 0 for r in docs),
            "documents_with_dimensions": tagged,
        },
        "dimensions": dims,
        "documents": documents,
        "series": series,
        "top_findings": top,
        "findings": {str(k): v for k, v in findings.items()},
        "errors": errors,
        "runs": runs,
        "cross_rules": {code: {"rule": name, "severity": sev} for code, (name, sev) in CROSS_RULES.items()},
    }


def _clip(text: str | None, column: int | None, around: int = 40) -> str | None:
    """The finding's line, cut to ``around`` characters either side of its column."""
    if not text:
        return None
    if len(text) <= 2 * around or not column:
        return text[:2 * around]
    lo = max(0, column - 1 - around)
    return ("…" if lo else "") + text[lo:lo + 2 * around] + ("…" if lo + 2 * around < len(text) else "")


# ---- HTML -----------------------------------------------------------------------------------

def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def json_for_script(data: Any) -> str:
    """JSON that cannot end the <script> element it sits in, whatever the documents say."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:24px;color:#222;
 max-width:1280px}
h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd;padding-bottom:4px}
h3{font-size:15px;margin:16px 0 4px}
table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ddd;padding:3px 6px;vertical-align:top}
th{background:#f4f6f8;text-align:left}.num{text-align:right}.muted{color:#777;font-size:12px}
.sev-error{color:#b3261e;font-weight:bold}.sev-warning{color:#a05a00}.sev-info{color:#3a6ea5}
.summary span{display:inline-block;margin-right:18px}.summary b{font-size:18px}
#heatmap svg text,.chart svg text{font-size:11px}.charts{display:flex;flex-wrap:wrap;gap:12px}
.chart{border:1px solid #e3e3e3;padding:6px}.chart h4{margin:0 0 4px;font-size:12px;font-weight:normal}
pre,code{white-space:pre-wrap}.excerpt{color:#555}
"""

JS = r"""
(function(){
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var NS = 'http://www.w3.org/2000/svg';
  function el(name, attrs, text){
    var e = document.createElementNS(NS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function heatmap(){
    var box = document.getElementById('heatmap');
    var dims = data.dimensions, docs = data.documents;
    var left = 260, top = 70, cw = 64, ch = 14;
    var svg = el('svg', {width: left + cw * dims.length + 20, height: top + ch * docs.length + 10,
                         role: 'img', 'aria-label': '维度覆盖热力图'});
    var max = 1;
    docs.forEach(function(d){ dims.forEach(function(k){ max = Math.max(max, d.coverage[k] || 0); }); });
    dims.forEach(function(k, j){
      svg.appendChild(el('text', {x: left + j * cw + cw / 2, y: top - 8, 'text-anchor': 'middle'}, k));
    });
    docs.forEach(function(d, i){
      var y = top + i * ch;
      var a = el('a', {href: '#doc-' + d.id});
      a.appendChild(el('text', {x: left - 6, y: y + ch - 3, 'text-anchor': 'end'}, d.label));
      svg.appendChild(a);
      dims.forEach(function(k, j){
        var n = d.coverage[k] || 0;
        var fill = n === 0 ? '#f6d5d1' : 'rgba(30,90,170,' + (0.25 + 0.75 * n / max).toFixed(3) + ')';
        var r = el('rect', {x: left + j * cw + 1, y: y + 1, width: cw - 2, height: ch - 2, fill: fill,
                            'class': 'cell', 'data-count': n});
        r.appendChild(el('title', {}, d.label + ' · ' + k + '：' + n + ' 段'));
        svg.appendChild(r);
      });
    });
    box.appendChild(svg);
    return svg.querySelectorAll('rect.cell').length;
  }
  function chart(s){
    var w = 300, h = 150, l = 46, r = 10, t = 10, b = 24;
    var ys = s.points.map(function(p){ return p.value; });
    var xs = s.points.map(function(p){ return p.year; });
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs);
    var y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    if (y0 === y1) { y0 = y0 - 1; y1 = y1 + 1; }
    var pad = (y1 - y0) * 0.1; y0 -= pad; y1 += pad;
    function px(x){ return l + (x1 === x0 ? (w - l - r) / 2 : (x - x0) / (x1 - x0) * (w - l - r)); }
    function py(y){ return t + (1 - (y - y0) / (y1 - y0)) * (h - t - b); }
    var div = document.createElement('div'); div.className = 'chart';
    var title = document.createElement('h4');
    title.textContent = s.issuer + ' · ' + s.metric + '（' + s.unit + '）';
    div.appendChild(title);
    var svg = el('svg', {width: w, height: h, role: 'img', 'aria-label': title.textContent});
    svg.appendChild(el('line', {x1: l, y1: h - b, x2: w - r, y2: h - b, stroke: '#999'}));
    svg.appendChild(el('line', {x1: l, y1: t, x2: l, y2: h - b, stroke: '#999'}));
    [y0 + pad, y1 - pad].forEach(function(v){
      svg.appendChild(el('text', {x: l - 4, y: py(v) + 4, 'text-anchor': 'end'}, +v.toFixed(1)));
    });
    svg.appendChild(el('polyline', {'class': 'series', fill: 'none', stroke: '#1e5aaa', 'stroke-width': 2,
      points: s.points.map(function(p){ return px(p.year) + ',' + py(p.value); }).join(' ')}));
    s.points.forEach(function(p){
      var c = el('circle', {cx: px(p.year), cy: py(p.value), r: p.flag ? 5 : 3,
                            fill: p.flag ? '#b3261e' : '#1e5aaa'});
      c.appendChild(el('title', {}, p.year + '年：' + p.value + s.unit + (p.flag ? '（' + p.flag + '）' : '')));
      var a = el('a', {href: '#doc-' + p.document}); a.appendChild(c); svg.appendChild(a);
      svg.appendChild(el('text', {x: px(p.year), y: h - 8, 'text-anchor': 'middle'}, String(p.year).slice(2)));
    });
    div.appendChild(svg);
    return div;
  }
  var cells = heatmap();
  var box = document.getElementById('charts');
  var shown = data.series.slice(0, __MAX_CHARTS__);
  shown.forEach(function(s){ box.appendChild(chart(s)); });
  var status = document.getElementById('render-status');
  status.textContent = '已绘制：热力图 ' + cells + ' 格，趋势图 ' + shown.length + ' 幅';
  document.body.setAttribute('data-rendered', 'heatmap:' + cells + ';charts:' + shown.length);
})();
"""


def render_html(data: dict[str, Any]) -> str:
    s = data["summary"]
    years = s["years"]
    span = f"{years[0]}—{years[-1]}年" if years else "—"
    parts = [
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        "<title>材料归档分析报告</title><style>", CSS, "</style></head><body>",
        "<h1>材料归档分析报告</h1>",
        f"<p class='muted'>report-lint {esc(data['tool_version'])} · 生成于 {esc(data['generated'])}"
        " · <span id='render-status'>（图表需要浏览器运行页面内脚本）</span></p>",
        "<p class='summary'>",
        f"<span>材料 <b>{s['documents']}</b> 份</span><span>发文单位 <b>{s['issuers']}</b> 个</span>",
        f"<span>年份 <b>{esc(span)}</b></span><span>问题 <b>{s['findings']}</b> 条</span>",
        f"<span>无法读取 <b>{s['errors']}</b> 个文件</span><span>共 <b>{s['characters']:,}</b> 字</span></p>",
        "<h2>工作维度覆盖（材料 × 维度，格内为段落数；淡红色表示该维度缺失）</h2>",
    ]
    if not s["documents_with_dimensions"]:
        parts.append("<p class='muted'>数据库中尚无维度标注（分析时未运行维度识别），下图各格均为 0。</p>")
    parts.append("<div id='heatmap'></div>")
    parts.append("<h2>各单位指标逐年变化</h2>")
    n_series = len(data["series"])
    if n_series > MAX_CHARTS:
        parts.append(f"<p class='muted'>共 {n_series} 条序列，此处显示前 {MAX_CHARTS} 条；完整数据见"
                     " <code>report-lint report 数据库 --format json</code>。</p>")
    elif not n_series:
        parts.append("<p class='muted'>没有同一单位两年以上可比的指标。</p>")
    parts.append("<p class='muted'>红点：该年数字与上年材料不符（RL701）或连续多年未变（RL702）。</p>")
    parts.append("<div id='charts' class='charts'></div>")
    parts.append("<h2>最常见的问题</h2><table><tr><th>代码</th><th>规则</th><th>级别</th>"
                 "<th class='num'>次数</th><th class='num'>涉及材料</th></tr>")
    for t in data["top_findings"]:
        parts.append(f"<tr><td>{esc(t['code'])}</td><td>{esc(t['rule'])}</td>"
                     f"<td class='sev-{esc(t['severity'])}'>{esc(SEVERITY_ZH.get(t['severity'], t['severity']))}</td>"
                     f"<td class='num'>{t['count']}</td><td class='num'>{t['documents']}</td></tr>")
    parts.append("</table>")
    parts.append("<h2>材料一览</h2><table id='documents'><tr><th>单位</th><th>年份</th><th>标题</th><th>文件</th>"
                 "<th class='num'>段落</th><th class='num'>问题</th></tr>")
    for d in data["documents"]:
        parts.append(
            f"<tr><td>{esc(d['issuer'] or '—')}</td><td>{esc(d['year'] or '—')}</td><td>{esc(d['title'])}</td>"
            f"<td class='muted'>{esc(d['path'])}</td><td class='num'>{d['paragraphs']}</td>"
            f"<td class='num'><a href='#doc-{d['id']}'>{d['findings']}</a></td></tr>")
    parts.append("</table>")
    if data["errors"]:
        parts.append("<h2>无法分析的文件</h2><table><tr><th>文件</th><th>原因</th></tr>")
        for e in data["errors"]:
            parts.append(f"<tr><td>{esc(e['path'])}</td><td>{esc(e['message'])}</td></tr>")
        parts.append("</table>")
    parts.append("<h2>各材料的问题</h2>")
    for d in data["documents"]:
        items = data["findings"].get(str(d["id"]), [])
        parts.append(f"<section id='doc-{d['id']}'><h3>{esc(d['label'])}</h3>"
                     f"<div class='muted'>{esc(d['path'])}</div>")
        if not items:
            parts.append("<p class='muted'>未发现问题。</p></section>")
            continue
        parts.append("<table><tr><th>位置</th><th>代码</th><th>级别</th><th>说明</th><th>建议</th></tr>")
        for f in items:
            rel = f.get("related")
            link = (f"<br><span class='muted'>另见 <a href='#doc-{rel['id']}'>{esc(rel['label'])}</a>"
                    f" 第 {esc(rel['line'])} 行</span>") if rel else ""
            quote = f.get("context") or f.get("excerpt")
            excerpt = f"<br><span class='excerpt'>{esc(quote)}</span>" if quote else ""
            parts.append(
                f"<tr><td>{esc(f['line'])}:{esc(f['column'])}</td><td>{esc(f['code'])}</td>"
                f"<td class='sev-{esc(f['severity'])}'>{esc(SEVERITY_ZH.get(f['severity'], f['severity']))}</td>"
                f"<td>{esc(f['message'])}{excerpt}{link}</td><td>{esc(f['suggestion'])}</td></tr>")
        parts.append("</table></section>")
    parts.append("<script type='application/json' id='report-data'>")
    parts.append(json_for_script({k: data[k] for k in ("dimensions", "documents", "series")}))
    parts.append("</script><script>")
    parts.append(JS.replace("__MAX_CHARTS__", str(MAX_CHARTS)))
    parts.append("</script></body></html>")
    return "".join(parts)
