"""A lean decode loop on llama-cpp-python's lower-level API, with the form kept.

``create_chat_completion`` costs a fifth of the engine's speed on a small
model (its chunk dictionaries, stop-string scans and detokenizing per token),
and a grammar given to it checks every candidate token at every step, which
halved decoding here (74 against 154 tokens/s). This loop samples first and
checks only the chosen token (:mod:`.choosing`). Bytes the form fixes (a
heading, a dash) are not sampled at all: they are fed to the model with the
next token, in one batch.

A line the machine holds open to judgement (a title that must not repeat
another) is kept back from the reader until the machine settles it; taken
back, the model's memory of it is dropped and it is written again from its
first token, which is ruled out the second time so the line really changes.
"""

from __future__ import annotations

import codecs
from collections import deque
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from blogideas_gui.core.backends.base import BackendEvent, Done, GenerationOptions, TextDelta, Usage
from blogideas_gui.core.backends.choosing import Chooser, fair_share, sampler_chain
from blogideas_gui.core.backends.constraint import ByteMachine, LineVerdict
from blogideas_gui.core.common.cancel import CancelToken


@dataclass
class Checkpoint:
    """Where a held line began: enough to write it again from there.

    ``position`` is the line's first token's place in the sequence and
    ``before`` the token just ahead of it, fed again for fresh logits.
    ``held`` is text not shown yet that comes before the line (the answer's
    first heading, which goes out with the first token): it is not taken back.
    ``line`` holds the tokens of the attempt being written, ``tried`` those of
    the attempts taken back: the next attempt is pushed off them.
    """

    state: Any
    position: int
    before: int
    produced: int
    recent: list[int]
    banned: set[int]
    first: int | None = None
    held: bytes = b""
    held_tokens: int = 0
    line: list[int] = field(default_factory=list)
    tried: set[int] = field(default_factory=set)

    def steering(self) -> tuple[Collection[int], Collection[int]]:
        """Tokens ruled out now (a rewritten line's old first token) and those pushed off."""
        return (self.banned if self.first is None else (), self.tried)

    def wrote(self, token: int) -> None:
        """Note a token of the attempt being written."""
        if self.first is None:
            self.first = token
        self.line.append(token)

    def rewind(self) -> None:
        """The attempt is taken back: its first token banned, all of its tokens pushed off."""
        if self.first is not None:
            self.banned.add(self.first)
        self.first = None
        self.tried.update(self.line)
        self.line.clear()


