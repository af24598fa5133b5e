"""One request from start to finish, the same for the window and the CLI.

:func:`generate` is a generator: it yields the phase as it changes, each text
delta, and finally a :class:`GenerationResult` with the parsed ideas, timing
and cost. The GUI runs it on a worker thread; the CLI runs it in a loop.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from blogideas_gui.core.account.costs import request_cost
from blogideas_gui.core.backends.base import (
    Backend,
    ChatMessage,
    Done,
    GenerationOptions,
    TextDelta,
    Usage,
)
from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.writing.ideas import Idea, parse_ideas
from blogideas_gui.core.writing.prompts import IdeaRequest, build_messages


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
    """Everything known about a request once it ended (finished or stopped)."""

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
) -> Iterator[GenerationEvent]:
    """Run ``request`` on ``backend``, yielding phases, text and the result.

    Tokens per second are counted from the first token, as peers report them;
    the first-token time is reported on its own. ``messages`` replaces the
    request's own prompt (expanding one idea of it, for one).
    """
    request = request.validated()
    options = options or GenerationOptions()
    started = clock()
    if not backend.is_loaded:
        yield PhaseChanged(Phase.LOADING)
        backend.load()
    yield PhaseChanged(Phase.WAITING)
    parts: list[str] = []
    first: float | None = None
    done = Done(Usage(), "cancelled")
    prompt = build_messages(request) if messages is None else messages
    for event in backend.stream(prompt, options, cancel):
        if isinstance(event, TextDelta):
            if first is None:
                first = clock()
                yield PhaseChanged(Phase.WRITING)
            parts.append(event.text)
            yield event
        else:
            done = event
    ended = clock()
    markdown = "".join(parts)
    rate = None
    if first is not None and ended > first and done.usage.completion_tokens > 1:
        rate = (done.usage.completion_tokens - 1) / (ended - first)
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
        ideas=parse_ideas(markdown),
    )
