"""The history database's schema: named migrations, applied in order, tracked.

The machinery (the ``_migrations`` table, ``user_version``, the backup
through SQLite's backup API before migrating) is shared with the spending
ledger in :mod:`blogideas_gui.core.common.database`; this module holds only
what is history's own. Functions here are never edited once released: a
change is a new function at the end of :data:`MIGRATIONS`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from blogideas_gui.core.common.database import Migration


def search_text(topic: str, ideas: Iterable[dict[str, object]]) -> str:
    """The lower-cased text that history search looks in: topic, idea titles, hooks.

    Search is a substring match (``LIKE``) on this column rather than FTS5:
    Korean attaches particles to words ("커피를", "커피는"), so FTS5's word
    tokenizer would miss "커피", and a user's history is small enough to scan.
    """
    parts = [topic]
    for idea in ideas:
        parts.extend(str(idea.get(key, "")) for key in ("title", "hook"))
    return "\n".join(part for part in parts if part).lower()


def m001_create_sessions_and_favourites(db: sqlite3.Connection) -> None:
    """The first schema: one row per request, and starred ideas.

    ``AUTOINCREMENT`` keeps ids from being reused after a delete, so an id a
    user saw in ``history list`` never comes to mean another session.
    """
    db.execute(
        """CREATE TABLE sessions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            topic TEXT NOT NULL,
            count INTEGER NOT NULL,
            language TEXT NOT NULL,
            tone TEXT NOT NULL DEFAULT '',
            audience TEXT NOT NULL DEFAULT '',
            backend TEXT NOT NULL,
            model TEXT NOT NULL,
            status TEXT NOT NULL,
            markdown TEXT NOT NULL DEFAULT '',
            ideas_json TEXT NOT NULL DEFAULT '[]',
            prompt_tokens INTEGER,
            completion_tokens INTEGER,
            cost_usd REAL,
            seconds REAL,
            error TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute(
        """CREATE TABLE favourites (
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            idea_index INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (session_id, idea_index)
        )"""
    )


def m002_add_writer_pid_and_search_text(db: sqlite3.Connection) -> None:
    """Tell a dead writer from a live one, and make ideas searchable.

    Rows written before this had no pid; a ``NULL`` pid counts as dead, so
    their ``running`` rows become ``interrupted`` on the next open.
    """
    db.execute("ALTER TABLE sessions ADD COLUMN writer_pid INTEGER")
    db.execute("ALTER TABLE sessions ADD COLUMN search_text TEXT NOT NULL DEFAULT ''")
    rows = db.execute("SELECT id, topic, ideas_json FROM sessions").fetchall()
    for session_id, topic, ideas_json in rows:
        db.execute(
            "UPDATE sessions SET search_text = ? WHERE id = ?",
            (search_text(topic, json.loads(ideas_json or "[]")), session_id),
        )


def m003_create_expansions(db: sqlite3.Connection) -> None:
    """Outlines and drafts grown from one idea of a session."""
    db.execute(
        """CREATE TABLE expansions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            idea_index INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('outline', 'draft')),
            status TEXT NOT NULL,
            markdown TEXT NOT NULL DEFAULT '',
            error TEXT NOT NULL DEFAULT '',
            writer_pid INTEGER,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX expansions_by_session ON expansions(session_id)")


def m004_add_platform_and_length(db: sqlite3.Connection) -> None:
    """Keep the whole request: the platform and length a preset chose.

    Sessions recorded before this asked for no platform and no length as far
    as anyone can tell now, so ``''`` (no preference) is their honest value.
    """
    db.execute("ALTER TABLE sessions ADD COLUMN platform TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE sessions ADD COLUMN length TEXT NOT NULL DEFAULT ''")


MIGRATIONS: tuple[Migration, ...] = (
    m001_create_sessions_and_favourites,
    m002_add_writer_pid_and_search_text,
    m003_create_expansions,
    m004_add_platform_and_length,
)
SCHEMA_VERSION = len(MIGRATIONS)