class Decoder:
    """One answer from prompt tokens, streamed; the form kept when ``machine`` is given."""

    def __init__(self, llama_cpp: Any, llm: Any, chooser: Chooser) -> None:
        self._lib = llama_cpp
        self._llm = llm
        self._chooser = chooser
        self._penalty_window = int(getattr(llm, "last_n_tokens_size", 64))

    def stream(
        self,
        prompt: Sequence[int],
        options: GenerationOptions,
        max_tokens: int,
        cancel: CancelToken,
        machine: ByteMachine[Any] | None = None,
    ) -> Iterator[BackendEvent]:
        """Decode up to ``max_tokens`` answer tokens after ``prompt``; then one Done."""
        llm = self._llm
        pending = reuse_prefix(llm, prompt)
        chain = sampler_chain(self._lib, options)
        recent: deque[int] = deque(maxlen=self._penalty_window)
        text = codecs.getincrementaldecoder("utf-8")("replace")
        state = machine.start() if machine is not None else None
        produced = 0
        finish = "length"
        # The first heading goes to the model with the prompt, and to the
        # reader with the first sampled token: it is not a sign of speed.
        held, held_tokens = b"", 0
        part, part_start, share = 0, 0, 0
        checkpoint: Checkpoint | None = None
        kept_back: list[TextDelta] = []
        if machine is not None:
            held, tokens = self._force(machine, state, pending, recent)
            held_tokens = len(tokens)
            produced += held_tokens
            checkpoint = self._checkpoint(machine, state, pending, produced, recent, None)
            if checkpoint is not None:
                checkpoint.held, checkpoint.held_tokens = held, held_tokens
        try:
            while True:
                if cancel.is_set():
                    finish = "cancelled"
                    break
                if machine is not None and machine.finished(state):
                    finish = "stop"
                    break
                if produced >= max_tokens or llm.n_tokens + len(pending) > llm.n_ctx():
                    if machine is not None and machine.can_stop(state):
                        finish = "stop"  # the budget ran out exactly where the answer may end
                    break
                llm.eval(pending)
                banned, tried = checkpoint.steering() if checkpoint is not None else ((), ())
                pressure = machine.line_pressure(state) if machine is not None else 0.0
                logits = self._chooser.logits(
                    -1, options.repeat_penalty, recent, pressure, banned, tried
                )
                budget = (max_tokens - produced - 1, max_tokens)
                if machine is not None:
                    if machine.part(state) != part:
                        part, part_start = machine.part(state), produced
                        share = fair_share(machine, state, max_tokens - produced)
                    budget = (budget[0], share - (produced + 1 - part_start))
                found = self._chooser.choose(chain, -1, logits, machine, state, budget)
                if found is None:
                    break  # nothing fits the budget: cannot happen while cost() holds
                token, piece, state = found
                if piece is None:
                    finish = "stop"
                    break
                if checkpoint is not None:
                    checkpoint.wrote(token)
                produced += 1
                recent.append(token)
                pending = [token]
                delta = text.decode(held + piece)
                count = 1 + held_tokens
                held, held_tokens = b"", 0
                verdict = LineVerdict.GO_ON if machine is None else machine.settle(state)
                if verdict is LineVerdict.TAKE_BACK and machine and checkpoint is not None:
                    state, pending, produced = self._take_back(machine, checkpoint, recent)
                    held, held_tokens = checkpoint.held, checkpoint.held_tokens
                    kept_back.clear()
                    text.reset()
                    continue
                if machine is not None and machine.forced(state):
                    literal, tokens = self._force(machine, state, pending, recent)
                    produced += len(tokens)
                    delta += text.decode(literal)
                    count += len(tokens)
                event = TextDelta(delta, count)
                if checkpoint is not None and verdict is LineVerdict.GO_ON:
                    kept_back.append(event)
                else:
                    yield from kept_back
                    kept_back.clear()
                    checkpoint = None
                    yield event
                if machine is not None and checkpoint is None and machine.checkpoint(state):
                    checkpoint = self._checkpoint(machine, state, pending, produced, recent, None)
        finally:
            self._lib.llama_sampler_free(chain)
        yield from kept_back  # a line cut short by Stop is still what was written
        tail = text.decode(b"", final=True)
        if tail:
            yield TextDelta(tail, 0)
        yield Done(Usage(len(prompt), produced), finish)

    def _checkpoint(
        self,
        machine: ByteMachine[Any],
        state: Any,
        pending: list[int],
        produced: int,
        recent: deque[int],
        banned: set[int] | None,
    ) -> Checkpoint | None:
        """Remember where a held line begins, if one begins at ``state``."""
        if not machine.checkpoint(state) or not pending:
            return None
        position = self._llm.n_tokens + len(pending)
        return Checkpoint(
            machine.copy(state), position, pending[-1], produced, list(recent), banned or set()
        )

    def _take_back(
        self, machine: ByteMachine[Any], checkpoint: Checkpoint, recent: deque[int]
    ) -> tuple[Any, list[int], int]:
        """Forget the held line: the model's memory of it, its tokens; its first token banned."""
        checkpoint.rewind()
        self._llm.n_tokens = checkpoint.position - 1  # eval() drops the cache from here on
        recent.clear()
        recent.extend(checkpoint.recent)
        return machine.copy(checkpoint.state), [checkpoint.before], checkpoint.produced

    def _force(
        self, machine: ByteMachine[Any], state: Any, pending: list[int], recent: deque[int]
    ) -> tuple[bytes, list[int]]:
        """Feed the bytes the form fixes here; they go to the model with the next batch."""
        literal = machine.forced(state)
        tokens = list(self._llm.tokenize(literal, add_bos=False, special=False))
        machine.feed(state, literal)
        pending.extend(tokens)
        recent.extend(tokens)
        return literal, tokens


def reuse_prefix(llm: Any, prompt: Sequence[int]) -> list[int]:
    """Keep the evaluated prefix ``prompt`` shares with the last one; what is left to feed.

    At least one token is fed again, so the logits belong to this prompt.
    """
    kept = 0
    for old, new in zip(llm.input_ids[: llm.n_tokens].tolist(), prompt, strict=False):
        if old != new:
            break
        kept += 1
    kept = min(kept, len(prompt) - 1)
    llm.n_tokens = kept
    return list(prompt[kept:])
