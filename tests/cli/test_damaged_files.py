"""``blogideas generate`` over damaged files: the answer comes, one plain line says what happened.

A paid request (gpt-4o-mini, priced) goes to a loopback server speaking
OpenAI's streaming format, so the spending ledger is read before it and
written after it, as with OpenAI itself.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.support.openai_error_server import Reply, openai_script_server

ANSWER = ["## 1. Pour-over at home", "\n\nA steady hand and a kettle."]


def generate(url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "blogideas_gui", "generate", "coffee", "--backend", "openai",
         "--model", "gpt-4o-mini", "--base-url", url, "--count", "1", "--lang", "en"],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "BLOGIDEAS_LANG": "en"},
    )  # fmt: skip


def data() -> Path:
    folder = Path(os.environ["BLOGIDEAS_HOME"]) / "data"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_a_damaged_ledger_is_set_aside_and_the_paid_request_goes_on() -> None:
    (data() / "spending.sqlite3").write_bytes(os.urandom(4096))
    with openai_script_server([Reply(200, sse=ANSWER)]) as (url, seen):
        result = generate(url)
    assert result.returncode == 0, result.stderr
    assert "Pour-over at home" in result.stdout and len(seen) == 1
    [line] = result.stderr.strip().splitlines()
    assert "spending was damaged" in line and "spending.sqlite3.damaged-" in line
    with contextlib.closing(sqlite3.connect(data() / "spending.sqlite3")) as db:
        [(count,)] = db.execute("SELECT COUNT(*) FROM spending").fetchall()
    assert count == 1  # this request's cost, in a fresh ledger


def test_a_newer_history_is_left_alone_and_the_request_goes_on() -> None:
    path = data() / "history.sqlite3"
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA user_version = 1000")
    before = path.read_bytes()
    with openai_script_server([Reply(200, sse=ANSWER)]) as (url, _seen):
        result = generate(url)
    assert result.returncode == 0, result.stderr
    assert "Pour-over at home" in result.stdout
    [line] = result.stderr.strip().splitlines()
    assert "newer version of BlogIdeas" in line and "untouched" in line
    assert path.read_bytes() == before
