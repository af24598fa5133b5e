"""Every request and its answer, kept in SQLite so that nothing is lost.

A request is written when it starts (status ``running``) and its text is
saved while it streams (:class:`StreamSaver`), so a crash or a kill keeps
what was already written; the next open marks such rows ``interrupted``.
The connection, and what happens when the file is damaged, from a newer
version or on a full disk, live in :mod:`.connection`; the schema and its
migrations in :mod:`.schema`. Rows become records by column name, and the
SQL is written out in full: no column name is ever built from a value.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import cast

import psutil

from blogideas_gui.core.common.database import now_iso
from blogideas_gui.core.common.errors import BlogIdeasError
from blogideas_gui.core.common.paths import data_dir
from blogideas_gui.core.history.connection import HistoryConnection
from blogideas_gui.core.history.expansions import Expansions
from blogideas_gui.core.history.favourites import Favourites
from blogideas_gui.core.history.records import Expansion, Favourite, Session, SessionSummary, Status
from blogideas_gui.core.history.schema import SCHEMA_VERSION, search_text
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

DEFAULT_LIST_LIMIT = 500


def default_history_path() -> Path:
    """``history.sqlite3`` in the user's data folder (``BLOGIDEAS_HOME`` moves it)."""
    return data_dir() / "history.sqlite3"


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` still runs, without disturbing it (psutil, on every platform)."""
    return pid == os.getpid() or psutil.pid_exists(pid)


def _like_terms(search: str) -> list[str]:
    """``LIKE`` patterns for each word of ``search``, with wildcards escaped."""
    escaped = search.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return [f"%{word}%" for word in escaped.split()]


@dataclass(frozen=True)
class _Ending:
    """How a session ended, as :meth:`HistoryStore._end` writes it."""

    status: Status
    markdown: str
    ideas: list[Idea] | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    cost_usd: float | None = None
    seconds: float | None = None
    error: str = ""


class HistoryStore(Favourites, Expansions):
    """The history database: open it once per process and share it.

    Methods are safe to call from any thread (a lock guards the one
    connection). Opening never fails because of the file: see
    :attr:`notice` and :attr:`in_memory`. When the disk fills, writes go on
    in memory with one notice (:mod:`.connection`). Favourites and
    expansions have their own modules (:mod:`.favourites`, :mod:`.expansions`).
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_history_path()
        self._connection = HistoryConnection(self.path)
        try:
            self.mark_interrupted()
        except BaseException:
            self._connection.close()
            raise

    @property
    def notice(self) -> BlogIdeasError | None:
        """What went wrong with the file (damaged, too new, disk full), if anything."""
        return self._connection.notice

    @property
    def in_memory(self) -> bool:
        """Whether nothing written now will outlive this process."""
        return self._connection.in_memory

    @property
    def migrated_from(self) -> int:
        """The schema version the file had when it was opened."""
        return self._connection.migrated_from

    def close(self) -> None:
        """Close the connection; the store cannot be used afterwards."""
        self._connection.close()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _read(self, sql: str, parameters: tuple[object, ...] = ()) -> list[sqlite3.Row]:
        return self._connection.read(sql, parameters)

    def _execute(self, sql: str, parameters: tuple[object, ...]) -> sqlite3.Cursor:
        """One statement in its own write transaction."""
        return self._connection.write(lambda db: db.execute(sql, parameters))

    # -- sessions ---------------------------------------------------------

    def start(self, request: IdeaRequest, backend: str, model: str) -> int:
        """Record a request as it starts, the whole request; returns the new session's id."""
        stamp = now_iso()
        cursor = self._execute(
            "INSERT INTO sessions (created_at, updated_at, topic, count, language, tone,"
            " audience, platform, length, backend, model, status, writer_pid, search_text)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, ?)",
            (
                stamp,
                stamp,
                request.topic,
                request.count,
                request.language,
                request.tone,
                request.audience,
                request.platform,
                request.length,
                backend,
                model,
                os.getpid(),
                search_text(request.topic, []),
            ),
        )
        return int(cast(int, cursor.lastrowid))

    def save_partial(self, session_id: int, markdown: str) -> None:
        """Save the text streamed so far (the whole text, not a delta)."""
        self._execute(
            "UPDATE sessions SET markdown = ?, updated_at = ? WHERE id = ? AND status = 'running'",
            (markdown, now_iso(), session_id),
        )

    def _end(self, session_id: int, ending: _Ending) -> None:
        """Write a session's final state, with its ideas parsed for search and cards.

        A figure left ``None`` in ``ending`` keeps what the row holds.
        """
        parsed = ending.ideas if ending.ideas is not None else parse_ideas(ending.markdown)
        idea_dicts = [idea.to_dict() for idea in parsed]

        def work(db: sqlite3.Connection) -> None:
            row = db.execute("SELECT topic FROM sessions WHERE id = ?", (session_id,)).fetchone()
            if row is None:
                return
            db.execute(
                "UPDATE sessions SET status = ?, markdown = ?, ideas_json = ?, search_text = ?,"
                " writer_pid = NULL, updated_at = ?,"
                " prompt_tokens = COALESCE(?, prompt_tokens),"
                " completion_tokens = COALESCE(?, completion_tokens),"
                " cost_usd = COALESCE(?, cost_usd), seconds = COALESCE(?, seconds), error = ?"
                " WHERE id = ?",
                (
                    ending.status,
                    ending.markdown,
                    json.dumps(idea_dicts, ensure_ascii=False),
                    search_text(row["topic"], idea_dicts),
                    now_iso(),
                    ending.prompt_tokens,
                    ending.completion_tokens,
                    ending.cost_usd,
                    ending.seconds,
                    ending.error,
                    session_id,
                ),
            )

        self._connection.write(work)

    def finish(
        self,
        session_id: int,
        markdown: str,
        ideas: list[Idea],
        *,
        stopped: bool = False,
        prompt_tokens: int | None = None,
        completion_tokens: int | None = None,
        cost_usd: float | None = None,
        seconds: float | None = None,
    ) -> None:
        """Record how a request ended: ``finished``, or ``stopped`` by the user.

        Plain fields, not the generator's result, so history sits below
        generation. A figure left ``None`` keeps what the row holds.
        """
        self._end(
            session_id,
            _Ending(
                status="stopped" if stopped else "finished",
                markdown=markdown,
                ideas=ideas,
                prompt_tokens=prompt_tokens,
                completion_tokens=completion_tokens,
                cost_usd=cost_usd,
                seconds=seconds,
            ),
        )

    def fail(self, session_id: int, message: str, markdown: str | None = None) -> None:
        """Record a failed request, keeping the text saved so far unless given."""
        if markdown is None:
            session = self.get(session_id)
            markdown = session.markdown if session else ""
        self._end(session_id, _Ending(status="failed", markdown=markdown, error=message))

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
                    self._end(row["id"], _Ending(status="interrupted", markdown=row["markdown"]))
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
                topic=row["topic"],
                count=row["count"],
                language="ko" if row["language"] == "ko" else "en",
                tone=row["tone"],
                audience=row["audience"],
                platform=row["platform"],
                length=row["length"],
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

    def recent_titles(self, topic: str, limit: int | None = 20) -> list[str]:
        """The titles of the topic's latest ideas, newest ask first, at most ``limit`` (None: all).

        The same topic whatever its case and spaces ("Home cafe" is "homecafe");
        only the last :data:`DEFAULT_LIST_LIMIT` asks are looked at. New ideas
        must differ from these, and how many there are in all says which
        angles the topic's asks were dealt (:mod:`blogideas_gui.core.writing.angles`).
        """
        wanted = "".join(topic.lower().split())
        rows = self._read(
            "SELECT topic, ideas_json FROM sessions ORDER BY id DESC LIMIT ?",
            (DEFAULT_LIST_LIMIT,),
        )
        titles = [
            str(idea.get("title", ""))
            for row in rows
            if "".join(row["topic"].lower().split()) == wanted
            for idea in json.loads(row["ideas_json"])
        ]
        return [title for title in titles if title.strip()][:limit]

    def delete(self, session_id: int) -> bool:
        """Delete a session with its favourites and expansions; whether it existed."""
        return self._execute("DELETE FROM sessions WHERE id = ?", (session_id,)).rowcount > 0

    def delete_all(self) -> int:
        """Delete every session; returns how many there were."""
        return self._execute("DELETE FROM sessions", ()).rowcount
