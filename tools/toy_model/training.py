"""The training loop: length-bucketed batches, warmup-stable-decay LR, AdamW.

Kept apart from model building and evaluation because it is the only part that depends
on the time budget (--max-minutes) and on the batch order of a continued run.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from marian import zero_pad_row

if TYPE_CHECKING:  # torch and transformers load only when a run needs them
    import torch
    from transformers import MarianMTModel

# Encoded (source ids, target ids) pairs, each ending in </s>.
Pairs = list[tuple[list[int], list[int]]]


def batches(data: Pairs, max_tokens: int, rng: random.Random) -> list[list[int]]:
    """Length-bucketed batches: shuffle, sort within pools, cut by padded token budget."""
    order = list(range(len(data)))
    rng.shuffle(order)
    pool = 200 * 64
    out = []
    for start in range(0, len(order), pool):
        chunk = sorted(order[start:start + pool], key=lambda i: len(data[i][0]) + len(data[i][1]))
        batch: list[int] = []
        longest = 0
        for i in chunk:
            length = max(len(data[i][0]), len(data[i][1]))
            if batch and max(longest, length) * (len(batch) + 1) > max_tokens:
                out.append(batch)
                batch, longest = [], 0
            batch.append(i)
            longest = max(longest, length)
        if batch:
            out.append(batch)
    rng.shuffle(out)
    return out


def collate(data: Pairs, idx: list[int],
            pad_id: int) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Pad one batch: source padded with the pad id, labels with -100 (ignored by the loss)."""
    import torch

    src = [data[i][0] for i in idx]
    tgt = [data[i][1] for i in idx]
    s_len, t_len = max(map(len, src)), max(map(len, tgt))
    input_ids = torch.full((len(idx), s_len), pad_id, dtype=torch.long)
    labels = torch.full((len(idx), t_len), -100, dtype=torch.long)
    for row, (s, t) in enumerate(zip(src, tgt, strict=False)):
        input_ids[row, : len(s)] = torch.tensor(s)
        labels[row, : len(t)] = torch.tensor(t)
    return input_ids, (input_ids != pad_id).long(), labels


def lr_factor(step: int, warmup: int, decay_start: int, total: int) -> float:
    """Warmup-stable-decay: linear warmup, constant peak, linear decay to ~0 at `total`.

    WHY: the constant phase learns fastest, and the final linear anneal is what turns a
    low loss into exact greedy outputs; unlike cosine or linear-from-the-start decay,
    the anneal can start whenever the time budget says so (see train_model).
    """
    if step < warmup:
        return (step + 1) / warmup
    if step < decay_start:
        return 1.0
    return max(0.01, (total - step) / max(1, total - decay_start))


def train_model(model: MarianMTModel, data: Pairs, args: argparse.Namespace,
                log: Callable[[str], None], stage: int = 0) -> dict:
    """Plain AdamW loop (WSD schedule, optional label smoothing); returns a training summary.

    With --max-minutes the decay phase starts early when the projected end of training
    (constant phase so far + the planned decay steps) would pass the time budget; the
    summary records the steps actually run and where the decay started, so the run can be
    reproduced exactly with --steps and --decay-start.
    """
    import torch

    pad_id = model.config.pad_token_id
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, betas=(0.9, 0.98), weight_decay=0.0)
    total = args.steps
    decay_len = max(1, round(args.decay_frac * total))
    decay_start = args.decay_start if args.decay_start is not None else total - decay_len
    budget = args.max_minutes * 60 if args.max_minutes else None
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100, label_smoothing=args.label_smoothing)

    # A continued run (--init-from) must not replay an earlier stage's batch order.
    rng = random.Random(args.seed + stage)
    model.train()
    start = time.time()
    step = 0
    running = 0.0
    epoch_batches: list[list[int]] = []
    while step < total:
        if budget and step >= args.warmup and step < decay_start and step % 20 == 0:
            per_step = (time.time() - start) / step
            if time.time() - start + decay_len * per_step > budget:
                decay_start, total = step, step + decay_len
                log(f"time budget: decay starts at step {step}, training ends at step {total}")
        if not epoch_batches:
            epoch_batches = batches(data, args.max_tokens, rng)
        idx = epoch_batches.pop()
        input_ids, mask, labels = collate(data, idx, pad_id)
        for group in opt.param_groups:
            group["lr"] = args.lr * lr_factor(step, args.warmup, decay_start, total)
        logits = model(input_ids=input_ids, attention_mask=mask, labels=labels).logits
        loss = loss_fn(logits.view(-1, logits.size(-1)), labels.view(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        zero_pad_row(model)
        step += 1
        running += loss.item()
        if step % 100 == 0:
            lr = args.lr * lr_factor(step, args.warmup, decay_start, total)
            log(f"step {step}/{total} loss {running / 100:.4f} lr {lr:.2e} "
                f"{time.time() - start:.0f}s")
            running = 0.0
    model.eval()
    return {"steps": step, "decay_start": decay_start, "seconds": round(time.time() - start)}
