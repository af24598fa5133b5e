"""Asking an OpenAI-compatible server for the answer's shape, and remembering who refuses.

OpenAI's Structured Outputs take a strict JSON schema in ``response_format``
(``{"type": "json_schema", ...}``); vLLM, Ollama and llama.cpp's own server
take the same. llama-cpp-python's server knows only its older dialect,
``{"type": "json_object", "schema": ...}``. A server may refuse either
(a 400 or 422 naming ``response_format``; llama-cpp-python's a 500 naming it,
not retried): then the next dialect is tried,
and at last none, so the answer comes free-form and the tolerant parser reads
it. What each server (its base URL) refused is remembered for the rest of
the session, so only its first request pays for finding out.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Sequence
from typing import Any

from blogideas_gui.core.backends.base import ChatMessage
from blogideas_gui.core.backends.constraint import Constraint

log = logging.getLogger(__name__)

DIALECTS = ("json_schema", "json_object")
# llama-cpp-python's server wraps its validation error in a 500.
REFUSAL_STATUSES = (400, 422, 500)
REFUSAL_WORDS = ("response_format", "json_schema", "json_object")
FREE_FORM_NOTE = "the server does not take the answer format; ideas read from free text"


def response_format(constraint: Constraint, dialect: str) -> dict[str, Any]:
    """The ``response_format`` field of ``dialect`` for ``constraint``."""
    schema = constraint.json_schema()
    if dialect == "json_schema":
        return {
            "type": "json_schema",
            "json_schema": {"name": constraint.schema_name, "strict": True, "schema": schema},
        }
    return {"type": "json_object", "schema": schema}


def with_json_note(messages: Sequence[ChatMessage], constraint: Constraint) -> list[ChatMessage]:
    """The messages with the JSON form named at the end: a schema alone says no words."""
    result = list(messages)
    last = result[-1]
    note = constraint.json_note()
    result[-1] = {"role": last["role"], "content": f"{last['content']}\n\n{note}"}
    return result


def refuses_format(error: BaseException | None) -> bool:
    """Whether an ``openai`` error is a server refusing ``response_format`` itself."""
    status = getattr(error, "status_code", None)
    if status not in REFUSAL_STATUSES:
        return False
    body = getattr(error, "body", None)
    text = f"{error} {json.dumps(body, default=str) if body is not None else ''}".lower()
    if status == 500:
        return "response_format" in text
    return any(word in text for word in REFUSAL_WORDS)


class FormatMemory:
    """Which dialect each server takes; ``None`` once it refused them all."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._refused: dict[str, set[str]] = {}

    def dialect(self, server: str) -> str | None:
        """The dialect to try with ``server`` next, or None for a free-form answer."""
        with self._lock:
            refused = self._refused.get(server, set())
        return next((d for d in DIALECTS if d not in refused), None)

    def refuse(self, server: str, dialect: str) -> None:
        """Note that ``server`` refused ``dialect``."""
        log.info("%s refuses response_format %s", server, dialect)
        with self._lock:
            self._refused.setdefault(server, set()).add(dialect)


MEMORY = FormatMemory()
"""What this session learned about each server."""
