"""Where the answer shows: idea cards and the Markdown view, both filled as it is written.

The Markdown view follows the stream (rendered in batches). The cards follow
it too, idea by idea: each ``## n.`` heading that arrives finishes the idea
above it, whose card is then final, and the idea being written shows in a
last card that grows line by line. The panel turns to the cards as soon as
the first one appears, unless the reader chose the text meanwhile; a toggle
goes back to the full text (with any expansions below it). When the answer
ends, its cards are made again from the ideas as saved.

The panel draws itself from the window's session model (:meth:`AnswerPanel.watch`):
a session opened, the favourites, nothing, or a new answer about to stream.
Copying takes what the panel shows, so it is done here too.

Ideas written side by side (:meth:`AnswerPanel.add_to_part`) fill their own
cards at once, each as its own sequence writes; cards for ideas not begun
yet wait in their places, so the cards keep the answer's order.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from blogideas_gui.core.history.export import idea_markdown, markdown_to_plain_text
from blogideas_gui.core.writing.answer_parts import AnswerParts
from blogideas_gui.core.writing.ideas import Idea, parse_ideas
from blogideas_gui.ui.window.idea_cards import IdeaCards
from blogideas_gui.ui.window.markdown_view import StreamingMarkdownView
from blogideas_gui.ui.window.session_model import SessionModel

WAITING_TITLE = "…"
"""The title of an idea's card before its sequence wrote the title."""


