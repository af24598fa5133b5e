"""Choosing each next token under a byte machine: the part both decode loops share.

llama.cpp's own common sampler samples first and checks only the chosen
token against a grammar; only when that token is refused does it look for
allowed ones. The loops here do the same with the answer's byte machine
(:mod:`.constraint`): a refused token is replaced by a draw among the
likeliest allowed ones (of the 64 likeliest, else tokens that end or start a
line, else the whole vocabulary), and the token budget is part of what is
allowed, so an answer nobody stopped always ends complete.

The repeat penalty and the pull toward a line's end are applied here to the
logits (as llama.cpp's penalties sampler would) rather than in the sampler
chain, because the chain records every token it samples and a refused token
must leave no trace.
"""

from __future__ import annotations

import ctypes
from collections.abc import Collection, Iterable
from typing import Any

from blogideas_gui.core.backends.base import GenerationOptions
from blogideas_gui.core.backends.constraint import ByteMachine

TOP_CANDIDATES = 64
ENOUGH_CANDIDATES = 8
"""Allowed tokens to sample among after a refusal: the likeliest that fit."""
PIECE_BYTES = 256
TOP_K = 40
MIN_P = 0.05
DEFAULT_SEED = 0xFFFFFFFF  # llama.cpp's "a new random seed"
LINE_END_BIAS = 6.0
"""Logit added to tokens that end a line when the machine says the line is at
its soft bound (less before it, in proportion): enough to make a newline the
likeliest token where the model's own sentence could end, not enough to cut
one in the middle of a phrase it is sure of."""
RETRY_PENALTY = 4.0
"""Logit taken from the tokens of a line that was taken back, while it is
written again: a small model asked once more after the same start writes the
same words; pushed off them, it finds others where it has others to find."""


class TokenPieces:
    """Each token's bytes, read from the vocabulary once; None for end-of-text tokens."""

    def __init__(self, llama_cpp: Any, model: Any, n_vocab: int) -> None:
        self._lib = llama_cpp
        self._vocab = llama_cpp.llama_model_get_vocab(model)
        self.n_vocab = n_vocab
        self._buffer = ctypes.create_string_buffer(PIECE_BYTES)
        self._cache: dict[int, bytes | None] = {}
        self._structural: list[int] | None = None
        self._line_ends: list[int] | None = None

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

    def line_ends(self) -> list[int]:
        """Tokens that begin with a newline: the ones pulled toward near a line's bound."""
        if self._line_ends is None:
            self._line_ends = [
                token for token in self.structural() if (self.get(token) or b"").startswith(b"\n")
            ]
        return self._line_ends


def sampler_chain(llama_cpp: Any, options: GenerationOptions, salt: int = 0) -> Any:
    """top-k, top-p, min-p, temperature, then a draw: create_chat_completion's defaults.

    ``salt`` varies a fixed seed between sequences written side by side, so
    five ideas from one seed are not five draws of the same dice.
    """
    chain = llama_cpp.llama_sampler_chain_init(llama_cpp.llama_sampler_chain_default_params())
    seed = DEFAULT_SEED if options.seed is None else (options.seed + salt) & 0xFFFFFFFF
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


class Chooser:
    """Picks the next token of one sequence from the logits at one batch position."""

    def __init__(self, llama_cpp: Any, ctx: Any, pieces: TokenPieces) -> None:
        import numpy

        self._np = numpy
        self._lib = llama_cpp
        self._ctx = ctx
        self.pieces = pieces

    def logits(
        self,
        index: int,
        penalty: float,
        recent: Iterable[int],
        pressure: float = 0.0,
        banned: Collection[int] = (),
        tried: Collection[int] = (),
    ) -> Any:
        """The logits at batch position ``index``, in place, penalised and pulled.

        ``recent`` tokens get llama.cpp's repeat penalty; with ``pressure``
        (0 to 1, the machine's :meth:`~.constraint.ByteMachine.line_pressure`)
        the tokens that end a line are favoured; ``banned`` ones are ruled out
        and ``tried`` ones (a line taken back) are made less likely.
        """
        np = self._np
        pointer = self._lib.llama_get_logits_ith(self._ctx, index)
        logits = np.ctypeslib.as_array(pointer, shape=(self.pieces.n_vocab,))
        ids = np.fromiter(set(recent), dtype=np.intc) if penalty != 1.0 else None
        if ids is not None and ids.size:
            values = logits[ids]
            logits[ids] = np.where(values <= 0, values * penalty, values / penalty)
        if pressure > 0:
            logits[self.pieces.line_ends()] += LINE_END_BIAS * min(pressure, 1.0)
        if tried:
            logits[list(tried)] -= RETRY_PENALTY
        if banned:
            logits[list(banned)] = -np.inf
        return logits

    def choose(
        self,
        chain: Any,
        index: int,
        logits: Any,
        machine: ByteMachine[Any] | None,
        state: Any,
        budget: tuple[int, int],
    ) -> tuple[int, bytes | None, Any] | None:
        """A token, its bytes and the machine's state after it; None if nothing fits.

        Sampled first; only a token the machine (or the budget) refuses
        makes it look for allowed ones.
        """
        token = int(self._lib.llama_sampler_sample(chain, self._ctx, index))
        piece = self.pieces.get(token)
        if machine is None:
            return token, piece, state
        after = allowed(machine, state, piece, budget)
        if after is not None:
            return token, piece, after
        return self._resample(chain, index, logits, machine, state, budget)

    def _resample(
        self,
        chain: Any,
        index: int,
        logits: Any,
        machine: ByteMachine[Any],
        state: Any,
        budget: tuple[int, int],
    ) -> tuple[int, bytes | None, Any] | None:
        """Sample again among the tokens the shape allows: the likeliest first, else any."""
        np = self._np
        pieces = self.pieces
        top = np.argpartition(logits, -TOP_CANDIDATES)[-TOP_CANDIDATES:]
        likeliest = top[np.argsort(logits[top])[::-1]].tolist()
        fitting: list[int] = []
        for candidates in (likeliest, pieces.structural(), range(pieces.n_vocab)):
            for token in candidates:
                if allowed(machine, state, pieces.get(token), budget) is not None:
                    fitting.append(token)
                    if len(fitting) == ENOUGH_CANDIDATES:
                        break
            if fitting:
                break
        if not fitting:
            return None
        kept = logits[fitting].copy()
        logits[:] = -np.inf
        logits[fitting] = kept
        token = int(self._lib.llama_sampler_sample(chain, self._ctx, index))
        piece = pieces.get(token)
        after = allowed(machine, state, piece, budget)
        if after is None:  # every allowed token was at -inf: take the likeliest of them
            token = fitting[int(np.argmax(kept))]
            piece = pieces.get(token)
            after = allowed(machine, state, piece, budget)
        return None if after is None else (token, piece, after)


def fair_share(machine: ByteMachine[Any], state: Any, left: int) -> int:
    """Tokens the part just begun may use: its share of what is left, at least its least.

    Without it the first ideas of a long answer could spend the budget and
    leave the last ones a word per line.
    """
    parts_left = machine.parts - machine.part(state) + 1
    return max(machine.part_cost(state), left // parts_left)


def allowed(
    machine: ByteMachine[Any], state: Any, piece: bytes | None, budget: tuple[int, int]
) -> Any:
    """The state after ``piece``, or None if the shape or the token budget refuses it.

    ``budget`` is the answer tokens left after this one, and those left for
    this part (its fair share); a token that begins the next part is held to
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
