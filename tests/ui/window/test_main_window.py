"""The real window under pytest-qt, generating with the real starter model."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextBlock
from pytestqt.qtbot import QtBot

from blogideas_gui.core.backends.base import Backend, GenerationOptions
from blogideas_gui.core.backends.local import LocalBackend
from blogideas_gui.core.backends.openai_api import OpenAIBackend
from blogideas_gui.ui.window.main_window import MainWindow
from tests.support.qt_checks import started_qthreads

LONG = GenerationOptions(max_tokens=2000, seed=11)


def make_window(qtbot: QtBot, backend: LocalBackend, options: GenerationOptions) -> MainWindow:
    def factory(name: str, model: str | None, base_url: str | None) -> Backend:
        if name == "local":
            return backend
        return OpenAIBackend(model=model or "smollm2", base_url=base_url)

    window = MainWindow(backend_factory=factory, language="en", options=options)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def window(qtbot: QtBot, local_backend: LocalBackend) -> Iterator[MainWindow]:
    win = make_window(qtbot, local_backend, GenerationOptions(max_tokens=300, seed=2))
    yield win
    assert not win.is_generating, "a test left a generation running"


def blocks(window: MainWindow) -> Iterator[QTextBlock]:
    block = window.answer.markdown.document().begin()
    while block.isValid():
        yield block
        block = block.next()


def test_type_a_topic_generate_and_see_rendered_ideas(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.form.topic, "home coffee brewing")
    window.form.language.setCurrentIndex(window.form.language.findData("en"))
    qtbot.mouseClick(window.form.generate_button, Qt.MouseButton.LeftButton)
    assert window.is_generating
    assert not window.form.generate_button.isEnabled() and window.form.stop_button.isEnabled()
    # Text is rendered while it streams, not only at the end.
    qtbot.waitUntil(lambda: window.answer.markdown.render_count >= 3, timeout=180_000)
    assert window.is_generating
    qtbot.waitUntil(lambda: not window.is_generating, timeout=300_000)
    result = window.session.last_result
    assert result is not None and not result.stopped
    assert len(result.ideas) >= 1
    # Rendered as Markdown: list items or headings exist, no raw "## " or "- " markers.
    assert any(
        b.textList() is not None or b.blockFormat().headingLevel() > 0 for b in blocks(window)
    )
    plain = window.answer.markdown.toPlainText()
    assert "## " not in plain and "\n- " not in plain
    assert result.ideas[0].title.split()[0] in plain
    assert window.answer.markdown.markdown() == result.markdown
    status = window.status.text.text()
    assert "Done in" in status and "tokens/s" in status and "free" in status
    assert window.form.copy_button.isEnabled()
    qtbot.mouseClick(window.form.copy_button, Qt.MouseButton.LeftButton)
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == result.markdown


def test_stop_ends_generation_within_one_second(qtbot: QtBot, local_backend: LocalBackend) -> None:
    window = make_window(qtbot, local_backend, LONG)
    qtbot.keyClicks(window.form.topic, "a very long guide to travel in Korea")
    qtbot.mouseClick(window.form.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(window.answer.markdown.markdown()) > 40, timeout=180_000)
    shown = window.answer.markdown.markdown()
    with qtbot.waitSignal(window.session.busy_changed, timeout=1000):
        started = time.monotonic()
        qtbot.mouseClick(window.form.stop_button, Qt.MouseButton.LeftButton)
    assert time.monotonic() - started < 1.0
    qtbot.waitUntil(lambda: not window.is_generating, timeout=1000)
    assert window.session.last_result is not None and window.session.last_result.stopped
    # Nothing already shown is lost.
    assert window.answer.markdown.markdown().startswith(shown)
    assert "Stopped" in window.status.text.text()
    assert window.form.generate_button.isEnabled()


def test_keyboard_ctrl_enter_generates_and_escape_stops(
    qtbot: QtBot, local_backend: LocalBackend
) -> None:
    window = make_window(qtbot, local_backend, LONG)
    qtbot.keyClicks(window.form.topic, "cats")
    qtbot.keyClick(window.form.topic, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.is_generating
    qtbot.waitUntil(lambda: bool(window.answer.markdown.markdown()), timeout=180_000)
    qtbot.keyClick(window.form.topic, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.is_generating, timeout=1000)
    assert window.session.last_result is not None and window.session.last_result.stopped


def test_empty_topic_shows_a_message_and_starts_nothing(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.form.topic, "   ")
    qtbot.mouseClick(window.form.generate_button, Qt.MouseButton.LeftButton)
    assert not window.is_generating
    assert "topic is empty" in window.form.message.text() or "주제가" in window.form.message.text()


def test_closing_mid_generation_stops_the_worker(qtbot: QtBot, local_backend: LocalBackend) -> None:
    window = make_window(qtbot, local_backend, LONG)
    qtbot.keyClicks(window.form.topic, "bicycles")
    qtbot.mouseClick(window.form.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(window.answer.markdown.markdown()), timeout=180_000)
    window.close()
    # close() waited for the request and its thread (the conftest fails a test
    # that leaves a thread running): nothing is left behind the window.
    assert not window.is_generating
    assert not any(t.isRunning() for t in started_qthreads())


def test_generates_through_an_openai_compatible_server(
    qtbot: QtBot, window: MainWindow, llama_server: str
) -> None:
    window.form.backend.setCurrentIndex(window.form.backend.findData("openai"))
    assert window.form.server_row.isVisible()
    window.form.server.setText(llama_server)
    window.form.server_model_name.setText("smollm2")
    qtbot.keyClicks(window.form.topic, "hiking in autumn")
    qtbot.mouseClick(window.form.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.is_generating, timeout=300_000)
    assert window.form.message.text() == ""
    assert window.session.last_result is not None and window.session.last_result.backend == "openai"
    assert window.answer.markdown.markdown()
    assert "cost unknown" in window.status.text.text()


def test_unreachable_server_shows_one_plain_line(qtbot: QtBot, window: MainWindow) -> None:
    from tests.conftest import free_port

    window.form.backend.setCurrentIndex(window.form.backend.findData("openai"))
    window.form.server.setText(f"http://127.0.0.1:{free_port()}/v1")
    qtbot.keyClicks(window.form.topic, "coffee")
    qtbot.mouseClick(window.form.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.is_generating, timeout=30_000)
    message = window.form.message.text()
    assert "127.0.0.1" in message and "\n" not in message and "Traceback" not in message


def test_a_model_chosen_in_the_model_manager_is_used_to_generate(
    qtbot: QtBot, starter_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from blogideas_gui.core.models.installed import import_model
    from blogideas_gui.core.pipeline.factory import create_backend
    from blogideas_gui.ui.window import main_window

    made: list[Backend] = []  # the real backends the window makes, seen on their way

    def seen(name: str, **choices: Any) -> Backend:
        backend = create_backend(name, **choices)
        made.append(backend)
        return backend

    monkeypatch.setattr(main_window, "create_backend", seen)
    window = MainWindow(language="en", options=GenerationOptions(max_tokens=12, seed=1))
    qtbot.addWidget(window)
    window.show()
    installed = import_model(starter_model, link=True)
    dialog = window.open_model_manager()
    assert dialog.isVisible()
    installed_list = dialog.installed.list
    [row] = [
        installed_list.item(i)
        for i in range(installed_list.count())
        if installed.name in installed_list.item(i).text()
    ]
    rect = installed_list.visualItemRect(row)
    qtbot.mouseClick(installed_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseClick(dialog.installed.use_button, Qt.MouseButton.LeftButton)
    assert window.form.backend.currentData() == "local"
    assert installed.name in window.form.hint.text()
    dialog.engine.context_spin.selectAll()
    qtbot.keyClicks(dialog.engine.context_spin, "2048")
    assert dialog.engine.context_spin.value() == 2048
    qtbot.keyClicks(window.form.topic, "tea")
    qtbot.mouseClick(window.form.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.is_generating, timeout=180_000)
    assert window.form.message.text() == ""
    assert (
        window.session.last_result is not None
        and window.session.last_result.model == installed.name
    )
    backend = made[-1]  # the one the last settings made
    assert isinstance(backend, LocalBackend) and backend.n_ctx == 2048
    assert backend.model_path == installed.path
    window.close()
    assert not backend.is_loaded  # closing the window frees the model
