"""jieba's accurate mode (HMM on), word for word, in fewer Python steps.

Segmentation is most of the time a lint spends on a long document, and most of
jieba's own time goes to building the word graph of each block (``get_DAG``)
and then scoring it (``calc``) with a generator per character. This module walks
the same graph once, right to left, scoring each candidate as it is found, and
remembers the score of every fragment it has looked up for the rest of the call
(a document's paragraphs are cut in one call, so a common word is looked up once
per document; the dictionary cannot change in the middle of a call). It reads
jieba's own prefix dictionary (user words included) and hands unknown runs of
single characters to jieba's own HMM (``jieba.finalseg``), so the words are
exactly jieba's: ties between equal scores go to the longer word, as ``max``
over ``(score, end)`` does in jieba, and the scores are the same floating-point
sums. ``tests/test_fastseg.py`` checks the equality on the project's corpora
and, where ../shared is present, on the State Council reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from math import log
from sys import intern

# jieba's default block and skip patterns (jieba/__init__.py, accurate mode)
RE_HAN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")
RE_SKIP = re.compile("(\r\n|\\s)")

_MISS = object()  # fragment not looked up yet
_STOP = object()  # not a prefix of any dictionary word


class FastCutter:
    """Accurate-mode segmentation over a loaded ``jieba.Tokenizer``."""

    def __init__(self, dt) -> None:
        dt.check_initialized()
        self.dt = dt
        self._hmm_cut = hmm_cut

    def route(self, block: str, memo: dict[object, object]) -> list[int]:
        """For each start position, the end (exclusive) of the best word starting there.

        ``memo`` maps fragments to their score (a float for a word, None for a bare
        prefix, _STOP for neither) and lives for one call of ``lcut_many``; it also keeps
        the HMM's words of each run of unknown characters, under the key ``(run,)``.
        """
        n = len(block)
        freq = self.dt.FREQ
        logtotal = log(self.dt.total)
        best = [0.0] * (n + 1)
        end = [0] * (n + 1)
        fallback = -logtotal  # a character outside the dictionary scores log(1) - log(total)
        for k in range(n - 1, -1, -1):
            top = None
            top_end = k + 1
            i = k + 1
            while i <= n:
                frag = block[k:i]
                v = memo.get(frag, _MISS)
                if v is _MISS:
                    f = freq.get(frag)
                    v = memo[frag] = _STOP if f is None else (log(f) - logtotal if f else None)
                if v is _STOP:  # not a prefix of any word: the graph ends here
                    break
                if v is not None:
                    s = v + best[i]
                    if top is None or s >= top:  # ties go to the longer word, as in jieba
                        top = s
                        top_end = i
                i += 1
            if top is None:
                top = fallback + best[k + 1]
            best[k] = top
            end[k] = top_end
        return end

    def _cut_block(self, block: str, memo: dict[object, object], out: list[str]) -> None:
        """jieba's ``__cut_DAG`` over one block of word characters, appending to ``out``."""
        end = self.route(block, memo)
        n = len(block)
        x = 0
        buf_start = -1  # start of the current run of single characters
        while x < n:
            y = end[x]
            if y - x == 1:
                if buf_start < 0:
                    buf_start = x
            else:
                if buf_start >= 0:
                    self._flush(block[buf_start:x], out, memo)
                    buf_start = -1
                out.append(intern(block[x:y]))
            x = y
        if buf_start >= 0:
            self._flush(block[buf_start:], out, memo)

    def _flush(self, buf: str, out: list[str], memo: dict) -> None:
        # words are interned: a document repeats its vocabulary, and one string per distinct word
        # instead of one per occurrence saves a good part of a long document's peak memory
        if len(buf) == 1:
            out.append(intern(buf))
        elif not self.dt.FREQ.get(buf):
            # a run of unknown characters (a name, a local term) recurs in a document: its HMM words
            # are kept in the call's memo under a tuple key (fragment keys are strings)
            words = memo.get((buf,))
            if words is None:
                words = memo[(buf,)] = list(map(intern, self._hmm_cut(buf)))
            out.extend(words)
        else:
            out.extend(map(intern, buf))

    def _cut(self, text: str, memo: dict[object, object]) -> list[str]:
        # ``split`` with one capturing group alternates: text between matches (holding no character
        # of the pattern), then a match. So odd parts are blocks and even parts are not, as jieba's
        # ``re_han.match(blk)`` / ``re_skip.match(x)`` tell them apart, without matching each again.
        out: list[str] = []
        cut_block = self._cut_block
        for k, blk in enumerate(RE_HAN.split(text)):
            if not blk:
                continue
            if k & 1:
                cut_block(blk, memo, out)
            else:
                for j, x in enumerate(RE_SKIP.split(blk)):
                    if j & 1:
                        out.append(x)
                    else:
                        out.extend(x)
        return out

    def lcut(self, text: str) -> list[str]:
        """Words of ``text`` exactly as ``jieba.lcut(text)`` returns them."""
        return self._cut(text, {})

    def lcut_many(self, texts: list[str]) -> list[list[str]]:
        """``lcut`` of each text, sharing the fragment scores between them (one document's paragraphs)."""
        return list(self.cut_each(texts))

    def cut_each(self, texts: list[str]) -> Iterator[list[str]]:
        """``lcut_many`` one text at a time (a document's words need not all exist as lists at once)."""
        memo: dict[object, object] = {}
        for t in texts:
            yield self._cut(t, memo)

    def tokenize(self, text: str) -> list[tuple[str, int, int]]:
        """(word, start, end) as ``jieba.tokenize(text)`` yields them."""
        out = []
        start = 0
        for w in self.lcut(text):
            width = len(w)
            out.append((w, start, start + width))
            start += width
        return out


