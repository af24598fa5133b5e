"""History in the real window: sidebar, idea cards, star, expand, export, kill-safety."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from blogideas_gui.core.backends.base import Backend, GenerationOptions
from blogideas_gui.core.backends.local import LocalBackend
from blogideas_gui.core.backends.openai_api import OpenAIBackend
from blogideas_gui.core.history.store import HistoryStore
from blogideas_gui.core.writing.ideas import parse_ideas
from blogideas_gui.core.writing.prompts import IdeaRequest
from blogideas_gui.ui.window.history_actions import Dialogs
from blogideas_gui.ui.window.main_window import MainWindow

DATA = Path(__file__).parents[2] / "support" / "data"


def finished_session(store: HistoryStore, topic: str) -> int:
    """A session as a real generation leaves it, from a recorded starter-model answer."""
    markdown = (DATA / "smollm2_answer_en.md").read_text(encoding="utf-8")
    request = IdeaRequest(topic, 5, "en")
    session_id = store.start(request, "local", "SmolLM2")
    store.finish(
        session_id, markdown, parse_ideas(markdown), prompt_tokens=200, completion_tokens=300,
        cost_usd=0.0, seconds=4.0,
    )  # fmt: skip
    return session_id


class ScriptedDialogs(Dialogs):
    """The file and question dialogs, answered as the test says (a modal one would wait forever)."""

    def __init__(self) -> None:
        self.save_path = ""
        self.yes = False

    def ask_save_path(self, parent: QWidget, title: str, name: str) -> str:
        return self.save_path

    def confirm(self, parent: QWidget, title: str, text: str) -> bool:
        return self.yes


@pytest.fixture
def dialogs() -> ScriptedDialogs:
    return ScriptedDialogs()


@pytest.fixture
def window(
    qtbot: QtBot, local_backend: LocalBackend, dialogs: ScriptedDialogs
) -> Iterator[MainWindow]:
    def factory(name: str, model: str | None, base_url: str | None) -> Backend:
        if name == "local":
            return local_backend
        return OpenAIBackend(model=model or "smollm2", base_url=base_url)

    win = MainWindow(
        backend_factory=factory, language="en", options=GenerationOptions(max_tokens=120, seed=3),
        dialogs=dialogs,
    )  # fmt: skip
    qtbot.addWidget(win)
    win.show()
    yield win
    assert not win.is_generating


def open_first(qtbot: QtBot, window: MainWindow) -> None:
    item = window.sidebar.sessions.item(0)
    rect = window.sidebar.sessions.visualItemRect(item)
    qtbot.mouseClick(
        window.sidebar.sessions.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
    )


def test_sidebar_lists_newest_first_searches_and_opens_a_session(
    qtbot: QtBot, window: MainWindow
) -> None:
    first = finished_session(window.store, "home coffee brewing")
    second = finished_session(window.store, "autumn hiking")
    window.sidebar.refresh()
    assert window.sidebar.sessions.count() == 2
    assert window.sidebar.sessions.item(0).text().startswith("autumn hiking")
    qtbot.keyClicks(window.sidebar.search, "home")
    qtbot.waitUntil(lambda: window.sidebar.sessions.count() == 1, timeout=2000)
    open_first(qtbot, window)
    assert window.session.shown is not None and window.session.shown.id == first != second
    assert window.form.topic.toPlainText() == "home coffee brewing"
    assert len(window.answer.cards.cards) == 5
    assert window.answer.cards.cards[1].title.text().endswith("Coffee with lemon</b>")
    assert "Coffee with lemon" in window.answer.markdown.toPlainText()


def test_star_then_favourites_view_and_export(
    qtbot: QtBot, window: MainWindow, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    session_id = finished_session(window.store, "home coffee brewing")
    window.sidebar.refresh()
    open_first(qtbot, window)
    qtbot.mouseClick(window.answer.cards.cards[1].star, Qt.MouseButton.LeftButton)
    [favourite] = window.store.favourites()
    assert (favourite.session_id, favourite.idea_index) == (session_id, 1)
    qtbot.mouseClick(window.sidebar.favourites_button, Qt.MouseButton.LeftButton)
    assert "Coffee with lemon" in window.answer.markdown.toPlainText()
    assert "DIY coffee brewing" not in window.answer.markdown.toPlainText()

    target = tmp_path / "favourites.md"
    dialogs.save_path = str(target)
    window.history.export_favourites_action.trigger()
    assert "Coffee with lemon" in target.read_text(encoding="utf-8")

    open_first(qtbot, window)
    session_file = tmp_path / "session.md"
    dialogs.save_path = str(session_file)
    window.history.export_session_action.trigger()
    exported = session_file.read_text(encoding="utf-8")
    assert exported.startswith("# home coffee brewing")
    assert "DIY coffee brewing" in exported

    window.answer.copy_text_action.trigger()
    copied = QGuiApplication.clipboard().text()
    assert "Coffee with lemon" in copied and "**" not in copied and "## " not in copied
    qtbot.mouseClick(window.answer.cards.cards[0].copy, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text().startswith("## DIY coffee brewing")


def test_export_to_an_unwritable_place_says_so_in_one_line(
    qtbot: QtBot, window: MainWindow, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    finished_session(window.store, "tea")
    window.sidebar.refresh()
    open_first(qtbot, window)
    dialogs.save_path = str(tmp_path / "missing" / "x.md")
    window.history.export_session_action.trigger()
    assert "x.md" in window.form.message.text() and "\n" not in window.form.message.text()


def test_expand_an_idea_into_an_outline_on_the_starter_model(
    qtbot: QtBot, window: MainWindow
) -> None:
    session_id = finished_session(window.store, "home coffee brewing")
    window.sidebar.refresh()
    open_first(qtbot, window)
    window.answer.cards.cards[0].outline_action.trigger()
    assert window.is_generating
    qtbot.waitUntil(lambda: not window.is_generating, timeout=300_000)
    [expansion] = window.store.expansions(session_id)
    assert (expansion.idea_index, expansion.kind, expansion.status) == (0, "outline", "finished")
    assert len(expansion.markdown) > 20
    assert "Outline: DIY coffee brewing" in window.answer.markdown.markdown()
    assert window.answer.markdown.markdown().endswith(expansion.markdown)


def test_expand_an_idea_into_a_draft_through_the_openai_backend(
    qtbot: QtBot, window: MainWindow, llama_server: str
) -> None:
    session_id = finished_session(window.store, "home coffee brewing")
    window.sidebar.refresh()
    open_first(qtbot, window)
    window.form.backend.setCurrentIndex(window.form.backend.findData("openai"))
    window.form.server.setText(llama_server)
    window.form.server_model_name.setText("smollm2")
    window.answer.cards.cards[2].draft_action.trigger()
    qtbot.waitUntil(lambda: not window.is_generating, timeout=300_000)
    assert window.form.message.text() == ""
    [expansion] = window.store.expansions(session_id)
    assert (expansion.idea_index, expansion.kind, expansion.status) == (2, "draft", "finished")
    assert expansion.markdown


def test_a_generation_is_recorded(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.form.topic, "gardening")
    qtbot.mouseClick(window.form.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.is_generating, timeout=300_000)
    assert window.session.last_result is not None and window.session.shown is not None
    stored = window.store.get(window.session.shown.id)
    assert stored is not None and stored.status == "finished"
    assert stored.markdown == window.session.last_result.markdown
    assert window.sidebar.sessions.item(0).text().startswith("gardening")


def test_a_stopped_generation_is_marked(qtbot: QtBot, local_backend: LocalBackend) -> None:
    window = MainWindow(
        backend_factory=lambda *_: local_backend, language="en",
        options=GenerationOptions(max_tokens=2000, seed=1),
    )  # fmt: skip
    qtbot.addWidget(window)
    window.show()
    qtbot.keyClicks(window.form.topic, "baking")
    qtbot.mouseClick(window.form.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(window.answer.markdown.markdown()) > 10, timeout=180_000)
    qtbot.mouseClick(window.form.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.is_generating, timeout=2000)
    assert window.session.shown is not None
    stopped = window.store.get(window.session.shown.id)
    assert stopped is not None and stopped.status == "stopped"
    assert stopped.markdown == window.answer.markdown.markdown()


def test_delete_one_and_all(qtbot: QtBot, window: MainWindow, dialogs: ScriptedDialogs) -> None:
    finished_session(window.store, "one")
    finished_session(window.store, "two")
    window.sidebar.refresh()
    dialogs.yes = False
    open_first(qtbot, window)
    qtbot.mouseClick(window.sidebar.delete_button, Qt.MouseButton.LeftButton)
    assert window.sidebar.sessions.count() == 2
    dialogs.yes = True
    qtbot.mouseClick(window.sidebar.delete_button, Qt.MouseButton.LeftButton)
    assert [s.topic for s in window.store.list_sessions()] == ["one"]
    qtbot.mouseClick(window.sidebar.delete_all_button, Qt.MouseButton.LeftButton)
    assert window.store.list_sessions() == []
    assert window.sidebar.sessions.count() == 0


@pytest.mark.slow
def test_killing_the_app_mid_generation_loses_nothing_shown(tmp_path: Path) -> None:
    shown_file = tmp_path / "shown.md"
    env = {**os.environ, "BLOGIDEAS_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen(
        [
            sys.executable,
            str(Path(__file__).parents[2] / "support" / "gui_kill_child.py"),
            str(shown_file),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if shown_file.exists() and len(shown_file.read_text(encoding="utf-8")) > 150:
                break
            assert child.poll() is None, child.stderr.read() if child.stderr else ""
            time.sleep(0.05)
        shown = shown_file.read_text(encoding="utf-8")
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        if child.stderr:
            child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    assert len(shown) > 150
    database = tmp_path / "home" / "data" / "history.sqlite3"
    with sqlite3.connect(database) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    check.close()
    with HistoryStore(database) as store:
        [summary] = store.list_sessions()
        session = store.get(summary.id)
    assert session is not None
    assert session.status == "interrupted"
    assert session.markdown.startswith(shown)
