"""Recording a request in history while it streams, for the window and the CLI.

:func:`recorded` wraps the events of :func:`~blogideas_gui.core.generation.runner.generate`
and writes them through on the thread that runs the generation, so a frozen
or killed window still leaves what was written in the store. Each piece is
saved before it is passed on to the window, so whatever the user has seen is
already on disk when a crash comes: a save costs about 40 µs, and the window
passes its stream through :func:`~blogideas_gui.core.generation.pacing.paced` first, so
that is about ten saves a second however fast the model writes. A stream
that is not paced (the CLI's: a terminal keeps up) is saved at that same
pace by the saver itself, rather than the whole answer on every token.
"""

from __future__ import annotations

from collections.abc import Iterator

from blogideas_gui.core.backends.base import TextDelta
from blogideas_gui.core.common.errors import user_message
from blogideas_gui.core.generation.runner import GenerationEvent, GenerationResult
from blogideas_gui.core.history.saver import StreamSaver
from blogideas_gui.core.history.store import HistoryStore, Status
from blogideas_gui.core.writing.answer_parts import AnswerParts


def recorded(
    events: Iterator[GenerationEvent],
    store: HistoryStore,
    session_id: int,
    expansion_id: int | None,
    interval: float,
) -> Iterator[GenerationEvent]:
    """Pass ``events`` through, saving the text and the outcome to ``store``.

    ``expansion_id`` records an expansion of one idea instead of the session's
    own answer. ``interval`` is the least time between two saves while the
    text streams: none for a paced stream (each of its pieces is saved before
    it is shown), :data:`~blogideas_gui.core.generation.pacing.PACE_SECONDS`
    for one that is not. A failure is recorded with its plain message, then
    re-raised.
    """
    saver = StreamSaver(store, session_id, interval, expansion_id=expansion_id)
    parts = AnswerParts()
    try:
        for event in events:
            if isinstance(event, TextDelta) and event.part is not None:
                parts.add(event.part, event.text)
                saver.replace(parts.markdown)
            elif isinstance(event, TextDelta):
                saver.add(event.text)
            elif isinstance(event, GenerationResult):
                saver.flush()
                if expansion_id is None:
                    store.finish(
                        session_id, event.markdown, event.ideas, stopped=event.stopped,
                        prompt_tokens=event.usage.prompt_tokens,
                        completion_tokens=event.usage.completion_tokens,
                        cost_usd=event.cost_usd, seconds=event.seconds,
                    )  # fmt: skip
                else:
                    status: Status = "stopped" if event.stopped else "finished"
                    store.update_expansion(expansion_id, event.markdown, status)
            yield event
    except Exception as error:
        saver.flush()
        message = user_message(error, "en")
        if expansion_id is None:
            store.fail(session_id, message, saver.text)
        else:
            store.update_expansion(expansion_id, saver.text, "failed", error=message)
        raise
