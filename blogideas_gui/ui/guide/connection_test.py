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

from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.common.errors import user_message
from blogideas_gui.core.common.language import Language
from blogideas_gui.ui.common.worker import WorkerHandle, create_worker

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
        self._relays: list[_Relay] = []

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
        # The worker is deleted when its thread ends, possibly before its queued
        # signals arrive here; a relay on this thread remembers which job spoke.
        relay = _Relay(self, job)
        job.worker.yielded.connect(relay.yielded)
        job.worker.failed.connect(relay.failed)
        job.worker.finished.connect(relay.finished)
        relay.job_answered.connect(self._on_yielded)
        relay.job_failed.connect(self._on_failed)
        relay.job_finished.connect(self._on_finished)
        self._jobs.append(job)
        self._relays.append(relay)
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
            job.join()  # bounded by the probe's own time-out
        self._jobs.clear()
        self._relays.clear()

    def _on_yielded(self, job: WorkerHandle, result: object) -> None:
        if job is self._current:
            self.succeeded.emit(result)

    def _on_failed(self, job: WorkerHandle, error: Exception) -> None:
        if job is self._current:
            self.failed.emit(user_message(error, self.language))

    def _on_finished(self, job: WorkerHandle) -> None:
        job.join()
        if job in self._jobs:
            self._jobs.remove(job)
        self._relays = [relay for relay in self._relays if relay.job is not job]
        if job is self._current:
            self._current = None
            self.running_changed.emit(False)


class _Relay(QObject):
    """Brings one job's signals to the GUI thread, tagged with the job.

    Signals:
        job_answered(WorkerHandle, object): the job's probe answered.
        job_failed(WorkerHandle, Exception): the job's probe failed.
        job_finished(WorkerHandle): the job ended.
    """

    job_answered = Signal(WorkerHandle, object)
    job_failed = Signal(WorkerHandle, Exception)
    job_finished = Signal(WorkerHandle)

    def __init__(self, owner: ConnectionTest, job: WorkerHandle) -> None:
        super().__init__(owner)
        self.job = job

    @Slot(object)
    def yielded(self, result: object) -> None:
        self.job_answered.emit(self.job, result)

    @Slot(Exception)
    def failed(self, error: Exception) -> None:
        self.job_failed.emit(self.job, error)

    @Slot()
    def finished(self) -> None:
        self.job_finished.emit(self.job)
        self.deleteLater()
