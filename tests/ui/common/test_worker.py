"""The generator worker: every item arrives typed, errors are reported, no thread is left."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator

from PySide6.QtCore import Signal
from pytestqt.qtbot import QtBot

from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.ui.common.worker import (
    GeneratorWorker,
    WorkerHandle,
    WorkerThread,
    on_new_thread,
)


class NumberWorker(GeneratorWorker):
    """A streaming job whose one kind of item is a number, on its own typed signal.

    Signals:
        number(int): each number, in order.
    """

    number = Signal(int)

    def deliver(self, item: object) -> None:
        """Route a number to :attr:`number`."""
        assert isinstance(item, int)
        self.number.emit(item)


def create_worker(func: Callable[[], Iterator[int]], cancel: CancelToken) -> WorkerHandle:
    """A :class:`NumberWorker` on a thread of its own."""
    return on_new_thread(NumberWorker(func, cancel))


def test_items_arrive_in_order_and_the_thread_ends(qtbot: QtBot) -> None:
    got: list[object] = []
    handle = create_worker(lambda: iter(range(500)), CancelToken())
    assert isinstance(handle.worker, NumberWorker)
    handle.worker.number.connect(got.append)
    with qtbot.waitSignal(handle.thread.finished, timeout=10_000):
        handle.start()
    assert got == list(range(500))
    assert handle.thread.isFinished()


def test_an_error_is_reported_not_raised(qtbot: QtBot) -> None:
    def failing() -> Iterator[int]:
        yield 1
        raise BlogIdeasError(ErrorKind.TIMEOUT)

    errors: list[Exception] = []
    aborted: list[bool] = []
    handle = create_worker(failing, CancelToken())
    handle.worker.failed.connect(errors.append)
    handle.worker.aborted.connect(lambda: aborted.append(True))
    with qtbot.waitSignal(handle.thread.finished, timeout=10_000):
        handle.start()
    [error] = errors
    assert isinstance(error, BlogIdeasError) and error.kind is ErrorKind.TIMEOUT
    assert aborted == []


def test_abort_stops_an_endless_generator(qtbot: QtBot) -> None:
    cancel = CancelToken()

    def endless() -> Iterator[int]:
        n = 0
        while not cancel.is_set():
            n += 1
            yield n

    handle = create_worker(endless, cancel)
    with qtbot.waitSignal(handle.worker.aborted, timeout=5000):
        handle.start()
        assert handle.wait(5000)


def test_thousands_of_streamed_items_do_not_crash_the_process() -> None:
    """PySide6 6.12.0 aborts here ("bool_dealloc") after a few thousand signals."""
    script = textwrap.dedent(
        """
        import time
        from PySide6.QtCore import Signal
        from PySide6.QtWidgets import QApplication
        from blogideas_gui.core.backends.base import CancelToken
        from blogideas_gui.ui.common.worker import GeneratorWorker, on_new_thread

        class Pieces(GeneratorWorker):
            text = Signal(str)

            def deliver(self, item):
                self.text.emit(item)

        app = QApplication([])
        got = []

        def pieces():
            for _ in range(6000):
                time.sleep(0.0002)
                yield "x"

        handle = on_new_thread(Pieces(pieces, CancelToken()))
        handle.worker.text.connect(got.append)
        handle.worker.finished.connect(app.quit)
        handle.start()
        app.exec()
        handle.thread.wait()
        print(len(got), flush=True)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "6000"


def test_a_worker_thread_runs_work_one_after_another_on_one_thread(qtbot: QtBot) -> None:
    """Generation keeps one thread, so llama.cpp keeps its OpenMP team between requests."""
    lane = WorkerThread("test")
    idents: list[int] = []

    def where() -> Iterator[int]:
        idents.append(threading.get_ident())
        yield len(idents)

    try:
        for _ in range(3):
            handle = lane.submit(NumberWorker(where, CancelToken()))
            with qtbot.waitSignal(handle.worker.finished, timeout=10_000):
                handle.start()
            assert handle.join(5000)
        assert len(idents) == 3 and len(set(idents)) == 1
        assert idents[0] != threading.get_ident()
        assert lane.is_running
    finally:
        assert lane.stop(5000)
    assert not lane.is_running


def test_waiting_on_a_worker_thread_aborts_the_running_work(qtbot: QtBot) -> None:
    lane = WorkerThread("test")
    cancel = CancelToken()

    def endless() -> Iterator[int]:
        while not cancel.is_set():
            yield 1

    handle = lane.submit(NumberWorker(endless, cancel))
    handle.start()
    try:
        assert handle.wait(5000)
        assert cancel.is_set()
    finally:
        assert lane.stop(5000)


def test_a_worker_that_routes_nothing_fails_instead_of_dropping_items(qtbot: QtBot) -> None:
    """The base class has no signal for items: a job that forgets to route them hears why."""
    errors: list[Exception] = []
    handle = on_new_thread(GeneratorWorker(lambda: iter([1]), CancelToken()))
    handle.worker.failed.connect(errors.append)
    with qtbot.waitSignal(handle.thread.finished, timeout=10_000):
        handle.start()
    [error] = errors
    assert isinstance(error, NotImplementedError) and "GeneratorWorker" in str(error)
