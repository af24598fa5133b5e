"""A banner over the window for what happened to the app's own files.

A damaged history set aside, a settings file from a newer version left
alone, a full disk: core reports each once (:func:`blogideas_gui.core.common.notices.report`),
from whatever thread met it; the banner shows it in plain words until the
user closes it. The window opens and works either way.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from blogideas_gui.core.common.errors import BlogIdeasError
from blogideas_gui.core.common.notices import listen

STYLE = (
    "QFrame#notice_banner { background: #fef7e0; border: 1px solid #f9ab00; border-radius: 6px; }"
)


class NoticeBanner(QFrame):
    """The file notices, one line each, with a button to close them.

    Signals:
        arrived(str): a notice's message, handed from any thread to the GUI thread.
    """

    arrived = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice_banner")
        self.setStyleSheet(STYLE)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.clicked.connect(self.dismiss)
        row = QHBoxLayout(self)
        row.addWidget(self.text, 1)
        row.addWidget(self.close_button)
        self.hide()
        self.arrived.connect(self._add)
        stop = listen(self._heard)
        self.destroyed.connect(lambda *_: stop())

    def _heard(self, notice: BlogIdeasError) -> None:
        """Called by core, maybe on the generation thread: only emit from here."""
        self.arrived.emit(notice.message())

    @Slot(str)
    def _add(self, message: str) -> None:
        lines = [line for line in self.text.text().split("\n") if line]
        self.text.setText("\n".join([*lines, message]))
        self.show()

    @Slot()
    def dismiss(self) -> None:
        """Hide the notices shown so far; new ones open the banner again."""
        self.text.clear()
        self.hide()
