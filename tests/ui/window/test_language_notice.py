"""The language notice in the real window: said before generating, with its two ways out.

The window runs the real starter model (English only) as its local model; the recommended
Korean writer is served by the loopback fake hub (a real GGUF file written by llama.cpp's
writer), so "get it" downloads for real in the model manager.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from blogideas_gui.core.models.catalog import find_entry, load_catalog
from blogideas_gui.core.models.installed import find_installed, record_installed
from blogideas_gui.core.models.speed import Probe, SpeedBook, save_book
from blogideas_gui.ui.window.main_window import MainWindow
from tests.support.hf_hub_server import FakeHub

# The speed as measured before: the starter at 170 tokens a second (2 cores, llama-bench).
SPEEDS = SpeedBook(Probe(170.0, 170.0, 490.0, 98_362_432, 2, time.time()))
PICK = "exaone-3.5-2.4b-instruct"  # the best Korean writer that fits and feels live then


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    save_book(SPEEDS)
    window = MainWindow(language="ko")
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]


def choose_language(window: MainWindow, code: str) -> None:
    window.form.language.setCurrentIndex(window.form.language.findData(code))


def test_korean_with_the_starter_is_said_before_generating(
    qtbot: QtBot, window: MainWindow
) -> None:
    notice = window.language_notice
    assert window.form.backend.currentData() == "local" and window.engine.local_model_file is None
    assert notice.isVisible()
    assert "cannot write good Korean" in notice.text.text()
    entry = find_entry(load_catalog(), PICK)
    assert entry is not None and notice.recommended == entry
    assert entry.name in notice.get_button.text() and "1.6 GB" in notice.get_button.text()

    click(qtbot, notice.english_button)  # way out 1: write in English
    assert window.form.language.currentData() == "en" and not notice.isVisible()
    choose_language(window, "ko")
    assert notice.isVisible()

    window.form.backend.setCurrentIndex(window.form.backend.findData("openai"))
    assert not notice.isVisible()  # OpenAI writes Korean
    window.form.backend.setCurrentIndex(window.form.backend.findData("local"))
    assert notice.isVisible()


def test_a_korean_writer_as_local_model_needs_no_notice(
    qtbot: QtBot, window: MainWindow, small_gguf: Path, tmp_path: Path
) -> None:
    entry = find_entry(load_catalog(), PICK)
    assert entry is not None
    path = tmp_path / entry.file
    path.write_bytes(small_gguf.read_bytes())
    model = record_installed(path, source="imported", folder=tmp_path)
    window.engine.use_local_model_file(model)
    assert not window.language_notice.isVisible()
    window.engine.use_local_model_file(None)  # back to the starter
    assert window.language_notice.isVisible()


def test_get_the_recommended_model_downloads_it_in_the_model_manager(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, small_gguf: Path
) -> None:
    entry = find_entry(load_catalog(), PICK)
    assert entry is not None
    with FakeHub() as hub:
        hub.add_file(entry.repo, entry.file, small_gguf)
        monkeypatch.setenv("HF_ENDPOINT", hub.endpoint)
        monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")
        click(qtbot, window.language_notice.get_button)  # way out 2: get the model
        manager = window.open_model_manager()
        row = manager.rows[PICK]
        assert manager.isVisible()
        qtbot.waitUntil(lambda: find_installed(PICK) is not None, timeout=60_000)
        qtbot.waitUntil(lambda: not row.is_downloading, timeout=10_000)
    assert row.status.text() == "Installed"


def test_the_topic_box_has_the_focus_at_start_and_after_the_guide(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.focusWidget() is window.form.topic
    window.form.count.setFocus()
    guide = window.open_guide()
    with qtbot.waitSignal(guide.finished):
        click(qtbot, guide.later_button)  # type: ignore[attr-defined]
    assert window.focusWidget() is window.form.topic
