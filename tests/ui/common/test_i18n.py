"""The Korean interface: the window asks core's catalogue, and shows no English string."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.common.i18n import catalogue
from blogideas_gui.ui.window.main_window import MainWindow
from blogideas_gui.ui.window.status_line import TickerLabel


def visible_texts(widget: QWidget) -> Iterator[str]:
    """Every text a user can read on ``widget`` and its children."""
    yield widget.windowTitle()
    for child in [widget, *widget.findChildren(QWidget)]:
        if isinstance(child, QLabel | QAbstractButton | TickerLabel):
            yield child.text()
        if isinstance(child, QGroupBox):
            yield child.title()
        if isinstance(child, QLineEdit):
            yield child.placeholderText()
        if isinstance(child, QComboBox):
            yield from (child.itemText(i) for i in range(child.count()))
        for action in child.actions():
            yield action.text()
            if action.menu() is not None:
                yield from (a.text() for a in action.menu().actions())


@pytest.mark.usefixtures("korean")
def test_the_window_and_core_read_one_catalogue() -> None:
    """Qt's translate() and an error's message give the same Korean: one lookup."""
    source = "The topic is empty. Type what the blog is about, for example “home coffee brewing”."
    qt = QCoreApplication.translate("Errors", source)
    assert qt.startswith("주제가 비어 있습니다")
    assert BlogIdeasError(ErrorKind.EMPTY_TOPIC).message() == qt
    assert QCoreApplication.translate("HistorySidebar", "%n idea(s)", "", 4) == "아이디어 4개"
    # Not in the catalogue: Qt shows the English source.
    assert QCoreApplication.translate("Nowhere", "Plain English") == "Plain English"


@pytest.mark.usefixtures("korean")
def test_the_korean_window_and_dialogs_show_no_english_string(qtbot: QtBot) -> None:
    korean = catalogue("ko")
    english = {source for (_, source, _), forms in korean.exact.items() if source not in forms}
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.form.generate_button.text() == "아이디어 만들기"
    shown = set(visible_texts(window))
    for dialog in (
        window.open_settings(), window.open_guide(), window.open_model_manager(),
        window.open_presets(),
    ):  # fmt: skip
        shown |= set(visible_texts(dialog))
        dialog.close()
    # Language pickers name each language in itself (한국어, English), as is usual.
    left = sorted(text for text in shown if text in english - {"English"})
    assert left == []
    assert any("모델" in text for text in shown)
