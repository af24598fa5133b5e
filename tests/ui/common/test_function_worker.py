"""The function worker: one typed result, a plain failure, a cancel that silences, no thread left."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Signal
from pytestqt.qtbot import QtBot

from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.ui.common.function_worker import FunctionWorker


@dataclass(frozen=True)
class Answer:
    """A result of a type of its own, as each job's is."""

    text: str
    thread: int


class AnswerWorker(FunctionWorker[Answer]):
    """A job whose result is an :class:`Answer`.

    Signals:
        returned(Answer): the answer.
    """

    returned = Signal(Answer)


def _answer(_cancel: CancelToken) -> Answer:
    return Answer("tea", threading.get_ident())


def _record(worker: AnswerWorker) -> list[tuple[str, object]]:
    """Every signal the worker emits, in order, with the thread each arrived on."""
    events: list[tuple[str, object]] = []
    worker.returned.connect(lambda answer: events.append(("returned", answer)))
    worker.failed.connect(lambda error: events.append(("failed", error)))
    worker.finished.connect(lambda: events.append(("finished", worker.join(0))))
    return events


def test_the_result_arrives_with_its_type_then_finished_after_the_thread_ended(
    qtbot: QtBot,
) -> None:
    worker = AnswerWorker(_answer)
    events = _record(worker)
    with qtbot.waitSignal(worker.finished, timeout=10_000):
        worker.start()
        assert worker.is_running
    assert [name for name, _ in events] == ["returned", "finished"]
    answer = events[0][1]
    assert isinstance(answer, Answer) and answer.text == "tea"
    assert answer.thread != threading.get_ident()  # it ran off the GUI thread
    assert events[1][1] is True  # the thread had ended when finished came
    assert not worker.is_running


def test_an_error_is_reported_as_failed_not_raised(qtbot: QtBot) -> None:
    def failing(_cancel: CancelToken) -> Answer:
        raise BlogIdeasError(ErrorKind.TIMEOUT)

    worker = AnswerWorker(failing)
    events = _record(worker)
    with qtbot.waitSignal(worker.finished, timeout=10_000):
        worker.start()
    assert [name for name, _ in events] == ["failed", "finished"]
    error = events[0][1]
    assert isinstance(error, BlogIdeasError) and error.kind is ErrorKind.TIMEOUT


def test_abort_stops_the_callable_and_only_finished_is_said(qtbot: QtBot) -> None:
    def patient(cancel: CancelToken) -> Answer:
        cancel.wait(30)  # returns at once when cancelled
        return Answer("late", threading.get_ident())

    worker = AnswerWorker(patient)
    events = _record(worker)
    worker.start()
    with qtbot.waitSignal(worker.finished, timeout=30_000):
        assert worker.wait(30_000)
    assert events == [("finished", True)]


def test_a_result_not_yet_reported_is_dropped_by_a_later_cancel(qtbot: QtBot) -> None:
    """The outcome is reported on the GUI thread, after its cancel check there.

    The callable has returned and its report is queued, but the GUI thread
    cancels first: nothing but finished arrives, so an abandoned test's
    answer can never pass for the next one's.
    """
    worker = AnswerWorker(_answer)
    events = _record(worker)
    worker.start()
    assert worker.join(30_000)  # returned on its thread; the report waits for this one
    worker.abort()
    with qtbot.waitSignal(worker.finished, timeout=30_000):
        pass
    assert events == [("finished", True)]


def test_a_job_must_declare_its_result_type() -> None:
    with pytest.raises(TypeError, match="returned = Signal"):

        class Untyped(FunctionWorker[int]):
            pass
