"""The window's generation job: each kind of event arrives on its own typed signal."""

from __future__ import annotations

from collections.abc import Iterator

from pytestqt.qtbot import QtBot

from blogideas_gui.core.backends.base import TextDelta, Usage
from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.generation.runner import GenerationResult, Phase, PhaseChanged
from blogideas_gui.core.writing.prompts import IdeaRequest
from blogideas_gui.ui.common.worker import WorkerThread
from blogideas_gui.ui.window.generation_worker import GenerationWorker


def test_a_generation_reports_each_kind_of_event_on_its_own_signal(qtbot: QtBot) -> None:
    """Phases, text and the result arrive typed: the window sorts nothing."""
    request = IdeaRequest("tea", 1, "en")
    result = GenerationResult(
        request, "local", "m", "## Tea", Usage(1, 2), 0.5, 0.1, 10.0, 0.0, "stop"
    )

    def events() -> Iterator[object]:
        yield PhaseChanged(Phase.WAITING)
        yield TextDelta("## Te", 2)
        yield TextDelta("a", 1)
        yield result

    phases: list[Phase] = []
    texts: list[tuple[str, int]] = []
    results: list[GenerationResult] = []
    worker = GenerationWorker(events, CancelToken())
    worker.phase_changed.connect(phases.append)
    worker.text_arrived.connect(lambda text, pieces: texts.append((text, pieces)))
    worker.result_ready.connect(results.append)
    lane = WorkerThread("test")
    try:
        handle = lane.submit(worker)
        with qtbot.waitSignal(worker.finished, timeout=10_000):
            handle.start()
        assert handle.join(5000)
    finally:
        assert lane.stop(5000)
    assert phases == [Phase.WAITING]
    assert texts == [("## Te", 2), ("a", 1)]
    assert results == [result]


def test_ideas_written_side_by_side_arrive_with_their_place(qtbot: QtBot) -> None:
    """A piece of one idea among several says which idea it belongs to."""

    def events() -> Iterator[object]:
        yield TextDelta("## One", 1, 0)
        yield TextDelta("## Two", 3, 1)

    parts: list[tuple[int, str, int]] = []
    texts: list[str] = []
    worker = GenerationWorker(events, CancelToken())
    worker.part_arrived.connect(lambda part, text, pieces: parts.append((part, text, pieces)))
    worker.text_arrived.connect(lambda text, _pieces: texts.append(text))
    lane = WorkerThread("test")
    try:
        handle = lane.submit(worker)
        with qtbot.waitSignal(worker.finished, timeout=10_000):
            handle.start()
        assert handle.join(5000)
    finally:
        assert lane.stop(5000)
    assert parts == [(0, "## One", 1), (1, "## Two", 3)]
    assert texts == []
