"""The application as ``run_gui`` starts it: its font names the Korean faces."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from blogideas_gui.core.common.language import use_language
from blogideas_gui.core.settings.preferences import Settings, save_settings
from blogideas_gui.ui.application import HANGUL_FAMILIES, Application
from blogideas_gui.ui.common.i18n import install_translator


@pytest.fixture
def running(qapp: QApplication, qtbot: QtBot) -> Iterator[Application]:
    """The application started as a user's second start does (no guide), undone afterwards."""
    font = qapp.font()
    save_settings(Settings(first_run_done=True, ui_language="en"))
    running = Application(qapp)
    qtbot.addWidget(running.window)
    yield running
    running.window.close()
    qapp.setFont(font)
    install_translator(qapp, "en")
    use_language(None)


def test_the_font_lists_the_korean_faces_after_the_platform_default(
    qapp: QApplication, running: Application
) -> None:
    default = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family()
    families = qapp.font().families()
    assert families[0] == default  # Latin text keeps the platform's own face
    assert [name for name in families if name in HANGUL_FAMILIES] == list(HANGUL_FAMILIES)
    assert running.window.form.topic.font().families() == families  # the widgets inherit it
