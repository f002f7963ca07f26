"""jieba segmentation with the office vocabulary kept whole.

jieba is the one heavy import on the plain lint path (about 0.5 s for its
dictionary); it is loaded once per process, on first use.
"""

from __future__ import annotations

import logging
import os
import tempfile
from functools import lru_cache

from pipeline.document import Document, Token, split_paragraphs, split_sentences
from pipeline.resources import corpora_dir

USERDICT = corpora_dir() / "userdict.txt"


@lru_cache(maxsize=1)
def tokenizer():
    """The process-wide jieba tokenizer, with the office user dictionary loaded."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    cache_dir = os.environ.get("REPORT_LINT_CACHE") or tempfile.gettempdir()
    jieba.dt.tmp_dir = cache_dir
    jieba.dt.initialize()
    if USERDICT.exists():
        jieba.load_userdict(str(USERDICT))
    return jieba.dt


def cut(text: str) -> list[str]:
    return tokenizer().lcut(text)


def tokenize(text: str, offset: int = 0) -> list[Token]:
    return [Token(w, s + offset, e + offset) for w, s, e in tokenizer().tokenize(text)]


def pos_tag(text: str, offset: int = 0) -> list[Token]:
    """Words with jieba part-of-speech flags and offsets (posseg keeps the text intact)."""
    import jieba.posseg as posseg

    tokenizer()
    out: list[Token] = []
    pos = offset
    for pair in posseg.dt.cut(text):
        out.append(Token(pair.word, pos, pos + len(pair.word), pair.flag))
        pos += len(pair.word)
    return out


def run(doc: Document, options=None) -> None:
    """Stage `segment`: paragraphs, sentences and tokens."""
    doc.paragraphs = split_paragraphs(doc.text)
    doc.sentences = split_sentences(doc.paragraphs)
    tokens: list[Token] = []
    for p in doc.paragraphs:
        tokens.extend(tokenize(p.text, p.start))
    doc.tokens = tokens
