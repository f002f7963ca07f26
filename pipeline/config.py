"""Options from the ``[report-lint]`` section of the nearest setup.cfg, then the CLI.

Keys mirror flake8/ruff: ``select`` and ``ignore`` take code prefixes
(``RL1``, ``RL401``), comma or newline separated. The CLI wins over the file.
"""

from __future__ import annotations

import configparser
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.reader import DEFAULT_MAX_BYTES

SECTION = "report-lint"
KNOWN_KEYS = {
    "select": "rule code prefixes to run (default: all)",
    "ignore": "rule code prefixes to skip",
    "extend-ignore": "more prefixes to skip, added to ignore",
    "fail-on": "lowest severity that makes the exit code 1 (error|warning|info|never)",
    "min-severity": "lowest severity shown (info|warning|error)",
    "encoding": "force a text encoding instead of detecting it",
    "max-size": "largest input in MB",
    "dimensions": "path of a custom work-dimension taxonomy (YAML)",
    "format": "text | json",
    "lexicon": "extra wrong→right pair files for RL8 (tab-separated, see README)",
    "lexicon-exceptions": "files of phrases RL8 must leave alone",
    "units": "extra measure-word files (one word a line, then its uses; see README)",
    "approx-markers": "extra approximation-marker files (one word a line, then prefix|before-unit|after-unit)",
    "deep": "also run the context check for unseen wrong characters (RL804): true|false",
}


@dataclass
class Options:
    select: list[str] = field(default_factory=lambda: ["RL"])
    ignore: list[str] = field(default_factory=list)
    fail_on: str = "error"
    min_severity: str = "info"
    encoding: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    dimensions: str | None = None
    format: str = "text"
    lexicon: list[str] = field(default_factory=list)
    lexicon_exceptions: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    approx_markers: list[str] = field(default_factory=list)
    deep: bool = False
    config_path: str | None = None
    warnings: list[str] = field(default_factory=list)


def split_list(value: str | None) -> list[str]:
    if not value:
        return []
    return [v.strip().upper() for v in value.replace("\n", ",").split(",") if v.strip()]


class ConfigError(ValueError):
    """A bad option value or an unreadable setup.cfg; the message is one line, Chinese / English."""


SEVERITY_CHOICES = ("error", "warning", "info")
FAIL_ON_CHOICES = (*SEVERITY_CHOICES, "never")
FORMAT_CHOICES = ("text", "json")


def check_choice(key: str, value: str, choices: tuple[str, ...]) -> str:
    v = value.strip().lower()
    if v not in choices:
        raise ConfigError(f"{key} 的取值“{value.strip()}”无效，可用 {'|'.join(choices)}"
                          f" / invalid {key}: {value.strip()!r} (use {'|'.join(choices)})")
    return v


def check_encoding(name: str) -> str:
    """A text codec name (utf-8, gbk, …); rot13, hex, base64 and the like are not text encodings."""
    import codecs

    name = name.strip()
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError, TypeError):
        info = None
    if info is None or not getattr(info, "_is_text_encoding", True):
        raise ConfigError(f"不认识的编码名“{name}”，可用 utf-8、gb18030、utf-16 / unknown encoding: {name}")
    return name


def check_max_size(value) -> int:
    """--max-size in MB (a finite number above zero) as bytes."""
    try:
        mb = float(value)
    except (TypeError, ValueError):
        mb = math.nan
    if not math.isfinite(mb) or mb <= 0 or mb > 1024 * 1024:
        raise ConfigError(f"max-size 应为大于 0 的有限数字（单位 MB），而不是“{str(value).strip()}”"
                          f" / max-size must be a positive number of MB: {str(value).strip()!r}")
    return max(1, int(mb * 1024 * 1024))


CODE_PREFIX = re.compile(r"RL[0-9]{0,3}")


def check_codes(key: str, codes: list[str]) -> list[str]:
    """Rule code prefixes that name at least one rule (RL, RL4, RL401); anything else is a typo."""
    from pipeline.rules import load_all

    known = set(load_all()) | CROSS_DOCUMENT_CODES
    bad = [c for c in codes if not CODE_PREFIX.fullmatch(c) or not any(k.startswith(c) for k in known)]
    if bad:
        raise ConfigError(f"{key} 中有不存在的规则代码：{', '.join(bad)}（report-lint rules 查看全部规则）"
                          f" / unknown rule code in {key}: {', '.join(bad)}")
    return codes


CROSS_DOCUMENT_CODES = {"RL701", "RL702", "RL703"}  # pipeline.archive.crossdoc.RULES, without importing it


