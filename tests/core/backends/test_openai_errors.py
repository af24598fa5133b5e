"""Every OpenAI failure a user can meet, produced on loopback, with its message.

The loopback server answers with OpenAI's real status codes, headers and
error bodies; the time-out comes from a port that accepts and never answers,
"no network" from a closed port. Retries run with an injected sleep that
records the waits, so the tests are fast and check the waits exactly.
"""

from __future__ import annotations

import threading

import pytest

from blogideas_gui.core.backends.base import Done, GenerationOptions, TextDelta
from blogideas_gui.core.backends.openai_api import OpenAIBackend
from blogideas_gui.core.backends.openai_errors import cancellable_sleep, retry_after_seconds
from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.writing.prompts import IdeaRequest, build_messages
from tests.conftest import free_port
from tests.support.openai_error_server import (
    INSUFFICIENT_QUOTA,
    INVALID_KEY,
    NOT_FOUND,
    RATE_LIMITED,
    SERVER_ERROR,
    Reply,
    completion,
    model_list,
    openai_script_server,
    silent_server,
)

KEY = "sk-test-0123456789abcdefghij1234"
SHORT = GenerationOptions(max_tokens=40, seed=5)
MESSAGES = build_messages(IdeaRequest("home coffee", 2, "en"))


class Waits:
    """An injected sleep: records each wait instead of sleeping."""

    def __init__(self) -> None:
        self.seconds: list[float] = []

    def __call__(self, seconds: float, cancel: CancelToken) -> None:
        self.seconds.append(seconds)


def backend(url: str, waits: Waits | None = None, **kwargs: float) -> OpenAIBackend:
    return OpenAIBackend(
        model="gpt-4o-mini", base_url=url, api_key=KEY, sleep=waits or Waits(), **kwargs
    )


def failure(url: str, waits: Waits | None = None, **kwargs: float) -> BlogIdeasError:
    with pytest.raises(BlogIdeasError) as caught:
        list(backend(url, waits, **kwargs).stream(MESSAGES, SHORT, CancelToken()))
    return caught.value


def assert_says(error: BlogIdeasError, en: list[str], ko: list[str]) -> None:
    """The message in both languages says each phrase, and never the key."""
    english, korean = error.message("en"), error.message("ko")
    for phrase in en:
        assert phrase in english, english
    for phrase in ko:
        assert phrase in korean, korean
    for message in (english, korean):
        assert KEY not in message and "1234" not in message


def test_no_key_for_openai_itself() -> None:
    with pytest.raises(BlogIdeasError) as caught:
        OpenAIBackend(model="gpt-4o-mini", api_key="").load()
    assert caught.value.kind is ErrorKind.NO_KEY
    assert_says(caught.value, ["No OpenAI API key", "Settings", "free local model"],
                ["API 키가 없습니다", "설정", "무료 로컬 모델"])  # fmt: skip


def test_key_rejected_401_is_not_retried() -> None:
    waits = Waits()
    with openai_script_server([Reply(401, INVALID_KEY)]) as (url, seen):
        error = failure(url, waits)
    assert error.kind is ErrorKind.KEY_REJECTED
    assert len(seen) == 1 and waits.seconds == []
    assert_says(error, ["rejected the API key", "HTTP 401", "paste it again"],
                ["키를 거부했습니다", "HTTP 401", "다시 붙여 넣으세요"])  # fmt: skip


def test_insufficient_quota_explains_expired_credit_and_offers_local() -> None:
    """The blogger's 429: waiting does not add credit, so no retry."""
    waits = Waits()
    reply = Reply(429, INSUFFICIENT_QUOTA, {"Retry-After": "1"})
    with openai_script_server([reply]) as (url, seen):
        error = failure(url, waits)
    assert error.kind is ErrorKind.OUT_OF_CREDIT
    assert len(seen) == 1 and waits.seconds == []
    assert_says(error, ["no credit", "expires", "billing", "free local model"],
                ["크레딧", "만료", "결제", "무료 로컬 모델"])  # fmt: skip


