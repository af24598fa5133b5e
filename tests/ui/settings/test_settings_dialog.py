"""The settings window: languages, limit, key saved and removed, OK hands settings on.

The in-memory keychain of :mod:`tests.test_first_run` stands in for the OS
keychain, which does not run on the test machine.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from keyring.backends import fail
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from blogideas_gui.core.account.budget import Ledger
from blogideas_gui.core.common.errors import BlogIdeasError, ErrorKind
from blogideas_gui.core.settings.preferences import Settings
from blogideas_gui.core.settings.secrets import SERVICE, USERNAME, KeyStore
from blogideas_gui.ui.settings.settings_dialog import SettingsDialog
from tests.support.memory_keychain import MemoryKeychain

KEY = "sk-proj-SettingsDialogKey0000009876"
NOW = dt.datetime(2025, 3, 14, 12, 0, tzinfo=dt.UTC)


def make_dialog(
    qtbot: QtBot, store: KeyStore, settings: Settings | None = None, spent: float = 0.0
) -> SettingsDialog:
    ledger = Ledger(Path(os.environ["BLOGIDEAS_HOME"]) / "spending.sqlite3", clock=lambda: NOW)
    ledger.record(spent, "gpt-4o-mini")
    dialog = SettingsDialog(settings or Settings(), key_store=store, ledger=ledger, language="en")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_ok_hands_on_the_changed_settings(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, KeyStore(MemoryKeychain()), spent=1.25)
    assert dialog.spent.text() == dialog.tr("Spent this month: {amount}").format(amount="$1.25")
    assert dialog.budget.value() == 10.0
    dialog.ui_language.setCurrentIndex(dialog.ui_language.findData("ko"))
    dialog.output_language.setCurrentIndex(dialog.output_language.findData("en"))
    dialog.budget.clear()
    qtbot.keyClicks(dialog.budget, "25")
    dialog.server.setText("http://localhost:11434/v1")
    dialog.model.setText("llama3.2")
    with qtbot.waitSignal(dialog.settings_changed) as changed:
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    settings = changed.args[0]
    assert isinstance(settings, Settings)
    assert (settings.ui_language, settings.output_language) == ("ko", "en")
    assert settings.monthly_budget_usd == 25.0
    assert settings.openai_base_url == "http://localhost:11434/v1"
    assert settings.openai_model == "llama3.2"
    assert not dialog.isVisible()


def test_cancel_changes_nothing(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, KeyStore(MemoryKeychain()))
    dialog.budget.setValue(3)
    with qtbot.assertNotEmitted(dialog.settings_changed):
        dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()


def test_key_is_saved_shown_masked_and_removed(qtbot: QtBot) -> None:
    keychain = MemoryKeychain()
    dialog = make_dialog(qtbot, KeyStore(keychain))
    assert dialog.key_state.text() == dialog.tr("No OpenAI key is stored.")
    assert not dialog.remove_key_button.isEnabled()
    qtbot.keyClicks(dialog.key, KEY)
    dialog.save_key_button.click()
    assert keychain.items == {(SERVICE, USERNAME): KEY}
    assert dialog.key.text() == ""
    assert "sk-…9876" in dialog.key_state.text() and "keychain" in dialog.key_state.text()
    for label in dialog.findChildren(type(dialog.key_state)):
        assert KEY not in label.text()
    dialog.remove_key_button.click()
    assert keychain.items == {}
    assert dialog.key_state.text() == dialog.tr("No OpenAI key is stored.")


def test_without_a_keychain_the_file_notice_is_shown(qtbot: QtBot) -> None:
    store = KeyStore(fail.Keyring())
    dialog = make_dialog(qtbot, store)
    qtbot.keyClicks(dialog.key, KEY)
    with qtbot.waitSignal(dialog.settings_changed):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()  # OK saves it too
    loaded = store.load()
    assert loaded is not None and loaded.value == KEY and loaded.source == "file"
    again = make_dialog(qtbot, store)
    notice = BlogIdeasError(ErrorKind.KEY_NOT_IN_KEYCHAIN, str(store.fallback_path))
    assert again.key_notice.text() == notice.message("en")
    assert "sk-…9876" in again.key_state.text()


def test_a_key_with_spaces_is_refused_in_plain_words(qtbot: QtBot) -> None:
    keychain = MemoryKeychain()
    dialog = make_dialog(qtbot, KeyStore(keychain))
    dialog.key.setText("sk-abc def")
    dialog.save_key_button.click()
    assert keychain.items == {}
    assert "spaces" in dialog.key_notice.text()


def test_rerun_guide(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, KeyStore(MemoryKeychain()))
    with qtbot.waitSignal(dialog.rerun_guide):
        dialog.guide_button.click()
    assert not dialog.isVisible()


def test_a_key_typed_for_another_server_is_that_servers_alone(qtbot: QtBot) -> None:
    """The key field belongs to the address shown: OpenAI's key never goes elsewhere."""
    keychain = MemoryKeychain()
    store = KeyStore(keychain)
    store.save(KEY)
    dialog = make_dialog(qtbot, store)
    qtbot.keyClicks(dialog.server, "localhost:11434")
    qtbot.keyClick(dialog.server, Qt.Key.Key_Return)
    assert dialog.key_state.text() == dialog.tr("No key is stored for this server; it gets none.")
    qtbot.keyClicks(dialog.key, "sk-ollama-ServerOnly0001")
    qtbot.mouseClick(dialog.save_key_button, Qt.MouseButton.LeftButton)
    assert keychain.items == {
        (SERVICE, USERNAME): KEY,
        (SERVICE, "server http://localhost:11434"): "sk-ollama-ServerOnly0001",
    }
    assert "sk-…0001" in dialog.key_state.text()
    dialog.server.clear()
    qtbot.keyClick(dialog.server, Qt.Key.Key_Return)
    assert "sk-…9876" in dialog.key_state.text()  # OpenAI's own, untouched
