"""Where the answer shows: streamed Markdown while it is written, then idea cards.

The Markdown view follows the stream (rendered in batches); once the answer
is parsed into ideas the cards take over, and a toggle goes back to the full
text (with any expansions below it).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from blogideas_gui.core.writing.ideas import Idea
from blogideas_gui.ui.window.idea_cards import IdeaCards
from blogideas_gui.ui.window.markdown_view import StreamingMarkdownView


class AnswerPanel(QWidget):
    """A "Cards | Text" toggle over the idea cards and the Markdown view."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.markdown = StreamingMarkdownView(self)
        self.cards = IdeaCards(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.markdown)
        self.stack.addWidget(self.cards)
        self.text_button = QPushButton(self.tr("Text"), self)
        self.cards_button = QPushButton(self.tr("Idea cards"), self)
        group = QButtonGroup(self)
        for button in (self.cards_button, self.text_button):
            button.setCheckable(True)
            group.addButton(button)
        self.text_button.setChecked(True)
        self.cards_button.setEnabled(False)
        self.cards_button.clicked.connect(self.show_cards)
        self.text_button.clicked.connect(self.show_text)
        toggle = QHBoxLayout()
        toggle.addStretch(1)
        toggle.addWidget(self.cards_button)
        toggle.addWidget(self.text_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(toggle)
        layout.addWidget(self.stack, 1)

    def show_text(self) -> None:
        """Show the full Markdown answer."""
        self.text_button.setChecked(True)
        self.stack.setCurrentWidget(self.markdown)

    def show_cards(self) -> None:
        """Show the idea cards (if there are any)."""
        if self.cards.cards:
            self.cards_button.setChecked(True)
            self.stack.setCurrentWidget(self.cards)

    def set_ideas(self, ideas: Sequence[Idea], starred: frozenset[int] = frozenset()) -> None:
        """Make cards for ``ideas`` and show them; with none, stay on the text."""
        self.cards.show_ideas(ideas, starred)
        self.cards_button.setEnabled(bool(ideas))
        if ideas:
            self.show_cards()
        else:
            self.show_text()

    def clear(self) -> None:
        """Empty both views, ready for a new answer."""
        self.set_ideas([])
        self.markdown.set_markdown("")
