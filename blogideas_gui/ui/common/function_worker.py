"""A function worker for jobs with one result, after superqt's FunctionWorker.

Measuring the speed, importing a model file and testing a connection each
end with one value. Squeezed into a one-item generator they would need an
untyped ``yielded`` sorted by ``isinstance`` where it arrives; here each job
is a small subclass that declares ``returned`` with its real type::

    class MeasureWorker(FunctionWorker[SpeedBook]):
        returned = Signal(SpeedBook)

The callable runs on a QThread of its own and gets the job's
:class:`CancelToken` to stop early (never ``QThread.terminate()``). The
worker itself stays on the thread that made it (the GUI thread): when the
callable has ended, it reports there, so a job cancelled on the GUI thread
never reports afterwards. A dialog that abandons a test and starts another
needs no record of which job is speaking: only the current one can.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import ClassVar, Generic, TypeVar

from PySide6.QtCore import QObject, QThread, Signal, Slot

from blogideas_gui.core.common.cancel import CancelToken

log = logging.getLogger(__name__)

T = TypeVar("T")


class _Call(QThread, Generic[T]):
    """The thread that runs the callable once and keeps what it returned or raised."""

    def __init__(self, func: Callable[[CancelToken], T], cancel: CancelToken) -> None:
        super().__init__()
        self._func = func
        self._cancel = cancel
        self.value: T | None = None
        self.error: Exception | None = None

    def run(self) -> None:
        """Call the function on this thread; its outcome is read once the thread ends."""
        try:
            self.value = self._func(self._cancel)
        except Exception as error:
            log.info("worker ended with %r", error, exc_info=True)
            self.error = error


class FunctionWorker(QObject, Generic[T]):
    """Runs one callable on its own thread and reports its one result, typed.

    Keep the worker until :attr:`finished` (or until :meth:`join` returned
    True): its thread must not be destroyed while it runs.

    Args:
        func: the job; it gets the cancel token and returns the result.
        cancel: the job's cancel token; a new one when ``None``.

    Signals:
        returned(T): the callable's result; each job's subclass declares it
            with the result's real type.
        failed(Exception): the error the callable raised.
        finished(): always last, after the thread has ended. A cancelled job
            emits only this.
    """

    returned: ClassVar[Signal]
    failed = Signal(Exception)
    finished = Signal()

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if not isinstance(getattr(cls, "returned", None), Signal):
            raise TypeError(f"{cls.__name__} must declare returned = Signal(<its result type>)")

    def __init__(self, func: Callable[[CancelToken], T], cancel: CancelToken | None = None) -> None:
        super().__init__()
        self.cancel = cancel or CancelToken()
        self._call = _Call(func, self.cancel)
        self._call.setObjectName(type(self).__name__)
        # Queued to this object's thread: the outcome is reported where cancel is asked.
        self._call.finished.connect(self._report)
        self._started = False
        self._reported = False

    @property
    def is_running(self) -> bool:
        """Whether the job has started and not yet emitted :attr:`finished`."""
        return self._started and not self._reported

    def start(self) -> None:
        """Start the job; connect to its signals before this."""
        self._started = True
        self._call.start()

    def abort(self) -> None:
        """Ask the callable to stop early; the job will report nothing but :attr:`finished`."""
        self.cancel.cancel()

    def join(self, milliseconds: int | None = None) -> bool:
        """Wait until the job's thread has ended; True if it has."""
        if milliseconds is None:
            return self._call.wait()
        return self._call.wait(milliseconds)

    def wait(self, milliseconds: int) -> bool:
        """Abort and wait for the thread to end; True if it did."""
        self.abort()
        return self.join(milliseconds)

    @Slot()
    def _report(self) -> None:
        self._call.wait()  # "finished" comes just before the thread really ends
        self._reported = True
        try:
            if self.cancel.is_set():
                return
            if self._call.error is not None:
                self.failed.emit(self._call.error)
            else:
                self.returned.emit(self._call.value)
        finally:
            self.finished.emit()
