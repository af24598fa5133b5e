"""News about the app's own files, said once: damaged, from a newer version, disk full.

A store that meets a bad file goes on without it (:mod:`.files`) and
reports a notice here; whoever shows notices listens: the window in a
banner, the command line as one line on stderr. A notice can come before
anyone listens (a store opened before the window) and from any thread (a
history write on the generation thread), so the bus keeps the early ones
until a listener comes and guards itself with a lock. Reporting the same
notice twice in a process shows it once.

The bus is one per process (:data:`bus`): it is what "once per process"
means. A test that wants a new process's bus sets a fresh
:class:`NoticeBus` in its place.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable

from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind

Listener = Callable[[BlogIdeasError], None]


class NoticeBus:
    """Notices handed to listeners, each once; those that come early wait for one."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._listeners: list[Listener] = []
        self._pending: list[BlogIdeasError] = []
        self._said: set[tuple[ErrorKind, str]] = set()

    def report(self, notice: BlogIdeasError) -> BlogIdeasError:
        """Hand ``notice`` to the listeners (or keep it until one listens); once per bus.

        Returns ``notice``, so a store can also keep it as its own state.
        """
        with self._lock:
            key = (notice.kind, notice.detail)
            if key in self._said:
                return notice
            self._said.add(key)
            listeners = list(self._listeners)
            if not listeners:
                self._pending.append(notice)
        for listener in listeners:
            listener(notice)
        return notice

    def listen(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` with every notice, the ones waiting first; returns "stop listening".

        ``listener`` may be called from any thread; the window hands the
        notice to its GUI thread.
        """
        with self._lock:
            waiting, self._pending[:] = list(self._pending), []
            self._listeners.append(listener)
        for notice in waiting:
            listener(notice)

        def stop() -> None:
            with self._lock, contextlib.suppress(ValueError):
                self._listeners.remove(listener)

        return stop


bus = NoticeBus()


def report(notice: BlogIdeasError) -> BlogIdeasError:
    """Report ``notice`` on this process's bus (:meth:`NoticeBus.report`)."""
    return bus.report(notice)


def listen(listener: Listener) -> Callable[[], None]:
    """Listen to this process's bus (:meth:`NoticeBus.listen`)."""
    return bus.listen(listener)
