"""Options from the ``[report-lint]`` section of the nearest setup.cfg, then the CLI.

Keys mirror flake8/ruff: ``select`` and ``ignore`` take code prefixes
(``RL1``, ``RL401``), comma or newline separated. The CLI wins over the file.
"""

from __future__ import annotations

import configparser
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
    deep: bool = False
    config_path: str | None = None
    warnings: list[str] = field(default_factory=list)


def split_list(value: str | None) -> list[str]:
    if not value:
        return []
    return [v.strip().upper() for v in value.replace("\n", ",").split(",") if v.strip()]


def find_config(start: Path) -> Path | None:
    """The nearest setup.cfg at or above ``start`` that has a [report-lint] section."""
    start = start.resolve()
    for d in [start, *start.parents]:
        cand = d / "setup.cfg"
        if cand.is_file():
            cp = configparser.ConfigParser()
            try:
                cp.read(cand, encoding="utf-8")
            except (configparser.Error, UnicodeDecodeError):
                continue
            if cp.has_section(SECTION):
                return cand
    return None


def load_options(start: Path | None = None, explicit: Path | None = None) -> Options:
    opts = Options()
    path = explicit or find_config(start or Path.cwd())
    if path is None:
        return opts
    cp = configparser.ConfigParser()
    cp.read(path, encoding="utf-8")
    if not cp.has_section(SECTION):
        return opts
    opts.config_path = str(path)
    sec = cp[SECTION]
    for key in sec:
        norm = key.replace("_", "-")
        if norm not in KNOWN_KEYS:
            opts.warnings.append(f"{path}: [report-lint] 未知配置项 / unknown key: {key}")
    get = lambda k: sec.get(k) or sec.get(k.replace("-", "_"))  # noqa: E731
    if get("select"):
        opts.select = split_list(get("select"))
    opts.ignore = split_list(get("ignore")) + split_list(get("extend-ignore"))
    if get("fail-on"):
        opts.fail_on = get("fail-on").strip().lower()
    if get("min-severity"):
        opts.min_severity = get("min-severity").strip().lower()
    if get("encoding"):
        opts.encoding = get("encoding").strip()
    if get("max-size"):
        try:
            opts.max_bytes = int(float(get("max-size")) * 1024 * 1024)
        except ValueError:
            opts.warnings.append(f"{path}: max-size 应为数字 / max-size must be a number")
    if get("dimensions"):
        dim = Path(get("dimensions").strip())
        opts.dimensions = str(dim if dim.is_absolute() else path.parent / dim)
    if get("format"):
        opts.format = get("format").strip().lower()
    for key, attr in (("lexicon", "lexicon"), ("lexicon-exceptions", "lexicon_exceptions")):
        for name in (get(key) or "").replace("\n", ",").split(","):
            if name.strip():
                f = Path(name.strip())
                getattr(opts, attr).append(str(f if f.is_absolute() else path.parent / f))
    if get("deep"):
        opts.deep = get("deep").strip().lower() in ("1", "true", "yes", "on")
    return opts
