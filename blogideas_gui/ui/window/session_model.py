"""What the window shows, in one owner: the session, the topic typed, a request running.

The window starts requests and the history actions open, star and delete
sessions; both change what is on screen. Each asks this model to change, and
the views (the answer panel, the sidebar, the status line, the request form)
listen to its signals and draw themselves, so no object fills another's
widgets and the state has one way to change. It also keeps the topic typed
so far, so a window rebuilt in another language starts from it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from blogideas_gui.core.generation.runner import GenerationResult
from blogideas_gui.core.history.export import favourites_markdown, session_markdown
from blogideas_gui.core.history.records import Session
from blogideas_gui.core.history.store import HistoryStore


class SessionModel(QObject):
    """What the window is about now.

    Args:
        store: the history the sessions are read from and deleted in.
        parent: the window that owns it.

    Signals:
        session_changed(): another session is shown, or none, or the favourites.
        session_updated(): the shown session was read again (a star, an ended answer).
        history_changed(): sessions were deleted: lists of them are out of date.
        busy_changed(bool): a request started (True) or ended (False).
        result_ready(GenerationResult): the running request ended with this result.
        topic_changed(str): the topic typed so far changed.
        told(str): one line for the status line (what an action did).
        warned(str): one plain line about bad input or a failure, in the user's language.
    """

    session_changed = Signal()
    session_updated = Signal()
    history_changed = Signal()
    busy_changed = Signal(bool)
    result_ready = Signal(GenerationResult)
    topic_changed = Signal(str)
    told = Signal(str)
    warned = Signal(str)

    def __init__(self, store: HistoryStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._shown: Session | None = None
        self._favourites = False
        self._last_result: GenerationResult | None = None
        self._busy = False
        self._expanding = False
        self._topic = ""

    @property
    def shown(self) -> Session | None:
        """The session on screen: a request just made, or one opened from history."""
        return self._shown

    @property
    def favourites(self) -> bool:
        """Whether the starred ideas of every session are on screen."""
        return self._favourites

    @property
    def last_result(self) -> GenerationResult | None:
        """How the last request made in this window ended, while its session is shown."""
        return self._last_result

    @property
    def busy(self) -> bool:
        """Whether a request is running."""
        return self._busy

    @property
    def expanding(self) -> bool:
        """Whether the running (or last) request writes an expansion of one idea."""
        return self._expanding

    @property
    def topic(self) -> str:
        """The topic typed so far."""
        return self._topic

    def document(self) -> str:
        """What is shown as one Markdown document: a session with its expansions, or favourites."""
        if self._favourites:
            return self.favourites_document()
        if self._shown is None:
            return ""
        shown = self._store.get(self._shown.id) or self._shown  # as written so far
        return session_markdown(shown, self._store.expansions(shown.id))

    def favourites_document(self) -> str:
        """Every starred idea, across sessions, as one Markdown document."""
        return favourites_markdown(self._store.favourites())

    def set_topic(self, topic: str) -> None:
        """The user typed, or a topic is to be shown."""
        if topic != self._topic:
            self._topic = topic
            self.topic_changed.emit(topic)

    def tell(self, text: str) -> None:
        """Say ``text`` on the status line."""
        self.told.emit(text)

    def warn(self, text: str) -> None:
        """Say ``text`` as the one line about what went wrong."""
        self.warned.emit(text)

    def _show(self, session: Session | None, favourites: bool = False) -> None:
        self._shown = session
        self._favourites = favourites
        self._last_result = None
        self.session_changed.emit()

    def open(self, session_id: int) -> Session | None:
        """Show the stored session ``session_id``; None (and nothing shown) if it is gone."""
        session = self._store.get(session_id)
        self._show(session)
        if session is None:
            self.history_changed.emit()
        return session

    def show_favourites(self) -> None:
        """Show the starred ideas of every session."""
        self._show(None, favourites=True)

    def star(self, index: int, starred: bool) -> None:
        """Star or unstar idea ``index`` of the shown session."""
        if self._shown is not None:
            self._store.set_favourite(self._shown.id, index, starred)
            self._reload()

    def delete(self, session_id: int) -> None:
        """Delete one session; show nothing if it was on screen."""
        self._store.delete(session_id)
        if self._favourites or (self._shown is not None and self._shown.id == session_id):
            self._show(None, favourites=self._favourites)  # its starred ideas go too
        self.history_changed.emit()

    def delete_all(self) -> None:
        """Delete every session, favourites included."""
        self._store.delete_all()
        self._show(None)
        self.history_changed.emit()

    def _reload(self) -> None:
        if self._shown is not None:
            self._shown = self._store.get(self._shown.id)
            self.session_updated.emit()

    def start_request(self, session_id: int) -> None:
        """A new request, recorded as ``session_id``, begins: it is what is shown now."""
        self._expanding = False
        self._set_busy(True)
        self._show(self._store.get(session_id))

    def start_expansion(self) -> None:
        """An expansion of one idea of the shown session begins."""
        self._expanding = True
        self._set_busy(True)

    def finish(self, result: GenerationResult) -> None:
        """The running request ended with ``result``."""
        self._last_result = result
        self.result_ready.emit(result)

    def end(self) -> None:
        """The running request is over: read its session again, then say so."""
        self._reload()
        self._set_busy(False)

    def close(self) -> None:
        """The window closes: whatever ran is over, and nothing is read any more."""
        self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)
