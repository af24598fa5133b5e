"""What the user does with sessions and ideas: open, star, delete, export, copy.

Kept apart from the main window so the window stays about generating; this
object owns the menu bar and answers the sidebar's and the cards' requests.
Dialogs go through :attr:`ask_save_path` and :attr:`confirm`, which tests
replace, so every path runs under pytest-qt without a modal dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from blogideas_gui.core.common.errors import BlogIdeasError
from blogideas_gui.core.history.export import (
    favourites_markdown,
    markdown_to_plain_text,
    session_markdown,
    write_export,
)

if TYPE_CHECKING:
    from blogideas_gui.ui.window.main_window import MainWindow


def _ask_save_path(parent: QWidget, title: str, name: str) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, title, name, "Markdown (*.md)")
    return path


def _confirm(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


class HistoryActions(QObject):
    """The menu bar and the handlers for the sidebar and the idea cards."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.ask_save_path: Callable[[QWidget, str, str], str] = _ask_save_path
        self.confirm: Callable[[QWidget, str, str], bool] = _confirm
        menu = window.menuBar()
        file_menu = menu.addMenu(self.tr("&File"))
        self.export_session_action = file_menu.addAction(self.tr("Export session as Markdown…"))
        self.export_session_action.triggered.connect(self.export_session)
        self.export_favourites_action = file_menu.addAction(self.tr("Export favourites…"))
        self.export_favourites_action.triggered.connect(self.export_favourites)
        file_menu.addSeparator()
        quit_action = file_menu.addAction(self.tr("Quit"))
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(window.close)
        edit_menu = menu.addMenu(self.tr("&Edit"))
        self.copy_markdown_action = edit_menu.addAction(self.tr("Copy as Markdown"))
        self.copy_markdown_action.triggered.connect(window.copy_answer)
        self.copy_text_action = edit_menu.addAction(self.tr("Copy as plain text"))
        self.copy_text_action.triggered.connect(self.copy_plain_text)
        view_menu = menu.addMenu(self.tr("&View"))
        view_menu.addAction(self.tr("Favourites"), self.show_favourites)

        sidebar, cards = window.sidebar, window.answer.cards
        sidebar.session_chosen.connect(self.open_session)
        sidebar.favourites_chosen.connect(self.show_favourites)
        sidebar.delete_requested.connect(self.delete_session)
        sidebar.delete_all_requested.connect(self.delete_all)
        cards.copy_requested.connect(window.copy_idea)
        cards.star_toggled.connect(self.star)
        cards.expand_requested.connect(window.expand_idea)

    def _busy(self) -> bool:
        if self.window.is_generating:
            self.window.status.set_idle(self.tr("Wait until the answer is finished, or stop it."))
            return True
        return False

    def open_session(self, session_id: int) -> None:
        """Show a past session as it was: the request, the answer, its cards."""
        window = self.window
        if self._busy():
            return
        session = window.store.get(session_id)
        if session is None:
            window.sidebar.refresh()
            return
        window.session = session
        window.last_result = None
        window.message.clear()
        window.form.show_request(session.request)
        text = session_markdown(session, window.store.expansions(session.id))
        window.output.set_markdown(text)
        window.answer.set_ideas(session.ideas, session.favourites)
        window.status.set_idle(self.tr("Opened a session from %s.") % session.created_at[:10])
        window._update_buttons()

    def show_favourites(self) -> None:
        """All starred ideas across sessions, as one document."""
        if self._busy():
            return
        window = self.window
        window.session = None
        window.answer.set_ideas([])
        window.output.set_markdown(favourites_markdown(window.store.favourites()))
        window._update_buttons()

    def star(self, index: int, starred: bool) -> None:
        """Star or unstar one idea of the current session."""
        session = self.window.session
        if session is not None:
            self.window.store.set_favourite(session.id, index, starred)
            self.window.session = self.window.store.get(session.id)

    def delete_session(self, session_id: int) -> None:
        """Delete one session after asking."""
        window = self.window
        if self._busy() or not self.confirm(
            window, self.tr("Delete session"), self.tr("Delete this session and its ideas?")
        ):
            return
        window.store.delete(session_id)
        if window.session is not None and window.session.id == session_id:
            window.session = None
            window.answer.clear()
        window.sidebar.refresh()
        window._update_buttons()

    def delete_all(self) -> None:
        """Delete every session after asking."""
        window = self.window
        if self._busy() or not self.confirm(
            window, self.tr("Delete all"), self.tr("Delete every session, favourites included?")
        ):
            return
        window.store.delete_all()
        window.session = None
        window.answer.clear()
        window.sidebar.refresh()
        window._update_buttons()

    def copy_plain_text(self) -> None:
        """The answer without Markdown marks, for pasting into a blog editor."""
        QGuiApplication.clipboard().setText(markdown_to_plain_text(self.window.output.markdown()))
        self.window.status.set_idle(self.tr("Answer copied as plain text."))

    def _export(self, title: str, name: str, text: str) -> None:
        path = self.ask_save_path(self.window, title, name)
        if not path:
            return
        try:
            # Qt's save dialog has already asked whether to replace an existing file.
            write_export(path, text, replace=True)
        except BlogIdeasError as error:
            self.window.message.setText(error.message())
            return
        self.window.status.set_idle(self.tr("Saved to %s.") % path)

    def export_session(self) -> None:
        """Save the current session, with its expansions, as a Markdown file."""
        session = self.window.session
        if session is None:
            self.window.status.set_idle(self.tr("Open or generate a session first."))
            return
        session = self.window.store.get(session.id) or session
        text = session_markdown(session, self.window.store.expansions(session.id))
        self._export(self.tr("Export session"), f"blogideas-{session.id}.md", text)

    def export_favourites(self) -> None:
        """Save every starred idea as one Markdown file."""
        text = favourites_markdown(self.window.store.favourites())
        self._export(self.tr("Export favourites"), "blogideas-favourites.md", text)
