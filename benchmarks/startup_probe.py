"""Start-up and memory, measured in a fresh process running the real entry point.

The parent (:func:`run_probe`) notes the monotonic clock just before it
starts ``python benchmarks/startup_probe.py``; the child runs
``blogideas_gui.app.main([])`` exactly as ``python -m blogideas_gui`` does,
with one zero-delay timer queued beforehand. That timer fires on the event
loop's first turn, i.e. right after ``window.show()``. From there the child
reads its resident memory, asks the starter model for an answer as a user
would (topic, Generate), notes when text appears, stops, and prints one JSON
line. CLOCK_MONOTONIC is system-wide on Linux, so both clocks compare.

Each probe gets its own empty ``BLOGIDEAS_HOME``. A returning user's start
has a settings file saying the first-run guide is done; a first start has
none, so the guide opens right after the window, as it would for a new user.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

MARK = "BENCHMARK-PROBE "
REPO = Path(__file__).resolve().parent.parent
PROBE_TOPIC = "home coffee brewing"
IDLE_SETTLE_MS = 500


def _now() -> float:
    return time.clock_gettime(time.CLOCK_MONOTONIC)


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def child(mode: str) -> None:
    """Run the app; ``mode`` is ``startup`` (generate at once) or ``memory`` (settle first)."""
    from PySide6.QtCore import QEvent, QObject, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    # run_gui reuses an existing QApplication; it is made here only so that the
    # timer below can be queued before run_gui shows the window.
    app = QApplication(["blogideas"])
    figures: dict[str, object] = {"mode": mode}

    class Probe(QObject):
        """Drives the shown window and records the moments that matter."""

        def __init__(self) -> None:
            super().__init__()
            self.window: object = None

        def shown(self) -> None:
            figures["shown_at"] = _now()
            figures["rss_shown_mb"] = _rss_mb()
            figures["engine_imported_at_show"] = "llama_cpp" in sys.modules
            from blogideas_gui.ui.window.main_window import MainWindow

            windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
            self.window = windows[0]
            figures["window_visible"] = windows[0].isVisible()
            if mode == "memory":
                self.watch_idle()
            else:
                self.generate()

        def watch_idle(self) -> None:
            """Tick every 5 ms for a while: the latest tick is the GUI's longest busy spell."""
            self.longest_ms = 0.0
            self.previous = _now()
            self.ticker = QTimer(self)
            self.ticker.setTimerType(Qt.TimerType.PreciseTimer)
            self.ticker.setInterval(5)
            self.ticker.timeout.connect(self.tick)
            self.ticker.start()

        def tick(self) -> None:
            now = _now()
            self.longest_ms = max(self.longest_ms, (now - self.previous) * 1000 - 5)
            self.previous = now
            if (now - figures["shown_at"]) * 1000 >= IDLE_SETTLE_MS:  # type: ignore[operator]
                self.ticker.stop()
                self.idle()

        def idle(self) -> None:
            figures["busy_after_show_ms"] = self.longest_ms
            figures["rss_idle_mb"] = _rss_mb()
            self.generate()

        def generate(self) -> None:
            window = self.window
            window.answer.markdown.document().contentsChanged.connect(self.changed)  # type: ignore[attr-defined]
            window.form.generate_button.installEventFilter(self)  # type: ignore[attr-defined]
            window.form.language.setCurrentIndex(window.form.language.findData("en"))  # type: ignore[attr-defined]
            window.form.topic.setPlainText(PROBE_TOPIC)  # type: ignore[attr-defined]
            figures["generate_at"] = _now()
            window.start_generation()  # type: ignore[attr-defined]

        def changed(self) -> None:
            window = self.window
            if "first_token_at" in figures or window.answer.markdown.document().isEmpty():  # type: ignore[attr-defined]
                return
            figures["first_token_at"] = _now()
            window.stop_generation()  # type: ignore[attr-defined]

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
            window = self.window
            if (
                event.type() == QEvent.Type.EnabledChange
                and window.form.generate_button.isEnabled()  # type: ignore[attr-defined]
                and not window.is_generating  # type: ignore[attr-defined]
            ):
                figures["rss_loaded_mb"] = _rss_mb()
                figures["error"] = window.form.message.text()  # type: ignore[attr-defined]
                app.quit()
            return False

    probe = Probe()
    QTimer.singleShot(0, probe.shown)
    from blogideas_gui.app import main

    main([])
    print(MARK + json.dumps(figures), flush=True)
    # Skip interpreter teardown: the figures are out, and Qt's exit order is not measured.
    os._exit(0)


def prepare_home(first_start: bool) -> Path:
    """An empty data folder; for a returning user, with the guide marked done."""
    home = Path(tempfile.mkdtemp(prefix="blogideas-probe-"))
    if not first_start:
        previous = os.environ.get("BLOGIDEAS_HOME")
        os.environ["BLOGIDEAS_HOME"] = str(home)
        try:
            from blogideas_gui.core.settings.preferences import Settings, save_settings

            save_settings(Settings(first_run_done=True))
        finally:
            if previous is None:
                del os.environ["BLOGIDEAS_HOME"]
            else:
                os.environ["BLOGIDEAS_HOME"] = previous
    return home


def run_probe(mode: str, first_start: bool = False, timeout_s: float = 120.0) -> dict[str, float]:
    """Start a probe process and return its figures, relative to process start."""
    env = dict(os.environ, BLOGIDEAS_HOME=str(prepare_home(first_start)))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    from benchmarks.common import run_child

    started = _now()
    code, out, err = run_child(
        [sys.executable, str(Path(__file__).resolve()), mode], env, timeout_s
    )
    lines = [line for line in out.splitlines() if line.startswith(MARK)]
    if not lines:
        raise RuntimeError(f"start-up probe failed (exit {code}): {err[-2000:]}")
    raw = json.loads(lines[-1][len(MARK) :])
    if raw.get("error"):
        raise RuntimeError(f"start-up probe: the window said {raw['error']!r}")
    result: dict[str, float] = {
        "shown_s": raw["shown_at"] - started,
        "first_token_s": raw["first_token_at"] - started,
        "first_token_after_click_s": raw["first_token_at"] - raw["generate_at"],
        "rss_shown_mb": raw["rss_shown_mb"],
        "rss_loaded_mb": raw["rss_loaded_mb"],
        "engine_imported_at_show": float(bool(raw["engine_imported_at_show"])),
    }
    for optional in ("rss_idle_mb", "busy_after_show_ms"):
        if optional in raw:
            result[optional] = raw[optional]
    return result


if __name__ == "__main__":
    child(sys.argv[1] if len(sys.argv) > 1 else "startup")
