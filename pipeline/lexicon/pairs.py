"""Wrong → right pairs from tab-separated data files (Vale-style: data, not code).

One pair a line, ``wrong<TAB>right<TAB>level<TAB>context<TAB>source``; the last
three columns may be left out (level ``warning``, no condition, the file's name).

* level: ``error``/``必错``, ``warning``/``疑似``, ``info``/``提示``.
* context: conditions joined by ``;``: ``after=决定|规定`` (one of these words
  begins within the next 8 characters of the same clause), ``before=…`` (ends
  within the 8 before), ``next=…``/``prev=…`` (right next to the match),
  ``not_after=``, ``not_before=``, ``not_next=``, ``not_prev=`` (none of them may).
* A line ``#! kind: normative`` makes the file's pairs 规范用词 (RL802) instead of
  错别字 (RL801). Other ``#`` lines are comments.

Exception files list one phrase a line: a match lying inside an occurrence of
an exception phrase is not reported (截止日期 keeps 截止).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
LEVELS = {"error": "error", "必错": "error", "warning": "warning", "疑似": "warning", "info": "info", "提示": "info"}
CONDITION_KEYS = ("after", "before", "next", "prev", "not_after", "not_before", "not_next", "not_prev")
WINDOW = 8
CLAUSE_END = re.compile(r"[，。；：！？、,;:!?\n（）()“”]")


class LexiconError(ValueError):
    """A pair file that cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class Pair:
    wrong: str
    right: str
    level: str = "warning"
    conditions: tuple[tuple[str, tuple[str, ...]], ...] = ()
    source: str = ""
    kind: str = "wrong-word"  # or "normative"

    def holds(self, text: str, start: int, end: int) -> bool:
        """Do the context conditions hold for a match at [start, end) of ``text``?"""
        for key, words in self.conditions:
            if key.endswith("after"):
                seg = _clause(text[end:end + WINDOW + 4], forward=True)
                found = any(w in seg[:WINDOW + len(w)] for w in words)
            elif key.endswith("before"):
                seg = _clause(text[max(0, start - WINDOW - 4):start], forward=False)
                found = any(w in seg[-(WINDOW + len(w)):] for w in words)
            elif key.endswith("next"):
                found = text.startswith(words, end)
            else:  # prev
                found = any(text[max(0, start - len(w)):start] == w for w in words)
            if found == key.startswith("not_"):
                return False
        return True


def _clause(seg: str, forward: bool) -> str:
    cuts = [m.start() for m in CLAUSE_END.finditer(seg)]
    if not cuts:
        return seg
    return seg[:cuts[0]] if forward else seg[cuts[-1] + 1:]


def parse_conditions(spec: str, where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    out = []
    for part in filter(None, (p.strip() for p in spec.split(";"))):
        key, sep, words = part.partition("=")
        key = key.strip()
        if not sep or key not in CONDITION_KEYS or not words.strip():
            raise LexiconError(f"{where}: 无法识别的上下文条件 / bad context condition: {part!r}")
        out.append((key, tuple(w for w in (x.strip() for x in words.split("|")) if w)))
    return tuple(out)


def read_pairs(path: Path, source: str | None = None) -> list[Pair]:
    """The pairs of one file; a malformed line raises ``LexiconError`` naming it."""
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"无法读取词表 / cannot read pair file {path}: {exc}") from None
    kind = "wrong-word"
    name = source or Path(path).stem
    out = []
    for n, line in enumerate(lines, 1):
        if line.startswith("#!"):
            key, _, value = line[2:].partition(":")
            if key.strip() == "kind" and value.strip() in ("normative", "wrong-word"):
                kind = value.strip()
            continue
        if not line.strip() or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        where = f"{path}:{n}"
        if len(cols) < 2 or not cols[0] or not cols[1]:
            raise LexiconError(f"{where}: 每行至少要有“错误<TAB>正确”两列 / need wrong<TAB>right")
        if cols[0] == cols[1]:
            raise LexiconError(f"{where}: 错误形式与正确形式相同 / wrong equals right: {cols[0]}")
        level = LEVELS.get(cols[2] if len(cols) > 2 and cols[2] else "warning")
        if level is None:
            raise LexiconError(f"{where}: 级别应为 必错/疑似/提示 或 error/warning/info / bad level {cols[2]!r}")
        cond = parse_conditions(cols[3], where) if len(cols) > 3 else ()
        src = cols[4] if len(cols) > 4 and cols[4] else name
        out.append(Pair(cols[0], cols[1], level, cond, src, kind))
    return out


def read_exceptions(path: Path) -> list[str]:
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"无法读取例外表 / cannot read exception file {path}: {exc}") from None
    return [w.strip() for w in lines if w.strip() and not w.startswith("#")]


def builtin_files() -> list[Path]:
    return sorted(DATA.glob("*.tsv"))


def builtin_exceptions() -> list[Path]:
    return sorted(DATA.glob("*.exceptions.txt"))
