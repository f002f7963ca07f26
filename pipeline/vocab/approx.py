"""Approximation markers: the words that make a figure an estimate (约300人, 60余个, 5%左右).

Source: the approximate-number forms of GB/T 15835-2011 §4.1.3 / §5.1.4 (约、近、余、左右、上下 …)
and the forms met in State Council reports; ``../shared/reference/conventions.md`` summarises them.
The words live in ``data/approx.txt`` (one a line with its position); setup.cfg ``approx-markers``
adds user files. Used by the claim extractor (claims/extract.py) and RL301 (rules/numbers.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.vocab.wordlists import DATA
from pipeline.vocab.wordlists import read as read_list

POSITIONS = ("prefix", "before-unit", "after-unit")
DEFAULT_FILE = DATA / "approx.txt"


def read(extra: Iterable[str] = ()) -> dict[str, tuple[str, ...]]:
    """The markers by position: the shipped list, then each user file's new words."""
    by: dict[str, list[str]] = {p: [] for p in POSITIONS}
    for path in (DEFAULT_FILE, *extra):
        for word, (position, *more) in read_list(path, POSITIONS):
            for pos in (position, *more):
                if word not in by[pos]:
                    by[pos].append(word)
    # Longest first, so 将近 is tried before 近 and a user's 约莫 before 约 (stable within a length).
    return {p: tuple(sorted(words, key=len, reverse=True)) for p, words in by.items()}


def install(markers: dict[str, tuple[str, ...]]) -> None:
    """Make ``markers`` the module's lists."""
    global PREFIX, BEFORE_UNIT, AFTER_UNIT, SUFFIX
    # Before the numeral: 约300、将近一半、超过60、不少于5次.
    PREFIX = markers["prefix"]
    # Between the numeral and the unit: 300余人、60多个.
    BEFORE_UNIT = markers["before-unit"]
    # After the unit: 5%左右、100人以上、三年开外.
    AFTER_UNIT = markers["after-unit"]
    SUFFIX = BEFORE_UNIT + AFTER_UNIT


PREFIX: tuple[str, ...]
BEFORE_UNIT: tuple[str, ...]
AFTER_UNIT: tuple[str, ...]
SUFFIX: tuple[str, ...]
install(read())


def alternation(words: tuple[str, ...]) -> str:
    """``words`` as a regex alternation, in the order given."""
    return "|".join(words)
