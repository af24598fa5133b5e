"""A full disk, a real one: a 1 MiB tmpfs filled to the last byte.

What must hold: one plain message; what was written so far is kept; nothing
becomes "unexpected"; no traceback (the log's own included) reaches stderr.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from blogideas_gui.core.account.budget import Ledger
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.common.logs import QuietFileHandler, setup_logging
from blogideas_gui.core.history.export import write_export
from blogideas_gui.core.history.saver import StreamSaver
from blogideas_gui.core.history.store import HistoryStore
from blogideas_gui.core.settings.preferences import Settings, load_settings, save_settings
from blogideas_gui.core.writing.ideas import Idea
from blogideas_gui.core.writing.prompts import IdeaRequest
from tests.support.full_disk import fill, free, small_disk

REQUEST = IdeaRequest("커피", 1, "ko")


@pytest.fixture
def disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """``BLOGIDEAS_HOME`` on a small real filesystem of its own."""
    with small_disk(tmp_path / "disk") as folder:
        monkeypatch.setenv("BLOGIDEAS_HOME", str(folder))
        yield folder


def test_history_keeps_what_was_written_and_goes_on_in_memory(
    disk: Path, notices: list[BlogIdeasError]
) -> None:
    with HistoryStore() as store:
        kept = store.start(REQUEST, "local", "m")
        store.finish(kept, "## 1. A\n\nkept on disk", [Idea("A")])
        ballast = fill(disk)
        session = store.start(REQUEST, "local", "m")  # the disk refuses: memory takes it
        saver = StreamSaver(store, session, interval=0.0)
        for piece in ("## 1. B", "\n\nwritten while the disk was full"):
            saver.add(piece)
        store.finish(session, saver.text, [Idea("A")])
        assert store.in_memory and saver.last_error is None
        assert [s.id for s in store.list_sessions()] == [session, kept]
    assert [notice.kind for notice in notices] == [ErrorKind.DISK_FULL]
    assert str(disk / "data") in notices[0].message("en")
    assert "디스크 공간이 부족합니다" in notices[0].message("ko")
    free(ballast)
    with HistoryStore() as again:  # the file holds everything written before the disk filled
        [only] = again.list_sessions()
        found = again.get(only.id)
        assert found is not None and "kept on disk" in found.markdown


def test_history_opened_on_a_full_disk_works_in_memory(
    disk: Path, notices: list[BlogIdeasError]
) -> None:
    """SQLite says "disk I/O error" here; it is still the full disk to the user."""
    with HistoryStore() as store:
        store.finish(store.start(REQUEST, "local", "m"), "## 1. A", [Idea("A")])
    fill(disk)
    with HistoryStore() as store:
        assert store.in_memory
        store.finish(store.start(REQUEST, "local", "m"), "## 1. B", [Idea("A")])
        assert len(store.list_sessions()) == 1
    assert [notice.kind for notice in notices] == [ErrorKind.DISK_FULL]


def test_the_ledger_counts_a_cost_the_disk_refused(
    disk: Path, notices: list[BlogIdeasError]
) -> None:
    ledger = Ledger()
    ledger.record(1.5)
    fill(disk)
    ledger.record(2.0)
    assert ledger.month_total() == 3.5
    assert [notice.kind for notice in notices] == [ErrorKind.DISK_FULL]


def test_settings_and_exports_fail_plainly_and_leave_the_old_file_whole(disk: Path) -> None:
    save_settings(Settings(ui_language="ko"))
    target = disk / "ideas.md"
    ballast = fill(disk)
    with pytest.raises(BlogIdeasError) as caught:
        save_settings(Settings(ui_language="en", monthly_budget_usd=3.0))
    assert caught.value.kind is ErrorKind.DISK_FULL
    assert load_settings().settings.ui_language == "ko"
    with pytest.raises(BlogIdeasError) as exported:
        write_export(target, "아이디어 " * 10_000)
    assert exported.value.kind is ErrorKind.DISK_FULL
    assert not target.exists()
    left = {path.name for path in disk.rglob("*") if path.is_file()}
    assert left == {"settings.json", ballast.name}  # no temporary file behind


def test_the_log_file_on_a_full_disk_stays_silent(
    disk: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    root = logging.getLogger()
    before = list(root.handlers)
    setup_logging()
    [handler] = [h for h in root.handlers if isinstance(h, QuietFileHandler)]
    try:
        fill(disk)
        for number in range(200):
            logging.getLogger("blogideas_gui.test").warning("record %d %s", number, "x" * 500)
        handler.flush()
        assert handler.dropped > 0
    finally:
        root.removeHandler(handler)
        handler.close()
        assert root.handlers == before
    out, err = capfd.readouterr()
    assert out == "" and err == ""


@pytest.mark.slow
def test_the_command_line_generates_on_a_full_disk_with_one_line(
    disk: Path, starter_model: Path
) -> None:
    """The real engine writes the ideas; history and the log cannot be written."""
    with HistoryStore() as store:
        store.finish(store.start(REQUEST, "local", "m"), "## 1. A", [Idea("A")])
    fill(disk)
    completed = subprocess.run(
        [sys.executable, "-m", "blogideas_gui", "generate", "coffee", "--lang", "en",
         "--count", "1", "--max-tokens", "48", "--seed", "1", "--model", str(starter_model)],
        capture_output=True, text=True, timeout=300, env={**os.environ},
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip()
    lines = completed.stderr.strip().splitlines()
    assert len(lines) == 1 and "Not enough free disk space" in lines[0], completed.stderr
    assert "Traceback" not in completed.stderr and "Logging error" not in completed.stderr
