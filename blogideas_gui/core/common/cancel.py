"""Cancelling long work: one token for generation, downloads and retries.

It lives below every other core package because generation, downloads and
the OpenAI retries all wait on it; a backend-only home made the model store
import the backends just for this class.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable


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
