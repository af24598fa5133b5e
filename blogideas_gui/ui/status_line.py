"""The spinner and one line that say what the request is doing.

The blogger's page showed nothing while the model worked; here the phase
(loading the model, waiting for the first word, writing), the elapsed time,
tokens per second and the cost are always in view.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from blogideas_gui.core.costs import format_cost
from blogideas_gui.core.generation import GenerationResult, Phase

_FRAMES = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
_TICK_MS = 100


class StatusLine(QWidget):
    """A spinner and a status text, refreshed every 100 ms while busy."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spinner = QLabel(self)
        self.spinner.setFixedWidth(18)
        self.text = QLabel(self)
        self.text.setObjectName("statusText")
        self.spending = QLabel(self)
        self.spending.setObjectName("spending")
        self.spending.setStyleSheet("color: #5f6368;")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.spinner)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.spending)
        self._timer = QTimer(self)
        self._timer.setInterval(_TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._frame = 0
        self._phase: Phase | None = None
        self._started = 0.0
        self._first_token = 0.0
        self._pieces = 0
        self.set_idle(self.tr("Ready."))

    @property
    def busy(self) -> bool:
        """Whether the spinner turns."""
        return self._timer.isActive()

    def start(self) -> None:
        """A request began."""
        self._started = time.perf_counter()
        self._pieces = 0
        self._phase = Phase.WAITING
        self._timer.start()
        self._tick()

    def set_phase(self, phase: Phase) -> None:
        """The request moved on."""
        self._phase = phase
        if phase is Phase.WRITING:
            self._first_token = time.perf_counter()
        self._tick()

    def count_pieces(self, pieces: int) -> None:
        """More streamed pieces arrived (a piece is a token, for both backends)."""
        self._pieces += pieces

    def set_idle(self, text: str) -> None:
        """Stop the spinner and show ``text``."""
        self._timer.stop()
        self._phase = None
        self.spinner.setText("")
        self.text.setText(text)

    def show_result(self, result: GenerationResult) -> None:
        """Summarise an ended request."""
        cost = format_cost(result.cost_usd, self.tr("free"), self.tr("cost unknown"))
        parts = [
            self.tr("Stopped after %.1f s") % result.seconds
            if result.stopped
            else self.tr("Done in %.1f s") % result.seconds
        ]
        if result.first_token_seconds is not None:
            parts.append(self.tr("first word %.1f s") % result.first_token_seconds)
        if result.tokens_per_second:
            parts.append(self.tr("%.0f tokens/s") % result.tokens_per_second)
        parts.append(self.tr("%d ideas") % len(result.ideas))
        parts.append(cost)
        self.set_idle(" · ".join(parts))

    def _tick(self) -> None:
        """Turn the spinner and refresh the elapsed time."""
        if self._phase is None:
            return
        self._frame = (self._frame + 1) % len(_FRAMES)
        self.spinner.setText(_FRAMES[self._frame])
        now = time.perf_counter()
        elapsed = now - self._started
        if self._phase is Phase.LOADING:
            text = self.tr("Loading the model… %.1f s") % elapsed
        elif self._phase is Phase.WAITING:
            text = self.tr("Waiting for the first word… %.1f s") % elapsed
        else:
            writing = now - self._first_token
            rate = (self._pieces - 1) / writing if writing > 0.2 and self._pieces > 1 else 0.0
            text = self.tr("Writing… %.1f s · %.0f tokens/s") % (elapsed, rate)
        self.text.setText(text)
