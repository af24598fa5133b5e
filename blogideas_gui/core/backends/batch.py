"""Several parts of an answer written at once: one llama.cpp batch, a sequence per part.

On a CPU one decoding step reads the whole model; a step that carries k
sequences reads it once for all of them, so k ideas written side by side
cost less than k written in turn (measured here: 59 tokens/s for one
sequence, 85-102 in all for five to eight on the starter). The request's
prompt is evaluated once, in sequence 0, and copied to each part's sequence
(a unified KV cache shares the cells, it does not copy them); each part then
feeds its own last words (its angle) and is held by its own byte machine.

A part that ends frees its sequence for the next part waiting, so k
sequences can write more than k parts (continuous batching). Every part's
text goes out tagged with its place, so a reader can fill each card as its
own sequence writes. Sequence 0 keeps only the shared prompt afterwards: the
next request reuses it as the one-sequence loop does.
"""

from __future__ import annotations

import codecs
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from blogideas_gui.core.backends.base import BackendEvent, Done, GenerationOptions, TextDelta, Usage
from blogideas_gui.core.backends.choosing import Chooser, sampler_chain
from blogideas_gui.core.backends.constraint import ByteMachine, LineVerdict
from blogideas_gui.core.backends.decoding import Checkpoint, reuse_prefix
from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind

PROMPT_SEQUENCE = 0


@dataclass
class _Slot:
    """One sequence and the part it is writing."""

    seq: int
    part: int
    machine: ByteMachine[Any]
    state: Any
    chain: Any
    position: int
    pending: list[int]
    recent: deque[int]
    limit: int
    text: Any = field(default_factory=lambda: codecs.getincrementaldecoder("utf-8")("replace"))
    held: bytes = b""
    held_tokens: int = 0
    produced: int = 0
    checkpoint: Checkpoint | None = None
    kept_back: list[TextDelta] = field(default_factory=list)
    index: int = -1
    ended: str = ""


