"""``report-lint suggest FILE``: the proposed plan block and rewrites of items that break a series."""

from __future__ import annotations

import json
import os
import sys

import click

from pipeline.cli import build_options, common_options, iter_documents
from pipeline.document import Document


@click.command("suggest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "format_", type=click.Choice(["text", "json"]), default="text",
              help="输出格式；json 含全部候选及得分 / output format (json lists every candidate with scores)")
@click.option("--creative", is_flag=True, help="采样生成，每次结果可能不同 / sample instead of the fixed-seed search")
@click.option("--seed", type=int, default=None,
              help="随机种子（默认固定；--creative 时每次不同） / random seed (fixed; fresh with --creative)")
@click.option("--lm-dir", type=click.Path(file_okay=False), default=None,
              help="语言模型目录（默认 models/lm） / language model folder")
@click.option("--dimensions", default=None, help="自定义工作维度分类文件 / custom dimension taxonomy (YAML)")
@common_options
def suggest(paths, format_, creative, seed, lm_dir, dimensions, encoding, max_size, config_path):
    """为草稿生成下步工作打算条目和并列标题改写建议 / propose plan items and rewrites."""
    from pipeline.stages import run_stages

    if lm_dir:
        from pipeline.generate.lm import ENV_DIR

        os.environ[ENV_DIR] = lm_dir
    opts = build_options(list(paths), config_path, encoding=encoding, dimensions=dimensions, max_size=max_size)
    opts.creative = creative
    if seed is None:
        seed = int.from_bytes(os.urandom(4), "little") if creative else 20261125
    opts.seed = seed
    results = []
    errors = 0
    for _path, doc, err in iter_documents(list(paths), opts):
        if err:
            errors += 1
            click.echo(f"report-lint: {err}", err=True)
            continue
        run_stages(doc, ["suggest"], opts)
        if format_ == "json":
            results.append(suggestions_dict(doc))
        else:
            click.echo(format_suggestions(doc))
    for w in opts.warnings:
        click.echo(f"report-lint: 警告 / warning: {w}", err=True)
    if format_ == "json":
        click.echo(json.dumps({"files": results, "warnings": opts.warnings}, ensure_ascii=False, indent=2))
    if errors:
        sys.exit(2)


def plan_block(doc: Document) -> list[dict]:
    """The plan as proposed: existing items kept in order, new ones at their dimension's place, renumbered."""
    from pipeline.generate.generator import block_label, block_order

    ctx = getattr(doc, "plan_context", None)
    new = [s for s in doc.suggestions if s.kind == "plan_item"]
    if ctx is None or not new:
        return []
    by_dim = {s.dimension: s for s in new}
    out = []
    order = block_order(ctx)
    for n, (kind, val) in enumerate(order, start=1):
        if kind == "old":
            row = {"text": ctx.plan_items[val].heading, "dimension": ctx.plan_dims[val], "new": False}
        else:
            s = by_dim[val]
            row = {"text": s.text, "measure": s.best.measure if s.best else "", "dimension": s.dimension,
                   "new": True, "frame": s.frame, "alternatives": [c.line for c in s.alternatives[1:]]}
        row["label"] = block_label(ctx, n, len(order))
        out.append(row)
    return out


def format_suggestions(doc: Document) -> str:
    lines = [f"{doc.path}"]
    if getattr(doc, "plan_skipped", None):
        return "\n".join([*lines, doc.plan_skipped])
    items = [s for s in doc.suggestions if s.kind == "plan_item"]
    rewrites = [s for s in doc.suggestions if s.kind == "rewrite"]
    ctx = getattr(doc, "plan_context", None)
    if ctx is not None and ctx.skipped:
        lines.append(f"不生成下步工作打算（{ctx.skipped}）")
    if items:
        frame = items[0].frame
        where = "补齐下步工作打算中缺少的维度" if ctx.plan_items else "本文没有下步工作打算，建议如下"
        origin = {"plan": "沿用本文打算的句式", "summary": "沿用本文总结标题的句式",
                  "library": "本文没有并列句式，常用句式"}[ctx.frame_source]
        alt = f"；也可用“{'”“'.join(ctx.alt_frames)}”" if ctx.alt_frames else ""
        lines.append(f"{where}（{origin}“{frame}”{alt}，编号沿用本文“{ctx.like}”）：")
        for row in plan_block(doc):
            if row["new"] and row["text"] is None:
                lines.append(f"  {row['label']}（未能生成符合句式且归入“{row['dimension']}”的条目）")
                continue
            if not row["new"]:
                lines.append(f"  {row['label']}{row['text']}。")
                continue
            measure = f"{row['measure']}。" if row["measure"] else ""
            lines.append(f"  {row['label']}{row['text']}。{measure}    ← 新增：{row['dimension']}")
            for alt_line in row["alternatives"]:
                lines.append(f"      或：{alt_line}")
    for s in rewrites:
        line, col = doc.line_col(s.start)
        good = [c.text for c in s.candidates if c.ok][:3]
        if not good:
            lines.append(f"{doc.path}:{line}:{col}: “{s.original}”不合“{s.frame}”句式，未能生成合适的改写")
            continue
        more = f"（其他候选：{'、'.join(good[1:])}）" if len(good) > 1 else ""
        lines.append(f"{doc.path}:{line}:{col}: 改写 “{s.label}{s.original}” → “{s.label}{good[0]}”"
                     f"（句式“{s.frame}”）{more}")
    if not items and not rewrites and not (ctx is not None and ctx.skipped):
        lines.append("没有需要补充的维度或需要改写的并列标题 / nothing to suggest")
    return "\n".join(lines)


def suggestions_dict(doc: Document) -> dict:
    ctx = getattr(doc, "plan_context", None)
    return {
        "path": doc.path,
        "genre": doc.genre.name if getattr(doc, "genre", None) is not None else None,
        "skipped": getattr(doc, "plan_skipped", None) or (ctx.skipped if ctx else None),
        "method": doc.suggestions[0].method if doc.suggestions else None,
        "summary_dimensions": ctx.summary_dims if ctx else [],
        "plan_dimensions": ctx.plan_dims if ctx else [],
        "frame_source": ctx.frame_source if ctx else None,
        "alternative_frames": ctx.alt_frames if ctx else [],
        "plan_block": plan_block(doc),
        "plan_items": [s.to_dict(doc) for s in doc.suggestions if s.kind == "plan_item"],
        "rewrites": [s.to_dict(doc) for s in doc.suggestions if s.kind == "rewrite"],
    }
