"""Starred ideas: which idea of which session the user wants to find again.

Apart from the sessions' own rows because a star is the user's mark on an
idea, not part of the answer: it is set and cleared on its own, and listed
across every session. :class:`~blogideas_gui.core.history.store.HistoryStore`
takes these methods in; they share its one connection.
"""

from __future__ import annotations

import json

from blogideas_gui.core.common.database import now_iso
from blogideas_gui.core.history.connection import HistoryConnection
from blogideas_gui.core.history.records import Favourite
from blogideas_gui.core.writing.ideas import Idea


class Favourites:
    """The favourites table, on the history store's connection."""

    _connection: HistoryConnection

    def set_favourite(self, session_id: int, idea_index: int, favourite: bool) -> None:
        """Star or unstar idea ``idea_index`` (0-based) of a session."""
        if favourite:
            sql = (
                "INSERT OR IGNORE INTO favourites (session_id, idea_index, created_at)"
                " VALUES (?, ?, ?)"
            )
            parameters: tuple[object, ...] = (session_id, idea_index, now_iso())
        else:
            sql = "DELETE FROM favourites WHERE session_id = ? AND idea_index = ?"
            parameters = (session_id, idea_index)
        self._connection.write(lambda db: db.execute(sql, parameters))

    def favourites(self) -> list[Favourite]:
        """Starred ideas across all sessions, the most recently starred first."""
        rows = self._connection.read(
            "SELECT f.session_id, f.idea_index, f.created_at AS starred_at, s.topic,"
            " s.created_at, s.ideas_json FROM favourites f JOIN sessions s ON s.id = f.session_id"
            " ORDER BY f.created_at DESC, f.rowid DESC"
        )
        found: list[Favourite] = []
        for row in rows:
            ideas = json.loads(row["ideas_json"])
            if 0 <= row["idea_index"] < len(ideas):
                found.append(
                    Favourite(
                        session_id=row["session_id"],
                        idea_index=row["idea_index"],
                        topic=row["topic"],
                        created_at=row["created_at"],
                        starred_at=row["starred_at"],
                        idea=Idea(**ideas[row["idea_index"]]),
                    )
                )
        return found