def test_rate_limit_retries_after_retry_after_then_streams() -> None:
    waits = Waits()
    replies = [
        Reply(429, RATE_LIMITED, {"Retry-After": "1"}),
        Reply(429, RATE_LIMITED, {"retry-after-ms": "250", "Retry-After": "9"}),
        Reply(200, sse=["## 1. Beans", "\n", "Grind fresh."]),
    ]
    with openai_script_server(replies) as (url, seen):
        events = list(backend(url, waits).stream(MESSAGES, SHORT, CancelToken()))
    assert waits.seconds == [1.0, 0.25]
    assert len(seen) == 3
    text = "".join(e.text for e in events if isinstance(e, TextDelta))
    assert text == "## 1. Beans\nGrind fresh."
    done = events[-1]
    assert isinstance(done, Done)
    assert done.finish_reason == "stop"
    assert (done.usage.prompt_tokens, done.usage.completion_tokens) == (20, 3)


def test_rate_limit_after_every_retry_explains() -> None:
    waits = Waits()
    with openai_script_server([Reply(429, RATE_LIMITED, {"Retry-After": "1"})]) as (url, seen):
        error = failure(url, waits)
    assert error.kind is ErrorKind.RATE_LIMITED
    assert len(seen) == 4 and waits.seconds == [1.0, 1.0, 1.0]
    assert_says(error, ["how many requests", "HTTP 429", "Wait a minute"],
                ["요청", "HTTP 429", "기다린 뒤 다시 시도"])  # fmt: skip


def test_rate_limit_asking_a_long_wait_is_explained_at_once() -> None:
    """One request was sent, so the message must not claim a wait and a retry."""
    waits = Waits()
    with openai_script_server([Reply(429, RATE_LIMITED, {"Retry-After": "120"})]) as (url, seen):
        error = failure(url, waits)
    assert error.kind is ErrorKind.RATE_LIMITED_NO_RETRY
    assert len(seen) == 1 and waits.seconds == []
    assert "Retry-After 120 s" in error.message("en")
    assert "tried again" not in error.message("en")
    assert "다시 시도했지만" not in error.message("ko")
    assert_says(error, ["how many requests", "as long as the server asks"],
                ["요청 횟수", "서버가 요청한 시간만큼"])  # fmt: skip


def test_server_error_backs_off_then_succeeds() -> None:
    waits = Waits()
    replies = [Reply(500, SERVER_ERROR), Reply(503, SERVER_ERROR), Reply(200, sse=["ok"])]
    with openai_script_server(replies) as (url, _):
        events = list(backend(url, waits).stream(MESSAGES, SHORT, CancelToken()))
    assert waits.seconds == [1.0, 2.0]
    assert [e.text for e in events if isinstance(e, TextDelta)] == ["ok"]


def test_server_error_after_every_retry_explains() -> None:
    waits = Waits()
    with openai_script_server([Reply(500, SERVER_ERROR)]) as (url, seen):
        error = failure(url, waits)
    assert error.kind is ErrorKind.SERVER_ERROR
    assert len(seen) == 4 and waits.seconds == [1.0, 2.0, 4.0]
    assert_says(error, ["problem on its side", "HTTP 500", "try again in a few minutes"],
                ["서버 쪽에 문제", "HTTP 500", "몇 분 뒤 다시 시도"])  # fmt: skip


def test_no_network_on_a_closed_port() -> None:
    port = free_port()
    error = failure(f"http://127.0.0.1:{port}/v1")
    assert error.kind is ErrorKind.NO_NETWORK
    assert_says(error, [f"127.0.0.1:{port}", "internet connection", "without a network"],
                [f"127.0.0.1:{port}", "인터넷 연결", "로컬 모델"])  # fmt: skip


def test_timeout_on_a_server_that_never_answers() -> None:
    with silent_server() as url:
        error = failure(url, timeout=0.5)
    assert error.kind is ErrorKind.TIMEOUT
    assert_says(error, ["did not answer in time", "127.0.0.1", "free local model"],
                ["제때 응답하지 않았습니다", "127.0.0.1", "로컬 모델"])  # fmt: skip


def test_stop_during_a_retry_wait_ends_the_stream_as_cancelled() -> None:
    cancel = CancelToken()

    def stop_while_waiting(seconds: float, token: CancelToken) -> None:
        token.cancel()

    with openai_script_server([Reply(429, RATE_LIMITED, {"Retry-After": "5"})]) as (url, seen):
        b = OpenAIBackend(model="m", base_url=url, api_key=KEY, sleep=stop_while_waiting)
        events = list(b.stream(MESSAGES, SHORT, cancel))
    assert len(seen) == 1
    assert len(events) == 1
    assert isinstance(events[0], Done) and events[0].finish_reason == "cancelled"


