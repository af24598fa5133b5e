"""One generator-worker pattern for all long work, after superqt's GeneratorWorker.

A plain-Python generator (from ``core``) runs on a QThread; each item it
yields crosses to the GUI thread as a ``yielded`` signal. Abort is
cooperative, through the generator's :class:`CancelToken`: a thread is never
terminated, and :meth:`WorkerHandle.wait` lets the window leave no thread
running when it closes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from blogideas_gui.core.backends.base import CancelToken

log = logging.getLogger(__name__)


class GeneratorWorker(QObject):
    """Runs a generator function and reports what it yields.

    Signals:
        yielded(object): each item, in order.
        errored(object): the exception that ended the generator early.
        finished(): always last, after success, error or abort.
    """

    yielded = Signal(object)
    errored = Signal(object)
    finished = Signal()

    def __init__(self, func: Callable[[], Iterator[object]], cancel: CancelToken) -> None:
        super().__init__()
        self._func = func
        self.cancel = cancel

    @Slot()
    def run(self) -> None:
        """Drive the generator to its end on the worker thread."""
        try:
            for item in self._func():
                self.yielded.emit(item)
        except Exception as error:
            log.info("worker ended with %r", error, exc_info=True)
            self.errored.emit(error)
        finally:
            self.finished.emit()


class WorkerHandle:
    """A started worker and its thread, kept alive until the thread ends."""

    def __init__(self, worker: GeneratorWorker, thread: QThread) -> None:
        self.worker = worker
        self.thread = thread

    def start(self) -> None:
        """Start the thread; connect to the worker's signals before this."""
        self.thread.start()

    def abort(self) -> None:
        """Ask the generator to stop between items."""
        self.worker.cancel.cancel()

    def wait(self, milliseconds: int) -> bool:
        """Abort and wait for the thread to end; True if it did."""
        self.abort()
        return self.thread.wait(milliseconds)


def create_worker(func: Callable[[], Iterator[object]], cancel: CancelToken) -> WorkerHandle:
    """Put ``func`` on a new QThread (the moveToThread wiring of superqt).

    Connect to ``handle.worker``'s signals, then call :meth:`WorkerHandle.start`,
    so that no early signal is emitted before anyone listens.
    """
    thread = QThread()
    thread.setObjectName("generation")
    worker = GeneratorWorker(func, cancel)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    # Direct: the GUI thread may be blocked in wait() (closing the window), so a
    # queued quit would never run. QThread.quit is thread-safe.
    worker.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    thread.finished.connect(worker.deleteLater)
    return WorkerHandle(worker, thread)
