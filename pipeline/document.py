"""One object per report that every pipeline stage annotates in turn.

The text is kept exactly as the user sees it (after newline normalisation), so
every offset maps back to a line and column of their file. Stages fill the
slots below; nothing else holds per-document state.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

SENTENCE_END = re.compile(r"[。！？!?；;]+[”’」』）)]*|…{1,2}[”’」』）)]*")


@dataclass(slots=True)
class Token:
    """A jieba word with character offsets into ``Document.text``."""

    text: str
    start: int
    end: int
    pos: str = ""


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
class Finding:
    code: str
    rule: str
    severity: str
    start: int
    end: int
    message: str
    suggestion: str | None = None
    replacement: str | None = None  # text that would replace [start, end), when mechanical
    related: list[int] = field(default_factory=list)  # offsets of other places involved


@dataclass
class Document:
    text: str
    path: str = "<string>"
    source: str = "txt"  # txt | docx | stdin
    encoding: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    parts: list[Any] = field(default_factory=list)  # appendices and furniture runs (pipeline.parts.Part)
    # slots that later stages fill
    outline: Any = None
    genre: Any = None  # a pipeline.genre.Genre once the genre stage has run
    claims: list[Any] = field(default_factory=list)
    suggestions: list[Any] = field(default_factory=list)
    slips: list[Any] = field(default_factory=list)  # wrong characters found by the lexicon stage
    findings: list[Finding] = field(default_factory=list)
    layout: Any = None  # for a .docx: where each line sits in Word (pipeline.word.layout.WordLayout)
    done: set[str] = field(default_factory=set)  # names of stages that have run
    _line_starts: list[int] = field(default_factory=list, repr=False)
    _pos_cache: dict[int, list[Token]] = field(default_factory=dict, repr=False)
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
        starts = self._starts_of("tokens", self.tokens)
        return bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """Tokens lying inside [start, end)."""
        lo, hi = self._token_range(start, end)
        return self.tokens[lo:hi]

    def token_starts(self) -> list[int]:
        """Start offsets of the tokens, in order (cached; do not modify)."""
        return self._starts_of("tokens", self.tokens)

    def words_in(self, start: int, end: int) -> list[str]:
        """The texts of the tokens inside [start, end): ``tokens_in`` without touching each token."""
        lo, hi = self._token_range(start, end)
        return self._starts_of("tokens", self.tokens, "text")[lo:hi]

    def pos_tokens(self, paragraph: Paragraph) -> list[Token]:
        """jieba part-of-speech tokens for one paragraph, computed on demand.

        POS tagging costs about three times plain segmentation, so rules ask for
        it only on paragraphs where they have a candidate.
        """
        cached = self._pos_cache.get(paragraph.index)
        if cached is None:
            from pipeline.segment import pos_tag

            cached = pos_tag(paragraph.text, paragraph.start)
            self._pos_cache[paragraph.index] = cached
        return cached


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
