"""The engine alone: sequences after one shared prompt, decoded in llama.cpp batches.

What the app's side-by-side ideas are measured against. It does what the
app's batch decoder does to the engine and nothing else: the shared prompt
evaluated once in sequence 0 and copied to each sequence (a unified cache
shares the cells), each sequence's own last words fed in its first step,
then one step for all running sequences at a time, and a sequence that ends
handing its place to the next one waiting (continuous batching). No
sampling and no shape: the next token is a token of the prompt, and only one
logit of each sequence is read, as llama.cpp's ``llama-batched-bench`` does.

How many tokens each step feeds a sequence is given (a *schedule*): one per
step for the engine's own figures, or the app's own steps replayed (it feeds
the form's fixed words, a heading or a dash, with the next token), so both
sides decode the same tokens in the same batches.

The context is made from the same settings ``Llama`` gives the app's (same
context size, batch, threads, no flash attention), with room for the same
number of sequences in one unified cache. Run it in a child process, on its
main thread (see :mod:`benchmarks.raw_llama` for why).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from blogideas_gui.core.backends.base import ChatMessage

SEQUENCES = 9
"""Sequence 0 for the prompt and up to eight writing: the app's own context holds as many."""


@dataclass
class _Slot:
    seq: int
    position: int
    pending: list[int]
    steps: deque[int] = field(default_factory=deque)
    index: int = -1


def shared_length(prompts: Sequence[Sequence[int]]) -> int:
    """Tokens every prompt begins with, leaving each at least one of its own (the app's rule)."""
    shared = min(len(prompt) for prompt in prompts) - 1
    for other in prompts[1:]:
        same = 0
        for left, right in zip(prompts[0][:shared], other, strict=False):
            if left != right:
                break
            same += 1
        shared = same
    return max(shared, 1)


class BareBatch:
    """A model and a multi-sequence context on llama-cpp-python's lowest API."""

    def __init__(self, model_path: Path, n_threads: int, n_ctx: int) -> None:
        import llama_cpp

        self._lib = llama_cpp
        # Llama works out the context settings the app's context is made from.
        self._llm = llama_cpp.Llama(
            model_path=str(model_path),
            n_ctx=n_ctx,
            n_threads=n_threads,
            n_gpu_layers=0,
            verbose=False,
        )
        params = self._llm.context_params
        params.n_seq_max = SEQUENCES
        params.kv_unified = True
        self._ctx = llama_cpp.llama_init_from_model(self._llm.model, params)
        if not self._ctx:
            raise RuntimeError("llama.cpp made no context")
        self._memory = llama_cpp.llama_get_memory(self._ctx)
        self._size = int(params.n_batch)
        self._batch = llama_cpp.llama_batch_init(self._size, 0, 1)

    def prompt(self, messages: Sequence[ChatMessage]) -> list[int]:
        """The tokens the app's decoder would feed for ``messages`` (its own chat prompt)."""
        from blogideas_gui.core.backends.chat_prompt import ChatPrompt

        return ChatPrompt(self._llm).tokens(messages)

    def run(
        self, prompts: Sequence[Sequence[int]], schedules: Sequence[Sequence[int]], width: int
    ) -> float:
        """Seconds to write sequence i after ``prompts[i]`` by ``schedules[i]``, ``width`` at once.

        The shared prompt is evaluated before the clock starts, as the app's
        is by then (an earlier request left it in the cache). ``schedules[i]``
        lists the tokens fed per step after the first (the sequence's own last
        words); the sequence ends after its last step's tokens are chosen,
        as the app ends a part without decoding its last token.
        """
        lib = self._lib
        lib.llama_memory_clear(self._memory, True)
        shared = shared_length(prompts)
        self._decode([(0, token, place, False) for place, token in enumerate(prompts[0][:shared])])
        filler = list(prompts[0][:shared])
        waiting = deque(range(len(prompts)))
        slots: list[_Slot] = []
        started = time.perf_counter()
        for seq in range(1, width + 1):
            if waiting:
                slots.append(self._open(seq, waiting.popleft(), prompts, schedules, shared))
        step = 0
        while slots:
            entries = []
            for slot in slots:
                for offset, token in enumerate(slot.pending):
                    entries.append(
                        (slot.seq, token, slot.position + offset, offset == len(slot.pending) - 1)
                    )
                slot.position += len(slot.pending)
            indexes = self._decode(entries)
            for slot in list(slots):
                lib.llama_get_logits_ith(self._ctx, indexes[slot.seq])[
                    0
                ]  # read, as a sampler would
                size = slot.steps.popleft() if slot.steps else 0
                if slot.steps:
                    step += 1
                    slot.pending = [filler[(step * 7 + slot.seq) % len(filler)]] * size
                    continue
                slots.remove(slot)
                lib.llama_memory_seq_rm(self._memory, slot.seq, -1, -1)
                if waiting:
                    slots.append(
                        self._open(slot.seq, waiting.popleft(), prompts, schedules, shared)
                    )
        return time.perf_counter() - started

    def _open(
        self,
        seq: int,
        part: int,
        prompts: Sequence[Sequence[int]],
        schedules: Sequence[Sequence[int]],
        shared: int,
    ) -> _Slot:
        lib = self._lib
        lib.llama_memory_seq_rm(self._memory, seq, -1, -1)
        lib.llama_memory_seq_cp(self._memory, 0, seq, 0, shared)
        return _Slot(seq, shared, list(prompts[part][shared:]), deque(schedules[part]))

    def _decode(self, entries: Sequence[tuple[int, int, int, bool]]) -> dict[int, int]:
        """Feed (sequence, token, position, wants logits) entries; each sequence's logits index.

        Entries that want logits go last, so they share the final call when
        more are pending than one batch holds, as in the app's decoder.
        """
        ordered = [e for e in entries if not e[3]] + [e for e in entries if e[3]]
        indexes: dict[int, int] = {}
        batch = self._batch
        for start in range(0, len(ordered), self._size):
            chunk = ordered[start : start + self._size]
            batch.n_tokens = len(chunk)
            for index, (seq, token, position, wants) in enumerate(chunk):
                batch.token[index] = token
                batch.pos[index] = position
                batch.n_seq_id[index] = 1
                batch.seq_id[index][0] = seq
                batch.logits[index] = wants
                if wants:
                    indexes[seq] = index
            if self._lib.llama_decode(self._ctx, batch) != 0:
                raise RuntimeError("llama_decode failed: no room left in the cache")
        return indexes

    def close(self) -> None:
        """Free the batch, the context and the model."""
        self._lib.llama_batch_free(self._batch)
        self._lib.llama_free(self._ctx)
        self._llm.close()


def uniform(tokens: int) -> list[int]:
    """A schedule of one token per step, ``tokens`` tokens in all (the engine's own figures)."""
    return [1] * tokens
