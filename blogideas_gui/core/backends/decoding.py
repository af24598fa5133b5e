"""A lean decode loop on llama-cpp-python's lower-level API, with the shape kept.

``create_chat_completion`` costs a fifth of the engine's speed on a small
model (its chunk dictionaries, stop-string scans and detokenizing per token),
and a grammar given to it checks every candidate token at every step, which
halved decoding here (74 against 154 tokens/s). This loop does what llama.cpp's
own common sampler does instead: it samples first, checks only the chosen
token against the answer's byte machine (:mod:`.constraint`), and only when that token is
refused looks for allowed ones (the likeliest of the 64 likeliest, else
tokens that end or start a line, else the whole vocabulary) and samples
again among those. Bytes the shape fixes (a heading,
a dash) are not sampled at all: they are fed to the model with the next token,
in one batch.

The repeat penalty is applied here to the logits (as llama.cpp's penalties
sampler does it) rather than in the sampler chain, because the chain records
every token it samples and a refused token must leave no trace.
"""

from __future__ import annotations

import codecs
import ctypes
from collections import deque
from collections.abc import Iterator, Sequence
from typing import Any

from blogideas_gui.core.backends.base import BackendEvent, Done, GenerationOptions, TextDelta, Usage
from blogideas_gui.core.backends.constraint import ByteMachine
from blogideas_gui.core.common.cancel import CancelToken

TOP_CANDIDATES = 64
ENOUGH_CANDIDATES = 8
"""Allowed tokens to sample among after a refusal: the likeliest that fit."""
PIECE_BYTES = 256
TOP_K = 40
MIN_P = 0.05
DEFAULT_SEED = 0xFFFFFFFF  # llama.cpp's "a new random seed"


class TokenPieces:
    """Each token's bytes, read from the vocabulary once; None for end-of-text tokens."""

    def __init__(self, llama_cpp: Any, llm: Any) -> None:
        self._lib = llama_cpp
        self._vocab = llama_cpp.llama_model_get_vocab(llm.model)
        self.n_vocab = int(llm.n_vocab())
        self._buffer = ctypes.create_string_buffer(PIECE_BYTES)
        self._cache: dict[int, bytes | None] = {}
        self._structural: list[int] | None = None

    def get(self, token: int) -> bytes | None:
        """The token's text as bytes (b"" for control tokens), None if it ends the text."""
        try:
            return self._cache[token]
        except KeyError:
            pass
        piece: bytes | None
        if self._lib.llama_vocab_is_eog(self._vocab, token):
            piece = None
        else:
            size = self._lib.llama_token_to_piece(
                self._vocab, token, self._buffer, PIECE_BYTES, 0, False
            )
            piece = self._buffer.raw[: max(0, size)]
        self._cache[token] = piece
        return piece

    def structural(self) -> list[int]:
        """Tokens of one byte or holding a newline: what ends or starts a line.

        The shape can always go on with one of them; read once per model, the
        first time the likeliest tokens held none that fits (about 0.1 s).
        """
        if self._structural is None:
            self._structural = [
                token
                for token in range(self.n_vocab)
                if (piece := self.get(token)) is not None and (len(piece) == 1 or b"\n" in piece)
            ]
        return self._structural


def _sampler_chain(llama_cpp: Any, options: GenerationOptions) -> Any:
    """top-k, top-p, min-p, temperature, then a draw: create_chat_completion's defaults."""
    chain = llama_cpp.llama_sampler_chain_init(llama_cpp.llama_sampler_chain_default_params())
    seed = DEFAULT_SEED if options.seed is None else options.seed & 0xFFFFFFFF
    if options.temperature <= 0:
        steps = [llama_cpp.llama_sampler_init_greedy()]
    else:
        steps = [
            llama_cpp.llama_sampler_init_top_k(TOP_K),
            llama_cpp.llama_sampler_init_top_p(options.top_p, 1),
            llama_cpp.llama_sampler_init_min_p(MIN_P, 1),
            llama_cpp.llama_sampler_init_temp(options.temperature),
            llama_cpp.llama_sampler_init_dist(seed),
        ]
    for step in steps:
        llama_cpp.llama_sampler_chain_add(chain, step)
    return chain


