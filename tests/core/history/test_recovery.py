"""A damaged history never stops the app: set aside, a fresh start, one notice.

The damage is made here on real files: random bytes, a page overwritten in
the middle of a real history, a history cut in half.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from blogideas_gui.cli.history import run_history
from blogideas_gui.cli.main import build_parser, run
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.history.store import HistoryStore, default_history_path
from blogideas_gui.core.writing.prompts import IdeaRequest

PAGE = 4096


def real_history(path: Path) -> bytes:
    """A history of 40 sessions, checkpointed so the file holds them all."""
    with HistoryStore(path) as store:
        for number in range(40):
            session = store.start(IdeaRequest(f"topic {number} " + "x" * 300, 1, "en"), "l", "m")
            store.save_partial(session, "## idea\n" + "y" * 2000)
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path.read_bytes()


def random_bytes(path: Path) -> bytes:
    return os.urandom(3 * PAGE)


def a_page_overwritten(path: Path) -> bytes:
    data = bytearray(real_history(path))
    data[3 * PAGE : 4 * PAGE] = os.urandom(PAGE)
    return bytes(data)


def cut_in_half(path: Path) -> bytes:
    data = real_history(path)
    return data[: len(data) // 2]


@pytest.mark.parametrize("damage", [random_bytes, a_page_overwritten, cut_in_half])
def test_a_damaged_history_is_set_aside_and_a_fresh_one_started(
    damage: Callable[[Path], bytes], notices: list[BlogIdeasError]
) -> None:
    path = default_history_path()
    damaged = damage(path)
    path.write_bytes(damaged)
    path.with_name(path.name + "-wal").write_bytes(b"left over")
    with HistoryStore() as store:
        assert not store.in_memory
        assert store.list_sessions() == []
        session = store.start(IdeaRequest("tea", 1, "en"), "local", "m")
        assert store.get(session) is not None
    [aside] = path.parent.glob("history.sqlite3.damaged-*[0-9]")
    assert aside.read_bytes() == damaged
    assert aside.with_name(aside.name + "-wal").read_bytes() == b"left over"
    [notice] = notices
    assert notice.kind is ErrorKind.HISTORY_DAMAGED and notice.detail == aside.name
    with HistoryStore() as again:  # the fresh file is a good one
        assert len(again.list_sessions()) == 1


def test_the_command_line_lists_over_a_damaged_history_with_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = default_history_path()
    path.write_bytes(os.urandom(PAGE))
    assert run(["history", "list"]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    [line] = err.splitlines()
    assert "history file was damaged" in line or "기록 파일이 손상되어" in line
    assert ".damaged-" in line


def test_show_works_after_recovery(capsys: pytest.CaptureFixture[str]) -> None:
    path = default_history_path()
    path.write_bytes(os.urandom(PAGE))
    with HistoryStore() as store:
        session = store.start(IdeaRequest("tea", 1, "en"), "local", "m")
    assert run_history(build_parser().parse_args(["history", "show", str(session)])) == 0
    assert "# tea" in capsys.readouterr().out
