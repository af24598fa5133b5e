"""Every request and its answer, kept in SQLite so that nothing is lost.

A request is written when it starts (status ``running``) and its text is
saved while it streams (:class:`StreamSaver`), so a crash or a kill keeps
what was already written; the next open marks such rows ``interrupted``. WAL
mode with a busy timeout and ``BEGIN IMMEDIATE`` writes lets the window and
the command line write at the same time without losing a row. The schema and
its migrations live in :mod:`blogideas_gui.core.history.schema`.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import cast

from blogideas_gui.core.common.paths import data_dir
from blogideas_gui.core.generation.runner import GenerationResult
from blogideas_gui.core.history.records import Expansion, Favourite, Session, SessionSummary, Status
from blogideas_gui.core.history.schema import SCHEMA_VERSION, migrate, now_iso, search_text
from blogideas_gui.core.writing.expansion import ExpansionKind
from blogideas_gui.core.writing.ideas import Idea, parse_ideas
from blogideas_gui.core.writing.prompts import IdeaRequest

__all__ = [
    "SCHEMA_VERSION",
    "Expansion",
    "ExpansionKind",
    "Favourite",
    "HistoryStore",
    "Session",
    "SessionSummary",
    "Status",
    "default_history_path",
]

log = logging.getLogger(__name__)

BUSY_TIMEOUT_SECONDS = 15.0
DEFAULT_LIST_LIMIT = 500


def _use_wal(db: sqlite3.Connection) -> None:
    """Switch the file to WAL (once; it stays so), waiting out another opener.

    Changing the journal mode needs the file to itself, and SQLite answers
    "database is locked" at once rather than calling the busy handler when a
    second process is creating the same new database; so wait and try again.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        try:
            if db.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
                return
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def default_history_path() -> Path:
    """``history.sqlite3`` in the user's data folder (``BLOGIDEAS_HOME`` moves it)."""
    return data_dir() / "history.sqlite3"


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` still runs, without disturbing it.

    On Windows ``os.kill(pid, 0)`` would terminate the process, so the
    process is opened and its exit code asked instead.
    """
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # QUERY_LIMITED_INFORMATION
        if not handle:
            return bool(kernel32.GetLastError() == 5)  # access denied: it exists
        code = ctypes.c_ulong()
        ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return bool(ok) and code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except PermissionError:
        return True  # exists, owned by someone else
    except OSError:
        return False
    return True


def _like_terms(search: str) -> list[str]:
    """``LIKE`` patterns for each word of ``search``, with wildcards escaped."""
    escaped = search.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return [f"%{word}%" for word in escaped.split()]


class HistoryStore:
    """The history database: open it once per process and share it.

    Methods are safe to call from any thread (a lock guards the one
    connection). Writes raise :class:`sqlite3.Error` when the disk is full or
    the file is damaged; :class:`StreamSaver` logs those instead, so a
    generation never fails because history could not be saved.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_history_path()
        self._lock = threading.RLock()
        self._db = sqlite3.connect(
            self.path,
            timeout=BUSY_TIMEOUT_SECONDS,
            isolation_level=None,
            check_same_thread=False,
        )
        try:
            self._db.row_factory = sqlite3.Row
            self._db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
            _use_wal(self._db)
            # NORMAL is durable against a crash or kill of the app (only power
            # loss can drop the last commits) and spares an fsync per save.
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA secure_delete = ON")  # deleted means gone
            self.migrated_from = migrate(self._db, self.path)
            self.mark_interrupted()
        except BaseException:
            self._db.close()
            raise

    def close(self) -> None:
        """Close the connection; the store cannot be used afterwards."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction that takes the lock at once.

        ``BEGIN IMMEDIATE`` waits (busy timeout) for another writer instead of
        failing later when a read would have to be upgraded to a write.
        """
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _read(self, sql: str, parameters: tuple[object, ...] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._db.execute(sql, parameters).fetchall()

    # -- sessions ---------------------------------------------------------

    def start(self, request: IdeaRequest, backend: str, model: str) -> int:
        """Record a request as it starts; returns the new session's id."""
        stamp = now_iso()
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO sessions (created_at, updated_at, topic, count, language, tone,"
                " audience, backend, model, status, writer_pid, search_text)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, ?)",
                (
                    stamp,
                    stamp,
                    request.topic,
                    request.count,
                    request.language,
                    request.tone,
                    request.audience,
                    backend,
                    model,
                    os.getpid(),
                    search_text(request.topic, []),
                ),
            )
            return int(cast(int, cursor.lastrowid))

    def save_partial(self, session_id: int, markdown: str) -> None:
        """Save the text streamed so far (the whole text, not a delta)."""
        with self._write() as db:
            db.execute(
                "UPDATE sessions SET markdown = ?, updated_at = ? WHERE id = ? AND status = 'running'",
                (markdown, now_iso(), session_id),
            )

    def _end(self, session_id: int, status: Status, markdown: str, **fields: object) -> None:
        """Write a session's final state, with its ideas parsed for search and cards."""
        ideas = fields.pop("ideas", None)
        parsed = ideas if isinstance(ideas, list) else parse_ideas(markdown)
        idea_dicts = [idea.to_dict() for idea in parsed]
        assignments = "".join(f", {name} = ?" for name in fields)
        with self._write() as db:
            row = db.execute("SELECT topic FROM sessions WHERE id = ?", (session_id,)).fetchone()
            if row is None:
                return
            db.execute(
                "UPDATE sessions SET status = ?, markdown = ?, ideas_json = ?, search_text = ?,"
                f" writer_pid = NULL, updated_at = ?{assignments} WHERE id = ?",
                (
                    status,
                    markdown,
                    json.dumps(idea_dicts, ensure_ascii=False),
                    search_text(row["topic"], idea_dicts),
                    now_iso(),
                    *fields.values(),
                    session_id,
                ),
            )

    def finish(self, session_id: int, result: GenerationResult) -> None:
        """Record how a request ended: ``finished``, or ``stopped`` by the user."""
        self._end(
            session_id,
            "stopped" if result.stopped else "finished",
            result.markdown,
            ideas=result.ideas,
            prompt_tokens=result.usage.prompt_tokens,
            completion_tokens=result.usage.completion_tokens,
            cost_usd=result.cost_usd,
            seconds=result.seconds,
            error="",
        )

    def fail(self, session_id: int, message: str, markdown: str | None = None) -> None:
        """Record a failed request, keeping the text saved so far unless given."""
        if markdown is None:
            session = self.get(session_id)
            markdown = session.markdown if session else ""
        self._end(session_id, "failed", markdown, error=message)

    def mark_interrupted(self) -> int:
        """Mark rows left ``running`` by a process that no longer exists.

        Called on open. Their saved text is kept and parsed into ideas, so the
        cards show what the dead process had written. Returns how many rows.
        """
        count = 0
        for table in ("sessions", "expansions"):
            rows = self._read(
                f"SELECT id, writer_pid, markdown FROM {table} WHERE status = 'running'"
            )
            dead = [
                row for row in rows if row["writer_pid"] is None or not pid_alive(row["writer_pid"])
            ]
            for row in dead:
                if table == "sessions":
                    self._end(row["id"], "interrupted", row["markdown"])
                else:
                    self.update_expansion(row["id"], row["markdown"], "interrupted")
            count += len(dead)
        if count:
            log.info("marked %d history rows interrupted", count)
        return count

    def list_sessions(
        self, search: str | None = None, limit: int = DEFAULT_LIST_LIMIT
    ) -> list[SessionSummary]:
        """Sessions newest first; ``search`` keeps those whose topic or ideas hold every word."""
        terms = _like_terms(search or "")
        where = " AND ".join("search_text LIKE ? ESCAPE '\\'" for _ in terms) or "1"
        rows = self._read(
            "SELECT id, created_at, topic, status, backend, model, ideas_json FROM sessions"
            f" WHERE {where} ORDER BY id DESC LIMIT ?",
            (*terms, limit),
        )
        return [
            SessionSummary(
                id=row["id"],
                created_at=row["created_at"],
                topic=row["topic"],
                status=row["status"],
                backend=row["backend"],
                model=row["model"],
                idea_count=len(json.loads(row["ideas_json"])),
            )
            for row in rows
        ]

    def get(self, session_id: int) -> Session | None:
        """One session as it was stored, or ``None`` if there is no such id."""
        rows = self._read("SELECT * FROM sessions WHERE id = ?", (session_id,))
        if not rows:
            return None
        row = rows[0]
        starred = self._read(
            "SELECT idea_index FROM favourites WHERE session_id = ?", (session_id,)
        )
        return Session(
            id=row["id"],
            created_at=row["created_at"],
            updated_at=row["updated_at"],
            request=IdeaRequest(
                row["topic"],
                row["count"],
                "ko" if row["language"] == "ko" else "en",
                row["tone"],
                row["audience"],
            ),
            backend=row["backend"],
            model=row["model"],
            status=row["status"],
            markdown=row["markdown"],
            ideas=[Idea(**data) for data in json.loads(row["ideas_json"])],
            prompt_tokens=row["prompt_tokens"],
            completion_tokens=row["completion_tokens"],
            cost_usd=row["cost_usd"],
            seconds=row["seconds"],
            error=row["error"],
            favourites=frozenset(item["idea_index"] for item in starred),
        )

    def delete(self, session_id: int) -> bool:
        """Delete a session with its favourites and expansions; whether it existed."""
        with self._write() as db:
            return db.execute("DELETE FROM sessions WHERE id = ?", (session_id,)).rowcount > 0

    def delete_all(self) -> int:
        """Delete every session; returns how many there were."""
        with self._write() as db:
            return db.execute("DELETE FROM sessions").rowcount

    # -- favourites -------------------------------------------------------

    def set_favourite(self, session_id: int, idea_index: int, favourite: bool) -> None:
        """Star or unstar idea ``idea_index`` (0-based) of a session."""
        with self._write() as db:
            if favourite:
                db.execute(
                    "INSERT OR IGNORE INTO favourites (session_id, idea_index, created_at)"
                    " VALUES (?, ?, ?)",
                    (session_id, idea_index, now_iso()),
                )
            else:
                db.execute(
                    "DELETE FROM favourites WHERE session_id = ? AND idea_index = ?",
                    (session_id, idea_index),
                )

    def favourites(self) -> list[Favourite]:
        """Starred ideas across all sessions, the most recently starred first."""
        rows = self._read(
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

    # -- expansions -------------------------------------------------------

    def add_expansion(self, session_id: int, idea_index: int, kind: ExpansionKind) -> int:
        """Record that an idea is being expanded into an outline or a draft."""
        stamp = now_iso()
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO expansions (session_id, idea_index, kind, status, writer_pid,"
                " created_at, updated_at) VALUES (?, ?, ?, 'running', ?, ?, ?)",
                (session_id, idea_index, kind, os.getpid(), stamp, stamp),
            )
            return int(cast(int, cursor.lastrowid))

    def update_expansion(
        self, expansion_id: int, markdown: str, status: Status = "running", error: str = ""
    ) -> None:
        """Save an expansion's text; any status but ``running`` ends it.

        Saving ``running`` text to an expansion that has already ended does
        nothing, so a late flush cannot reopen it.
        """
        with self._write() as db:
            db.execute(
                "UPDATE expansions SET markdown = ?, status = ?, error = ?, updated_at = ?,"
                " writer_pid = CASE WHEN ? = 'running' THEN writer_pid END"
                " WHERE id = ? AND (status = 'running' OR ? != 'running')",
                (markdown, status, error, now_iso(), status, expansion_id, status),
            )

    def get_expansion(self, expansion_id: int) -> Expansion | None:
        """One expansion, or ``None``."""
        rows = self._read("SELECT * FROM expansions WHERE id = ?", (expansion_id,))
        return _expansion(rows[0]) if rows else None

    def expansions(self, session_id: int) -> list[Expansion]:
        """A session's expansions, oldest first (the order they were asked for)."""
        rows = self._read(
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
