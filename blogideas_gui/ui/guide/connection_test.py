"""A Test button's one blocking call, run off the GUI thread and cancellable.

The first-run guide tests an OpenAI key or a server address with one network
request. A dialog must never freeze on the network, so the call runs on a
function worker (:mod:`blogideas_gui.ui.common.function_worker`). Cancel
cannot interrupt a request already on the wire, so it abandons it: a
cancelled worker reports nothing (it checks on the GUI thread, where Cancel
was pressed), so whatever arrives is the current test's answer, and
:meth:`ConnectionTest.shutdown` waits for every thread (the request's own
time-out bounds the wait) so none outlives the dialog.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot

from blogideas_gui.core.backends.base import ConnectionCheck
from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.common.errors import user_message
from blogideas_gui.core.common.language import Language
from blogideas_gui.ui.common.function_worker import FunctionWorker

Probe = Callable[[CancelToken], ConnectionCheck]


class CheckWorker(FunctionWorker[ConnectionCheck]):
    """Runs one connection probe.

    Signals:
        returned(ConnectionCheck): what the server said about itself.
    """

    returned = Signal(ConnectionCheck)


class ConnectionTest(QObject):
    """Runs one probe at a time and reports its outcome in plain words.

    Signals:
        succeeded(ConnectionCheck): what the probe found.
        failed(str): a one-line message from :func:`user_message`, never a traceback.
        running_changed(bool): True while a probe runs; the dialog swaps Test for Cancel.
    """

    succeeded = Signal(ConnectionCheck)
    failed = Signal(str)
    running_changed = Signal(bool)

    def __init__(self, language: Language, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self._current: CheckWorker | None = None
        self._jobs: list[CheckWorker] = []  # the current one and any abandoned still running

    @property
    def running(self) -> bool:
        """Whether a probe's answer is still awaited."""
        return self._current is not None

    def start(self, probe: Probe) -> None:
        """Run ``probe`` on a worker thread; ignored while one already runs."""
        if self._current is not None:
            return
        job = CheckWorker(probe)
        job.returned.connect(self.succeeded)
        job.failed.connect(self._on_failed)
        job.finished.connect(self._on_finished)
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
            job.join()  # bounded by the probe's own time-out
        self._jobs.clear()

    @Slot(Exception)
    def _on_failed(self, error: Exception) -> None:
        self.failed.emit(user_message(error, self.language))

    @Slot()
    def _on_finished(self) -> None:
        self._jobs = [job for job in self._jobs if job.is_running]
        if self._current is not None and not self._current.is_running:
            self._current = None
            self.running_changed.emit(False)
