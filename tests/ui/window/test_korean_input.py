"""A Korean input method's composing syllable is part of the topic, in the real window.

Offscreen Qt has no input method: ``QInputMethod.commit()`` does nothing
there, so these tests fail unless the window finishes the composition itself.
The composing syllable arrives as a real input method would send it: a
``QInputMethodEvent`` whose preedit is "기" after "집에서 커피 내리" was committed.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from blogideas_gui.core.backends.base import Backend, GenerationOptions
from blogideas_gui.core.backends.local import LocalBackend
from blogideas_gui.core.writing.presets import PresetStore
from blogideas_gui.ui.settings.presets_dialog import PresetsDialog
from blogideas_gui.ui.window.main_window import MainWindow

TYPED, COMPOSING = "집에서 커피 내리", "기"


def compose(field: QWidget, committed: str, preedit: str) -> None:
    """What a Korean input method sends: the finished syllables, then the one composing."""
    done = QInputMethodEvent()
    done.setCommitString(committed)
    QCoreApplication.sendEvent(field, done)
    QCoreApplication.sendEvent(field, QInputMethodEvent(preedit, []))


@pytest.fixture
def window(qtbot: QtBot, local_backend: LocalBackend) -> Iterator[MainWindow]:
    def factory(name: str, model: str | None, base_url: str | None) -> Backend:
        return local_backend

    win = MainWindow(
        backend_factory=factory, language="ko", options=GenerationOptions(max_tokens=8, seed=1)
    )
    qtbot.addWidget(win)
    win.show()
    yield win
    qtbot.waitUntil(lambda: not win.is_generating, timeout=60_000)


def test_ctrl_enter_sends_the_syllable_still_being_composed(
    qtbot: QtBot, window: MainWindow
) -> None:
    topic = window.form.topic
    compose(topic, TYPED, COMPOSING)
    assert topic.toPlainText() == TYPED  # the composing syllable is not text yet
    qtbot.keyClick(topic, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    session = window.session.shown
    assert session is not None and session.request.topic == TYPED + COMPOSING
    assert topic.toPlainText() == TYPED + COMPOSING  # shown once, not twice
    qtbot.keyClick(topic, Qt.Key.Key_Escape)


def test_the_generate_button_sends_it_too(qtbot: QtBot, window: MainWindow) -> None:
    compose(window.form.topic, TYPED, COMPOSING)
    qtbot.mouseClick(window.form.generate_button, Qt.MouseButton.LeftButton)
    session = window.session.shown
    assert session is not None and session.request.topic == TYPED + COMPOSING
    qtbot.keyClick(window.form.topic, Qt.Key.Key_Escape)


def test_a_preset_name_still_being_composed_is_saved_whole(qtbot: QtBot) -> None:
    store = PresetStore()
    dialog = PresetsDialog(store=store, language="ko")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setFocus()
    compose(dialog.name, "카페 블로", "그")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert [preset.name for preset in store.list()] == ["카페 블로그"]
