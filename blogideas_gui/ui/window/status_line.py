"""The spinner and one line that say what the request is doing.

The blogger's page showed nothing while the model worked; here the phase
(loading the model, waiting for the first word, writing), the elapsed time,
tokens per second and the cost are always in view, and beside them what
requests cost here: nothing on this computer, the month's spending against its
limit on OpenAI, and no budget for another server, which OpenAI does not bill.
The line follows the window's session model (:meth:`StatusLine.watch`): a
request starting or ending, a session opened, a line an action has to say.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from blogideas_gui.core.account.budget import Ledger, format_usd
from blogideas_gui.core.account.costs import format_cost
from blogideas_gui.core.generation.runner import GenerationResult, Phase
from blogideas_gui.core.settings.secrets import OPENAI_API_URL, is_openai_address
from blogideas_gui.ui.window.session_model import SessionModel

_FRAMES = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
_TICK_MS = 100
_WRITING_TICK_MS = 500
"""While text streams in, the text itself shows life: the line refreshes less."""


class TickerLabel(QWidget):
    """One line of text that changes often without moving anything else.

    A QLabel asks the layouts above it to recompute on every new text, and
    the whole window is laid out and repainted again: ten times a second
    while a request runs, about 2 ms each, which on 2 cores is taken from
    llama.cpp. This widget keeps its size and repaints only itself; a text
    too long for it is cut with an ellipsis.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self._line_height())

    def text(self) -> str:
        """The text shown."""
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 - QLabel's name
        """Show ``text`` from the next repaint."""
        if text != self._text:
            self._text = text
            self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """Room for a typical status line; the layout may give more or less."""
        return QSize(self.fontMetrics().averageCharWidth() * 40, self._line_height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """Any width will do: the text is elided."""
        return QSize(0, self._line_height())

    def _line_height(self) -> int:
        return int(self.fontMetrics().height()) + 4

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        """Draw the text, elided to the width."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Window))
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        shown = self.fontMetrics().elidedText(self._text, Qt.TextElideMode.ElideRight, self.width())
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignVCenter, shown)


class StatusLine(QWidget):
    """A spinner and a status text, refreshed every 100 ms while busy (500 ms while writing)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spinner = TickerLabel(self)
        self.spinner.setFixedWidth(18)
        self.text = TickerLabel(self)
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

    def watch(self, session: SessionModel) -> None:
        """Say what ``session`` does from now on."""
        session.busy_changed.connect(lambda busy: self.start() if busy else None)
        session.result_ready.connect(self.show_result)
        session.told.connect(self.set_idle)
        session.session_changed.connect(lambda: self._opened(session))

    def _opened(self, session: SessionModel) -> None:
        shown = session.shown
        if shown is not None and not session.busy:
            self.set_idle(self.tr("Opened a session from %s.") % shown.created_at[:10])

    def start(self) -> None:
        """A request began."""
        self._started = time.perf_counter()
        self._pieces = 0
        self._phase = Phase.WAITING
        self._timer.start(_TICK_MS)
        self._tick()

    def set_phase(self, phase: Phase) -> None:
        """The request moved on."""
        self._phase = phase
        if phase is Phase.WRITING:
            self._first_token = time.perf_counter()
        self._timer.setInterval(_WRITING_TICK_MS if phase is Phase.WRITING else _TICK_MS)
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
        if result.complete == result.request.count or not result.ideas:
            parts.append(self.tr("%d ideas") % len(result.ideas))
        else:
            parts.append(
                self.tr("%d of %d ideas complete") % (result.complete, result.request.count)
            )
        if result.note:
            parts.append(self.tr("free-form answer: the server does not take the idea format"))
        parts.append(cost)
        self.set_idle(" · ".join(parts))

    def show_spending(self, backend: str, server: str, ledger: Ledger, limit_usd: float) -> None:
        """What requests cost with ``backend`` at ``server`` ("" is OpenAI itself)."""
        if backend == "local":
            self.spending.setText(self.tr("Free on this computer"))
        elif is_openai_address(server or OPENAI_API_URL):
            spent, limit = format_usd(ledger.month_total()), format_usd(limit_usd)
            self.spending.setText(self.tr("This month: %s of %s") % (spent, limit))
        else:
            self.spending.setText("")

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
