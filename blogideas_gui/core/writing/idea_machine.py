"""The asked-for shape as a byte-level machine, for constrained local decoding.

The local backend writes Markdown in exactly the shape the role prompt asks
for::

    ## 1. Title
    One sentence that sells the post.
    - First point
    - Second point

    ## 2. ...

and this machine says, byte by byte, what may come next: exactly ``count``
ideas, each a title, a one-line hook and ``min_points``-``max_points``
outline points, every line at most so many characters of any script (the
bound counts UTF-8 characters, not bytes, so Korean gets the same room as
English), nothing before the first idea and nothing after the last.

Bytes, not characters, because a model's tokens are bytes: small models'
vocabularies split a Korean syllable over two or three tokens, so a token may
end inside a character. The machine keeps the UTF-8 sequence open across
tokens and lets a line end only between characters.

It also knows what finishing costs: :meth:`IdeaMachine.cost` counts the
tokens of one way to finish from a state (a character per token, which every
vocabulary can do). The decoder refuses a token after which the rest could no
longer fit in the answer's budget, so lines get shorter as the budget runs
out and an answer nobody stopped always ends complete.

Lines end between words: past a line's soft bound (:data:`SOFT_SHARE`) no
word begins, so the last one ends the line, and :meth:`~IdeaMachine.line_pressure`
has the decoder favour the line's end from half the bound on. The hard bound
(the line's own, as in a server's JSON schema) stays the last guard, inside a
word only for a word longer than the fifth left, or a script without spaces.
Chat control markers written as text are refused (:mod:`.control_text`); a
title that repeats one in the :class:`~.variety.TitleBook` is taken back
(:meth:`~IdeaMachine.checkpoint`, :meth:`~IdeaMachine.settle`).
"""

from __future__ import annotations

import string
from collections.abc import Callable
from typing import Protocol

from blogideas_gui.core.backends.constraint import LineVerdict
from blogideas_gui.core.writing.control_text import OPENERS, next_tail
from blogideas_gui.core.writing.variety import TitleBook, TitleJudge

NEWLINE = 0x0A
SPACE = 0x20
DASH = 0x2D
HASH = 0x23
# Bytes that alone make no text in Markdown: a line needs one byte outside them.
MARKUP = frozenset(b" `*_~#>|=+-")
# Bytes of a word (letters, digits, a character beyond ASCII by its lead
# byte); after one of them, a space or markup a word may go on, and after an
# apostrophe that follows one ("they've"), but not after punctuation.
WORD = frozenset((string.ascii_letters + string.digits).encode()) | frozenset(range(0xC0, 0x100))
APOSTROPHE = 0x27

# Parts of an idea.
TITLE, HOOK, POINT = 0, 1, 2
# Modes of the machine.
FREE, AFTER_POINT, END = 0, 1, 2

SOFT_SHARE = 0.8
"""Where a line's soft bound lies, as a share of its bound: no new word past it.

The fifth left is room for the last word to end: 16 characters of an
80-character title, 20 of a point, longer than nearly every English word or
Korean eojeol, while four fifths of the line stay free for words.
"""
PRESSURE_FROM = 0.5  # share of a line's bound from which line_pressure rises


class Form(Protocol):
    """What the machine reads of an :class:`~.shape.AnswerShape` (which builds it)."""

    @property
    def count(self) -> int: ...
    @property
    def first(self) -> int: ...
    @property
    def title_chars(self) -> int: ...
    @property
    def hook_chars(self) -> int: ...
    @property
    def point_chars(self) -> int: ...
    @property
    def min_points(self) -> int: ...
    @property
    def max_points(self) -> int: ...


class State:
    """Where in the answer the machine is; copied before trying a token."""

    __slots__ = (
        "chars",
        "closed",
        "idea",
        "literal",
        "mode",
        "part",
        "pending",
        "points",
        "started",
        "tail",
        "title",
        "visible",
        "word",
    )

    def __init__(self) -> None:
        self.mode = FREE
        self.idea = 1
        self.part = TITLE
        self.points = 0
        self.chars = 0
        self.started = False
        self.visible = False
        self.pending = 0
        self.literal = b""
        self.word = False  # whether a word's letters may follow (see WORD)
        # Text from the line's last "<" or "[", the title so far, a title not yet settled.
        self.tail = b""
        self.title = b""
        self.closed: bytes | None = None

    def copy(self) -> State:
        other = State.__new__(State)
        other.mode, other.idea, other.part = self.mode, self.idea, self.part
        other.points, other.chars, other.started = self.points, self.chars, self.started
        other.visible = self.visible
        other.pending, other.literal, other.word = self.pending, self.literal, self.word
        other.tail, other.title, other.closed = self.tail, self.title, self.closed
        return other


