"""The history database's schema: named migrations, applied in order, tracked.

After vorta and simonw/llm: each change to the schema is a function named for
what it does, recorded in the ``_migrations`` table when applied, and
``PRAGMA user_version`` holds how many have run so that an up-to-date
database is recognised with one read. Before an existing database is
migrated, a copy of it is written beside it, so an update that goes wrong
never costs a user their history. Functions here are never edited once
released: a change is a new function at the end of :data:`MIGRATIONS`.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path

Migration = Callable[[sqlite3.Connection], None]


def now_iso() -> str:
    """The current time as an ISO 8601 UTC string, the format of every timestamp."""
    return datetime.now(UTC).isoformat(timespec="seconds")


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


MIGRATIONS: tuple[Migration, ...] = (
    m001_create_sessions_and_favourites,
    m002_add_writer_pid_and_search_text,
    m003_create_expansions,
)
SCHEMA_VERSION = len(MIGRATIONS)


class SchemaTooNewError(Exception):
    """The database was written by a newer BlogIdeas; migrating down is not possible."""


def user_version(db: sqlite3.Connection) -> int:
    """The number of migrations the database says it has had."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def backup_path(path: Path, version: int) -> Path:
    """Where the copy of a version-``version`` database goes before migrating."""
    return path.with_name(f"{path.name}.v{version}.bak")


def _backup(path: Path, version: int) -> Path:
    """Copy the database at ``path`` with SQLite's backup API.

    A file copy could miss pages still in the WAL file; the backup API reads
    a consistent snapshot through its own connection (the caller holds the
    write lock, which readers do not need in WAL mode). An existing backup
    is kept: it is the older, more original copy.
    """
    target = backup_path(path, version)
    if target.exists():
        return target
    partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    source = sqlite3.connect(path)
    try:
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    os.replace(partial, target)
    return target


def migrate(db: sqlite3.Connection, path: Path | None) -> int:
    """Bring the database up to :data:`SCHEMA_VERSION`; return the version it had.

    ``db`` must be in autocommit mode (``isolation_level=None``). The work
    runs under ``BEGIN IMMEDIATE`` so that two app processes opening an old
    database at once migrate it exactly once; the version is read again
    after taking the lock. ``path`` is ``None`` for an in-memory database,
    which is never backed up.
    """
    found = user_version(db)
    if found == SCHEMA_VERSION:
        return found
    if found > SCHEMA_VERSION:
        raise SchemaTooNewError(f"history schema {found} > {SCHEMA_VERSION}")
    db.execute("BEGIN IMMEDIATE")
    try:
        found = user_version(db)
        if found < SCHEMA_VERSION:
            if found > 0 and path is not None:
                _backup(path, found)
            db.execute(
                "CREATE TABLE IF NOT EXISTS _migrations "
                "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            done = {name for (name,) in db.execute("SELECT name FROM _migrations")}
            for migration in MIGRATIONS:
                if migration.__name__ not in done:
                    migration(db)
                    db.execute(
                        "INSERT INTO _migrations (name, applied_at) VALUES (?, ?)",
                        (migration.__name__, now_iso()),
                    )
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return found
