"""Which characters can stand for each other by slip: same sound, or similar shape.

Sounds come from ``pypinyin`` (every reading of a character, tones ignored;
``data/readings.txt`` holds them for the common characters);
shapes from ``data/lookalike.txt``, derived from the four-corner codes and
components of the ``char-similar`` package (MIT) by ``scripts/derive_lexicon.py``.
Both are loaded on first use.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

LOOKALIKE = Path(__file__).resolve().parent / "data" / "lookalike.txt"
COMMON = Path(__file__).resolve().parent / "data" / "common_chars.txt"


@lru_cache(maxsize=1)
def common_chars() -> frozenset[str]:
    """The 5,000 characters most used in jieba's dictionary (simplified; traditional forms fall outside)."""
    if not COMMON.exists():
        return frozenset()
    return frozenset("".join(ln for ln in COMMON.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")))


READINGS = Path(__file__).resolve().parent / "data" / "readings.txt"


@lru_cache(maxsize=1)
def reading_table() -> dict[str, frozenset[str]]:
    """Readings of the common characters, derived from pypinyin (importing it costs 0.3 s)."""
    out = {}
    if READINGS.exists():
        for line in READINGS.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                ch, _, rs = line.partition("\t")
                out[ch] = frozenset(rs.split(","))
    return out


@lru_cache(maxsize=65536)
def readings(ch: str) -> frozenset[str]:
    """Toneless pinyin readings of one character (empty for a character pypinyin does not know).

    The shipped table answers for the common characters; pypinyin itself, only for the rest.
    """
    known = reading_table().get(ch)
    if known is not None:
        return known
    try:
        from pypinyin import Style, pinyin
    except ImportError:
        return frozenset()
    got = pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore")
    return frozenset(got[0]) if got else frozenset()


def homophones(a: str, b: str) -> bool:
    return bool(readings(a) & readings(b))


@lru_cache(maxsize=1)
def lookalike_table() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    if LOOKALIKE.exists():
        for line in LOOKALIKE.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            ch, _, others = line.partition("\t")
            out.setdefault(ch, set()).update(others.strip())
    return {k: frozenset(v) for k, v in out.items()}


def lookalike(a: str, b: str) -> bool:
    return b in lookalike_table().get(a, ())


def confusable(a: str, b: str) -> str | None:
    """"音近" or "形近" when ``b`` may be a slip for ``a`` (or the other way), else None."""
    if homophones(a, b):
        return "音近"
    if lookalike(a, b) or lookalike(b, a):
        return "形近"
    return None
