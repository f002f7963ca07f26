"""Python string offsets (code points) to UTF-16 code units, as browsers and LanguageTool clients count.

Characters outside the Basic Multilingual Plane (rare CJK extension B ideographs,
emoji) take two UTF-16 units; every offset after one shifts by one.
"""

from __future__ import annotations

import bisect


class Utf16Offsets:
    """Maps code-point offsets of one text to UTF-16 offsets in O(log n) per lookup."""

    def __init__(self, text: str):
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]

    def __call__(self, offset: int) -> int:
        return offset + bisect.bisect_left(self._astral, offset)

    def length(self, start: int, end: int) -> int:
        return self(end) - self(start)


def utf16_len(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)
