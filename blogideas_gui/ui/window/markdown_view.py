"""A Markdown view for a streamed answer that renders only what changed.

Rendering the whole Markdown on every update costs the whole answer each
time, and on a 2-core machine that time is taken from llama.cpp (PySide
holds the GIL while Qt parses and lays out). So the view keeps the finished
blocks of the answer (:func:`.markdown_blocks.finished_prefix`) in the
document as they are and replaces only the unfinished tail: a render costs
the last paragraph, however long the answer grows. Updates are also paced:
the first piece shows at once, later ones at most every ``interval_ms``
(ten a second), and less often when a render gets slow, so that renders
never hold more than 1/:data:`RENDER_BUDGET` of the GUI thread. Measured on
a 1,200-token answer: whole renders 20 times a second took 9 % of a core,
tail renders 6 %, ten a second 3.5 %. The repaint that follows each render
costs about as much again, but in Qt's own code, without the GIL, which is
why this view overrides no paint method. When the answer ends,
:meth:`finish` renders it whole once, so what stays on screen is exactly
Qt's Markdown.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import (
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextList,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from blogideas_gui.core.generation.pacing import PACE_SECONDS
from blogideas_gui.ui.window.markdown_blocks import finished_prefix

RENDER_INTERVAL_MS = round(PACE_SECONDS * 1000)
"""The window's update rate: the stream arrives in batches at this pace too."""
RENDER_BUDGET = 50
"""A render may take at most 1/RENDER_BUDGET of the time between renders (2 %)."""


