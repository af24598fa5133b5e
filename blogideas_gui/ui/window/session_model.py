"""The window's state in one owner: the session shown, the last result, a request running.

The window starts requests and the history actions open, star and delete
sessions; both change what is on screen. Before this model the actions wrote
the window's attributes and called its private methods. Now each of them
asks the model to change, and whoever shows the state listens to its
signals, so the state has one owner and one way to change.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from blogideas_gui.core.generation.runner import GenerationResult
from blogideas_gui.core.history.records import Session
from blogideas_gui.core.history.store import HistoryStore


class SessionModel(QObject):
    """What the window is about now.

    Args:
        store: the history the sessions are read from.
        parent: the window that owns it.

    Signals:
        session_changed(): another session is shown (or none), or the shown one was re-read.
        busy_changed(bool): a request started (True) or ended (False).
    """

    session_changed = Signal()
    busy_changed = Signal(bool)

    def __init__(self, store: HistoryStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._session: Session | None = None
        self._last_result: GenerationResult | None = None
        self._busy = False

    @property
    def session(self) -> Session | None:
        """The session on screen: the request just made, or one opened from history."""
        return self._session

    @property
    def last_result(self) -> GenerationResult | None:
        """How the last request made in this window ended, while its session is shown."""
        return self._last_result

    @property
    def busy(self) -> bool:
        """Whether a request is running."""
        return self._busy

    def show(self, session: Session | None) -> None:
        """Show ``session`` (None: no session, e.g. the favourites)."""
        self._session = session
        self._last_result = None
        self.session_changed.emit()

    def open(self, session_id: int) -> Session | None:
        """Show the stored session ``session_id``; None (and nothing shown) if it is gone."""
        self.show(self._store.get(session_id))
        return self._session

    def reload(self) -> None:
        """Read the shown session again: its answer, stars or expansions changed."""
        if self._session is not None:
            self._session = self._store.get(self._session.id)
            self.session_changed.emit()

    def forget(self, session_id: int) -> None:
        """``session_id`` was deleted: show nothing if it was on screen."""
        if self._session is not None and self._session.id == session_id:
            self.show(None)

    def finish(self, result: GenerationResult) -> None:
        """The running request ended with ``result``."""
        self._last_result = result

    def set_busy(self, busy: bool) -> None:
        """A request started or ended."""
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)