class AnswerPanel(QWidget):
    """A "Cards | Text" toggle over the idea cards and the Markdown view.

    Signals:
        star_toggled(int, bool), expand_requested(int, str): a card's, passed on.
    """

    star_toggled = Signal(int, bool)
    expand_requested = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session: SessionModel | None = None
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
        self.text_button.clicked.connect(self._text_chosen)
        self._following = False
        self._text_wanted = False
        self._streamed = ""
        self._idea_starts: list[int] = []
        self._parts = AnswerParts()
        self.markdown.appended.connect(self._follow)
        self.markdown.replaced.connect(self._stop_following)
        toggle = QHBoxLayout()
        toggle.addStretch(1)
        toggle.addWidget(self.cards_button)
        toggle.addWidget(self.text_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(toggle)
        layout.addWidget(self.stack, 1)
        self.cards.star_toggled.connect(self.star_toggled)
        self.cards.expand_requested.connect(self.expand_requested)
        self.cards.copy_requested.connect(self.copy_idea)
        self.copy_markdown_action = QAction(self.tr("Copy as Markdown"), self)
        self.copy_markdown_action.triggered.connect(self.copy_markdown)
        self.copy_text_action = QAction(self.tr("Copy as plain text"), self)
        self.copy_text_action.triggered.connect(self.copy_plain_text)

    def watch(self, session: SessionModel) -> None:
        """Draw what ``session`` shows from now on."""
        self._session = session
        session.session_changed.connect(self._draw)
        session.busy_changed.connect(self._busy_changed)

    def _draw(self) -> None:
        """Show the session model's session, the favourites, nothing, or get ready for an answer."""
        session = self._session
        assert session is not None
        if session.busy:
            self.clear()
            return
        shown = session.shown
        self.markdown.set_markdown(session.document())
        if shown is None:
            self.set_ideas([])
        else:
            self.set_ideas(shown.ideas, shown.favourites)

    def _busy_changed(self, busy: bool) -> None:
        """An answer ended: the rest of its text, then cards from the ideas as saved."""
        session = self._session
        assert session is not None
        if busy:
            return
        self.markdown.finish()
        shown = session.shown
        if shown is not None and not session.expanding:
            self.set_ideas(shown.ideas, shown.favourites)

    def begin_expansion(self, heading: str) -> None:
        """An outline or a draft of one idea is about to stream below the answer."""
        self.markdown.set_markdown(f"{self.markdown.markdown()}\n\n---\n\n## {heading}\n\n")
        self.show_text()

    def _tell(self, text: str) -> None:
        if self._session is not None:
            self._session.tell(text)

    def copy_markdown(self) -> None:
        """Put the answer's Markdown on the clipboard."""
        QGuiApplication.clipboard().setText(self.markdown.markdown())
        self._tell(self.tr("Answer copied."))

    def copy_plain_text(self) -> None:
        """The answer without Markdown marks, for pasting into a blog editor."""
        QGuiApplication.clipboard().setText(markdown_to_plain_text(self.markdown.markdown()))
        self._tell(self.tr("Answer copied as plain text."))

    def copy_idea(self, index: int) -> None:
        """Put one idea's Markdown on the clipboard."""
        shown = None if self._session is None else self._session.shown
        if shown is not None and index < len(shown.ideas):
            QGuiApplication.clipboard().setText(idea_markdown(shown.ideas[index]))
            self._tell(self.tr("Idea copied."))

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
        self._stop_following()
        self.cards.show_ideas(ideas, starred)
        self.cards_button.setEnabled(bool(ideas))
        if ideas:
            self.show_cards()
        else:
            self.show_text()

    def clear(self) -> None:
        """Empty both views, ready for a new answer, whose ideas the cards will follow."""
        self.set_ideas([])
        self.markdown.set_markdown("")
        self._following = True
        self._text_wanted = False
        self._parts = AnswerParts()
        self.cards.set_writing(True)

    def _stop_following(self) -> None:
        self._following = False
        self._streamed = ""
        self._idea_starts = []
        self.cards.set_writing(False)

    @property
    def ideas_begun(self) -> int:
        """Cards whose idea has a title: not the ones still waiting for their sequence."""
        return sum(card.idea.title != WAITING_TITLE for card in self.cards.cards)

    def add_to_part(self, part: int, text: str, parts: int) -> None:
        """More of idea ``part`` (from 0) of ``parts`` written side by side.

        Every idea's card is there from the first piece on, waiting in its
        place, so the reader sees at once how many are being written.
        """
        if not self._following:
            return
        self._parts.add(part, text)
        while len(self.cards.cards) < max(parts, part + 1):
            self.cards.add_idea(Idea(WAITING_TITLE))
        found = parse_ideas(self._parts.text(part))
        if found:
            self.cards.cards[part].set_idea(found[0])
        self.markdown.rewrite_markdown(self._parts.markdown)
        self._turn_to_cards()

    def _text_chosen(self) -> None:
        self._text_wanted = True

    def _follow(self, piece: str) -> None:
        """Cards for the ideas written so far: finished ones once, the current one as it grows.

        Only the text since the last heading is parsed, and only when a line
        ended, so a long answer costs the window no more than a short one.
        """
        if not self._following:
            return
        before = len(self._streamed)
        self._streamed += piece
        text = self._streamed
        search = max(0, before - 3)
        while (found := text.find("## ", search)) != -1:
            if found == 0 or text[found - 1] == "\n":
                self._idea_starts.append(found)
            search = found + 3
        if "\n" not in piece and len(self._idea_starts) <= len(self.cards.cards):
            return
        cards = self.cards.cards
        for number, start in enumerate(self._idea_starts):
            end = self._idea_starts[number + 1] if number + 1 < len(self._idea_starts) else None
            if number < len(cards) - 1 and end is not None:
                continue  # finished and already final
            found_ideas = parse_ideas(text[start:end])
            if not found_ideas:
                continue
            if number < len(cards):
                cards[number].set_idea(found_ideas[0])
            else:
                self.cards.add_idea(found_ideas[0])
        self._turn_to_cards()

    def _turn_to_cards(self) -> None:
        """Show the cards once there are any, unless the reader chose the text."""
        if (
            self.cards.cards
            and not self._text_wanted
            and self.stack.currentWidget() is not self.cards
        ):
            self.cards_button.setEnabled(True)
            self.show_cards()
