"""Pacing streamed text for a window: the first piece at once, then batches.

llama.cpp streams a token every 10-20 ms. Sent one by one, each token wakes
the GUI thread, which on a 2-core machine takes the CPU from llama.cpp's own
threads; the window can't show more than a few updates a second anyway. So
the window's stream is paced: the first piece goes on at once (the first
word must not wait), later pieces are joined until ``interval`` has passed
since the last one went on. The batch goes on with the token that ends the
wait, so text never waits for a timer: a slow model (one token a second)
still shows every token as it comes. Whatever is held goes on before any
other event and before an error, so nothing is dropped.

The history recorder (:mod:`.recording`) sits after this, so each batch is
saved before the window shows it, at the same pace.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

from blogideas_gui.core.backends.base import TextDelta
from blogideas_gui.core.generation.runner import GenerationEvent

PACE_SECONDS = 0.1


def paced(
    events: Iterator[GenerationEvent],
    interval: float = PACE_SECONDS,
    clock: Callable[[], float] = time.perf_counter,
) -> Iterator[GenerationEvent]:
    """Pass ``events`` through, joining text pieces that come within ``interval``.

    Pieces of parts written side by side are joined part by part, and go on
    together, one event a part, in the parts' order.
    """
    held: dict[int | None, TextDelta] = {}
    sent_at: float | None = None
    try:
        for event in events:
            if not isinstance(event, TextDelta):
                yield from _release(held)
                yield event
                continue
            before = held.get(event.part)
            held[event.part] = event if before is None else TextDelta(
                before.text + event.text, before.pieces + event.pieces, event.part
            )
            now = clock()
            if sent_at is None or now - sent_at >= interval:
                yield from _release(held)
                sent_at = now
    except Exception:
        yield from _release(held)
        raise
    yield from _release(held)


def _release(held: dict[int | None, TextDelta]) -> Iterator[TextDelta]:
    """The held text, a part at a time in the parts' order; nothing is held after."""
    for part in sorted(held, key=lambda place: -1 if place is None else place):
        yield held[part]
    held.clear()
