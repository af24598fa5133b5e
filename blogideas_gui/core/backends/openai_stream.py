"""Reading one streamed chat completion, and telling when it is no answer at all.

The ``openai`` package reads a server-sent-event stream as it comes, which
is what a user wants, but it trusts the HTTP status: a proxy's "502 Bad
Gateway" page sent with status 200 reads as an empty answer, a stream that
breaks off after the last line it sent reads as a finished one, and a line
that is not JSON escapes as a ``ValueError``. :class:`ChunkReader` watches
for each: the content type before the first chunk, the ``finish_reason``
every OpenAI-compatible server ends with, and the chunks themselves. Each
becomes BAD_ANSWER with its own sentence (:mod:`.openai_errors`); the text
that arrived before it has been passed on, so the caller keeps it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from blogideas_gui.core.backends.base import Usage
from blogideas_gui.core.backends.openai_errors import (
    BROKEN,
    GARBLED,
    NOT_OPENAI,
    PAGE,
    bad_answer,
    looks_like_page,
    page_title,
)
from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.common.errors import BlogIdeasError

log = logging.getLogger(__name__)

# What a chunk that is not JSON, or JSON of another shape, raises while the
# ``openai`` package parses it.
_UNREADABLE = (ValueError, AttributeError, TypeError, KeyError)


class ChunkReader:
    """The text of one streamed answer, with what the server said about it.

    Args:
        stream: the ``openai`` package's open ``Stream`` of chat-completion chunks.
        base_url: the server, for the messages.

    After :meth:`texts` ends, ``usage`` is the server's count (None when it
    sent none) and ``finish_reason`` the server's reason.
    """

    def __init__(self, stream: Any, base_url: str) -> None:
        self._stream = stream
        self._base_url = base_url
        self.usage: Usage | None = None
        self.finish_reason: str | None = None
        self.chunks = 0
        self.produced = 0

    def texts(self, cancel: CancelToken) -> Iterator[str]:
        """Each piece of text as it arrives; raises BlogIdeasError when the answer is none.

        Stop (``cancel``) closes the stream from another thread, which breaks
        the read under us: that ends the text quietly.
        """
        import openai

        try:
            self._check_not_a_page()
            for chunk in self._stream:
                if cancel.is_set():
                    return
                self.chunks += 1
                if chunk.usage is not None:
                    self.usage = Usage(chunk.usage.prompt_tokens, chunk.usage.completion_tokens)
                for choice in chunk.choices:
                    if choice.delta and choice.delta.content:
                        self.produced += 1
                        yield choice.delta.content
                    if choice.finish_reason:
                        self.finish_reason = choice.finish_reason
        except BlogIdeasError:
            raise
        except openai.APITimeoutError:
            if cancel.is_set():
                return
            if self.produced == 0:
                raise
            raise self._broken("timed out") from None
        except openai.OpenAIError as error:
            # A connection dropped or an error event in the stream, after the
            # server had answered: it stopped mid-answer, it was reached.
            if cancel.is_set():
                return
            raise self._broken(repr(error)) from error
        except _UNREADABLE as error:
            if cancel.is_set():
                return
            log.warning("unreadable stream from %s: %r", self._base_url, error)
            raise bad_answer(GARBLED, self._base_url) from error
        except Exception:
            if not cancel.is_set():
                raise
            return
        if not cancel.is_set() and self.finish_reason is None:
            if self.chunks == 0:
                log.warning("no chunk in the answer of %s", self._base_url)
                raise bad_answer(NOT_OPENAI, self._base_url)
            raise self._broken("ended without a finish reason")

    def _broken(self, why: str) -> BlogIdeasError:
        log.warning(
            "the stream from %s broke off after %d pieces: %s", self._base_url, self.produced, why
        )
        return bad_answer(BROKEN, self._base_url)

    def _check_not_a_page(self) -> None:
        """Refuse an answer that is not an event stream but a web page.

        Any other content type is read whole (it is no stream anyway) and
        handed to the stream's parser, so a server that labels its events
        wrongly still works.
        """
        response = self._stream.response
        content_type = response.headers.get("content-type", "")
        if "event-stream" in content_type:
            return
        try:
            body = response.read()
        except Exception as error:  # the transport's own errors: the connection broke
            raise self._broken(repr(error)) from error
        if looks_like_page(content_type, body):
            title = page_title(body)
            log.warning("%s answered with a page (%s): %r", self._base_url, content_type, title)
            raise bad_answer(PAGE, self._base_url, title)
