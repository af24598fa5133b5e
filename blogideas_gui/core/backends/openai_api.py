"""The OpenAI backend: OpenAI itself, or any OpenAI-compatible server.

Ollama, LM Studio, vLLM and llama-server speak the same chat-completions
protocol, so one client serves them all through ``base_url``. The ``openai``
package is imported on first load. Its exceptions are turned into
:class:`BlogIdeasError` here, the only place that knows them; server messages
are never copied into ours, because OpenAI's 401 text quotes part of the key.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence
from typing import Any
from urllib.parse import urlsplit

from blogideas_gui.core.backends.base import (
    BackendEvent,
    BackendInfo,
    CancelToken,
    ChatMessage,
    Done,
    GenerationOptions,
    TextDelta,
    Usage,
)
from blogideas_gui.core.errors import BlogIdeasError, ErrorKind

log = logging.getLogger(__name__)

DEFAULT_MODEL = "gpt-4o-mini"
OPENAI_URL = "https://api.openai.com/v1"
KEY_ENV_VAR = "OPENAI_API_KEY"
# A compatible server on the user's network rarely checks keys, but the
# client insists on one.
PLACEHOLDER_KEY = "no-key-needed"
CHARS_PER_TOKEN = 4


def translate_error(error: Exception, base_url: str) -> BlogIdeasError:
    """The plain-language error for an exception raised by the ``openai`` package."""
    import openai

    host = urlsplit(base_url).netloc or base_url
    if isinstance(error, openai.APITimeoutError):
        return BlogIdeasError(ErrorKind.TIMEOUT, host)
    if isinstance(error, openai.APIConnectionError):
        return BlogIdeasError(ErrorKind.NO_NETWORK, host)
    if isinstance(error, openai.AuthenticationError | openai.PermissionDeniedError):
        return BlogIdeasError(ErrorKind.KEY_REJECTED, f"HTTP {error.status_code}")
    if isinstance(error, openai.RateLimitError):
        if error.code == "insufficient_quota" or _body_code(error.body) == "insufficient_quota":
            return BlogIdeasError(ErrorKind.OUT_OF_CREDIT, "HTTP 429")
        return BlogIdeasError(ErrorKind.RATE_LIMITED, "HTTP 429")
    if isinstance(error, openai.APIStatusError):
        kind = ErrorKind.SERVER_ERROR if error.status_code >= 500 else ErrorKind.REQUEST_REJECTED
        return BlogIdeasError(kind, f"HTTP {error.status_code}")
    return BlogIdeasError(ErrorKind.UNEXPECTED, type(error).__name__)


def _body_code(body: object) -> str | None:
    """The ``error.code`` of an OpenAI error body, if it has one."""
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and inner.get("code") is not None:
            return str(inner["code"])
    return None


def _estimated_usage(messages: Sequence[ChatMessage], chunks: int) -> Usage:
    """Usage for a server that reports none: one token per chunk, ~4 characters per prompt token."""
    characters = sum(len(message["content"]) for message in messages)
    return Usage(
        prompt_tokens=-(-characters // CHARS_PER_TOKEN), completion_tokens=chunks, estimated=True
    )


class OpenAIBackend:
    """Streamed chat completions over the OpenAI protocol."""

    name = "openai"

    def __init__(
        self,
        *,
        model: str = DEFAULT_MODEL,
        base_url: str | None = None,
        api_key: str | None = None,
        timeout: float = 60.0,
    ) -> None:
        self.model = model
        self.base_url = (base_url or OPENAI_URL).rstrip("/")
        self._api_key = api_key if api_key is not None else os.environ.get(KEY_ENV_VAR)
        self.timeout = timeout
        self._client: Any = None

    @property
    def is_openai(self) -> bool:
        """Whether requests go to OpenAI itself (and so cost money and need a key)."""
        return urlsplit(self.base_url).netloc.endswith("openai.com")

    @property
    def model_name(self) -> str:
        """The model asked for in each request."""
        return self.model

    @property
    def is_loaded(self) -> bool:
        """Whether the client exists."""
        return self._client is not None

    @property
    def is_free(self) -> bool:
        """OpenAI charges per token; other servers' prices are unknown, not free."""
        return False

    def load(self) -> None:
        """Build the client; fail early when OpenAI itself is used without a key."""
        if self._client is not None:
            return
        if not self._api_key and self.is_openai:
            raise BlogIdeasError(ErrorKind.NO_KEY)
        try:
            import openai
        except ImportError as error:
            raise BlogIdeasError(ErrorKind.ENGINE_MISSING, "openai") from error
        self._client = openai.OpenAI(
            api_key=self._api_key or PLACEHOLDER_KEY,
            base_url=self.base_url,
            timeout=openai.Timeout(self.timeout, connect=min(10.0, self.timeout)),
            max_retries=0,
        )

    def _request(self, messages: Sequence[ChatMessage], options: GenerationOptions) -> Any:
        """Open the stream; llama.cpp-style servers also get a repeat penalty."""
        extra: dict[str, object] = {}
        if not self.is_openai:
            extra["repeat_penalty"] = options.repeat_penalty
        return self._client.chat.completions.create(
            model=self.model,
            messages=list(messages),
            stream=True,
            stream_options={"include_usage": True},
            max_tokens=options.max_tokens,
            temperature=options.temperature,
            top_p=options.top_p,
            seed=options.seed,
            extra_body=extra or None,
        )

    def stream(
        self,
        messages: Sequence[ChatMessage],
        options: GenerationOptions,
        cancel: CancelToken,
    ) -> Iterator[BackendEvent]:
        """Stream the answer; Stop closes the HTTP response, even mid-wait."""
        import openai

        self.load()
        produced = 0
        usage: Usage | None = None
        finish_reason = "stop"
        try:
            response = self._request(messages, options)
        except openai.OpenAIError as error:
            raise translate_error(error, self.base_url) from error
        unregister = cancel.on_cancel(response.close)
        try:
            for chunk in response:
                if cancel.is_set():
                    break
                if chunk.usage is not None:
                    usage = Usage(chunk.usage.prompt_tokens, chunk.usage.completion_tokens)
                for choice in chunk.choices:
                    if choice.delta and choice.delta.content:
                        produced += 1
                        yield TextDelta(choice.delta.content)
                    if choice.finish_reason:
                        finish_reason = choice.finish_reason
        except openai.OpenAIError as error:
            if not cancel.is_set():
                raise translate_error(error, self.base_url) from error
        except Exception:
            # Closing the response from another thread breaks the read under us.
            if not cancel.is_set():
                raise
        finally:
            unregister()
            response.close()
        if cancel.is_set():
            finish_reason = "cancelled"
        yield Done(usage or _estimated_usage(messages, produced), finish_reason)

    def info(self) -> BackendInfo:
        """Model and server address; never the key."""
        return BackendInfo(name=self.name, model=self.model, details={"server": self.base_url})
