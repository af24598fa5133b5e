"""The evaluated role prompt saved to disk and loaded on the next start, on the real model."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from blogideas_gui.core.backends.base import Done, GenerationOptions
from blogideas_gui.core.backends.local import LocalBackend
from blogideas_gui.core.backends.prompt_state import FORMAT_PREFIX, MAGIC, forget_model, states_dir
from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.common.errors import BlogIdeasError
from blogideas_gui.core.models.installed import import_model, remove_model
from blogideas_gui.core.writing.prompts import IdeaRequest, build_messages

RESTORED = "restored"
REBUILDING = "rebuilding the cache"


def _answer(backend: LocalBackend, topic: str) -> Done:
    messages = build_messages(IdeaRequest(topic, 2, "en"))
    events = list(backend.stream(messages, GenerationOptions(max_tokens=8, seed=1), CancelToken()))
    done = events[-1]
    assert isinstance(done, Done) and done.usage.completion_tokens > 0
    return done


def _fresh_answer(starter_model: Path, folder: Path, topic: str, n_ctx: int = 4096) -> None:
    """A new backend, as after a restart: load the model, answer once."""
    backend = LocalBackend(starter_model, states_dir=folder, n_ctx=n_ctx)
    try:
        _answer(backend, topic)
    finally:
        backend.close()


def test_a_restart_loads_the_role_prompt_instead_of_evaluating_it(
    starter_model: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="blogideas_gui.core.backends.prompt_state")
    _fresh_answer(starter_model, tmp_path, "home coffee brewing")
    saved = list(tmp_path.glob("*/*.state"))
    assert len(saved) == 1
    assert 0 < saved[0].stat().st_size < 64 * 2**20  # bounded: the role prompt's cache only
    assert RESTORED not in caplog.text
    _fresh_answer(starter_model, tmp_path, "urban balcony gardening")
    assert RESTORED in caplog.text
    assert list(tmp_path.glob("*/*.state")) == saved  # one file per model and role prompt


@pytest.mark.parametrize("damage", ["magic", "body"])
def test_a_damaged_state_is_rebuilt_quietly_and_the_answer_still_comes(
    starter_model: Path,
    tmp_path: Path,
    damage: str,
    caplog: pytest.LogCaptureFixture,
    notices: list[BlogIdeasError],
) -> None:
    """A cache: no notice meant for the user's own data, one log line, a fresh state saved."""
    caplog.set_level(logging.INFO)
    _fresh_answer(starter_model, tmp_path, "home coffee brewing")
    (saved,) = tmp_path.glob("*/*.state")
    data = saved.read_bytes()
    if damage == "magic":
        saved.write_bytes(b"garbage" + data[len(MAGIC) :])
    else:  # the header and tokens right, llama.cpp's part cut short
        saved.write_bytes(data[: len(data) // 2])
    _fresh_answer(starter_model, tmp_path, "tea")
    assert RESTORED not in caplog.text
    assert notices == []
    assert REBUILDING in caplog.text
    assert not list(saved.parent.glob("*.damaged-*"))  # nothing of the user's to look at
    assert saved.read_bytes() == data  # saved anew after the answer


def test_a_state_from_a_newer_blogideas_is_rebuilt_quietly(
    starter_model: Path,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    notices: list[BlogIdeasError],
) -> None:
    caplog.set_level(logging.INFO)
    _fresh_answer(starter_model, tmp_path, "home coffee brewing")
    (saved,) = tmp_path.glob("*/*.state")
    data = saved.read_bytes()
    saved.write_bytes(FORMAT_PREFIX + b"99\n" + data[len(MAGIC) :])
    _fresh_answer(starter_model, tmp_path, "tea")
    assert RESTORED not in caplog.text
    assert REBUILDING in caplog.text and "format 99" in caplog.text
    assert notices == []
    assert saved.read_bytes() == data  # this version's state, for the next start


def test_a_state_for_another_context_size_is_replaced_not_called_damaged(
    starter_model: Path,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    notices: list[BlogIdeasError],
) -> None:
    caplog.set_level(logging.INFO, logger="blogideas_gui.core.backends.prompt_state")
    _fresh_answer(starter_model, tmp_path, "home coffee brewing", n_ctx=2048)
    (saved,) = tmp_path.glob("*/*.state")
    before = saved.read_bytes()
    _fresh_answer(starter_model, tmp_path, "tea", n_ctx=4096)
    assert RESTORED not in caplog.text
    assert saved.is_file() and saved.read_bytes() != before  # saved anew for 4096
    assert not list(saved.parent.glob("*.damaged-*"))
    assert notices == []


def test_forgetting_a_model_removes_its_states(starter_model: Path, tmp_path: Path) -> None:
    _fresh_answer(starter_model, tmp_path, "home coffee brewing")
    assert list(tmp_path.glob("*/*.state"))
    forget_model(starter_model, tmp_path)
    assert not list(tmp_path.glob("*/*"))


def test_removing_a_model_removes_its_saved_states(starter_model: Path, tmp_path: Path) -> None:
    """The hook in the model store: a removed model leaves no saved state behind."""
    folder = tmp_path / "models"
    folder.mkdir()
    model = import_model(starter_model, link=True, folder=folder)
    _fresh_answer(model.path, states_dir(), "home coffee brewing")
    assert list(states_dir().glob("*/*.state"))
    remove_model(model.id, folder)
    assert not list(states_dir().glob("*/*.state"))
