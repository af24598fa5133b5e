"""One generator-worker pattern for all long work, after superqt's GeneratorWorker.

A plain-Python generator (from ``core``) runs on a QThread; what happens to
it crosses to the GUI thread as signals, one per kind, so no receiver sorts
what it got: ``yielded`` for each item, ``failed`` with the error that ended
it, ``aborted`` when its cancel token ended it early, ``finished`` always
last. A job whose items are of several kinds (a generation: phases, text,
the result) uses a worker that routes each kind to a typed signal of its own
(:class:`GenerationWorker`). Abort is cooperative, through the generator's
:class:`CancelToken`: a thread is never terminated, and
:meth:`WorkerHandle.wait` lets a window leave no work running when it closes.

Most work gets a thread of its own (:func:`create_worker`). Generation runs
on one long-lived :class:`WorkerThread` instead: llama.cpp's OpenMP threads
belong to the thread that calls it, so a new thread per request would start
a new team of them each time, and the first word of every answer would wait
for that.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterator

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from blogideas_gui.core.backends.base import TextDelta
from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.generation.runner import GenerationResult, Phase, PhaseChanged

log = logging.getLogger(__name__)


class GeneratorWorker(QObject):
    """Runs a generator function and reports what happens, one signal per kind.

    Signals:
        yielded(object): each item, in order (the job's one kind of item).
        failed(Exception): the error that ended the generator early.
        aborted(): the cancel token ended the work (after its last item).
        finished(): always last, after success, failure or abort.
    """

    yielded = Signal(object)
    failed = Signal(Exception)
    aborted = Signal()
    finished = Signal()

    def __init__(self, func: Callable[[], Iterator[object]], cancel: CancelToken) -> None:
        super().__init__()
        self._func = func
        self.cancel = cancel

    def deliver(self, item: object) -> None:
        """Report one item; a worker whose items are of several kinds routes them here."""
        self.yielded.emit(item)

    @Slot()
    def run(self) -> None:
        """Drive the generator to its end on the worker thread."""
        try:
            for item in self._func():
                self.deliver(item)
            if self.cancel.is_set():
                self.aborted.emit()
        except Exception as error:
            log.info("worker ended with %r", error, exc_info=True)
            self.failed.emit(error)
        finally:
            self.finished.emit()


class GenerationWorker(GeneratorWorker):
    """Runs a request's events and reports each kind on its own signal.

    The routing happens once, here, where the events are made, so the window
    connects one slot per kind and never sorts what arrives.

    Signals:
        phase_changed(Phase): the request moved on (loading, waiting, writing).
        text_arrived(str, int): more of the answer, and how many pieces it joins.
        part_arrived(int, str, int): more of one idea written side by side with
            the others (its place from 0), and how many pieces it joins.
        result_ready(GenerationResult): the request ended (finished, or stopped).
    """

    phase_changed = Signal(Phase)
    text_arrived = Signal(str, int)
    part_arrived = Signal(int, str, int)
    result_ready = Signal(GenerationResult)

    def deliver(self, item: object) -> None:
        """Route one generation event to its signal."""
        if isinstance(item, TextDelta) and item.part is not None:
            self.part_arrived.emit(item.part, item.text, item.pieces)
        elif isinstance(item, TextDelta):
            self.text_arrived.emit(item.text, item.pieces)
        elif isinstance(item, PhaseChanged):
            self.phase_changed.emit(item.phase)
        elif isinstance(item, GenerationResult):
            self.result_ready.emit(item)


class WorkerHandle:
    """A worker and the thread it runs on, kept alive until the work ends."""

    def __init__(
        self,
        worker: GeneratorWorker,
        thread: QThread,
        start: Callable[[], None] | None = None,
        done: threading.Event | None = None,
    ) -> None:
        self.worker = worker
        self.thread = thread
        self._start = start
        self._done = done

    def start(self) -> None:
        """Start the work; connect to the worker's signals before this."""
        if self._start is None:
            self.thread.start()
        else:
            self._start()

    def abort(self) -> None:
        """Ask the generator to stop between items."""
        self.worker.cancel.cancel()

    def join(self, milliseconds: int | None = None) -> bool:
        """Wait until the work has ended (its own thread too, if it has one); True if so."""
        if self._done is not None:
            return self._done.wait(None if milliseconds is None else milliseconds / 1000)
        return self.thread.wait() if milliseconds is None else self.thread.wait(milliseconds)

    def wait(self, milliseconds: int) -> bool:
        """Abort and wait for the work to end; True if it did."""
        self.abort()
        return self.join(milliseconds)


def create_worker(func: Callable[[], Iterator[object]], cancel: CancelToken) -> WorkerHandle:
    """Put ``func`` on a new QThread, reported by a plain :class:`GeneratorWorker`.

    Connect to ``handle.worker``'s signals, then call :meth:`WorkerHandle.start`,
    so that no early signal is emitted before anyone listens.
    """
    return on_new_thread(GeneratorWorker(func, cancel))


def on_new_thread(worker: GeneratorWorker) -> WorkerHandle:
    """Put ``worker`` on a new QThread (the moveToThread wiring of superqt).

    For a worker that routes its items to typed signals of its own: connect
    to them, then call :meth:`WorkerHandle.start`.
    """
    thread = QThread()
    thread.setObjectName("worker")
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    # Direct: the GUI thread may be blocked in wait() (closing the window), so a
    # queued quit would never run. QThread.quit is thread-safe.
    worker.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    thread.finished.connect(worker.deleteLater)
    return WorkerHandle(worker, thread)


class _Runner(QObject):
    """Lives on a :class:`WorkerThread`'s thread and runs the workers queued for it."""

    def __init__(self, jobs: queue.SimpleQueue[tuple[GeneratorWorker, threading.Event]]) -> None:
        super().__init__()
        self._jobs = jobs

    @Slot()
    def run_next(self) -> None:
        """Run one queued worker, then say it is done."""
        worker, done = self._jobs.get_nowait()
        try:
            worker.run()
        finally:
            # The GUI thread must drop the last reference: a Python-owned QObject is
            # deleted where its last reference goes, and this thread is not its own.
            del worker
            done.set()


class WorkerThread(QObject):
    """A long-lived thread that runs workers one after another.

    The workers themselves stay in the GUI thread (they are made and deleted
    there, which PySide needs); only their generators run on this thread.
    It starts with the first worker and runs until :meth:`stop`, which its
    owner must call before it goes (a running QThread must not be destroyed).
    """

    _queued = Signal()

    def __init__(self, name: str) -> None:
        super().__init__()
        self._thread = QThread()
        self._thread.setObjectName(name)
        self._jobs: queue.SimpleQueue[tuple[GeneratorWorker, threading.Event]] = queue.SimpleQueue()
        self._runner = _Runner(self._jobs)
        self._runner.moveToThread(self._thread)
        self._queued.connect(self._runner.run_next)

    def submit(self, worker: GeneratorWorker) -> WorkerHandle:
        """Queue ``worker`` for this thread; connect to it, then start it."""
        if not self._thread.isRunning():
            self._thread.start()
        done = threading.Event()

        def start() -> None:
            self._jobs.put((worker, done))
            self._queued.emit()

        return WorkerHandle(worker, self._thread, start, done)

    @property
    def is_running(self) -> bool:
        """Whether the thread has started and not yet stopped."""
        return bool(self._thread.isRunning())

    def stop(self, milliseconds: int) -> bool:
        """End the thread once its current work is done; True if it ended in time."""
        self._thread.quit()
        return self._thread.wait(milliseconds)