def read_config(path: Path) -> configparser.ConfigParser:
    """setup.cfg read with the drafts' encoding detection (Notepad "ANSI" is GBK), no interpolation,
    duplicate keys refused; any failure is a ConfigError with one line naming the file."""
    from pipeline.reader import InputError, decode_bytes

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"无法读取配置文件 / cannot read config: {path} ({exc.strerror or exc})") from exc
    cp = configparser.ConfigParser(interpolation=None, strict=True)
    if not data.strip():
        return cp
    try:
        text, _ = decode_bytes(data, None, str(path))
    except InputError as exc:
        raise ConfigError(f"配置文件无法按文本读取 / unreadable config: {path} ({exc})") from exc
    try:
        cp.read_string(text, source=str(path))
    except configparser.DuplicateOptionError as exc:
        raise ConfigError(f"配置文件中 [{exc.section}] 的 {exc.option} 重复出现（第 {exc.lineno} 行）"
                          f" / duplicate key {exc.option!r} in {path}") from exc
    except configparser.DuplicateSectionError as exc:
        raise ConfigError(f"配置文件中 [{exc.section}] 节重复出现 / duplicate section in {path}") from exc
    except configparser.MissingSectionHeaderError as exc:
        raise ConfigError(f"配置文件第 {exc.lineno} 行之前缺少 [节名] / missing section header: {path}") from exc
    except configparser.Error as exc:
        where = getattr(exc, "errors", None)
        line = f"第 {where[0][0]} 行" if where else ""
        raise ConfigError(f"配置文件格式错误{line}，请检查 [节名] 和 键 = 值 / malformed config: {path}") from exc
    return cp


def find_config(start: Path) -> Path | None:
    """The nearest setup.cfg at or above ``start`` that has a [report-lint] section.

    A file that cannot be parsed still counts when its text names the section, so
    that its problem is reported instead of silently skipped.
    """
    try:
        start = start.resolve()
    except OSError:
        return None
    for d in [start, *start.parents]:
        cand = d / "setup.cfg"
        try:
            if not cand.is_file():
                continue
        except OSError:
            continue
        try:
            if read_config(cand).has_section(SECTION):
                return cand
        except ConfigError:
            try:
                raw = cand.read_bytes()
            except OSError:
                continue
            if SECTION.encode() in raw or SECTION.encode("utf-16-le") in raw:
                return cand
    return None


def load_options(start: Path | None = None, explicit: Path | None = None) -> Options:
    """Options from ``explicit`` (every problem raises ConfigError) or the nearest setup.cfg (each
    problem becomes a warning and that value keeps its default)."""
    opts = Options()
    path = explicit or find_config(start or Path.cwd())
    if path is None:
        return opts

    def problem(msg: str) -> None:
        if explicit is not None:
            raise ConfigError(msg if str(path) in msg else f"{path}: {msg}")
        opts.warnings.append((msg if str(path) in msg else f"{path}: {msg}") + "（已忽略 / ignored）")

    try:
        cp = read_config(path)
    except ConfigError as exc:
        problem(str(exc))
        return opts
    if not cp.has_section(SECTION):
        if explicit is not None:
            opts.warnings.append(f"{path}: 没有 [report-lint] 节，使用默认设置 / no [report-lint] section")
        return opts
    opts.config_path = str(path)
    sec = cp[SECTION]
    for key in sec:
        norm = key.replace("_", "-")
        if norm not in KNOWN_KEYS:
            opts.warnings.append(f"{path}: [report-lint] 未知配置项 / unknown key: {key}")
    get = lambda k: sec.get(k) or sec.get(k.replace("-", "_"))  # noqa: E731
    setters = (
        ("select", lambda v: setattr(opts, "select", check_codes("select", split_list(v)))),
        ("ignore", lambda v: setattr(opts, "ignore", check_codes("ignore", split_list(v)) + opts.ignore)),
        ("extend-ignore", lambda v: setattr(opts, "ignore", opts.ignore + check_codes("extend-ignore", split_list(v)))),
        ("fail-on", lambda v: setattr(opts, "fail_on", check_choice("fail-on", v, FAIL_ON_CHOICES))),
        ("min-severity", lambda v: setattr(opts, "min_severity", check_choice("min-severity", v, SEVERITY_CHOICES))),
        ("encoding", lambda v: setattr(opts, "encoding", check_encoding(v))),
        ("max-size", lambda v: setattr(opts, "max_bytes", check_max_size(v))),
        ("format", lambda v: setattr(opts, "format", check_choice("format", v, FORMAT_CHOICES))),
    )
    for key, setter in setters:
        value = get(key)
        if value and value.strip():
            try:
                setter(value)
            except ConfigError as exc:
                problem(str(exc))
    if get("dimensions"):
        dim = Path(get("dimensions").strip())
        opts.dimensions = str(dim if dim.is_absolute() else path.parent / dim)
    for key, attr in (("lexicon", "lexicon"), ("lexicon-exceptions", "lexicon_exceptions"), ("units", "units"),
                      ("approx-markers", "approx_markers")):
        for name in (get(key) or "").replace("\n", ",").split(","):
            if name.strip():
                f = Path(name.strip())
                getattr(opts, attr).append(str(f if f.is_absolute() else path.parent / f))
    if get("deep"):
        opts.deep = get("deep").strip().lower() in ("1", "true", "yes", "on")
    return opts
