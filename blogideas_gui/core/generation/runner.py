"""One request from start to finish, the same for the window and the CLI.

:func:`generate` is a generator: it yields the phase as it changes, each text
delta, and finally a :class:`GenerationResult` with the parsed ideas, timing
and cost. The GUI runs it on a worker thread; the CLI runs it in a loop.
"""

from __future__ import annotations

import dataclasses
import enum
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from blogideas_gui.core.account.costs import request_cost
from blogideas_gui.core.backends.base import (
    Backend,
    BackendEvent,
    ChatMessage,
    Done,
    GenerationOptions,
    Part,
    TextDelta,
    Usage,
)
from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.writing.angles import angles_for
from blogideas_gui.core.writing.answer_parts import AnswerParts
from blogideas_gui.core.writing.answer_reader import AnswerReader, complete_ideas
from blogideas_gui.core.writing.ideas import Idea, parse_ideas
from blogideas_gui.core.writing.prompts import IdeaRequest, build_messages, build_part_messages
from blogideas_gui.core.writing.shape import AnswerShape
from blogideas_gui.core.writing.variety import TitleBook


class Phase(enum.Enum):
    """What the user is waiting for."""

    LOADING = "loading"
    WAITING = "waiting"
    WRITING = "writing"


@dataclass(frozen=True)
class PhaseChanged:
    """The request moved to ``phase``."""

    phase: Phase


@dataclass
class GenerationResult:
    """Everything known about a request once it ended (finished or stopped).

    ``sequences`` is how many ideas were written at once (1: in one sequence).
    """

    request: IdeaRequest
    backend: str
    model: str
    markdown: str
    usage: Usage
    seconds: float
    first_token_seconds: float | None
    tokens_per_second: float | None
    cost_usd: float | None
    finish_reason: str
    ideas: list[Idea] = field(default_factory=list)
    complete: int = 0
    held_to: str = ""
    note: str = ""
    sequences: int = 1

    @property
    def finished(self) -> bool:
        """Whether the answer ended by itself (not stopped, not cut at the token limit)."""
        return self.finish_reason == "stop"

    @property
    def stopped(self) -> bool:
        """Whether the user stopped the request before it ended by itself."""
        return self.finish_reason == "cancelled"

    def to_json(self) -> dict[str, object]:
        """The CLI's ``--json`` object."""
        return {
            "topic": self.request.topic,
            "backend": self.backend,
            "model": self.model,
            "ideas": [idea.to_dict() for idea in self.ideas],
            "markdown": self.markdown,
            "usage": {
                "prompt_tokens": self.usage.prompt_tokens,
                "completion_tokens": self.usage.completion_tokens,
                "estimated": self.usage.estimated,
            },
            "seconds": round(self.seconds, 3),
            "first_token_seconds": (
                None if self.first_token_seconds is None else round(self.first_token_seconds, 3)
            ),
            "tokens_per_second": (
                None if self.tokens_per_second is None else round(self.tokens_per_second, 2)
            ),
            "finish_reason": self.finish_reason,
            "ideas_asked": self.request.count,
            "ideas_complete": self.complete,
            "shape": self.held_to or "free-form",
            "cost_usd": self.cost_usd,
        }


GenerationEvent = PhaseChanged | TextDelta | GenerationResult


