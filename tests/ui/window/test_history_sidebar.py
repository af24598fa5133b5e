"""The history entry of an answer being written counts the idea cards already on screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from blogideas_gui.core.backends.base import Backend, GenerationOptions
from blogideas_gui.core.backends.local import LocalBackend
from blogideas_gui.core.writing.shape import AnswerShape
from blogideas_gui.ui.window.main_window import MainWindow


def test_the_entry_counts_ideas_as_they_arrive(qtbot: QtBot, local_backend: LocalBackend) -> None:
    def factory(name: str, model: str | None, base_url: str | None) -> Backend:
        return local_backend

    # Short ideas keep the test quick; the shape is the app's own.
    short = AnswerShape(
        1, title_chars=30, hook_chars=40, point_chars=20, min_points=1, max_points=1
    )
    window = MainWindow(
        backend_factory=factory, language="en", options=GenerationOptions(seed=4, constraint=short)
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.keyClicks(window.form.topic, "home coffee brewing")
    window.form.count.setValue(3)
    qtbot.mouseClick(window.form.generate_button, Qt.MouseButton.LeftButton)
    cards = window.answer.cards.cards
    sessions = window.sidebar.sessions

    def entry() -> str:
        return sessions.item(0).text()

    # Mid-answer, with cards on screen: the entry says how many, and that it is being written.
    qtbot.waitUntil(
        lambda: (
            not window.is_generating
            or (len(cards) >= 2 and f"{len(cards)} idea(s) · writing" in entry())
        ),
        timeout=300_000,
    )
    assert window.is_generating, f"the answer ended first; the entry read {entry()!r}"
    qtbot.waitUntil(lambda: not window.is_generating, timeout=300_000)
    assert "3 idea(s)" in entry() and "writing" not in entry()
