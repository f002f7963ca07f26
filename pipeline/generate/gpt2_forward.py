"""Inference for the shipped GPT-2 model in plain torch, without importing transformers.

The model is trained with transformers (``scripts/train_lm.py``), but importing
transformers costs several seconds at start-up while a four-layer forward pass
is a few lines of torch. This module reads the same ``config.json`` and
``model.safetensors`` and computes the same logits (``tests/test_generate.py``
compares the two); ``tokenizer.json`` is read with the small ``tokenizers`` library.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import torch
from safetensors.torch import load_file
from tokenizers import Tokenizer


def _gelu_new(x: torch.Tensor) -> torch.Tensor:
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


ACTIVATIONS = {"gelu_new": _gelu_new, "gelu": torch.nn.functional.gelu}


class GPT2Forward:
    """Causal LM logits from GPT-2 weights (Conv1D layout: weight is [in, out])."""

    def __init__(self, folder: Path):
        cfg = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        if cfg.get("model_type") != "gpt2":
            raise ValueError(f"not a GPT-2 model: {cfg.get('model_type')}")
        self.n_layer = cfg["n_layer"]
        self.n_head = cfg["n_head"]
        self.n_positions = cfg["n_positions"]
        self.eps = cfg.get("layer_norm_epsilon", 1e-5)
        self.scale = cfg.get("scale_attn_weights", True)
        self.act = ACTIVATIONS[cfg.get("activation_function", "gelu_new")]
        raw = load_file(str(folder / "model.safetensors"))
        self.w = {k.removeprefix("transformer."): v.float() for k, v in raw.items()}
        self.lm_head = self.w.get("lm_head.weight", self.w["wte.weight"])

    def _ln(self, x: torch.Tensor, name: str) -> torch.Tensor:
        return torch.nn.functional.layer_norm(x, x.shape[-1:], self.w[f"{name}.weight"], self.w[f"{name}.bias"],
                                              self.eps)

    def _linear(self, x: torch.Tensor, name: str) -> torch.Tensor:
        return torch.addmm(self.w[f"{name}.bias"], x.reshape(-1, x.shape[-1]), self.w[f"{name}.weight"]).reshape(
            *x.shape[:-1], -1)

    @torch.no_grad()
    def logits(self, input_ids: torch.Tensor, attention_mask: torch.Tensor | None = None) -> torch.Tensor:
        """[batch, length, vocab] logits; ``attention_mask`` marks real tokens (right padding)."""
        b, n = input_ids.shape
        pos = torch.arange(n)
        x = self.w["wte.weight"][input_ids] + self.w["wpe.weight"][pos]
        allowed = torch.ones(n, n, dtype=torch.bool).tril()
        if attention_mask is not None:
            allowed = allowed.unsqueeze(0) & attention_mask.bool()[:, None, :]
            allowed = allowed.unsqueeze(1)  # [b, 1, n, n]
        d = x.shape[-1] // self.n_head
        for i in range(self.n_layer):
            h = self._ln(x, f"h.{i}.ln_1")
            q, k, v = self._linear(h, f"h.{i}.attn.c_attn").split(x.shape[-1], dim=-1)
            q, k, v = (t.view(b, n, self.n_head, d).transpose(1, 2) for t in (q, k, v))
            att = q @ k.transpose(-1, -2)
            if self.scale:
                att = att / math.sqrt(d)
            att = att.masked_fill(~allowed, torch.finfo(att.dtype).min).softmax(-1)
            y = (att @ v).transpose(1, 2).reshape(b, n, -1)
            x = x + self._linear(y, f"h.{i}.attn.c_proj")
            h = self._ln(x, f"h.{i}.ln_2")
            x = x + self._linear(self.act(self._linear(h, f"h.{i}.mlp.c_fc")), f"h.{i}.mlp.c_proj")
        return self._ln(x, "ln_f") @ self.lm_head.T


class CharTokenizer:
    """The shipped one-character-per-token vocabulary, read with ``tokenizers`` alone."""

    def __init__(self, folder: Path):
        self.tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
        special = json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8"))
        self.vocab = self.tok.get_vocab()
        self.inverse = {i: t for t, i in self.vocab.items()}
        self.bos_token_id = self.vocab[special["bos_token"]]
        self.pad_token_id = self.vocab[special["pad_token"]]
        self.unk_token_id = self.vocab[special["unk_token"]]
        self.special_ids = {self.vocab[special[k]] for k in ("bos_token", "eos_token", "pad_token", "unk_token")
                            if k in special}

    def get_vocab(self) -> dict[str, int]:
        return dict(self.vocab)

    def encode(self, text: str) -> list[int]:
        return self.tok.encode(text, add_special_tokens=False).ids

    def decode(self, ids: list[int]) -> str:
        return "".join(self.inverse.get(i, "") for i in ids if i not in self.special_ids)
