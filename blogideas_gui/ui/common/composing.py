"""Finish the syllable an input method is still composing before a field is read.

A Korean input method builds each syllable in the field as "preedit" text,
shown but not yet part of the field's text: ``toPlainText()`` and ``text()``
leave it out. A topic typed as "집에서 커피 내리기" and sent with Ctrl+Enter
while "기" was still composing became "집에서 커피 내리" (users of other Qt
apps report the same lost last syllable). So whatever reads a field the user
types in first asks for the composition to be finished, in three steps:

1. ``QInputMethod.commit()``: IBus and fcitx on Linux send the syllable
   to the field at once.
2. ``QInputMethod.reset()`` if the syllable is still there: the Windows and
   macOS input contexts finish a composition on reset, not on commit.
3. If it is still there, no input method answered (Qt's offscreen platform
   has none, and a plugin may ignore both): the field is sent the event an
   input method sends to finish it, the syllable as committed text. Nothing
   composes it any longer, so it cannot arrive twice.

Qt gives no public way to read a line edit's preedit, so the fields are
watched: every input method event says what is being composed now.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QWidget


class Composition(QObject):
    """Watches fields for a composing syllable and finishes it on request.

    Args:
        fields: the widgets the user types in (line and text edits).
    """

    def __init__(self, *fields: QWidget) -> None:
        super().__init__(fields[0])
        self._composing: dict[QObject, str] = {}
        for field in fields:
            self._composing[field] = ""
            field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Note what is being composed in ``watched``; the field still gets the event."""
        if event.type() == QEvent.Type.InputMethod and isinstance(event, QInputMethodEvent):
            self._composing[watched] = event.preeditString()
        return False

    def commit(self) -> None:
        """Make every syllable still being composed part of its field's text."""
        if not any(self._composing.values()):
            return
        method = QGuiApplication.inputMethod()
        method.commit()
        if any(self._composing.values()):
            method.reset()
        for field, syllable in list(self._composing.items()):
            if syllable:
                finished = QInputMethodEvent()
                finished.setCommitString(syllable)
                QCoreApplication.sendEvent(field, finished)
