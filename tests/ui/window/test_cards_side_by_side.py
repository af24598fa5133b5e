"""Five idea cards fill at once when the model writes the ideas side by side (real window, model)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from blogideas_gui.core.backends.base import Backend, GenerationOptions
from blogideas_gui.core.backends.local import LocalBackend
from blogideas_gui.core.writing.ideas import parse_ideas
from blogideas_gui.core.writing.shape import AnswerShape
from blogideas_gui.ui.window.answer_panel import WAITING_TITLE
from blogideas_gui.ui.window.main_window import MainWindow

SHOTS = Path(os.environ.get("BLOGIDEAS_SHOTS", "/tmp/shots"))

pytestmark = pytest.mark.slow


@pytest.fixture
def five_at_once(starter_model: Path) -> Iterator[LocalBackend]:
    backend = LocalBackend(starter_model, parallel=5)
    yield backend
    backend.close()


def test_five_cards_fill_at_once_and_the_answer_keeps_their_order(
    qtbot: QtBot, five_at_once: LocalBackend, korean: None
) -> None:
    def factory(name: str, model: str | None, base_url: str | None) -> Backend:
        return five_at_once

    short = AnswerShape(5, title_chars=40, hook_chars=80, point_chars=40, max_points=2)
    window = MainWindow(
        backend_factory=factory, language="ko", options=GenerationOptions(seed=4, constraint=short)
    )
    qtbot.addWidget(window)
    window.resize(1000, 900)
    window.show()
    window.form.topic.setPlainText("집에서 커피 내리기")
    window.form.count.setValue(5)
    qtbot.mouseClick(window.form.generate_button, Qt.MouseButton.LeftButton)
    cards = window.answer.cards

    def begun() -> int:
        return sum(card.idea.title not in ("", WAITING_TITLE) for card in cards.cards)

    # Mid-answer: several cards are being written at the same time.
    qtbot.waitUntil(lambda: begun() >= 3 or not window.is_generating, timeout=600_000)
    assert window.is_generating, "the answer ended before three of its ideas had begun"
    assert len(cards.cards) == 5  # every idea has its card from the first piece on
    assert window.answer.stack.currentWidget() is cards
    if SHOTS.is_dir() or os.environ.get("BLOGIDEAS_SHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        QApplication.processEvents()
        window.grab().save(str(SHOTS / "five-cards-at-once-ko.png"))
    qtbot.waitUntil(lambda: not window.is_generating, timeout=600_000)
    assert len(cards.cards) == 5
    markdown = window.answer.markdown.markdown()
    headings = [line.split(".")[0] for line in markdown.splitlines() if line.startswith("## ")]
    assert headings == [f"## {n}" for n in range(1, 6)]
    assert [card.idea for card in cards.cards] == parse_ideas(markdown)
