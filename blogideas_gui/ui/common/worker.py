"""One generator-worker pattern for long work that streams, after superqt's GeneratorWorker.

A plain-Python generator (from ``core``) runs on a QThread; what happens to
it crosses to the GUI thread as signals, one per kind, so no receiver sorts
what it got. Each streaming job is a subclass that declares a typed signal
for each kind of item and routes its items to them in :meth:`deliver` (a
download's progress, phases and result; a generation's phases, text and
result); every job has ``failed`` with the error that ended it, ``aborted``
when its cancel token ended it early, ``finished`` always last. A job with
one result uses :mod:`.function_worker` instead. Abort is cooperative,
through the generator's :class:`CancelToken`: a thread is never terminated,
and :meth:`WorkerHandle.wait` lets a window leave no work running when it
closes.

Most work gets a thread of its own (:func:`on_new_thread`). Generation runs
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

from blogideas_gui.core.common.cancel import CancelToken

log = logging.getLogger(__name__)


class GeneratorWorker(QObject):
    """Runs a generator function and reports what happens, one typed signal per kind.

    A job subclasses it, declares its item signals and overrides :meth:`deliver`.

    Signals:
        failed(Exception): the error that ended the generator early.
        aborted(): the cancel token ended the work (after its last item).
        finished(): always last, after success, failure or abort.
    """

    failed = Signal(Exception)
    aborted = Signal()
    finished = Signal()

    def __init__(self, func: Callable[[], Iterator[object]], cancel: CancelToken) -> None:
        super().__init__()
        self._func = func
        self.cancel = cancel

    def deliver(self, item: object) -> None:
        """Route one item to the job's signal for its kind (on the worker thread)."""
        raise NotImplementedError(f"{type(self).__name__} must route its items to typed signals")

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


def on_new_thread(worker: GeneratorWorker) -> WorkerHandle:
    """Put ``worker`` on a new QThread (the moveToThread wiring of superqt).

    Connect to the worker's signals, then call :meth:`WorkerHandle.start`, so
    that no early signal is emitted before anyone listens.
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
