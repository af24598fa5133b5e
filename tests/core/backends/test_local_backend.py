"""The local backend on the real starter model through llama.cpp."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from blogideas_gui.core.backends.base import Done, GenerationOptions, TextDelta
from blogideas_gui.core.backends.local import LocalBackend
from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.generation.runner import GenerationResult, Phase, PhaseChanged, generate
from blogideas_gui.core.models.preflight import local_preflight
from blogideas_gui.core.writing.prompts import IdeaRequest, build_messages

SHORT = GenerationOptions(max_tokens=48, seed=3)


def test_streams_text_then_done_with_usage(local_backend: LocalBackend) -> None:
    messages = build_messages(IdeaRequest("home coffee brewing", 3, "en"))
    events = list(local_backend.stream(messages, SHORT, CancelToken()))
    deltas = [e for e in events if isinstance(e, TextDelta)]
    done = events[-1]
    assert isinstance(done, Done)
    assert len(deltas) >= 5
    assert "".join(d.text for d in deltas).strip()
    assert done.usage.completion_tokens == sum(d.pieces for d in deltas)
    assert done.usage.prompt_tokens > 50  # the role prompt alone is longer than that
    assert done.finish_reason in {"stop", "length"}


def test_model_stays_loaded_between_requests(local_backend: LocalBackend) -> None:
    messages = build_messages(IdeaRequest("gardening", 2, "en"))
    for _ in range(2):
        events = list(
            local_backend.stream(messages, GenerationOptions(max_tokens=4, seed=1), CancelToken())
        )
        assert isinstance(events[-1], Done) and events[-1].usage.completion_tokens == 4
        assert local_backend.is_loaded


def test_cancel_stops_within_a_few_tokens(local_backend: LocalBackend) -> None:
    cancel = CancelToken()
    messages = build_messages(IdeaRequest("travel", 5, "en"))
    produced = 0
    last = None
    for event in local_backend.stream(messages, GenerationOptions(max_tokens=400, seed=2), cancel):
        if isinstance(event, TextDelta):
            produced += 1
            if produced == 5:
                cancel.cancel()
        last = event
    assert isinstance(last, Done)
    assert last.finish_reason == "cancelled"
    assert produced == 5


def test_generate_reports_phases_result_and_free_cost(starter_model: Path) -> None:
    backend = LocalBackend(starter_model)
    events = list(
        generate(IdeaRequest("home coffee brewing", 3, "en"), backend, CancelToken(), SHORT)
    )
    phases = [e.phase for e in events if isinstance(e, PhaseChanged)]
    assert phases == [Phase.LOADING, Phase.WAITING, Phase.WRITING]
    result = events[-1]
    assert isinstance(result, GenerationResult)
    assert result.cost_usd == 0.0
    assert result.backend == "local"
    assert result.first_token_seconds is not None and result.first_token_seconds > 0
    assert result.markdown == "".join(e.text for e in events if isinstance(e, TextDelta))
    assert result.to_json()["usage"] == {
        "prompt_tokens": result.usage.prompt_tokens,
        "completion_tokens": result.usage.completion_tokens,
        "estimated": False,
    }


def test_missing_file_is_a_plain_error(tmp_path: Path) -> None:
    with pytest.raises(BlogIdeasError) as caught:
        LocalBackend(tmp_path / "nope.gguf").load()
    assert caught.value.kind is ErrorKind.MODEL_MISSING
    assert "nope.gguf" in caught.value.message("en")


def test_a_file_that_is_not_gguf_is_refused_before_llama_cpp_sees_it(tmp_path: Path) -> None:
    fake = tmp_path / "model.gguf"
    fake.write_bytes(b"<html>not a model</html>")
    with pytest.raises(BlogIdeasError) as caught:
        LocalBackend(fake, preflight=local_preflight()).load()
    assert caught.value.kind is ErrorKind.MODEL_NOT_GGUF


def test_a_damaged_gguf_fails_to_load_with_a_plain_error(
    tmp_path: Path, starter_model: Path
) -> None:
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(starter_model.read_bytes()[:4096])
    started = time.monotonic()
    with pytest.raises(BlogIdeasError) as caught:
        LocalBackend(broken).load()
    assert caught.value.kind is ErrorKind.MODEL_LOAD_FAILED
    assert time.monotonic() - started < 30


def test_a_prompt_longer_than_the_context_says_what_to_shorten(starter_model: Path) -> None:
    """Counted in tokens: a Korean topic under the character limit can still not fit."""
    backend = LocalBackend(starter_model, n_ctx=1024)
    try:
        messages = build_messages(IdeaRequest("집에서 커피 내리기 " * 60, 3, "ko"))
        with pytest.raises(BlogIdeasError) as caught:
            list(backend.stream(messages, GenerationOptions(), CancelToken()))
    finally:
        backend.close()
    assert caught.value.kind is ErrorKind.PROMPT_TOO_LONG
    assert "Shorten the topic" in caught.value.message("en")
    assert "주제" in caught.value.message("ko")
