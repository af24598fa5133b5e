"""Caches are rebuilt quietly: a log line, never the notice meant for the user's own data.

The checked-models cache is tried through its real reader: a GGUF file
written by llama.cpp's own writer, checked once, then the cache damaged or
replaced by another version's; the prompt-state cache is tried on the real
model in ``tests/core/backends/test_prompt_state.py``.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from blogideas_gui.core.common.errors import BlogIdeasError
from blogideas_gui.core.common.files import read_cache, write_cache
from blogideas_gui.core.common.paths import data_dir
from blogideas_gui.core.models.gguf import CACHE_FILE, CACHE_VERSION, checked_facts, known_facts

REBUILDING = "rebuilding the cache"


@pytest.mark.parametrize(
    "content",
    [b'{"version": 1, "files": {', b"\xff\xfe not text", b"[1, 2]", b'{"version": 7}'],
    ids=["cut-short", "not-utf8", "not-an-object", "another-version"],
)
def test_a_cache_that_cannot_be_used_is_deleted_with_a_log_line(
    tmp_path: Path,
    content: bytes,
    caplog: pytest.LogCaptureFixture,
    notices: list[BlogIdeasError],
) -> None:
    caplog.set_level(logging.INFO, logger="blogideas_gui.core.common.files")
    path = tmp_path / "cache.json"
    path.write_bytes(content)
    assert read_cache(path, 1) is None
    assert not path.exists()
    assert not list(tmp_path.glob("*.damaged-*"))
    assert REBUILDING in caplog.text and "cache.json" in caplog.text
    assert notices == []


def test_a_cache_round_trip_and_a_missing_one(
    tmp_path: Path, notices: list[BlogIdeasError]
) -> None:
    path = tmp_path / "cache.json"
    assert read_cache(path, 1) is None
    write_cache(path, {"files": {"a": {"b": 1}}}, 1)
    assert read_cache(path, 1) == {"version": 1, "files": {"a": {"b": 1}}}
    assert notices == []


def test_a_cache_the_disk_refuses_costs_a_log_line_only(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, notices: list[BlogIdeasError]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")  # refuses even root, unlike permissions
    write_cache(blocker / "cache.json", {"files": {}}, 1)
    assert "cannot write the cache" in caplog.text
    assert notices == []


@pytest.mark.parametrize(
    "damage",
    [
        "{not json",
        json.dumps({"version": CACHE_VERSION + 1, "files": {"x": {"stamp": 1}}}),
        json.dumps({"/an/old/flat/cache.gguf": {"stamp": [1, 2], "facts": {}}}),
    ],
    ids=["damaged", "newer-version", "older-unversioned"],
)
def test_the_checked_models_cache_is_rebuilt_without_a_notice(
    small_gguf: Path,
    damage: str,
    caplog: pytest.LogCaptureFixture,
    notices: list[BlogIdeasError],
) -> None:
    caplog.set_level(logging.INFO)
    cache = data_dir() / CACHE_FILE
    facts = checked_facts(small_gguf)
    assert known_facts(small_gguf) == facts
    cache.write_text(damage, encoding="utf-8")
    assert known_facts(small_gguf) is None  # the shortcut is gone, nothing else
    assert checked_facts(small_gguf) == facts  # read again from the file itself
    assert known_facts(small_gguf) == facts
    stored = json.loads(cache.read_text(encoding="utf-8"))
    assert stored["version"] == CACHE_VERSION and len(stored["files"]) == 1
    assert REBUILDING in caplog.text
    assert notices == []
    assert not list(cache.parent.glob("*.damaged-*"))
