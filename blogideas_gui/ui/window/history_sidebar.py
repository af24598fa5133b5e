"""The sidebar of past sessions: newest first, searchable, deletable.

It only lists and asks; the window's session model opens and deletes
sessions, and the list redraws itself when the model says what is shown or
that sessions were deleted (:meth:`HistorySidebar.watch`). The
store learns a session's ideas when its answer ends; until then the window
says how many idea cards it shows, so the entry never reads "0 ideas ·
writing" under cards already on screen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from blogideas_gui.core.history.export import local_time
from blogideas_gui.core.history.records import Status
from blogideas_gui.core.history.store import HistoryStore, SessionSummary
from blogideas_gui.ui.window.session_model import SessionModel

SEARCH_DELAY_MS = 200


class HistorySidebar(QWidget):
    """Past sessions, a search box, favourites, and delete buttons.

    Signals:
        session_chosen(int): the user opened a past session.
        favourites_chosen(): the user asked for the favourites across sessions.
        delete_requested(int): the user asked to delete one session.
        delete_all_requested(): the user asked to delete every session.
    """

    session_chosen = Signal(int)
    favourites_chosen = Signal()
    delete_requested = Signal(int)
    delete_all_requested = Signal()

    def __init__(self, store: HistoryStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._progress: tuple[int, int] | None = None  # (session being written, its ideas so far)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search topics and ideas"))
        self.search.setClearButtonEnabled(True)
        self.sessions = QListWidget(self)
        self.sessions.setSpacing(3)
        self.sessions.setWordWrap(True)
        self.favourites_button = QPushButton(self.tr("★ Favourites"), self)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_all_button = QPushButton(self.tr("Delete all"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.delete_all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.favourites_button)
        layout.addWidget(self.sessions, 1)
        layout.addLayout(buttons)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._search_timer.start)
        self.sessions.itemActivated.connect(self._chosen)
        self.sessions.itemClicked.connect(self._chosen)
        self.favourites_button.clicked.connect(self.favourites_chosen)
        self.delete_button.clicked.connect(self._delete_current)
        self.delete_all_button.clicked.connect(self.delete_all_requested)
        self.refresh()

    def watch(self, session: SessionModel) -> None:
        """Select what ``session`` shows, and list the sessions again when they change."""
        session.session_changed.connect(lambda: self._select(session))
        session.history_changed.connect(self.refresh)
        session.busy_changed.connect(lambda busy: None if busy else self.refresh())

    def _select(self, session: SessionModel) -> None:
        """Select the session shown (a new one is listed first)."""
        shown = session.shown
        if shown is not None and shown.id != self.current_id():
            self.refresh(select=shown.id)

    def _status_label(self, status: Status) -> str:
        labels = {
            "running": self.tr("writing"),
            "finished": "",
            "stopped": self.tr("stopped"),
            "failed": self.tr("failed"),
            "interrupted": self.tr("interrupted"),
        }
        return labels.get(status, status)

    def refresh(self, select: int | None = None) -> None:
        """Reload the list from the store, keeping or moving the selection."""
        current = select if select is not None else self.current_id()
        self.sessions.clear()
        summaries: list[SessionSummary] = self._store.list_sessions(self.search.text() or None)
        for summary in summaries:
            status = self._status_label(summary.status)
            ideas = summary.idea_count
            if summary.status == "running" and self._progress is not None:
                ideas = self._progress[1] if self._progress[0] == summary.id else ideas
            detail = f"{local_time(summary.created_at)} · " + self.tr("%n idea(s)", "", ideas)
            detail += f" · {status}" if status else ""
            item = QListWidgetItem(f"{summary.topic}\n{detail}")
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            item.setToolTip(summary.topic)
            self.sessions.addItem(item)
            if summary.id == current:
                self.sessions.setCurrentItem(item)
        self.delete_button.setEnabled(bool(summaries))
        self.delete_all_button.setEnabled(bool(summaries))

    def show_progress(self, session_id: int, ideas: int) -> None:
        """Session ``session_id``, still being written, shows ``ideas`` ideas so far."""
        if self._progress != (session_id, ideas):
            self._progress = (session_id, ideas)
            self.refresh()

    def current_id(self) -> int | None:
        """The selected session's id, if any."""
        item = self.sessions.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def _chosen(self, item: QListWidgetItem) -> None:
        self.session_chosen.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def _delete_current(self) -> None:
        session_id = self.current_id()
        if session_id is not None:
            self.delete_requested.emit(session_id)
