"""The OpenAI backend against a real OpenAI-compatible server on loopback.

``llama_cpp.server`` serves the starter model with OpenAI's protocol; the
error cases use a loopback server with OpenAI's real error bodies.
"""

from __future__ import annotations

import time

import pytest

from blogideas_gui.core.backends.base import Done, GenerationOptions, TextDelta
from blogideas_gui.core.backends.openai_api import OpenAIBackend
from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.generation.runner import GenerationResult, generate
from blogideas_gui.core.writing.prompts import IdeaRequest, build_messages
from tests.conftest import free_port
from tests.support.openai_error_server import (
    INSUFFICIENT_QUOTA,
    INVALID_KEY,
    RATE_LIMITED,
    SERVER_ERROR,
    openai_error_server,
)

SHORT = GenerationOptions(max_tokens=40, seed=5)


def test_streams_from_a_real_server_with_usage(llama_server: str) -> None:
    """llama_cpp.server sends no usage in its stream, so the backend counts it."""
    backend = OpenAIBackend(model="smollm2", base_url=llama_server)
    messages = build_messages(IdeaRequest("home coffee brewing", 3, "en"))
    events = list(backend.stream(messages, SHORT, CancelToken()))
    deltas = [e for e in events if isinstance(e, TextDelta)]
    done = events[-1]
    assert isinstance(done, Done)
    assert len(deltas) >= 5
    assert done.usage.estimated
    assert done.usage.prompt_tokens > 50
    assert done.usage.completion_tokens == len(deltas) <= SHORT.max_tokens


def test_generate_through_the_server_prices_an_unknown_model_as_unknown(
    llama_server: str,
) -> None:
    backend = OpenAIBackend(model="smollm2", base_url=llama_server)
    events = list(generate(IdeaRequest("hiking", 2, "en"), backend, CancelToken(), SHORT))
    result = events[-1]
    assert isinstance(result, GenerationResult)
    assert result.backend == "openai"
    assert result.markdown
    assert result.cost_usd is None


def test_cancel_ends_the_stream(llama_server: str) -> None:
    backend = OpenAIBackend(model="smollm2", base_url=llama_server)
    cancel = CancelToken()
    messages = build_messages(IdeaRequest("travel", 5, "en"))
    produced = 0
    last = None
    for event in backend.stream(messages, GenerationOptions(max_tokens=300, seed=1), cancel):
        if isinstance(event, TextDelta):
            produced += 1
            if produced == 3:
                cancel.cancel()
        last = event
    assert isinstance(last, Done)
    assert last.finish_reason == "cancelled"
    assert produced == 3


def test_openai_itself_without_a_key_fails_before_any_network_call() -> None:
    with pytest.raises(BlogIdeasError) as caught:
        OpenAIBackend(model="gpt-4o-mini").load()
    assert caught.value.kind is ErrorKind.NO_KEY


def test_unreachable_server_is_a_plain_error() -> None:
    backend = OpenAIBackend(model="x", base_url=f"http://127.0.0.1:{free_port()}/v1")
    started = time.monotonic()
    with pytest.raises(BlogIdeasError) as caught:
        list(backend.stream(build_messages(IdeaRequest("a", 1, "en")), SHORT, CancelToken()))
    assert caught.value.kind is ErrorKind.NO_NETWORK
    assert "127.0.0.1" in caught.value.message("en")
    assert time.monotonic() - started < 15


@pytest.mark.parametrize(
    ("status", "body", "kind"),
    [
        (401, INVALID_KEY, ErrorKind.KEY_REJECTED),
        (429, INSUFFICIENT_QUOTA, ErrorKind.OUT_OF_CREDIT),
        (429, RATE_LIMITED, ErrorKind.RATE_LIMITED_NO_RETRY),  # max_retries=0: no retry made
        (500, SERVER_ERROR, ErrorKind.SERVER_ERROR),
    ],
)
def test_openai_error_answers_become_plain_errors(
    status: int, body: dict[str, object], kind: ErrorKind
) -> None:
    key = "sk-test-0123456789abcdefghij1234"
    with openai_error_server(status, body) as (url, seen):
        # Retries and their waits are tested in test_openai_errors.py.
        backend = OpenAIBackend(model="gpt-4o-mini", base_url=url, api_key=key, max_retries=0)
        with pytest.raises(BlogIdeasError) as caught:
            list(backend.stream(build_messages(IdeaRequest("a", 1, "en")), SHORT, CancelToken()))
    assert caught.value.kind is kind
    headers = {name.lower(): value for name, value in seen[0].items()}
    assert headers["authorization"] == f"Bearer {key}"
    for language in ("en", "ko"):
        message = caught.value.message(language)  # type: ignore[arg-type]
        assert "sk-" not in message and "1234" not in message
