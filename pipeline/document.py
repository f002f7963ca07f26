"""One object per report that every pipeline stage annotates in turn.

The text is kept exactly as the user sees it (after newline normalisation), so
every offset maps back to a line and column of their file. Stages fill the
slots below; nothing else holds per-document state.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from operator import add
from typing import TYPE_CHECKING, Any, overload

if TYPE_CHECKING:  # types of the slots later stages fill; imported for annotations only
    from pipeline.claims.model import Claim
    from pipeline.dimensions.classify import DimUnit
    from pipeline.dimensions.gaps import Gap
    from pipeline.dimensions.taxonomy import Taxonomy
    from pipeline.genre import Genre
    from pipeline.lexicon.slips import Slip
    from pipeline.parts import Part
    from pipeline.structure.outline import Outline
    from pipeline.word.layout import WordLayout

SENTENCE_END = re.compile(r"[。！？!?；;]+[”’」』）)]*|…{1,2}[”’」』）)]*")


@dataclass(slots=True)
class Token:
    """A jieba word with character offsets into ``Document.text``."""

    text: str
    start: int
    end: int
    pos: str = ""


class Tokens(Sequence[Token]):
    """A document's tokens stored flat: the word strings (interned by the segmenter, so one string
    per distinct word) and an array of start offsets (each token ends at start + len(word)).

    A megabyte makes over half a million tokens; as ``Token`` objects with their offsets they
    took about 100 bytes each, here 12. Indexing builds a ``Token`` on demand, so rules that read
    a few tokens keep their ``t.text``/``t.start``/``t.end``; a slice is again a ``Tokens``.
    """

    __slots__ = ("words", "starts")

    def __init__(self, words: list[str] | None = None, starts: array | None = None) -> None:
        self.words: list[str] = words if words is not None else []
        self.starts: array = starts if starts is not None else array(OFFSET_TYPE)

    def extend_words(self, words: list[str], start: int) -> None:
        """Append consecutive ``words`` whose first one starts at offset ``start``."""
        if not words:
            return
        self.words.extend(words)
        offsets = list(accumulate(map(len, words), initial=start))
        offsets.pop()
        self.starts.extend(offsets)

    def __len__(self) -> int:
        return len(self.words)

    @overload
    def __getitem__(self, i: int) -> Token: ...

    @overload
    def __getitem__(self, i: slice) -> Tokens: ...

    def __getitem__(self, i):
        if isinstance(i, slice):
            return Tokens(self.words[i], self.starts[i])
        w = self.words[i]
        s = self.starts[i]
        return Token(w, s, s + len(w))

    def __iter__(self) -> Iterator[Token]:
        starts = self.starts
        return map(Token, self.words, starts, map(add, starts, map(len, self.words)))

    def ends(self) -> list[int]:
        """End offsets of the tokens, in order."""
        return list(map(add, self.starts, map(len, self.words)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Tokens):
            return self.words == other.words and list(self.starts) == list(other.starts)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Tokens({len(self)} words)"


OFFSET_TYPE = "i"  # 32-bit offsets; ``offset_array`` widens them for a text of 2**31 characters or more


def offset_array(text_length: int) -> array:
    """An empty array for offsets into a text of ``text_length`` characters."""
    return array(OFFSET_TYPE if text_length < 2**31 else "q")


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int


@dataclass
class Paragraph:
    """A non-empty line of the input (a Word paragraph for .docx)."""

    index: int
    start: int
    end: int
    line: int
    text: str
    section: str | None = None
    dimension: str | None = None
    confidence: float | None = None
    item: Any = None  # the outline item this paragraph opens, if any
    part: str = "body"  # body | furniture (web-page chrome) | appendix (附件, 名词解释, notes): see pipeline.parts


@dataclass
class FixRequest:
    """What a rule asks the suggestion pass to propose (rules never call generation themselves).

    ``rewrite``: a heading for ``item`` of ``series`` in ``frame`` (RL507); ``plan_item``: a plan
    line covering ``dimension`` (RL601). ``template`` holds ``{}`` where the proposal goes in the
    finding's suggestion; without a proposal the rule's own suggestion stays.
    """

    kind: str
    template: str = "{}"
    dimension: str | None = None
    series: Any = None
    item: Any = None
    frame: Any = None


@dataclass(slots=True)
class Finding:
    """One reported problem; slotted, as a pasted table can hold hundreds of thousands of them."""

    code: str
    rule: str
    severity: str
    start: int
    end: int
    message: str
    suggestion: str | None = None
    replacement: str | None = None  # text that would replace [start, end), when mechanical
    related: list[int] = field(default_factory=list)  # offsets of other places involved
    # how far the replacement may be applied without a reader (as ruff's fixes): "safe" is right
    # wherever the rule fires; "unsafe" needs review; None when there is no replacement
    applicability: str | None = None
    request: FixRequest | None = None  # filled in by the suggestion pass after the rules


@dataclass(slots=True)
class Document:
    """The report and every slot a stage fills: ``slots=True``, so no stage can set an undeclared
    attribute, and the runner checks that each stage fills what it declares (``stages.py``)."""

    text: str
    path: str = "<string>"
    source: str = "txt"  # txt | docx | stdin
    encoding: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    tokens: Tokens | list[Token] = field(default_factory=Tokens)  # the segment stage fills a ``Tokens``
    parts: list[Part] = field(default_factory=list)  # appendices and furniture runs
    # slots that later stages fill (stages.py says which stage fills which)
    outline: Outline | None = None
    genre: Genre | None = None
    claims: list[Claim] = field(default_factory=list)
    dimension_units: list[DimUnit] = field(default_factory=list)  # the units the dimensions stage tagged
    dimension_taxonomy: Taxonomy | None = None  # the taxonomy those tags come from (--dimensions)
    plan_gaps: list[Gap] = field(default_factory=list)  # dimensions the summary reports and the plan lacks
    slips: list[Slip] = field(default_factory=list)  # wrong characters found by the lexicon stage
    findings: list[Finding] = field(default_factory=list)
    # filled by the suggest stage (pipeline.generate): proposals, the plan they extend, why none
    suggestions: list[Any] = field(default_factory=list)
    plan_context: Any = None
    plan_skipped: str | None = None
    layout: WordLayout | None = None  # for a .docx: where each line sits in Word
    done: set[str] = field(default_factory=set)  # names of stages that have run
    _line_starts: list[int] = field(default_factory=list, repr=False)
    _starts: dict[str, tuple[list, int, list]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.text = normalise_newlines(self.text)
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]

    # ---- position mapping -------------------------------------------------
    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        i = bisect.bisect_right(self._line_starts, offset) - 1
        return i + 1, offset - self._line_starts[i] + 1

    def line_text(self, line: int) -> str:
        start = self._line_starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start:] if end < 0 else self.text[start:end]

    def _starts_of(self, name: str, items: list, attr: str = "start") -> list:
        """Start offsets (or another attribute) of tokens or paragraphs, rebuilt only when that
        list is replaced or grows."""
        key = name if attr == "start" else f"{name}.{attr}"
        cached = self._starts.get(key)
        if cached is None or cached[0] is not items or cached[1] != len(items):
            cached = (items, len(items), [getattr(x, attr) for x in items])
            self._starts[key] = cached
        return cached[2]

    def in_furniture(self, offset: int) -> bool:
        """Does ``offset`` lie in web-page furniture (no rule judges that text)?"""
        if not self.parts:
            return False
        p = self.paragraph_at(offset)
        return p is not None and p.part == "furniture"

    def paragraph_at(self, offset: int) -> Paragraph | None:
        starts = self._starts_of("paragraphs", self.paragraphs)
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and offset <= self.paragraphs[i].end:
            return self.paragraphs[i]
        return None

    def _token_range(self, start: int, end: int) -> tuple[int, int]:
        starts = self.token_starts()
        return bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)

    def tokens_in(self, start: int, end: int) -> Sequence[Token]:
        """Tokens lying inside [start, end)."""
        lo, hi = self._token_range(start, end)
        return self.tokens[lo:hi]

    def token_starts(self) -> Sequence[int]:
        """Start offsets of the tokens, in order (do not modify)."""
        tokens = self.tokens
        if isinstance(tokens, Tokens):
            return tokens.starts
        return self._starts_of("tokens", tokens)

    def words_in(self, start: int, end: int) -> list[str]:
        """The texts of the tokens inside [start, end): ``tokens_in`` without building a token."""
        lo, hi = self._token_range(start, end)
        tokens = self.tokens
        if isinstance(tokens, Tokens):
            return tokens.words[lo:hi]
        return self._starts_of("tokens", tokens, "text")[lo:hi]


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")


def split_paragraphs(text: str) -> list[Paragraph]:
    out: list[Paragraph] = []
    pos = 0
    for line_no, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            start = pos + lead
            out.append(Paragraph(len(out), start, start + len(stripped), line_no, stripped))
        pos += len(line) + 1
    return out


def split_sentences(paragraphs: list[Paragraph]) -> list[Sentence]:
    out: list[Sentence] = []
    for p in paragraphs:
        begin = 0
        for m in SENTENCE_END.finditer(p.text):
            out.append(Sentence(p.start + begin, p.start + m.end(), p.index))
            begin = m.end()
        if begin < len(p.text):
            out.append(Sentence(p.start + begin, p.end, p.index))
    return out
