"""What the ``openai`` package's failures mean to a user, and which to retry.

This is the only place that knows the package's exception types. Server
messages are never copied into ours, because OpenAI's 401 text quotes part of
the key. A 429 rate limit and a 5xx are worth retrying, waiting as long as
``Retry-After`` (or ``retry-after-ms``) asks; a 429 ``insufficient_quota`` is
not, because waiting does not add credit.

An answer can also fail to be an answer while the HTTP status says all is
well: a proxy or a Wi-Fi sign-in page answering 200 with HTML, a stream that
breaks off, lines that are not JSON. The ``openai`` package takes the first
for an empty answer and the last for a crash, so :func:`bad_answer` gives
each its own sentence (BAD_ANSWER), with the page's title where there is one.
"""

from __future__ import annotations

import email.utils
import html
import math
import re
import time
from typing import Any
from urllib.parse import urlsplit

from blogideas_gui.core.common.cancel import CancelToken
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.common.i18n import QT_TRANSLATE_NOOP

MAX_RETRIES = 3
# Back-off without a Retry-After header: 1 s, 2 s, 4 s.
FIRST_BACKOFF_SECONDS = 1.0
# A server asking for a longer wait is answered at once: a user would rather
# read why than watch a spinner for minutes.
MAX_WAIT_SECONDS = 20.0
# A page's title is shown to help the user recognise it, not whole.
MAX_TITLE_CHARS = 80
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title", re.IGNORECASE | re.DOTALL)

# How a server's answer failed to be one; the sentences say what to do.
PAGE = QT_TRANSLATE_NOOP(
    "Errors",
    "The address {host} answered with a web page{title} instead of an answer: it is not an "
    "OpenAI-compatible server's address, or a proxy or the sign-in page of a public Wi-Fi "
    "network answered in its place. Check the server address (it usually ends in /v1), or "
    "open a web page in your browser to sign in to the network.",
)
NOT_OPENAI = QT_TRANSLATE_NOOP(
    "Errors",
    "The server at {host} answered, but not as an OpenAI-compatible server does, so there is "
    "nothing BlogIdeas can read. Check that the address is the server's own (it usually ends "
    "in /v1) and that the server is OpenAI-compatible.",
)
BROKEN = QT_TRANSLATE_NOOP(
    "Errors",
    "The server at {host} stopped in the middle of its answer; what had arrived is kept. "
    "The server may have restarted or run out of memory: try again, or check the server.",
)
GARBLED = QT_TRANSLATE_NOOP(
    "Errors",
    "The server at {host} sent lines BlogIdeas cannot read (not JSON, or not in OpenAI's "
    "shape) in the middle of its answer; what had arrived is kept. Something between you and "
    "the server (a proxy) may be changing what it sends: check the server address, or try "
    "again.",
)

UNUSABLE_ADDRESS = QT_TRANSLATE_NOOP(
    "Errors",
    "The server address cannot be used: type it whole, starting with http:// or https://, "
    "for example http://192.168.0.10:11434/v1.",
)


def usable_address(address: str) -> str:
    """``address`` when it is a whole http(s) address; else a usage error that does not echo it.

    A typo (``http://[``, a port past 65535, no scheme) would otherwise fail
    deep in the HTTP client as "unexpected" or as a network that is down.
    """
    try:
        parts = urlsplit(address)
        parts.port  # noqa: B018 - parsing the port is the check
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise BlogIdeasError(ErrorKind.BAD_OPTION, UNUSABLE_ADDRESS)
    return address


def bad_answer(sentence: str, base_url: str, title: str = "") -> BlogIdeasError:
    """BAD_ANSWER with ``sentence`` (one of the above) about the server at ``base_url``."""
    host = urlsplit(base_url).netloc or base_url
    return BlogIdeasError(
        ErrorKind.BAD_ANSWER, sentence, host=host, title=f" (“{title}”)" if title else ""
    )


