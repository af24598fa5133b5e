"""Idea cards fill in as the answer is written, in the real window with the real model."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from blogideas_gui.core.backends.base import Backend, GenerationOptions
from blogideas_gui.core.backends.local import LocalBackend
from blogideas_gui.core.writing.ideas import Idea
from blogideas_gui.core.writing.shape import AnswerShape
from blogideas_gui.ui.window.answer_panel import AnswerPanel
from blogideas_gui.ui.window.main_window import MainWindow

SHOTS = Path(os.environ.get("BLOGIDEAS_SHOTS", "/tmp/shots"))


def test_cards_appear_idea_by_idea_while_a_korean_answer_streams(
    qtbot: QtBot, local_backend: LocalBackend
) -> None:
    def factory(name: str, model: str | None, base_url: str | None) -> Backend:
        return local_backend

    # Short lines keep the test quick; the shape is the app's own.
    short = AnswerShape(1, title_chars=40, hook_chars=80, point_chars=40, max_points=3)
    options = GenerationOptions(seed=4, constraint=short)
    window = MainWindow(backend_factory=factory, language="ko", options=options)
    qtbot.addWidget(window)
    window.resize(1000, 760)
    window.show()
    # QTest cannot type Hangul (no key maps to it; it aborts): an input method
    # commits composed text to the field whole, which is what setPlainText does.
    window.form.topic.setPlainText("집에서 커피 내리기")
    window.form.count.setValue(3)
    qtbot.mouseClick(window.form.generate_button, Qt.MouseButton.LeftButton)
    cards = window.answer.cards
    # Mid-answer: some cards already there, the window turned to them, the answer not done.
    qtbot.waitUntil(lambda: len(cards.cards) >= 2 or not window.is_generating, timeout=300_000)
    assert window.is_generating, "the answer ended before its second idea showed"
    assert window.answer.stack.currentWidget() is cards
    assert not cards.cards[0].expand.isEnabled()  # nothing saved to act on yet
    if SHOTS.is_dir() or os.environ.get("BLOGIDEAS_SHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        QApplication.processEvents()  # lay the new card out before the picture
        window.grab().save(str(SHOTS / "cards-filling-in-ko.png"))
    qtbot.waitUntil(lambda: not window.is_generating, timeout=300_000)
    # Finished: exactly the asked ideas, the cards as saved, their buttons live.
    assert len(cards.cards) == 3
    assert all(card.expand.isEnabled() for card in cards.cards)


def test_the_last_card_grows_and_finished_ones_stay(qtbot: QtBot) -> None:
    panel = AnswerPanel()
    qtbot.addWidget(panel)
    panel.clear()
    view = panel.markdown
    for piece in ["## 1. Brew", " better\n", "Why.\n- Beans\n", "- Water\n\n## 2.", " Tea\n"]:
        view.append_markdown(piece)
    cards = panel.cards.cards
    assert [card.idea for card in cards] == [
        Idea("Brew better", "Why.", ["Beans", "Water"]),
        Idea("Tea"),
    ]
    first = cards[0]
    view.append_markdown("Hook two.\n- Leaf\n")
    assert panel.cards.cards[0] is first
    assert panel.cards.cards[1].idea == Idea("Tea", "Hook two.", ["Leaf"])
    # The reader chose the text: new cards no longer pull the view back.
    qtbot.mouseClick(panel.text_button, Qt.MouseButton.LeftButton)
    view.append_markdown("\n## 3. Milk\n")
    assert len(panel.cards.cards) == 3 and panel.stack.currentWidget() is view
