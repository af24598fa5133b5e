"""The answer as separate idea cards: title, hook, outline, and actions.

Once an answer is parsed, each idea gets a card with copy, a favourite star,
and "expand" (a post outline or a first draft, chosen from the button's
menu) so the blogger can act on one idea without reading through the rest.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from blogideas_gui.core.writing.ideas import Idea


class IdeaCard(QFrame):
    """One idea and its buttons.

    Signals:
        copy_requested(int): copy this idea (its index).
        star_toggled(int, bool): star or unstar this idea.
        expand_requested(int, str): expand it; the kind is "outline" or "draft".
    """

    copy_requested = Signal(int)
    star_toggled = Signal(int, bool)
    expand_requested = Signal(int, str)

    def __init__(self, index: int, idea: Idea, starred: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.index = index
        self.setObjectName("ideaCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#ideaCard { background: #ffffff; border: 1px solid #dadce0; border-radius: 8px; }"
        )
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.hook = QLabel(self)
        self.hook.setWordWrap(True)
        self.hook.setStyleSheet("color: #3c4043;")
        self.outline = QLabel(self)
        self.outline.setWordWrap(True)
        self.set_idea(idea)

        self.star = QToolButton(self)
        self.star.setCheckable(True)
        self.star.setChecked(starred)
        self._show_star(starred)
        self.star.toggled.connect(self._starred)
        self.copy = QPushButton(self.tr("Copy"), self)
        self.copy.clicked.connect(lambda: self.copy_requested.emit(self.index))
        self.expand = QPushButton(self.tr("Expand"), self)
        menu = QMenu(self.expand)
        self.outline_action = menu.addAction(self.tr("Post outline"))
        self.draft_action = menu.addAction(self.tr("First draft"))
        self.outline_action.triggered.connect(
            lambda: self.expand_requested.emit(self.index, "outline")
        )
        self.draft_action.triggered.connect(lambda: self.expand_requested.emit(self.index, "draft"))
        self.expand.setMenu(menu)

        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.star)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.copy)
        actions.addWidget(self.expand)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.hook)
        layout.addWidget(self.outline)
        layout.addLayout(actions)

    def set_idea(self, idea: Idea) -> None:
        """Show ``idea`` (again, as more of it is written)."""
        self.idea = idea
        self.title.setText(f"<b>{self.index + 1}. {_escape(idea.title)}</b>")
        self.hook.setText(_escape(idea.hook))
        self.hook.setVisible(bool(idea.hook))
        points = "".join(f"<li>{_escape(point)}</li>" for point in idea.outline)
        self.outline.setText(f"<ul style='margin:0'>{points}</ul>")
        self.outline.setVisible(bool(idea.outline))

    def _show_star(self, starred: bool) -> None:
        self.star.setText("★" if starred else "☆")
        self.star.setToolTip(
            self.tr("Remove from favourites") if starred else self.tr("Add to favourites")
        )

    def _starred(self, starred: bool) -> None:
        self._show_star(starred)
        self.star_toggled.emit(self.index, starred)


def _escape(text: str) -> str:
    """Plain text for a rich-text label."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class IdeaCards(QScrollArea):
    """A scrolling column of :class:`IdeaCard`, passing on their requests.

    Signals:
        copy_requested(int), star_toggled(int, bool), expand_requested(int, str):
            the same as each :class:`IdeaCard`'s, for whichever card asked.
    """

    copy_requested = Signal(int)
    star_toggled = Signal(int, bool)
    expand_requested = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.cards: list[IdeaCard] = []
        self._writing = False
        self._column = QWidget(self)
        self._layout = QVBoxLayout(self._column)
        self._layout.addStretch(1)
        self.setWidget(self._column)

    def show_ideas(self, ideas: Sequence[Idea], starred: frozenset[int] = frozenset()) -> None:
        """Replace the cards with one per idea."""
        for card in self.cards:
            self._layout.removeWidget(card)
            card.deleteLater()
        self.cards = []
        for idea in ideas:
            self.add_idea(idea, len(self.cards) in starred)

    def add_idea(self, idea: Idea, starred: bool = False) -> IdeaCard:
        """One more card, below the others (an idea the model is writing now)."""
        index = len(self.cards)
        card = IdeaCard(index, idea, starred, self._column)
        card.copy_requested.connect(self.copy_requested)
        card.star_toggled.connect(self.star_toggled)
        card.expand_requested.connect(self.expand_requested)
        self._layout.insertWidget(index, card)
        self.cards.append(card)
        self._enable(card)
        return card

    def set_writing(self, writing: bool) -> None:
        """While an answer streams its cards are read-only: no idea is saved to act on yet."""
        self._writing = writing
        for card in self.cards:
            self._enable(card)

    def _enable(self, card: IdeaCard) -> None:
        for button in (card.star, card.copy, card.expand):
            button.setEnabled(not self._writing)
