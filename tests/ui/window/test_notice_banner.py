"""The window always opens: over a damaged or newer history, with its notice in a banner."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sqlite3
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from blogideas_gui.core.backends.base import GenerationOptions
from blogideas_gui.core.backends.local import LocalBackend
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.common.notices import report
from blogideas_gui.core.history.schema import SCHEMA_VERSION
from blogideas_gui.core.history.store import default_history_path
from blogideas_gui.ui.window.main_window import MainWindow
from tests.support.full_disk import fill, small_disk

SHOTS = Path("/tmp/shots")


def open_window(qtbot: QtBot) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.mark.usefixtures("korean")
def test_the_window_opens_over_a_damaged_history_and_says_so(qtbot: QtBot) -> None:
    path = default_history_path()
    path.write_bytes(os.urandom(8192))
    window = open_window(qtbot)
    qtbot.waitUntil(window.notices.isVisible)
    text = window.notices.text.text()
    assert "기록 파일이 손상되어" in text and ".damaged-" in text
    [aside] = path.parent.glob("history.sqlite3.damaged-*")
    assert aside.name in text and len(aside.read_bytes()) == 8192
    assert window.sidebar.isVisible() and window.form.generate_button.isEnabled()
    SHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SHOTS / "damaged-history-ko.png"))
    qtbot.mouseClick(window.notices.close_button, Qt.MouseButton.LeftButton)
    assert not window.notices.isVisible()


def test_the_window_opens_over_a_newer_history_and_leaves_it_alone(qtbot: QtBot) -> None:
    path = default_history_path()
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    window = open_window(qtbot)
    qtbot.waitUntil(window.notices.isVisible)
    assert "newer version of BlogIdeas" in window.notices.text.text()
    assert window.store.in_memory
    window.close()
    assert path.read_bytes() == before


def test_a_notice_from_another_thread_reaches_the_banner(qtbot: QtBot) -> None:
    """A history write on the generation thread may meet the full disk."""
    window = open_window(qtbot)
    assert not window.notices.isVisible()
    notice = BlogIdeasError(ErrorKind.DISK_FULL, "/data")
    worker = threading.Thread(target=report, args=(notice,))
    worker.start()
    worker.join()
    qtbot.waitUntil(window.notices.isVisible)
    assert "Not enough free disk space (/data)" in window.notices.text.text()
    report(notice)  # said once: the banner does not repeat it
    qtbot.mouseClick(window.notices.close_button, Qt.MouseButton.LeftButton)
    report(notice)
    assert not window.notices.isVisible()


def test_a_full_disk_mid_session_is_one_notice_and_the_answer_is_whole(
    qtbot: QtBot, local_backend: LocalBackend, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real 1 MiB filesystem, filled after the window opened, and the real engine."""
    with small_disk(tmp_path / "disk") as folder:
        monkeypatch.setenv("BLOGIDEAS_HOME", str(folder))
        window = MainWindow(
            backend_factory=lambda name, model, base_url: local_backend,
            language="en",
            options=GenerationOptions(max_tokens=80, seed=3),
        )
        qtbot.addWidget(window)
        window.show()
        fill(folder)
        qtbot.keyClicks(window.form.topic, "coffee at home")
        qtbot.mouseClick(window.form.generate_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not window.is_generating, timeout=300_000)
        assert window.answer.markdown.markdown().strip()
        assert window.form.message.text() == ""  # no error: the answer is whole
        qtbot.waitUntil(window.notices.isVisible)
        [line] = window.notices.text.text().splitlines()
        assert "Not enough free disk space" in line
        assert window.store.in_memory and len(window.store.list_sessions()) == 1
        window.close()


def test_settings_the_full_disk_refuses_stay_in_use_and_the_banner_says_so(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real 1 MiB filesystem, full before the new settings are saved."""
    with small_disk(tmp_path / "disk") as folder:
        monkeypatch.setenv("BLOGIDEAS_HOME", str(folder))
        window = MainWindow(language="en")
        qtbot.addWidget(window)
        window.show()
        fill(folder)
        changed = dataclasses.replace(window.settings, monthly_budget_usd=3.0)
        window.apply_settings(changed)
        assert window.settings.monthly_budget_usd == 3.0
        qtbot.waitUntil(window.notices.isVisible)
        [line] = window.notices.text.text().splitlines()
        assert "Not enough free disk space" in line
        window.close()