def _viterbi(obs: str) -> list[str]:
    """jieba.finalseg's ``viterbi`` state path, with back-pointers instead of a copied path per
    character (jieba's copy makes a long run of unknown characters quadratic). The same sums and
    the same ``max`` over (score, state) pick the same path; the four states' two predecessors
    each are written out (``_hmm_tables``) instead of a list and a ``max`` per state and character."""
    from jieba.finalseg import MIN_FLOAT

    start, emit, trans = _hmm_tables()
    eb, em, ee, es = emit
    tEB, tSB, tMM, tBM, tSS, tES, tBE, tME = trans
    ch = obs[0]
    vb = start[0] + eb.get(ch, MIN_FLOAT)
    vm = start[1] + em.get(ch, MIN_FLOAT)
    ve = start[2] + ee.get(ch, MIN_FLOAT)
    vs = start[3] + es.get(ch, MIN_FLOAT)
    back: list[tuple[str, str, str, str]] = []  # per character: the best predecessor of B, M, E, S
    for ch in obs[1:]:
        e = eb.get(ch, MIN_FLOAT)  # max((p, y0) …) over two candidates: the larger p, on a tie the larger y0
        p1, p2 = ve + tEB + e, vs + tSB + e  # B from E or S ("S" > "E")
        nb, bb = (p1, "E") if p1 > p2 else (p2, "S")
        e = em.get(ch, MIN_FLOAT)
        p1, p2 = vm + tMM + e, vb + tBM + e  # M from M or B ("M" > "B")
        nm, bm = (p1, "M") if p1 >= p2 else (p2, "B")
        e = ee.get(ch, MIN_FLOAT)
        p1, p2 = vb + tBE + e, vm + tME + e  # E from B or M ("M" > "B")
        ne, be = (p1, "B") if p1 > p2 else (p2, "M")
        e = es.get(ch, MIN_FLOAT)
        p1, p2 = vs + tSS + e, ve + tES + e  # S from S or E ("S" > "E")
        ns, bs = (p1, "S") if p1 >= p2 else (p2, "E")
        vb, vm, ve, vs = nb, nm, ne, ns
        back.append((bb, bm, be, bs))
    state = "S" if (vs, "S") > (ve, "E") else "E"
    path = [state]
    slot = {"B": 0, "M": 1, "E": 2, "S": 3}
    for bp in reversed(back):
        state = bp[slot[state]]
        path.append(state)
    path.reverse()
    return path


_HMM: tuple | None = None


def _hmm_tables() -> tuple:
    """jieba.finalseg's start, emission and transition probabilities as the unrolled ``_viterbi`` reads them."""
    global _HMM
    if _HMM is None:
        from jieba.finalseg import MIN_FLOAT, PrevStatus
        from jieba.finalseg import emit_P as emit_p
        from jieba.finalseg import start_P as start_p
        from jieba.finalseg import trans_P as trans_p

        if PrevStatus != {"B": "ES", "M": "MB", "S": "SE", "E": "BM"}:
            raise RuntimeError("jieba.finalseg's states changed; the unrolled Viterbi no longer applies")
        t = {(a, b): trans_p[a].get(b, MIN_FLOAT) for a in "BMES" for b in "BMES"}
        _HMM = (tuple(start_p[y] for y in "BMES"), tuple(emit_p[y] for y in "BMES"),
                (t["E", "B"], t["S", "B"], t["M", "M"], t["B", "M"], t["S", "S"], t["E", "S"], t["B", "E"],
                 t["M", "E"]))
    return _HMM


def _hmm_block(sentence: str):
    """jieba.finalseg's ``__cut`` over one block of Han characters."""
    pos_list = _viterbi(sentence)
    begin, nexti = 0, 0
    for i, char in enumerate(sentence):
        pos = pos_list[i]
        if pos == "B":
            begin = i
        elif pos == "E":
            yield sentence[begin:i + 1]
            nexti = i + 1
        elif pos == "S":
            yield char
            nexti = i + 1
    if nexti < len(sentence):
        yield sentence[nexti:]


def hmm_cut(sentence: str) -> list[str]:
    """``list(jieba.finalseg.cut(sentence))`` in time linear in the length of ``sentence``."""
    from jieba.finalseg import Force_Split_Words, re_han, re_skip

    out: list[str] = []
    for blk in re_han.split(sentence):
        if re_han.match(blk):
            for word in _hmm_block(blk):
                if word not in Force_Split_Words:
                    out.append(word)
                else:
                    out.extend(word)
        else:
            out.extend(x for x in re_skip.split(blk) if x)
    return out


class JiebaCutter:
    """The same interface over jieba's own ``lcut``: used when the installed jieba is not the
    release whose internals ``FastCutter`` reads (the project pins it; a user may not)."""

    def __init__(self, dt) -> None:
        self.dt = dt

    def lcut(self, text: str) -> list[str]:
        return self.dt.lcut(text)

    def lcut_many(self, texts: list[str]) -> list[list[str]]:
        return [self.dt.lcut(t) for t in texts]

    def cut_each(self, texts: list[str]) -> Iterator[list[str]]:
        return (self.dt.lcut(t) for t in texts)

    def tokenize(self, text: str) -> list[tuple[str, int, int]]:
        return list(self.dt.tokenize(text))


def make_cutter(dt):
    """``FastCutter`` over jieba 0.42.x (whose prefix dictionary it reads), else ``JiebaCutter``."""
    import jieba

    if str(getattr(jieba, "__version__", "")).startswith("0.42") and hasattr(dt, "FREQ"):
        return FastCutter(dt)
    return JiebaCutter(dt)
