"""The one narrow contract every generation backend fulfils.

After simonw/llm: a backend is a generator of text chunks that ends with the
usage. Everything else (prompt building, timing, cost, parsing) lives outside
the backends so that the local model and OpenAI behave the same to the app.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypedDict


class ChatMessage(TypedDict):
    """One chat message in the OpenAI shape, which llama.cpp also accepts."""

    role: str
    content: str


@dataclass(frozen=True)
class GenerationOptions:
    """Sampling settings shared by both backends.

    The defaults keep small local models from looping: without a repeat
    penalty the starter model repeats its last line until ``max_tokens``.
    """

    max_tokens: int = 1024
    temperature: float = 0.6
    top_p: float = 0.9
    repeat_penalty: float = 1.15
    seed: int | None = None


@dataclass(frozen=True)
class Usage:
    """Token counts of one request, as the engine or the server reported them.

    ``estimated`` is true when the server sent no usage (llama.cpp's own
    server, for one): the answer's tokens are then counted as streamed chunks
    and the prompt's guessed from its length.
    """

    prompt_tokens: int = 0
    completion_tokens: int = 0
    estimated: bool = False


@dataclass(frozen=True)
class TextDelta:
    """A piece of the answer, in the order it was produced.

    ``pieces`` is how many streamed pieces (tokens) it holds: one from a
    backend, more once :func:`~blogideas_gui.core.pacing.paced` joined them.
    """

    text: str
    pieces: int = 1


@dataclass(frozen=True)
class Done:
    """The last event of a stream. ``finish_reason`` is ``"cancelled"`` after Stop."""

    usage: Usage
    finish_reason: str


BackendEvent = TextDelta | Done


class CancelToken:
    """A cancellation flag checked between chunks, with hooks for blocking reads.

    Backends poll :meth:`is_set` between tokens. A backend blocked in a network
    read registers a callback (closing its HTTP response) so that Stop takes
    effect even before the first chunk arrives.
    """

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._callbacks: list[Callable[[], None]] = []

    def cancel(self) -> None:
        """Ask the running work to stop; safe from any thread, idempotent."""
        with self._lock:
            if self._event.is_set():
                return
            self._event.set()
            callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            # A failing hook must not break Stop.
            with contextlib.suppress(Exception):
                callback()

    def is_set(self) -> bool:
        """Whether :meth:`cancel` was called."""
        return self._event.is_set()

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds`` (a retry's back-off), waking at once on cancel.

        Returns whether the work was cancelled.
        """
        return self._event.wait(seconds)

    def on_cancel(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Run ``callback`` at cancel time (or now, if already cancelled).

        Returns a function that unregisters the callback.
        """
        with self._lock:
            already = self._event.is_set()
            if not already:
                self._callbacks.append(callback)
        if already:
            callback()

        def remove() -> None:
            with self._lock:
                if callback in self._callbacks:
                    self._callbacks.remove(callback)

        return remove


@dataclass
class BackendInfo:
    """What the window and the JSON output say about a backend."""

    name: str
    model: str
    details: dict[str, str] = field(default_factory=dict)


class Backend(Protocol):
    """A source of streamed chat completions.

    ``load`` does the slow, fallible set-up (reading a model file, building a
    client) and is idempotent; ``stream`` yields :class:`TextDelta` events and
    ends with exactly one :class:`Done`. Both raise
    :class:`blogideas_gui.core.errors.BlogIdeasError` for anything a user can
    meet, never an engine's own exception type.
    """

    name: str

    @property
    def model_name(self) -> str:
        """A short name of the model, for the status line and the JSON output."""
        ...

    @property
    def is_loaded(self) -> bool:
        """Whether :meth:`load` has nothing left to do."""
        ...

    @property
    def is_free(self) -> bool:
        """Whether requests cost nothing (a local model)."""
        ...

    def load(self) -> None:
        """Prepare the backend; cheap when already prepared."""
        ...

    def stream(
        self,
        messages: Sequence[ChatMessage],
        options: GenerationOptions,
        cancel: CancelToken,
    ) -> Iterator[BackendEvent]:
        """Stream the answer to ``messages``; stop early when ``cancel`` is set."""
        ...

    def info(self) -> BackendInfo:
        """Describe the backend (model, GPU offload) for the window."""
        ...

    def close(self) -> None:
        """Let go of the model or the connection; ``load`` may be called again."""
        ...