def test_the_real_wait_returns_as_soon_as_stop_is_pressed() -> None:
    cancel = CancelToken()
    timer = threading.Timer(0.05, cancel.cancel)
    timer.start()
    waited = threading.Event()
    thread = threading.Thread(target=lambda: (cancellable_sleep(30, cancel), waited.set()))
    thread.start()
    assert waited.wait(5)
    thread.join()
    timer.join()


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"retry-after": "2"}, 2.0),
        ({"retry-after": "0.5"}, 0.5),
        ({"retry-after-ms": "1500", "retry-after": "9"}, 1.5),
        ({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}, 0.0),
        ({"retry-after": "soon"}, None),
        ({}, None),
    ],
)
def test_retry_after_forms(headers: dict[str, str], seconds: float | None) -> None:
    assert retry_after_seconds(headers) == seconds


def test_openai_itself_gets_max_completion_tokens() -> None:
    """Newer OpenAI models refuse ``max_tokens``; compatible servers only know it."""
    with openai_script_server([Reply(200, sse=["x"])]) as (url, seen):
        list(backend(url).stream(MESSAGES, SHORT, CancelToken()))
    assert seen[0].body is not None and seen[0].body["max_tokens"] == SHORT.max_tokens
    openai_itself = OpenAIBackend(model="gpt-4o-mini", api_key=KEY)
    assert openai_itself._token_limit(7) == {"max_completion_tokens": 7}


# -- the first-run guide's Test button ------------------------------------


def test_connection_lists_a_compatible_servers_models() -> None:
    with openai_script_server([Reply(200, model_list("llama3.2", "qwen2.5"))]) as (url, seen):
        check = OpenAIBackend(model="qwen2.5", base_url=url).check_connection()
    assert (seen[0].method, seen[0].path) == ("GET", "/v1/models")
    assert check.models == ("llama3.2", "qwen2.5")
    assert check.model_listed is True
    assert check.usage is None


def test_connection_says_when_the_model_is_not_on_the_server() -> None:
    with openai_script_server([Reply(200, model_list("llama3.2"))]) as (url, _):
        check = OpenAIBackend(model="mistral", base_url=url).check_connection()
    assert check.model_listed is False


def test_connection_without_a_listing_falls_back_to_one_token() -> None:
    replies = [Reply(404, NOT_FOUND), Reply(200, completion())]
    with openai_script_server(replies) as (url, seen):
        check = OpenAIBackend(model="m", base_url=url).check_connection()
    assert [s.path for s in seen] == ["/v1/models", "/v1/chat/completions"]
    assert check.usage is not None and check.usage.completion_tokens == 1


def test_connection_chat_probe_is_one_token_and_reports_usage() -> None:
    with openai_script_server([Reply(200, completion())]) as (url, seen):
        check = backend(url).check_connection(probe="chat")
    body = seen[0].body
    assert body is not None and body["max_tokens"] == 1 and not body.get("stream")
    assert check.usage is not None
    assert (check.usage.prompt_tokens, check.usage.completion_tokens) == (10, 1)


@pytest.mark.parametrize(
    ("reply", "kind"),
    [
        (Reply(401, INVALID_KEY), ErrorKind.KEY_REJECTED),
        (Reply(429, INSUFFICIENT_QUOTA), ErrorKind.OUT_OF_CREDIT),
    ],
)
def test_connection_explains_a_refusal(reply: Reply, kind: ErrorKind) -> None:
    with openai_script_server([reply]) as (url, _), pytest.raises(BlogIdeasError) as caught:
        backend(url).check_connection(probe="chat")
    assert caught.value.kind is kind


def test_connection_to_a_real_server(llama_server: str) -> None:
    check = OpenAIBackend(model="smollm2", base_url=llama_server).check_connection()
    assert check.model_listed is True


@pytest.mark.parametrize(
    "address",
    ["http://[", "http://127.0.0.1:99999/v1", "127.0.0.1:8080/v1", "ftp://127.0.0.1/v1", "ollama"],
)
def test_an_address_that_is_not_one_is_refused_plainly(address: str) -> None:
    """A typo in the address once reached the HTTP client: "unexpected", or "no network"."""
    with pytest.raises(BlogIdeasError) as caught:
        OpenAIBackend(model="m", base_url=address)
    assert caught.value.kind is ErrorKind.BAD_OPTION and caught.value.exit_code == 2
    assert_says(caught.value, ["http://", "for example"], ["주소 전체를 입력하세요"])
    assert address not in caught.value.message("en")  # an address may hold a secret: never echoed
