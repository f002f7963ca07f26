"""The shipped character-level language model: loaded lazily, offline, from ``models/lm/``.

This is the only module that imports torch, and only when a caller asks for the
model (``report-lint suggest``), never during plain linting. Inference runs the
forward pass in plain torch (``gpt2_forward``): transformers is needed only to train.
It scores candidate items (mean log-probability per character) and proposes
slot fillers by constrained decoding: exactly n Chinese characters, followed by
the frame's next fixed words.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

from pipeline.resources import models_dir

ENV_DIR = "REPORT_LINT_LM_DIR"  # another model folder (tests point it at a missing one)
HAN = re.compile(r"^[\u4e00-\u9fff]$")
REQUIRED = ("config.json", "model.safetensors", "tokenizer.json")


def lm_dir() -> Path:
    env = os.environ.get(ENV_DIR)
    return Path(env) if env else models_dir() / "lm"


def available(folder: Path | None = None) -> bool:
    folder = folder or lm_dir()
    return all((folder / name).is_file() for name in REQUIRED)


def torch_installed() -> bool:
    """torch comes with the ``gen`` extra; without it suggestions use the template fill."""
    import importlib.util

    return importlib.util.find_spec("torch") is not None


class LanguageModel:
    """A GPT-2 style model over single characters, with scoring and constrained slot decoding."""

    def __init__(self, folder: Path):
        import torch

        from pipeline.generate.gpt2_forward import CharTokenizer, GPT2Forward

        torch.set_num_threads(int(os.environ.get("REPORT_LINT_LM_THREADS", "1")))  # one core is enough
        self.torch = torch
        self.folder = folder
        self.tokenizer = CharTokenizer(folder)
        self.net = GPT2Forward(folder)
        self.bos = self.tokenizer.bos_token_id
        self.pad = self.tokenizer.pad_token_id
        self.unk = self.tokenizer.unk_token_id
        self.max_len = self.net.n_positions
        vocab = self.tokenizer.get_vocab()
        mask = torch.full((len(vocab),), float("-inf"))
        for tok, i in vocab.items():
            if HAN.match(tok):
                mask[i] = 0.0
        self.han_mask = mask  # added to logits: only Chinese characters may fill a slot

    def encode(self, text: str) -> list[int]:
        return self.tokenizer.encode(text)

    # -- scoring -------------------------------------------------------------
    def score(self, texts: list[str], context: str = "", batch: int = 64) -> list[float]:
        """Mean log-probability per character of each text after ``context`` (higher is more fluent)."""
        torch = self.torch
        ctx = [self.bos] + self.encode(context)
        out: list[float] = []
        for i in range(0, len(texts), batch):
            chunk = [self.encode(t) for t in texts[i:i + batch]]
            seqs = [(ctx + ids)[-self.max_len:] for ids in chunk]
            width = max(len(s) for s in seqs)
            ids = torch.full((len(seqs), width), self.pad, dtype=torch.long)
            att = torch.zeros((len(seqs), width), dtype=torch.long)
            for r, s in enumerate(seqs):
                ids[r, :len(s)] = torch.tensor(s)
                att[r, :len(s)] = 1
            with torch.no_grad():
                logp = torch.log_softmax(self.net.logits(ids, att), -1)
            for r, (s, own) in enumerate(zip(seqs, chunk, strict=True)):
                n = min(len(own), len(s) - 1)
                if n <= 0:
                    out.append(float("-inf"))
                    continue
                pos = torch.arange(len(s) - n - 1, len(s) - 1)
                tgt = torch.tensor(s[len(s) - n:])
                out.append(float(logp[r, pos, tgt].mean()))
        return out

    # -- constrained decoding ------------------------------------------------
    def fill_slot(self, prefix: str, length: int, follow: str = "", k: int = 4, beam: int = 6,
                  sample: bool = False, seed: int = 0) -> list[tuple[str, float]]:
        """``k`` strings of exactly ``length`` Chinese characters to put after ``prefix``.

        Beam search by default (deterministic); ``sample`` draws from the top
        characters instead (``--creative``). Each filler is scored together with
        the fixed words ``follow`` that come after it, so a filler that leads
        into them naturally ranks higher.
        """
        torch = self.torch
        if length <= 0:
            return []  # an empty slot has nothing to decode
        start = [self.bos] + self.encode(prefix)
        beams: list[tuple[list[int], float]] = [(start, 0.0)]
        gen = torch.Generator().manual_seed(seed)
        for _ in range(length):
            seqs = [b[0][-self.max_len:] for b in beams]
            ids = torch.tensor(seqs)
            with torch.no_grad():
                logits = self.net.logits(ids)[:, -1, :] + self.han_mask
            logp = torch.log_softmax(logits, -1)
            cand: list[tuple[list[int], float]] = []
            for (seq, sc), row in zip(beams, logp, strict=True):
                if sample:
                    top = torch.topk(row, 20)
                    probs = torch.softmax(top.values / 0.9, -1)
                    picks = top.indices[torch.multinomial(probs, min(beam, 20), replacement=False, generator=gen)]
                else:
                    picks = torch.topk(row, beam).indices
                for t in picks.tolist():
                    cand.append((seq + [t], sc + float(row[t])))
            cand.sort(key=lambda c: -c[1])
            beams = cand[:beam]
        follow_ids = self.encode(follow)
        extra = [0.0] * len(beams)
        if follow_ids:
            n = len(follow_ids)
            full = torch.tensor([(seq + follow_ids)[-self.max_len:] for seq, _ in beams])
            with torch.no_grad():
                lp = torch.log_softmax(self.net.logits(full), -1)
            w = full.shape[1]
            pos = torch.arange(w - n - 1, w - 1)
            tgt = full[:, w - n:]
            extra = lp[:, pos, :].gather(-1, tgt.unsqueeze(-1)).squeeze(-1).sum(-1).tolist()
        results: list[tuple[str, float]] = []
        for (seq, sc), add in zip(beams, extra, strict=True):
            text = self.tokenizer.decode(seq[len(start):])
            results.append((text, (sc + add) / (length + len(follow_ids))))
        results.sort(key=lambda r: -r[1])
        seen: set[str] = set()
        uniq = []
        for text, sc in results:
            if len(text) == length and text not in seen:
                seen.add(text)
                uniq.append((text, sc))
        return uniq[:k]


@lru_cache(maxsize=2)
def _load(folder: str) -> LanguageModel:
    return LanguageModel(Path(folder))


def load_lm(folder: Path | None = None) -> LanguageModel | None:
    """The shipped model, or None when its folder is missing or incomplete or torch is not installed."""
    folder = folder or lm_dir()
    if not available(folder) or not torch_installed():
        return None
    return _load(str(folder.resolve()))
