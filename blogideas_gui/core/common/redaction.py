"""Keeping keys out of logs, messages and crash reports.

Any module that learns a secret calls :func:`remember_secret`; the log
handlers carry :class:`KeyRedactingFilter`. It lives in ``common`` because
logging is set up here, below the settings that store the keys.
"""

from __future__ import annotations

import logging
import re
import threading

REDACTED = "[REDACTED]"

# OpenAI keys (sk-..., sk-proj-..., sk-svcacct-...) and bearer tokens in headers.
_KEY_PATTERNS = (
    re.compile(r"sk-[A-Za-z0-9_\-]{8,}"),
    re.compile(r"(?i)(bearer\s+)[^\s'\"]+"),
)
_known_secrets: set[str] = set()
_known_lock = threading.Lock()


def remember_secret(value: str) -> None:
    """Make :func:`redact` hide ``value`` too, whatever it looks like."""
    if len(value) >= 6:  # shorter strings would redact ordinary words
        with _known_lock:
            _known_secrets.add(value)


def redact(text: str) -> str:
    """``text`` with every known key and anything shaped like one replaced."""
    with _known_lock:
        known = sorted(_known_secrets, key=len, reverse=True)
    for secret in known:
        text = text.replace(secret, REDACTED)
    text = _KEY_PATTERNS[0].sub(REDACTED, text)
    return _KEY_PATTERNS[1].sub(lambda match: match.group(1) + REDACTED, text)


class KeyRedactingFilter(logging.Filter):
    """A handler filter that redacts keys from the message, traceback and stack.

    Install it on handlers (``handler.addFilter``), not loggers: a logger's
    filters do not see records propagated from the ``openai`` or ``httpx``
    loggers. It always returns True; it rewrites, never drops.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite ``record`` in place with the secrets redacted."""
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format string must not hide a key
            message = f"{record.msg} {record.args}"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
