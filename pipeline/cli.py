"""Command line: ``report-lint draft.txt`` lints; subcommands do the rest.

Sub-commands other than ``lint`` and ``rules`` live in their own modules and
are imported only when called, so ``report-lint draft.txt`` starts fast.
"""

from __future__ import annotations

import errno
import importlib
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

import click

from pipeline import __version__
from pipeline.config import (
    KNOWN_KEYS,
    ConfigError,
    Options,
    check_codes,
    check_encoding,
    check_max_size,
    load_options,
    split_list,
)
from pipeline.reader import InputError, expand_paths, read_path
from pipeline.rules.base import SEVERITIES, SEVERITY_RANK

LAZY_COMMANDS = {
    "outline": ("pipeline.structure.cli", "outline", "打印提纲树：层级、章节、序号、句式框架 / print the outline tree"),
    "claims": ("pipeline.claims.cli", "claims", "列出数字台账 / print the numeric-claim ledger"),
    "suggest": ("pipeline.generate.cli", "suggest", "生成下步工作打算与改写建议 / propose plan items and rewrites"),
    "batch": ("pipeline.archive.cli", "batch", "批量分析归档材料入库 / analyse an archive into SQLite"),
    "report": ("pipeline.archive.cli", "report", "由数据库生成分析报告 / HTML or JSON report from a database"),
    "serve": ("pipeline.serve.cli", "serve", "本机网页与 LanguageTool 兼容接口 / local page and LanguageTool API"),
}


