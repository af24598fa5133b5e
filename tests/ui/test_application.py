"""The application as ``run_gui`` starts it: its font, and the folder build's menu offer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from blogideas_gui.core.common.language import use_language
from blogideas_gui.core.settings.preferences import Settings, save_settings
from blogideas_gui.ui.application import HANGUL_FAMILIES, Application
from blogideas_gui.ui.common.i18n import install_translator
from blogideas_gui.ui.window.menu_entry_offer import MenuEntryOffer
from tests.support.folder_build import unpacked_folder
from tests.ui.window.test_history_actions import finished_session


@pytest.fixture
def running(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Application]:
    """The folder build started as a user's second start does (no guide), undone afterwards."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    font = qapp.font()
    save_settings(Settings(first_run_done=True, ui_language="en"))
    running = Application(qapp, unpacked_folder(tmp_path))
    qtbot.addWidget(running.window)
    yield running
    running.window.close()
    running.close()
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


def test_the_menu_offer_is_made_again_in_a_new_interface_language_until_answered(
    qtbot: QtBot, running: Application
) -> None:
    [offer] = running.window.findChildren(MenuEntryOffer)
    assert offer.isVisible() and offer.add_button.text() == "Add to the menu"
    running.switch_language("ko")
    qtbot.addWidget(running.window)
    [offer] = running.window.findChildren(MenuEntryOffer)
    assert offer.isVisible() and offer.add_button.text() == "메뉴에 넣기"
    qtbot.mouseClick(offer.decline_button, Qt.MouseButton.LeftButton)
    running.switch_language("en")
    qtbot.addWidget(running.window)
    assert running.window.findChildren(MenuEntryOffer) == []


def test_a_new_interface_language_keeps_the_history_the_session_shown_and_the_topic(
    qtbot: QtBot, running: Application
) -> None:
    session_id = finished_session(running.store, "home coffee brewing")
    running.window.history.open_session(session_id)
    running.window.form.topic.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(running.window.form.topic, " at home")
    old = running.window
    running.switch_language("ko")
    qtbot.addWidget(running.window)
    window = running.window
    assert window is not old and window.store is running.store and window.ledger is running.ledger
    assert window.session.shown is not None and window.session.shown.id == session_id
    assert window.form.topic.toPlainText() == "home coffee brewing at home"
    assert len(window.answer.cards.cards) == 5
    assert window.sidebar.current_id() == session_id
    assert [s.id for s in running.store.list_sessions()] == [session_id]  # still open
