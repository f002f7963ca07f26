"""Train the small character-level language model that ranks generated plan items.

The model is a 4-layer GPT-2 trained from scratch on CPU. It reads the State
Council reports from ``../shared`` (never copied into the project: only the
weights and counts derived from them are shipped) plus whatever text the
project's own corpus under ``corpora/`` holds, which is closer to the office
genre and is therefore repeated ``--own-repeat`` times.

Reproducible: a fixed seed decides the held-out paragraphs, the batch order and
the initial weights; the loss curve goes to ``models/lm/loss_log.tsv``.

    .venv/bin/python scripts/train_lm.py --minutes 40
    .venv/bin/python scripts/train_lm.py --minutes 1 --out /tmp/lm_smoke   # smoke test
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_CORPUS = ROOT.parent / "shared" / "corpora" / "state_council_reports"
SPECIALS = ["[PAD]", "[UNK]", "[BOS]", "[EOS]"]
MIN_PARAGRAPH = 8


def clean(text: str) -> str:
    """Collapse inner whitespace; the model sees one paragraph per sequence."""
    return re.sub(r"\s+", "", text.replace("\u3000", " "))


def state_council_paragraphs() -> list[str]:
    """Paragraphs of the shared official corpus (the 1954 report is in traditional characters: skipped)."""
    out: list[str] = []
    for name in ("government_work_reports.jsonl", "cpc_congress_reports.jsonl"):
        path = SHARED_CORPUS / name
        if not path.exists():
            sys.exit(f"missing {path}: the training corpus lives in ../shared")
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if str(rec.get("year", "")) == "1954":
                continue
            for para in rec["content"].split("\n"):
                para = clean(para)
                if len(para) >= MIN_PARAGRAPH:
                    out.append(para)
    return out


def own_paragraphs(corpus_dir: Path) -> list[str]:
    """Paragraphs of the project's own text (.txt/.md files and text fields of .jsonl files)."""
    out: list[str] = []
    for path in sorted(corpus_dir.rglob("*")):
        if not path.is_file():
            continue
        if path.suffix in (".txt", ".md"):
            texts = [path.read_text(encoding="utf-8", errors="replace")]
        elif path.suffix == ".jsonl":
            texts = []
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if isinstance(rec, dict):
                    texts += [v for k, v in rec.items() if k in ("text", "content", "body") and isinstance(v, str)]
        else:
            continue
        if path.name == "userdict.txt":
            continue
        for text in texts:
            for para in text.split("\n"):
                para = clean(para)
                if len(para) >= MIN_PARAGRAPH:
                    out.append(para)
    return out


def held_out(para: str, seed: int, share: int = 20) -> bool:
    """One paragraph in ``share`` is held out, decided by a seeded hash so the split never moves."""
    digest = hashlib.md5(f"{seed}:{para}".encode()).hexdigest()
    return int(digest[:8], 16) % share == 0


def build_tokenizer(train_text: list[str], out_dir: Path, min_count: int = 2):
    """A WordLevel tokenizer with one character per token, wrapped for transformers."""
    from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    counts = Counter()
    for p in train_text:
        counts.update(p)
    chars = sorted(c for c, n in counts.items() if n >= min_count)
    vocab = {tok: i for i, tok in enumerate(SPECIALS)}
    for c in chars:
        vocab.setdefault(c, len(vocab))
    tok = Tokenizer(models.WordLevel(vocab=vocab, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Split(Regex("."), behavior="isolated")
    tok.decoder = decoders.Fuse()
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]",
                                   bos_token="[BOS]", eos_token="[EOS]")
    fast.save_pretrained(out_dir)
    return fast, counts