def looks_like_page(content_type: str, body: bytes) -> bool:
    """Whether an answer is a web page (HTML), whatever its status said."""
    start = body.lstrip()[:200].lower()
    return "html" in content_type.lower() or start.startswith((b"<!doctype", b"<html", b"<head"))


def page_title(body: bytes) -> str:
    """The ``<title>`` of an HTML page, cleaned and shortened; empty when it has none."""
    found = _TITLE.search(body[:65536])
    if found is None:
        return ""
    text = html.unescape(found.group(1).decode("utf-8", errors="replace"))
    text = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return text if len(text) <= MAX_TITLE_CHARS else text[: MAX_TITLE_CHARS - 1] + "…"


def cancellable_sleep(seconds: float, cancel: CancelToken) -> None:
    """Wait ``seconds``, returning at once when ``cancel`` is set."""
    cancel.wait(seconds)


def retry_after_seconds(headers: Any) -> float | None:
    """The wait a response asks for: ``retry-after-ms``, ``retry-after`` seconds or date."""
    if headers is None:
        return None
    for name, divisor in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            seconds = float(value) / divisor
        except ValueError:
            continue
        return seconds if math.isfinite(seconds) and seconds >= 0 else None
    value = headers.get("retry-after")
    if value:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        return max(0.0, when.timestamp() - time.time())
    return None


def translate_error(error: Exception, base_url: str, *, retried: bool = False) -> BlogIdeasError:
    """The plain-language error for an exception raised by the ``openai`` package.

    ``retried`` says whether the request was already waited for and sent
    again: only then may a rate-limit message say so.
    """
    import openai

    host = urlsplit(base_url).netloc or base_url
    if isinstance(error, openai.APITimeoutError):
        return BlogIdeasError(ErrorKind.TIMEOUT, host)
    if isinstance(error, openai.APIConnectionError):
        return BlogIdeasError(ErrorKind.NO_NETWORK, host)
    if isinstance(error, openai.AuthenticationError | openai.PermissionDeniedError):
        return BlogIdeasError(ErrorKind.KEY_REJECTED, f"HTTP {error.status_code}")
    if isinstance(error, openai.RateLimitError):
        if _is_quota(error):
            return BlogIdeasError(ErrorKind.OUT_OF_CREDIT, "HTTP 429")
        asked = retry_after_seconds(error.response.headers)
        wait = f", Retry-After {math.ceil(asked)} s" if asked and asked > MAX_WAIT_SECONDS else ""
        kind = ErrorKind.RATE_LIMITED if retried else ErrorKind.RATE_LIMITED_NO_RETRY
        return BlogIdeasError(kind, f"HTTP 429{wait}")
    if isinstance(error, openai.APIStatusError):
        kind = ErrorKind.SERVER_ERROR if error.status_code >= 500 else ErrorKind.REQUEST_REJECTED
        return BlogIdeasError(kind, f"HTTP {error.status_code}")
    return BlogIdeasError(ErrorKind.UNEXPECTED, type(error).__name__)


def _is_quota(error: Any) -> bool:
    """Whether a 429 means "no credit" rather than "too fast"."""
    return bool(
        error.code == "insufficient_quota" or _body_code(error.body) == "insufficient_quota"
    )


def retry_delay(error: Exception, attempt: int) -> float | None:
    """Seconds to wait before retrying after ``error``, or None when not to retry."""
    import openai

    if isinstance(error, openai.RateLimitError):
        if _is_quota(error):
            return None
    elif not (isinstance(error, openai.APIStatusError) and error.status_code >= 500):
        return None
    asked = retry_after_seconds(error.response.headers)
    if asked is None:
        return float(FIRST_BACKOFF_SECONDS * 2**attempt)
    return asked if asked <= MAX_WAIT_SECONDS else None


def _body_code(body: object) -> str | None:
    """The ``error.code`` of an OpenAI error body, if it has one."""
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and inner.get("code") is not None:
            return str(inner["code"])
    return None
