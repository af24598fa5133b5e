"""Pacing the window's stream: the first piece at once, later ones in batches, nothing lost."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from blogideas_gui.core.backends.base import TextDelta
from blogideas_gui.core.generation.pacing import paced
from blogideas_gui.core.generation.runner import GenerationEvent, Phase, PhaseChanged


class Clock:
    """A clock the test moves by hand, so batches don't depend on the machine's speed."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def tokens(clock: Clock, gaps: list[float]) -> Iterator[GenerationEvent]:
    yield PhaseChanged(Phase.WRITING)
    for number, gap in enumerate(gaps):
        clock.now += gap
        yield TextDelta(f"t{number} ")


def test_fast_tokens_are_joined_and_the_first_goes_at_once() -> None:
    clock = Clock()
    out = list(paced(tokens(clock, [0.01] * 20), interval=0.05, clock=clock))
    texts = [event for event in out if isinstance(event, TextDelta)]
    assert texts[0] == TextDelta("t0 ", 1)
    assert 4 <= len(texts) <= 6
    assert "".join(delta.text for delta in texts) == "".join(f"t{n} " for n in range(20))
    assert sum(delta.pieces for delta in texts) == 20
    assert isinstance(out[0], PhaseChanged)


def test_slow_tokens_each_go_on_as_they_come() -> None:
    clock = Clock()
    out = list(paced(tokens(clock, [1.0] * 5), interval=0.05, clock=clock))
    assert out[1:] == [TextDelta(f"t{n} ") for n in range(5)]


def test_held_text_goes_before_the_next_event_and_before_an_error() -> None:
    clock = Clock()

    def stream() -> Iterator[GenerationEvent]:
        yield TextDelta("a")
        yield TextDelta("b")
        yield PhaseChanged(Phase.WAITING)
        yield TextDelta("c")
        yield TextDelta("d")
        raise ConnectionError("cut")

    seen: list[GenerationEvent] = []
    with pytest.raises(ConnectionError):
        for event in paced(stream(), interval=0.05, clock=clock):
            seen.append(event)
    # The clock stands still: "b" is held until the phase change, "c" and "d" until the error.
    assert seen == [TextDelta("a"), TextDelta("b"), PhaseChanged(Phase.WAITING), TextDelta("cd", 2)]