def encode_all(tokenizer, paragraphs: list[str]) -> list[int]:
    """[BOS] paragraph [EOS] for every paragraph, concatenated into one id stream."""
    ids: list[int] = []
    bos, eos = tokenizer.bos_token_id, tokenizer.eos_token_id
    for enc in tokenizer(paragraphs, add_special_tokens=False)["input_ids"]:
        ids.append(bos)
        ids.extend(enc)
        ids.append(eos)
    return ids


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "models" / "lm")
    ap.add_argument("--minutes", type=float, default=40.0, help="wall-clock budget for the training loop")
    ap.add_argument("--seed", type=int, default=20261125)
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--width", type=int, default=256)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--block", type=int, default=128)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--eval-every", type=int, default=50, help="steps between held-out evaluations")
    ap.add_argument("--patience", type=int, default=4, help="evaluations without improvement before stopping")
    ap.add_argument("--own-repeat", type=int, default=2, help="times the project's own corpus is repeated")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--bf16", action="store_true",
                    help="bf16 autocast: faster only on CPUs with AMX; 15x slower on the AMD development machine")
    args = ap.parse_args()

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from transformers import GPT2Config, GPT2LMHeadModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()
    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)

    sc = state_council_paragraphs()
    own = own_paragraphs(ROOT / "corpora")
    sc_train = [p for p in sc if not held_out(p, args.seed)]
    sc_test = [p for p in sc if held_out(p, args.seed)]
    own_train = [p for p in own if not held_out(p, args.seed)]
    own_test = [p for p in own if held_out(p, args.seed)]
    print(f"state council: {len(sc_train)} train / {len(sc_test)} held-out paragraphs; "
          f"own corpus: {len(own_train)} / {len(own_test)}", flush=True)

    tokenizer, counts = build_tokenizer(sc_train + own_train, args.out)
    train_paras = sc_train + own_train * args.own_repeat
    random.shuffle(train_paras)
    train_ids = torch.tensor(encode_all(tokenizer, train_paras), dtype=torch.long)
    # early stopping watches the State Council held-out set plus the own held-out set
    val_ids = torch.tensor(encode_all(tokenizer, sc_test + own_test), dtype=torch.long)
    sc_val_ids = torch.tensor(encode_all(tokenizer, sc_test), dtype=torch.long)
    own_val_ids = torch.tensor(encode_all(tokenizer, own_test), dtype=torch.long) if own_test else None

    config = GPT2Config(vocab_size=len(tokenizer), n_positions=args.block, n_embd=args.width,
                        n_layer=args.layers, n_head=args.heads, bos_token_id=tokenizer.bos_token_id,
                        eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id,
                        resid_pdrop=0.1, embd_pdrop=0.1, attn_pdrop=0.1)
    model = GPT2LMHeadModel(config)
    n_params = sum(p.numel() for p in model.parameters())
    print(f"vocab {len(tokenizer)}, {n_params / 1e6:.2f}M parameters, {len(train_ids)} training tokens",
          flush=True)

    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.05, betas=(0.9, 0.95))
    budget = args.minutes * 60
    tokens_per_step = args.batch * args.block
    # cosine decay over the wall-clock budget (throughput on a shared machine is not known in advance);
    # early stopping may end sooner
    warmup = 100

    def lr_at(step: int, elapsed: float) -> float:
        if step < warmup:
            return args.lr * (step + 1) / warmup
        frac = min(1.0, elapsed / budget)
        return args.lr * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * frac)))

    autocast = (lambda: torch.autocast("cpu", dtype=torch.bfloat16)) if args.bf16 else None
    gen = torch.Generator().manual_seed(args.seed)

    def batch() -> tuple[torch.Tensor, torch.Tensor]:
        starts = torch.randint(0, len(train_ids) - args.block - 1, (args.batch,), generator=gen)
        x = torch.stack([train_ids[s:s + args.block] for s in starts])
        return x, x

    @torch.no_grad()
    def evaluate(ids: torch.Tensor | None, max_blocks: int = 150) -> float:
        if ids is None or len(ids) <= args.block:
            return float("nan")
        model.eval()
        n = min(max_blocks, len(ids) // args.block)
        blocks = ids[: n * args.block].view(n, args.block)
        total = 0.0
        for i in range(0, n, 64):
            x = blocks[i:i + 64]
            total += model(input_ids=x, labels=x).loss.item() * len(x)
        model.train()
        return total / n

    log_path = args.out / "loss_log.tsv"
    log = log_path.open("w", encoding="utf-8")
    log.write("step\tseconds\ttokens\ttrain_loss\tval_loss\tlr\n")
    best, best_step, bad = float("inf"), 0, 0
    t0 = time.time()
    step, running, seen = 0, [], 0
    model.train()
    stop_reason = "budget"
    while True:
        for g in opt.param_groups:
            g["lr"] = lr_at(step, time.time() - t0)
        x, y = batch()
        if autocast:
            with autocast():
                loss = model(input_ids=x, labels=y).loss
        else:
            loss = model(input_ids=x, labels=y).loss
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        seen += tokens_per_step
        running.append(loss.item())
        elapsed = time.time() - t0
        last = elapsed >= budget
        if step % args.eval_every == 0 or last:
            val = evaluate(val_ids)
            tr = sum(running) / len(running)
            running = []
            log.write(f"{step}\t{elapsed:.0f}\t{seen}\t{tr:.4f}\t{val:.4f}\t{lr_at(step, elapsed):.2e}\n")
            log.flush()
            print(f"step {step} {elapsed / 60:.1f} min train {tr:.3f} val {val:.3f} "
                  f"({seen / elapsed:.0f} tok/s)", flush=True)
            if val < best - 1e-3:
                best, best_step, bad = val, step, 0
                model.save_pretrained(args.out, safe_serialization=True)
            else:
                bad += 1
                if bad >= args.patience:
                    stop_reason = f"early stop: no held-out gain in {args.patience} evaluations"
                    break
        if last:
            break
    log.close()
    train_seconds = time.time() - t0

    best_model = GPT2LMHeadModel.from_pretrained(args.out, local_files_only=True)
    model = best_model
    sc_loss = evaluate(sc_val_ids, max_blocks=10_000)
    own_loss = evaluate(own_val_ids, max_blocks=10_000)
    stats = {
        "seed": args.seed,
        "parameters": n_params,
        "vocab_size": len(tokenizer),
        "config": {"n_layer": args.layers, "n_embd": args.width, "n_head": args.heads, "n_positions": args.block},
        "state_council_train_paragraphs": len(sc_train),
        "state_council_heldout_paragraphs": len(sc_test),
        "own_train_paragraphs": len(own_train),
        "own_heldout_paragraphs": len(own_test),
        "own_repeat": args.own_repeat,
        "train_tokens": len(train_ids),
        "steps": step,
        "best_step": best_step,
        "tokens_seen": seen,
        "train_seconds": round(train_seconds),
        "stop_reason": stop_reason,
        "best_val_loss": round(best, 4),
        "heldout_state_council_loss": round(sc_loss, 4),
        "heldout_state_council_perplexity": round(math.exp(sc_loss), 2),
        "heldout_own_perplexity": None if math.isnan(own_loss) else round(math.exp(own_loss), 2),
        "bf16": args.bf16,
        "threads": args.threads,
    }
    (args.out / "training_stats.json").write_text(json.dumps(stats, ensure_ascii=False, indent=2) + "\n",
                                                  encoding="utf-8")
    print(json.dumps(stats, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
