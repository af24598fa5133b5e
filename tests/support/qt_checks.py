"""Two checks on every test, after qutebrowser's and napari's: Qt warnings and leftover threads.

A Qt warning ("QThread: Destroyed while thread is still running", "QObject:
Cannot create children for a parent that is in a different thread", ...) is
a bug Qt noticed and survived; qutebrowser fails a test on it. Our own
message handler sees every warning, also while pytest-qt closes the test's
widgets (its own capture has stopped by then), so pytest-qt's capture is
turned off (``--no-qt-log`` in pyproject.toml) and this one stands in.

A thread left running outlives its test and can crash the next one, as
napari's conftest says; every QThread started from Python during a test and
every new Python thread must have ended by the test's teardown.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QMessageLogContext, QThread, QtMsgType, qInstallMessageHandler

# Warnings that are not bugs of ours, each with why.
EXPECTED_QT_WARNINGS = (
    # The offscreen platform plugin (the tests' screen) cannot size or raise
    # windows as a desktop does, and says so; a desktop does both.
    re.compile(r"^This plugin does not support (propagateSizeHints|raise)\(\)"),
)
_FAILING = (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
THREAD_GRACE_SECONDS = 5.0

_qt_warnings: list[str] = []
_qthreads: weakref.WeakSet[QThread] = weakref.WeakSet()


def _record_qt_message(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Keep every warning, from any thread, for the running test's teardown."""
    del context
    if mode in _FAILING and not any(p.search(message) for p in EXPECTED_QT_WARNINGS):
        _qt_warnings.append(f"{mode.name}: {message}")


qInstallMessageHandler(_record_qt_message)


def started_qthreads() -> list[QThread]:
    """The QThreads started from Python during the running test."""
    return list(_qthreads)


@pytest.fixture(autouse=True)
def _no_qt_warnings() -> Iterator[None]:
    """Fail a test during which Qt warned (its widgets' closing included)."""
    _qt_warnings.clear()
    yield
    warnings, _qt_warnings[:] = list(_qt_warnings), []
    if warnings:
        pytest.fail("Qt warned during the test:\n" + "\n".join(warnings), pytrace=False)


@pytest.fixture(autouse=True)
def _no_threads_left(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail a test that leaves a QThread or a Python thread running."""
    start = QThread.start

    def tracked_start(thread: QThread, *args: object) -> None:
        _qthreads.add(thread)
        start(thread, *args)

    monkeypatch.setattr(QThread, "start", tracked_start)
    before = set(threading.enumerate())
    yield
    left = [f"QThread {t.objectName() or '?'}" for t in _qthreads if not t.wait(2000)]
    for thread in set(threading.enumerate()) - before:
        # A thread Python did not start (a QThread running Python code) shows
        # as a dummy that never ends; the QThread check above covers those.
        if isinstance(thread, threading._DummyThread):
            continue
        thread.join(THREAD_GRACE_SECONDS)
        if thread.is_alive():
            left.append(f"thread {thread.name}")
    _qthreads.clear()
    if left:
        pytest.fail("the test left threads running: " + ", ".join(left), pytrace=False)
