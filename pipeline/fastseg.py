"""jieba's accurate mode (HMM on), word for word, in fewer Python steps.

Segmentation is most of the time a lint spends on a long document, and most of
jieba's own time goes to building the word graph of each block (``get_DAG``)
and then scoring it (``calc``) with a generator per character. This module walks
the same graph once, right to left, scoring each candidate as it is found, with
the logarithm of each distinct word count computed once instead of once per
occurrence. It reads jieba's own prefix dictionary (user words
included) and hands unknown runs of single characters to jieba's own HMM
(``jieba.finalseg``), so the words are exactly jieba's: ties between equal
scores go to the longer word, as ``max`` over ``(score, end)`` does in jieba, and
the scores are the same floating-point sums. ``tests/test_fastseg.py`` checks
the equality on the project's corpora and, where ../shared is present, on the
State Council reports.
"""

from __future__ import annotations

import re
from math import log

# jieba's default block and skip patterns (jieba/__init__.py, accurate mode)
RE_HAN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")
RE_SKIP = re.compile("(\r\n|\\s)")


class FastCutter:
    """Accurate-mode segmentation over a loaded ``jieba.Tokenizer``."""

    def __init__(self, dt) -> None:
        import jieba.finalseg

        dt.check_initialized()
        self.dt = dt
        self._hmm_cut = jieba.finalseg.cut
        self._reset()

    def _reset(self) -> None:
        self._total = self.dt.total
        self._logtotal = log(self.dt.total)
        self._logs: dict[int, float] = {}

    def _fresh(self) -> None:
        """Start the score table over when jieba's total count has changed (add_word, load_userdict)."""
        if self.dt.total != self._total:
            self._reset()

    def _log(self, f: int) -> float:
        v = self._logs[f] = log(f) - self._logtotal
        return v

    def route(self, block: str) -> list[int]:
        """For each start position, the end (exclusive) of the best word starting there."""
        n = len(block)
        freq = self.dt.FREQ
        logs = self._logs
        score_of = self._log
        best = [0.0] * (n + 1)
        end = [0] * (n + 1)
        fallback = -self._logtotal  # a character outside the dictionary scores log(1) - log(total)
        for k in range(n - 1, -1, -1):
            top = None
            top_end = k + 1
            i = k + 1
            while i <= n:
                f = freq.get(block[k:i])
                if f is None:  # not a prefix of any word: the graph ends here
                    break
                if f:
                    v = logs.get(f)
                    if v is None:
                        v = score_of(f)
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

    def _cut_block(self, block: str, out: list[str]) -> None:
        """jieba's ``__cut_DAG`` over one block of word characters, appending to ``out``."""
        end = self.route(block)
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
                    self._flush(block[buf_start:x], out)
                    buf_start = -1
                out.append(block[x:y])
            x = y
        if buf_start >= 0:
            self._flush(block[buf_start:], out)

    def _flush(self, buf: str, out: list[str]) -> None:
        if len(buf) == 1:
            out.append(buf)
        elif not self.dt.FREQ.get(buf):
            out.extend(self._hmm_cut(buf))
        else:
            out.extend(buf)

    def lcut(self, text: str) -> list[str]:
        """Words of ``text`` exactly as ``jieba.lcut(text)`` returns them."""
        self._fresh()
        out: list[str] = []
        for blk in RE_HAN.split(text):
            if not blk:
                continue
            if RE_HAN.match(blk):
                self._cut_block(blk, out)
            else:
                for x in RE_SKIP.split(blk):
                    if RE_SKIP.match(x):
                        out.append(x)
                    else:
                        out.extend(x)
        return out

    def tokenize(self, text: str) -> list[tuple[str, int, int]]:
        """(word, start, end) as ``jieba.tokenize(text)`` yields them."""
        out = []
        start = 0
        for w in self.lcut(text):
            width = len(w)
            out.append((w, start, start + width))
            start += width
        return out
