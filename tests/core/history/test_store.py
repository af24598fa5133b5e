"""The history store: round trip, search, migration, concurrency, and a real kill."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from blogideas_gui.core.common.database import backup_path, migrate
from blogideas_gui.core.common.errors import ErrorKind
from blogideas_gui.core.history.saver import StreamSaver
from blogideas_gui.core.history.schema import MIGRATIONS
from blogideas_gui.core.history.store import SCHEMA_VERSION, HistoryStore, default_history_path
from blogideas_gui.core.writing.ideas import Idea
from blogideas_gui.core.writing.prompts import IdeaRequest

WRITER = Path(__file__).parents[2] / "support" / "history_writer.py"


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BLOGIDEAS_HOME", str(tmp_path))
    return tmp_path / "history.sqlite3"


@pytest.fixture
def store(db_path: Path) -> Iterator[HistoryStore]:
    with HistoryStore(db_path) as opened:
        yield opened


def finished(store: HistoryStore, session_id: int, markdown: str, ideas: list[Idea]) -> None:
    """End a session as an OpenAI answer that cost a little would end it."""
    store.finish(
        session_id, markdown, ideas, prompt_tokens=120, completion_tokens=340,
        cost_usd=0.0012, seconds=4.5,
    )  # fmt: skip


def query(path: Path, sql: str) -> list[tuple[object, ...]]:
    """Read ``path`` with a connection of its own, closed at once."""
    with contextlib.closing(sqlite3.connect(path)) as db:
        return db.execute(sql).fetchall()


def test_default_path_is_under_blogideas_home(db_path: Path) -> None:
    assert default_history_path() == db_path.parent / "data" / "history.sqlite3"
    with HistoryStore() as store:
        assert store.path.is_file()


def test_round_trip(store: HistoryStore) -> None:
    request = IdeaRequest("홈카페 커피 내리기", 2, "ko", "friendly", "beginners")
    session_id = store.start(request, "openai", "gpt-4o-mini")
    running = store.get(session_id)
    assert running is not None
    assert (running.status, running.markdown, running.request) == ("running", "", request)

    store.save_partial(session_id, "## 1. 드립")
    partial = store.get(session_id)
    assert partial is not None and partial.markdown == "## 1. 드립"

    ideas = [
        Idea("드립 커피 입문", "필터 하나로 시작", ["도구", "물 온도"]),
        Idea("콜드브루", "여름용"),
    ]
    finished(store, session_id, "## 1. 드립 커피 입문\n...", ideas)
    done = store.get(session_id)
    assert done is not None
    assert done.status == "finished"
    assert done.ideas == ideas
    assert (done.prompt_tokens, done.completion_tokens) == (120, 340)
    assert (done.cost_usd, done.seconds, done.error) == (0.0012, 4.5, "")
    assert done.to_json()["ideas"] == [{**idea.to_dict(), "favourite": False} for idea in ideas]
    [summary] = store.list_sessions()
    assert (summary.id, summary.topic, summary.status, summary.idea_count) == (
        session_id,
        request.topic,
        "finished",
        2,
    )


def test_stop_and_failure_keep_the_text(store: HistoryStore) -> None:
    request = IdeaRequest("tea", 1, "en")
    stopped = store.start(request, "local", "m")
    store.finish(stopped, "## Green", [Idea("Green")], stopped=True)
    failed = store.start(request, "local", "m")
    store.save_partial(failed, "## Black tea\n\nStrong")
    store.fail(failed, "The server had a problem.")
    stopped_session, failed_session = store.get(stopped), store.get(failed)
    assert stopped_session is not None and stopped_session.status == "stopped"
    assert failed_session is not None
    assert failed_session.status == "failed"
    assert failed_session.error == "The server had a problem."
    assert failed_session.markdown == "## Black tea\n\nStrong"
    assert [idea.title for idea in failed_session.ideas] == ["Black tea"]


def test_search_topics_titles_and_hooks(store: HistoryStore) -> None:
    coffee = IdeaRequest("홈카페 커피를 내리는 법", 1, "ko")
    travel = IdeaRequest("Budget travel in Busan", 1, "en")
    discount = IdeaRequest("Shop sales", 1, "en")
    coffee_id = store.start(coffee, "local", "m")
    finished(store, coffee_id, "", [Idea("라떼 아트", "우유 거품 만들기")])
    travel_id = store.start(travel, "local", "m")
    finished(store, travel_id, "", [Idea("Cheap eats", "Where locals eat Milmyeon")])
    discount_id = store.start(discount, "local", "m")
    finished(store, discount_id, "", [Idea("100% off?", "Not really")])

    def found(text: str | None) -> list[int]:
        return [summary.id for summary in store.list_sessions(text)]

    assert found(None) == [discount_id, travel_id, coffee_id]  # newest first
    assert found("커피") == [coffee_id]  # a word with a particle attached
    assert found("거품") == [coffee_id]  # a hook
    assert found("CHEAP") == [travel_id]  # a title, any case
    assert found("milmyeon busan") == [travel_id]  # every word, anywhere
    assert found("busan coffee") == []
    assert found("100%") == [discount_id]  # "%" is a character, not a wildcard
    assert found("_") == []
    assert len(store.list_sessions(limit=2)) == 2


def test_favourites_across_sessions(store: HistoryStore) -> None:
    first_request, second_request = IdeaRequest("tea", 2, "en"), IdeaRequest("coffee", 1, "en")
    first = store.start(first_request, "local", "m")
    finished(store, first, "", [Idea("Green"), Idea("Black")])
    second = store.start(second_request, "local", "m")
    finished(store, second, "", [Idea("Espresso", "Short")])
    store.set_favourite(first, 1, True)
    store.set_favourite(second, 0, True)
    store.set_favourite(second, 0, True)  # twice is once
    favourites = store.favourites()
    assert {(f.session_id, f.idea.title, f.topic) for f in favourites} == {
        (first, "Black", "tea"),
        (second, "Espresso", "coffee"),
    }
    session = store.get(first)
    assert session is not None and session.favourites == frozenset({1})
    store.set_favourite(first, 1, False)
    assert [f.idea.title for f in store.favourites()] == ["Espresso"]


def test_expansions_stream_and_end(store: HistoryStore) -> None:
    request = IdeaRequest("tea", 1, "en")
    session_id = store.start(request, "local", "m")
    finished(store, session_id, "", [Idea("Green")])
    expansion_id = store.add_expansion(session_id, 0, "outline")
    saver = StreamSaver(store, session_id, expansion_id=expansion_id)
    saver.add("## Intro")
    [running] = store.expansions(session_id)
    assert (running.kind, running.status, running.markdown) == ("outline", "running", "## Intro")
    store.update_expansion(expansion_id, "## Intro\n- why", "finished")
    [done] = store.expansions(session_id)
    assert (done.id, done.status, done.markdown) == (expansion_id, "finished", "## Intro\n- why")
    with pytest.raises(sqlite3.IntegrityError):
        store.add_expansion(session_id, 0, "poem")  # type: ignore[arg-type]


def test_delete_one_and_all_with_their_favourites(store: HistoryStore) -> None:
    request = IdeaRequest("tea", 1, "en")
    ids = [store.start(request, "local", "m") for _ in range(3)]
    store.set_favourite(ids[0], 0, True)
    store.add_expansion(ids[0], 0, "draft")
    assert store.delete(ids[0]) is True
    assert store.delete(ids[0]) is False
    assert store.get(ids[0]) is None
    assert store.favourites() == [] and store.expansions(ids[0]) == []
    assert store.delete_all() == 2
    assert store.list_sessions() == []
    new_id = store.start(request, "local", "m")
    assert new_id > ids[-1]  # ids are never reused


def test_stream_saver_saves_at_most_once_per_interval(store: HistoryStore) -> None:
    now = [100.0]
    session_id = store.start(IdeaRequest("tea", 1, "en"), "local", "m")
    saver = StreamSaver(store, session_id, interval=1.0, clock=lambda: now[0])

    def saved() -> str:
        session = store.get(session_id)
        assert session is not None
        return session.markdown

    saver.add("A")
    assert saved() == "A"  # the first piece at once
    now[0] += 0.5
    saver.add("B")
    assert saved() == "A"
    now[0] += 0.6
    saver.add("C")
    assert saved() == "ABC"
    saver.add("D")
    saver.flush()
    assert saved() == "ABCD" == saver.text


def test_stream_saver_logs_instead_of_raising(
    db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = HistoryStore(db_path)
    session_id = store.start(IdeaRequest("tea", 1, "en"), "local", "m")
    saver = StreamSaver(store, session_id)
    store.close()
    with caplog.at_level(logging.WARNING, logger="blogideas_gui.core.history.saver"):
        saver.add("text")
    assert isinstance(saver.last_error, sqlite3.Error)
    assert "could not save" in caplog.text


def test_running_rows_of_dead_processes_become_interrupted(db_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    dead_pid = int(dead.stdout)
    request = IdeaRequest("tea", 2, "en")
    with HistoryStore(db_path) as store:
        mine = store.start(request, "local", "m")
        orphan = store.start(request, "local", "m")
        store.save_partial(orphan, "## Green tea\n\nCalm\n\n## Black")
        orphan_expansion = store.add_expansion(mine, 0, "outline")
    with contextlib.closing(sqlite3.connect(db_path)) as db, db:
        db.execute("UPDATE sessions SET writer_pid = ? WHERE id = ?", (dead_pid, orphan))
        db.execute("UPDATE expansions SET writer_pid = ?", (dead_pid,))
    with HistoryStore(db_path) as store:
        alive, interrupted = store.get(mine), store.get(orphan)
        [expansion] = store.expansions(mine)
    assert alive is not None and alive.status == "running"  # this process still runs
    assert interrupted is not None and interrupted.status == "interrupted"
    assert interrupted.markdown == "## Green tea\n\nCalm\n\n## Black"
    assert [idea.title for idea in interrupted.ideas] == ["Green tea", "Black"]
    assert (expansion.id, expansion.status) == (orphan_expansion, "interrupted")


def make_v1_database(path: Path) -> None:
    """The first released schema, written out by hand so later edits cannot change it."""
    with contextlib.closing(sqlite3.connect(path)) as db, db:
        db.execute(
            """CREATE TABLE sessions (
                id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL, topic TEXT NOT NULL, count INTEGER NOT NULL,
                language TEXT NOT NULL, tone TEXT NOT NULL DEFAULT '',
                audience TEXT NOT NULL DEFAULT '', backend TEXT NOT NULL, model TEXT NOT NULL,
                status TEXT NOT NULL, markdown TEXT NOT NULL DEFAULT '',
                ideas_json TEXT NOT NULL DEFAULT '[]', prompt_tokens INTEGER,
                completion_tokens INTEGER, cost_usd REAL, seconds REAL,
                error TEXT NOT NULL DEFAULT '')"""
        )
        db.execute(
            """CREATE TABLE favourites (
                session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                idea_index INTEGER NOT NULL, created_at TEXT NOT NULL,
                PRIMARY KEY (session_id, idea_index))"""
        )
        db.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        db.execute(
            "INSERT INTO _migrations VALUES ('m001_create_sessions_and_favourites', '2025-01-01')"
        )
        stamp = "2025-01-02T03:04:05+00:00"
        idea = Idea("Starter from scratch", "Flour and patience")
        db.execute(
            "INSERT INTO sessions (created_at, updated_at, topic, count, language, backend,"
            " model, status, markdown, ideas_json) VALUES"
            " (?, ?, 'Sourdough at home', 1, 'en', 'local', 'm', 'finished', '## Starter', ?),"
            " (?, ?, 'Left running', 1, 'en', 'local', 'm', 'running', '## Half', '[]')",
            (stamp, stamp, json.dumps([idea.to_dict()]), stamp, stamp),
        )
        db.execute("INSERT INTO favourites VALUES (1, 0, ?)", (stamp,))
        db.execute("PRAGMA user_version = 1")


def test_migrates_the_first_schema_and_backs_it_up(db_path: Path) -> None:
    make_v1_database(db_path)
    with HistoryStore(db_path) as store:
        assert store.migrated_from == 1
        [found] = store.list_sessions("patience")  # search text was back-filled
        assert found.topic == "Sourdough at home"
        assert [f.idea.title for f in store.favourites()] == ["Starter from scratch"]
        left = store.get(2)
        assert left is not None and left.status == "interrupted"  # a v1 row has no pid
        store.add_expansion(1, 0, "outline")  # the v3 table exists
    assert query(db_path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert [name for (name,) in query(db_path, "SELECT name FROM _migrations ORDER BY name")] == [
        migration.__name__ for migration in MIGRATIONS
    ]
    backup = backup_path(db_path, 1)
    assert query(backup, "PRAGMA user_version") == [(1,)]
    assert query(backup, "SELECT topic, status FROM sessions ORDER BY id") == [
        ("Sourdough at home", "finished"),
        ("Left running", "running"),
    ]
    with HistoryStore(db_path) as store:
        assert store.migrated_from == SCHEMA_VERSION  # nothing more to do


def test_a_new_database_is_wal_and_not_backed_up(db_path: Path) -> None:
    with HistoryStore(db_path) as store:
        assert store.migrated_from == 0
    assert query(db_path, "PRAGMA journal_mode") == [("wal",)]
    assert list(db_path.parent.glob("*.bak")) == []


def test_a_database_from_a_newer_version_is_never_altered(db_path: Path) -> None:
    """It is not migrated down, not even switched to WAL: the store works in memory."""
    with contextlib.closing(sqlite3.connect(db_path)) as db:
        db.execute("CREATE TABLE sessions (id INTEGER PRIMARY KEY, future TEXT)")
        db.execute("INSERT INTO sessions (future) VALUES ('kept')")
        db.commit()
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = db_path.read_bytes()
    with HistoryStore(db_path) as store:
        assert store.in_memory and store.notice is not None
        assert store.notice.kind is ErrorKind.HISTORY_TOO_NEW
        session = store.start(IdeaRequest("tea", 1, "en"), "local", "m")
        assert store.get(session) is not None
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]


def test_the_whole_request_is_kept(store: HistoryStore) -> None:
    request = IdeaRequest(
        "홈카페", 3, "ko", tone="friendly", audience="beginners", platform="naver", length="short"
    )
    session = store.get(store.start(request, "local", "m"))
    assert session is not None and session.request == request
    assert (session.to_json()["platform"], session.to_json()["length"]) == ("naver", "short")


def test_a_version_3_database_gains_platform_and_length(db_path: Path) -> None:
    """Made with the first three migrations, as the release before this one left it."""
    with contextlib.closing(sqlite3.connect(db_path, isolation_level=None)) as db:
        migrate(db, db_path, MIGRATIONS[:3])
        db.execute(
            "INSERT INTO sessions (created_at, updated_at, topic, count, language, backend,"
            " model, status) VALUES ('2025-01-01', '2025-01-01', 'Tea', 2, 'en', 'local', 'm',"
            " 'finished')"
        )
    with HistoryStore(db_path) as store:
        assert store.migrated_from == 3
        old = store.get(1)
        assert old is not None and (old.request.platform, old.request.length) == ("", "")
    assert query(backup_path(db_path, 3), "PRAGMA user_version") == [(3,)]


def test_two_processes_writing_at_once_lose_nothing(db_path: Path) -> None:
    count = 40
    start_at = time.time() + 1.5  # both start writing at the same moment
    writers = [
        subprocess.Popen(
            [sys.executable, str(WRITER), "many", str(db_path), tag, str(count), str(start_at)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("alpha", "beta")
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
    with HistoryStore(db_path) as store:
        sessions = store.list_sessions()
        assert len(sessions) == 2 * count
        assert {s.topic for s in sessions} == {
            f"{tag} topic {index}" for tag in ("alpha", "beta") for index in range(count)
        }
        assert {s.status for s in sessions} == {"finished"}
        assert len(store.list_sessions("alpha")) == count
    assert query(db_path, "PRAGMA integrity_check") == [("ok",)]


@pytest.mark.slow
def test_a_generation_killed_mid_stream_keeps_its_text(db_path: Path, starter_model: Path) -> None:
    """A real generation (starter model, real core) killed with SIGKILL mid-stream."""
    writer = subprocess.Popen(
        [sys.executable, str(WRITER), "generate", str(db_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen = ""
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and writer.poll() is None:
            if db_path.exists():
                with contextlib.suppress(sqlite3.OperationalError):  # not created yet
                    rows = query(db_path, "SELECT status, markdown FROM sessions")
                    if rows and rows[0][0] == "running" and rows[0][1]:
                        seen = str(rows[0][1])
                        break
            time.sleep(0.05)
        assert seen, "no streamed text was saved before the writer ended"
        os.kill(writer.pid, signal.SIGKILL)
    finally:
        if writer.poll() is None:
            writer.kill()
        _, err = writer.communicate(timeout=30)  # reaped: its pid is really gone
    assert writer.returncode == -signal.SIGKILL, err
    with HistoryStore(db_path) as store:
        [summary] = store.list_sessions()
        session = store.get(summary.id)
    assert session is not None
    assert session.status == "interrupted"
    assert session.markdown.startswith(seen)
    assert query(db_path, "PRAGMA integrity_check") == [("ok",)]


def test_a_late_flush_does_not_reopen_an_ended_expansion(store: HistoryStore) -> None:
    session_id = store.start(IdeaRequest("tea", 1, "en"), "local", "m")
    expansion_id = store.add_expansion(session_id, 0, "draft")
    store.update_expansion(expansion_id, "Done text", "stopped")
    store.update_expansion(expansion_id, "Late text")
    [ended] = store.expansions(session_id)
    assert (ended.status, ended.markdown) == ("stopped", "Done text")
