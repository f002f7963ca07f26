"""jieba segmentation with the office vocabulary kept whole.

jieba is the one heavy import on the plain lint path (about 0.5 s for its
dictionary); it is loaded once per process, on first use.
"""

from __future__ import annotations

import logging
import os
import tempfile
from functools import lru_cache

from pipeline.document import Document, Token, Tokens, offset_array, split_paragraphs, split_sentences
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


@lru_cache(maxsize=1)
def cutter():
    """jieba's accurate mode over the same dictionary, about twice as fast (see pipeline.fastseg)."""
    from pipeline.fastseg import make_cutter

    return make_cutter(tokenizer())


def cut(text: str) -> list[str]:
    """The words of ``text``, exactly as ``jieba.lcut`` cuts them."""
    return cutter().lcut(text)


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens with character offsets (``offset`` is where ``text`` starts in the document)."""
    out: list[Token] = []
    _append_tokens(cutter().lcut(text), offset, out)
    return out


def _append_tokens(words: list[str], offset: int, out: list[Token]) -> None:
    """Tokens of consecutive ``words`` starting at ``offset``, appended to ``out``."""
    append = out.append
    pos = offset
    for w in words:
        end = pos + len(w)
        append(Token(w, pos, end))
        pos = end


def pos_tag(text: str, offset: int = 0, hmm: bool = True) -> list[Token]:
    """Words with jieba part-of-speech flags and offsets (posseg keeps the text intact).

    ``hmm=False`` skips jieba's HMM for words outside the dictionary: several
    times faster, and enough for rules that read the tags of known words only.
    """
    import jieba.posseg as posseg

    tokenizer()
    out: list[Token] = []
    pos = offset
    for pair in posseg.dt.cut(text, HMM=hmm):
        out.append(Token(pair.word, pos, pos + len(pair.word), pair.flag))
        pos += len(pair.word)
    return out


def _tag_db():
    return _tag_db_of(os.getpid())  # a connection never crosses a fork (archive workers)


@lru_cache(maxsize=2)
def _tag_db_of(pid: int):
    """jieba's dictionary part-of-speech tags in an SQLite file beside jieba's own cache.

    ``import jieba.posseg`` parses the whole 350,000-line dictionary on every
    start (about as long as loading jieba itself). Rules that need the tag of
    a few words look them up here instead: built once per machine, opened in
    milliseconds afterwards.
    """
    import hashlib
    import sqlite3

    import jieba

    dt = tokenizer()
    dict_path = dt.dictionary or os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME)
    st = os.stat(dict_path)
    key = hashlib.md5(f"{dict_path}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[:12]
    path = os.path.join(dt.tmp_dir or tempfile.gettempdir(), f"report_lint_tags.{key}.sqlite")
    if not os.path.exists(path):
        tmp = f"{path}.{os.getpid()}.tmp"
        try:
            con = sqlite3.connect(tmp)
            con.execute("CREATE TABLE tags (word TEXT PRIMARY KEY, tag TEXT) WITHOUT ROWID")
            with open(dict_path, encoding="utf-8") as fh:
                rows = (parts for parts in (line.split() for line in fh) if len(parts) == 3)
                con.executemany("INSERT OR REPLACE INTO tags VALUES (?, ?)", ((w, t) for w, _, t in rows))
            con.commit()
            con.close()
            os.replace(tmp, path)
        except (OSError, sqlite3.Error):
            path = tmp if os.path.exists(tmp) else ":memory:"
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False) if path != ":memory:" \
        else sqlite3.connect(path)
    return con


@lru_cache(maxsize=1)
def _user_tags() -> dict[str, str]:
    out: dict[str, str] = {}
    if USERDICT.exists():
        for line in USERDICT.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) == 3:
                out[parts[0]] = parts[2]
    return out


@lru_cache(maxsize=65536)
def word_tag(word: str) -> str | None:
    """The dictionary part-of-speech tag of ``word`` (jieba's tag set), or None if it is not listed."""
    tag = _user_tags().get(word)
    if tag is not None:
        return tag
    try:
        row = _tag_db().execute("SELECT tag FROM tags WHERE word = ?", (word,)).fetchone()
    except Exception:  # a damaged cache file: tags are evidence, not a reason to fail
        return None
    return row[0] if row else None


def dict_pos_tag(text: str, offset: int = 0) -> list[Token]:
    """Tokens as ``tokenize`` cuts them, tagged from the dictionary alone (no jieba.posseg).

    Words outside the dictionary get "m" when they are numbers and "x" otherwise;
    rules that read the tags of common words (verbs, adverbs, particles) lose nothing.
    """
    return tag_tokens(tokenize(text, offset))


def tag_tokens(tokens: list[Token]) -> list[Token]:
    out = []
    for t in tokens:
        pos = word_tag(t.text)
        if pos is None:
            pos = "m" if t.text.replace(".", "", 1).isdigit() else "x"
        out.append(Token(t.text, t.start, t.end, pos))
    return out


def run(doc: Document, options=None) -> None:
    """Stage `segment`: paragraphs (with their part: body, furniture, appendix), sentences and tokens."""
    from pipeline.parts import mark_parts

    doc.paragraphs = split_paragraphs(doc.text)
    kinds, doc.parts = mark_parts([p.text for p in doc.paragraphs])
    for p, kind in zip(doc.paragraphs, kinds, strict=True):
        p.part = kind
    doc.sentences = split_sentences(doc.paragraphs)
    tokens = Tokens(starts=offset_array(len(doc.text)))
    for p, words in zip(doc.paragraphs, cutter().cut_each([p.text for p in doc.paragraphs]), strict=True):
        tokens.extend_words(words, p.start)
    doc.tokens = tokens
