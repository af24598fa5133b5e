"""The two checks every test runs under can fail: a Qt warning, a thread left running."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).parents[2]

CASES = textwrap.dedent(
    """
    import threading

    from PySide6.QtCore import QThread, qWarning

    from tests.support.qt_checks import _no_qt_warnings, _no_threads_left  # noqa: F401


    def test_qt_warns() -> None:
        qWarning("QObject: something Qt survived")


    def test_a_python_thread_is_left() -> None:
        stop = threading.Event()
        threading.Thread(target=stop.wait, args=(30,), name="left-behind", daemon=True).start()


    def test_a_qthread_is_left() -> None:
        class Forever(QThread):
            def run(self) -> None:
                self.msleep(30_000)

        global left
        left = Forever()
        left.setObjectName("left-qthread")
        left.start()


    def test_a_clean_test_passes() -> None:
        thread = threading.Thread(target=lambda: None)
        thread.start()
        thread.join()
    """
)


def test_a_qt_warning_or_a_thread_left_running_fails_the_test(tmp_path: Path) -> None:
    (tmp_path / "test_cases.py").write_text(CASES, encoding="utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")  # not the project's
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "test_cases.py", "-q", "-p", "no:cacheprovider", "--no-qt-log"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, env=environment,
    )  # fmt: skip
    out = result.stdout + result.stderr
    assert "QObject: something Qt survived" in out
    assert "thread left-behind" in out
    assert "QThread left-qthread" in out
    assert "3 errors" in out and "test_a_clean_test_passes - " not in out, out[-2000:]
    assert result.returncode == 1