class IdeaMachine:
    """Checks bytes against an answer's :class:`Form`; states are :class:`State`.

    ``literal_tokens`` counts the tokens of a literal (the heading "## 3.")
    with the model's own tokenizer, for :meth:`cost`; by default one per byte.
    ``titles`` is the book a finished title must be new against (shared by
    the sequences of one answer); without one, the machine keeps its own, so
    the ideas of one sequence still differ.
    """

    def __init__(
        self,
        shape: Form,
        literal_tokens: Callable[[bytes], int] | None = None,
        titles: TitleBook | None = None,
    ) -> None:
        self.shape = shape
        self._limits = (shape.title_chars, shape.hook_chars, shape.point_chars)
        self._soft = tuple(int(limit * SOFT_SHARE) for limit in self._limits)
        # Rewrites are counted here, not in a state: restoring the decoder's
        # copy of a checkpoint state must not undo them.
        self._judge = TitleJudge(titles if titles is not None else TitleBook())
        count = literal_tokens or len
        # Tokens of one way to write a whole idea from its heading on, and of
        # everything after idea k (its separator, the ideas after it).
        fresh_idea = [0] + [
            count(self._heading(k)) + 3 + 2 + shape.min_points * 4
            for k in range(1, shape.count + 1)
        ]
        self._after = [0] * (shape.count + 2)
        for k in range(shape.count - 1, 0, -1):
            self._after[k] = self._after[k + 1] + 1 + fresh_idea[k + 1]
        self._literal_cost = count

    @property
    def parts(self) -> int:
        """Ideas in one answer."""
        return self.shape.count

    @staticmethod
    def copy(state: State) -> State:
        """A copy of ``state`` to try a token on."""
        return state.copy()

    @staticmethod
    def part(state: State) -> int:
        """The idea being written, from 1."""
        return state.idea

    def _heading(self, idea: int) -> bytes:
        """The heading of the sequence's ``idea``-th idea, numbered from the shape's first."""
        return b"## %d." % (self.shape.first + idea - 1)

    def start(self) -> State:
        """The state before the answer's first byte: the first heading comes next."""
        state = State()
        state.literal = self._heading(1)
        return state

    @staticmethod
    def forced(state: State) -> bytes:
        """Bytes that must come next whatever the model wants (a heading, a dash)."""
        return state.literal

    @staticmethod
    def finished(state: State) -> bool:
        """Whether nothing more may be written."""
        return state.mode == END

    def can_stop(self, state: State) -> bool:
        """Whether the answer may end here (the model's end-of-text token)."""
        if state.mode == END:
            return True
        return (
            state.mode == AFTER_POINT
            and state.idea == self.shape.count
            and state.points >= self.shape.min_points
            and not state.literal
        )

    def feed(self, state: State, data: bytes) -> bool:
        """Advance ``state`` over ``data`` in place; False (state spoilt) if not allowed."""
        return all(self._step(state, byte) for byte in data)

    def _step(self, state: State, byte: int) -> bool:
        if state.literal:
            if byte != state.literal[0]:
                return False
            state.literal = state.literal[1:]
            if not state.literal and state.mode == FREE:
                self._open_line(state)
            return True
        mode = state.mode
        if mode == FREE:
            if byte == NEWLINE:
                if not state.visible or state.pending:
                    return False
                self._end_line(state)
                return True
            if state.pending:
                if byte & 0xC0 != 0x80:
                    return False
                state.pending -= 1
                if state.part == TITLE:
                    state.title += bytes((byte,))
                return True
            if byte < SPACE or byte == 0x7F or byte & 0xC0 == 0x80 or byte >= 0xF8:
                return False
            limit = self._limits[state.part]
            if state.chars >= limit:
                return False
            if byte in MARKUP and not state.visible and state.chars + 1 >= limit:
                return False  # the line would be full with nothing visible in it
            if (
                state.chars >= self._soft[state.part]
                and state.started
                and (byte == SPACE or (byte in WORD and not state.word))
            ):
                return False  # past the soft bound no word begins (" and", ",but"): lines end
            if state.tail or byte in OPENERS:
                tail = next_tail(state.tail, byte)
                if tail is None:
                    return False  # a chat control marker written as text
                state.tail = tail
            if state.part == TITLE:
                state.title += bytes((byte,))
            if not state.started:
                state.started = True
                if state.part != HOOK:
                    # "## 1. Title", "- point": one space after the marker.
                    return byte == SPACE
                # " - # * >" or a digit ("1) ..."): a list or a quote, not a hook.
                if byte in (SPACE, DASH, HASH, 0x2A, 0x3E) or 0x30 <= byte <= 0x39:
                    return False
            state.chars += 1
            state.word = byte in WORD or byte in MARKUP or (state.word and byte == APOSTROPHE)
            if byte not in MARKUP:
                state.visible = True
            if byte >= 0xF0:
                state.pending = 3
            elif byte >= 0xE0:
                state.pending = 2
            elif byte >= 0xC0:
                state.pending = 1
            return True
        if mode == AFTER_POINT:
            shape = self.shape
            if byte == DASH and state.points < shape.max_points:
                state.mode = FREE
                self._open_line(state)
                return True
            if byte == NEWLINE and state.points >= shape.min_points and state.idea < shape.count:
                state.idea += 1
                state.part = TITLE
                state.points = 0
                state.mode = FREE
                state.literal = self._heading(state.idea)
                return True
            return False
        return False

    @staticmethod
    def _open_line(state: State) -> None:
        state.chars = 0
        state.started = False
        state.visible = False
        state.pending = 0
        state.tail = b""
        state.word = False

    def _end_line(self, state: State) -> None:
        shape = self.shape
        if state.part == TITLE:
            state.part = HOOK
            state.closed, state.title = state.title, b""
            self._open_line(state)
        elif state.part == HOOK:
            state.part = POINT
            state.literal = b"-"
        else:
            state.points += 1
            state.mode = AFTER_POINT
            if state.points < shape.min_points:
                state.mode = FREE
                state.literal = b"-"
            elif state.points >= shape.max_points:
                if state.idea == shape.count:
                    state.mode = END
                else:
                    state.idea += 1
                    state.part = TITLE
                    state.points = 0
                    state.mode = FREE
                    state.literal = b"\n" + self._heading(state.idea)
        if state.mode == FREE and not state.literal:
            self._open_line(state)

    def line_pressure(self, state: State) -> float:
        """How near the line being written is to its soft bound: 0 up to half its bound, 1 at it.

        Linear in between, so the decoder's pull toward the line's end grows
        while there is still room to end the thought in a few words.
        """
        if state.mode != FREE or state.literal:
            return 0.0
        limit = self._limits[state.part]
        low = limit * PRESSURE_FROM
        span = self._soft[state.part] - low
        if span <= 0:
            return 1.0 if state.chars >= low else 0.0
        return min(1.0, max(0.0, (state.chars - low) / span))

    @staticmethod
    def checkpoint(state: State) -> bool:
        """Whether a title line begins at ``state`` (its heading just written): it may be taken back."""
        return (
            state.mode == FREE and state.part == TITLE and not state.literal and not state.started
        )

    def settle(self, state: State) -> LineVerdict:
        """Judge the real ``state`` after an accepted token: a title that just ended, if any.

        Only here, never in :meth:`feed` (which also runs on trial copies),
        does a title reach the book: see :class:`~.variety.TitleJudge`.
        """
        closed, state.closed = state.closed, None
        if closed is None:
            return LineVerdict.GO_ON
        return self._judge.judge(state.idea, closed.decode("utf-8", "replace").strip())

    def part_cost(self, state: State) -> int:
        """The part of :meth:`cost` that finishes the idea being written."""
        return 0 if state.mode == END else self.cost(state) - self._after[state.idea]

    def cost(self, state: State) -> int:
        """Tokens of one way to finish from ``state``: an upper bound of the least needed."""
        shape = self.shape
        if state.mode == END:
            return 0
        after = self._after[state.idea]
        if state.mode == AFTER_POINT:
            if state.idea == shape.count and state.points >= shape.min_points:
                return 0
            return max(0, shape.min_points - state.points) * 4 + after
        tokens = self._literal_cost(state.literal) if state.literal else 0
        if state.literal:
            line = 3  # a heading or a dash: " x" and the newline after it
        elif state.visible:
            line = state.pending + 1
        elif state.started or state.part == HOOK:
            line = 2
        else:
            line = 3
        if state.part == TITLE:
            rest = 2 + shape.min_points * 4
        elif state.part == HOOK:
            rest = shape.min_points * 4
        else:
            rest = max(0, shape.min_points - state.points - 1) * 4
        return tokens + line + rest + after
