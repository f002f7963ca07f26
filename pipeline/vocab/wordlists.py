"""Word lists kept as data files, Vale-style: one word a line, then its tags; ``#`` starts a comment.

The lists a user may want to extend (measure words, approximation markers) ship as text files in
``pipeline/vocab/data/``; setup.cfg ``[report-lint]`` names extra files in the same format (keys
``units`` and ``approx-markers``; ``extend.py`` puts them in force). A bad line in a user file is one
``VocabError`` naming ``file:line``; the command line prints it and exits 2.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


class VocabError(ValueError):
    """A word-list file that cannot be read or has a bad line; the message names file and line."""


def read(path: str | Path, tags: Iterable[str], default: tuple[str, ...] = ()) -> list[tuple[str, tuple[str, ...]]]:
    """``(word, tags)`` for each entry of ``path``, in file order.

    A line is a word followed by tags from ``tags``; a line with the word alone gets ``default``
    (a file that requires a tag passes an empty default).
    """
    allowed = set(tags)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise VocabError(f"无法读取词表 / cannot read word list {path}: {reason}") from None
    out: list[tuple[str, tuple[str, ...]]] = []
    for n, line in enumerate(text.splitlines(), start=1):
        line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if not line:
            continue
        word, *given = line.split()
        where = f"{path}:{n}"
        bad = [t for t in given if t not in allowed]
        if bad:
            raise VocabError(f"{where}: 未知标记 {', '.join(bad)}（可用 {' '.join(sorted(allowed))}）"
                             f" / unknown tag {bad[0]!r}")
        if not given and not default:
            raise VocabError(f"{where}: “{word}”后面缺少标记（可用 {' '.join(sorted(allowed))}）"
                             f" / missing tag after {word!r}")
        out.append((word, tuple(given) or default))
    return out
