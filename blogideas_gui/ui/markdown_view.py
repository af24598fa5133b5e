"""A Markdown view for a streamed answer, re-rendered at a steady pace.

Rendering Markdown on every token costs the whole text each time, so a long
answer would freeze the window. The view renders the first piece at once,
then at most every ``interval_ms``, and once more when the answer ends.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QTextBrowser, QWidget

RENDER_INTERVAL_MS = 50


class StreamingMarkdownView(QTextBrowser):
    """A QTextBrowser that accumulates Markdown and renders it in batches."""

    def __init__(self, parent: QWidget | None = None, interval_ms: int = RENDER_INTERVAL_MS):
        super().__init__(parent)
        self.setOpenExternalLinks(True)
        self._interval_ms = interval_ms
        self._parts: list[str] = []
        self._rendered_at = 0.0
        self.last_render_ms = 0.0
        self.render_count = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.render_now)

    def markdown(self) -> str:
        """The Markdown received so far."""
        if len(self._parts) > 1:
            self._parts = ["".join(self._parts)]
        return self._parts[0] if self._parts else ""

    def set_markdown(self, text: str) -> None:
        """Replace the whole answer (an old session, or a clear) and show it now."""
        self._timer.stop()
        self._parts = [text] if text else []
        self.render_now()

    def append_markdown(self, text: str) -> None:
        """Add a piece of the answer; it shows within ``interval_ms``."""
        self._parts.append(text)
        if self._timer.isActive():
            return
        waited_ms = (time.perf_counter() - self._rendered_at) * 1000
        if waited_ms >= self._interval_ms:
            self.render_now()
        else:
            self._timer.start(max(1, int(self._interval_ms - waited_ms)))

    def render_now(self) -> None:
        """Render everything received, keeping the view at the bottom if it was there."""
        self._timer.stop()
        bar = self.verticalScrollBar()
        follow = bar.value() >= bar.maximum() - 4
        started = time.perf_counter()
        self.setMarkdown(self.markdown())
        if follow:
            bar.setValue(bar.maximum())
        self._rendered_at = time.perf_counter()
        self.last_render_ms = (self._rendered_at - started) * 1000
        self.render_count += 1
