"""The app's own path: a real offscreen MainWindow, timed where the user looks.

The clock starts at ``start_generation()`` and stops when text appears in
the window's document, so the worker thread, the signal hop and the batched
Markdown rendering are all inside the figure. Nothing in the app is patched;
the window gets its backend from the ``backend_factory`` it accepts.
"""

from __future__ import annotations

import gc
import time
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

from benchmarks.common import BenchmarkBackend, DisturbedError, Workload, is_disturbed, rate
from blogideas_gui.core.backends.base import Backend
from blogideas_gui.core.writing.prompts import IdeaRequest
from blogideas_gui.ui.window.main_window import MainWindow

REQUEST_TIMEOUT_MS = 180_000


class StallMeter(QObject):
    """A high-frequency GUI-thread timer that measures its own lateness.

    Every tick should come ``interval_ms`` after the previous one; whatever
    is beyond that is time the GUI thread spent not processing events.
    """

    def __init__(self, interval_ms: int = 2) -> None:
        super().__init__()
        self.interval_ms = interval_ms
        self.lateness_ms: list[float] = []
        self._previous = 0.0
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        """Start measuring from now."""
        self.lateness_ms = []
        self._previous = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        """Stop the timer; the figures stay."""
        self._timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.lateness_ms.append(max(0.0, (now - self._previous) * 1000 - self.interval_ms))
        self._previous = now

    @property
    def longest_ms(self) -> float:
        """The longest the GUI thread went without serving this timer."""
        return max(self.lateness_ms, default=0.0)

    def over(self, limit_ms: float) -> int:
        """How many ticks came more than ``limit_ms`` late."""
        return sum(1 for late in self.lateness_ms if late > limit_ms)


@dataclass
class AppFigures:
    """One request through the window."""

    first_token_s: float | None
    tokens: int
    tokens_per_s: float | None
    worker_first_token_s: float | None
    worker_tokens_per_s: float | None
    last_render_ms: float
    final_render_ms: float
    renders: int
    gui_cpu_s: float
    stall: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        """Plain numbers for results.json."""
        return dict(self.__dict__)


class RequestWatcher(QObject):
    """Notes when text shows in the document and when the window is idle again.

    Both are observed through public parts only: the document's
    ``contentsChanged`` signal, and the Generate button being enabled again
    (an ``EnabledChange`` event), which the window does once the worker ended.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window = window
        self.loop = QEventLoop()
        self.changes: list[tuple[float, bool, int]] = []
        self.abandoned = False
        window.form.generate_button.installEventFilter(self)
        window.answer.markdown.document().contentsChanged.connect(self._changed)

    def _changed(self) -> None:
        if is_disturbed() and not self.abandoned:
            # Neighbours took the CPU: stop as a user would, and take the sample again.
            self.abandoned = True
            self.window.stop_generation()
        document = self.window.answer.markdown.document()
        self.changes.append(
            (
                time.perf_counter(),
                not document.isEmpty(),
                len(self.window.answer.markdown.markdown()),
            )
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Leave the loop when the Generate button comes back after a request."""
        if (
            event.type() == QEvent.Type.EnabledChange
            and self.window.form.generate_button.isEnabled()
            and not self.window.is_generating
        ):
            self.loop.quit()
        return False

    def run(self, request: IdeaRequest, stall: StallMeter | None = None) -> AppFigures:
        """Type the request into the window, press Generate and wait for the end."""
        window = self.window
        window.form.topic.setPlainText(request.topic)
        window.form.count.setValue(request.count)
        window.form.language.setCurrentIndex(window.form.language.findData(request.language))
        renders_before = window.answer.markdown.render_count
        guard = QTimer(self)
        guard.setSingleShot(True)
        guard.timeout.connect(self.loop.quit)
        guard.start(REQUEST_TIMEOUT_MS)
        if stall is not None:
            stall.start()
        self.changes = []
        self.abandoned = False
        started = time.perf_counter()
        cpu_started = time.thread_time()
        window.start_generation()
        if not window.is_generating:
            raise RuntimeError(f"the window did not start: {window.form.message.text()!r}")
        self.loop.exec()
        gui_cpu = time.thread_time() - cpu_started
        guard.stop()
        if stall is not None:
            stall.stop()
        if self.abandoned:
            raise DisturbedError()
        result = window.session.last_result
        if result is None or window.is_generating:
            raise RuntimeError(f"the request did not end: {window.form.message.text()!r}")
        shown = [moment for moment, filled, _ in self.changes if filled]
        final = len(result.markdown)
        complete = [moment for moment, filled, size in self.changes if filled and size >= final]
        first = shown[0] if shown else None
        last = complete[0] if complete else None
        tokens = result.usage.completion_tokens
        figures = AppFigures(
            first_token_s=None if first is None else first - started,
            tokens=tokens,
            tokens_per_s=rate(tokens, first, last),
            worker_first_token_s=result.first_token_seconds,
            worker_tokens_per_s=result.tokens_per_second,
            last_render_ms=window.answer.markdown.last_render_ms,
            final_render_ms=window.answer.markdown.final_render_ms,
            renders=window.answer.markdown.render_count - renders_before,
            gui_cpu_s=gui_cpu,
        )
        if stall is not None:
            figures.stall = {
                "longest_ms": stall.longest_ms,
                "ticks": float(len(stall.lateness_ms)),
                "over_30ms": float(stall.over(30.0)),
                "over_16ms": float(stall.over(16.0)),
            }
        return figures


