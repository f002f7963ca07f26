"""Text output: ``path:line:col: RLnnn [severity] message``, the excerpt with the span marked."""

from __future__ import annotations

import click

from pipeline.document import Document, Finding
from pipeline.vocab.width import display_width

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}
EXCERPT_WIDTH = 60  # display columns shown around the span


def excerpt(doc: Document, f: Finding) -> tuple[str, int, int]:
    """The finding's line cut to a window around the span: (text, span start, span end) in chars."""
    line, col = doc.line_col(f.start)
    text = doc.line_text(line)
    s = col - 1
    e = min(len(text), s + max(1, f.end - f.start))
    lo = max(0, s - 20)
    hi = min(len(text), max(e + 20, lo + EXCERPT_WIDTH // 2))
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(text) else ""
    return prefix + text[lo:hi] + suffix, len(prefix) + s - lo, len(prefix) + e - lo


def format_finding(doc: Document, f: Finding, colour: bool = False) -> str:
    line, col = doc.line_col(f.start)
    style = (lambda s, **kw: click.style(s, **kw)) if colour else (lambda s, **kw: s)
    head = (
        f"{style(doc.path, bold=True)}:{line}:{col}: {style(f.code, fg=COLOURS[f.severity], bold=True)} "
        f"[{SEVERITY_ZH[f.severity]}] {f.message}"
    )
    where = doc.layout.where(doc, f.start) if doc.layout is not None else ""
    if where:
        head += f"（{where}）"
    text, s, e = excerpt(doc, f)
    marker = " " * display_width(text[:s]) + "^" * max(1, display_width(text[s:e]))
    lines = [head, "    " + text, "    " + style(marker, fg=COLOURS[f.severity])]
    if f.suggestion:
        lines.append("    " + style("建议：", fg="green") + f.suggestion)
    return "\n".join(lines)


def summary_line(counts: dict[str, int], files: int, errors: int, genres: dict[str, int] | None = None) -> str:
    """The last line. ``genres``: how many files were recognised as each genre (文种)."""
    total = sum(counts.values())
    parts = "，".join(f"{SEVERITY_ZH[s]} {counts.get(s, 0)}" for s in ("error", "warning", "info"))
    tail = f"，{errors} 个文件无法读取" if errors else ""
    kinds = ""
    if genres:
        if sum(genres.values()) == 1:
            kinds = f"；文种：{next(iter(genres))}"
        else:
            kinds = "；文种：" + "，".join(f"{name} {n}" for name, n in sorted(genres.items(), key=lambda kv: -kv[1]))
    return f"共检查 {files} 个文件，发现 {total} 处问题（{parts}）{tail}{kinds}。"


def genre_line(doc: Document) -> str:
    """``文种 / genre: 工作总结（0.87）…`` and what it switches off, or "" before the genre stage."""
    g = getattr(doc, "genre", None)
    if g is None:
        return ""
    off = "" if g.office else "；非办公室工作总结类材料，不作工作维度覆盖检查（RL6xx）"
    return f"{doc.path}: 文种 / genre：{g.name}（置信度 {g.confidence:.2f}）{off}"
