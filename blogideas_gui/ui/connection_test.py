"""A Test button's one blocking call, run off the GUI thread and cancellable.

The first-run guide tests an OpenAI key or a server address with one network
request. A dialog must never freeze on the network, so the call runs through
the one generator-worker pattern (:mod:`.worker`). Cancel cannot interrupt a
request already on the wire, so it abandons it: the answer is ignored when
it comes, and :meth:`ConnectionTest.shutdown` waits for every thread (the
request's own time-out bounds the wait) so none outlives the dialog.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtCore import QObject, Signal, Slot

from blogideas_gui.core.backends.base import CancelToken
from blogideas_gui.core.errors import user_message
from blogideas_gui.core.language import Language
from blogideas_gui.ui.worker import WorkerHandle, create_worker

Probe = Callable[[CancelToken], object]


class ConnectionTest(QObject):
    """Runs one probe at a time and reports its outcome in plain words.

    Signals:
        succeeded(object): what the probe returned (e.g. a ``ConnectionCheck``).
        failed(str): a one-line message from :func:`user_message`, never a traceback.
        running_changed(bool): True while a probe runs; the dialog swaps Test for Cancel.
    """

    succeeded = Signal(object)
    failed = Signal(str)
    running_changed = Signal(bool)

    def __init__(self, language: Language, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self._current: WorkerHandle | None = None
        self._jobs: list[WorkerHandle] = []

    @property
    def running(self) -> bool:
        """Whether a probe's answer is still awaited."""
        return self._current is not None

    def start(self, probe: Probe) -> None:
        """Run ``probe`` on a worker thread; ignored while one already runs."""
        if self._current is not None:
            return
        cancel = CancelToken()

        def run() -> Iterator[object]:
            yield probe(cancel)

        job = create_worker(run, cancel)
        # Bound methods of this GUI-thread object: Qt queues the calls here.
        job.worker.yielded.connect(self._on_yielded)
        job.worker.errored.connect(self._on_errored)
        job.worker.finished.connect(self._on_finished)
        self._jobs.append(job)
        self._current = job
        job.start()
        self.running_changed.emit(True)

    def cancel(self) -> None:
        """Stop waiting for the answer; the thread ends when its request does."""
        if self._current is None:
            return
        self._current.abort()
        self._current = None
        self.running_changed.emit(False)

    def shutdown(self) -> None:
        """Abandon any probe and wait for every thread: nothing outlives the dialog."""
        self.cancel()
        for job in self._jobs:
            job.abort()
            job.thread.wait()  # bounded by the probe's own time-out
        self._jobs.clear()

    def _is_current(self) -> bool:
        return self._current is not None and self.sender() is self._current.worker

    @Slot(object)
    def _on_yielded(self, result: object) -> None:
        if self._is_current():
            self.succeeded.emit(result)

    @Slot(object)
    def _on_errored(self, error: object) -> None:
        if self._is_current() and isinstance(error, BaseException):
            self.failed.emit(user_message(error, self.language))

    @Slot()
    def _on_finished(self) -> None:
        sender = self.sender()
        for job in list(self._jobs):
            if job.worker is sender:
                job.thread.wait()
                self._jobs.remove(job)
                if job is self._current:
                    self._current = None
                    self.running_changed.emit(False)
