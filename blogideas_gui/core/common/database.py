"""The app's SQLite files: named migrations with a backup first, and the recovery rule.

After vorta and simonw/llm: each change to a schema is a function named for
what it does, recorded in a ``_migrations`` table when applied, and ``PRAGMA
user_version`` holds how many have run so that an up-to-date database is
recognised with one read. Before an existing database is migrated, a copy
is written beside it through SQLite's backup API, so an update that goes
wrong never costs a user their data. Migration functions are never edited
once released: a change is a new function at the end of the list.

:func:`open_database` applies the files rule of :mod:`.files` to a database:
a damaged one is set aside and a fresh one started; one written by a newer
version is left untouched and the store works in memory; a disk that cannot
take the file gives the plain full-disk notice and, again, memory. Each way
the caller gets a working connection and the notice, so no database can stop
the app from starting.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar, cast

from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.common.files import recover_damaged, recover_too_new, write_problem
from blogideas_gui.core.common.notices import report

log = logging.getLogger(__name__)

T = TypeVar("T")
Migration = Callable[[sqlite3.Connection], None]
Configure = Callable[[sqlite3.Connection], None]

# Primary result codes (https://sqlite.org/rescode.html).
_DAMAGED_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
# SQLITE_PERM, READONLY, IOERR, FULL, CANTOPEN: the file or its folder cannot be written.
_CANNOT_WRITE_CODES = {3, 8, 10, 13, 14}
_COMPANIONS = ("-wal", "-shm", "-journal")


def now_iso() -> str:
    """The current time as an ISO 8601 UTC string, the format of every timestamp."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class SchemaTooNewError(Exception):
    """The database was written by a newer BlogIdeas; migrating down is not possible."""


class DamagedDatabaseError(Exception):
    """The file is not a readable SQLite database (or fails its integrity check).

    It carries the connection still open: closing it would make SQLite delete
    the ``-wal`` file, which belongs with the damaged file when it is set aside.
    """

    def __init__(self, path: Path, db: sqlite3.Connection) -> None:
        super().__init__(str(path))
        self.db = db


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


def migrate(db: sqlite3.Connection, path: Path | None, migrations: Sequence[Migration]) -> int:
    """Apply the ``migrations`` not yet recorded; return the version the database had.

    ``db`` must be in autocommit mode (``isolation_level=None``). The work
    runs under ``BEGIN IMMEDIATE`` so that two app processes opening an old
    database at once migrate it exactly once; the version is read again
    after taking the lock. ``path`` is ``None`` for an in-memory database,
    which is never backed up.
    """
    latest = len(migrations)
    found = user_version(db)
    if found == latest:
        return found
    if found > latest:
        raise SchemaTooNewError(f"schema {found} > {latest}")
    db.execute("BEGIN IMMEDIATE")
    try:
        found = user_version(db)
        if found < latest:
            if found > 0 and path is not None:
                _backup(path, found)
            db.execute(
                "CREATE TABLE IF NOT EXISTS _migrations "
                "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            done = {name for (name,) in db.execute("SELECT name FROM _migrations")}
            for migration in migrations:
                if migration.__name__ not in done:
                    migration(db)
                    db.execute(
                        "INSERT INTO _migrations (name, applied_at) VALUES (?, ?)",
                        (migration.__name__, now_iso()),
                    )
            db.execute(f"PRAGMA user_version = {latest}")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return found


@dataclass(frozen=True)
class Opened:
    """A working connection, and what happened on the way.

    Attributes:
        db: the connection (autocommit); in memory when ``in_memory``.
        found_version: the schema version the file had (0 for a new file).
        notice: the notice already reported (damaged, too new, disk full).
        in_memory: the file could not be used; nothing is kept after closing.
    """

    db: sqlite3.Connection
    found_version: int
    notice: BlogIdeasError | None = None
    in_memory: bool = False


def open_database(
    path: Path,
    migrations: Sequence[Migration],
    *,
    damaged: ErrorKind,
    too_new: ErrorKind,
    configure: Configure = lambda db: None,
    timeout: float = 5.0,
) -> Opened:
    """Open (creating or migrating) the database at ``path``; never fails for the file.

    ``damaged`` and ``too_new`` are the notices to give for this file;
    ``configure`` sets the connection's pragmas before anything is read.
    """
    try:
        db, found = _open(path, migrations, configure, timeout)
        return Opened(db, found)
    except SchemaTooNewError:
        notice = recover_too_new(path, too_new)
    except DamagedDatabaseError as damage:
        with contextlib.closing(damage.db):
            notice = recover_damaged(path, damaged, _COMPANIONS)
        try:
            db, found = _open(path, migrations, configure, timeout)
            return Opened(db, found, notice)
        except sqlite3.Error as error:
            report(write_problem(path.parent, error))
    except sqlite3.Error as error:
        notice = report(_problem(path, error))
    db, _ = _open(None, migrations, configure, timeout)
    return Opened(db, 0, notice, in_memory=True)


def _problem(path: Path, error: sqlite3.Error) -> BlogIdeasError:
    """The notice for a database that cannot be opened for another reason than damage."""
    if is_write_failure(error):
        return write_problem(path.parent, error)
    log.error("cannot open %s: %s", path, error)
    return BlogIdeasError(ErrorKind.UNEXPECTED, type(error).__name__)


def _code(error: sqlite3.Error) -> int:
    return int(getattr(error, "sqlite_errorcode", 0)) & 0xFF


def transaction(db: sqlite3.Connection, work: Callable[[sqlite3.Connection], T]) -> T:
    """``work`` inside ``BEGIN IMMEDIATE`` … ``COMMIT`` on an autocommit connection.

    ``BEGIN IMMEDIATE`` waits (busy timeout) for another writer instead of
    failing later when a read would have to be upgraded to a write. A full
    disk may already have rolled the transaction back, so the rollback is
    only asked for when one is still open.
    """
    db.execute("BEGIN IMMEDIATE")
    try:
        result = work(db)
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
        raise
    return result


def is_damage(error: sqlite3.Error) -> bool:
    """Whether SQLite says the file is not a (whole) database."""
    return _code(error) in _DAMAGED_CODES


def is_write_failure(error: sqlite3.Error) -> bool:
    """Whether SQLite could not write: a full disk, a read-only file or folder.

    On a full disk SQLite says "disk I/O error" (it cannot grow the WAL
    index) as often as "database or disk is full".
    """
    return _code(error) in _CANNOT_WRITE_CODES


def _open(
    path: Path | None, migrations: Sequence[Migration], configure: Configure, timeout: float
) -> tuple[sqlite3.Connection, int]:
    """Connect, configure, check and migrate; ``path`` None is a database in memory."""
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    existed = path is not None and path.exists() and path.stat().st_size > 0
    db = sqlite3.connect(
        ":memory:" if path is None else path,
        timeout=timeout,
        isolation_level=None,
        check_same_thread=False,
    )
    try:
        # Read the version before anything can write: a newer version's
        # file must not even have its journal mode changed.
        if user_version(db) > len(migrations):
            raise SchemaTooNewError(f"schema {user_version(db)} > {len(migrations)}")
        configure(db)
        if existed and db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise DamagedDatabaseError(cast(Path, path), db)
        found = migrate(db, path, migrations)
    except sqlite3.DatabaseError as error:
        if path is not None and is_damage(error):
            raise DamagedDatabaseError(path, db) from error
        db.close()
        raise
    except DamagedDatabaseError:
        raise
    except BaseException:
        db.close()
        raise
    return db, found
