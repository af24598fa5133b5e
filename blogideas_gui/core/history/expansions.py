"""Outlines and drafts of one idea, each kept as it streams like an answer.

An expansion has a life of its own (it runs, streams, ends, is interrupted
by a crash) beside the session it came from, so its rows and their rules
live here. :class:`~blogideas_gui.core.history.store.HistoryStore` takes
these methods in; they share its one connection.
"""

from __future__ import annotations

import os
import sqlite3
from typing import cast

from blogideas_gui.core.common.database import now_iso
from blogideas_gui.core.history.connection import HistoryConnection
from blogideas_gui.core.history.records import Expansion, Status
from blogideas_gui.core.writing.expansion import ExpansionKind


class Expansions:
    """The expansions table, on the history store's connection."""

    _connection: HistoryConnection

    def add_expansion(self, session_id: int, idea_index: int, kind: ExpansionKind) -> int:
        """Record that an idea is being expanded into an outline or a draft."""
        stamp = now_iso()
        cursor = self._connection.write(
            lambda db: db.execute(
                "INSERT INTO expansions (session_id, idea_index, kind, status, writer_pid,"
                " created_at, updated_at) VALUES (?, ?, ?, 'running', ?, ?, ?)",
                (session_id, idea_index, kind, os.getpid(), stamp, stamp),
            )
        )
        return int(cast(int, cursor.lastrowid))

    def update_expansion(
        self, expansion_id: int, markdown: str, status: Status = "running", error: str = ""
    ) -> None:
        """Save an expansion's text; any status but ``running`` ends it.

        Saving ``running`` text to an expansion that has already ended does
        nothing, so a late flush cannot reopen it.
        """
        self._connection.write(
            lambda db: db.execute(
                "UPDATE expansions SET markdown = ?, status = ?, error = ?, updated_at = ?,"
                " writer_pid = CASE WHEN ? = 'running' THEN writer_pid END"
                " WHERE id = ? AND (status = 'running' OR ? != 'running')",
                (markdown, status, error, now_iso(), status, expansion_id, status),
            )
        )

    def expansions(self, session_id: int) -> list[Expansion]:
        """A session's expansions, oldest first (the order they were asked for)."""
        rows = self._connection.read(
            "SELECT * FROM expansions WHERE session_id = ? ORDER BY id", (session_id,)
        )
        return [_expansion(row) for row in rows]


def _expansion(row: sqlite3.Row) -> Expansion:
    return Expansion(
        id=row["id"],
        session_id=row["session_id"],
        idea_index=row["idea_index"],
        kind=row["kind"],
        status=row["status"],
        markdown=row["markdown"],
        error=row["error"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )
