"""What the user does with sessions and ideas: open, star, delete, export, copy.

Kept apart from the main window so the window stays about generating; this
object owns the File, Edit and View menus and answers the sidebar's and the
cards' requests. It changes what is shown through the window's
:class:`~blogideas_gui.ui.window.session_model.SessionModel`, never the
window itself. File and question dialogs come from a :class:`Dialogs` passed
in, so a test hands in its own answers and every path runs without a modal
dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from blogideas_gui.core.common.errors import BlogIdeasError
from blogideas_gui.core.history.export import (
    favourites_markdown,
    idea_markdown,
    markdown_to_plain_text,
    session_markdown,
    write_export,
)
from blogideas_gui.core.history.store import HistoryStore
from blogideas_gui.ui.window.answer_panel import AnswerPanel
from blogideas_gui.ui.window.history_sidebar import HistorySidebar
from blogideas_gui.ui.window.request_form import RequestForm
from blogideas_gui.ui.window.session_model import SessionModel
from blogideas_gui.ui.window.status_line import StatusLine


class Dialogs:
    """The modal questions the history actions ask: Qt's own dialogs."""

    def ask_save_path(self, parent: QWidget, title: str, name: str) -> str:
        """Where to save a Markdown file; "" when the user cancels."""
        path, _ = QFileDialog.getSaveFileName(parent, title, name, "Markdown (*.md)")
        return path

    def confirm(self, parent: QWidget, title: str, text: str) -> bool:
        """Whether the user says yes to ``text``."""
        answer = QMessageBox.question(parent, title, text)
        return answer == QMessageBox.StandardButton.Yes


class HistoryActions(QObject):
    """The menus and the handlers for the sidebar, the idea cards and the copy button.

    Args:
        window: the window whose menu bar gets the menus.
        model: the window's state, changed here through its methods.
        store: the history.
        form: the request form (shows a past request, the one-line message).
        answer: the answer view and the idea cards.
        sidebar: the list of sessions.
        status: the status line.
        dialogs: the file and question dialogs.
    """

    def __init__(
        self,
        window: QMainWindow,
        model: SessionModel,
        store: HistoryStore,
        form: RequestForm,
        answer: AnswerPanel,
        sidebar: HistorySidebar,
        status: StatusLine,
        dialogs: Dialogs,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._model = model
        self._store = store
        self._form = form
        self._answer = answer
        self._sidebar = sidebar
        self._status = status
        self._dialogs = dialogs
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
        self.copy_markdown_action.triggered.connect(self.copy_answer)
        self.copy_text_action = edit_menu.addAction(self.tr("Copy as plain text"))
        self.copy_text_action.triggered.connect(self.copy_plain_text)
        view_menu = menu.addMenu(self.tr("&View"))
        view_menu.addAction(self.tr("Favourites"), self.show_favourites)

        sidebar.session_chosen.connect(self.open_session)
        sidebar.favourites_chosen.connect(self.show_favourites)
        sidebar.delete_requested.connect(self.delete_session)
        sidebar.delete_all_requested.connect(self.delete_all)
        answer.cards.copy_requested.connect(self.copy_idea)
        answer.cards.star_toggled.connect(self.star)
        form.copy_button.clicked.connect(self.copy_answer)

    def _busy(self) -> bool:
        if self._model.busy:
            self._status.set_idle(self.tr("Wait until the answer is finished, or stop it."))
            return True
        return False

    def open_session(self, session_id: int) -> None:
        """Show a past session as it was: the request, the answer, its cards."""
        if self._busy():
            return
        session = self._store.get(session_id)
        if session is None:
            self._sidebar.refresh()
            return
        self._form.message.clear()
        self._form.show_request(session.request)
        text = session_markdown(session, self._store.expansions(session.id))
        self._answer.markdown.set_markdown(text)
        self._answer.set_ideas(session.ideas, session.favourites)
        self._status.set_idle(self.tr("Opened a session from %s.") % session.created_at[:10])
        self._model.show(session)

    def show_favourites(self) -> None:
        """All starred ideas across sessions, as one document."""
        if self._busy():
            return
        self._answer.set_ideas([])
        self._answer.markdown.set_markdown(favourites_markdown(self._store.favourites()))
        self._model.show(None)

    def star(self, index: int, starred: bool) -> None:
        """Star or unstar one idea of the current session."""
        session = self._model.session
        if session is not None:
            self._store.set_favourite(session.id, index, starred)
            self._model.reload()

    def delete_session(self, session_id: int) -> None:
        """Delete one session after asking."""
        if self._busy() or not self._dialogs.confirm(
            self._window, self.tr("Delete session"), self.tr("Delete this session and its ideas?")
        ):
            return
        self._store.delete(session_id)
        shown = self._model.session
        if shown is not None and shown.id == session_id:
            self._answer.clear()
        self._model.forget(session_id)
        self._sidebar.refresh()

    def delete_all(self) -> None:
        """Delete every session after asking."""
        if self._busy() or not self._dialogs.confirm(
            self._window,
            self.tr("Delete all"),
            self.tr("Delete every session, favourites included?"),
        ):
            return
        self._store.delete_all()
        self._answer.clear()
        self._model.show(None)
        self._sidebar.refresh()

    def copy_answer(self) -> None:
        """Put the answer's Markdown on the clipboard."""
        QGuiApplication.clipboard().setText(self._answer.markdown.markdown())
        self._status.set_idle(self.tr("Answer copied."))

    def copy_idea(self, index: int) -> None:
        """Put one idea's Markdown on the clipboard."""
        session = self._model.session
        if session is not None and index < len(session.ideas):
            QGuiApplication.clipboard().setText(idea_markdown(session.ideas[index]))
            self._status.set_idle(self.tr("Idea copied."))

    def copy_plain_text(self) -> None:
        """The answer without Markdown marks, for pasting into a blog editor."""
        text = markdown_to_plain_text(self._answer.markdown.markdown())
        QGuiApplication.clipboard().setText(text)
        self._status.set_idle(self.tr("Answer copied as plain text."))

    def _export(self, title: str, name: str, text: str) -> None:
        path = self._dialogs.ask_save_path(self._window, title, name)
        if not path:
            return
        try:
            # Qt's save dialog has already asked whether to replace an existing file.
            write_export(path, text, replace=True)
        except BlogIdeasError as error:
            self._form.message.setText(error.message())
            return
        self._status.set_idle(self.tr("Saved to %s.") % path)

    def export_session(self) -> None:
        """Save the current session, with its expansions, as a Markdown file."""
        session = self._model.session
        if session is None:
            self._status.set_idle(self.tr("Open or generate a session first."))
            return
        session = self._store.get(session.id) or session
        text = session_markdown(session, self._store.expansions(session.id))
        self._export(self.tr("Export session"), f"blogideas-{session.id}.md", text)

    def export_favourites(self) -> None:
        """Save every starred idea as one Markdown file."""
        text = favourites_markdown(self._store.favourites())
        self._export(self.tr("Export favourites"), "blogideas-favourites.md", text)