def _open_window(
    workload: Workload, long: bool = False
) -> tuple[MainWindow, list[BenchmarkBackend]]:
    """A shown window whose local backends (kept in the list) the benchmark builds.

    The window gets the benchmark's seed and length through its ``options``
    argument and its history store under ``BLOGIDEAS_HOME``, so every request
    is recorded as a user's would be. MainWindow takes its options once, so
    for the long answer the backend's override gives the longer limit.
    """
    backends: list[BenchmarkBackend] = []

    def factory(name: str, model: str | None, base_url: str | None) -> Backend:
        if name != "local":
            raise ValueError(f"the benchmark window only uses the local backend, not {name}")
        backend = BenchmarkBackend(workload)
        if long:
            backend.override = workload.options(long=True)
        backends.append(backend)
        return backend

    window = MainWindow(backend_factory=factory, language="en", options=workload.options())
    window.show()
    _app().processEvents()
    return window, backends


def _app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication), "create the QApplication first"
    return app


def _close_window(window: MainWindow) -> None:
    """Close as a user would: closeEvent frees the model and closes the history store."""
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    _app().processEvents()
    gc.collect()


def run_app(
    workload: Workload, cold: IdeaRequest, warm: dict[str, IdeaRequest]
) -> dict[str, AppFigures]:
    """A new window with a fresh backend, then a cold request and the warm ones."""
    window, backends = _open_window(workload)
    try:
        watcher = RequestWatcher(window)
        results = {"cold": watcher.run(cold)}
        for name, request in warm.items():
            results[name] = watcher.run(request)
        if len(backends) != 1:
            raise RuntimeError("the window made more than one backend; the model was reloaded")
    finally:
        _close_window(window)
    return results


def run_app_long(workload: Workload, long: IdeaRequest) -> dict[str, AppFigures]:
    """A new window and the long answer twice: once for speed, once with the stall meter.

    The meter's 2 ms timer wakes the GUI thread 500 times a second, which on
    2 cores takes time from llama.cpp, so the speed and CPU figures come from
    the first answer, without it; the second (same window, the role prompt
    already evaluated) measures the stalls.
    """
    window, _backends = _open_window(workload, long=True)
    try:
        watcher = RequestWatcher(window)
        results = {"long": watcher.run(long), "long_meter": watcher.run(long, stall=StallMeter())}
    finally:
        _close_window(window)
    return results