class Decoder:
    """One answer from prompt tokens, streamed; the shape kept when ``machine`` is given."""

    def __init__(self, llama_cpp: Any, llm: Any, pieces: TokenPieces) -> None:
        import numpy

        self._np = numpy
        self._lib = llama_cpp
        self._llm = llm
        self._pieces = pieces
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
        pending = self._reuse_prefix(prompt)
        chain = _sampler_chain(self._lib, options)
        recent: deque[int] = deque(maxlen=self._penalty_window)
        text = codecs.getincrementaldecoder("utf-8")("replace")
        state = machine.start() if machine is not None else None
        produced = 0
        finish = "length"
        # The first heading goes to the model with the prompt, and to the
        # reader with the first sampled token: it is not a sign of speed.
        held, held_tokens = b"", 0
        idea, idea_start, share = 0, 0, 0
        if machine is not None and state is not None:
            held, tokens = self._force(machine, state, pending, recent)
            held_tokens = len(tokens)
            produced += held_tokens
        try:
            while True:
                if cancel.is_set():
                    finish = "cancelled"
                    break
                if machine is not None and state is not None and machine.finished(state):
                    finish = "stop"
                    break
                if produced >= max_tokens or llm.n_tokens + len(pending) > llm.n_ctx():
                    if machine is not None and state is not None and machine.can_stop(state):
                        finish = "stop"  # the budget ran out exactly where the answer may end
                    break
                llm.eval(pending)
                logits = self._logits(options.repeat_penalty, recent)
                token = int(self._lib.llama_sampler_sample(chain, llm.ctx, -1))
                piece = self._pieces.get(token)
                if machine is not None and state is not None:
                    if machine.part(state) != idea:
                        idea, idea_start = machine.part(state), produced
                        share = _fair_share(machine, state, max_tokens - produced)
                    budget = (max_tokens - produced - 1, share - (produced + 1 - idea_start))
                    state_after = _allowed(machine, state, piece, budget)
                    if state_after is None:
                        found = self._resample(machine, state, logits, chain, budget)
                        if found is None:
                            break  # nothing fits the budget: cannot happen while cost() holds
                        token, piece, state_after = found
                    state = state_after
                if piece is None:
                    finish = "stop"
                    break
                produced += 1
                recent.append(token)
                pending = [token]
                delta = text.decode(held + piece)
                count = 1 + held_tokens
                held, held_tokens = b"", 0
                if machine is not None and state is not None and machine.forced(state):
                    literal, tokens = self._force(machine, state, pending, recent)
                    produced += len(tokens)
                    delta += text.decode(literal)
                    count += len(tokens)
                yield TextDelta(delta, count)
        finally:
            self._lib.llama_sampler_free(chain)
        tail = text.decode(b"", final=True)
        if tail:
            yield TextDelta(tail, 0)
        yield Done(Usage(len(prompt), produced), finish)

    def _reuse_prefix(self, prompt: Sequence[int]) -> list[int]:
        """Keep the evaluated prefix the prompt shares with the last one; what is left to feed.

        At least one token is fed again, so the logits belong to this prompt.
        """
        llm = self._llm
        kept = 0
        for old, new in zip(llm.input_ids[: llm.n_tokens].tolist(), prompt, strict=False):
            if old != new:
                break
            kept += 1
        kept = min(kept, len(prompt) - 1)
        llm.n_tokens = kept
        return list(prompt[kept:])

    def _force(
        self, machine: ByteMachine[Any], state: Any, pending: list[int], recent: deque[int]
    ) -> tuple[bytes, list[int]]:
        """Feed the bytes the shape fixes here; they go to the model with the next batch."""
        literal = machine.forced(state)
        tokens = list(self._llm.tokenize(literal, add_bos=False, special=False))
        machine.feed(state, literal)
        pending.extend(tokens)
        recent.extend(tokens)
        return literal, tokens

    def _logits(self, penalty: float, recent: deque[int]) -> Any:
        """The next token's logits, in place, with the repeat penalty of llama.cpp applied."""
        np = self._np
        pointer = self._lib.llama_get_logits_ith(self._llm.ctx, -1)
        logits = np.ctypeslib.as_array(pointer, shape=(self._pieces.n_vocab,))
        if penalty != 1.0 and recent:
            ids = np.fromiter(set(recent), dtype=np.intc)
            values = logits[ids]
            logits[ids] = np.where(values <= 0, values * penalty, values / penalty)
        return logits

    def _resample(
        self,
        machine: ByteMachine[Any],
        state: Any,
        logits: Any,
        chain: Any,
        budget: tuple[int, int],
    ) -> tuple[int, bytes | None, Any] | None:
        """Sample again among the tokens the shape allows: the likeliest first, else any."""
        np = self._np
        top = np.argpartition(logits, -TOP_CANDIDATES)[-TOP_CANDIDATES:]
        likeliest = top[np.argsort(logits[top])[::-1]].tolist()
        allowed: list[int] = []
        for candidates in (likeliest, self._pieces.structural(), range(self._pieces.n_vocab)):
            for token in candidates:
                if _allowed(machine, state, self._pieces.get(token), budget) is not None:
                    allowed.append(token)
                    if len(allowed) == ENOUGH_CANDIDATES:
                        break
            if allowed:
                break
        if not allowed:
            return None
        kept = logits[allowed].copy()
        logits[:] = -np.inf
        logits[allowed] = kept
        token = int(self._lib.llama_sampler_sample(chain, self._llm.ctx, -1))
        piece = self._pieces.get(token)
        after = _allowed(machine, state, piece, budget)
        if after is None:  # every allowed token was at -inf: take the likeliest of them
            token = allowed[int(np.argmax(kept))]
            piece = self._pieces.get(token)
            after = _allowed(machine, state, piece, budget)
        return None if after is None else (token, piece, after)


def _fair_share(machine: ByteMachine[Any], state: Any, left: int) -> int:
    """Tokens the idea just begun may use: its share of what is left, at least its least.

    Without it the first ideas of a long answer could spend the budget and
    leave the last ones a word per line.
    """
    ideas_left = machine.parts - machine.part(state) + 1
    return max(machine.part_cost(state), left // ideas_left)


def _allowed(
    machine: ByteMachine[Any], state: Any, piece: bytes | None, budget: tuple[int, int]
) -> Any:
    """The state after ``piece``, or None if the shape or the token budget refuses it.

    ``budget`` is the answer tokens left after this one, and those left for
    this idea (its fair share); a token that begins the next idea is held to
    the first only.
    """
    if piece is None:
        return state if machine.can_stop(state) else None
    if not piece:
        return None
    after = machine.copy(state)
    if not machine.feed(after, piece) or machine.cost(after) > budget[0]:
        return None
    if machine.part(after) == machine.part(state) and machine.part_cost(after) > budget[1]:
        return None
    return after
