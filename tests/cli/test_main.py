"""The command line as a user runs it: a real process, real exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from blogideas_gui.core.settings.secrets import KeyStore
from tests.conftest import free_port
from tests.support.openai_error_server import INVALID_KEY, openai_error_server


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m blogideas_gui ARGS`` with English messages."""
    environment = {**os.environ, "BLOGIDEAS_LANG": "en", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "blogideas_gui", *args],
        capture_output=True,
        text=True,
        timeout=600,
        env=environment,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], code: int, *words: str) -> None:
    assert result.returncode == code, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0]
    assert result.stdout == ""


def test_json_output_has_the_parsed_ideas_on_the_starter_model() -> None:
    result = run_cli(
        "generate", "home coffee brewing", "--lang", "en", "--json", "--seed", "2",
        "--max-tokens", "400",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {
        "topic", "backend", "model", "ideas", "markdown", "usage", "seconds", "cost_usd",
    }  # fmt: skip
    assert data["topic"] == "home coffee brewing"
    assert data["backend"] == "local"
    assert data["cost_usd"] == 0.0
    assert data["usage"]["completion_tokens"] > 0
    assert len(data["ideas"]) >= 1
    assert all(set(idea) == {"title", "hook", "outline"} for idea in data["ideas"])


def test_streams_markdown_to_stdout() -> None:
    result = run_cli("generate", "gardening", "--lang", "en", "--max-tokens", "30", "--seed", "1")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.strip()) > 20
    assert result.stderr == ""


@pytest.mark.parametrize("topic", ["", "   \n "])
def test_empty_topic_is_a_usage_error(topic: str) -> None:
    assert_one_line_error(run_cli("generate", topic), 2, "topic is empty")


@pytest.mark.parametrize("count", ["0", "21", "abc", "2.5"])
def test_bad_count_is_a_usage_error(count: str) -> None:
    assert_one_line_error(run_cli("generate", "coffee", "--count", count), 2, "--count", count)


def test_unknown_option_is_a_usage_error() -> None:
    assert_one_line_error(run_cli("generate", "coffee", "--colour", "red"), 2, "--colour")


def test_missing_model_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.gguf"
    assert_one_line_error(run_cli("generate", "coffee", "--model", str(missing)), 3, "not found")


def test_unreadable_model_file(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        # root reads any file: use a directory, which open() cannot read either.
        target = tmp_path / "folder.gguf"
        target.mkdir()
    else:
        target = tmp_path / "locked.gguf"
        target.write_bytes(b"GGUF")
        target.chmod(0)
    result = run_cli("generate", "coffee", "--model", str(target))
    assert_one_line_error(result, 3, str(target))


def test_a_file_that_is_not_gguf(tmp_path: Path) -> None:
    text = tmp_path / "notes.gguf"
    text.write_text("just some notes")
    assert_one_line_error(run_cli("generate", "coffee", "--model", str(text)), 3, "not a GGUF")


def test_unreachable_server() -> None:
    url = f"http://127.0.0.1:{free_port()}/v1"
    result = run_cli("generate", "coffee", "--backend", "openai", "--base-url", url)
    assert_one_line_error(result, 3, "Cannot reach", "127.0.0.1")


def test_rejected_key_never_shows_the_key() -> None:
    key = "sk-proj-abcdefghijklmnopqrstuvwxyz0123"
    with openai_error_server(401, INVALID_KEY) as (url, _seen):
        KeyStore().for_address(url).save(key)  # the key saved for this server, its only key
        result = run_cli("generate", "coffee", "--backend", "openai", "--base-url", url)
    assert_one_line_error(result, 3, "rejected the API key")
    assert key not in result.stderr and "sk-" not in result.stderr


def test_openai_without_a_key() -> None:
    result = run_cli("generate", "coffee", "--backend", "openai")
    assert_one_line_error(result, 3, "No OpenAI API key")


def test_korean_messages_follow_the_system_language() -> None:
    result = run_cli("generate", "", env={"BLOGIDEAS_LANG": "ko"})
    assert_one_line_error(result, 2, "주제가 비어 있습니다")