def generate(
    request: IdeaRequest,
    backend: Backend,
    cancel: CancelToken,
    options: GenerationOptions | None = None,
    clock: Callable[[], float] = time.perf_counter,
    messages: Sequence[ChatMessage] | None = None,
    role: str | None = None,
    angles: Sequence[str] | None = None,
    avoid: Sequence[str] = (),
) -> Iterator[GenerationEvent]:
    """Run ``request`` on ``backend``, yielding phases, text and the result.

    An idea request asks the backend for its shape (:class:`AnswerShape`:
    exactly ``request.count`` ideas) and, unless ``options`` say otherwise,
    for as many tokens as that many ideas need in the request's language. A
    JSON answer (a server's Structured Outputs) is passed on as Markdown.
    Tokens per second are counted from the first token, as peers report them;
    the first-token time is reported on its own. ``messages`` replaces the
    request's own prompt (expanding one idea of it, for one): free text then.
    ``role`` is the user's own role prompt for an idea request, if any.

    Each idea gets its own angle (``angles``, else the first ones of the
    list) and no title may near-repeat one in ``avoid`` (the topic's recent
    titles) or another of the answer. A backend that writes several
    sequences at once gets each idea as a part of its own
    (:meth:`~blogideas_gui.core.backends.base.Backend.stream_parts`); their
    text comes tagged with the idea's place and the answer is read in order.

    ``request`` is taken as it comes: the pipeline checks every request once
    (:meth:`~blogideas_gui.core.pipeline.pipeline.Pipeline.ideas`) before it runs.
    """
    options = options or GenerationOptions()
    shape: AnswerShape | None = None
    if messages is None:
        given = options.constraint
        shape = given if isinstance(given, AnswerShape) else AnswerShape(request.count)
        shape = dataclasses.replace(shape, count=request.count, titles=TitleBook(avoid))
        options = dataclasses.replace(
            options,
            constraint=shape,
            max_tokens=options.max_tokens or shape.token_budget(request.language),
        )
    started = clock()
    if not backend.is_loaded:
        yield PhaseChanged(Phase.LOADING)
        backend.load()
    yield PhaseChanged(Phase.WAITING)
    reader = AnswerReader(expect_json=shape is not None)
    parts = AnswerParts()
    first: float | None = None
    first_pieces = 0
    done = Done(Usage(), "cancelled")
    sequences = 1 if shape is None or messages is not None else backend.sequences_for(request.count)
    events = _stream(request, backend, cancel, options, shape, messages, role, angles, avoid,
                     sequences)  # fmt: skip
    for event in events:
        if isinstance(event, TextDelta):
            if first is None:
                first = clock()
                first_pieces = event.pieces
                yield PhaseChanged(Phase.WRITING)
            if event.part is not None:
                parts.add(event.part, event.text)
                yield event
                continue
            text = reader.feed(event.text)
            yield event if text == event.text else TextDelta(text, event.pieces)
        else:
            done = event
    tail = reader.finish()
    if tail:
        yield TextDelta(tail, 0)
    ended = clock()
    rate = None
    after_first = done.usage.completion_tokens - max(1, first_pieces)
    if first is not None and ended > first and after_first > 0:
        rate = after_first / (ended - first)
    markdown = parts.markdown or reader.markdown
    ideas = parse_ideas(markdown) if parts.markdown else reader.ideas()
    minimum = shape.min_points if shape is not None else 1
    yield GenerationResult(
        request=request,
        backend=backend.name,
        model=backend.model_name,
        markdown=markdown,
        usage=done.usage,
        seconds=ended - started,
        first_token_seconds=None if first is None else first - started,
        tokens_per_second=rate,
        cost_usd=request_cost(backend.model_name, done.usage, free=backend.is_free),
        finish_reason=done.finish_reason,
        ideas=ideas,
        complete=complete_ideas(ideas, done.finish_reason == "stop", minimum),
        # A server that took the schema but wrote no JSON did not keep the shape.
        held_to="" if done.held_to == "schema" and not reader.is_json else done.held_to,
        note=done.note,
        sequences=sequences if parts.markdown else 1,
    )


def _stream(
    request: IdeaRequest,
    backend: Backend,
    cancel: CancelToken,
    options: GenerationOptions,
    shape: AnswerShape | None,
    messages: Sequence[ChatMessage] | None,
    role: str | None,
    angles: Sequence[str] | None,
    avoid: Sequence[str],
    sequences: int,
) -> Iterator[BackendEvent]:
    """The backend's events: the given messages, all ideas in one answer, or one part each."""
    if shape is None or messages is not None:
        return backend.stream(messages or [], options, cancel)
    chosen = list(angles or angles_for(request.count, request.language, ()))
    if sequences < 2:
        return backend.stream(build_messages(request, role, chosen, avoid), options, cancel)
    parts = [
        Part(build_part_messages(request, number, chosen[number - 1], avoid, role), own)
        for number, own in enumerate(shape.split(), 1)
    ]
    return backend.stream_parts(parts, options, cancel)
