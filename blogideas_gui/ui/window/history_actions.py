"""What the user does with sessions: open, favourites, delete, export.

Kept apart from the main window so the window stays about generating; this
object owns the File and View menus and answers the sidebar's requests. It
changes only the window's :class:`~blogideas_gui.ui.window.session_model.SessionModel`;
the views listen to the model and draw themselves, so nothing here touches
another object's widgets. File and question dialogs come from a
:class:`Dialogs` passed in, so a test hands in its own answers and every path
runs without a modal dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from blogideas_gui.core.common.errors import BlogIdeasError
from blogideas_gui.core.history.export import write_export
from blogideas_gui.ui.window.session_model import SessionModel


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
    """The File and View menus and the handlers for the sidebar's requests.

    Args:
        window: the window whose menu bar gets the menus (and over which dialogs open).
        session: the window's session model, changed here through its methods.
        dialogs: the file and question dialogs.
    """

    def __init__(self, window: QMainWindow, session: SessionModel, dialogs: Dialogs) -> None:
        super().__init__(window)
        self._window = window
        self._session = session
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
        self.view_menu = menu.addMenu(self.tr("&View"))
        self.view_menu.addAction(self.tr("Favourites"), self.show_favourites)

    def _busy(self) -> bool:
        if self._session.busy:
            self._session.tell(self.tr("Wait until the answer is finished, or stop it."))
            return True
        return False

    def open_session(self, session_id: int) -> None:
        """Show a past session as it was: the request, the answer, its cards."""
        if not self._busy():
            self._session.open(session_id)

    def show_favourites(self) -> None:
        """All starred ideas across sessions, as one document."""
        if not self._busy():
            self._session.show_favourites()

    def delete_session(self, session_id: int) -> None:
        """Delete one session after asking."""
        if not self._busy() and self._dialogs.confirm(
            self._window, self.tr("Delete session"), self.tr("Delete this session and its ideas?")
        ):
            self._session.delete(session_id)

    def delete_all(self) -> None:
        """Delete every session after asking."""
        if not self._busy() and self._dialogs.confirm(
            self._window,
            self.tr("Delete all"),
            self.tr("Delete every session, favourites included?"),
        ):
            self._session.delete_all()

    def _export(self, title: str, name: str, text: str) -> None:
        path = self._dialogs.ask_save_path(self._window, title, name)
        if not path:
            return
        try:
            # Qt's save dialog has already asked whether to replace an existing file.
            write_export(path, text, replace=True)
        except BlogIdeasError as error:
            self._session.warn(error.message())
            return
        self._session.tell(self.tr("Saved to %s.") % path)

    def export_session(self) -> None:
        """Save the current session, with its expansions, as a Markdown file."""
        shown = self._session.shown
        if shown is None:
            self._session.tell(self.tr("Open or generate a session first."))
            return
        name = f"blogideas-{shown.id}.md"
        self._export(self.tr("Export session"), name, self._session.document())

    def export_favourites(self) -> None:
        """Save every starred idea as one Markdown file."""
        text = self._session.favourites_document()
        self._export(self.tr("Export favourites"), "blogideas-favourites.md", text)