class StreamingMarkdownView(QTextBrowser):
    """A QTextBrowser that accumulates Markdown and renders its tail in batches.

    Signals:
        appended(str): a piece of a streamed answer arrived (the piece);
            :meth:`set_markdown` emits ``replaced`` instead.
        replaced(): the whole text was set anew (a clear, an old session).
    """

    appended = Signal(str)
    replaced = Signal()

    def __init__(self, parent: QWidget | None = None, interval_ms: int = RENDER_INTERVAL_MS):
        super().__init__(parent)
        self.setOpenExternalLinks(True)
        self.document().setUndoRedoEnabled(False)
        self._interval_ms = interval_ms
        self._parts: list[str] = []
        self._rendered_at = 0.0
        self.last_render_ms = 0.0
        self.final_render_ms = 0.0
        self.render_count = 0
        self._stable_chars = 0
        self._stable_blocks = 0
        self._incremental = True
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
        self._parts = [text] if text else []
        self.finish()
        self.replaced.emit()

    def append_markdown(self, text: str) -> None:
        """Add a piece of the answer; it shows within the render interval."""
        self._parts.append(text)
        self.appended.emit(text)
        self._schedule()

    def rewrite_markdown(self, text: str) -> None:
        """The streamed answer is now ``text``, changed anywhere (ideas written side by side).

        Rendered whole rather than by its tail, at the same pace as appended
        pieces; :meth:`finish` goes back to tail renders for the next answer.
        """
        self._parts = [text]
        self._incremental = False
        self._schedule()

    def _schedule(self) -> None:
        """Render now if the interval has passed since the last render, else when it has."""
        if self._timer.isActive():
            return
        interval_ms = max(self._interval_ms, RENDER_BUDGET * self.last_render_ms)
        waited_ms = (time.perf_counter() - self._rendered_at) * 1000
        if waited_ms >= interval_ms:
            self.render_now()
        else:
            self._timer.start(max(1, int(interval_ms - waited_ms)))

    def render_now(self) -> None:
        """Show everything received: the finished blocks kept, the tail replaced."""
        self._timer.stop()
        self.last_render_ms = self._render(
            self._render_tail if self._incremental else self._render_plain
        )

    def finish(self) -> None:
        """Render the whole answer exactly, once (the answer ended or was replaced).

        Later pieces (an expansion streamed below the answer) go on from the
        end of this text if it ends with a finished block, else from the start.
        """
        self._timer.stop()
        self.final_render_ms = self._render(self._render_whole)

    def _render(self, how: Callable[[], None]) -> float:
        """Run a render, keeping the view at the bottom if it was there; its milliseconds."""
        bar = self.verticalScrollBar()
        follow = bar.value() >= bar.maximum() - 4
        started = time.perf_counter()
        how()
        if follow:
            bar.setValue(bar.maximum())
        self._rendered_at = time.perf_counter()
        self.render_count += 1
        return (self._rendered_at - started) * 1000

    def _render_plain(self) -> None:
        self.setMarkdown(self.markdown())

    def _render_whole(self) -> None:
        text = self.markdown()
        self.setMarkdown(text)
        self._incremental = True
        finished = text.endswith("\n\n") and finished_prefix(text + "x") == len(text)
        self._stable_chars = len(text) if finished else 0
        self._stable_blocks = self.document().blockCount() if finished else 0

    def _render_tail(self) -> None:
        text = self.markdown()
        cut = finished_prefix(text, self._stable_chars)
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        try:
            self._remove_tail(cursor)
            if cut > self._stable_chars and self._append(cursor, text[self._stable_chars : cut]):
                self._stable_chars = cut
                self._stable_blocks = self.document().blockCount()
            if self._incremental:
                self._append(cursor, text[cut:])
        finally:
            cursor.endEditBlock()
        if not self._incremental:
            self._render_plain()

    def _remove_tail(self, cursor: QTextCursor) -> None:
        """Delete every block after the finished ones (all of them if none is)."""
        if self._stable_blocks == 0:
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.removeSelectedText()
            cursor.setBlockFormat(QTextBlockFormat())
            cursor.setBlockCharFormat(QTextCharFormat())
            return
        last = self.document().findBlockByNumber(self._stable_blocks - 1)
        block_format, char_format = last.blockFormat(), last.charFormat()
        cursor.setPosition(last.position() + last.length() - 1)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        # Joining the first tail block gave the last finished one that block's format.
        cursor.setBlockFormat(block_format)
        cursor.setBlockCharFormat(char_format)

    def _append(self, cursor: QTextCursor, markdown: str) -> bool:
        """Parse ``markdown`` apart and copy its blocks to the end; False if it can't.

        Blocks are copied with their formats, and lists made anew, because
        inserting a parsed fragment would merge its first block into the
        last one. A list that goes on from the block above (items split at
        a cut) joins that list, so its numbers go on too. Tables are not
        copied: the view falls back to whole renders for this answer.
        """
        if not markdown:
            return True
        scratch = QTextDocument()
        scratch.setMarkdown(markdown)
        if scratch.rootFrame().childFrames():
            self._incremental = False
            return False
        cursor.movePosition(QTextCursor.MoveOperation.End)
        reuse_first = self._stable_blocks == 0
        above = None if reuse_first else cursor.block()
        lists: dict[int, QTextList] = {}
        block = scratch.begin()
        while block.isValid():
            block_format = block.blockFormat()
            block_format.clearProperty(QTextFormat.Property.ObjectIndex)
            if not reuse_first:
                cursor.insertBlock()
            reuse_first = False
            cursor.setBlockFormat(block_format)
            cursor.setBlockCharFormat(block.charFormat())
            source = block.textList()
            if source is not None:
                target = lists.get(source.objectIndex())
                if target is None and above is not None:
                    target = _list_above(above, source)
                if target is None:
                    target = cursor.createList(source.format())
                else:
                    target.add(cursor.block())
                lists[source.objectIndex()] = target
            above = None  # only the chunk's first block may continue the list above
            pieces = block.begin()
            while not pieces.atEnd():
                fragment = pieces.fragment()
                cursor.insertText(fragment.text(), fragment.charFormat())
                pieces += 1
            block = block.next()
        return True


def _list_above(block: QTextBlock, source: QTextList) -> QTextList | None:
    """The list ending at ``block`` that ``source`` goes on from, if any.

    Walks up through the list's items, nested lists and indented paragraphs
    to the nearest list of the same style and depth; text at the margin
    ends the search.
    """
    wanted = source.format()
    while block.isValid() and (block.textList() is not None or block.blockFormat().indent() > 0):
        found = block.textList()
        if found is not None:
            shape = found.format()
            if shape.style() == wanted.style() and shape.indent() == wanted.indent():
                return found
        block = block.previous()
    return None
