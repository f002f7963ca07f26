"""``report-lint outline FILE``: the skeleton of a report as the linter sees it.

Shows the sections, every item with its label, heading and (once the dimensions
stage is installed) its work dimension, each series' shared frame, and the
count claims linked to their lists, so a user can see why a structure rule fired.
"""

from __future__ import annotations

import json
import sys

import click

from pipeline.cli import build_options, common_options, iter_documents
from pipeline.document import Document
from pipeline.stages import run_stages

SECTION_ZH = {"title": "标题", "opening": "开头", "summary": "工作总结", "problems": "问题不足",
              "plan": "下步打算", "closing": "结尾",
              "appendix": "附件", "furniture": "网页元素"}
STAGES = ("segment", "outline", "dimensions")


@click.command("outline")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "format_", type=click.Choice(["text", "json"]), default="text",
              help="输出格式 / output format")
@common_options
def outline(paths, format_, encoding, max_size, config_path):
    """打印提纲树：章节、序号、标题、句式框架、工作维度 / print the outline tree."""
    opts = build_options(list(paths), config_path, encoding=encoding, max_size=max_size)
    files, failed = [], 0
    for path, doc, err in iter_documents(list(paths), opts):
        if err:
            failed += 1
            click.echo(f"report-lint: {err}", err=True)
            if format_ == "json":
                files.append({"path": path, "error": err})
            continue
        run_stages(doc, STAGES, opts)
        if format_ == "json":
            files.append(outline_dict(doc))
        else:
            click.echo(format_outline(doc))
    if format_ == "json":
        click.echo(json.dumps({"files": files}, ensure_ascii=False, indent=2))
    sys.exit(2 if failed else 0)


def _dimension(doc: Document, it) -> tuple[str | None, float | None]:
    if it.dimension is not None:
        return it.dimension, it.confidence
    if not it.inline:
        p = doc.paragraphs[it.paragraph]
        return p.dimension, p.confidence
    return None, None


def format_outline(doc: Document) -> str:
    o = doc.outline
    lines = [doc.path]
    if o is None:
        return doc.path + "\n  （未生成提纲）"
    spans = []
    for name, first, last in o.sections:
        a, b = doc.paragraphs[first].line, doc.paragraphs[last].line
        spans.append(f"{SECTION_ZH.get(name, name)} {a}" + (f"-{b}" if b != a else "") + "行")
    lines.append("  章节：" + "，".join(spans))
    first_of: dict[int, object] = {}
    for s in o.series:
        first_of[id(s.items[0])] = s
    for it in o.items:
        indent = "  " * (it.level + 1)
        line, _ = doc.line_col(it.start)
        dim, conf = _dimension(doc, it)
        tag = f"  〔{dim}{'' if conf is None else f' {conf:.2f}'}〕" if dim else ""
        lines.append(f"{indent}{line:>4}行 {it.label} {it.heading}  [{SECTION_ZH.get(it.section, it.section)}]{tag}")
        s = first_of.get(id(it))
        if s is not None and s.frame is not None:
            note = f"句式：{s.frame.pattern}"
            if s.deviation is not None:
                note += f"（不合：{s.items[s.deviation.index].label}{s.items[s.deviation.index].heading}）"
            lines.append(f"{indent}       {note}")
    for c in o.counts:
        line, _ = doc.line_col(c.start)
        found = "未能对应" if c.found is None else f"实际 {c.found} 项"
        said = doc.text[c.start:c.end]
        said = said if said.startswith("“") else f"“{said}”"
        lines.append(f"  {line:>4}行 数量：{said} 说 {c.claimed} 项，{found}")
    return "\n".join(lines)


def outline_dict(doc: Document) -> dict:
    o = doc.outline
    if o is None:
        return {"path": doc.path, "sections": [], "items": [], "series": [], "counts": []}
    sections = [{"section": name, "line": doc.paragraphs[a].line, "end_line": doc.paragraphs[b].line}
                for name, a, b in o.sections]
    series = []
    for s in o.series:
        series.append({
            "labels": [it.label for it in s.items],
            "line": doc.line_col(s.items[0].start)[0],
            "section": s.section,
            "frame": s.frame.pattern if s.frame else None,
            "deviation": None if s.deviation is None else {
                "label": s.items[s.deviation.index].label, "how": s.deviation.how},
        })
    counts = [{"text": doc.text[c.start:c.end], "line": doc.line_col(c.start)[0], "claimed": c.claimed,
               "found": c.found, "kind": c.kind} for c in o.counts]
    items = []
    for it in o.roots:
        items.append(_item_dict(doc, it))
    return {"path": doc.path, "sections": sections, "items": items, "series": series, "counts": counts}


def _item_dict(doc: Document, it) -> dict:
    d = it.to_dict(doc)
    dim, conf = _dimension(doc, it)
    d["dimension"] = dim
    d["confidence"] = None if conf is None else round(float(conf), 4)
    d["children"] = [_item_dict(doc, c) for c in it.children]
    return d
