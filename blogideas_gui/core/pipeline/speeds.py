"""Real answers teach the speed advice: each local answer's tokens per second is kept.

The model manager and the guide predict how fast a model writes here from a
short probe (:mod:`blogideas_gui.core.models.speed`); the user's own answers
are better evidence, for their model and, through the size rule, for the
others. Only a local answer that ended by itself counts: a stopped one says
little, and a server's speed is not this computer's.
"""

from __future__ import annotations

from collections.abc import Iterator

from blogideas_gui.core.backends.base import Backend
from blogideas_gui.core.generation.runner import GenerationEvent, GenerationResult
from blogideas_gui.core.models.speed import record_answer


def speed_noted(events: Iterator[GenerationEvent], backend: Backend) -> Iterator[GenerationEvent]:
    """Pass ``events`` on; note a finished local answer's speed for its model file."""
    measured = backend.capabilities.measured_file
    for event in events:
        if (
            isinstance(event, GenerationResult)
            and measured is not None
            and not event.stopped
            and event.sequences == 1  # side by side, the speed is of several sequences
        ):
            record_answer(measured, event.tokens_per_second, event.usage.completion_tokens)
        yield event
