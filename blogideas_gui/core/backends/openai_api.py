"""The OpenAI backend: OpenAI itself, or any OpenAI-compatible server.

Ollama, LM Studio, vLLM and llama-server speak the same chat-completions
protocol, so one client serves them all through ``base_url``. The ``openai``
package is imported on first load; :mod:`.openai_errors` turns its
exceptions into :class:`BlogIdeasError`.

The client's own retries are off: a retry here can be cancelled by Stop and
tested with an injected sleep (the policy is in :mod:`.openai_errors`).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar
from urllib.parse import urlsplit

from blogideas_gui.core.backends.base import (
    BackendEvent,
    BackendInfo,
    Capabilities,
    ChatMessage,
    ConnectionCheck,
    Done,
    GenerationOptions,
    Part,
    TextDelta,
    Usage,
    stream_in_turn,
)
from blogideas_gui.core.backends.openai_errors import (
    MAX_RETRIES,
    NOT_OPENAI,
    PAGE,
    bad_answer,
    cancellable_sleep,
    looks_like_page,
    page_title,
    retry_delay,
    translate_error,
    usable_address,
)
from blogideas_gui.core.backends.openai_stream import ChunkReader
from blogideas_gui.core.backends.structured_output import (
    FREE_FORM_NOTE,
    MEMORY,
    refuses_format,
    response_format,
    with_json_note,
)
from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.common.redaction import remember_secret
from blogideas_gui.core.settings.secrets import (
    OPENAI_API_URL,
    checked_address,
    is_openai_address,
    resolve_key,
)

log = logging.getLogger(__name__)

DEFAULT_MODEL = "gpt-4o-mini"
OPENAI_URL = OPENAI_API_URL
KEY_ENV_VAR = "OPENAI_API_KEY"
# A compatible server on the user's network rarely checks keys, but the
# client insists on one.
PLACEHOLDER_KEY = "no-key-needed"
CHARS_PER_TOKEN = 4
TEST_TIMEOUT_SECONDS = 15.0

T = TypeVar("T")
Sleep = Callable[[float, CancelToken], None]


def _estimated_usage(messages: Sequence[ChatMessage], chunks: int) -> Usage:
    """Usage for a server that reports none: one token per chunk, ~4 characters per prompt token."""
    characters = sum(len(message["content"]) for message in messages)
    return Usage(
        prompt_tokens=-(-characters // CHARS_PER_TOKEN), completion_tokens=chunks, estimated=True
    )


class OpenAIBackend:
    """Streamed chat completions over the OpenAI protocol.

    ``sleep`` waits between retries; tests pass one that records the waits.
    """

    name = "openai"

    def __init__(
        self,
        *,
        model: str = DEFAULT_MODEL,
        base_url: str | None = None,
        api_key: str | None = None,
        timeout: float = 60.0,
        max_retries: int = MAX_RETRIES,
        sleep: Sleep = cancellable_sleep,
    ) -> None:
        self.model = model
        self.max_retries = max_retries
        self._sleep = sleep
        # An address holding a key is refused here, before anything prints or stores it.
        address = usable_address((base_url or OPENAI_URL).rstrip("/"))
        self.base_url = checked_address(address)
        self._api_key = api_key
        if api_key:
            remember_secret(api_key)
        self.timeout = timeout
        self._client: Any = None

    @property
    def is_openai(self) -> bool:
        """Whether requests go to OpenAI itself (and so cost money and need a key)."""
        return is_openai_address(self.base_url)

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

    @property
    def capabilities(self) -> Capabilities:
        """A JSON schema for the answer, and a connection check; one answer at a time."""
        return Capabilities(structured_output=True, connection_check=True)

    def load(self) -> None:
        """Build the client; fail early when OpenAI itself is used without a key.

        :func:`resolve_key` decides which key may go to this address (OpenAI's
        only to OpenAI, none over plain http to another computer); here, on
        the worker thread, since a keychain can be slow to answer.
        """
        if self._client is not None:
            return
        found = resolve_key(address=self.base_url, explicit=self._api_key)
        self._api_key = found.value if found else None
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

    def _request(
        self, messages: Sequence[ChatMessage], options: GenerationOptions, dialect: str | None
    ) -> Any:
        """Open the stream; llama.cpp-style servers also get a repeat penalty.

        With a ``dialect``, the shape goes along as ``response_format``.
        """
        extra: dict[str, object] = {}
        if not self.is_openai:
            extra["repeat_penalty"] = options.repeat_penalty
        shaped: dict[str, Any] = {}
        if dialect is not None and options.constraint is not None:
            shaped["response_format"] = response_format(options.constraint, dialect)
            messages = with_json_note(messages, options.constraint)
        return self._client.chat.completions.create(
            model=self.model,
            messages=list(messages),
            **shaped,
            stream=True,
            stream_options={"include_usage": True},
            **self._token_limit(options.token_limit()),
            temperature=options.temperature,
            top_p=options.top_p,
            seed=options.seed,
            extra_body=extra or None,
        )

    def _token_limit(self, tokens: int) -> dict[str, int]:
        """OpenAI's newer models refuse ``max_tokens``; other servers only know it."""
        return {"max_completion_tokens" if self.is_openai else "max_tokens": tokens}

    def _with_retries(
        self,
        call: Callable[[], T],
        cancel: CancelToken,
        final: Callable[[BaseException], bool] | None = None,
    ) -> T | None:
        """``call()``, retried on rate limits and server errors; None if cancelled meanwhile.

        An error ``final`` says is no passing trouble is raised at once.
        """
        import openai

        attempt = 0
        while True:
            try:
                return call()
            except openai.OpenAIError as error:
                retry = attempt < self.max_retries and not (final is not None and final(error))
                delay = retry_delay(error, attempt) if retry else None
                if delay is None:
                    raise self._translate(error, retried=attempt > 0) from error
                attempt += 1
                log.info(
                    "openai: %s, retry %d of %d in %.1f s",
                    type(error).__name__,
                    attempt,
                    self.max_retries,
                    delay,
                )
                self._sleep(delay, cancel)
                if cancel.is_set():
                    return None

    def _translate(self, error: Exception, retried: bool = False) -> BlogIdeasError:
        """The plain error; a server refusing the placeholder key is told apart from a bad key."""
        translated = translate_error(error, self.base_url, retried=retried)
        if translated.kind is ErrorKind.KEY_REJECTED and not self._api_key:
            host = urlsplit(self.base_url).netloc or self.base_url
            return BlogIdeasError(ErrorKind.KEY_NOT_FOR_THIS_SERVER, host)
        return translated

    def stream(
        self,
        messages: Sequence[ChatMessage],
        options: GenerationOptions,
        cancel: CancelToken,
    ) -> Iterator[BackendEvent]:
        """Stream the answer; Stop closes the HTTP response, even mid-wait.

        An answer that is none (a web page, a stream cut off, lines that are
        not JSON) raises BAD_ANSWER after the text that did arrive.
        """
        import openai

        self.load()
        opened = self._open(messages, options, cancel)
        if opened is None:
            yield Done(Usage(), "cancelled")
            return
        response, dialect = opened
        reader = ChunkReader(response, self.base_url)
        unregister = cancel.on_cancel(response.close)
        try:
            for text in reader.texts(cancel):
                yield TextDelta(text)
        except openai.OpenAIError as error:
            raise self._translate(error) from error
        finally:
            unregister()
            response.close()
        finish_reason = "cancelled" if cancel.is_set() else reader.finish_reason or "stop"
        shaped = options.constraint is not None
        yield Done(
            reader.usage or _estimated_usage(messages, reader.produced),
            finish_reason,
            held_to="schema" if shaped and dialect is not None else "",
            note=FREE_FORM_NOTE if shaped and dialect is None else "",
        )

    def _open(
        self, messages: Sequence[ChatMessage], options: GenerationOptions, cancel: CancelToken
    ) -> tuple[Any, str | None] | None:
        """The open stream and the ``response_format`` dialect it used; None if cancelled.

        A server refusing the dialect gets the next one, at last none
        (remembered per server in :data:`.structured_output.MEMORY`).
        """
        while True:
            dialect = MEMORY.dialect(self.base_url) if options.constraint is not None else None
            try:
                response = self._with_retries(
                    functools.partial(self._request, messages, options, dialect),
                    cancel,
                    final=refuses_format if dialect is not None else None,
                )
            except BlogIdeasError as error:
                if dialect is None or not refuses_format(error.__cause__):
                    raise
                MEMORY.refuse(self.base_url, dialect)
                continue
            return None if response is None else (response, dialect)

    def check_connection(
        self,
        probe: str = "auto",
        cancel: CancelToken | None = None,
        timeout: float = TEST_TIMEOUT_SECONDS,
    ) -> ConnectionCheck:
        """One cheap request that shows whether the key, server and model work.

        OpenAI itself gets a one-token chat request (``"chat"``), the only
        cheap call that also reveals an account without credit; a listing of
        models would succeed there. Compatible servers get a listing of their
        models (``"models"``), free and quick, and fall back to the chat probe
        when they have no listing. Raises :class:`BlogIdeasError` otherwise.
        """
        import openai

        self.load()
        cancel = cancel or CancelToken()
        host = urlsplit(self.base_url).netloc or self.base_url
        if probe == "auto":
            probe = "chat" if self.is_openai else "models"
        if probe == "models":
            try:
                page = self._with_retries(
                    lambda: self._client.models.with_raw_response.list(timeout=timeout), cancel
                )
            except BlogIdeasError as error:
                if not isinstance(error.__cause__, openai.NotFoundError):
                    raise
            else:
                listing = self._parsed(page).data if page is not None else []
                ids = tuple(model.id for model in listing)
                return ConnectionCheck(host, self.model, ids, self.model in ids)
        raw = self._with_retries(
            lambda: self._client.chat.completions.with_raw_response.create(
                model=self.model,
                messages=[{"role": "user", "content": "Say OK."}],
                **self._token_limit(1),
                timeout=timeout,
            ),
            cancel,
        )
        usage = getattr(self._parsed(raw), "usage", None) if raw is not None else None
        return ConnectionCheck(
            host,
            self.model,
            usage=Usage(usage.prompt_tokens, usage.completion_tokens) if usage else Usage(),
        )

    def sequences_for(self, count: int) -> int:
        """One: a server writes one answer per request, and ideas come in one answer."""
        return 1

    def stream_parts(
        self, parts: Sequence[Part], options: GenerationOptions, cancel: CancelToken
    ) -> Iterator[BackendEvent]:
        """Each part as a request of its own, in turn."""
        return stream_in_turn(self.stream, parts, options, cancel)

    def _parsed(self, raw: Any) -> Any:
        """The parsed body of a raw response; BAD_ANSWER for a web page or other non-JSON."""
        content_type = raw.headers.get("content-type", "")
        if "json" in content_type:
            return raw.parse()
        body = raw.content
        log.warning("%s answered with %r, not JSON: %r", self.base_url, content_type, body[:200])
        if looks_like_page(content_type, body):
            raise bad_answer(PAGE, self.base_url, page_title(body))
        raise bad_answer(NOT_OPENAI, self.base_url)

    def close(self) -> None:
        """Close the HTTP client; the next request builds a new one."""
        client, self._client = self._client, None
        if client is not None:
            client.close()

    def info(self) -> BackendInfo:
        """Model and server address; never the key."""
        return BackendInfo(name=self.name, model=self.model, details={"server": self.base_url})
