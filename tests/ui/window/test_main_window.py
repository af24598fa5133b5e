"""The real window under pytest-qt, generating with the real starter model."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextBlock
from pytestqt.qtbot import QtBot

from blogideas_gui.core.backends.base import Backend, GenerationOptions
from blogideas_gui.core.backends.local import LocalBackend
from blogideas_gui.core.backends.openai_api import OpenAIBackend
from blogideas_gui.ui.window.main_window import MainWindow

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
    block = window.output.document().begin()
    while block.isValid():
        yield block
        block = block.next()


def test_type_a_topic_generate_and_see_rendered_ideas(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.topic, "home coffee brewing")
    window.language.setCurrentIndex(window.language.findData("en"))
    qtbot.mouseClick(window.generate_button, Qt.MouseButton.LeftButton)
    assert window.is_generating
    assert not window.generate_button.isEnabled() and window.stop_button.isEnabled()
    # Text is rendered while it streams, not only at the end.
    qtbot.waitUntil(lambda: window.output.render_count >= 3, timeout=180_000)
    assert window.is_generating
    qtbot.waitUntil(lambda: not window.is_generating, timeout=300_000)
    result = window.last_result
    assert result is not None and not result.stopped
    assert len(result.ideas) >= 1
    # Rendered as Markdown: list items or headings exist, no raw "## " or "- " markers.
    assert any(
        b.textList() is not None or b.blockFormat().headingLevel() > 0 for b in blocks(window)
    )
    plain = window.output.toPlainText()
    assert "## " not in plain and "\n- " not in plain
    assert result.ideas[0].title.split()[0] in plain
    assert window.output.markdown() == result.markdown
    status = window.status.text.text()
    assert "Done in" in status and "tokens/s" in status and "free" in status
    assert window.copy_button.isEnabled()
    qtbot.mouseClick(window.copy_button, Qt.MouseButton.LeftButton)
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == result.markdown


def test_stop_ends_generation_within_one_second(qtbot: QtBot, local_backend: LocalBackend) -> None:
    window = make_window(qtbot, local_backend, LONG)
    qtbot.keyClicks(window.topic, "a very long guide to travel in Korea")
    qtbot.mouseClick(window.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(window.output.markdown()) > 40, timeout=180_000)
    job = window._job
    assert job is not None
    shown = window.output.markdown()
    with qtbot.waitSignal(job.worker.finished, timeout=1000):
        started = time.monotonic()
        qtbot.mouseClick(window.stop_button, Qt.MouseButton.LeftButton)
    assert time.monotonic() - started < 1.0
    qtbot.waitUntil(lambda: not window.is_generating, timeout=1000)
    assert window.last_result is not None and window.last_result.stopped
    # Nothing already shown is lost.
    assert window.output.markdown().startswith(shown)
    assert "Stopped" in window.status.text.text()
    assert window.generate_button.isEnabled()


def test_keyboard_ctrl_enter_generates_and_escape_stops(
    qtbot: QtBot, local_backend: LocalBackend
) -> None:
    window = make_window(qtbot, local_backend, LONG)
    qtbot.keyClicks(window.topic, "cats")
    qtbot.keyClick(window.topic, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.is_generating
    qtbot.waitUntil(lambda: bool(window.output.markdown()), timeout=180_000)
    qtbot.keyClick(window.topic, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.is_generating, timeout=1000)
    assert window.last_result is not None and window.last_result.stopped


def test_empty_topic_shows_a_message_and_starts_nothing(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.topic, "   ")
    qtbot.mouseClick(window.generate_button, Qt.MouseButton.LeftButton)
    assert not window.is_generating
    assert "topic is empty" in window.message.text() or "주제가" in window.message.text()


def test_closing_mid_generation_stops_the_worker(qtbot: QtBot, local_backend: LocalBackend) -> None:
    window = make_window(qtbot, local_backend, LONG)
    qtbot.keyClicks(window.topic, "bicycles")
    qtbot.mouseClick(window.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(window.output.markdown()), timeout=180_000)
    job = window._job
    assert job is not None
    window.close()
    # close() waited for the worker and its thread: nothing is left running behind the window.
    assert job.join(0)
    assert job.thread.isFinished()
    assert not window.is_generating


def test_generates_through_an_openai_compatible_server(
    qtbot: QtBot, window: MainWindow, llama_server: str
) -> None:
    window.backend.setCurrentIndex(window.backend.findData("openai"))
    assert window.server_row.isVisible()
    window.server.setText(llama_server)
    window.model_name.setText("smollm2")
    qtbot.keyClicks(window.topic, "hiking in autumn")
    qtbot.mouseClick(window.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.is_generating, timeout=300_000)
    assert window.message.text() == ""
    assert window.last_result is not None and window.last_result.backend == "openai"
    assert window.output.markdown()
    assert "cost unknown" in window.status.text.text()


def test_unreachable_server_shows_one_plain_line(qtbot: QtBot, window: MainWindow) -> None:
    from tests.conftest import free_port

    window.backend.setCurrentIndex(window.backend.findData("openai"))
    window.server.setText(f"http://127.0.0.1:{free_port()}/v1")
    qtbot.keyClicks(window.topic, "coffee")
    qtbot.mouseClick(window.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.is_generating, timeout=30_000)
    message = window.message.text()
    assert "127.0.0.1" in message and "\n" not in message and "Traceback" not in message


def test_a_model_chosen_in_the_model_manager_is_used_to_generate(
    qtbot: QtBot, starter_model: Path
) -> None:
    from blogideas_gui.core.models.installed import import_model
    from blogideas_gui.core.settings.local_settings import LocalSettings

    window = MainWindow(language="en", options=GenerationOptions(max_tokens=12, seed=1))
    qtbot.addWidget(window)
    window.show()
    installed = import_model(starter_model, link=True)
    dialog = window.open_model_manager()
    assert dialog.isVisible()
    dialog.model_chosen.emit(installed)
    assert window.backend.currentData() == "local"
    assert installed.name in window.form.hint.text()
    dialog.local_settings_changed.emit(LocalSettings(n_ctx=2048))
    qtbot.keyClicks(window.topic, "tea")
    qtbot.mouseClick(window.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.is_generating, timeout=180_000)
    assert window.message.text() == ""
    assert window.last_result is not None and window.last_result.model == installed.name
    [backend] = window._backends.values()
    assert isinstance(backend, LocalBackend) and backend.n_ctx == 2048
    assert backend.model_path == installed.path
    window.close()
    assert not backend.is_loaded  # closing the window frees the model
