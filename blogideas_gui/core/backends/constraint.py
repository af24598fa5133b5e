"""What a backend is told about the answer's form, without knowing what an idea is.

The writing layer decides what an answer looks like (so many ideas, each a
title, a hook and outline points); the backends only hold a model to it, each
in the way its engine allows. They meet here, in two shapes of the same
constraint:

* a **byte machine** for local decoding: it says, byte by byte, what may come
  next in one sequence, what the rest would cost in tokens, and which bytes
  are fixed (a heading) and need no sampling;
* a **JSON schema** for a server's Structured Outputs, with a sentence that
  names the JSON form in words (a schema alone says none).

Nothing here imports the writing layer: it sits above the backends, and an
arrow down from it is all the backends ever see.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

S = TypeVar("S")


class LineVerdict(enum.IntEnum):
    """What becomes of a line that may be taken back, once a token was accepted.

    A machine may hold a line open to judgement (a title that must not repeat
    another): the decoder keeps its text back from the reader from the
    machine's :meth:`ByteMachine.checkpoint` on, shows it on ``KEEP``, and on
    ``TAKE_BACK`` forgets it and writes the line again from the checkpoint.
    """

    GO_ON = 0
    KEEP = 1
    TAKE_BACK = 2


class ByteMachine(Protocol[S]):
    """Holds one sequence's bytes to a form; states are copied before a token is tried.

    ``parts`` is how many parts (ideas) the sequence writes; :meth:`part`
    says which one a state is in (from 1), so a decoder can share its token
    budget fairly between them.
    """

    @property
    def parts(self) -> int:
        """How many parts one sequence holds."""
        ...

    def start(self) -> S:
        """The state before the first byte."""
        ...

    def copy(self, state: S) -> S:
        """An independent copy of ``state``."""
        ...

    def forced(self, state: S) -> bytes:
        """Bytes that must come next whatever the model wants (empty if none)."""
        ...

    def feed(self, state: S, data: bytes) -> bool:
        """Advance ``state`` over ``data`` in place; False (state spoilt) if not allowed."""
        ...

    def finished(self, state: S) -> bool:
        """Whether nothing more may be written."""
        ...

    def can_stop(self, state: S) -> bool:
        """Whether the sequence may end here (the model's end-of-text token)."""
        ...

    def cost(self, state: S) -> int:
        """Tokens of one way to finish from ``state``: an upper bound of the least needed."""
        ...

    def part(self, state: S) -> int:
        """The part ``state`` is in, from 1."""
        ...

    def part_cost(self, state: S) -> int:
        """The share of :meth:`cost` that finishes the part being written."""
        ...

    def line_pressure(self, state: S) -> float:
        """How near the line being written is to its bound: 0 far, 1 at the soft bound.

        The decoder favours tokens that end the line in proportion, so a
        thought is wrapped up before the bound rather than cut by it.
        """
        ...

    def checkpoint(self, state: S) -> bool:
        """Whether a line that may be taken back begins at ``state``."""
        ...

    def settle(self, state: S) -> LineVerdict:
        """Judge the real state after an accepted token (never a trial copy)."""
        ...


class Constraint(Protocol):
    """The answer's form, as each kind of backend can use it."""

    @property
    def schema_name(self) -> str:
        """The name a server's Structured Outputs give the schema."""
        ...

    def machine(self, count_tokens: Callable[[bytes], int]) -> ByteMachine[Any]:
        """A byte machine for one sequence; ``count_tokens`` prices fixed bytes in tokens."""
        ...

    def json_schema(self) -> dict[str, Any]:
        """The form as a strict JSON schema (OpenAI's Structured Outputs subset)."""
        ...

    def json_note(self) -> str:
        """One sentence naming the JSON form, added to the request where JSON is asked."""
        ...

    def token_budget(self, language: str) -> int:
        """Answer tokens the form needs in ``language`` ("" when it is not known)."""
        ...