class BatchDecoder:
    """Parts after one shared prompt, decoded together; see the module's docstring."""

    def __init__(self, llama_cpp: Any, llm: Any, chooser: Chooser) -> None:
        self._lib = llama_cpp
        self._llm = llm
        self._chooser = chooser
        self._memory = llama_cpp.llama_get_memory(llm.ctx)
        self._penalty_window = int(getattr(llm, "last_n_tokens_size", 64))

    def stream(
        self,
        prompts: Sequence[Sequence[int]],
        machines: Sequence[ByteMachine[Any]],
        options: GenerationOptions,
        limit: int,
        sequences: int,
        cancel: CancelToken,
    ) -> Iterator[BackendEvent]:
        """Write part i after ``prompts[i]`` under ``machines[i]``, ``sequences`` at a time.

        ``limit`` is each part's token budget; text events carry ``part=i``.
        """
        llm = self._llm
        shared = _shared_length(prompts)
        pending = reuse_prefix(llm, prompts[0][:shared])
        if pending:
            llm.eval(pending)
        waiting = deque(range(len(prompts)))
        slots: list[_Slot] = []
        finishes: list[str] = []
        produced = 0
        batch = self._lib.llama_batch_init(max(llm.n_batch, 1), 0, 1)
        try:
            for seq in range(1, sequences + 1):
                if waiting:
                    slots.append(self._open(seq, waiting.popleft(), prompts, machines, options,
                                            shared, limit))  # fmt: skip
            while slots:
                if cancel.is_set():
                    break
                self._decode(batch, slots)
                for slot in list(slots):
                    yield from self._step(slot, options)
                    if slot.ended:
                        yield from slot.kept_back
                        tail = slot.text.decode(b"", final=True)
                        if tail:
                            yield TextDelta(tail, 0, part=slot.part)
                        finishes.append(slot.ended)
                        produced += slot.produced
                        slots.remove(slot)
                        self._lib.llama_sampler_free(slot.chain)
                        self._lib.llama_memory_seq_rm(self._memory, slot.seq, -1, -1)
                        if waiting:
                            slots.append(self._open(slot.seq, waiting.popleft(), prompts,
                                                    machines, options, shared, limit))  # fmt: skip
        finally:
            for slot in slots:
                produced += slot.produced
                self._lib.llama_sampler_free(slot.chain)
                self._lib.llama_memory_seq_rm(self._memory, slot.seq, -1, -1)
            self._lib.llama_batch_free(batch)
        for slot in slots:  # stopped: what each part wrote is still what was written
            yield from slot.kept_back
        if cancel.is_set():
            finish = "cancelled"
        elif len(finishes) == len(prompts) and all(end == "stop" for end in finishes):
            finish = "stop"
        else:
            finish = "length"
        prompt_tokens = shared + sum(len(prompt) - shared for prompt in prompts)
        yield Done(Usage(prompt_tokens, produced), finish)

    def _open(
        self,
        seq: int,
        part: int,
        prompts: Sequence[Sequence[int]],
        machines: Sequence[ByteMachine[Any]],
        options: GenerationOptions,
        shared: int,
        limit: int,
    ) -> _Slot:
        """A sequence starting part ``part``: the shared prompt copied in, its own words next."""
        lib, memory = self._lib, self._memory
        lib.llama_memory_seq_rm(memory, seq, -1, -1)
        lib.llama_memory_seq_cp(memory, PROMPT_SEQUENCE, seq, 0, shared)
        machine = machines[part]
        state = machine.start()
        slot = _Slot(
            seq, part, machine, state, sampler_chain(lib, options, salt=part), shared,
            list(prompts[part][shared:]), deque(maxlen=self._penalty_window), limit,
        )  # fmt: skip
        literal, tokens = self._force(slot)
        slot.held, slot.held_tokens = literal, len(tokens)
        slot.produced = len(tokens)
        slot.checkpoint = self._checkpoint(slot)
        if slot.checkpoint is not None:
            slot.checkpoint.held, slot.checkpoint.held_tokens = slot.held, slot.held_tokens
        return slot

    def _decode(self, batch: Any, slots: list[_Slot]) -> None:
        """Feed every slot's pending tokens; each slot's last one gives its logits.

        Tokens that give no logits go first, so that when more are pending than
        one batch holds, the last ones (whose logits are read) share the final
        call and no slot's logits are overwritten by a later call.
        """
        lib, llm = self._lib, self._llm
        early: list[tuple[_Slot, int, int]] = []
        last: list[tuple[_Slot, int, int]] = []
        for slot in slots:
            for offset, token in enumerate(slot.pending):
                entry = (slot, token, slot.position + offset)
                (last if offset == len(slot.pending) - 1 else early).append(entry)
            slot.position += len(slot.pending)
            slot.pending = []
        entries = early + last
        size = max(llm.n_batch, 1)
        for start in range(0, len(entries), size):
            chunk = entries[start : start + size]
            batch.n_tokens = len(chunk)
            for index, (slot, token, position) in enumerate(chunk):
                batch.token[index] = token
                batch.pos[index] = position
                batch.n_seq_id[index] = 1
                batch.seq_id[index][0] = slot.seq
                wants = start + index >= len(early)
                batch.logits[index] = wants
                if wants:
                    slot.index = index
            if lib.llama_decode(llm.ctx, batch) != 0:  # no room left in the cache
                raise BlogIdeasError(ErrorKind.NOT_ENOUGH_MEMORY, "llama_decode")

    def _step(self, slot: _Slot, options: GenerationOptions) -> Iterator[TextDelta]:
        """Choose the slot's next token; its text (or none while a line is held)."""
        machine, state = slot.machine, slot.state
        checkpoint = slot.checkpoint
        banned, tried = checkpoint.steering() if checkpoint is not None else ((), ())
        logits = self._chooser.logits(
            slot.index, options.repeat_penalty, slot.recent, machine.line_pressure(state),
            banned, tried,
        )  # fmt: skip
        left = slot.limit - slot.produced - 1
        found = self._chooser.choose(slot.chain, slot.index, logits, machine, state, (left, left))
        if found is None:
            slot.ended = "length"
            return
        token, piece, state = found
        if piece is None:
            slot.ended = "stop"
            return
        if checkpoint is not None:
            checkpoint.wrote(token)
        slot.state = state
        slot.produced += 1
        slot.recent.append(token)
        slot.pending = [token]
        delta = slot.text.decode(slot.held + piece)
        count = 1 + slot.held_tokens
        slot.held, slot.held_tokens = b"", 0
        verdict = machine.settle(state)
        if verdict is LineVerdict.TAKE_BACK and checkpoint is not None:
            self._take_back(slot, checkpoint)
            return
        if machine.forced(state):
            literal, tokens = self._force(slot)
            delta += slot.text.decode(literal)
            count += len(tokens)
            slot.produced += len(tokens)
        event = TextDelta(delta, count, part=slot.part)
        if checkpoint is not None and verdict is LineVerdict.GO_ON:
            slot.kept_back.append(event)
        else:
            yield from slot.kept_back
            slot.kept_back.clear()
            slot.checkpoint = None
            yield event
        if slot.checkpoint is None:
            slot.checkpoint = self._checkpoint(slot)
        if machine.finished(state):
            slot.ended = "stop"
        elif slot.produced >= slot.limit:
            slot.ended = "stop" if machine.can_stop(state) else "length"

    def _checkpoint(self, slot: _Slot) -> Checkpoint | None:
        """Remember where a held line begins, if one begins now."""
        if not slot.machine.checkpoint(slot.state) or not slot.pending:
            return None
        return Checkpoint(
            slot.machine.copy(slot.state), slot.position + len(slot.pending), slot.pending[-1],
            slot.produced, list(slot.recent), set(),
        )  # fmt: skip

    def _take_back(self, slot: _Slot, checkpoint: Checkpoint) -> None:
        """Forget the held line and write it again from its checkpoint."""
        checkpoint.rewind()
        slot.kept_back.clear()
        slot.text.reset()
        slot.held, slot.held_tokens = checkpoint.held, checkpoint.held_tokens
        slot.state = slot.machine.copy(checkpoint.state)
        slot.produced = checkpoint.produced
        slot.recent.clear()
        slot.recent.extend(checkpoint.recent)
        slot.position = checkpoint.position - 1
        self._lib.llama_memory_seq_rm(self._memory, slot.seq, slot.position, -1)
        slot.pending = [checkpoint.before]

    def _force(self, slot: _Slot) -> tuple[bytes, list[int]]:
        """Queue the bytes the form fixes here; they go to the model with the next batch."""
        literal = slot.machine.forced(slot.state)
        tokens = list(self._llm.tokenize(literal, add_bos=False, special=False))
        slot.machine.feed(slot.state, literal)
        slot.pending.extend(tokens)
        slot.recent.extend(tokens)
        return literal, tokens


def _shared_length(prompts: Sequence[Sequence[int]]) -> int:
    """Tokens every prompt begins with, leaving each at least one of its own to feed."""
    shared = min(len(prompt) for prompt in prompts) - 1
    first = prompts[0]
    for other in prompts[1:]:
        same = 0
        for left, right in zip(first[:shared], other, strict=False):
            if left != right:
                break
            same += 1
        shared = same
    return max(shared, 1)
