"""How fast this computer writes: the measurement behind every "words a second", and Measure again.

The measurement runs ``blogideas models speed`` in a child process
(:func:`~blogideas_gui.core.models.probe.measure_in_child`) on a function
worker, so the window never waits and llama.cpp never runs on a
thread of the window's process other than its generation thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.models.probe import measure_in_child
from blogideas_gui.core.models.speed import SpeedBook
from blogideas_gui.ui.common.function_worker import FunctionWorker

Measure = Callable[[CancelToken], SpeedBook]
STOP_WAIT_MS = 10_000


class MeasureWorker(FunctionWorker[SpeedBook]):
    """Measures the speed off the GUI thread.

    Signals:
        returned(SpeedBook): the measurements, the new one included.
    """

    returned = Signal(SpeedBook)


class SpeedBox(QWidget):
    """One line saying how the speeds were measured, with a Measure again button.

    Args:
        book: the measurements so far.
        measure: runs the measurement (the child process by default).

    Signals:
        measured(SpeedBook): the measurements once a measurement ended (the old
            ones when it failed or was stopped).
    """

    measured = Signal(SpeedBook)

    def __init__(
        self, book: SpeedBook, parent: QWidget | None = None, measure: Measure = measure_in_child
    ) -> None:
        super().__init__(parent)
        self._measure = measure
        self._job: MeasureWorker | None = None
        self.book = book
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #5f6368;")
        self.button = QPushButton(self.tr("Measure again"), self)
        self.button.setToolTip(self.tr("Runs the small built-in model for a few seconds."))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.status, 1)
        row.addWidget(self.button)
        self.button.clicked.connect(self.measure)
        self._show()

    @property
    def is_measuring(self) -> bool:
        """Whether a measurement is running."""
        return self._job is not None

    def _show(self) -> None:
        probe = self.book.probe
        if self.is_measuring:
            text = self.tr("Measuring how fast this computer writes (a few seconds)…")
        elif probe is None:
            text = self.tr("Speeds are not measured yet.")
        else:
            when = time.strftime("%Y-%m-%d", time.localtime(probe.measured_at))
            text = self.tr(
                "Speeds are predicted from a measurement on {date} "
                "(the built-in model wrote {n} tokens a second)."
            ).format(date=when, n=round(probe.tokens_per_second))
            if self.book.busy_at is not None:
                text += " " + self.tr(
                    "The computer was busy at the last measurement; "
                    "the last good measurement is kept."
                )
        self.status.setText(text)
        self.button.setEnabled(not self.is_measuring)

    @Slot()
    def measure(self) -> None:
        """Measure again on a worker thread; :attr:`measured` says when it is done."""
        if self._job is not None:
            return
        self._job = MeasureWorker(self._measure)
        self._job.returned.connect(self._on_measured)
        self._job.finished.connect(self._on_finished)
        self._job.start()
        self._show()

    @Slot(SpeedBook)
    def _on_measured(self, book: SpeedBook) -> None:
        self.book = book

    @Slot()
    def _on_finished(self) -> None:
        self._job = None
        self._show()
        self.measured.emit(self.book)

    def shutdown(self) -> None:
        """Stop a running measurement (its child process ends) and wait for the thread."""
        if self._job is not None and self._job.wait(STOP_WAIT_MS):
            self._job = None
