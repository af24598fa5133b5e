"""The history file's one connection: opened by the files rule, written safely, never a dead end.

WAL mode with a busy timeout and ``BEGIN IMMEDIATE`` writes lets the window
and the command line write at the same time without losing a row. Opening
follows :func:`~blogideas_gui.core.common.database.open_database`: a damaged
file is set aside, a newer version's file is left alone, a disk that cannot
take it gives the plain notice, and the history then lives in memory.

When the disk fills while the app runs, a write fails. Then the history read
so far is copied into memory (SQLite's backup API) and this write and every
later one go there: the window keeps its sidebar and the answer in progress,
the file keeps everything written before, and the user reads one notice.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from blogideas_gui.core.common.database import (
    is_write_failure,
    migrate,
    open_database,
    transaction,
)
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.common.files import write_problem
from blogideas_gui.core.common.notices import report
from blogideas_gui.core.history.schema import MIGRATIONS

log = logging.getLogger(__name__)

T = TypeVar("T")
BUSY_TIMEOUT_SECONDS = 15.0


def _use_wal(db: sqlite3.Connection) -> None:
    """Switch the file to WAL (once; it stays so), waiting out another opener.

    Changing the journal mode needs the file to itself, and SQLite answers
    "database is locked" at once rather than calling the busy handler when a
    second process is creating the same new database; so wait and try again.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        try:
            if db.execute("PRAGMA journal_mode").fetchone()[0] in ("wal", "memory"):
                return
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _configure(db: sqlite3.Connection) -> None:
    db.row_factory = sqlite3.Row
    db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    _use_wal(db)
    # NORMAL is durable against a crash or kill of the app (only power loss
    # can drop the last commits) and spares an fsync per save.
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA secure_delete = ON")  # deleted means gone


class HistoryConnection:
    """The connection, its lock, and the fall-back to memory.

    Attributes:
        path: the history file.
        migrated_from: the schema version the file had when opened.
        notice: what went wrong with the file, already reported; None if nothing.
        in_memory: nothing written now outlives the process.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        opened = open_database(
            path,
            MIGRATIONS,
            damaged=ErrorKind.HISTORY_DAMAGED,
            too_new=ErrorKind.HISTORY_TOO_NEW,
            configure=_configure,
            timeout=BUSY_TIMEOUT_SECONDS,
        )
        self._db = opened.db
        self.migrated_from = opened.found_version
        self.notice: BlogIdeasError | None = opened.notice
        self.in_memory = opened.in_memory

    def close(self) -> None:
        """Close the connection; nothing can be read or written afterwards."""
        with self._lock:
            self._db.close()

    def read(self, sql: str, parameters: tuple[object, ...] = ()) -> list[sqlite3.Row]:
        """The rows of one query."""
        with self._lock:
            return self._db.execute(sql, parameters).fetchall()

    def write(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``work`` in one write transaction; in memory from now on if the file refuses."""
        with self._lock:
            try:
                return transaction(self._db, work)
            except sqlite3.Error as error:
                if self.in_memory or not is_write_failure(error):
                    raise
                self._move_to_memory(error)
            return transaction(self._db, work)

    def _move_to_memory(self, error: sqlite3.Error) -> None:
        """Go on in memory with a copy of everything the file holds."""
        memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        try:
            self._db.backup(memory)
        except sqlite3.Error as failure:  # unreadable too: start empty rather than stop
            log.error("history: cannot copy %s into memory: %s", self.path, failure)
            memory.close()
            memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            migrate(memory, None, MIGRATIONS)
        _configure(memory)
        old, self._db = self._db, memory
        old.close()
        self.in_memory = True
        self.notice = report(write_problem(self.path.parent, error))
