"""The folder build's one-time offer to put BlogIdeas in the applications menu.

Unpacked from an archive, the app is found only by opening its folder again;
a script that adds it to the menu needs a terminal, which the people this app
is for do not open. So on the first start of the Linux folder build the window
asks, once: Add to the menu, or No thanks. Either answer is kept in the
settings (:attr:`~blogideas_gui.core.settings.preferences.Settings.menu_entry_offered`)
and the offer is not made again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from blogideas_gui.core.common.errors import BlogIdeasError
from blogideas_gui.core.common.menu_entry import install_menu_entry

STYLE = (
    "QFrame#menuEntryOffer { background: #e8f0fe; border: 1px solid #4285f4; border-radius: 6px; }"
)


class MenuEntryOffer(QFrame):
    """A notice with Add to the menu / No thanks, then a Close once it has been answered.

    Args:
        folder: the unpacked folder build whose entry and icons are installed.

    Signals:
        answered(): the user added the entry or declined; the offer is not made again.
    """

    answered = Signal()

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("menuEntryOffer")
        self.setStyleSheet(STYLE)
        self._folder = folder
        self.text = QLabel(
            self.tr(
                "Add BlogIdeas to your applications menu, so you can start it from there"
                " instead of opening this folder?"
            ),
            self,
        )
        self.text.setWordWrap(True)
        self.add_button = QPushButton(self.tr("Add to the menu"), self)
        self.decline_button = QPushButton(self.tr("No, thanks"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.hide()
        row = QHBoxLayout(self)
        row.addWidget(self.text, 1)
        for button in (self.add_button, self.decline_button, self.close_button):
            row.addWidget(button)
        self.add_button.clicked.connect(self._add)
        self.decline_button.clicked.connect(self._decline)
        self.close_button.clicked.connect(self.hide)

    @Slot()
    def _add(self) -> None:
        try:
            install_menu_entry(self._folder)
        except BlogIdeasError as error:  # asked again next time: nothing was added
            self.text.setText(error.message())
            return
        self.text.setText(self.tr("BlogIdeas is now in your applications menu."))
        self.add_button.hide()
        self.decline_button.hide()
        self.close_button.show()
        self.answered.emit()

    @Slot()
    def _decline(self) -> None:
        self.hide()
        self.answered.emit()
