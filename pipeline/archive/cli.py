"""``report-lint batch`` and ``report-lint report``: archive in, database and report out."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import click


@click.command("batch")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False),
              help="SQLite 数据库文件（不存在则新建） / the archive database")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="并行进程数（默认全部 CPU 核） / worker processes (default: all cores)")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="本机多进程或 dask 集群 / local processes or a dask cluster")
@click.option("--scheduler", default=None, help="dask 调度器地址，如 tcp://host:8786 / dask scheduler address")
@click.option("--select", default=None, help="只运行这些规则（代码前缀） / rule prefixes to run")
@click.option("--ignore", default=None, help="跳过这些规则 / rule prefixes to skip")
@click.option("--encoding", default=None, help="文本编码（默认自动识别） / text encoding")
@click.option("--max-size", type=float, default=None, help="单个文件上限（MB，默认 10） / max input size in MB")
@click.option("--reanalyse", is_flag=True, help="已入库的文件也重新分析 / analyse stored documents again")
@click.option("--timeout", type=float, default=None,
              help="单个文件分析时限（秒），超时记为出错 / seconds per document; past it, an error row")
@click.option("--create", is_flag=True, help="允许把空文件初始化为数据库 / turn an empty --db file into an archive")
@click.option("--quiet", "-q", is_flag=True, help="不显示进度条 / no progress bar")
def batch(paths, db_path, jobs, engine, scheduler, select, ignore, encoding, max_size, reanalyse, timeout, create,
          quiet):
    """批量分析文件夹中的材料并存入数据库；中断后重新运行同一命令即可继续。

    analyse every .txt/.md/.docx under PATHS into the database; rerun the same
    command after an interruption to resume (stored documents are skipped).
    """
    from pipeline.archive.batch import run_batch
    from pipeline.archive.db import SchemaError
    from pipeline.archive.worker import options_dict
    from pipeline.cli import build_options

    opts = build_options(list(paths), None, select=select, ignore=ignore, encoding=encoding, max_size=max_size)
    if engine == "dask" and not scheduler:
        raise click.UsageError("--engine dask 需要 --scheduler 地址 / --engine dask needs --scheduler ADDRESS")
    if timeout is not None and not (0 < timeout < float("inf")):
        raise click.UsageError(f"--timeout 应为大于 0 的秒数 / --timeout must be a positive number: {timeout}")
    options = options_dict(opts)
    if timeout:
        options["timeout"] = timeout
    try:
        counts = run_batch(paths, db_path, jobs=jobs, engine=engine, scheduler=scheduler,
                           options=options, reanalyse=reanalyse, progress=not quiet, create=create)
    except SchemaError as exc:
        raise click.ClickException(str(exc)) from exc
    except RuntimeError as exc:  # the engine could not start (dask missing, scheduler unreachable)
        raise click.ClickException(" ".join(str(exc).split())) from exc
    except sqlite3.DatabaseError as exc:
        raise click.ClickException(f"无法打开数据库 {db_path}（{exc}）/ not an SQLite database") from exc
    except KeyboardInterrupt:
        click.echo("\n已中断；已完成的文件已保存，重新运行同一命令即可继续 / interrupted; rerun to resume",
                   err=True)
        sys.exit(130)
    rate = counts.analysed / counts.seconds if counts.seconds else 0.0
    click.echo(
        f"共 {counts.files} 个文件：新入库 {counts.analysed}，跳过（已入库或重复） {counts.skipped}，"
        f"出错 {counts.failed}；用时 {counts.seconds:.1f} 秒（{rate:.1f} 文件/s） -> {db_path}",
        err=True,
    )
    for line in counts.errors[:20]:
        click.echo(f"  出错 / error: {line}", err=True)
    if len(counts.errors) > 20:
        click.echo(f"  …… 另有 {len(counts.errors) - 20} 个，见数据库 errors 表", err=True)


@click.command("report")
@click.argument("database", type=click.Path(exists=True, dir_okay=False))
@click.option("--html", "html_path", type=click.Path(dir_okay=False), default=None,
              help="写出单个 HTML 文件 / write a self-contained HTML page")
@click.option("--format", "format_", type=click.Choice(["html", "json"]), default=None,
              help="json：把同样的统计输出为 JSON / json prints the same figures")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None, help="JSON 写入文件 / JSON file")
def report(database, html_path, format_, output):
    """由归档数据库生成分析报告（HTML 或 JSON） / report on an archive database."""
    from pipeline.archive.db import SchemaError, connect
    from pipeline.archive.report_html import figures, render_html

    if not html_path and format_ != "json":
        raise click.UsageError("请指定 --html out.html 或 --format json / give --html FILE or --format json")
    for out in (html_path, output):
        if out and Path(out).resolve() == Path(database).resolve():
            raise click.UsageError("输出文件不能是数据库本身 / the output would overwrite the database")
    try:
        conn = connect(database, migrate=False)
    except SchemaError as exc:
        raise click.ClickException(str(exc)) from exc
    except sqlite3.DatabaseError as exc:
        raise click.ClickException(f"无法打开数据库 {database}（{exc}）/ not an SQLite database") from exc
    try:
        data = figures(conn)
    finally:
        conn.close()
    if html_path:
        _write(html_path, render_html(data))
        click.echo(f"报告已写入 / report written: {html_path}", err=True)
    if format_ == "json":
        text = json.dumps(data, ensure_ascii=False, indent=1)
        if output:
            _write(output, text)
        else:
            click.echo(text)


def _write(path: str, text: str) -> None:
    """Write a report file; an unwritable place is one clear line and exit 2."""
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        err = click.ClickException(f"无法写入 {path}（{exc.strerror or exc}），请换一个可写的位置"
                                   f" / cannot write {path}: {exc.strerror or exc}")
        err.exit_code = 2
        raise err from exc
