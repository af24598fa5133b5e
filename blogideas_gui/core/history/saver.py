"""Saving streamed text to history while it arrives, at a steady pace.

Saving on every token would write the whole answer to disk dozens of times a
second; saving only at the end would lose everything to a crash. This saves
the first piece at once and then at most once per interval.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable
from typing import Protocol

log = logging.getLogger(__name__)


class PartialWriter(Protocol):
    """What the saver needs of the history store (kept narrow: no import cycle)."""

    def save_partial(self, session_id: int, markdown: str) -> None:
        """Save the text an answer has streamed so far."""

    def update_expansion(self, expansion_id: int, markdown: str) -> None:
        """Save the text an expansion has streamed so far."""


class StreamSaver:
    """Collects streamed text and saves it at most once per ``interval`` seconds.

    The first piece is saved at once, later ones when ``interval`` has passed
    since the last save; :meth:`flush` saves what is left (call it when the
    stream ends, and after each repaint if every shown character must
    survive a kill). A failed save is logged and kept in :attr:`last_error`
    rather than raised: losing history must not stop a generation.
    """

    def __init__(
        self,
        store: PartialWriter,
        session_id: int,
        interval: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        *,
        expansion_id: int | None = None,
    ) -> None:
        self.store = store
        self.session_id = session_id
        self.expansion_id = expansion_id
        self.interval = interval
        self.clock = clock
        self.last_error: sqlite3.Error | None = None
        self._parts: list[str] = []
        self._changes = 0
        self._saved_changes = 0
        self._saved_at: float | None = None

    @property
    def text(self) -> str:
        """Everything added so far."""
        return "".join(self._parts)

    def add(self, text: str) -> None:
        """Append a streamed piece; save if the interval has passed."""
        self._parts.append(text)
        self._changed()

    def replace(self, text: str) -> None:
        """The whole text is now ``text``: ideas written side by side grow in the middle."""
        self._parts = [text]
        self._changed()

    def _changed(self) -> None:
        self._changes += 1
        now = self.clock()
        if self._saved_at is None or now - self._saved_at >= self.interval:
            self._save(now)

    def flush(self) -> None:
        """Save now if anything was added since the last save."""
        if self._changes != self._saved_changes:
            self._save(self.clock())

    def _save(self, now: float) -> None:
        try:
            if self.expansion_id is None:
                self.store.save_partial(self.session_id, self.text)
            else:
                self.store.update_expansion(self.expansion_id, self.text)
        except sqlite3.Error as error:
            log.warning("could not save streamed text to history: %s", error)
            self.last_error = error
            return
        self._saved_changes = self._changes
        self._saved_at = now