class DefaultGroup(click.Group):
    """A group whose unknown first argument means ``lint ARG``, as flake8 users expect."""

    def list_commands(self, ctx):
        return sorted({*self.commands, *LAZY_COMMANDS})

    def get_command(self, ctx, name):
        if name in self.commands:
            return self.commands[name]
        if name in LAZY_COMMANDS:
            module, attr, _ = LAZY_COMMANDS[name]
            return getattr(importlib.import_module(module), attr)
        return None

    def format_commands(self, ctx, formatter):
        rows = [(n, self.commands[n].get_short_help_str(60)) for n in sorted(self.commands)
                if not self.commands[n].hidden]
        rows += [(n, help_) for n, (_, _, help_) in sorted(LAZY_COMMANDS.items())]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Usage errors as one bilingual line and exit code 2; a closed pipe ends quietly."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        args = list(sys.argv[1:] if args is None else args)
        if "--debug" in args:  # anywhere on the line, for every command: show tracebacks
            args.remove("--debug")
            os.environ["REPORT_LINT_DEBUG"] = "1"
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            sys.stdout.flush()
        except click.UsageError as exc:
            msg = " ".join(exc.format_message().split())
            click.echo(f"report-lint: 用法错误 / usage error: {msg}（report-lint --help 查看用法）", err=True)
            sys.exit(2)
        except click.ClickException as exc:
            click.echo(f"report-lint: {' '.join(exc.format_message().split())}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("report-lint: 已中止 / aborted", err=True)
            sys.exit(130)
        except BrokenPipeError:
            _quiet_broken_pipe()
            sys.exit(1)
        except OSError as exc:
            if exc.errno not in (errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG):
                _unexpected(exc)
            _quiet_broken_pipe()
            click.echo(f"report-lint: 无法写出结果（{exc.strerror or exc}），请检查磁盘空间或输出位置"
                       f" / cannot write output: {exc.strerror or exc}", err=True)
            sys.exit(2)
        except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, never a traceback
            _unexpected(exc)
        sys.exit(rv if isinstance(rv, int) else 0)

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in LAZY_COMMANDS and args[0] not in (
            "--help", "-h", "--version"
        ):
            args = ["lint", *args]
        return super().parse_args(ctx, args)


def debugging() -> bool:
    return bool(os.environ.get("REPORT_LINT_DEBUG"))


def _unexpected(exc: BaseException, path: str | None = None) -> None:
    """An error nobody foresaw: one line naming the file and asking for a report; --debug re-raises."""
    if debugging():
        raise exc
    where = f"{path}: " if path else ""
    msg = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
    click.echo(f"report-lint: {where}内部错误（{msg}），请把该文件和命令反馈给维护人员；加 --debug 可显示详情"
               f" / internal error, please report it (--debug shows the traceback)", err=True)
    sys.exit(3)


def _quiet_broken_pipe() -> None:
    """`report-lint … | head`: stop writing without a second error at interpreter exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="report-lint")
def main():
    """report-lint：办公室工作总结、汇报材料的检查工具。

    用法 / usage: report-lint 草稿.docx [更多文件或文件夹]
    """


def common_options(func):
    """Options shared by every command that reads drafts."""
    opts = [
        click.option("--encoding", default=None, help="文本编码（默认自动识别） / text encoding (auto by default)"),
        click.option("--max-size", default=None, help="单个文件上限（MB，默认 10） / max input size in MB"),
        click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
                     help="指定 setup.cfg / use this setup.cfg"),
    ]
    for o in reversed(opts):
        func = o(func)
    return func


class OptionError(click.ClickException):
    """A bad option value or --config file: one line, exit code 2."""

    exit_code = 2


def build_options(paths: list[str], config_path: str | None, **cli) -> Options:
    """setup.cfg (the nearest, or --config), then the command-line flags; a bad value exits 2."""
    from pipeline.vocab.extend import use_options
    from pipeline.vocab.wordlists import VocabError

    try:
        opts = _build_options(paths, config_path, **cli)
        use_options(opts)  # the word lists setup.cfg adds (units, approx-markers): a bad line exits 2 here
        return opts
    except ConfigError as exc:
        raise OptionError(str(exc)) from exc
    except VocabError as exc:
        raise OptionError(str(exc)) from exc


def _build_options(paths: list[str], config_path: str | None, **cli) -> Options:
    try:
        start = Path(paths[0]).parent if paths and paths[0] != "-" else Path.cwd()
        if paths and paths[0] != "-" and Path(paths[0]).is_dir():
            start = Path(paths[0])
    except (OSError, ValueError):
        start = Path.cwd()
    opts = load_options(start, Path(config_path) if config_path else None)
    if cli.get("select"):
        # the command line wins: its --select replaces the file's select and ignore alike
        opts.select = check_codes("--select", split_list(cli["select"]))
        opts.ignore = []
    if cli.get("ignore"):
        opts.ignore = check_codes("--ignore", split_list(cli["ignore"]))
    if cli.get("extend_ignore"):
        opts.ignore += check_codes("--extend-ignore", split_list(cli["extend_ignore"]))
    for key in ("fail_on", "min_severity", "format", "dimensions"):
        if cli.get(key):
            setattr(opts, key, cli[key])
    if cli.get("encoding"):
        opts.encoding = check_encoding(cli["encoding"])
    if cli.get("max_size") is not None:
        opts.max_bytes = check_max_size(cli["max_size"])
    return opts


def iter_documents(paths: list[str], opts: Options):
    """Yield (path, Document | None, error message | None) for every input, never raising."""
    for path in expand_paths(paths):
        try:
            yield path, read_path(path, opts.encoding, opts.max_bytes), None
        except InputError as exc:
            yield path, None, str(exc)
        except PermissionError:
            yield path, None, f"没有读取权限 / permission denied: {path}"
        except OSError as exc:
            yield path, None, f"无法读取 / cannot read {path}: {exc.strerror or exc}"


@main.command("lint")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "format_", type=click.Choice(["text", "json"]), default=None, help="输出格式 / output format")
@click.option("--select", default=None, help="只运行这些规则（代码前缀，逗号分隔） / rule prefixes to run")
@click.option("--ignore", default=None, help="跳过这些规则（代码前缀） / rule prefixes to skip")
@click.option("--extend-ignore", default=None, help="在配置基础上再跳过 / add to ignore")
@click.option("--fail-on", type=click.Choice([*SEVERITIES, "never"]), default=None,
              help="达到该级别即返回 1（默认 error） / lowest severity that fails")
@click.option("--min-severity", type=click.Choice(SEVERITIES), default=None, help="只显示该级别及以上 / lowest shown")
@click.option("--dimensions", default=None, help="自定义工作维度分类文件 / custom dimension taxonomy (YAML)")
@click.option("--color/--no-color", default=None, help="彩色输出（默认终端上开启） / colour output")
@click.option("--deep", is_flag=True, default=None,
              help="另做上下文错字检查 RL804（较慢） / also run the context check for unseen wrong characters")
@click.option("--annotate", is_flag=True,
              help="另存一份带批注的 Word 副本 / write a .docx copy with one comment per finding")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False), default=None,
              help="批注副本的文件名（默认 原名.report-lint.docx） / annotated copy path")
@click.option("--force", is_flag=True, help="允许覆盖已存在的批注副本 / overwrite an existing copy")
@click.option("--fix-tracked", is_flag=True,
              help="把安全的修改以修订（修订模式）写入副本 / safe fixes as tracked changes")
@click.option("--unsafe-fixes", is_flag=True, help="也写入需要人工判断的修改 / also fixes that need review")
@common_options
def lint_command(paths, format_, select, ignore, extend_ignore, fail_on, min_severity, dimensions, color, deep,
                 annotate, output, force, fix_tracked, unsafe_fixes, encoding, max_size, config_path):
    """检查草稿（.txt/.md/.docx/.doc/.wps，文件夹，或 - 表示标准输入） / lint drafts."""
    from pipeline.lint import analyse
    from pipeline.output import text as textout

    opts = build_options(list(paths), config_path, select=select, ignore=ignore, extend_ignore=extend_ignore,
                         fail_on=fail_on, min_severity=min_severity, encoding=encoding, format=format_,
                         dimensions=dimensions, max_size=max_size)
    if deep:
        opts.deep = True
    for w in opts.warnings:
        click.echo(f"report-lint: 警告 / warning: {w}", err=True)
    if opts.lexicon or opts.lexicon_exceptions:
        from pipeline.lexicon.matcher import lexicon
        from pipeline.lexicon.pairs import LexiconError

        try:
            lexicon(tuple(opts.lexicon), tuple(opts.lexicon_exceptions))
        except LexiconError as exc:
            click.echo(f"report-lint: {exc}", err=True)
            sys.exit(2)
    fix_tracked = fix_tracked or unsafe_fixes
    annotate = annotate or fix_tracked or output is not None
    inputs = len(expand_paths(list(paths))) if annotate else 0
    if output is not None and inputs != 1:
        raise click.UsageError("-o/--output 只能用于单个文件 / -o needs exactly one input file")
    colour = sys.stdout.isatty() if color is None else color
    stream = None
    if opts.format == "json":
        from pipeline.output.jsonout import JsonStream, error_dict

        stream = JsonStream(sys.stdout)  # each file is written as soon as it is done
    counts: Counter[str] = Counter()
    genres: Counter[str] = Counter()
    files = errors = 0
    worst = -1
    for path, doc, err in iter_documents(list(paths), opts):
        if annotate and inputs > 1 and path.endswith(".report-lint.docx"):
            continue  # a copy written by an earlier --annotate run over the same folder
        files += 1
        if err:
            errors += 1
            click.echo(f"report-lint: {err}", err=True)
            if stream is not None:
                stream.add(error_dict(path, err))
            continue
        try:
            analyse(doc, opts)
        except Exception as exc:  # one broken check must not hide the other files' results
            if debugging():
                raise
            errors += 1
            what = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
            msg = (f"检查时出错（{what}），请把该文件反馈给维护人员；加 --debug 可显示详情"
                   f" / internal error, please report it: {path}")
            click.echo(f"report-lint: {' '.join(msg.split())}", err=True)
            if stream is not None:
                stream.add(error_dict(path, msg))
            continue
        if doc.layout is not None and doc.layout.converted_from:
            click.echo(f"report-lint: 已用 LibreOffice 将 {path} 转为临时 .docx 后检查"
                       f" / converted from {doc.layout.converted_from} with LibreOffice", err=True)
        if annotate and doc.layout is None and inputs > 1:
            click.echo(f"report-lint: 不是 Word 文件，未生成批注副本 / not a Word file, no copy: {path}", err=True)
        elif annotate and not write_annotated(doc, path, output, force, fix_tracked, unsafe_fixes):
            errors += 1
        for f in doc.findings:
            counts[f.severity] += 1
            worst = max(worst, SEVERITY_RANK[f.severity])
        if doc.genre is not None:
            genres[doc.genre.name] += 1
        if stream is not None:
            stream.add_document(doc)
        else:
            for f in doc.findings:
                click.echo(textout.format_finding(doc, f, colour), color=colour)
            tail = document_tail(doc)
            if tail:
                click.echo(tail)
    if stream is not None:
        stream.close()
    else:
        click.echo(textout.summary_line(counts, files, errors, dict(genres)))
    if errors:
        sys.exit(2)
    threshold = None if opts.fail_on == "never" else SEVERITY_RANK.get(opts.fail_on, 2)
    sys.exit(1 if threshold is not None and worst >= threshold else 0)


def write_annotated(doc, path: str, output: str | None, force: bool, fix_tracked: bool, unsafe: bool) -> bool:
    """Write the commented (and tracked-fix) copy of one Word draft; report where, or why not."""
    from pipeline.word.annotate import annotate_document, default_output, write_copy

    if doc.layout is None:
        click.echo(f"report-lint: 只有 Word 文件（.docx/.doc/.wps）能生成批注副本"
                   f" / --annotate needs a Word file: {path}", err=True)
        return False
    out = Path(output) if output else default_output(path)
    try:
        result = annotate_document(doc, fix_tracked, unsafe)
        write_copy(result.data, out, path, force)
    except InputError as exc:
        click.echo(f"report-lint: {exc}", err=True)
        return False
    click.echo(f"report-lint: 已写出批注副本 {out}（批注 {result.comments} 条，修订 {result.revisions} 处）"
               f" / annotated copy written", err=True)
    return True


def document_tail(doc) -> str:
    """Per-document summary printed after its findings: the genre, and for an office report
    the dimension coverage table."""
    from pipeline.dimensions.coverage import format_coverage
    from pipeline.output.text import genre_line

    lines = [genre_line(doc)]
    if doc.genre is None or doc.genre.office:
        lines.append(format_coverage(doc))
    return "\n".join(x for x in lines if x)


@main.command("rules")
@click.argument("code", required=False)
@click.option("--format", "format_", type=click.Choice(["text", "json"]), default="text")
def rules_command(code, format_):
    """列出全部规则，或解释一条规则（report-lint rules RL507） / list every rule, or explain one."""
    from pipeline.rules import load_all
    from pipeline.rules.base import FAMILIES

    registry = load_all()
    if code:
        rule_ = registry.get(code.strip().upper())
        if rule_ is None:
            click.echo(f"report-lint: 没有规则 {code} / unknown rule code: {code}", err=True)
            sys.exit(2)
        explain_rule(rule_, format_)
        return
    rows = []
    for code_, r in sorted(registry.items()):
        bad = next((t for k, t in r.examples if k != "Okay"), "")
        row = {"code": code_, "name": r.name, "severity": r.severity, "summary": r.summary,
               "example": bad.replace("\n", "⏎")}
        if r.scope == "archive":
            row["scope"] = "archive (report-lint batch)"
        rows.append(row)
    if format_ == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    family = None
    for row in rows:
        if row["code"][:3] != family:
            family = row["code"][:3]
            click.echo(f"\n{family}xx  {FAMILIES.get(family, '')}")
        click.echo(f"  {row['code']}  {row['name']:<28} {row['severity']:<8} {row['summary']}")
        if row["example"]:
            ex = row["example"]
            click.echo(f"        例：{ex if len(ex) <= 70 else ex[:70] + '…'}")
    click.echo("\n解释一条规则 / explain one: report-lint rules RL507")


STANDARD = re.compile(r"GB/T\s*\d+(?:\.\d+)?(?:-\d{4})?|《[^》]{0,24}(?:标准|规范|条例|办法|规定|格式)[^》]{0,8}》")


def explain_rule(r, format_: str) -> None:
    """One rule in full: what it checks and why (its docstring), the standard it cites, its examples."""
    import inspect

    from pipeline.rules.base import FAMILIES

    doc = inspect.getdoc(r.func) or ""
    prose = [ln for ln in doc.splitlines() if not re.match(r"^\s*(Okay|RL\d{3}):", ln)]
    why = "\n".join(prose[1:]).strip()
    examples = r.examples
    row = {"code": r.code, "name": r.name, "severity": r.severity, "family": FAMILIES.get(r.code[:3], ""),
           "summary": r.summary, "why": why, "fix": r.fix, "needs": list(r.needs),
           "standards": sorted(set(STANDARD.findall("\n".join(prose)))),
           "examples": [{"fires": k != "Okay", "text": t} for k, t in examples]}
    if format_ == "json":
        click.echo(json.dumps(row, ensure_ascii=False, indent=2))
        return
    click.echo(f"{r.code}  {r.name}  [{r.severity}]  {row['family']}")
    click.echo(f"\n{r.summary}")
    if why:
        click.echo(f"\n{why}")
    if row["standards"]:
        click.echo(f"\n依据 / standard: {'、'.join(row['standards'])}")
    click.echo(f"\n自动修改 / fix: {'安全，可直接采纳 (safe)' if r.fix == 'safe' else '需人工判断 (needs review)'}")
    click.echo("\n示例 / examples:")
    for k, t in examples:
        mark = "✗ 报告" if k != "Okay" else "✓ 不报"
        click.echo(f"  {mark}  {t.replace(chr(10), '⏎')}")


@main.command("config-keys", hidden=True)
def config_keys():
    for k, v in KNOWN_KEYS.items():
        click.echo(f"{k}: {v}")


if __name__ == "__main__":  # pragma: no cover
    main()
