"""Display width of text in a terminal: East Asian Wide and Fullwidth characters take two columns.

Source: Unicode Standard Annex #11 (East Asian Width), as given by ``unicodedata.east_asian_width``.
"""

from __future__ import annotations

import unicodedata


def display_width(s: str) -> int:
    """Columns ``s`` takes in a monospaced terminal (W and F characters count two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)
